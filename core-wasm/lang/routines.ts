// The routines a scenario may call, with their real WDK argument lists, and the
// other words of the language. The compiler checks calls against this table and
// the editor uses it for highlighting, hints and completion.
import { ObjectType, Op } from "./program";

/** What one argument of a routine accepts. */
export type ParamKind =
  | { kind: "object"; type: ObjectType } // &Name of a declared object of this type
  | { kind: "apc" } // &Name of an apc
  | { kind: "dpc" } // &Name of a dpc
  | { kind: "irql" } // an IRQL constant (PASSIVE_LEVEL, DIRQL(5), ...)
  | { kind: "irqlValue" } // an IRQL constant or a KIRQL local
  | { kind: "irqlOut" } // &local: receives the previous IRQL
  | { kind: "integer"; min: number; max: number; what: string }
  | { kind: "increment" } // KPRIORITY increment: 0..31 or IO_NO_INCREMENT / EVENT_INCREMENT
  | { kind: "boolean" } // TRUE / FALSE (or 0 / 1)
  | { kind: "waitReason" } // Executive (the simulator does not use it)
  | { kind: "waitMode" } // KernelMode / UserMode
  | { kind: "timeout" } // NULL, 0 or n ticks
  | { kind: "eventType" }; // NotificationEvent / SynchronizationEvent

export interface Param {
  /** Name shown in signatures, as in the WDK prototype. */
  readonly name: string;
  readonly type: ParamKind;
  /** Value used when a trailing argument is omitted; undefined = required. */
  readonly defaultText?: string;
}

export interface RoutineInfo {
  readonly name: string;
  readonly op: Op;
  readonly params: readonly Param[];
  /** How it is written in a scenario, e.g. `KeAcquireGuardedMutex(&M)`. */
  readonly signature: string;
  readonly group:
    | "guarded mutex"
    | "fast mutex"
    | "regions"
    | "IRQL"
    | "spin lock"
    | "events and waits"
    | "APC / DPC"
    | "simulator"
    | "initialize";
  /** One line for hover hints. */
  readonly summary: string;
  /** Try routines return BOOLEAN and may be an `if` condition. */
  readonly isTry?: boolean;
}

export const IRQL_LEVELS: Readonly<Record<string, number>> = {
  PASSIVE_LEVEL: 0,
  LOW_LEVEL: 0,
  APC_LEVEL: 1,
  DISPATCH_LEVEL: 2,
  CLOCK_LEVEL: 13,
  IPI_LEVEL: 14,
  HIGH_LEVEL: 15,
};
/** `DIRQL(n)`: a device IRQL, 3..12 on x64. */
export const DIRQL_MIN = 3;
export const DIRQL_MAX = 12;
export const HIGH_LEVEL = 15;

export const OBJECT_TYPE_NAMES: Readonly<Record<string, ObjectType>> = {
  KGUARDED_MUTEX: ObjectType.GuardedMutex,
  FAST_MUTEX: ObjectType.FastMutex,
  KSPIN_LOCK: ObjectType.SpinLock,
  KEVENT: ObjectType.Event,
};

export function objectTypeName(type: ObjectType): string {
  switch (type) {
    case ObjectType.GuardedMutex:
      return "KGUARDED_MUTEX";
    case ObjectType.FastMutex:
      return "FAST_MUTEX";
    case ObjectType.SpinLock:
      return "KSPIN_LOCK";
    case ObjectType.Event:
      return "KEVENT";
  }
}

const GM = { kind: "object", type: ObjectType.GuardedMutex } as const;
const FM = { kind: "object", type: ObjectType.FastMutex } as const;
const SL = { kind: "object", type: ObjectType.SpinLock } as const;
const EV = { kind: "object", type: ObjectType.Event } as const;

