// The explore session without React: one fresh worker per search, stale
// workers ignored, a worker that cannot start, and disposal.
import { describe, expect, it } from "vitest";
import { createExploreSession, defaultExploreSettings } from "./explore-session";
import { fakeChannels, reportOf } from "./fake-channel";

describe("explore session", () => {
  it("each search gets its own worker, terminated when it reports", () => {
    const workers = fakeChannels();
    const session = createExploreSession({ createChannel: workers });
    session.getState().actions.start("thread T {}", "t.ksync");
    workers.last().reply({ type: "done", report: reportOf() });
    expect(workers.last().terminated).toBe(true);
    session.getState().actions.start("thread T {}", "t.ksync");
    expect(workers.channels).toHaveLength(2);
    expect(workers.channels[1]!.terminated).toBe(false);
    expect(session.getState().run).toBe(2);
    expect(session.getState().report).toBeNull();
  });

  it("an embed's page (framed) gets a smaller memory budget", () => {
    expect(defaultExploreSettings(false).memoryMiB).toBe(256);
    expect(defaultExploreSettings(true).memoryMiB).toBe(64);
    expect(defaultExploreSettings(true).maxSeconds).toBe(60);
  });

  it("a worker that cannot be created is a failure, not an exception", () => {
    const session = createExploreSession({
      createChannel: () => {
        throw new Error("Worker is not defined");
      },
    });
    session.getState().actions.start("x", "x.ksync");
    expect(session.getState().phase).toBe("failed");
    expect(session.getState().failure?.message).toBe("The explorer worker could not start: Worker is not defined");
  });

  it("dispose stops a running worker and later messages are ignored", () => {
    const workers = fakeChannels();
    const session = createExploreSession({ createChannel: workers });
    session.getState().actions.start("x", "x.ksync");
    session.getState().actions.dispose();
    expect(workers.last().terminated).toBe(true);
    expect(session.getState().phase).toBe("idle");
    workers.last().reply({ type: "done", report: reportOf() });
    expect(session.getState().report).toBeNull();
  });

  it("clear forgets the outcome but not while a search runs", () => {
    const workers = fakeChannels();
    const session = createExploreSession({ createChannel: workers });
    session.getState().actions.start("x", "x.ksync");
    session.getState().actions.clear();
    expect(session.getState().phase).toBe("running");
    workers.last().reply({ type: "done", report: reportOf() });
    session.getState().actions.clear();
    expect(session.getState().phase).toBe("idle");
    expect(session.getState().explored).toBeNull();
  });
});
