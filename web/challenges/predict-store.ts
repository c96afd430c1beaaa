// The predict-then-reveal session of one simulator: a small zustand store
// next to the simulator's own (whose public actions it uses, and whose state
// it watches). A prediction is locked in at step N; when the simulator next
// shows step N + 1 — by the Step button, a manual choice or a key — it is
// revealed and scored. Moving anywhere else withdraws it.
import { createStore, type StoreApi } from "zustand/vanilla";
import { effectiveScheduler, type SimulatorStore } from "../store/simulator-store";
import { addToScore, EMPTY_SCORE, revealPrediction, type Prediction, type Reveal, type Score } from "./predict-scoring";

export interface PredictState {
  readonly enabled: boolean;
  /** Locked in, waiting for its step; null when there is none. */
  readonly pending: Prediction | null;
  /** The last prediction revealed, shown until the next one is locked in. */
  readonly reveal: Reveal | null;
  readonly score: Score;
  /** Why the last prediction was dropped without a reveal, for the panel to say. */
  readonly withdrawn: string | null;
  readonly actions: PredictActions;
}

export interface PredictActions {
  setEnabled(enabled: boolean): void;
  /**
   * Locks in a prediction about the next step. Under the priority or random
   * scheduler the step is taken at once (the reveal); under the manual one
   * the student takes it by picking a thread. Returns a sentence when refused.
   */
  lockIn(prediction: Pick<Prediction, "thread" | "count">): string | null;
  /** Takes back the locked-in prediction. */
  withdraw(): void;
  resetScore(): void;
  /** Stops watching the simulator. */
  dispose(): void;
}

export type PredictStore = StoreApi<PredictState>;

export function createPredictStore(simulator: SimulatorStore, enabled = true): PredictStore {
  let unsubscribe: () => void = () => undefined;
  const store = createStore<PredictState>()((set, get) => {
    const actions: PredictActions = {
      setEnabled(on) {
        set({ enabled: on, pending: null, withdrawn: null, ...(on ? {} : { reveal: null }) });
      },
      lockIn({ thread, count }) {
        const sim = simulator.getState();
        if (!get().enabled) return "Predict mode is off.";
        if (sim.status !== "ready" || !sim.snapshot) return "The scenario is not loaded yet.";
        if (sim.snapshot.outcome !== "running") return "The run has ended: step back to predict again.";
        if (thread === null && count === null) return "Choose an answer first.";
        if (sim.running) sim.actions.pause();
        const prediction: Prediction = {
          atStep: sim.step,
          thread,
          count,
          practice: sim.furthestStep > sim.step,
        };
        set({ pending: prediction, reveal: null, withdrawn: null });
        if (effectiveScheduler(sim) !== "manual") sim.actions.stepForward();
        return null;
      },
      withdraw() {
        set({ pending: null, withdrawn: null });
      },
      resetScore() {
        set({ score: EMPTY_SCORE, reveal: null });
      },
      dispose() {
        unsubscribe();
      },
    };
    return { enabled, pending: null, reveal: null, score: EMPTY_SCORE, withdrawn: null, actions };
  });

  unsubscribe = simulator.subscribe((sim, previous) => {
    const { pending } = store.getState();
    if (!pending) return;
    if (sim.status !== "ready") {
      store.setState({ pending: null, withdrawn: "The scenario was reloaded, so the prediction was withdrawn." });
      return;
    }
    if (sim.step === previous.step && sim.snapshot === previous.snapshot) return;
    if (sim.step === pending.atStep + 1 && sim.snapshot) {
      // The schedule says who ran each step; reading it costs one pass over the trace, once per revealed step.
      const label = sim.actions.exportTrace()?.schedule[pending.atStep];
      if (label === undefined) return;
      const reveal = revealPrediction(pending, label, sim.snapshot);
      store.setState((s) => ({ pending: null, reveal, score: addToScore(s.score, reveal) }));
    } else if (sim.step !== pending.atStep) {
      store.setState({
        pending: null,
        withdrawn: `You moved to step ${sim.step}, so the prediction for step ${pending.atStep + 1} was withdrawn.`,
      });
    }
  });
  return store;
}
