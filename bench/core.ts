// The engine core alone, without the facade: the program is loaded straight
// into a fresh instance and `run` is called in large batches, with the trace
// buffer emptied (not decoded) whenever it fills. Comparing this with the
// facade's figures shows what the facade's bookkeeping (snapshots for
// backward stepping, event decoding) costs.
import { PROGRAM_BASE, STOP_BUDGET, STOP_TRACE_FULL } from "../core-wasm/engine/abi";
import { createEngineInstance } from "../core-wasm/engine/index";
import { encodeProgram } from "../core-wasm/lang/encode";
import type { Program } from "../core-wasm/lang/program";

export interface CoreRun {
  /** Runs about `steps` more steps; returns how many were executed. */
  run(steps: number): number;
  /** Bytes of the engine state region (what one backward-stepping snapshot copies). */
  readonly stateBytes: number;
  /** Bytes of the instance's linear memory. */
  readonly memoryBytes: number;
}

export async function loadCore(program: Program, recordTrace: boolean): Promise<CoreRun> {
  const engine = await createEngineInstance();
  const e = engine.exports;
  const encoded = encodeProgram(program);
  new Int32Array(engine.memory.buffer, PROGRAM_BASE, encoded.length).set(encoded);
  e.setStepLimit(0x7fffffff);
  e.setRecording(recordTrace ? 1 : 0);
  if (e.load() < 0) throw new Error("the engine rejected the benchmark program");
  return {
    stateBytes: e.stateSize(),
    memoryBytes: engine.memory.buffer.byteLength,
    run(steps: number): number {
      const before = e.stepCount();
      let left = steps;
      while (left > 0) {
        const at = e.stepCount();
        const code = e.run(left);
        left -= e.stepCount() - at;
        if (code === STOP_TRACE_FULL) e.clearTrace();
        else if (code !== STOP_BUDGET)
          throw new Error(`the benchmark scenario stopped (engine code ${code}); it must loop forever`);
      }
      return e.stepCount() - before;
    },
  };
}
