// What the Run button drives: the simulator advances once per animation
// frame, at the chosen speed or flat out in batches bounded by a few
// milliseconds of engine work per frame, so the tab stays responsive. It
// knows nothing of the store: it reads the speed and reports through hooks.
import type { Simulator, StopReason } from "../../core-wasm/engine/types";
import type { FrameScheduler } from "./frames";

/** Steps per second offered by the speed control; Infinity = as fast as the frame budget allows. */
export const SPEEDS: readonly number[] = [1, 2, 5, 10, 30, 100, 1000, 10_000, Infinity];
/** Milliseconds of engine work per animation frame while running flat out, so the tab stays responsive. */
const FRAME_WORK_MS = 6;
/** Longest frame gap a slow speed catches up on: a tab back from the background does not burst. */
const MAX_FRAME_GAP_MS = 250;
/** Flat-out batches start small (the first frame shows quickly) and double up to this many steps. */
const FIRST_BATCH = 256;
const MAX_BATCH = 8192;

export interface RunLoopHooks {
  /** The simulator to advance this frame; null ends the run quietly. */
  simulator(): Simulator | null;
  /** Steps per second wanted, read every frame so the speed control acts at once; Infinity = flat out. */
  speed(): number;
  /** A frame's slice ran and the run goes on. */
  progressed(): void;
  /** The run ended by itself: the engine stopped for `stop` (not "budget"), or threw `error`. */
  ended(end: { readonly stop: StopReason } | { readonly error: unknown }): void;
}

export interface RunLoop {
  /** Starts running from the next frame; the first step shows at once. */
  start(): void;
  /** Cancels the pending frame, if any. */
  stop(): void;
}

export function createRunLoop(frames: FrameScheduler, hooks: RunLoopHooks): RunLoop {
  let handle: number | undefined;
  let lastFrameTime = 0;
  /** Fractional steps owed at a slow speed, carried from frame to frame. */
  let allowance = 0;

  function flatOut(sim: Simulator): StopReason {
    const start = frames.now();
    let batch = FIRST_BATCH;
    let stop: StopReason;
    do {
      stop = sim.run(batch);
      batch = Math.min(batch * 2, MAX_BATCH);
    } while (stop === "budget" && frames.now() - start < FRAME_WORK_MS);
    return stop;
  }

  function atSpeed(sim: Simulator, stepsPerSecond: number, elapsedMs: number): StopReason {
    allowance += (stepsPerSecond * elapsedMs) / 1000;
    const steps = Math.floor(allowance);
    allowance -= steps;
    if (steps === 1) return sim.step();
    if (steps > 1) return sim.run(steps);
    return "budget";
  }

  function frame(): void {
    handle = undefined;
    const sim = hooks.simulator();
    if (!sim) return;
    const now = frames.now();
    const elapsed = Math.min(MAX_FRAME_GAP_MS, Math.max(0, now - lastFrameTime));
    lastFrameTime = now;
    let stop: StopReason;
    try {
      const speed = hooks.speed();
      stop = speed === Infinity ? flatOut(sim) : atSpeed(sim, speed, elapsed);
    } catch (error) {
      hooks.ended({ error });
      return;
    }
    if (stop !== "budget") {
      hooks.ended({ stop });
      return;
    }
    hooks.progressed();
    handle = frames.request(frame);
  }

  const loop: RunLoop = {
    start() {
      loop.stop();
      lastFrameTime = frames.now();
      allowance = 1;
      handle = frames.request(frame);
    },
    stop() {
      if (handle !== undefined) frames.cancel(handle);
      handle = undefined;
    },
  };
  return loop;
}
