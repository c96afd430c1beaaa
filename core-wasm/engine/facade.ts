// Typed facade over one engine instance. Hands out plain, frozen objects only;
// no pointer or memory view ever leaves this folder.
import { createEngineInstance, DEFAULT_MEMORY_PAGES, type EngineInstance } from "./loader";

/** The boundary version this facade was written for. */
export const ENGINE_ABI_VERSION = 5;

export interface Engine {
  /** Boundary version reported by the loaded .wasm. */
  readonly abiVersion: number;
}

/** Loads a new, independent engine and checks that its boundary matches this facade. */
export async function openEngine(pages: number = DEFAULT_MEMORY_PAGES): Promise<Engine> {
  const instance: EngineInstance = await createEngineInstance(pages);
  const abiVersion = instance.exports.abiVersion();
  if (abiVersion !== ENGINE_ABI_VERSION) {
    throw new Error(
      `engine build mismatch: the .wasm speaks ABI ${abiVersion}, the facade ${ENGINE_ABI_VERSION}; rebuild with npm run wasm`,
    );
  }
  return Object.freeze({ abiVersion });
}
