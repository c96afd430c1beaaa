// @vitest-environment node
// The compare session on the real compiler and wasm engine (no DOM needed):
// two independent simulators, stepped together or apart, with per-side
// settings, one shared text on request, and a share-link round trip.
import { afterEach, describe, expect, it } from "vitest";
import { builtinScenarioSource } from "../embed/builtins";
import { decodeSharedLink, encodeSharedComparison } from "../share/share-link";
import { realBackend } from "../store/real-backend";
import { CompareSession } from "./compare-session";
import { COMPARE_PRESETS, findPreset } from "./presets";
import { diffSnapshots } from "./snapshot-diff";

const sessions: CompareSession[] = [];
function newSession(): CompareSession {
  const session = new CompareSession(realBackend, builtinScenarioSource, { compileDelayMs: 0 });
  sessions.push(session);
  return session;
}
afterEach(() => {
  sessions.splice(0).forEach((s) => s.dispose());
});

const stepOf = (session: CompareSession) => [session.left.store.getState().step, session.right.store.getState().step];
const differences = (session: CompareSession) =>
  diffSnapshots(session.left.store.getState().snapshot, session.right.store.getState().snapshot).differences.map(
    (d) => d.text,
  );

describe("CompareSession", () => {
  it("loads every preset on both sides without errors", async () => {
    for (const preset of COMPARE_PRESETS) {
      const session = newSession();
      await session.loadPreset(preset);
      expect([session.left.store.getState().status, session.right.store.getState().status], preset.id).toEqual([
        "ready",
        "ready",
      ]);
      expect(session.flags.getState()).toMatchObject({ preset: preset.id, sameScenario: preset.sameScenario });
    }
  });

  it("steps both sides together, then one side alone, and the difference follows", async () => {
    const session = newSession();
    await session.loadPreset(findPreset("guarded-vs-fast")!);
    expect(differences(session)).toEqual(["Type of Lock: KGUARDED_MUTEX vs FAST_MUTEX"]);
    session.step();
    expect(stepOf(session)).toEqual([1, 1]);
    expect(differences(session)).toContain("IRQL of Worker: PASSIVE_LEVEL vs APC_LEVEL");
    expect(differences(session)).toContain("SpecialApcDisable of Worker: -1 vs 0");

    session.setTogether(false);
    session.step("right");
    session.step("right");
    expect(stepOf(session)).toEqual([1, 3]);
    session.back("right");
    expect(stepOf(session)).toEqual([1, 2]);
    session.setTogether(true);
    session.back();
    expect(stepOf(session)).toEqual([0, 1]);
    session.reset();
    expect(stepOf(session)).toEqual([0, 0]);
  });

  it("gives each side its own Windows generation and verifier mode", async () => {
    const session = newSession();
    await session.loadPreset(findPreset("windows-2003-vs-8")!);
    expect(session.left.store.getState().windows).toBe(2003);
    expect(session.right.store.getState().windows).toBe(8);
    for (let i = 0; i < 3; i++) session.step();
    // AutoBoost (on for Windows 8) lends L the waiter's priority.
    expect(differences(session)).toContain("Priority of L: 4 vs 12");

    await session.setSettings("right", { verifier: "deadlock" });
    expect(session.right.verifier).toBe("deadlock");
    expect(session.left.verifier).toBe("off");
    // A settings change starts both sides again when they step together.
    expect(stepOf(session)).toEqual([0, 0]);
  });

  it("keeps one text on both sides when asked to", async () => {
    const session = newSession();
    await session.loadPreset(findPreset("guarded-vs-fast")!);
    await session.setSameScenario(true);
    expect(session.right.store.getState().source).toBe(session.left.store.getState().source);
    const edited = session.left.store.getState().source.replace("Work(2);", "Work(3);");
    session.left.store.getState().actions.setSource(edited);
    expect(session.right.store.getState().source).toBe(edited);
  });

  it("round-trips both sides, their settings, steps and mode through a share link", async () => {
    const session = newSession();
    await session.loadPreset(findPreset("priority-vs-random")!);
    session.setTogether(false);
    for (let i = 0; i < 6; i++) session.step("right");
    session.step("left");
    await session.setSettings("left", { cpus: 2 });
    session.step("left");
    const link = await encodeSharedComparison(session.capture());
    const decoded = await decodeSharedLink(link);
    expect(decoded.comparison).not.toBeNull();

    const reopened = newSession();
    await reopened.open(decoded.comparison!);
    expect(stepOf(reopened)).toEqual(stepOf(session));
    expect(reopened.flags.getState()).toMatchObject({ together: false, sameScenario: true });
    expect(reopened.left.settings.cpus).toBe(2);
    expect(reopened.left.store.getState().cpuCount).toBe(2);
    expect(reopened.right.store.getState().schedulerOverride).toBe("random");
    expect(reopened.right.store.getState().snapshot).toEqual(session.right.store.getState().snapshot);
    expect(reopened.left.store.getState().snapshot).toEqual(session.left.store.getState().snapshot);
  });

  it("reports a scenario name it does not know instead of loading", async () => {
    const session = newSession();
    await session.openSpecs({ scenario: "abba-deadlock" }, { scenario: "no-such-thing" });
    expect(session.flags.getState().problem).toBe('There is no built-in scenario called "no-such-thing".');
    expect(session.left.store.getState().status).toBe("loading");
  });
});
