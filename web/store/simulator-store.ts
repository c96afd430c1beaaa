// One zustand store per simulator instance (an app page or an embedded
// widget): created from props by SimulatorProvider, never a module singleton,
// so two widgets on one page never share state. Only the actions call the
// engine; components read state through selectors.
//
// This file wires the parts together and is the store's public entry:
// simulator-state.ts (the state and the action interface), scenario-loader.ts
// (compile, swap in a simulator), run-loop.ts (the Run button),
// simulator-actions.ts (what each action does), view-sync.ts (what the
// panels read after each engine call), trace-export.ts ("Export trace").
import { createStore } from "zustand/vanilla";
import { DEFAULT_MAX_STEPS } from "../../core-wasm/engine";
import type { ScenarioBackend } from "./backend";
import { animationFrames, type FrameScheduler } from "./frames";
import { createRunLoop } from "./run-loop";
import { createScenarioLoader } from "./scenario-loader";
import { createSimulatorActions } from "./simulator-actions";
import { initialState, type SimulatorState, type SimulatorStore } from "./simulator-state";
import { messageOf, noticeFor } from "./store-messages";
import { readView } from "./view-sync";

export { SPEEDS } from "./run-loop";
export { effectiveScheduler } from "./simulator-state";
export type {
  EngineStatus,
  SessionToRestore,
  SimulatorActions,
  SimulatorState,
  SimulatorStore,
} from "./simulator-state";
export type { TraceExport } from "./trace-export";

export interface SimulatorStoreProps {
  readonly backend: ScenarioBackend;
  readonly source: string;
  readonly fileName?: string;
  /** The scenario step limit (default DEFAULT_MAX_STEPS, as the CLI's --max-steps): the run budget of a runaway scenario. */
  readonly stepBudget?: number;
  readonly frames?: FrameScheduler;
  /** Debounce before an edit is recompiled, in ms. */
  readonly compileDelayMs?: number;
}

export function createSimulatorStore(props: SimulatorStoreProps): SimulatorStore {
  const stepBudget = props.stepBudget ?? DEFAULT_MAX_STEPS;
  return createStore<SimulatorState>()((set, get) => {
    function refresh(extra: Partial<SimulatorState> = {}): void {
      const sim = loader.simulator;
      if (sim) set({ ...readView(sim, get()), ...extra });
    }
    const loop = createRunLoop(props.frames ?? animationFrames, {
      simulator: () => (get().running ? loader.simulator : null),
      speed: () => get().speed,
      progressed: () => refresh({ lastStop: "budget" }),
      ended: (end) =>
        refresh(
          "error" in end
            ? { running: false, notice: `The engine stopped: ${messageOf(end.error)}` }
            : { running: false, lastStop: end.stop, notice: noticeFor(end.stop, stepBudget) },
        ),
    });
    const loader = createScenarioLoader({
      backend: props.backend,
      stepBudget,
      compileDelayMs: props.compileDelayMs ?? 300,
      get,
      set,
      beforeLoad: () => loop.stop(),
      loaded: () => refresh(),
    });
    const actions = createSimulatorActions({ get, set, loader, loop, stepBudget, refresh });
    return initialState(props.source, props.fileName ?? "scenario.ksync", actions);
  });
}
