// Plain, frozen data the facade hands to the CLI and the UI. Nothing here is a
// pointer or a view into linear memory. Names follow the run report of
// docs/cli.md ("The run report") so that the report is a projection of these.
import type { Op } from "../lang/program";
import type { EngineEvent, Result } from "../shared/trace-codes";

export type ThreadState = "Initialized" | "Ready" | "Running" | "Standby" | "Waiting" | "Terminated";

export type ObjectTypeName = "KGUARDED_MUTEX" | "FAST_MUTEX" | "KSPIN_LOCK" | "KEVENT";

/** How a run ended; "running" while it has not. */
export type Outcome = "running" | "completed" | "deadlock" | "bugcheck" | "step-limit";

/** Why run()/step() returned. */
export type StopReason =
  | "budget" // maxSteps of this call used up; the scenario goes on
  | "completed" // every thread ended
  | "deadlock"
  | "bugcheck"
  | "step-limit" // the scenario's step limit (--max-steps) was reached
  | "choice-needed" // manual scheduler: the host must choose() before the next step
  | "goal"; // the scenario's #goal holds after this step (a challenge is solved); stepping on is allowed

/** The guarded/fast mutex lock word, decoded (docs/kernel-semantics.md §3.2, the Count word). */
export interface CountWord {
  readonly free: boolean; // LOCK bit set = free
  readonly woken: boolean; // WAITER_WOKEN
  readonly waiters: number; // Count >> 2
  readonly raw: number;
}

export interface ThreadView {
  readonly index: number;
  readonly name: string;
  readonly state: ThreadState;
  readonly priority: number; // current
  readonly basePriority: number;
  readonly irql: number; // effective IRQL (the CPU's while running at >= DISPATCH)
  readonly line: number; // current source line, 0 before start / after end
  readonly cpu: number | null; // CPU it runs (or spins) on
  readonly waitingOn: string | null; // object it waits or spins on
  readonly spinning: boolean; // busy-waiting on a spin lock (state Running)
  readonly owns: readonly string[]; // objects whose Owner is this thread
  readonly kernelApcDisable: number; // 0 enabled, negative inside critical regions
  readonly specialApcDisable: number; // 0 enabled, negative inside guarded regions
  readonly queuedApcs: readonly string[]; // kernel list then user list, in delivery order
  readonly runningApc: string | null; // APC whose body is executing on this thread
  readonly quantumLeft: number;
  readonly syscall: boolean;
}

export interface ObjectView {
  readonly index: number;
  readonly name: string;
  readonly type: ObjectTypeName;
  readonly owner: string | null; // Owner field (mutexes); spin lock holder
  readonly waiters: readonly string[]; // in wake order
  readonly contention: number; // mutexes only, else 0
  readonly count: CountWord | null; // guarded and fast mutexes
  readonly oldIrql: number | null; // fast mutexes: OldIrql kept in the mutex
  readonly signaled: boolean | null; // events (and the guarded mutex gate when latched: gateSignaled)
  readonly eventType: "NotificationEvent" | "SynchronizationEvent" | null;
  readonly gateSignaled: boolean | null; // guarded/fast mutex gate or event latched signaled
}

export interface CpuView {
  readonly index: number;
  readonly thread: string | null; // running thread, null when idle
  readonly irql: number;
  readonly dpc: string | null; // DPC body running on it
  readonly queuedDpcs: readonly string[];
}

export interface ApcView {
  readonly name: string;
  readonly kind: "special" | "normal" | "user";
  readonly target: string;
  readonly queuedAt: number | null;
  readonly deliveredAt: number | null;
  readonly completedAt: number | null;
}

export interface DpcView {
  readonly name: string;
  readonly cpu: number; // the CPU it is queued to and runs on
  readonly queuedAt: number | null;
  readonly deliveredAt: number | null;
  /** Its body is executing on its CPU now (CpuView.dpc names it). */
  readonly running: boolean;
  /** Source line of the statement it is at while running, else 0. */
  readonly line: number;
  /** Busy-waiting on spinLock (KeAcquireSpinLockAtDpcLevel on a held lock). */
  readonly spinning: boolean;
  /** The spin lock it spins on; when not spinning, the first spin lock it holds; else null. */
  readonly spinLock: string | null;
}

export interface BugCheck {
  readonly code: string; // "0xC4"
  readonly name: string; // "DRIVER_VERIFIER_DETECTED_VIOLATION"
  readonly rule: string | null; // DDI rule, e.g. "IrqlKeApcLte1"
  readonly parameters: readonly [string, string, string, string]; // "0x2000F", "&IrqlKeApcLte1", "&M", ...
  readonly thread: string; // thread, or the DPC's name in a DPC
  readonly line: number;
  readonly tick: number;
  readonly explanation: string; // one plain-English sentence for the UI
}

export interface DeadlockEdge {
  readonly thread: string;
  readonly waitsFor: string;
  readonly heldBy: string | null;
}

export interface Deadlock {
  readonly cycle: readonly DeadlockEdge[]; // [] when the waited-on object has no owner
  readonly threads: readonly string[]; // every thread that can never run again
}

/** The op code of a trace event: the statement's opcode, or an engine event (core-wasm/shared/trace-codes.ts). */
export type TraceOp = Op | EngineEvent;

