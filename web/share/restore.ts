// Between a share link and a simulator store: capture the view a store
// shows, and reopen one in a store through its restoreSession action (which
// forces the link's schedule on the new simulator only).
import type { SimulatorStore } from "../store/simulator-store";
import type { SharedView } from "./share-link";

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

/** Loads a shared view: its text and overrides, compiled at once, the schedule forced, then the shown step. */
export function restoreSharedView(store: SimulatorStore, view: SharedView): Promise<void> {
  return store.getState().actions.restoreSession(view);
}
