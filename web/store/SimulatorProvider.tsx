// Creates one store per mounted provider (from its props, once) and hands it
// to the components below through context — the xyflow pattern, so two
// simulators on one page never share state.
import { createContext, useContext, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import {
  createSimulatorStore,
  type SimulatorState,
  type SimulatorStore,
  type SimulatorStoreProps,
} from "./simulator-store";

const SimulatorContext = createContext<SimulatorStore | null>(null);

export interface SimulatorProviderProps extends SimulatorStoreProps {
  readonly children: ReactNode;
  /** Use this store instead of creating one (tests, or a host that keeps the store). */
  readonly store?: SimulatorStore;
}

export function SimulatorProvider({ children, store: given, ...props }: SimulatorProviderProps) {
  const [store] = useState(() => given ?? createSimulatorStore(props));
  useEffect(() => {
    if (!given) void store.getState().actions.recompile();
    return () => {
      if (!given) store.getState().actions.dispose();
    };
  }, [store, given]);
  return <SimulatorContext.Provider value={store}>{children}</SimulatorContext.Provider>;
}

/** The store of the nearest SimulatorProvider (for subscribe-based readers such as the canvas). */
export function useSimulatorStoreApi(): SimulatorStore {
  const store = useContext(SimulatorContext);
  if (!store) throw new Error("useSimulator must be used inside a <SimulatorProvider>");
  return store;
}

/** Selects from the nearest simulator's state; pair with useShallow for arrays/objects built in the selector. */
export function useSimulator<T>(selector: (state: SimulatorState) => T): T {
  return useStore(useSimulatorStoreApi(), selector);
}

export function useSimulatorActions() {
  return useSimulator((s) => s.actions);
}
