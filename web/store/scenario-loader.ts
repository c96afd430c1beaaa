// Compiling the source and swapping in a fresh simulator: the one place that
// owns a store's Simulator. Loads can overlap (an edit lands while the wasm
// engine is still starting); a generation counter lets the newest win, and
// the simulators of the others are disposed as they arrive.
import type { Simulator } from "../../core-wasm/engine/types";
import { schedulerOf, type ScenarioBackend } from "./backend";
import { effectiveScheduler, type SimulatorState } from "./simulator-state";
import { messageOf } from "./store-messages";
import { TimelineHistory } from "./timeline-history";

/** An edit re-runs the new program to the current step only up to here (each keystroke pause would replay it). */
const KEEP_POSITION_UP_TO = 5000;

/** Where a freshly loaded simulator should stand: `schedule` forced, then at `step`. */
export interface KeptPosition {
  /** Forced choices (--schedule syntax); [] = the scheduler decides again. */
  readonly schedule: readonly string[];
  readonly step: number;
}

export interface ScenarioLoaderOptions {
  readonly backend: ScenarioBackend;
  readonly stepBudget: number;
  /** Debounce before an edit is recompiled, in ms. */
  readonly compileDelayMs: number;
  readonly get: () => SimulatorState;
  readonly set: (partial: Partial<SimulatorState>) => void;
  /** Before a load replaces the simulator: whatever drives the old one must let go (the run loop). */
  readonly beforeLoad: () => void;
  /** The new simulator is ready and at its step: re-read the view. */
  readonly loaded: () => void;
}

export interface ScenarioLoader {
  /** The loaded simulator; null before the first load and after dispose. */
  readonly simulator: Simulator | null;
  /**
   * Compiles the store's source with its overrides and swaps in a new
   * simulator. `keep` replays choices as a forced schedule and returns to a
   * step, so switching the scheduler mid-run continues from where the user was.
   */
  load(keep?: KeptPosition | null): Promise<void>;
  /** Recompiles after the debounce delay, back at the current step (live editing). */
  recompileSoon(): void;
  /** Drops a recompile still waiting for its debounce delay. */
  cancelRecompile(): void;
  /** Drops the simulator; a load still in flight discards its own. */
  dispose(): void;
}

export function createScenarioLoader(options: ScenarioLoaderOptions): ScenarioLoader {
  const { backend, stepBudget, get, set } = options;
  let sim: Simulator | null = null;
  let generation = 0;
  let compileTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * After an edit the new program runs back to the step the user was at,
   * unless that is far into a long run. The scheduler decides again, except
   * in manual mode, where the choices made are replayed.
   */
  function positionAfterEdit(): KeptPosition | null {
    if (!sim || get().status !== "ready") return null;
    const step = sim.stepCount;
    if (step === 0 || step > KEEP_POSITION_UP_TO) return null;
    return { schedule: effectiveScheduler(get()) === "manual" ? sim.schedule() : [], step };
  }

  async function load(keep: KeptPosition | null = null): Promise<void> {
    const myGeneration = ++generation;
    const state = get();
    options.beforeLoad();
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
        keep && keep.schedule.length > 0 ? { maxSteps: stepBudget, schedule: keep.schedule } : { maxSteps: stepBudget },
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
    set({
      status: "ready",
      failure: null,
      fileScheduler: schedulerOf(program),
      fileSeed: program.options.seed,
      cpuCount: sim.cpuCount,
      windows: program.options.windows,
      history: new TimelineHistory(sim.snapshot()),
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
    options.loaded();
  }

  function cancelRecompile(): void {
    if (compileTimer !== undefined) clearTimeout(compileTimer);
    compileTimer = undefined;
  }

  return {
    get simulator() {
      return sim;
    },
    load,
    recompileSoon() {
      cancelRecompile();
      compileTimer = setTimeout(() => {
        compileTimer = undefined;
        void load(positionAfterEdit());
      }, options.compileDelayMs);
    },
    cancelRecompile,
    dispose() {
      generation += 1;
      cancelRecompile();
      sim?.dispose();
      sim = null;
    },
  };
}
