// One zustand store per simulator instance (an app page or an embedded
// widget): created from props by SimulatorProvider, never a module singleton,
// so two widgets on one page never share state. Only the actions here call
// the engine; components read state through selectors.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "../../core-wasm/lang/diagnostics";
import type { BlockedReason, Choice, Simulator, Snapshot, StopReason, TraceEvent } from "../../core-wasm/engine/types";
import { schedulerOf, type ScenarioBackend, type SchedulerMode } from "./backend";
import { animationFrames, type FrameScheduler } from "./frames";
import { TimelineHistory } from "./timeline-history";

/** Scenario step limit (the CLI's --max-steps default): the run budget of a runaway scenario. */
export const DEFAULT_STEP_BUDGET = 100_000;
/** Steps per second offered by the speed control; Infinity = as fast as the frame budget allows. */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 30, 100, 1000, 10_000, Infinity];
/** Milliseconds of engine work per animation frame while running flat out, so the tab stays responsive. */
const FRAME_WORK_MS = 6;
/** How many steps of trace the event log keeps visible behind the current step. */
const LOG_WINDOW_STEPS = 200;
const LOG_MAX_EVENTS = 400;
/** An edit re-runs the new program to the current step only up to here (each keystroke pause would replay it). */
const KEEP_POSITION_UP_TO = 5000;

export interface SimulatorStoreProps {
  readonly backend: ScenarioBackend;
  readonly source: string;
  readonly fileName?: string;
  readonly stepBudget?: number;
  readonly frames?: FrameScheduler;
  /** Debounce before an edit is recompiled, in ms. */
  readonly compileDelayMs?: number;
}

export type EngineStatus = "loading" | "ready" | "invalid" | "failed";

