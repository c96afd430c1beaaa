// A widget opened on a challenge (<kernel-sync-lab challenge="…">, or the
// embed API's load({ challenge })): the built-in text under the manual
// scheduler, and a readable refusal for an id that is not a challenge.
import { describe, expect, it } from "vitest";
import { challenges } from "../../scenarios/challenges";
import { EmbedController } from "../embed/controller";
import { abbaScript, fakeBackend } from "../test/fixtures";

describe("a challenge in the embed", () => {
  it("loads the challenge's own text with the reader as the scheduler", async () => {
    const controller = new EmbedController(fakeBackend(abbaScript));
    const state = await controller.load({ challenge: "deadly-embrace" });
    const deadly = challenges.find((c) => c.id === "deadly-embrace")!;
    expect(state).toMatchObject({ status: "ready", scheduler: "manual", step: 0 });
    expect(controller.store.getState().source).toBe(deadly.source);
    expect(controller.store.getState().fileName).toBe("deadly-embrace.ksync");
    expect(controller.problem).toBeNull();
    controller.dispose();
  });

  it("says which id it does not know, instead of loading something else", async () => {
    const controller = new EmbedController(fakeBackend(abbaScript));
    await expect(controller.load({ challenge: "no-such-thing" })).rejects.toThrow(
      'There is no built-in challenge called "no-such-thing".',
    );
    expect(controller.problem).toBe('There is no built-in challenge called "no-such-thing".');
    controller.dispose();
  });
});
