// The UI's side of the explorer worker (web/explorer-worker.ts): one Worker
// per search, spoken to through the worker's own start/progress/done/cancel
// protocol. Behind an interface so component tests inject a fake and never
// start a worker or load the wasm.
import type { ExplorerRequest, ExplorerResponse } from "../explorer-worker";

/** One connection to an explorer worker; the session creates one per search and terminates it afterwards. */
export interface ExplorerChannel {
  post(request: ExplorerRequest): void;
  /** `onMessage` gets the worker's responses; `onFailure` a worker that could not load or crashed. */
  listen(onMessage: (response: ExplorerResponse) => void, onFailure: (message: string) => void): void;
  /** Stops the worker at once (its memory goes with it). */
  terminate(): void;
}

export type ExplorerChannelFactory = () => ExplorerChannel;

/**
 * A real module Worker. Written as `new Worker(new URL(...), { type: "module" })`
 * so Vite bundles the worker and its engine (.wasm next to it) into assets/
 * with relative URLs: the built site works from any sub-path.
 */
export const createWorkerChannel: ExplorerChannelFactory = () => {
  const worker = new Worker(new URL("../explorer-worker.ts", import.meta.url), {
    type: "module",
    name: "ksync-explorer",
  });
  return {
    post: (request) => worker.postMessage(request),
    listen(onMessage, onFailure) {
      worker.addEventListener("message", (event: MessageEvent<ExplorerResponse>) => onMessage(event.data));
      worker.addEventListener("error", (event: ErrorEvent) => {
        event.preventDefault();
        onFailure(event.message || "the explorer worker could not start (its script or the engine did not load)");
      });
      worker.addEventListener("messageerror", () => onFailure("a message from the explorer worker could not be read"));
    },
    terminate: () => worker.terminate(),
  };
};
