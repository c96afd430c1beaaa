// The shape of one simulator store: the state the panels read and the
// actions they call. createSimulatorStore (simulator-store.ts) builds it;
// components and tests import these types from there.
import type { StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "../../core-wasm/lang/diagnostics";
import type { BlockedReason, Choice, Snapshot, StopReason, TraceEvent } from "../../core-wasm/engine/types";
import type { SchedulerMode } from "./backend";
import type { TimelineHistory } from "./timeline-history";
import type { TraceExport } from "./trace-export";

export type EngineStatus = "loading" | "ready" | "invalid" | "failed";

/** A saved view to reopen (a share link or an embed's load request). */
export interface SessionToRestore {
  readonly source: string;
  readonly fileName: string;
  /** Scheduler chosen in the UI; null = the scenario's #scheduler directive. */
  readonly scheduler: SchedulerMode | null;
  /** Seed chosen in the UI; null = the scenario's #seed directive. */
  readonly seed: number | null;
  /** Forced choices (--schedule syntax) the new simulator follows; [] = the scheduler decides. */
  readonly schedule: readonly string[];
  /** The step to show once loaded. */
  readonly step: number;
}

export interface SimulatorActions {
  /** Replaces the source text; recompiles after the debounce delay. */
  setSource(source: string, fileName?: string): void;
  /** Opens another scenario (library): new text, the file's own scheduler, compiled at once. */
  openScenario(source: string, fileName: string): Promise<void>;
  /**
   * Reopens a saved session: its text and overrides, compiled at once with
   * its schedule forced on the new simulator, then shown at its step. Later
   * recompiles (an edit, another scheduler) run unforced.
   */
  restoreSession(session: SessionToRestore): Promise<void>;
  /** Compiles the current source now and loads it into a fresh simulator. */
  recompile(): Promise<void>;
  stepForward(): void;
  stepBack(): void;
  goTo(step: number): void;
  goToEnd(): void;
  reset(): void;
  toggleRun(): void;
  pause(): void;
  setSpeed(stepsPerSecond: number): void;
  setScheduler(mode: SchedulerMode, seed?: number): void;
  /** Manual mode: runs the next step with this choice label ("T1" or "T1@0"). */
  choose(label: string): void;
  /** Manual mode: picks the first choice that runs this thread (keyboard digits). */
  chooseThread(thread: string): void;
  /**
   * Loads `schedule` as forced choices (an explorer counterexample, --schedule
   * syntax) and steps through it from step 0, recording every step, so the
   * timeline shows how the run got there. Resolves false (with a notice) when
   * the schedule does not fit the loaded scenario.
   */
  replaySchedule(schedule: readonly string[]): Promise<boolean>;
  dismissNotice(): void;
  /** The run so far as a JSON-ready document (events, schedule, final state), or null before load. */
  exportTrace(): TraceExport | null;
  dispose(): void;
}

export interface SimulatorState {
  readonly source: string;
  readonly fileName: string;
  readonly title: string;
  readonly description: string;
  readonly diagnostics: readonly Diagnostic[];
  readonly status: EngineStatus;
  readonly failure: string | null;
  /** Scheduler the UI asks for; null = the file's #scheduler directive. */
  readonly schedulerOverride: SchedulerMode | null;
  readonly seedOverride: number | null;
  readonly fileScheduler: SchedulerMode;
  readonly fileSeed: number;
  readonly cpuCount: number;
  /** `#windows` of the loaded program: 2003 (Server 2003 SP1 … Windows 7) or 8. */
  readonly windows: 2003 | 8;
  readonly snapshot: Snapshot | null;
  readonly step: number;
  /** Furthest step recorded in the history (the slider's end). */
  readonly furthestStep: number;
  readonly lastStop: StopReason | null;
  readonly running: boolean;
  readonly speed: number;
  readonly notice: string | null;
  readonly choices: readonly Choice[];
  readonly blocked: readonly BlockedReason[];
  /** Events of the current step (the narration). */
  readonly currentEvents: readonly TraceEvent[];
  /** Events of the last steps up to the current one (the log). */
  readonly recentEvents: readonly TraceEvent[];
  readonly history: TimelineHistory | null;
  readonly historyVersion: number;
  readonly actions: SimulatorActions;
}

export type SimulatorStore = StoreApi<SimulatorState>;

export function effectiveScheduler(state: Pick<SimulatorState, "schedulerOverride" | "fileScheduler">): SchedulerMode {
  return state.schedulerOverride ?? state.fileScheduler;
}

/** A store before its first load: the given text, nothing compiled yet. */
export function initialState(source: string, fileName: string, actions: SimulatorActions): SimulatorState {
  return {
    source,
    fileName,
    title: "",
    description: "",
    diagnostics: [],
    status: "loading",
    failure: null,
    schedulerOverride: null,
    seedOverride: null,
    fileScheduler: "priority",
    fileSeed: 1,
    cpuCount: 1,
    windows: 8,
    snapshot: null,
    step: 0,
    furthestStep: 0,
    lastStop: null,
    running: false,
    speed: 5,
    notice: null,
    choices: [],
    blocked: [],
    currentEvents: [],
    recentEvents: [],
    history: null,
    historyVersion: 0,
    actions,
  };
}
