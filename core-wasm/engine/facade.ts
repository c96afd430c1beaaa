// Opening an engine instance for a program: the step every front (simulator,
// explorer) shares before it drives the engine its own way.
import { encodeProgram } from "../lang/encode";
import type { Program } from "../lang/program";
import * as A from "./abi";
import { createEngineInstance, DEFAULT_MEMORY_PAGES, type EngineInstance } from "./loader";

/** The boundary version this facade was written for. */
export const ENGINE_ABI_VERSION = 7;

/** A fresh engine instance with the encoded program written into its program region (not yet load()ed). */
export interface ProgramInstance {
  readonly engine: EngineInstance;
  readonly encoded: Int32Array;
}

/**
 * Creates an independent engine with `pages` of memory, checks that its
 * boundary matches this facade, and writes the encoded program where load()
 * reads it.
 */
export async function openProgramInstance(
  program: Program,
  pages: number = DEFAULT_MEMORY_PAGES,
): Promise<ProgramInstance> {
  const engine = await createEngineInstance(pages);
  const abiVersion = engine.exports.abiVersion();
  if (abiVersion !== ENGINE_ABI_VERSION) {
    throw new Error(
      `engine build mismatch: the .wasm speaks ABI ${abiVersion}, the facade ${ENGINE_ABI_VERSION}; rebuild with npm run wasm`,
    );
  }
  const encoded = encodeProgram(program);
  if (encoded.length * 4 > A.PROGRAM_MAX_BYTES)
    throw new Error("the program is too large for the engine's program region");
  new Int32Array(engine.memory.buffer, A.PROGRAM_BASE, encoded.length).set(encoded);
  return { engine, encoded };
}