function routine(
  name: string,
  op: Op,
  group: RoutineInfo["group"],
  params: Param[],
  summary: string,
  isTry = false,
): RoutineInfo {
  const shown = params.map((p) => p.name).join(", ");
  const signature = name === "KeRaiseIrqlToDpcLevel" ? `old = ${name}()` : `${name}(${shown})`;
  return { name, op, params, signature, group, summary, ...(isTry ? { isTry } : {}) };
}

/** Every routine of the language, in the order of the spec's statements table. */
export const ROUTINES: readonly RoutineInfo[] = [
  routine(
    "KeAcquireGuardedMutex",
    Op.AcquireGuardedMutex,
    "guarded mutex",
    [{ name: "&M", type: GM }],
    "Enters a guarded region and acquires the guarded mutex, waiting if it is owned.",
  ),
  routine(
    "KeReleaseGuardedMutex",
    Op.ReleaseGuardedMutex,
    "guarded mutex",
    [{ name: "&M", type: GM }],
    "Releases the guarded mutex, wakes one waiter, then leaves the guarded region.",
  ),
  routine(
    "KeTryToAcquireGuardedMutex",
    Op.TryToAcquireGuardedMutex,
    "guarded mutex",
    [{ name: "&M", type: GM }],
    "Acquires the guarded mutex if it is free; returns FALSE at once otherwise.",
    true,
  ),
  routine(
    "KeAcquireGuardedMutexUnsafe",
    Op.AcquireGuardedMutexUnsafe,
    "guarded mutex",
    [{ name: "&M", type: GM }],
    "Acquires the guarded mutex without entering a guarded region (caller must already be in one or at APC_LEVEL).",
  ),
  routine(
    "KeReleaseGuardedMutexUnsafe",
    Op.ReleaseGuardedMutexUnsafe,
    "guarded mutex",
    [{ name: "&M", type: GM }],
    "Releases a guarded mutex acquired with KeAcquireGuardedMutexUnsafe.",
  ),
  routine(
    "ExAcquireFastMutex",
    Op.AcquireFastMutex,
    "fast mutex",
    [{ name: "&F", type: FM }],
    "Raises to APC_LEVEL and acquires the fast mutex, waiting if it is owned.",
  ),
  routine(
    "ExReleaseFastMutex",
    Op.ReleaseFastMutex,
    "fast mutex",
    [{ name: "&F", type: FM }],
    "Releases the fast mutex and lowers IRQL to the value saved at acquire.",
  ),
  routine(
    "ExTryToAcquireFastMutex",
    Op.TryToAcquireFastMutex,
    "fast mutex",
    [{ name: "&F", type: FM }],
    "Acquires the fast mutex if it is free; returns FALSE at once otherwise.",
    true,
  ),
  routine(
    "ExAcquireFastMutexUnsafe",
    Op.AcquireFastMutexUnsafe,
    "fast mutex",
    [{ name: "&F", type: FM }],
    "Acquires the fast mutex without raising IRQL (caller must be at APC_LEVEL or in a critical region).",
  ),
  routine(
    "ExReleaseFastMutexUnsafe",
    Op.ReleaseFastMutexUnsafe,
    "fast mutex",
    [{ name: "&F", type: FM }],
    "Releases a fast mutex acquired with ExAcquireFastMutexUnsafe.",
  ),
  routine(
    "KeEnterGuardedRegion",
    Op.EnterGuardedRegion,
    "regions",
    [],
    "Disables all APCs to the current thread (SpecialApcDisable -= 1).",
  ),
  routine(
    "KeLeaveGuardedRegion",
    Op.LeaveGuardedRegion,
    "regions",
    [],
    "Re-enables APCs at the outermost leave and delivers pending ones.",
  ),
  routine(
    "KeEnterCriticalRegion",
    Op.EnterCriticalRegion,
    "regions",
    [],
    "Disables normal kernel and user APCs (KernelApcDisable -= 1).",
  ),
  routine(
    "KeLeaveCriticalRegion",
    Op.LeaveCriticalRegion,
    "regions",
    [],
    "Re-enables normal kernel APCs at the outermost leave and delivers pending ones.",
  ),
  routine(
    "KeRaiseIrql",
    Op.RaiseIrql,
    "IRQL",
    [
      { name: "NewIrql", type: { kind: "irql" } },
      { name: "&old", type: { kind: "irqlOut" } },
    ],
    "Raises the processor's IRQL and stores the previous one in a KIRQL local.",
  ),
  routine(
    "KeRaiseIrqlToDpcLevel",
    Op.RaiseIrqlToDpcLevel,
    "IRQL",
    [],
    "Raises IRQL to DISPATCH_LEVEL and returns the previous IRQL.",
  ),
  routine(
    "KeLowerIrql",
    Op.LowerIrql,
    "IRQL",
    [{ name: "old", type: { kind: "irqlValue" } }],
    "Lowers IRQL to a saved value (or an IRQL constant).",
  ),
  routine(
    "KeAcquireSpinLock",
    Op.AcquireSpinLock,
    "spin lock",
    [
      { name: "&S", type: SL },
      { name: "&old", type: { kind: "irqlOut" } },
    ],
    "Raises to DISPATCH_LEVEL and spins until it owns the lock; stores the previous IRQL.",
  ),
  routine(
    "KeReleaseSpinLock",
    Op.ReleaseSpinLock,
    "spin lock",
    [
      { name: "&S", type: SL },
      { name: "old", type: { kind: "irqlValue" } },
    ],
    "Releases the spin lock and lowers IRQL to the saved value.",
  ),
  routine(
    "KeAcquireSpinLockAtDpcLevel",
    Op.AcquireSpinLockAtDpcLevel,
    "spin lock",
    [{ name: "&S", type: SL }],
    "Acquires the spin lock; the caller is already at DISPATCH_LEVEL.",
  ),
  routine(
    "KeReleaseSpinLockFromDpcLevel",
    Op.ReleaseSpinLockFromDpcLevel,
    "spin lock",
    [{ name: "&S", type: SL }],
    "Releases the spin lock without changing IRQL.",
  ),
  routine(
    "KeSetEvent",
    Op.SetEvent,
    "events and waits",
    [
      { name: "&E", type: EV },
      { name: "Increment", type: { kind: "increment" } },
      { name: "Wait", type: { kind: "boolean" } },
    ],
    "Signals the event and wakes its waiters (one for a synchronization event), boosting them by Increment.",
  ),
  routine(
    "KeResetEvent",
    Op.ResetEvent,
    "events and waits",
    [{ name: "&E", type: EV }],
    "Sets the event to not-signaled and returns its previous state.",
  ),
  routine(
    "KeClearEvent",
    Op.ClearEvent,
    "events and waits",
    [{ name: "&E", type: EV }],
    "Sets the event to not-signaled.",
  ),
  routine(
    "KeWaitForSingleObject",
    Op.WaitForSingleObject,
    "events and waits",
    [
      { name: "&E", type: EV },
      { name: "Executive", type: { kind: "waitReason" }, defaultText: "Executive" },
      { name: "KernelMode", type: { kind: "waitMode" }, defaultText: "KernelMode" },
      { name: "Alertable", type: { kind: "boolean" }, defaultText: "FALSE" },
      { name: "Timeout", type: { kind: "timeout" }, defaultText: "NULL" },
    ],
    "Waits until the event is signaled; Timeout NULL waits forever, 0 polls, n waits at most n ticks.",
  ),
  routine(
    "KeInsertQueueApc",
    Op.InsertQueueApc,
    "APC / DPC",
    [{ name: "&Apc", type: { kind: "apc" } }],
    "Queues the APC to its target thread.",
  ),
  routine(
    "KeInsertQueueDpc",
    Op.InsertQueueDpc,
    "APC / DPC",
    [{ name: "&Dpc", type: { kind: "dpc" } }],
    "Queues the DPC to its processor.",
  ),
  routine(
    "Work",
    Op.Work,
    "simulator",
    [{ name: "n", type: { kind: "integer", min: 1, max: 0x7fffffff, what: "Work(n) needs n ≥ 1" } }],
    "Burns n ticks of CPU at the current IRQL (n steps).",
  ),
  routine(
    "Delay",
    Op.Delay,
    "simulator",
    [{ name: "n", type: { kind: "integer", min: 0, max: 0x7fffffff, what: "Delay(n) needs n ≥ 0" } }],
    "KeDelayExecutionThread for n ticks: the thread waits, then becomes Ready.",
  ),
  routine("Yield", Op.Yield, "simulator", [], "ZwYieldExecution: gives up the rest of the quantum."),
  routine(
    "KeInitializeGuardedMutex",
    Op.InitializeGuardedMutex,
    "initialize",
    [{ name: "&M", type: GM }],
    "Re-initializes the guarded mutex to free.",
  ),
  routine(
    "ExInitializeFastMutex",
    Op.InitializeFastMutex,
    "initialize",
    [{ name: "&F", type: FM }],
    "Re-initializes the fast mutex to free.",
  ),
  routine(
    "KeInitializeSpinLock",
    Op.InitializeSpinLock,
    "initialize",
    [{ name: "&S", type: SL }],
    "Re-initializes the spin lock to free.",
  ),
  routine(
    "KeInitializeEvent",
    Op.InitializeEvent,
    "initialize",
    [
      { name: "&E", type: EV },
      { name: "Type", type: { kind: "eventType" } },
      { name: "State", type: { kind: "boolean" } },
    ],
    "Re-initializes the event with a type and an initial state.",
  ),
];

