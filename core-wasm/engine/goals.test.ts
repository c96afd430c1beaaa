// #goal in the engine (assembly/goals.ts) as the facade shows it: Snapshot.goal
// term by term, and run()/step()/choose() stopping with "goal" on the step that
// makes the goal hold — once per time it becomes true, never during a goTo().
import { describe, expect, test } from "vitest";
import { simulate } from "../../tests/support/simulation";
import type { Simulator, StopReason } from "./types";

/** Steps one at a time; returns the reason of every step until the run ends. */
function stepAll(sim: Simulator, limit = 1000): StopReason[] {
  const reasons: StopReason[] = [];
  for (let i = 0; i < limit; i++) {
    const reason = sim.step();
    reasons.push(reason);
    if (reason !== "budget" && reason !== "goal") break;
  }
  return reasons;
}

/** 1-based steps after which the goal held. */
function stepsWhereReached(sim: Simulator, last: number): number[] {
  const out: number[] = [];
  for (let s = 1; s <= last; s++) {
    sim.goTo(s);
    if (sim.snapshot().goal?.reached) out.push(s);
  }
  return out;
}

const ABBA = `#goal deadlock
#scheduler random
KGUARDED_MUTEX A, B;
thread T1 { KeAcquireGuardedMutex(&A); KeAcquireGuardedMutex(&B); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); }
thread T2 { KeAcquireGuardedMutex(&B); KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); KeReleaseGuardedMutex(&B); }
`;

