// Follows a simulator's #goal step by step (challenge-status.ts followGoal):
// the step at which it was reached on the way to the step shown, or null.
import { useEffect, useState } from "react";
import type { SimulatorStore } from "../store/simulator-store";
import { followGoal } from "./challenge-status";

/**
 * The step the goal was reached at; `onReached` hears of each new solve —
 * the goal first holding right after a step forward (not a jump back to a
 * state seen before, nor a reload).
 */
export function useReachedAt(simulator: SimulatorStore, onReached?: (step: number) => void): number | null {
  const [reachedAt, setReachedAt] = useState<number | null>(() => followGoal(null, simulator.getState().snapshot));
  useEffect(() => {
    let known = followGoal(null, simulator.getState().snapshot);
    return simulator.subscribe((s, previous) => {
      if (s.snapshot === previous.snapshot) return;
      const next = followGoal(known, s.snapshot);
      if (next !== null && known === null && s.step === previous.step + 1) onReached?.(next);
      known = next;
      setReachedAt(next);
    });
  }, [simulator, onReached]);
  return reachedAt;
}
