// Between a share link and a simulator store: capture the view a store shows,
// and restore one into a store. The forced schedule travels to the engine
// through the backend (SimulationSettings.schedule), so the store itself needs
// no share-specific state.
import type { ScenarioBackend } from "../store/backend";
import type { SimulatorStore } from "../store/simulator-store";
import type { SharedView } from "./share-link";

/** A backend that hands the next simulator(s) a forced schedule while `schedule` is set. */
export interface ScheduledBackend extends ScenarioBackend {
  /** Forced choices for simulators created from now on; [] = the scheduler decides. */
  schedule: readonly string[];
}

export function withForcedSchedule(backend: ScenarioBackend): ScheduledBackend {
  const scheduled: ScheduledBackend = {
    schedule: [],
    compile: (source, fileName, overrides) => backend.compile(source, fileName, overrides),
    createSimulator(program, settings) {
      return backend.createSimulator(
        program,
        scheduled.schedule.length > 0 ? { ...settings, schedule: scheduled.schedule } : settings,
      );
    },
  };
  return scheduled;
}

/** What a share link of this store's current view carries (the schedule up to the current step). */
export function captureSharedView(store: SimulatorStore): SharedView {
  const state = store.getState();
  const trace = state.actions.exportTrace();
  return {
    source: state.source,
    fileName: state.fileName,
    scheduler: state.schedulerOverride,
    seed: state.seedOverride,
    // Only the forced steps travel: a priority-scheduled run is deterministic,
    // and its steps replayed as forced ones would follow other rules.
    schedule: trace ? trace.forcedSchedule : [],
    step: trace ? trace.step : 0,
  };
}

/**
 * Loads a shared view: its text and overrides, compiled at once, the schedule
 * forced on the new simulator, then the shown step. Later recompiles (an edit,
 * another scheduler) run unforced.
 */
export async function restoreSharedView(
  store: SimulatorStore,
  backend: ScheduledBackend,
  view: SharedView,
): Promise<void> {
  const { actions } = store.getState();
  actions.pause();
  store.setState({
    source: view.source,
    fileName: view.fileName,
    schedulerOverride: view.scheduler,
    seedOverride: view.seed,
    diagnostics: [],
    status: "loading",
  });
  backend.schedule = view.schedule;
  try {
    await actions.recompile();
  } finally {
    backend.schedule = [];
  }
  if (store.getState().status === "ready" && view.step > 0) actions.goTo(view.step);
}