const BY_NAME = new Map<string, RoutineInfo>(ROUTINES.map((r) => [r.name, r]));

export function findRoutine(name: string): RoutineInfo | undefined {
  return BY_NAME.get(name);
}

/** Language keywords (statements, declarations, attributes). */
export const KEYWORDS: readonly string[] = [
  "thread",
  "apc",
  "dpc",
  "at",
  "if",
  "else",
  "repeat",
  "while",
  "priority",
  "start",
  "affinity",
  "syscall",
  "special",
  "normal",
  "user",
  "target",
  "cpu",
];
/** Words that introduce a top-level item or statement; they cannot name things. */
export const RESERVED_KEYWORDS: ReadonlySet<string> = new Set([
  "thread",
  "apc",
  "dpc",
  "at",
  "if",
  "else",
  "repeat",
  "while",
]);

export const TYPE_NAMES: readonly string[] = ["KGUARDED_MUTEX", "FAST_MUTEX", "KSPIN_LOCK", "KEVENT", "KIRQL"];

/** Named constants other than IRQLs. */
export const CONSTANTS: Readonly<Record<string, number>> = {
  TRUE: 1,
  FALSE: 0,
  NULL: 0,
  Executive: 0,
  UserRequest: 13,
  KernelMode: 0,
  UserMode: 1,
  NotificationEvent: 0,
  SynchronizationEvent: 1,
  IO_NO_INCREMENT: 0,
  EVENT_INCREMENT: 1,
};

export const DIRECTIVES: readonly string[] = [
  "#title",
  "#description",
  "#cpus",
  "#quantum",
  "#seed",
  "#scheduler",
  "#verifier",
  "#windows",
  "#boosts",
  "#autoboost",
  "#goal",
];

/** True for words that cannot be used as a declared name. */
export function isReservedWord(word: string): boolean {
  return (
    RESERVED_KEYWORDS.has(word) ||
    TYPE_NAMES.includes(word) ||
    BY_NAME.has(word) ||
    Object.hasOwn(IRQL_LEVELS, word) ||
    word === "DIRQL" ||
    Object.hasOwn(CONSTANTS, word)
  );
}
