// The built-in scenario library: what each .ksync file in this folder is for
// and how its run must end. Shared by the Node entry (node.ts, reads the
// files) and the browser entry (index.ts, Vite bundles them). The expected
// outcomes restate kernel-semantics.md §8 and §9; scenarios.test.ts checks
// every one of them through the engine facade.
import type { CountWord, ThreadState } from "../core-wasm/engine/types";

export type ExpectedOutcome = "completed" | "deadlock" | "bugcheck" | "step-limit";

/** A Count word as kernel-semantics.md writes it: (free, woken, waiters). */
export type CountFact = Pick<CountWord, "free" | "woken" | "waiters">;

/** A fact about the run's final state (or a checkpoint), stated for a student. */
export type Fact =
  | {
      readonly kind: "thread";
      readonly name: string;
      readonly state?: ThreadState;
      readonly waitingOn?: string | null;
      readonly owns?: readonly string[];
      readonly priority?: number;
      readonly irql?: number;
      readonly kernelApcDisable?: number;
      readonly specialApcDisable?: number;
      readonly why: string;
    }
  | {
      readonly kind: "object";
      readonly name: string;
      readonly owner?: string | null;
      readonly count?: CountFact;
      readonly contention?: number;
      readonly signaled?: boolean;
      readonly waiters?: readonly string[];
      readonly why: string;
    }
  | {
      readonly kind: "apc";
      readonly name: string;
      /** Tick of the APC body's first step; null = never delivered. */
      readonly deliveredAt: number | null;
      readonly why: string;
    }
  | {
      /** APCs delivered in this order (each one's deliveredAt before the next one's). */
      readonly kind: "apc-order";
      readonly order: readonly string[];
      readonly why: string;
    }
  | {
      /** Threads whose first routine call after `afterTick` happens in this order. */
      readonly kind: "run-order";
      readonly afterTick: number;
      readonly order: readonly string[];
      readonly why: string;
    };

export interface ExpectedBugCheck {
  readonly code: string; // "0xC4"
  /** Expected parameters; null = not part of the expectation. */
  readonly parameters: readonly [string | null, string | null, string | null, string | null];
  readonly rule?: string | null;
  readonly thread: string;
  /** Text of the source line the bug check is reported at (must occur once in the file), if it is tied to a statement. */
  readonly at?: string;
}

export interface Expected {
  readonly outcome: ExpectedOutcome;
  readonly bugcheck?: ExpectedBugCheck;
  /** Wait-for edges of the deadlock, in any order. */
  readonly cycle?: readonly { readonly thread: string; readonly waitsFor: string; readonly heldBy: string | null }[];
  /** Facts about the final state. */
  readonly facts?: readonly Fact[];
  /** Facts about the state after a number of steps, for the moments that matter. */
  readonly checkpoints?: readonly { readonly afterSteps: number; readonly facts: readonly Fact[] }[];
}

/** Command-line options of a variant, spelled as `ksync run` takes them. */
export interface VariantOptions {
  readonly verifier?: "off" | "on" | "deadlock";
  readonly windows?: 2003 | 8;
  readonly autoboost?: "on" | "off";
  readonly boosts?: "on" | "off";
}

/** The same file run with other options: what §8/§9 say changes. */
export interface Variant {
  readonly options: VariantOptions;
  readonly note: string;
  readonly expected: Expected;
}

/** Headings under which the UI can group the library. */
export const TOPICS = [
  "Guarded mutexes",
  "APCs and regions",
  "IRQL, fast mutexes and spin locks",
  "Events and waits",
  "Scheduling and priorities",
  "Misuse caught at thread exit",
] as const;
export type Topic = (typeof TOPICS)[number];

export interface ScenarioMeta {
  /** File name without .ksync (kebab-case); `ksync run <name>` finds it. */
  readonly name: string;
  readonly topic: Topic;
  /** The teaching scenario of kernel-semantics.md §9 it implements, if any ("S1".."S21"). */
  readonly spec: string | null;
  readonly expected: Expected;
  /** Runs of the same file with other options (`ksync run <name> --verifier deadlock`, ...). */
  readonly variants?: readonly Variant[];
}

