import { describe, expect, it } from "vitest";
import type { SimulationSettings } from "../../core-wasm/engine/types";
import { abbaScript, bugcheckScript, fakeBackend, manualFrames } from "../test/fixtures";
import { createSimulatorStore } from "./simulator-store";

async function ready(script = abbaScript, source = '#title "ABBA"\nthread T1 {}') {
  const backend = fakeBackend(script);
  const frames = manualFrames();
  const store = createSimulatorStore({ backend, source, frames, compileDelayMs: 5 });
  await store.getState().actions.recompile();
  return { store, backend, frames };
}

describe("simulator store", () => {
  it("loads a scenario and shows step 0", async () => {
    const { store } = await ready();
    const s = store.getState();
    expect(s.status).toBe("ready");
    expect(s.title).toBe("ABBA");
    expect(s.step).toBe(0);
    expect(s.snapshot?.threads.map((t) => t.name)).toEqual(["T1", "T2"]);
  });

  it("steps forward and back, keeping the recorded future for the slider", async () => {
    const { store } = await ready();
    const a = store.getState().actions;
    a.stepForward();
    a.stepForward();
    expect(store.getState().step).toBe(2);
    expect(store.getState().currentEvents.map((e) => e.text)).toEqual(["T2 acquires B (fast path)."]);
    a.stepBack();
    expect(store.getState().step).toBe(1);
    expect(store.getState().furthestStep).toBe(2);
    expect(store.getState().snapshot?.threads[0]?.owns).toEqual(["A"]);
  });

  it("stops at the deadlock and refuses to step past the end", async () => {
    const { store, backend } = await ready();
    const a = store.getState().actions;
    for (let i = 0; i < 6; i++) a.stepForward();
    expect(store.getState().step).toBe(4);
    expect(store.getState().snapshot?.outcome).toBe("deadlock");
    expect(backend.created[0]!.calls.filter((c) => c === "step")).toHaveLength(4);
  });

  it("runs in frame slices and stops by itself at the deadlock", async () => {
    const { store, frames } = await ready();
    const a = store.getState().actions;
    a.setSpeed(Infinity);
    a.toggleRun();
    expect(store.getState().running).toBe(true);
    frames.tick();
    expect(store.getState().running).toBe(false);
    expect(store.getState().lastStop).toBe("deadlock");
    expect(store.getState().step).toBe(4);
    expect(frames.pending()).toBe(0);
  });

  it("at a slow speed runs one step per due frame", async () => {
    const { store, frames } = await ready();
    const a = store.getState().actions;
    a.setSpeed(2); // two steps a second
    a.toggleRun();
    frames.tick(16); // the first step shows at once
    expect(store.getState().step).toBe(1);
    frames.tick(100);
    expect(store.getState().step).toBe(1);
    frames.tick(200);
    expect(store.getState().step).toBe(1);
    frames.tick(200); // 0.5 s after the first step
    expect(store.getState().step).toBe(2);
    a.pause();
    frames.tick(2000);
    expect(store.getState().step).toBe(2);
  });

  it("reports compile errors without losing the text or the last good state", async () => {
    const { store } = await ready();
    store.getState().actions.stepForward();
    store.getState().actions.setSource("thread T1 { ERROR(); }");
    await store.getState().actions.recompile();
    const s = store.getState();
    expect(s.status).toBe("invalid");
    expect(s.source).toBe("thread T1 { ERROR(); }");
    expect(s.diagnostics[0]).toMatchObject({ line: 1, column: 13, message: "unknown routine ERROR" });
    expect(s.snapshot?.step).toBe(1);
  });

  it("in manual mode waits for a choice and records it; a different earlier choice forgets the future", async () => {
    const { store } = await ready();
    store.getState().actions.setScheduler("manual");
    await new Promise((r) => setTimeout(r, 0));
    const a = store.getState().actions;
    expect(store.getState().choices.map((c) => c.label)).toEqual(["T1"]);
    a.stepForward();
    expect(store.getState().step).toBe(0);
    expect(store.getState().notice).toMatch(/pick the thread/);
    a.chooseThread("T2");
    expect(store.getState().notice).toMatch(/T2 cannot run/);
    a.chooseThread("T1");
    a.choose("T2");
    expect(store.getState().step).toBe(2);
    a.goTo(1);
    expect(store.getState().furthestStep).toBe(2);
    a.choose("T2");
    expect(store.getState().furthestStep).toBe(2);
    expect(store.getState().history?.lastStep).toBe(2);
  });

  it("switching the scheduler keeps the position, replaying the choices made so far", async () => {
    const { store, backend } = await ready();
    store.getState().actions.stepForward();
    store.getState().actions.stepForward();
    store.getState().actions.setScheduler("manual");
    await new Promise((r) => setTimeout(r, 0));
    expect(store.getState().step).toBe(2);
    expect(backend.created).toHaveLength(2);
    expect(backend.created[1]!.calls).toContain("goTo(2)");
    expect(store.getState().choices.map((c) => c.label)).toEqual(["T1"]);
  });

  it("an edit re-runs the new program to the step the user was at", async () => {
    const { store, backend } = await ready();
    store.getState().actions.stepForward();
    store.getState().actions.stepForward();
    store.getState().actions.setSource('#title "ABBA"\nthread T1 { Work(1); }');
    await new Promise((r) => setTimeout(r, 20));
    expect(backend.created).toHaveLength(2);
    expect(store.getState().step).toBe(2);
    expect(store.getState().history?.lastStep).toBe(2);
  });

  it("steps back out of a bug check", async () => {
    const { store } = await ready(bugcheckScript);
    store.getState().actions.stepForward();
    expect(store.getState().snapshot?.bugcheck?.code).toBe("0xC4");
    store.getState().actions.stepBack();
    expect(store.getState().snapshot?.bugcheck).toBeNull();
  });

  it("keeps two instances apart", async () => {
    const one = await ready();
    const two = await ready();
    one.store.getState().actions.stepForward();
    expect(one.store.getState().step).toBe(1);
    expect(two.store.getState().step).toBe(0);
    expect(one.backend.created[0]).not.toBe(two.backend.created[0]);
  });

  it("exports the trace with the schedule that replays it", async () => {
    const { store } = await ready();
    store.getState().actions.stepForward();
    store.getState().actions.stepForward();
    const trace = store.getState().actions.exportTrace();
    expect(trace?.schedule).toEqual(["T1", "T2"]);
    expect(trace?.events).toHaveLength(2);
    expect(trace?.outcome).toBe("running");
  });

  it("restores a shared session: overrides applied, its schedule forced on that simulator only, at its step", async () => {
    const base = fakeBackend(abbaScript);
    const settings: SimulationSettings[] = [];
    const backend = {
      ...base,
      createSimulator(program: Parameters<typeof base.createSimulator>[0], given: SimulationSettings) {
        settings.push(given);
        return base.createSimulator(program, given);
      },
    };
    const store = createSimulatorStore({ backend, source: "", frames: manualFrames(), compileDelayMs: 5 });
    await store.getState().actions.restoreSession({
      source: '#title "ABBA"\nthread T1 {}',
      fileName: "abba.ksync",
      scheduler: "random",
      seed: 7,
      schedule: ["T1", "T2"],
      step: 2,
    });
    expect(store.getState()).toMatchObject({
      status: "ready",
      title: "ABBA",
      fileName: "abba.ksync",
      schedulerOverride: "random",
      seedOverride: 7,
      step: 2,
    });
    expect(settings[0]?.schedule).toEqual(["T1", "T2"]);
    await store.getState().actions.recompile();
    expect(settings[1]?.schedule).toBeUndefined();
    expect(store.getState().step).toBe(0);
  });

  it("disposes its simulator and drops one that finishes loading afterwards", async () => {
    const { store, backend } = await ready();
    store.getState().actions.dispose();
    expect(backend.created[0]!.calls).toContain("dispose");
  });
});
