import { describe, expect, it } from "vitest";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { abbaScript, fakeBackend, manualFrames, snapshot, thread } from "../test/fixtures";
import {
  addToScore,
  contextOf,
  countRaw,
  describeCount,
  EMPTY_SCORE,
  predictCandidates,
  revealPrediction,
  type Prediction,
} from "./predict-scoring";
import { createPredictStore } from "./predict-store";

async function simulator(source = '#title "ABBA"\nthread T1 {}'): Promise<SimulatorStore> {
  const store = createSimulatorStore({ backend: fakeBackend(abbaScript), source, frames: manualFrames() });
  await store.getState().actions.recompile();
  return store;
}

const HELD_ONE_WAITER = { free: false, woken: false, waiters: 1 };

describe("predict scoring", () => {
  it("encodes a Count guess the way the kernel lays out the word", () => {
    expect(countRaw({ free: true, woken: false, waiters: 0 })).toBe(0x1);
    expect(countRaw(HELD_ONE_WAITER)).toBe(0x4);
    expect(countRaw({ free: true, woken: true, waiters: 2 })).toBe(0xb);
    expect(describeCount({ free: true, woken: true, waiters: 2 })).toBe("0xB: free, 2 waiters, a waiter woken");
  });

  it("offers every thread that has not ended and every queued or running DPC", () => {
    const s = snapshot(3, {
      threads: [thread("T1", 0, { state: "Waiting" }), thread("T2", 1, { state: "Terminated" }), thread("T3", 2)],
      cpus: [
        { index: 0, thread: null, irql: 2, dpc: "D1", queuedDpcs: ["D2"] },
        { index: 1, thread: null, irql: 0, dpc: null, queuedDpcs: ["D2"] },
      ],
    });
    expect(predictCandidates(s)).toEqual(["T1", "T3", "D1", "D2"]);
    expect(predictCandidates(null)).toEqual([]);
  });

  it("strips the CPU from a schedule label", () => {
    expect(contextOf("D@1")).toBe("D");
    expect(contextOf("T1")).toBe("T1");
  });

  it("marks each predicted part right or wrong against the step taken", () => {
    const { snapshots } = abbaScript();
    const prediction: Prediction = {
      atStep: 2,
      thread: "T2",
      count: { mutex: "B", guess: HELD_ONE_WAITER },
      practice: false,
    };
    const reveal = revealPrediction(prediction, "T1", snapshots[3]!);
    expect(reveal).toMatchObject({ step: 3, ran: "T1", threadRight: false, countRight: true });
    expect(reveal.actualCount?.raw).toBe(4);
    const onlyThread = revealPrediction({ ...prediction, thread: "T1", count: null }, "T1@0", snapshots[3]!);
    expect(onlyThread).toMatchObject({ ran: "T1", threadRight: true, countRight: null, actualCount: null });
  });

  it("scores one point per answer, counts streaks of all-right steps, and ignores practice", () => {
    const { snapshots } = abbaScript();
    const both: Prediction = {
      atStep: 2,
      thread: "T1",
      count: { mutex: "B", guess: HELD_ONE_WAITER },
      practice: false,
    };
    let score = addToScore(EMPTY_SCORE, revealPrediction(both, "T1", snapshots[3]!));
    expect(score).toEqual({ asked: 2, right: 2, streak: 1, bestStreak: 1 });
    score = addToScore(score, revealPrediction({ ...both, count: null }, "T1", snapshots[3]!));
    expect(score).toEqual({ asked: 3, right: 3, streak: 2, bestStreak: 2 });
    score = addToScore(score, revealPrediction(both, "T2", snapshots[3]!));
    expect(score).toEqual({ asked: 5, right: 4, streak: 0, bestStreak: 2 });
    const practice = addToScore(score, revealPrediction({ ...both, practice: true }, "T1", snapshots[3]!));
    expect(practice).toBe(score);
  });
});

describe("predict store", () => {
  it("under the priority scheduler, locking in takes the step and reveals it", async () => {
    const sim = await simulator();
    const predict = createPredictStore(sim);
    expect(predict.getState().actions.lockIn({ thread: "T1", count: null })).toBeNull();
    expect(sim.getState().step).toBe(1);
    const { reveal, pending, score } = predict.getState();
    expect(pending).toBeNull();
    expect(reveal).toMatchObject({ step: 1, ran: "T1", threadRight: true });
    expect(score).toEqual({ asked: 1, right: 1, streak: 1, bestStreak: 1 });

    predict.getState().actions.lockIn({ thread: "T1", count: { mutex: "B", guess: HELD_ONE_WAITER } });
    expect(predict.getState().reveal).toMatchObject({ step: 2, ran: "T2", threadRight: false, countRight: false });
    expect(predict.getState().score).toEqual({ asked: 3, right: 1, streak: 0, bestStreak: 1 });
    predict.getState().actions.dispose();
  });

  it("under the manual scheduler, waits for the student's choice, then reveals", async () => {
    const sim = await simulator('#title "ABBA"\n#scheduler manual\nthread T1 {}');
    const predict = createPredictStore(sim);
    sim.getState().actions.choose("T1");
    sim.getState().actions.choose("T2");
    const guess = { mutex: "B", guess: HELD_ONE_WAITER };
    expect(predict.getState().actions.lockIn({ thread: null, count: guess })).toBeNull();
    expect(sim.getState().step).toBe(2);
    expect(predict.getState().pending).toMatchObject({ atStep: 2, practice: false });
    sim.getState().actions.choose("T1");
    expect(predict.getState().reveal).toMatchObject({ step: 3, ran: "T1", countRight: true, threadRight: null });
    expect(predict.getState().score.right).toBe(1);
  });

  it("a step seen before (after stepping back) is revealed but not scored", async () => {
    const sim = await simulator();
    const predict = createPredictStore(sim);
    sim.getState().actions.stepForward();
    sim.getState().actions.stepForward();
    sim.getState().actions.stepBack();
    predict.getState().actions.lockIn({ thread: "T2", count: null });
    expect(predict.getState().reveal).toMatchObject({ step: 2, threadRight: true, prediction: { practice: true } });
    expect(predict.getState().score).toEqual(EMPTY_SCORE);
  });

  it("moving to another step withdraws the prediction and says why", async () => {
    const sim = await simulator('#title "ABBA"\n#scheduler manual\nthread T1 {}');
    const predict = createPredictStore(sim);
    sim.getState().actions.choose("T1");
    predict.getState().actions.lockIn({ thread: null, count: { mutex: "A", guess: HELD_ONE_WAITER } });
    sim.getState().actions.stepBack();
    expect(predict.getState().pending).toBeNull();
    expect(predict.getState().withdrawn).toMatch(/moved to step 0.*step 2 was withdrawn/);
    expect(predict.getState().score).toEqual(EMPTY_SCORE);
  });

  it("refuses an empty answer, an ended run and a switched-off mode", async () => {
    const sim = await simulator();
    const predict = createPredictStore(sim);
    expect(predict.getState().actions.lockIn({ thread: null, count: null })).toMatch(/Choose an answer/);
    sim.getState().actions.goTo(4);
    expect(predict.getState().actions.lockIn({ thread: "T1", count: null })).toMatch(/run has ended/);
    predict.getState().actions.setEnabled(false);
    expect(predict.getState().actions.lockIn({ thread: "T1", count: null })).toMatch(/off/);
    expect(sim.getState().step).toBe(4);
  });
});