/** `ksync run` arguments for a variant's options, e.g. ["--verifier", "deadlock"]. */
export function variantArguments(options: VariantOptions): string[] {
  return Object.entries(options).flatMap(([key, value]) => [`--${key}`, String(value)]);
}

/** A scenario of the library with its text. */
export interface LibraryScenario extends ScenarioMeta {
  readonly title: string;
  readonly description: string;
  readonly source: string;
}

const free: CountFact = { free: true, woken: false, waiters: 0 };
const ownedNoWaiters: CountFact = { free: false, woken: false, waiters: 0 };

/** Bug check 0x20 as a system thread's exit reports an APC-disable leak: (0, CombinedApcDisable, 0, 1). */
function apcPendingDuringExit(thread: string, combined: string): ExpectedBugCheck {
  return { code: "0x20", parameters: ["0x0", combined, "0x0", "0x1"], thread };
}

/** The library, in the order the UI lists it (simple first, then misuse). */
export const CATALOG: readonly ScenarioMeta[] = [
  {
    name: "simple-contention",
    topic: "Guarded mutexes",
    spec: "S1",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: free,
          contention: 1,
          why: "one slow-path entry (H's), and M ends free",
        },
        { kind: "thread", name: "L", state: "Terminated", specialApcDisable: 0, why: "L left its guarded region" },
        { kind: "thread", name: "H", state: "Terminated", specialApcDisable: 0, why: "H left its guarded region" },
      ],
      checkpoints: [
        {
          afterSteps: 2,
          facts: [
            {
              kind: "object",
              name: "M",
              owner: "L",
              count: { free: false, woken: false, waiters: 1 },
              contention: 1,
              why: "H registered as a waiter",
            },
            { kind: "thread", name: "H", state: "Waiting", waitingOn: "M", why: "H sleeps on M's gate" },
          ],
        },
      ],
    },
  },
  {
    name: "abba-deadlock",
    topic: "Guarded mutexes",
    spec: "S2",
    expected: {
      outcome: "deadlock",
      cycle: [
        { thread: "T1", waitsFor: "B", heldBy: "T2" },
        { thread: "T2", waitsFor: "A", heldBy: "T1" },
      ],
      facts: [
        {
          kind: "thread",
          name: "T1",
          state: "Waiting",
          waitingOn: "B",
          owns: ["A"],
          specialApcDisable: -2,
          why: "owns A, blocked acquiring B",
        },
        {
          kind: "thread",
          name: "T2",
          state: "Waiting",
          waitingOn: "A",
          owns: ["B"],
          specialApcDisable: -2,
          why: "owns B, blocked acquiring A",
        },
      ],
    },
  },
  {
    name: "abba-deadlock-verifier",
    topic: "Guarded mutexes",
    spec: "S2",
    expected: {
      outcome: "bugcheck",
      bugcheck: {
        code: "0xC4",
        parameters: ["0x1001", "&A", null, null],
        thread: "T2",
        at: "KeAcquireGuardedMutex(&A);      // B -> A",
      },
    },
  },
  {
    name: "recursive-acquire",
    topic: "Guarded mutexes",
    spec: "S3",
    expected: {
      outcome: "deadlock",
      cycle: [{ thread: "T1", waitsFor: "M", heldBy: "T1" }],
      facts: [
        {
          kind: "object",
          name: "M",
          owner: "T1",
          count: { free: false, woken: false, waiters: 1 },
          contention: 1,
          why: "T1 registered as a waiter on its own mutex",
        },
        {
          kind: "thread",
          name: "T1",
          state: "Waiting",
          waitingOn: "M",
          owns: ["M"],
          specialApcDisable: -2,
          why: "two guarded regions entered",
        },
      ],
    },
    variants: [
      {
        options: { verifier: "deadlock" },
        note: "Driver Verifier's deadlock detection reports the self-deadlock at the second acquire (§8 row 4)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x1000", null, null, null],
            thread: "T1",
            at: "KeAcquireGuardedMutex(&M);      // T1 waits for itself",
          },
        },
      },
    ],
  },
  {
    name: "try-acquire-fails",
    topic: "Guarded mutexes",
    spec: "S4",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: free,
          contention: 0,
          why: "the failed try registered no waiter and no contention",
        },
        { kind: "thread", name: "T2", state: "Terminated", specialApcDisable: 0, why: "the try left its region again" },
      ],
      checkpoints: [
        {
          afterSteps: 2,
          facts: [
            {
              kind: "object",
              name: "M",
              owner: "T1",
              count: ownedNoWaiters,
              contention: 0,
              why: "KeTryToAcquireGuardedMutex returned FALSE without registering",
            },
            { kind: "thread", name: "T2", specialApcDisable: 0, why: "the try entered and left a guarded region" },
          ],
        },
      ],
    },
  },
  {
    name: "apc-guarded-region",
    topic: "APCs and regions",
    spec: "S5",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "apc", name: "Audit", deliveredAt: 5, why: "its body's first step follows the release at tick 4" },
        { kind: "object", name: "Lock", owner: null, count: free, contention: 0, why: "nobody else wanted the lock" },
      ],
      checkpoints: [
        {
          afterSteps: 3,
          facts: [
            {
              kind: "thread",
              name: "Worker1",
              specialApcDisable: -1,
              irql: 0,
              why: "inside the guarded region at PASSIVE_LEVEL; Audit waits",
            },
          ],
        },
      ],
    },
  },
  {
    name: "apc-release-preempted",
    topic: "APCs and regions",
    spec: "S5",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "apc",
          name: "Audit",
          deliveredAt: 10,
          why: "delivered only when Worker1 finishes its release, after Worker2 is done",
        },
        {
          kind: "run-order",
          afterTick: 5,
          order: ["Worker2", "Worker1"],
          why: "the boosted waiter preempts Worker1 inside the release",
        },
        { kind: "object", name: "Lock", owner: null, count: free, contention: 1, why: "Worker2's one slow-path entry" },
      ],
      checkpoints: [
        {
          afterSteps: 6,
          facts: [
            {
              kind: "thread",
              name: "Worker1",
              state: "Ready",
              specialApcDisable: -1,
              owns: [],
              why: "preempted inside the release: lock freed, guarded region not yet left, Audit still waits",
            },
            { kind: "thread", name: "Worker2", priority: 9, why: "lock boost 8 + 1 preempts Worker1" },
            {
              kind: "object",
              name: "Lock",
              owner: null,
              count: { free: true, woken: true, waiters: 0 },
              why: "released, one waiter woken",
            },
          ],
        },
      ],
    },
  },
  {
    name: "critical-region-apcs",
    topic: "APCs and regions",
    spec: "S6",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "apc", name: "S", deliveredAt: 2, why: "a special APC is not held back by a critical region" },
        { kind: "apc-order", order: ["S", "N"], why: "N waits for KeLeaveCriticalRegion although it was queued first" },
        { kind: "thread", name: "T", state: "Terminated", kernelApcDisable: 0, why: "the region was left" },
      ],
    },
  },
  {
    name: "guarded-region-apcs",
    topic: "APCs and regions",
    spec: "S6",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "apc-order", order: ["S", "N"], why: "special before normal at the leave" },
        { kind: "thread", name: "T", state: "Terminated", specialApcDisable: 0, why: "the region was left" },
      ],
      checkpoints: [
        {
          afterSteps: 4,
          facts: [
            { kind: "thread", name: "T", specialApcDisable: -1, why: "both APCs are still queued inside the region" },
          ],
        },
      ],
    },
  },
  {
    name: "fast-mutex-irql",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S7",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "F", owner: null, count: free, why: "released" },
        {
          kind: "thread",
          name: "T",
          state: "Terminated",
          irql: 0,
          why: "the release lowered IRQL back to PASSIVE_LEVEL",
        },
        { kind: "run-order", afterTick: 1, order: ["H", "T"], why: "H preempts T although T holds F at APC_LEVEL" },
      ],
      checkpoints: [
        {
          afterSteps: 2,
          facts: [{ kind: "thread", name: "T", irql: 1, owns: ["F"], why: "holding a fast mutex means APC_LEVEL" }],
        },
      ],
    },
  },
  {
    name: "guarded-mutex-under-spinlock",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S8",
    expected: {
      outcome: "bugcheck",
      bugcheck: {
        code: "0xC4",
        rule: "IrqlKeApcLte1",
        parameters: ["0x2000F", "&IrqlKeApcLte1", null, null],
        thread: "T",
        at: "KeAcquireGuardedMutex(&M);      // not allowed",
      },
    },
    variants: [
      {
        options: { verifier: "off" },
        note: "without the verifier, M happens to be free: the run completes and the bug stays latent",
        expected: { outcome: "completed" },
      },
    ],
  },
  {
    name: "wait-at-dispatch",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S9",
    expected: {
      outcome: "bugcheck",
      bugcheck: { code: "0xC4", parameters: ["0x121", null, null, null], thread: "T", at: "KeWaitForSingleObject(&E" },
    },
    variants: [
      {
        options: { verifier: "off" },
        note: "without the verifier the simulator's choice for the fatal wait is 0xA with the current IRQL (§8, which check wins, 4)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xA",
            parameters: ["0x0", "0x2", "0x0", "0x0"],
            thread: "T",
            at: "KeWaitForSingleObject(&E",
          },
        },
      },
    ],
  },
  {
    name: "wait-at-dispatch-free-build",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S9",
    expected: {
      outcome: "bugcheck",
      bugcheck: { code: "0xA", parameters: ["0x0", "0x2", "0x0", "0x0"], thread: "T", at: "KeWaitForSingleObject(&E" },
    },
  },
  {
    name: "wait-in-dpc",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S9",
    expected: {
      outcome: "bugcheck",
      bugcheck: { code: "0xB8", parameters: [null, null, null, null], thread: "D", at: "KeWaitForSingleObject(&E" },
    },
  },
  {
    name: "release-by-non-owner",
    topic: "Misuse caught at thread exit",
    spec: "S10",
    expected: {
      outcome: "bugcheck",
      bugcheck: apcPendingDuringExit("B", "0x10000"),
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: ownedNoWaiters,
          why: "wedged: owned, with no owner and nobody to release it",
        },
        { kind: "thread", name: "B", specialApcDisable: 1, why: "B left a guarded region it never entered" },
      ],
      checkpoints: [
        {
          afterSteps: 2,
          facts: [
            { kind: "object", name: "M", owner: null, count: free, why: "B's release freed M under A" },
            {
              kind: "thread",
              name: "A",
              owns: [],
              specialApcDisable: -1,
              why: "A is still inside but no longer the Owner",
            },
          ],
        },
      ],
    },
    variants: [
      {
        options: { verifier: "deadlock" },
        note: "deadlock detection catches the release by a thread that does not own M (§8 row 5)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x1004", null, null, null],
            thread: "B",
            at: "KeReleaseGuardedMutex(&M);      // not the owner",
          },
        },
      },
      {
        options: { windows: 8 },
        note: "with AutoBoost (Windows 8 and later), the release of a tracked lock by a non-owner is 0x162 (§8 row 5)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0x162",
            parameters: [null, null, null, null],
            thread: "B",
            at: "KeReleaseGuardedMutex(&M);      // not the owner",
          },
        },
      },
    ],
  },
  {
    name: "release-free-mutex",
    topic: "Misuse caught at thread exit",
    spec: "S11",
    expected: {
      outcome: "bugcheck",
      bugcheck: apcPendingDuringExit("T1", "0x10000"),
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: { free: false, woken: true, waiters: 2 },
          contention: 2,
          why: "T2 and T3 hang on a mutex nobody owns",
        },
        {
          kind: "thread",
          name: "T2",
          state: "Waiting",
          waitingOn: "M",
          why: "sleeping again after passing the latched gate",
        },
        { kind: "thread", name: "T3", state: "Waiting", waitingOn: "M", why: "registered behind T2" },
        { kind: "thread", name: "T1", specialApcDisable: 1, why: "T1 left a guarded region it never entered" },
      ],
    },
    variants: [
      {
        options: { verifier: "deadlock" },
        note: "deadlock detection catches the release of a lock nobody acquired (§8 row 6)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x1007", null, null, null],
            thread: "T1",
            at: "KeReleaseGuardedMutex(&M);      // M was free",
          },
        },
      },
    ],
  },
  {
    name: "convoy-woken-waiter",
    topic: "Guarded mutexes",
    spec: "S12",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: free,
          contention: 1,
          why: "Lo's retry after its wake-up is not a new slow-path entry",
        },
        {
          kind: "run-order",
          afterTick: 4,
          order: ["Hi", "Lo"],
          why: "Lo, boosted only to 13, waits until Hi (15) is done",
        },
      ],
      checkpoints: [
        {
          afterSteps: 3,
          facts: [
            {
              kind: "object",
              name: "M",
              owner: "Hi",
              count: { free: false, woken: false, waiters: 1 },
              contention: 1,
              why: "Lo blocked while Hi sleeps holding M",
            },
            { kind: "thread", name: "Lo", state: "Waiting", waitingOn: "M", why: "Lo waits on M's gate" },
          ],
        },
        {
          afterSteps: 4,
          facts: [
            {
              kind: "object",
              name: "M",
              owner: null,
              count: { free: true, woken: true, waiters: 0 },
              why: "Hi's release woke Lo",
            },
            {
              kind: "thread",
              name: "Lo",
              state: "Ready",
              priority: 13,
              why: "lock boost min(15 + 1, 13) = 13, still below Hi",
            },
          ],
        },
      ],
    },
  },
  {
    name: "barging-two-cpus",
    topic: "Guarded mutexes",
    spec: "S13",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "object",
          name: "M",
          owner: null,
          count: free,
          contention: 1,
          why: "only W's first acquire entered the slow path; B took the fast path",
        },
        { kind: "thread", name: "W", state: "Terminated", why: "W gets M after B releases it" },
      ],
    },
  },
  {
    name: "priority-inversion",
    topic: "Scheduling and priorities",
    spec: "S14",
    expected: {
      outcome: "step-limit",
      facts: [
        {
          kind: "thread",
          name: "L",
          state: "Terminated",
          why: "the balance-set manager's boost to 15 finally let L release M",
        },
        { kind: "thread", name: "H", state: "Terminated", why: "H ran after L released M" },
        { kind: "object", name: "M", owner: null, count: free, contention: 1, why: "released" },
      ],
      checkpoints: [
        {
          afterSteps: 40,
          facts: [
            { kind: "thread", name: "H", state: "Waiting", waitingOn: "M", why: "H starves behind L" },
            {
              kind: "thread",
              name: "L",
              state: "Ready",
              owns: ["M"],
              priority: 4,
              why: "L never gets the CPU while Mid loops",
            },
          ],
        },
      ],
    },
  },
  {
    name: "priority-inversion-autoboost",
    topic: "Scheduling and priorities",
    spec: "S14",
    expected: {
      outcome: "step-limit",
      facts: [
        { kind: "thread", name: "L", state: "Terminated", why: "L finished its release once it got the CPU back" },
        { kind: "thread", name: "H", state: "Terminated", why: "H ran right after L released M" },
        { kind: "object", name: "M", owner: null, count: free, contention: 1, why: "released" },
      ],
      checkpoints: [
        {
          afterSteps: 40,
          facts: [
            {
              kind: "thread",
              name: "H",
              state: "Terminated",
              why: "done within a few ticks: L ran at 12 while H waited",
            },
            {
              kind: "thread",
              name: "L",
              owns: [],
              priority: 4,
              why: "back at its own priority after the release; H preempted it inside the release call",
            },
          ],
        },
      ],
    },
  },
  {
    name: "event-handoff",
    topic: "Events and waits",
    spec: "S15",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "E", signaled: false, why: "W's wait consumed the signal" },
        {
          kind: "run-order",
          afterTick: 1,
          order: ["W", "S"],
          why: "W, boosted to 9, preempts S right after KeSetEvent",
        },
      ],
      checkpoints: [
        {
          afterSteps: 2,
          facts: [
            { kind: "thread", name: "W", priority: 9, why: "8 + increment 1" },
            {
              kind: "object",
              name: "E",
              signaled: false,
              why: "a synchronization event resets when it releases its waiter",
            },
          ],
        },
      ],
    },
  },
  {
    name: "notification-broadcast",
    topic: "Events and waits",
    spec: "S16",
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "E", signaled: true, why: "a notification event stays signaled" },
        {
          kind: "run-order",
          afterTick: 3,
          order: ["W2", "S", "W1", "W3"],
          why: "priority order; the preempted S goes to the head of its queue",
        },
      ],
    },
  },
  {
    name: "set-event-wait-true",
    topic: "Events and waits",
    spec: "S17",
    expected: {
      outcome: "completed",
      facts: [
        {
          kind: "run-order",
          afterTick: 1,
          order: ["S", "W"],
          why: "no preemption between KeSetEvent(..., TRUE) and the wait",
        },
      ],
    },
  },
  {
    name: "exit-holding-guarded-mutex",
    topic: "Misuse caught at thread exit",
    spec: "S18",
    expected: {
      outcome: "bugcheck",
      bugcheck: apcPendingDuringExit("T", "0xFFFF0000"),
      facts: [{ kind: "thread", name: "T", specialApcDisable: -1, why: "still inside the mutex's guarded region" }],
    },
  },
  {
    name: "exit-holding-fast-mutex",
    topic: "Misuse caught at thread exit",
    spec: "S18",
    expected: {
      outcome: "deadlock",
      facts: [
        {
          kind: "thread",
          name: "T",
          state: "Terminated",
          irql: 0,
          why: "exit lowered IRQL; no APC counter was set, so no bug check",
        },
        { kind: "object", name: "F", owner: "T", why: "owned by a thread that no longer exists" },
        { kind: "thread", name: "U", state: "Waiting", waitingOn: "F", why: "waits forever" },
      ],
    },
    variants: [
      {
        options: { verifier: "deadlock" },
        note: "deadlock detection catches the exit while owning F (§8 row 12)",
        expected: {
          outcome: "bugcheck",
          bugcheck: { code: "0xC4", parameters: ["0x100A", null, null, null], thread: "T" },
        },
      },
    ],
  },
  {
    name: "unsafe-apc-reentry",
    topic: "APCs and regions",
    spec: "S19",
    expected: {
      outcome: "deadlock",
      cycle: [{ thread: "T", waitsFor: "F", heldBy: "T" }],
      facts: [
        {
          kind: "thread",
          name: "T",
          state: "Waiting",
          waitingOn: "F",
          owns: ["F"],
          why: "the APC running on T waits for T's own mutex",
        },
        { kind: "apc", name: "X", deliveredAt: 1, why: "nothing held X back: IRQL 0 and no region" },
      ],
    },
    variants: [
      {
        options: { verifier: "on" },
        note: "the verifier catches the Unsafe acquire at PASSIVE_LEVEL outside a region (§8 row 18)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x39", null, null, null],
            thread: "T",
            at: "ExAcquireFastMutexUnsafe(&F);",
          },
        },
      },
    ],
  },
  {
    name: "fast-mutex-out-of-order",
    topic: "IRQL, fast mutexes and spin locks",
    spec: "S20",
    expected: {
      outcome: "bugcheck",
      bugcheck: { code: "0x4A", parameters: [null, "0x1", "0x0", "0x0"], thread: "T" },
      facts: [{ kind: "thread", name: "T", owns: [], why: "both mutexes were released, in the wrong order" }],
    },
    variants: [
      {
        options: { verifier: "on" },
        note: "the verifier catches ExReleaseFastMutex(&B) at PASSIVE_LEVEL (§8 row 3)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x34", null, null, null],
            thread: "T",
            at: "ExReleaseFastMutex(&B);",
          },
        },
      },
      {
        options: { verifier: "deadlock" },
        note: "deadlock detection already catches the release of A out of acquisition order",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            parameters: ["0x1003", "&A", "&B", null],
            thread: "T",
            at: "ExReleaseFastMutex(&A);",
          },
        },
      },
    ],
  },
  {
    name: "unbalanced-leave",
    topic: "APCs and regions",
    spec: "S21",
    expected: {
      outcome: "bugcheck",
      bugcheck: apcPendingDuringExit("T", "0x10000"),
      facts: [
        { kind: "thread", name: "T", specialApcDisable: 1, why: "one leave too many" },
        { kind: "apc", name: "S", deliveredAt: null, why: "a positive count blocks APCs as well" },
      ],
    },
    variants: [
      {
        options: { verifier: "on" },
        note: "the verifier's GuardedRegions rule catches the extra leave itself (§8 row 15)",
        expected: {
          outcome: "bugcheck",
          bugcheck: {
            code: "0xC4",
            rule: "GuardedRegions",
            parameters: ["0x4000E", null, null, null],
            thread: "T",
            at: "KeLeaveGuardedRegion();         // +1",
          },
        },
      },
    ],
  },
  {
    name: "lock-convoy-two-cpus",
    topic: "Guarded mutexes",
    spec: null,
    expected: {
      outcome: "completed",
      facts: [{ kind: "object", name: "M", owner: null, count: free, why: "every acquire was released" }],
    },
  },
  {
    name: "dpc-vs-thread-spinlock",
    topic: "IRQL, fast mutexes and spin locks",
    spec: null,
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "S", owner: null, why: "released by the DPC at the end" },
        { kind: "thread", name: "T", state: "Terminated", irql: 0, why: "KeReleaseSpinLock restored PASSIVE_LEVEL" },
      ],
    },
  },
  {
    name: "producer-consumer-events",
    topic: "Events and waits",
    spec: null,
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "SlotFree", signaled: true, why: "the consumer's last set has no waiter" },
        { kind: "object", name: "ItemReady", signaled: false, why: "every item was consumed" },
        { kind: "object", name: "Queue", owner: null, count: free, why: "released" },
      ],
    },
  },
  {
    name: "spinlock-recursive",
    topic: "IRQL, fast mutexes and spin locks",
    spec: null,
    expected: {
      outcome: "deadlock",
      cycle: [{ thread: "T", waitsFor: "S", heldBy: "T" }],
      facts: [
        {
          kind: "thread",
          name: "T",
          state: "Running",
          waitingOn: "S",
          irql: 2,
          why: "spinning on its own lock at DISPATCH_LEVEL",
        },
      ],
    },
  },
  {
    name: "syscall-critical-region-leak",
    topic: "APCs and regions",
    spec: null,
    expected: {
      outcome: "bugcheck",
      bugcheck: { code: "0x1", parameters: [null, null, "0xFFFF", "0x0"], thread: "T" },
    },
  },
  {
    name: "irql-raise-lower",
    topic: "IRQL, fast mutexes and spin locks",
    spec: null,
    expected: {
      outcome: "bugcheck",
      bugcheck: {
        code: "0xC4",
        parameters: ["0x30", "0x2", "0x1", null],
        thread: "T",
        at: "KeRaiseIrql(APC_LEVEL, &older)",
      },
    },
  },
  {
    name: "event-wait-timeout",
    topic: "Events and waits",
    spec: null,
    expected: {
      outcome: "completed",
      facts: [
        { kind: "object", name: "E", signaled: false, why: "nobody set it; the wait timed out" },
        { kind: "thread", name: "W", state: "Terminated", why: "the timeout ended the wait" },
      ],
    },
  },
  {
    name: "user-apc-alertable-wait",
    topic: "APCs and regions",
    spec: null,
    expected: {
      outcome: "completed",
      facts: [
        { kind: "apc", name: "U", deliveredAt: 2, why: "the alertable user-mode wait lets the user APC in" },
        { kind: "thread", name: "W", state: "Terminated", why: "the wait returned STATUS_USER_APC" },
      ],
    },
  },
];

/** `#title "..."` / `#description "..."` as written in a scenario's directives (the compiler has the final word). */
export function readDirective(source: string, directive: "title" | "description"): string | null {
  const match = new RegExp(`^[ \\t]*#${directive}[ \\t]+"([^"\\n]*)"`, "m").exec(source);
  return match?.[1] ?? null;
}

/** Joins the catalog with the files' text; a missing file is an error in the library itself. */
export function assembleLibrary(readSource: (name: string) => string | undefined): readonly LibraryScenario[] {
  return CATALOG.map((meta) => {
    const source = readSource(meta.name);
    if (source === undefined) throw new Error(`scenario library: ${meta.name}.ksync is missing`);
    return Object.freeze({
      ...meta,
      title: readDirective(source, "title") ?? meta.name,
      description: readDirective(source, "description") ?? "",
      source,
    });
  });
}
