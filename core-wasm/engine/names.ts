// Names the engine's numbers stand for: routine and engine-event names of
// trace ops, result words, bug-check names and DDI rule names (docs/kernel-semantics.md §8).
import { Op } from "../lang/program";
import { EngineEvent, Result } from "../shared/trace-codes";

export { EngineEvent, Result };

/** The WDK routine of each opcode the trace shows (control-flow ops have none). */
export const ROUTINE_NAMES: Readonly<Partial<Record<Op, string>>> = {
  [Op.AcquireGuardedMutex]: "KeAcquireGuardedMutex",
  [Op.ReleaseGuardedMutex]: "KeReleaseGuardedMutex",
  [Op.TryToAcquireGuardedMutex]: "KeTryToAcquireGuardedMutex",
  [Op.AcquireGuardedMutexUnsafe]: "KeAcquireGuardedMutexUnsafe",
  [Op.ReleaseGuardedMutexUnsafe]: "KeReleaseGuardedMutexUnsafe",
  [Op.AcquireFastMutex]: "ExAcquireFastMutex",
  [Op.ReleaseFastMutex]: "ExReleaseFastMutex",
  [Op.TryToAcquireFastMutex]: "ExTryToAcquireFastMutex",
  [Op.AcquireFastMutexUnsafe]: "ExAcquireFastMutexUnsafe",
  [Op.ReleaseFastMutexUnsafe]: "ExReleaseFastMutexUnsafe",
  [Op.EnterGuardedRegion]: "KeEnterGuardedRegion",
  [Op.LeaveGuardedRegion]: "KeLeaveGuardedRegion",
  [Op.EnterCriticalRegion]: "KeEnterCriticalRegion",
  [Op.LeaveCriticalRegion]: "KeLeaveCriticalRegion",
  [Op.RaiseIrql]: "KeRaiseIrql",
  [Op.RaiseIrqlToDpcLevel]: "KeRaiseIrqlToDpcLevel",
  [Op.LowerIrql]: "KeLowerIrql",
  [Op.AcquireSpinLock]: "KeAcquireSpinLock",
  [Op.ReleaseSpinLock]: "KeReleaseSpinLock",
  [Op.AcquireSpinLockAtDpcLevel]: "KeAcquireSpinLockAtDpcLevel",
  [Op.ReleaseSpinLockFromDpcLevel]: "KeReleaseSpinLockFromDpcLevel",
  [Op.SetEvent]: "KeSetEvent",
  [Op.ResetEvent]: "KeResetEvent",
  [Op.ClearEvent]: "KeClearEvent",
  [Op.WaitForSingleObject]: "KeWaitForSingleObject",
  [Op.InsertQueueApc]: "KeInsertQueueApc",
  [Op.InsertQueueDpc]: "KeInsertQueueDpc",
  [Op.Work]: "Work",
  [Op.Delay]: "KeDelayExecutionThread",
  [Op.Yield]: "ZwYieldExecution",
  [Op.InitializeGuardedMutex]: "KeInitializeGuardedMutex",
  [Op.InitializeFastMutex]: "ExInitializeFastMutex",
  [Op.InitializeSpinLock]: "KeInitializeSpinLock",
  [Op.InitializeEvent]: "KeInitializeEvent",
};

/** Engine events by code: the member name of EngineEvent is the op's name in the trace and the report. */
export const ENGINE_EVENT_NAMES: Readonly<Record<number, string>> = Object.fromEntries(
  Object.entries(EngineEvent)
    .filter(([, code]) => typeof code === "number")
    .map(([name, code]) => [code, name]),
);

/** The trace's and the report's word for each result code (docs/cli.md, "The run report"). */
export const RESULT_NAMES: Readonly<Record<Result, string>> = {
  [Result.None]: "",
  [Result.Acquired]: "acquired",
  [Result.Blocked]: "blocked",
  [Result.Released]: "released",
  [Result.Woken]: "woken",
  [Result.True]: "TRUE",
  [Result.False]: "FALSE",
  [Result.Signaled]: "signaled",
  [Result.Delivered]: "delivered",
  [Result.Queued]: "queued",
  [Result.Timeout]: "timeout",
  [Result.Spinning]: "spinning",
  [Result.Ready]: "ready",
  [Result.Preempted]: "preempted",
  [Result.Working]: "working",
  [Result.Done]: "done",
  [Result.Raised]: "raised",
  [Result.Lowered]: "lowered",
  [Result.Entered]: "entered",
  [Result.Left]: "left",
  [Result.Reset]: "reset",
  [Result.Returned]: "returned",
  [Result.Latched]: "latched",
  [Result.UserApc]: "user-apc",
  [Result.Boosted]: "boosted",
  [Result.Initialized]: "initialized",
  [Result.Yielded]: "yielded",
  [Result.Started]: "started",
  [Result.Exited]: "exited",
  [Result.Completed]: "completed",
  [Result.Deadlock]: "deadlock",
  [Result.Bugcheck]: "bugcheck",
  [Result.StepLimit]: "step-limit",
  [Result.Running]: "running",
  [Result.Continued]: "continued",
  [Result.NotQueued]: "not-queued",
  [Result.Unwaited]: "unwaited",
  [Result.Restored]: "restored",
  [Result.Waiting]: "waiting",
};

