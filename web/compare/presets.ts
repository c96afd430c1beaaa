// The comparisons the compare mode offers ready-made: the same threads with
// a guarded or a fast mutex, one scenario on Windows 2003 and on Windows 8,
// with Driver Verifier off and on, and under the priority scheduler and a
// random seed. The pairs use the same thread and object names on both sides,
// so the difference list speaks about the same things.
import type { SchedulerMode } from "../store/backend";
import type { SharedSettings } from "../share/share-link";

/** One side of a comparison: scenario text (or a built-in scenario's name) and what the UI overrides. */
export interface SideSpec {
  /** A built-in scenario's name; used when `source` is not given. */
  readonly scenario?: string;
  readonly source?: string;
  readonly fileName?: string;
  readonly scheduler?: SchedulerMode;
  readonly seed?: number;
  readonly settings?: Partial<SharedSettings>;
}

export interface ComparePreset {
  readonly id: string;
  readonly title: string;
  /** What to watch, one or two sentences. */
  readonly description: string;
  readonly left: SideSpec;
  readonly right: SideSpec;
  /** One text for both sides (the settings differ). */
  readonly sameScenario: boolean;
}

const apcUnderLock = (kind: "guarded" | "fast") => {
  const guarded = kind === "guarded";
  return `// ${guarded ? "A guarded mutex enters a guarded region: IRQL stays PASSIVE_LEVEL." : "A fast mutex raises IRQL to APC_LEVEL."}
#title   "${guarded ? "Guarded mutex" : "Fast mutex"} with an APC queued to its owner"
#cpus    1
#verifier off
#windows 2003

${guarded ? "KGUARDED_MUTEX" : "FAST_MUTEX"} Lock;

apc Audit (special, target = Worker) {
    Work(1);
}

thread Worker (priority = 8) {
    ${guarded ? "KeAcquireGuardedMutex(&Lock);   // SpecialApcDisable -1, IRQL unchanged" : "ExAcquireFastMutex(&Lock);      // IRQL PASSIVE_LEVEL -> APC_LEVEL"}
    Work(2);                        // Audit is queued now and held back
    ${guarded ? "KeReleaseGuardedMutex(&Lock);   // leaving the guarded region delivers Audit" : "ExReleaseFastMutex(&Lock);      // lowering IRQL delivers Audit"}
    Work(1);
}

thread Other (priority = 10, start = 2) {
    Work(1);                        // preempts Worker: both stay below DISPATCH_LEVEL
}

at (1) KeInsertQueueApc(&Audit);
`;
};

const PRIORITY_INVERSION = `// L holds M when H needs it; Mid outranks L. Windows 8's AutoBoost lends L
// the waiter's priority; Windows 2003 to 7 do not, so Mid starves L (and H).
#title   "Priority inversion"
#cpus    1
#verifier off

KGUARDED_MUTEX M;

thread L (priority = 4) {
    KeAcquireGuardedMutex(&M);
    Work(3);
    KeReleaseGuardedMutex(&M);
}

thread H (priority = 12, start = 1) {
    KeAcquireGuardedMutex(&M);      // blocks on M, owned by L
    Work(1);
    KeReleaseGuardedMutex(&M);
}

thread Mid (priority = 8, start = 2) {
    repeat (12) {
        Work(1);
    }
}
`;

const LOCK_ORDER_RACE = `// T1 takes A then B, T2 takes B then A, with nothing forcing the timing:
// whether they deadlock depends on who runs when.
#title   "Lock order race"
#cpus    1
#verifier off
#windows 2003

KGUARDED_MUTEX A, B;

thread T1 (priority = 8) {
    KeAcquireGuardedMutex(&A);
    Work(1);
    KeAcquireGuardedMutex(&B);
    Work(1);
    KeReleaseGuardedMutex(&B);
    KeReleaseGuardedMutex(&A);
}

thread T2 (priority = 8) {
    KeAcquireGuardedMutex(&B);
    Work(1);
    KeAcquireGuardedMutex(&A);
    Work(1);
    KeReleaseGuardedMutex(&A);
    KeReleaseGuardedMutex(&B);
}
`;

export const COMPARE_PRESETS: readonly ComparePreset[] = [
  {
    id: "guarded-vs-fast",
    title: "Guarded mutex vs fast mutex",
    description:
      "Both hold back the APC queued to the owner: the guarded mutex by a guarded region (SpecialApcDisable -1) at PASSIVE_LEVEL, the fast mutex by raising IRQL to APC_LEVEL.",
    left: { source: apcUnderLock("guarded"), fileName: "guarded-mutex-apc.ksync" },
    right: { source: apcUnderLock("fast"), fileName: "fast-mutex-apc.ksync" },
    sameScenario: false,
  },
  {
    id: "windows-2003-vs-8",
    title: "Windows 2003 vs Windows 8",
    description:
      "The same priority inversion. Windows 8 turns AutoBoost on: L inherits H's priority 12, finishes and hands M over; on Windows 2003 to 7 Mid starves L and H waits.",
    left: { source: PRIORITY_INVERSION, fileName: "priority-inversion.ksync", settings: { windows: 2003 } },
    right: { source: PRIORITY_INVERSION, fileName: "priority-inversion.ksync", settings: { windows: 8 } },
    sameScenario: true,
  },
  {
    id: "verifier-off-vs-on",
    title: "Driver Verifier off vs on",
    description:
      "A guarded mutex acquired while a spin lock holds the CPU at DISPATCH_LEVEL. Without the verifier the run completes; with it the acquire stops the machine with 0xC4 (IrqlKeApcLte1).",
    left: { scenario: "guarded-mutex-under-spinlock", settings: { verifier: "off" } },
    right: { scenario: "guarded-mutex-under-spinlock", settings: { verifier: "on" } },
    sameScenario: true,
  },
  {
    id: "priority-vs-random",
    title: "Priority scheduler vs a random seed",
    description:
      "Two threads take two mutexes in opposite orders. The priority scheduler runs T1 through its quantum and the run completes; random seed 1 switches threads between the acquires and they deadlock.",
    left: { source: LOCK_ORDER_RACE, fileName: "lock-order-race.ksync", scheduler: "priority" },
    right: { source: LOCK_ORDER_RACE, fileName: "lock-order-race.ksync", scheduler: "random", seed: 1 },
    sameScenario: true,
  },
];

export const DEFAULT_PRESET = "guarded-vs-fast";

export function findPreset(id: string): ComparePreset | undefined {
  return COMPARE_PRESETS.find((p) => p.id === id);
}
