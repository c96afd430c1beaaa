// Determinism and the timeline: same input ⇒ identical events; goTo(N)
// backward then forward reproduces the same events and state; forced
// schedules replay a run exactly; the random scheduler is seeded.
import { describe, expect, test } from "vitest";
import { S9, simulate } from "../../tests/support/simulation";

const contention = `#cpus 2
#verifier off
#windows 2003
#quantum 2
KGUARDED_MUTEX A, B;
KEVENT E = { SynchronizationEvent, FALSE };
apc P (special, target = T1) { Work(1); }
dpc D (cpu = 1) { Work(2); }
thread T1 { repeat (20) { KeAcquireGuardedMutex(&A); Work(2); KeReleaseGuardedMutex(&A); KeSetEvent(&E, 1, FALSE); } }
thread T2 (priority = 9) { repeat (20) { KeAcquireGuardedMutex(&A); KeAcquireGuardedMutex(&B); Work(1); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); } }
thread T3 (start = 2) { repeat (20) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, 3); KeAcquireGuardedMutex(&B); Delay(1); KeReleaseGuardedMutex(&B); } }
at (5) KeInsertQueueApc(&P);
at (7) KeInsertQueueDpc(&D);
`;

describe("determinism", () => {
  test("the same program twice gives byte-identical events and final state", async () => {
    const a = await simulate(contention);
    const b = await simulate(contention);
    expect(a.run(100_000)).toBe("completed");
    expect(b.run(100_000)).toBe("completed");
    expect(JSON.stringify(b.events())).toBe(JSON.stringify(a.events()));
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(a.events().length).toBeGreaterThan(100);
  });

  test("run(N) in one call equals N single steps", async () => {
    const a = await simulate(contention);
    const b = await simulate(contention);
    a.run(300);
    for (let i = 0; i < 300; i++) b.step();
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
    expect(JSON.stringify(b.events())).toBe(JSON.stringify(a.events()));
  });

  test("the random scheduler: same seed, same trace; another seed, another trace", async () => {
    const random = (seed: number) => contention.replace("#quantum 2", `#quantum 2\n#scheduler random\n#seed ${seed}`);
    const a = await simulate(random(7));
    const b = await simulate(random(7));
    const c = await simulate(random(8));
    a.run(100_000);
    b.run(100_000);
    c.run(100_000);
    expect(JSON.stringify(b.events())).toBe(JSON.stringify(a.events()));
    expect(JSON.stringify(c.schedule())).not.toBe(JSON.stringify(a.schedule()));
  });

  test("a recorded schedule replayed as a forced schedule reproduces the run", async () => {
    const random = contention.replace("#quantum 2", "#quantum 2\n#scheduler random\n#seed 3");
    const a = await simulate(random);
    a.run(100_000);
    const schedule = a.schedule();
    expect(schedule.length).toBe(a.stepCount);
    const b = await simulate(random.replace("#scheduler random", "#scheduler manual"), { schedule });
    b.run(100_000);
    expect(b.schedule()).toEqual(schedule);
    expect(JSON.stringify(b.snapshot())).toBe(JSON.stringify(a.snapshot()));
  });
});

describe("timeline", () => {
  test("goTo backward then forward reproduces the same state and events", async () => {
    const sim = await simulate(contention);
    sim.run(700);
    const at700 = JSON.stringify(sim.snapshot());
    const events = JSON.stringify(sim.events());
    sim.goTo(123);
    expect(sim.stepCount).toBe(123);
    const at123 = JSON.stringify(sim.snapshot());
    sim.goTo(700);
    expect(JSON.stringify(sim.snapshot())).toBe(at700);
    expect(JSON.stringify(sim.events())).toBe(events);
    sim.goTo(123);
    expect(JSON.stringify(sim.snapshot())).toBe(at123);
    const fresh = await simulate(contention);
    fresh.run(123);
    expect(JSON.stringify(fresh.snapshot())).toBe(at123);
    expect(sim.events(1, 123).length).toBe(fresh.events().length);
  });

  test("reset goes back to step 0 and the run repeats", async () => {
    const sim = await simulate(contention);
    sim.run(50);
    const first = JSON.stringify(sim.events());
    sim.reset();
    expect(sim.stepCount).toBe(0);
    sim.run(50);
    expect(JSON.stringify(sim.events())).toBe(first);
  });

  test("manual choices are recorded; choosing differently after goTo rewrites the future", async () => {
    const sim = await simulate(`${S9.replace("#scheduler priority", "#scheduler manual")}
KGUARDED_MUTEX M;
thread A { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
thread B { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
`);
    expect(sim.choices().map((c) => c.label)).toEqual(["A", "B"]);
    sim.choose("A");
    sim.choose("B");
    expect(sim.schedule()).toEqual(["A", "B"]);
    expect(sim.snapshot().threads[1]?.state).toBe("Waiting");
    sim.goTo(1);
    sim.choose("A");
    expect(sim.schedule()).toEqual(["A", "A"]);
    expect(sim.snapshot().objects[0]?.owner).toBeNull();
    expect(() => sim.choose("Nobody")).toThrow();
    expect(sim.blocked()).toEqual([{ thread: "A", reason: "has ended" }]);
  });

  test("events(from, to) selects steps; every event has a sentence", async () => {
    const sim = await simulate(contention);
    sim.run(40);
    const some = sim.events(10, 12);
    expect(some.every((e) => e.step >= 10 && e.step <= 12)).toBe(true);
    expect(sim.events().every((e) => e.text.length > 0 && e.op.length > 0)).toBe(true);
  });
});

describe("explorer exports", () => {
  async function engineWith(source: string) {
    const { compile } = await import("../../tests/support/simulation");
    const { encodeProgram } = await import("../lang/encode");
    const { createEngineInstance } = await import("./loader");
    const { PROGRAM_BASE } = await import("./abi");
    const engine = await createEngineInstance();
    const words = encodeProgram(compile(source));
    new Int32Array(engine.memory.buffer, PROGRAM_BASE, words.length).set(words);
    engine.exports.setStepLimit(1000);
    expect(engine.exports.load()).toBeGreaterThan(0);
    return engine.exports;
  }
  const twoThreads = `${S9.replace("#scheduler priority", "#scheduler manual")}
thread A { Work(1); }
thread B { Work(1); }
`;

  test("choices, stepWithChoice and state hashes: the same state reached by two schedules hashes equal, other states differ", async () => {
    const one = await engineWith(twoThreads);
    const two = await engineWith(twoThreads);
    expect(one.choiceCount()).toBe(2);
    expect([one.choiceContext(0), one.choiceCpu(0), one.choiceContext(1)]).toEqual([0, 0, 1]);
    const start = [one.stateHashA(), one.stateHashB()];
    // A then B versus B then A: both end with both threads terminated at tick 2.
    one.stepWithChoice(0);
    two.stepWithChoice(1);
    expect(one.stateHashA()).not.toBe(two.stateHashA());
    one.stepWithChoice(0);
    two.stepWithChoice(0);
    expect(one.stepCount()).toBe(2);
    expect(one.outcome()).toBe(1);
    expect([one.stateHashA(), one.stateHashB()]).toEqual([two.stateHashA(), two.stateHashB()]);
    expect([one.stateHashA(), one.stateHashB()]).not.toEqual(start);
    expect(one.stepWithChoice(99)).toBe(-1);
  });
});