export const BUGCHECK_NAMES: Readonly<Record<number, string>> = {
  0x1: "APC_INDEX_MISMATCH",
  0xa: "IRQL_NOT_LESS_OR_EQUAL",
  0xf: "SPIN_LOCK_ALREADY_OWNED",
  0x10: "SPIN_LOCK_NOT_OWNED",
  0x20: "KERNEL_APC_PENDING_DURING_EXIT",
  0x4a: "IRQL_GT_ZERO_AT_SYSTEM_SERVICE",
  0xb8: "ATTEMPTED_SWITCH_FROM_DPC",
  0xc4: "DRIVER_VERIFIER_DETECTED_VIOLATION",
  0x153: "KERNEL_LOCK_ENTRY_LEAKED_ON_THREAD_TERMINATION",
  0x162: "KERNEL_AUTO_BOOST_INVALID_LOCK_RELEASE",
  0x192: "KERNEL_AUTO_BOOST_LOCK_ACQUISITION_WITH_RAISED_IRQL",
};

/** DDI compliance rules by their 0xC4 P1 code. */
export const DDI_RULES: Readonly<Record<number, string>> = {
  0x00020005: "IrqlExApcLte1",
  0x0002000f: "IrqlKeApcLte1",
  0x00020010: "IrqlKeApcLte2",
  0x00020011: "IrqlKeDispatchLte",
  0x00020015: "IrqlKeReleaseSpinLock",
  0x00020016: "IrqlKeSetEvent",
  0x00040003: "CriticalRegions",
  0x00040009: "SpinLock",
  0x0004000e: "GuardedRegions",
};

/** One sentence per 0xC4 P1 code (classic and deadlock-detection codes). */
export const C4_EXPLANATIONS: Readonly<Record<number, string>> = {
  0x30: "KeRaiseIrql was asked to raise to a level below the current IRQL.",
  0x31: "KeLowerIrql was asked to lower to a level above the current IRQL.",
  0x34: "ExReleaseFastMutex was called at an IRQL other than APC_LEVEL.",
  0x39: "An Unsafe fast/guarded mutex acquire ran below APC_LEVEL outside a critical or guarded region.",
  0x3a: "An Unsafe fast/guarded mutex release ran below APC_LEVEL outside a critical or guarded region.",
  0x40: "KeAcquireSpinLockAtDpcLevel was called below DISPATCH_LEVEL.",
  0x41: "KeReleaseSpinLockFromDpcLevel was called below DISPATCH_LEVEL.",
  0x120: "A blocking wait was attempted above DISPATCH_LEVEL.",
  0x121: "A wait with no timeout was attempted at DISPATCH_LEVEL.",
  0x122: "A wait with a non-zero timeout was attempted at DISPATCH_LEVEL.",
  0x1000: "Deadlock detection: a thread acquired a lock it already holds (self-deadlock).",
  0x1001: "Deadlock detection: this acquire closes a cycle in the lock order graph (potential deadlock).",
  0x1003: "Deadlock detection: a lock was released out of acquisition order.",
  0x1004: "Deadlock detection: a lock was released by a thread that does not own it.",
  0x1007: "Deadlock detection: a lock that was not acquired was released.",
  0x100a: "Deadlock detection: a thread ended while still owning a lock.",
};

export const BUGCHECK_EXPLANATIONS: Readonly<Record<number, string>> = {
  0x1: "A system service returned to user mode with APCs still disabled (inside a critical or guarded region).",
  0xa: "A blocking wait was attempted at DISPATCH_LEVEL or above, where the thread cannot be switched out.",
  0x20: "A thread ended with a non-zero APC-disable count (inside a critical or guarded region, or after an unbalanced leave).",
  0x4a: "A system service returned to user mode at an IRQL above PASSIVE_LEVEL.",
  0xb8: "A DPC tried to wait or switch threads; DPCs run at DISPATCH_LEVEL in an arbitrary thread's context.",
  0x153: "A thread ended while owning a lock that AutoBoost tracks.",
  0x162: "A thread released an AutoBoost-tracked lock that it does not own.",
  0x192: "An AutoBoost-tracked lock was acquired at DISPATCH_LEVEL or above.",
};

export const IRQL_NAMES: readonly string[] = [
  "PASSIVE_LEVEL",
  "APC_LEVEL",
  "DISPATCH_LEVEL",
  "DIRQL(3)",
  "DIRQL(4)",
  "DIRQL(5)",
  "DIRQL(6)",
  "DIRQL(7)",
  "DIRQL(8)",
  "DIRQL(9)",
  "DIRQL(10)",
  "DIRQL(11)",
  "DIRQL(12)",
  "CLOCK_LEVEL",
  "IPI_LEVEL",
  "HIGH_LEVEL",
];

export function irqlName(level: number): string {
  return IRQL_NAMES[level] ?? `IRQL ${level}`;
}

/** "0x" + uppercase hex of the 32-bit value, no leading zeros (docs/cli.md, "Formats"). */
export function hex(value: number): string {
  return "0x" + (value >>> 0).toString(16).toUpperCase();
}

/** The code of a trace op by its name (ROUTINE_NAMES or EngineEvent), e.g. for building events in tests. */
export function traceOpNamed(name: string): Op | EngineEvent | undefined {
  for (const [code, routine] of Object.entries(ROUTINE_NAMES)) if (routine === name) return Number(code) as Op;
  const event = (EngineEvent as unknown as Record<string, number | undefined>)[name];
  return typeof event === "number" ? (event as EngineEvent) : undefined;
}

/** The code of a result word; a number is what Result.Returned shows. */
export function resultNamed(word: string): Result | undefined {
  if (/^-?\d+$/.test(word)) return Result.Returned;
  for (const [code, name] of Object.entries(RESULT_NAMES)) if (name === word) return Number(code) as Result;
  return undefined;
}
