// Web Worker entry that runs the explorer (core-wasm/engine explorer facade)
// off the UI thread. Protocol (structured-clone messages):
//   → { type: "start", source?, fileName?, program?, options? }   one search at a time
//   → { type: "cancel" }                                          stops it at the next slice
//   ← { type: "progress", states, transitions, statesPerSecond, frontier, memoryBytes, seconds }
//   ← { type: "done", report }                                    the explore report (docs/cli.md)
//   ← { type: "error", message, diagnostics? }                    scenario errors or a refused start
// The UI creates it with
//   new Worker(new URL("./explorer-worker.ts", import.meta.url), { type: "module" })
import { exploreProgram, type ExploreOptions, type ExploreProgress, type ExploreReport } from "../core-wasm/engine";
import type { Diagnostic } from "../core-wasm/lang/diagnostics";
import { compileScenario } from "../core-wasm/lang/index";
import type { Program } from "../core-wasm/lang/program";

/** The explore options that cross the worker boundary (no callbacks). */
export type ExplorerWorkerOptions = Omit<ExploreOptions, "onProgress" | "shouldCancel" | "now">;

export type ExplorerRequest =
  | {
      readonly type: "start";
      readonly source?: string;
      readonly fileName?: string;
      readonly program?: Program;
      readonly options?: ExplorerWorkerOptions;
    }
  | { readonly type: "cancel" };

export type ExplorerResponse =
  | ({ readonly type: "progress" } & ExploreProgress)
  | { readonly type: "done"; readonly report: ExploreReport }
  | { readonly type: "error"; readonly message: string; readonly diagnostics?: readonly Diagnostic[] };

/** The part of a worker's global scope the handler uses (a fake in tests). */
export interface ExplorerWorkerScope {
  postMessage(message: ExplorerResponse): void;
  addEventListener(type: "message", listener: (event: { readonly data: ExplorerRequest }) => void): void;
}

/** Wires the protocol to `scope`; returns a promise-free handler (each start runs to done, error or cancel). */
export function attachExplorer(scope: ExplorerWorkerScope): void {
  let running = false;
  let cancelled = false;

  async function start(request: Extract<ExplorerRequest, { type: "start" }>): Promise<void> {
    let program = request.program ?? null;
    if (program === null) {
      if (request.source === undefined) {
        scope.postMessage({ type: "error", message: "start needs a source or a program" });
        return;
      }
      const compiled = compileScenario(request.source, { fileName: request.fileName ?? "scenario.ksync" });
      if (compiled.program === null || compiled.diagnostics.length > 0) {
        scope.postMessage({
          type: "error",
          message: "the scenario has errors",
          diagnostics: compiled.diagnostics,
        });
        return;
      }
      program = compiled.program;
    }
    const report = await exploreProgram(program, {
      ...request.options,
      onProgress: (p) => scope.postMessage({ type: "progress", ...p }),
      shouldCancel: () => cancelled,
    });
    scope.postMessage({ type: "done", report });
  }

  scope.addEventListener("message", (event) => {
    const request = event.data;
    if (request.type === "cancel") {
      cancelled = true;
      return;
    }
    if (running) {
      scope.postMessage({ type: "error", message: "a search is already running; cancel it first" });
      return;
    }
    running = true;
    cancelled = false;
    start(request)
      .catch((err: unknown) =>
        scope.postMessage({ type: "error", message: err instanceof Error ? err.message : String(err) }),
      )
      .finally(() => {
        running = false;
      });
  });
}

// Inside a real worker, serve the protocol on the worker's own scope.
declare const WorkerGlobalScope: unknown;
if (typeof WorkerGlobalScope !== "undefined" && typeof self !== "undefined") {
  attachExplorer(self as unknown as ExplorerWorkerScope);
}