describe("Snapshot.goal", () => {
  test("is null without a #goal", async () => {
    const sim = await simulate("thread T { Work(1); }");
    expect(sim.snapshot().goal).toBeNull();
    expect(sim.run(100)).toBe("completed");
  });

  test("deadlock: the step that deadlocks stops with goal, the next call with the outcome", async () => {
    const sim = await simulate(ABBA, { schedule: ["T1", "T2", "T1", "T2"] });
    expect(sim.snapshot().goal).toEqual({
      text: "deadlock",
      terms: [{ text: "deadlock", met: false }],
      reached: false,
    });
    expect(sim.run(1000)).toBe("goal");
    expect(sim.stepCount).toBe(4);
    expect(sim.snapshot().outcome).toBe("deadlock");
    expect(sim.snapshot().goal).toEqual({ text: "deadlock", terms: [{ text: "deadlock", met: true }], reached: true });
    expect(sim.run(1000)).toBe("deadlock");
  });

  test("a run that does not deadlock never reaches it", async () => {
    const sim = await simulate(ABBA, { schedule: ["T1", "T1", "T1", "T1", "T2", "T2", "T2", "T2"] });
    expect(stepAll(sim)).not.toContain("goal");
    expect(sim.snapshot().outcome).toBe("completed");
    expect(sim.snapshot().goal?.reached).toBe(false);
  });

  test("bugcheck with a P1: only that code and parameter", async () => {
    const source = (goal: string) => `#goal ${goal}
#verifier deadlock
KGUARDED_MUTEX M;
thread A (priority = 8) { KeAcquireGuardedMutex(&M); Work(4); KeReleaseGuardedMutex(&M); }
thread B (priority = 10, start = 1) { KeReleaseGuardedMutex(&M); }
`;
    const hit = await simulate(source("bugcheck 0xC4 0x1004"));
    expect(hit.run(1000)).toBe("goal");
    expect(hit.snapshot().bugcheck?.parameters[0]).toBe("0x1004");
    expect(hit.snapshot().goal?.reached).toBe(true);
    for (const other of ["bugcheck 0xC4 0x1005", "bugcheck 0x20", "deadlock"]) {
      const miss = await simulate(source(other));
      expect(miss.run(1000)).toBe("bugcheck");
      expect(miss.snapshot().goal).toMatchObject({ text: other, reached: false });
    }
    const anyC4 = await simulate(source("bugcheck 0xc4"));
    expect(anyC4.run(1000)).toBe("goal");
  });

  test("completed holds only at the end", async () => {
    const sim = await simulate("#goal completed\nthread T { Work(2); Work(1); }");
    expect(sim.step()).toBe("budget");
    expect(sim.step()).toBe("budget");
    expect(sim.step()).toBe("goal");
    expect(sim.snapshot().outcome).toBe("completed");
    expect(sim.step()).toBe("completed");
  });

  test("T at L: from the step that reaches the labelled statement through every tick of its Work", async () => {
    const source = `#goal T1 at Inside
KGUARDED_MUTEX M;
thread T1 {
    KeAcquireGuardedMutex(&M);
Inside: Work(3);
    KeReleaseGuardedMutex(&M);
}`;
    const sim = await simulate(source);
    expect(stepAll(sim)).toEqual(["goal", "budget", "budget", "budget", "completed"]);
    // After the acquire (step 1) and after Work's first and second ticks; its third tick moves on.
    expect(stepsWhereReached(sim, 5)).toEqual([1, 2, 3]);
  });

  test("two threads at their labels, and a label on a block", async () => {
    const source = `#goal T1 at Inside and T2 at Inside
#scheduler manual
thread T1 { Work(1); Inside: { Work(1); Work(1); } }
thread T2 { Inside: Work(2); }`;
    const sim = await simulate(source);
    const view = () => sim.snapshot().goal?.terms.map((t) => t.met);
    expect(view()).toEqual([false, true]); // T2's first statement is labelled; T1 is not there yet
    expect(sim.choose("T2")).toBe("budget");
    expect(view()).toEqual([false, true]);
    expect(sim.choose("T1")).toBe("goal");
    expect(view()).toEqual([true, true]);
    expect(sim.choose("T1")).toBe("budget"); // still inside the block: no new stop
    expect(sim.choose("T2")).toBe("budget"); // T2's Work ends: no longer there
    expect(view()).toEqual([true, false]);
    expect(sim.snapshot().goal?.reached).toBe(false);
  });

  test("T waits > N counts ticks from the tick it blocked in", async () => {
    const source = `#goal T2 waits > 3
#scheduler random
KGUARDED_MUTEX M;
thread T1 { KeAcquireGuardedMutex(&M); Work(8); KeReleaseGuardedMutex(&M); }
thread T2 { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }`;
    // One tick per chosen step: T1 takes M at tick 0, T2 blocks on it at tick 1; 5 - 1 > 3.
    const sim = await simulate(source, { schedule: ["T1", "T2", ...Array<string>(9).fill("T1"), "T2", "T2"] });
    expect(sim.run(1000)).toBe("goal");
    expect(sim.stepCount).toBe(5);
    expect(sim.snapshot().tick).toBe(5);
    expect(sim.snapshot().threads[1]).toMatchObject({ state: "Waiting", waitingOn: "M" });
    expect(stepsWhereReached(sim, 11)).toEqual([5, 6, 7, 8, 9, 10]); // until T1's release wakes T2
    sim.goTo(11);
    expect(sim.run(1000)).toBe("completed");
  });

  test("a Delay is a sleep, not a wait", async () => {
    const sim = await simulate("#goal T waits > 1\nthread T { Delay(6); Work(1); }");
    expect(stepAll(sim)).not.toContain("goal");
    expect(sim.snapshot().outcome).toBe("completed");
  });

  test("spinning on a spin lock is waiting", async () => {
    const sim = await simulate(`#goal T2 waits > 2
#cpus 2
KSPIN_LOCK S;
thread T1 (affinity = 0) { KIRQL old; KeAcquireSpinLock(&S, &old); Work(6); KeReleaseSpinLock(&S, old); }
thread T2 (affinity = 1) { KIRQL old; KeAcquireSpinLock(&S, &old); KeReleaseSpinLock(&S, old); }`);
    expect(sim.run(1000)).toBe("goal");
    const snap = sim.snapshot();
    expect(snap.threads[1]).toMatchObject({ spinning: true, waitingOn: "S" });
    // Both CPUs run at tick 0: T2 starts to spin in tick 0 and has waited 3 ticks at tick 3.
    expect(snap.tick).toBe(3);
    expect(sim.run(1000)).toBe("completed");
  });

  test("T owns M and A delivered", async () => {
    const source = `#goal Worker owns Lock and Audit delivered
KGUARDED_MUTEX Lock;
apc Audit (special, target = Worker) { Work(1); }
thread Worker {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Audit);   // held back: special APCs are disabled in the guarded region
    Work(1);
    KeReleaseGuardedMutex(&Lock); // delivered inside the release, after Lock is free
    Work(1);
}`;
    const sim = await simulate(source);
    const met = () => sim.snapshot().goal?.terms.map((t) => t.met);
    const reasons = stepAll(sim);
    expect(reasons).not.toContain("goal"); // never both at once: that is what a guarded region is for
    expect(sim.snapshot().outcome).toBe("completed");
    expect(met()).toEqual([false, true]);
    sim.goTo(1);
    expect(met()).toEqual([true, false]);
  });

  test("goTo replays through the goal without stopping, in both directions", async () => {
    const sim = await simulate(ABBA, { schedule: ["T1", "T2", "T1", "T2"] });
    expect(sim.run(1000)).toBe("goal");
    sim.goTo(0);
    expect(sim.snapshot().goal?.reached).toBe(false);
    sim.goTo(4);
    expect(sim.stepCount).toBe(4);
    expect(sim.snapshot()).toMatchObject({ outcome: "deadlock", goal: { reached: true } });
    // Stepping forward again over the goal reports it again.
    sim.goTo(3);
    expect(sim.step()).toBe("goal");
  });
});