export interface SimulatorActions {
  /** Replaces the source text; recompiles after the debounce delay. */
  setSource(source: string, fileName?: string): void;
  /** Opens another scenario (library): new text, the file's own scheduler, compiled at once. */
  openScenario(source: string, fileName: string): Promise<void>;
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

/** What "Export trace" downloads: replayable with `ksync run FILE --schedule ...`. */
export interface TraceExport {
  readonly scenario: string;
  readonly fileName: string;
  readonly scheduler: SchedulerMode;
  readonly step: number;
  readonly outcome: Snapshot["outcome"];
  /** Who ran each step, in --schedule syntax (Simulator.schedule). */
  readonly schedule: readonly string[];
  /** Forced choices that, with `scheduler`, reproduce this run exactly (Simulator.reproducingSchedule). */
  readonly forcedSchedule: readonly string[];
  readonly events: readonly TraceEvent[];
  readonly snapshot: Snapshot;
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

export function createSimulatorStore(props: SimulatorStoreProps): SimulatorStore {
  const { backend } = props;
  const frames = props.frames ?? animationFrames;
  const stepBudget = props.stepBudget ?? DEFAULT_STEP_BUDGET;
  const compileDelay = props.compileDelayMs ?? 300;

  let sim: Simulator | null = null;
  let generation = 0;
  let compileTimer: ReturnType<typeof setTimeout> | undefined;
  let frameHandle: number | undefined;
  let lastFrameTime = 0;
  let allowance = 0;

  const store = createStore<SimulatorState>()((set, get) => {
    /** Reads everything the panels show from the simulator after an action. */
    function refresh(extra: Partial<SimulatorState> = {}): void {
      if (!sim) return;
      const snapshot = sim.snapshot();
      const history = get().history;
      if (history && snapshot.step > history.lastStep) {
        history.record(snapshot, sim.events(history.lastStep + 1, snapshot.step));
      }
      const step = snapshot.step;
      const manual = effectiveScheduler(get()) === "manual";
      const over = snapshot.outcome !== "running";
      const recent = step > 0 ? sim.events(Math.max(1, step - LOG_WINDOW_STEPS), step) : [];
      set({
        snapshot,
        step,
        furthestStep: Math.max(history?.lastStep ?? 0, step),
        currentEvents: step > 0 ? sim.events(step, step) : [],
        recentEvents: recent.length > LOG_MAX_EVENTS ? recent.slice(recent.length - LOG_MAX_EVENTS) : recent,
        choices: manual && !over ? sim.choices() : [],
        blocked: manual && !over ? sim.blocked() : [],
        historyVersion: history?.version ?? 0,
        ...extra,
      });
    }

    function guard(action: () => void): void {
      if (!sim || get().status !== "ready") return;
      try {
        action();
      } catch (err) {
        stopLoop();
        refresh({ running: false, notice: `The engine refused that: ${messageOf(err)}` });
      }
    }

    function noticeFor(stop: StopReason): string | null {
      switch (stop) {
        case "step-limit":
          return `Stopped after ${stepBudget.toLocaleString("en-US")} steps, the step budget: the scenario never finished (a while (TRUE) loop or a livelock?).`;
        case "choice-needed":
          return "Manual scheduler: pick the thread that runs the next step.";
        default:
          return null;
      }
    }

    function stopLoop(): void {
      if (frameHandle !== undefined) frames.cancel(frameHandle);
      frameHandle = undefined;
    }

    function frame(): void {
      frameHandle = undefined;
      const state = get();
      if (!sim || !state.running) return;
      const now = frames.now();
      const elapsed = Math.min(250, Math.max(0, now - lastFrameTime));
      lastFrameTime = now;
      let stop: StopReason = "budget";
      try {
        if (state.speed === Infinity) {
          // Flat out: batches inside the engine, bounded by wall time per frame.
          const start = frames.now();
          let batch = 256;
          do {
            stop = sim.run(batch);
            batch = Math.min(batch * 2, 8192);
          } while (stop === "budget" && frames.now() - start < FRAME_WORK_MS);
        } else {
          allowance += (state.speed * elapsed) / 1000;
          const steps = Math.floor(allowance);
          allowance -= steps;
          if (steps === 1) stop = sim.step();
          else if (steps > 1) stop = sim.run(steps);
        }
      } catch (err) {
        refresh({ running: false, notice: `The engine stopped: ${messageOf(err)}` });
        return;
      }
      if (stop !== "budget") {
        refresh({ running: false, lastStop: stop, notice: noticeFor(stop) });
        return;
      }
      refresh({ lastStop: stop });
      frameHandle = frames.request(frame);
    }

    /**
     * After an edit the new program runs back to the step the user was at
     * (live editing), unless that is far into a long run. The scheduler
     * decides again, except in manual mode, where the choices made are replayed.
     */
    function positionToKeep(): { schedule: readonly string[]; step: number } | null {
      if (!sim || get().status !== "ready") return null;
      const step = sim.stepCount;
      if (step === 0 || step > KEEP_POSITION_UP_TO) return null;
      return { schedule: effectiveScheduler(get()) === "manual" ? sim.schedule() : [], step };
    }

    /** Manual mode keeps one timeline: a new choice at an earlier step forgets the recorded future. */
    function forgetFutureIfDiverging(): void {
      const history = get().history;
      if (history && sim && effectiveScheduler(get()) === "manual") history.truncate(sim.stepCount);
    }

    /**
     * Compiles the source and swaps in a new simulator. `keep` replays the
     * choices made so far (as a forced schedule) and returns to the same step,
     * so switching the scheduler mid-run continues from where the user was.
     */
    async function load(keep: { schedule: readonly string[]; step: number } | null = null): Promise<void> {
      const myGeneration = ++generation;
      const state = get();
      stopLoop();
      let outcome;
      try {
        outcome = backend.compile(state.source, state.fileName, {
          ...(state.schedulerOverride ? { scheduler: state.schedulerOverride } : {}),
          ...(state.seedOverride !== null ? { seed: state.seedOverride } : {}),
        });
      } catch (err) {
        set({ status: "failed", failure: `The compiler crashed: ${messageOf(err)}`, running: false });
        return;
      }
      if (!outcome.program) {
        set({
          diagnostics: outcome.diagnostics,
          title: outcome.title || state.title,
          status: "invalid",
          running: false,
          notice: null,
        });
        return;
      }
      const program = outcome.program;
      set({ diagnostics: outcome.diagnostics, title: outcome.title, description: outcome.description });
      let next: Simulator;
      try {
        next = await backend.createSimulator(
          program,
          keep && keep.schedule.length > 0
            ? { maxSteps: stepBudget, schedule: keep.schedule }
            : { maxSteps: stepBudget },
        );
      } catch (err) {
        if (myGeneration === generation)
          set({ status: "failed", failure: `The engine could not start: ${messageOf(err)}`, running: false });
        return;
      }
      if (myGeneration !== generation) {
        next.dispose();
        return;
      }
      sim?.dispose();
      sim = next;
      const initial = sim.snapshot();
      set({
        status: "ready",
        failure: null,
        fileScheduler: schedulerOf(program),
        fileSeed: program.options.seed,
        cpuCount: sim.cpuCount,
        windows: program.options.windows,
        history: new TimelineHistory(initial),
        running: false,
        lastStop: null,
        notice: null,
      });
      if (keep && keep.step > 0) {
        try {
          sim.goTo(keep.step);
        } catch {
          // The old choices do not fit the new program: start over, unforced.
          if (keep.schedule.length > 0) {
            void load(null);
            return;
          }
          sim.reset();
        }
      }
      refresh();
    }

    const actions: SimulatorActions = {
      setSource(source, fileName) {
        // The editor echoes text the store gave it (a library open): nothing new to compile.
        if (source === get().source && (!fileName || fileName === get().fileName)) return;
        set({ source, ...(fileName ? { fileName } : {}) });
        if (compileTimer !== undefined) clearTimeout(compileTimer);
        compileTimer = setTimeout(() => {
          compileTimer = undefined;
          void load(positionToKeep());
        }, compileDelay);
      },
      openScenario(source, fileName) {
        actions.pause();
        set({ source, fileName, schedulerOverride: null, seedOverride: null, diagnostics: [], status: "loading" });
        return actions.recompile();
      },
      recompile() {
        if (compileTimer !== undefined) clearTimeout(compileTimer);
        compileTimer = undefined;
        return load();
      },
      stepForward() {
        guard(() => {
          const state = get();
          if (state.snapshot && state.snapshot.outcome !== "running") return;
          if (effectiveScheduler(state) === "manual") {
            set({ notice: noticeFor("choice-needed") });
            return;
          }
          const stop = sim!.step();
          refresh({ lastStop: stop, notice: noticeFor(stop) });
        });
      },
      stepBack() {
        guard(() => {
          if (sim!.stepCount === 0) return;
          actions.pause();
          sim!.goTo(sim!.stepCount - 1);
          refresh({ lastStop: null, notice: null });
        });
      },
      goTo(step) {
        guard(() => {
          actions.pause();
          sim!.goTo(Math.max(0, Math.floor(step)));
          refresh({ lastStop: null, notice: null });
        });
      },
      goToEnd() {
        actions.goTo(get().furthestStep);
      },
      reset() {
        guard(() => {
          actions.pause();
          sim!.reset();
          refresh({ lastStop: null, notice: null });
        });
      },
      toggleRun() {
        if (get().running) actions.pause();
        else
          guard(() => {
            const state = get();
            if (state.snapshot && state.snapshot.outcome !== "running") return;
            if (effectiveScheduler(state) === "manual") {
              set({
                notice: "Manual scheduler: Run is off — you pick every step. Switch the scheduler to run on its own.",
              });
              return;
            }
            lastFrameTime = frames.now();
            allowance = 1; // the first step shows at once
            set({ running: true, notice: null });
            frameHandle = frames.request(frame);
          });
      },
      pause() {
        stopLoop();
        if (get().running) set({ running: false });
      },
      setSpeed(speed) {
        set({ speed });
      },
      setScheduler(mode, seed) {
        actions.pause();
        // Keep the position: the steps so far are replayed as forced choices under the new scheduler.
        const keep = sim && get().status === "ready" ? { schedule: sim.schedule(), step: sim.stepCount } : null;
        set({ schedulerOverride: mode, ...(seed !== undefined ? { seedOverride: seed } : {}) });
        void load(keep);
      },
      choose(label) {
        guard(() => {
          if (get().snapshot?.outcome !== "running") return;
          forgetFutureIfDiverging();
          const stop = sim!.choose(label);
          refresh({ lastStop: stop, notice: stop === "choice-needed" ? null : noticeFor(stop) });
        });
      },
      chooseThread(thread) {
        const choice = get().choices.find((c) => c.thread === thread);
        if (choice) actions.choose(choice.label);
        else {
          const why = get().blocked.find((b) => b.thread === thread);
          set({ notice: why ? `${thread} cannot run: ${why.reason}.` : `${thread} cannot run the next step.` });
        }
      },
      async replaySchedule(schedule) {
        actions.pause();
        if (compileTimer !== undefined) clearTimeout(compileTimer);
        compileTimer = undefined;
        await load({ schedule, step: 0 });
        const history = get().history;
        if (!sim || !history || get().status !== "ready") return false;
        // One step at a time: each timeline column is then exact (record() reconstructs inside multi-step slices).
        let stop: StopReason = "budget";
        try {
          while (sim.stepCount < schedule.length) {
            stop = sim.step();
            const snapshot = sim.snapshot();
            history.record(snapshot, sim.events(snapshot.step, snapshot.step));
            if (stop !== "budget" && stop !== "choice-needed") break;
          }
        } catch (err) {
          refresh({
            lastStop: null,
            notice: `The schedule does not fit this scenario at step ${sim.stepCount + 1}: ${messageOf(err)}`,
          });
          return false;
        }
        if (sim.stepCount < schedule.length) {
          refresh({
            lastStop: stop,
            notice: `The scenario ended after ${sim.stepCount} of the schedule's ${schedule.length} steps.`,
          });
          return false;
        }
        refresh({ lastStop: stop, notice: null });
        return true;
      },
      dismissNotice() {
        set({ notice: null });
      },
      exportTrace() {
        if (!sim) return null;
        const state = get();
        const snapshot = sim.snapshot();
        return {
          scenario: state.title,
          fileName: state.fileName,
          scheduler: effectiveScheduler(state),
          step: snapshot.step,
          outcome: snapshot.outcome,
          schedule: sim.schedule(),
          forcedSchedule: sim.reproducingSchedule(),
          events: snapshot.step > 0 ? sim.events(1, snapshot.step) : [],
          snapshot,
        };
      },
      dispose() {
        generation += 1; // a load still in flight drops its simulator
        stopLoop();
        if (compileTimer !== undefined) clearTimeout(compileTimer);
        sim?.dispose();
        sim = null;
        set({ status: "loading", running: false });
      },
    };

    return {
      source: props.source,
      fileName: props.fileName ?? "scenario.ksync",
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
  });
  return store;
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
