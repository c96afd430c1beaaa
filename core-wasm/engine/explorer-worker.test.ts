// The explorer worker's message protocol (web/explorer-worker.ts) driven
// through a fake worker scope: start from source or program, progress, done,
// cancel, scenario errors, and one search at a time.
import { describe, expect, it } from "vitest";
import { ringScenario } from "../../bench/explorer-family";
import { attachExplorer, type ExplorerRequest, type ExplorerResponse } from "../../web/explorer-worker";
import { compileScenario } from "../lang/index";

function fakeWorker(): {
  send(request: ExplorerRequest): void;
  messages: ExplorerResponse[];
  next(type: ExplorerResponse["type"]): Promise<ExplorerResponse>;
} {
  const messages: ExplorerResponse[] = [];
  let listener: ((event: { data: ExplorerRequest }) => void) | undefined;
  const waiting: { type: string; resolve: (m: ExplorerResponse) => void }[] = [];
  attachExplorer({
    postMessage(message) {
      messages.push(message);
      for (const w of waiting.filter((x) => x.type === message.type)) {
        waiting.splice(waiting.indexOf(w), 1);
        w.resolve(message);
      }
    },
    addEventListener(_type, l) {
      listener = l;
    },
  });
  return {
    messages,
    send: (request) => listener?.({ data: request }),
    next: (type) => new Promise((resolve) => waiting.push({ type, resolve })),
  };
}

describe("explorer worker protocol", () => {
  it("start from source: done with the report", async () => {
    const worker = fakeWorker();
    const done = worker.next("done");
    worker.send({
      type: "start",
      source: ringScenario(3, "ring"),
      fileName: "ring.ksync",
      options: { memoryMiB: 16 },
    });
    const message = await done;
    expect(message.type === "done" && message.report.counterexample?.outcome).toBe("deadlock");
  });

  it("progress messages, then cancel ends the search with limit cancelled", async () => {
    const worker = fakeWorker();
    const { program } = compileScenario(ringScenario(7, "global"), { fileName: "ring.ksync" });
    const progress = worker.next("progress");
    const done = worker.next("done");
    worker.send({
      type: "start",
      program: program ?? undefined,
      options: { memoryMiB: 128, reduction: false, progressIntervalMs: 0 },
    });
    const first = await progress;
    expect(first).toMatchObject({ type: "progress" });
    if (first.type === "progress") {
      expect(first.states).toBeGreaterThan(0);
      expect(first.memoryBytes).toBeGreaterThan(0);
      expect(typeof first.statesPerSecond).toBe("number");
      expect(typeof first.frontier).toBe("number");
    }
    worker.send({ type: "start", source: ringScenario(2, "ring") });
    worker.send({ type: "cancel" });
    const message = await done;
    expect(message.type === "done" && message.report.limit).toBe("cancelled");
    expect(worker.messages.some((m) => m.type === "error" && /already running/.test(m.message))).toBe(true);
  });

  it("scenario errors come back as an error message with diagnostics", async () => {
    const worker = fakeWorker();
    const error = worker.next("error");
    worker.send({ type: "start", source: "thread T { KeAcquireGuardedMutx(&A); }" });
    const message = await error;
    expect(message.type === "error" && (message.diagnostics?.length ?? 0) > 0).toBe(true);
  });
});
