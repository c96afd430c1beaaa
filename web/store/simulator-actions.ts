// What each store action does. Actions are the only callers of the engine:
// navigation goes through `guard` (an engine error becomes a notice, never a
// crash), loading through the scenario loader, running through the run loop.
import type { Simulator, StopReason } from "../../core-wasm/engine/types";
import type { RunLoop } from "./run-loop";
import type { ScenarioLoader } from "./scenario-loader";
import { effectiveScheduler, type SimulatorActions, type SimulatorState } from "./simulator-state";
import { MANUAL_RUN_NOTICE, messageOf, noticeFor } from "./store-messages";
import { traceExportOf } from "./trace-export";

export interface ActionContext {
  readonly get: () => SimulatorState;
  readonly set: (partial: Partial<SimulatorState>) => void;
  readonly loader: ScenarioLoader;
  readonly loop: RunLoop;
  readonly stepBudget: number;
  /** Re-reads the panels' state from the simulator, then applies `extra`. */
  refresh(extra?: Partial<SimulatorState>): void;
}

export function createSimulatorActions(context: ActionContext): SimulatorActions {
  const { get, set, loader, loop, refresh } = context;
  const notice = (stop: StopReason) => noticeFor(stop, context.stepBudget);

  /** Runs `action` on a ready simulator; an engine error stops the run and becomes a notice. */
  function guard(action: (sim: Simulator) => void): void {
    const sim = loader.simulator;
    if (!sim || get().status !== "ready") return;
    try {
      action(sim);
    } catch (err) {
      loop.stop();
      refresh({ running: false, notice: `The engine refused that: ${messageOf(err)}` });
    }
  }

  /** Manual mode keeps one timeline: a new choice at an earlier step forgets the recorded future. */
  function forgetFutureIfDiverging(sim: Simulator): void {
    const history = get().history;
    if (history && effectiveScheduler(get()) === "manual") history.truncate(sim.stepCount);
  }

  /** Steps a freshly loaded simulator through its forced schedule, recording every step. */
  function stepThroughSchedule(length: number): boolean {
    const sim = loader.simulator;
    const history = get().history;
    if (!sim || !history || get().status !== "ready") return false;
    // One step at a time: each timeline column is then exact (record() reconstructs inside multi-step slices).
    let stop: StopReason = "budget";
    try {
      while (sim.stepCount < length) {
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
    if (sim.stepCount < length) {
      refresh({
        lastStop: stop,
        notice: `The scenario ended after ${sim.stepCount} of the schedule's ${length} steps.`,
      });
      return false;
    }
    refresh({ lastStop: stop, notice: null });
    return true;
  }

  const actions: SimulatorActions = {
    setSource(source, fileName) {
      // The editor echoes text the store gave it (a library open): nothing new to compile.
      if (source === get().source && (!fileName || fileName === get().fileName)) return;
      set({ source, ...(fileName ? { fileName } : {}) });
      loader.recompileSoon();
    },
    openScenario(source, fileName) {
      actions.pause();
      set({ source, fileName, schedulerOverride: null, seedOverride: null, diagnostics: [], status: "loading" });
      return actions.recompile();
    },
    async restoreSession(session) {
      actions.pause();
      loader.cancelRecompile();
      set({
        source: session.source,
        fileName: session.fileName,
        schedulerOverride: session.scheduler,
        seedOverride: session.seed,
        diagnostics: [],
        status: "loading",
      });
      // The schedule is forced on this simulator only: later loads pass none.
      await loader.load({ schedule: session.schedule, step: 0 });
      if (get().status === "ready" && session.step > 0) actions.goTo(session.step);
    },
    recompile() {
      loader.cancelRecompile();
      return loader.load();
    },
    stepForward() {
      guard((sim) => {
        const state = get();
        if (state.snapshot && state.snapshot.outcome !== "running") return;
        if (effectiveScheduler(state) === "manual") {
          set({ notice: notice("choice-needed") });
          return;
        }
        const stop = sim.step();
        refresh({ lastStop: stop, notice: notice(stop) });
      });
    },
    stepBack() {
      guard((sim) => {
        if (sim.stepCount === 0) return;
        actions.pause();
        sim.goTo(sim.stepCount - 1);
        refresh({ lastStop: null, notice: null });
      });
    },
    goTo(step) {
      guard((sim) => {
        actions.pause();
        sim.goTo(Math.max(0, Math.floor(step)));
        refresh({ lastStop: null, notice: null });
      });
    },
    goToEnd() {
      actions.goTo(get().furthestStep);
    },
    reset() {
      guard((sim) => {
        actions.pause();
        sim.reset();
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
            set({ notice: MANUAL_RUN_NOTICE });
            return;
          }
          set({ running: true, notice: null });
          loop.start();
        });
    },
    pause() {
      loop.stop();
      if (get().running) set({ running: false });
    },
    setSpeed(speed) {
      set({ speed });
    },
    setScheduler(mode, seed) {
      actions.pause();
      // Keep the position: the steps so far are replayed as forced choices under the new scheduler.
      const sim = loader.simulator;
      const keep = sim && get().status === "ready" ? { schedule: sim.schedule(), step: sim.stepCount } : null;
      set({ schedulerOverride: mode, ...(seed !== undefined ? { seedOverride: seed } : {}) });
      void loader.load(keep);
    },
    choose(label) {
      guard((sim) => {
        if (get().snapshot?.outcome !== "running") return;
        forgetFutureIfDiverging(sim);
        const stop = sim.choose(label);
        refresh({ lastStop: stop, notice: stop === "choice-needed" ? null : notice(stop) });
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
      loader.cancelRecompile();
      await loader.load({ schedule, step: 0 });
      return stepThroughSchedule(schedule.length);
    },
    dismissNotice() {
      set({ notice: null });
    },
    exportTrace() {
      const sim = loader.simulator;
      if (!sim) return null;
      const state = get();
      return traceExportOf(sim, { title: state.title, fileName: state.fileName, scheduler: effectiveScheduler(state) });
    },
    dispose() {
      loop.stop();
      loader.dispose();
      set({ status: "loading", running: false });
    },
  };
  return actions;
}
