// Linear memory of one engine instance. The loader gives every instance a
// fixed memory (initial = maximum pages, so views never go stale); this reads
// the size the facade reports, or falls back to the loader's fixed size.
import { createSimulator, DEFAULT_MEMORY_PAGES } from "../core-wasm/engine/index";
import type { Program } from "../core-wasm/lang/program";

const PAGE_BYTES = 64 * 1024;

export async function linearMemoryBytes(program: Program): Promise<{ bytes: number; how: string }> {
  const simulator = await createSimulator(program, { maxSteps: 100_000, recordTrace: true });
  try {
    let reason = simulator.run(1 << 20);
    while (reason === "budget") reason = simulator.run(1 << 20);
    const reported = (simulator as { readonly memoryBytes?: unknown }).memoryBytes;
    if (typeof reported === "number") return { bytes: reported, how: "as the facade reports it, after a full run" };
    return {
      bytes: DEFAULT_MEMORY_PAGES * PAGE_BYTES,
      how: `the loader's fixed ${DEFAULT_MEMORY_PAGES} pages; the facade does not report it`,
    };
  } finally {
    simulator.dispose();
  }
}
