// The challenge view against the fixtures' scripted simulator (the ABBA run,
// T1, T2, T1, T2, under the manual scheduler) with a #goal added to each
// snapshot: progress while playing, success recorded, a failed run stepped
// back, a shared solution watched (not recorded), and the shortest solution
// of one's own challenge asked of a fake explorer.
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { GoalView, Snapshot, TraceEvent } from "../../core-wasm/engine/types";
import { fakeChannels, reportOf } from "../explore/fake-channel";
import { SimulatorProvider } from "../store/SimulatorProvider";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { abbaScript, fakeBackend, manualFrames } from "../test/fixtures";
import { createChallengeModeStore, type ChallengeModeStore } from "./challenge-store";
import { ChallengeView, type ChallengeViewProps } from "./ChallengeView";

type Script = () => { snapshots: Snapshot[]; events: TraceEvent[] };

/** The ABBA run with a goal whose single term holds when `holds` says so. */
function withGoal(text: string, holds: (s: Snapshot) => boolean): Script {
  return () => {
    const { snapshots, events } = abbaScript();
    return {
      events,
      snapshots: snapshots.map((s) => {
        const met = holds(s);
        const goal: GoalView = { text, terms: [{ text, met }], reached: met };
        return { ...s, goal };
      }),
    };
  };
}

const deadlockGoal = withGoal("deadlock", (s) => s.outcome === "deadlock");
/** Holds only at step 2 (T2 owns B while T1 owns A), then no longer. */
const bothOwnGoal = withGoal("T2 owns B", (s) => s.step === 2);
/** Never holds: the run ends in a deadlock that is not the goal. */
const completedGoal = withGoal("completed", () => false);

function memoryStorage(): Pick<Storage, "getItem" | "setItem" | "removeItem"> & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

async function mount(
  script: Script,
  props: Partial<ChallengeViewProps> = {},
): Promise<{ sim: SimulatorStore; mode: ChallengeModeStore }> {
  const backend = fakeBackend(script);
  const sim = createSimulatorStore({
    backend,
    source: '#title "ABBA"\n#scheduler manual\nthread T1 {}',
    frames: manualFrames(),
  });
  await sim.getState().actions.recompile();
  const mode = createChallengeModeStore({ storage: memoryStorage() });
  render(
    <SimulatorProvider backend={backend} source="" store={sim}>
      <ChallengeView
        challengeId="deadly-embrace"
        title="Deadly embrace"
        difficulty="easy"
        topic="Guarded mutexes"
        shortest={{ kind: "known", steps: 4 }}
        mode={mode}
        code={<div />}
        watching={false}
        onSolveYourself={() => undefined}
        next={{ title: "Too late to try", href: "?mode=challenges&challenge=too-late-to-try" }}
        listHref="?mode=challenges"
        notice={null}
        {...props}
      />
    </SimulatorProvider>,
  );
  return { sim, mode };
}

const status = () => screen.getByTestId("goal-panel").dataset.status;
const text = (id: string) => screen.getByTestId(id).textContent ?? "";

function pickAll(sim: SimulatorStore, threads: readonly string[]): void {
  for (const t of threads) act(() => sim.getState().actions.choose(t));
}

