import { describe, expect, it } from "vitest";
import type { SimulationSettings } from "../../core-wasm/engine/types";
import { encodeSharedView } from "../share/share-link";
import { abbaScript, fakeBackend } from "../test/fixtures";
import { EmbedController, type WidgetEvent } from "./controller";

function setup() {
  const backend = fakeBackend(abbaScript);
  const settings: SimulationSettings[] = [];
  const spy = {
    ...backend,
    createSimulator: (program: Parameters<typeof backend.createSimulator>[0], s: SimulationSettings) => (
      settings.push(s),
      backend.createSimulator(program, s)
    ),
  };
  const controller = new EmbedController(spy);
  const events: WidgetEvent[] = [];
  controller.on((e) => events.push(e));
  return { controller, events, settings };
}

describe("embed controller", () => {
  it("loads text, steps, and reports ready, step and deadlock events", async () => {
    const { controller, events } = setup();
    const state = await controller.load({ source: '#title "ABBA deadlock"\nthread T1 {}' });
    expect(state).toMatchObject({ status: "ready", step: 0, title: "ABBA deadlock" });
    expect(events.map((e) => e.type)).toEqual(["ready"]);
    expect(controller.step().step).toBe(1);
    expect(controller.goto(4).outcome).toBe("deadlock");
    expect(events.map((e) => e.type)).toEqual(["ready", "step", "step", "deadlock"]);
    const deadlock = events.at(-1);
    expect(deadlock?.type === "deadlock" && deadlock.state.step).toBe(4);
    controller.dispose();
  });

  it("hands a share link's schedule to the engine once, then shows its step", async () => {
    const { controller, settings } = setup();
    const share = await encodeSharedView({
      source: '#title "ABBA deadlock"\nthread T1 {}',
      fileName: "abba.ksync",
      scheduler: "random",
      seed: 3,
      schedule: ["T1", "T2", "T1"],
      step: 3,
    });
    const state = await controller.load({ share });
    expect(state).toMatchObject({ step: 3, scheduler: "random" });
    expect(settings.at(-1)?.schedule).toEqual(["T1", "T2", "T1"]);
    expect(controller.store.getState().seedOverride).toBe(3);
    // A later recompile (an edit) runs unforced.
    await controller.store.getState().actions.recompile();
    expect(settings).toHaveLength(2);
    expect(settings[1]?.schedule).toBeUndefined();
    controller.dispose();
  });

  it("rejects what it cannot load, shows why, and keeps the last scenario", async () => {
    const { controller, events } = setup();
    await controller.load({ source: '#title "ABBA deadlock"\nthread T1 {}' });
    await expect(controller.load({ scenario: "no-such-scenario" })).rejects.toThrow(
      /no built-in scenario called "no-such-scenario"/,
    );
    expect(controller.problem).toMatch(/no-such-scenario/);
    await expect(controller.load({ share: "1.%%%" })).rejects.toThrow(
      /share link could not be opened: the link is damaged/,
    );
    expect(events.filter((e) => e.type === "error")).toHaveLength(2);
    expect(controller.state()).toMatchObject({ status: "ready", title: "ABBA deadlock" });
    // A text that does not compile loads (the editor shows its errors) and reports an error event.
    await controller.load({ source: "thread T1 { ERROR(); }" });
    expect(controller.state().status).toBe("invalid");
    expect(events.at(-1)).toMatchObject({
      type: "error",
      message: expect.stringMatching(/does not compile \(1 error; line 1: unknown routine ERROR\)/),
    });
    expect(controller.problem).toBeNull();
    controller.dispose();
  });
});
