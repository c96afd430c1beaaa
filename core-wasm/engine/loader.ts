// The one place in the project that touches the WebAssembly API (an ESLint
// rule enforces it). It compiles the engine once per page or process and
// creates independent instances, each with its own fixed-size linear memory,
// so several simulators (widgets on one docs page) never share state.
import type { EngineExports } from "./exports";

/** 64 KiB pages of linear memory for an ordinary simulator instance (8 MiB). */
export const DEFAULT_MEMORY_PAGES = 128;

let compiled: Promise<WebAssembly.Module> | undefined;

const wasmUrl = new URL("../build/release.wasm", import.meta.url);

async function compileFromUrl(url: URL): Promise<WebAssembly.Module> {
  if (url.protocol === "file:") {
    // Node (CLI, tests): read the file that scripts/wasm-build-lib.mjs produced.
    const { readFile } = await import(/* @vite-ignore */ "node:fs/promises");
    return WebAssembly.compile(await readFile(url));
  }
  if (url.protocol === "data:") {
    // The embeddable widget (vite.widget.config.ts, library mode) inlines the .wasm as a base64 data: URL so it
    // is one script that also runs from file://. Decoded here rather than fetched: a page's CSP connect-src
    // (or default-src 'self') would block fetch("data:...").
    return WebAssembly.compile(decodeBase64DataUrl(url.href));
  }
  const response = await fetch(url);
  if (!response.ok) throw new Error(`could not load the engine (${url.pathname}): HTTP ${response.status}`);
  if (response.headers.get("content-type")?.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(response);
  }
  // Some static servers send .wasm with another MIME type; streaming compile refuses that.
  return WebAssembly.compile(await response.arrayBuffer());
}

function decodeBase64DataUrl(href: string): Uint8Array<ArrayBuffer> {
  const comma = href.indexOf(",");
  if (comma < 0 || !href.slice(0, comma).endsWith(";base64"))
    throw new Error("could not load the engine: the inlined .wasm is not base64");
  const binary = atob(href.slice(comma + 1));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

/** Compiles the engine module once; later calls share the same compiled module. */
export function loadEngineModule(): Promise<WebAssembly.Module> {
  compiled ??= compileFromUrl(wasmUrl).catch((err: unknown) => {
    compiled = undefined;
    throw err;
  });
  return compiled;
}

/** A live engine: its exported functions and the linear memory it owns. */
export interface EngineInstance {
  readonly exports: EngineExports;
  readonly memory: WebAssembly.Memory;
  /** The whole linear memory as bytes; valid forever because memory never grows. */
  readonly bytes: Uint8Array;
}

/**
 * Instantiates a fresh engine with `pages` of fixed linear memory
 * (initial = maximum, so views over it never go stale).
 */
export async function createEngineInstance(pages: number = DEFAULT_MEMORY_PAGES): Promise<EngineInstance> {
  const module = await loadEngineModule();
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = await WebAssembly.instantiate(module, {
    env: {
      memory,
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new Error(`engine assertion failed at ${line}:${column}`);
      },
    },
  });
  const exports = instance.exports as unknown as EngineExports;
  return { exports, memory, bytes: new Uint8Array(memory.buffer) };
}
