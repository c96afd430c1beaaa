// A scripted stand-in for the explorer worker, for component and session
// tests: records what the UI posts and lets the test answer as the worker
// would. Never used by the shipped app.
import type { ExploreProgress, ExploreReport } from "../../core-wasm/engine";
import type { ExplorerRequest, ExplorerResponse } from "../explorer-worker";
import type { ExplorerChannel, ExplorerChannelFactory } from "./explorer-channel";

export interface FakeChannel extends ExplorerChannel {
  readonly posted: ExplorerRequest[];
  terminated: boolean;
  /** Sends a response as the worker. */
  reply(response: ExplorerResponse): void;
  /** Fails as a worker whose script or engine did not load. */
  fail(message: string): void;
}

export function fakeChannels(): ExplorerChannelFactory & { readonly channels: FakeChannel[]; last(): FakeChannel } {
  const channels: FakeChannel[] = [];
  const factory = () => {
    let onMessage: (r: ExplorerResponse) => void = () => undefined;
    let onFailure: (m: string) => void = () => undefined;
    const channel: FakeChannel = {
      posted: [],
      terminated: false,
      post(request) {
        channel.posted.push(request);
      },
      listen(message, failure) {
        onMessage = message;
        onFailure = failure;
      },
      terminate() {
        channel.terminated = true;
      },
      reply: (response) => onMessage(response),
      fail: (message) => onFailure(message),
    };
    channels.push(channel);
    return channel;
  };
  return Object.assign(factory, {
    channels,
    last(): FakeChannel {
      const channel = channels[channels.length - 1];
      if (!channel) throw new Error("no explorer channel was created");
      return channel;
    },
  });
}

export function progressOf(over: Partial<ExploreProgress> = {}): ExploreProgress {
  return {
    states: 120_000,
    transitions: 250_000,
    statesPerSecond: 340_000,
    frontier: 9000,
    memoryBytes: 12 * 1024 * 1024,
    seconds: 0.35,
    ...over,
  };
}

/** An explore report as the facade builds it (docs/cli.md, "The explore report"), with the figures a test cares about. */
export function reportOf(over: Partial<ExploreReport> = {}): ExploreReport {
  return {
    scenario: "ABBA deadlock",
    outcome: "no-errors",
    states: 15,
    transitions: 21,
    seconds: 0.01,
    mode: "exhaustive",
    limit: null,
    frontier: 0,
    memoryBytes: 4096,
    depth: 6,
    maxSteps: 10_000,
    preemptionBound: null,
    respectPriorities: false,
    reduction: { requested: true, applied: true, skippedTransitions: 3 },
    goal: null,
    ...over,
  };
}

/** The ABBA deadlock as the explorer reports it for the fixtures' scripted simulator (T1, T2, T1, T2). */
export function abbaDeadlockReport(): ExploreReport {
  return reportOf({
    outcome: "error-found",
    states: 13,
    transitions: 17,
    counterexample: {
      schedule: ["T1", "T2", "T1", "T2"],
      outcome: "deadlock",
      ticks: 4,
      deadlock: {
        cycle: [
          { thread: "T1", waitsFor: "B", heldBy: "T2" },
          { thread: "T2", waitsFor: "A", heldBy: "T1" },
        ],
      },
      replay: "ksync run FILE --schedule T1,T2,T1,T2",
    },
  });
}
