// After every engine call the store re-reads what the panels show: the
// snapshot, the events of the current step and the log window, the manual
// scheduler's choices, and the steps the history has not recorded yet.
import type { Simulator } from "../../core-wasm/engine/types";
import { effectiveScheduler, type SimulatorState } from "./simulator-state";

/** How many steps of trace the event log keeps visible behind the current step. */
const LOG_WINDOW_STEPS = 200;
const LOG_MAX_EVENTS = 400;

export type ViewState = Pick<
  SimulatorState,
  "snapshot" | "step" | "furthestStep" | "currentEvents" | "recentEvents" | "choices" | "blocked" | "historyVersion"
>;

/** Records the steps `sim` ran past the history's end, then reads the panels' state from it. */
export function readView(sim: Simulator, state: SimulatorState): ViewState {
  const snapshot = sim.snapshot();
  const history = state.history;
  if (history && snapshot.step > history.lastStep) {
    history.record(snapshot, sim.events(history.lastStep + 1, snapshot.step));
  }
  const step = snapshot.step;
  const choosing = effectiveScheduler(state) === "manual" && snapshot.outcome === "running";
  const recent = step > 0 ? sim.events(Math.max(1, step - LOG_WINDOW_STEPS), step) : [];
  return {
    snapshot,
    step,
    furthestStep: Math.max(history?.lastStep ?? 0, step),
    currentEvents: step > 0 ? sim.events(step, step) : [],
    recentEvents: recent.length > LOG_MAX_EVENTS ? recent.slice(recent.length - LOG_MAX_EVENTS) : recent,
    choices: choosing ? sim.choices() : [],
    blocked: choosing ? sim.blocked() : [],
    historyVersion: history?.version ?? 0,
  };
}