/** One state change, as the trace and the narration show it. */
export interface TraceEvent {
  readonly step: number; // 1-based index of the step that produced it
  readonly tick: number;
  readonly cpu: number;
  readonly thread: string; // thread (or DPC) in whose context it happened
  readonly line: number;
  readonly op: string; // routine name (KeAcquireGuardedMutex) or engine event (ThreadReady, ApcDelivered, Preempted, ...)
  /** The op as a code: classify events by this, not by the name. */
  readonly code: TraceOp;
  readonly object: string | null;
  readonly result: string; // "acquired", "blocked", "released", "woken", "TRUE", "FALSE", "delivered", ...
  /** The result as a code (Result.Returned: `result` is the value returned). */
  readonly resultCode: Result;
  readonly text: string; // one plain-English sentence
}

/** The whole visible state after a step. */
export interface Snapshot {
  readonly step: number; // steps executed so far
  readonly tick: number;
  readonly outcome: Outcome;
  readonly threads: readonly ThreadView[];
  readonly objects: readonly ObjectView[];
  readonly cpus: readonly CpuView[];
  readonly apcs: readonly ApcView[];
  readonly dpcs: readonly DpcView[];
  readonly bugcheck: BugCheck | null;
  readonly deadlock: Deadlock | null;
  /** The scenario's #goal evaluated in this state; null when the scenario has none. */
  readonly goal: GoalView | null;
}

/**
 * One condition of a `#goal` (docs/scenario-language.md, "Goals"): `deadlock`,
 * `bugcheck 0xC4`, `T1 at Inside`, `T2 waits > 5`, ... Evaluated by the engine
 * after every step, so the UI, the CLI and the explorer agree on it.
 */
export interface GoalTermView {
  /** The condition as the scenario states it, normalised ("T2 waits > 5"). */
  readonly text: string;
  /** Holds in this state. */
  readonly met: boolean;
}

/** A scenario's goal: every term must hold in the same state. */
export interface GoalView {
  readonly text: string;
  readonly terms: readonly GoalTermView[];
  /** Every term holds in this state. */
  readonly reached: boolean;
}

/** A scheduling choice: which thread (or DPC) runs the next step, on which CPU. */
export interface Choice {
  readonly thread: string; // thread or DPC name
  readonly cpu: number;
  /** "T1", or "T1@1" when the scenario has several CPUs — the --schedule syntax. */
  readonly label: string;
}

/** Why a thread cannot be picked right now (manual mode), e.g. "waiting on Lock, owned by Worker1". */
export interface BlockedReason {
  readonly thread: string;
  readonly reason: string;
}

/** Run-time settings that are not part of the compiled program. */
export interface SimulationSettings {
  /** Scenario step limit (`--max-steps`); reaching it ends the run with outcome step-limit. Default 100000. */
  readonly maxSteps?: number;
  /** Forced choices, one per step, in --schedule syntax ("T1", "T1@0"); then the scheduler takes over. */
  readonly schedule?: readonly string[];
  /** Record trace events (default true). Off makes run() faster for benchmarks. */
  readonly recordTrace?: boolean;
}

/**
 * One simulator: a compiled scenario loaded into its own engine instance.
 * Created by createSimulator() in simulator.ts; the CLI and the UI use only this.
 */
export interface Simulator {
  readonly title: string;
  readonly cpuCount: number;
  readonly threadNames: readonly string[];
  readonly objectNames: readonly string[];
  /** Steps executed so far (the position on the timeline). */
  readonly stepCount: number;
  /** Executes one step; returns why it stopped ("budget" = one step done, the run goes on). */
  step(): StopReason;
  /** Executes up to maxSteps steps in the engine without returning to the host in between. */
  run(maxSteps: number): StopReason;
  /** Moves to the state after `step` steps, backward (nearest snapshot + replay) or forward. */
  goTo(step: number): void;
  /** Back to step 0 with the same program, settings and forced schedule. */
  reset(): void;
  /** The state now, as plain frozen objects. */
  snapshot(): Snapshot;
  /** Events recorded for steps in [fromStep, toStep] (1-based, inclusive); all of them by default. */
  events(fromStep?: number, toStep?: number): readonly TraceEvent[];
  /** Who may run the next step under the random/manual/explorer rules. */
  choices(): readonly Choice[];
  /** Threads that cannot be picked, each with why. */
  blocked(): readonly BlockedReason[];
  /** Manual mode: run the next step with this choice ("T1" or "T1@0"). Throws on an impossible choice. */
  choose(label: string): StopReason;
  /**
   * Who ran every step so far, in --schedule syntax. Forced steps follow the
   * random/manual rules (one chosen context per step), so this replays the run
   * exactly when every step was chosen (random, manual, a forced schedule);
   * a priority-scheduled step also applies quantum and preemption rules that a
   * forced step does not. Use reproducingSchedule() to reproduce any run.
   */
  schedule(): readonly string[];
  /**
   * The shortest forced schedule that, with the same program and settings,
   * reproduces this run: schedule() under the random and manual schedulers;
   * under the priority scheduler only the steps that were forced (the rest is
   * the deterministic scheduler's own, so [] for an unforced run).
   */
  reproducingSchedule(): readonly string[];
  /** Frees the engine instance. */
  dispose(): void;
}