beforeEach(() => {
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("challenge view", () => {
  it("shows each condition and the progress, then the success with steps used and the shortest", async () => {
    const { sim, mode } = await mount(deadlockGoal);
    expect(status()).toBe("playing");
    expect(text("goal-status")).toContain("0 of 1 condition hold now · 0 steps used");
    pickAll(sim, ["T1", "T2", "T1"]);
    expect(status()).toBe("playing");
    expect(mode.getState().progress).toEqual({});
    pickAll(sim, ["T2"]);
    expect(status()).toBe("reached");
    expect(text("steps-used")).toBe("4");
    expect(text("shortest")).toContain("That is the shortest possible");
    expect(screen.getByTestId("next-challenge").getAttribute("href")).toContain("too-late-to-try");
    expect(mode.getState().progress["deadly-embrace"]?.bestSteps).toBe(4);
  });

  it("a run that ends without the goal says so, and its Step back resumes the challenge", async () => {
    const { sim, mode } = await mount(completedGoal);
    pickAll(sim, ["T1", "T2", "T1", "T2"]);
    expect(status()).toBe("failed");
    expect(text("goal-failed")).toContain("Not this way — step back.");
    expect(text("goal-failed")).toContain(
      "The threads deadlocked (T1, T2 can never run again), but that is not the goal.",
    );
    expect(document.activeElement).toBe(screen.getByTestId("goal-step-back"));
    fireEvent.click(screen.getByTestId("goal-step-back"));
    expect(sim.getState().step).toBe(3);
    expect(status()).toBe("playing");
    expect(mode.getState().progress).toEqual({});
  });

  it("reaching the goal sticks while the student steps on, and is forgotten when they go back before it", async () => {
    const { sim, mode } = await mount(bothOwnGoal);
    pickAll(sim, ["T1", "T2"]);
    expect(status()).toBe("reached");
    pickAll(sim, ["T1"]);
    expect(status()).toBe("reached");
    expect(text("steps-used")).toBe("2");
    expect(text("goal-success")).toContain("You have stepped on since; the goal held at step 2.");
    act(() => sim.getState().actions.goTo(1));
    expect(status()).toBe("playing");
    expect(mode.getState().progress["deadly-embrace"]?.bestSteps).toBe(2);
  });

  it("watching a shared solution never records it as solved", async () => {
    const { sim, mode } = await mount(deadlockGoal, { watching: true });
    pickAll(sim, ["T1", "T2", "T1", "T2"]);
    expect(status()).toBe("reached");
    expect(text("goal-success")).toContain("This solution reaches the goal in 4 steps.");
    expect(screen.queryByTestId("solution-link")).toBeNull();
    expect(mode.getState().progress).toEqual({});
  });

  it("one's own challenge asks the explorer for the shortest solution once the goal is reached", async () => {
    const workers = fakeChannels();
    const { sim, mode } = await mount(deadlockGoal, {
      challengeId: null,
      shortest: "search",
      explorerChannel: workers,
    });
    pickAll(sim, ["T1", "T2", "T1"]);
    expect(workers.channels).toHaveLength(0);
    pickAll(sim, ["T2"]);
    expect(workers.last().posted).toEqual([
      {
        type: "start",
        source: '#title "ABBA"\n#scheduler manual\nthread T1 {}',
        fileName: "scenario.ksync",
        options: { goal: true, maxSeconds: 20, memoryMiB: 128 },
      },
    ]);
    expect(text("shortest")).toContain("Looking for the shortest possible solution");
    act(() =>
      workers.last().reply({
        type: "done",
        report: reportOf({
          outcome: "goal-reached",
          goal: "deadlock",
          solution: {
            goal: "deadlock",
            schedule: ["T1", "T2", "T2"],
            steps: 3,
            ticks: 3,
            outcome: "deadlock",
            replay: "",
          },
        }),
      }),
    );
    expect(workers.last().terminated).toBe(true);
    expect(text("shortest")).toBe("The shortest possible is 3 steps. Can you find it? Press Start over and try again.");
    // One's own challenge is not in the catalog: nothing recorded.
    expect(mode.getState().progress).toEqual({});
  });

  it("predict mode can be switched on inside a challenge", async () => {
    await mount(deadlockGoal);
    expect(screen.queryByTestId("predict-panel")).toBeNull();
    fireEvent.click(screen.getByTestId("predict-toggle"));
    expect(screen.getByTestId("predict-panel")).toBeTruthy();
    expect(screen.getByTestId("predict-toggle").getAttribute("aria-pressed")).toBe("true");
  });
});
