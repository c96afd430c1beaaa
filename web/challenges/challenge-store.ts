// The challenge mode's own state, next to the simulator store: the student's
// progress (read once from localStorage, written on every solve), and the
// search for the shortest solution of a challenge whose catalog entry does
// not give it (a scenario the student wrote, with its own #goal).
import { createStore, type StoreApi } from "zustand/vanilla";
import { loadProgress, storeProgress, withSolved, type ChallengeProgress } from "./challenge-progress";

type StorageLike = Pick<Storage, "getItem" | "setItem" | "removeItem">;

export interface ChallengeModeState {
  readonly progress: ChallengeProgress;
  /** Progress that could not be read or written, in a sentence; null when all is well. */
  readonly problem: string | null;
  readonly actions: ChallengeModeActions;
}

export interface ChallengeModeActions {
  /** Records challenge `id` as solved in `steps` steps and saves the progress. */
  recordSolved(id: string, steps: number): void;
  /** Forgets every solve (the list's "Clear my progress"). */
  clearProgress(): void;
  dismissProblem(): void;
}

export type ChallengeModeStore = StoreApi<ChallengeModeState>;

export interface ChallengeModeOptions {
  /** Where progress lives (default: localStorage; tests pass their own). */
  readonly storage?: StorageLike | null;
}

export function createChallengeModeStore(options: ChallengeModeOptions = {}): ChallengeModeStore {
  const storage = options.storage;
  const loaded = storage === undefined ? loadProgress() : loadProgress(storage);
  const save = (progress: ChallengeProgress) =>
    storage === undefined ? storeProgress(progress) : storeProgress(progress, storage);
  return createStore<ChallengeModeState>()((set, get) => ({
    progress: loaded.progress,
    problem: loaded.problem,
    actions: {
      recordSolved(id, steps) {
        const progress = withSolved(get().progress, id, steps);
        const failure = save(progress);
        set({ progress, ...(failure ? { problem: failure } : {}) });
      },
      clearProgress() {
        const failure = save({});
        set({ progress: {}, problem: failure });
      },
      dismissProblem() {
        set({ problem: null });
      },
    },
  }));
}
