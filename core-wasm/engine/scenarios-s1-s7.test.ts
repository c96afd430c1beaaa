// docs/kernel-semantics.md §9 teaching scenarios S1–S7, asserted fact by fact through the facade.
import { describe, expect, test } from "vitest";
import { count, lineOf, object, runUntil, S9, simulate, thread } from "../../tests/support/simulation";

describe("S1 simple contention", () => {
  const source = `${S9}
KGUARDED_MUTEX M;
thread L (priority = 8) { KeAcquireGuardedMutex(&M); Work(4); KeReleaseGuardedMutex(&M); }
thread H (priority = 10, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
`;

  test("L owns, H preempts at tick 1 and blocks, L's release readies H without lock boost, H retries and owns", async () => {
    const sim = await simulate(source);
    sim.step();
    let s = sim.snapshot();
    expect(object(s, "M").owner).toBe("L");
    expect(count(s, "M")).toEqual([0, 0, 0]);

    sim.step(); // tick 1: H starts, preempts L, blocks
    s = sim.snapshot();
    expect(s.tick).toBe(1);
    expect(thread(s, "H").state).toBe("Waiting");
    expect(thread(s, "H").waitingOn).toBe("M");
    expect(count(s, "M")).toEqual([0, 0, 1]);
    expect(object(s, "M").contention).toBe(1);
    expect(object(s, "M").waiters).toEqual(["H"]);
    expect(sim.events(2, 2).some((e) => e.op === "Preempted" && e.thread === "L")).toBe(true);

    s = runUntil(sim, (x) => thread(x, "H").state !== "Waiting");
    // L's release: Count (1,1,0), H Ready at 10 (no lock boost: 10 > 8), and H
    // preempted L inside the release, before L left its guarded region.
    expect(count(s, "M")).toEqual([1, 1, 0]);
    expect(thread(s, "H").priority).toBe(10);
    expect(thread(s, "H").state).toBe("Running");
    expect(thread(s, "L").state).toBe("Ready");
    expect(thread(s, "L").specialApcDisable).toBe(-1);
    expect(thread(s, "L").line).toBe(lineOf(source, "thread L"));
    expect(object(s, "M").owner).toBeNull();

    sim.step(); // H retries the Count loop
    s = sim.snapshot();
    expect(count(s, "M")).toEqual([0, 0, 0]);
    expect(object(s, "M").owner).toBe("H");

    expect(sim.run(100)).toBe("completed");
    s = sim.snapshot();
    expect(count(s, "M")).toEqual([1, 0, 0]);
    expect(s.deadlock).toBeNull();
    expect(thread(s, "L").specialApcDisable).toBe(0);
  });
});

describe("S2 ABBA deadlock", () => {
  const body = (type: string, acq: string, rel: string) => `
${type} A, B;
thread T1 { ${acq}(&A); Delay(2); ${acq}(&B); ${rel}(&B); ${rel}(&A); }
thread T2 (start = 1) { ${acq}(&B); Delay(2); ${acq}(&A); ${rel}(&A); ${rel}(&B); }
`;

  test("free build: both wait forever, no bug check, both SpecialApcDisable -2", async () => {
    const sim = await simulate(S9 + body("KGUARDED_MUTEX", "KeAcquireGuardedMutex", "KeReleaseGuardedMutex"));
    expect(sim.run(1000)).toBe("deadlock");
    const s = sim.snapshot();
    expect(s.outcome).toBe("deadlock");
    expect(s.bugcheck).toBeNull();
    expect(thread(s, "T1").waitingOn).toBe("B");
    expect(thread(s, "T2").waitingOn).toBe("A");
    expect(thread(s, "T1").specialApcDisable).toBe(-2);
    expect(thread(s, "T2").specialApcDisable).toBe(-2);
    expect(s.deadlock?.cycle).toEqual([
      { thread: "T1", waitsFor: "B", heldBy: "T2" },
      { thread: "T2", waitsFor: "A", heldBy: "T1" },
    ]);
  });

  test("DV deadlock detection: 0xC4 P1 0x1001 at T2's acquire of A", async () => {
    const src =
      S9.replace("#verifier off", "#verifier deadlock") +
      body("KGUARDED_MUTEX", "KeAcquireGuardedMutex", "KeReleaseGuardedMutex");
    expect(lineOf(src, "thread T2")).toBe(8);
    const sim = await simulate(src);
    expect(sim.run(1000)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0xC4");
    expect(bc?.parameters[0]).toBe("0x1001");
    expect(bc?.parameters[1]).toBe("&A");
    expect(bc?.thread).toBe("T2");
    expect(bc?.line).toBe(8);
  });

  test("same with FAST_MUTEX", async () => {
    const src =
      S9.replace("#verifier off", "#verifier deadlock") +
      body("FAST_MUTEX", "ExAcquireFastMutex", "ExReleaseFastMutex");
    const sim = await simulate(src);
    expect(sim.run(1000)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters[0]).toBe("0x1001");
    const free = await simulate(S9 + body("FAST_MUTEX", "ExAcquireFastMutex", "ExReleaseFastMutex"));
    expect(free.run(1000)).toBe("deadlock");
  });
});

describe("S3 recursive acquire", () => {
  test("second call: Count (0,0,1), Contention 1, waits on the mutex it owns; SpecialApcDisable -2; self-cycle", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
thread T1 { KeAcquireGuardedMutex(&M); KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(100)).toBe("deadlock");
    const s = sim.snapshot();
    expect(count(s, "M")).toEqual([0, 0, 1]);
    expect(object(s, "M").contention).toBe(1);
    expect(object(s, "M").owner).toBe("T1");
    expect(thread(s, "T1").state).toBe("Waiting");
    expect(thread(s, "T1").waitingOn).toBe("M");
    expect(thread(s, "T1").specialApcDisable).toBe(-2);
    expect(s.bugcheck).toBeNull();
    expect(s.deadlock?.cycle).toEqual([{ thread: "T1", waitsFor: "M", heldBy: "T1" }]);
  });
});

describe("S4 try-acquire fails", () => {
  test("FALSE at once, Count unchanged, no Contention, never Waiting, region left; T1's release wakes nobody", async () => {
    const source = `${S9}
KGUARDED_MUTEX M;
thread T1 { KeAcquireGuardedMutex(&M); Work(3); KeReleaseGuardedMutex(&M); }
thread T2 (start = 1, priority = 10) {
  if (KeTryToAcquireGuardedMutex(&M)) { Work(1); KeReleaseGuardedMutex(&M); } else { Work(1); }
}
`;
    const sim = await simulate(source);
    sim.step();
    sim.step(); // T2's try at tick 1
    let s = sim.snapshot();
    const tryEvent = sim.events(2, 2).find((e) => e.op === "KeTryToAcquireGuardedMutex");
    expect(tryEvent?.result).toBe("FALSE");
    expect(count(s, "M")).toEqual([0, 0, 0]);
    expect(object(s, "M").contention).toBe(0);
    expect(thread(s, "T2").specialApcDisable).toBe(0);
    expect(thread(s, "T2").line).toBe(lineOf(source, "KeTryToAcquireGuardedMutex"));
    expect(sim.run(100)).toBe("completed");
    s = sim.snapshot();
    expect(sim.events().some((e) => e.thread === "T2" && e.op === "KeAcquireGuardedMutex")).toBe(false);
    expect(
      sim.events().some((e) => e.op === "ThreadReady" && e.result === "ready" && e.thread === "T2" && e.step > 2),
    ).toBe(false);
    expect(count(s, "M")).toEqual([1, 0, 0]);
    expect(object(s, "M").gateSignaled).toBe(false);
  });
});

describe("S5 APC held back by a guarded region", () => {
  const header = `${S9}
KGUARDED_MUTEX Lock;
apc Audit (special, target = Worker1) { Work(1); }
`;

  test("queued while the mutex is owned, runs at APC_LEVEL inside the release, after the lock is freed", async () => {
    const source = `${header}
thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Audit);
    Work(2);
    KeReleaseGuardedMutex(&Lock);
    Work(1);
}
`;
    const sim = await simulate(source);
    sim.run(2);
    let s = sim.snapshot();
    expect(thread(s, "Worker1").queuedApcs).toEqual(["Audit"]);
    expect(s.apcs[0]?.queuedAt).toBe(1);
    expect(s.apcs[0]?.deliveredAt).toBeNull();
    sim.run(3); // Work, Work, release (tick 4)
    s = sim.snapshot();
    expect(count(s, "Lock")).toEqual([1, 0, 0]);
    expect(thread(s, "Worker1").runningApc).toBe("Audit");
    expect(thread(s, "Worker1").irql).toBe(1);
    expect(thread(s, "Worker1").specialApcDisable).toBe(0);
    sim.step(); // the APC body (tick 5)
    s = sim.snapshot();
    expect(s.apcs[0]?.deliveredAt).toBe(5);
    const body = sim.events(6, 6).find((e) => e.op === "Work");
    expect(body?.line).toBe(lineOf(source, "apc Audit"));
    expect(thread(sim.snapshot(), "Worker1").irql).toBe(0);
    expect(sim.run(10)).toBe("completed");
  });

  test("special body then the normal one, both inside the same release call", async () => {
    const source = `${header}
apc Norm (normal, target = Worker1) { Work(1); }
thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Norm);
    KeInsertQueueApc(&Audit);
    KeReleaseGuardedMutex(&Lock);
    Work(1);
}
`;
    const sim = await simulate(source);
    sim.run(3);
    expect(thread(sim.snapshot(), "Worker1").queuedApcs).toEqual(["Audit", "Norm"]);
    sim.run(100);
    const s = sim.snapshot();
    const audit = s.apcs.find((a) => a.name === "Audit");
    const norm = s.apcs.find((a) => a.name === "Norm");
    expect(audit?.deliveredAt).toBe(4);
    expect(norm?.deliveredAt).toBe(5);
    const irqlDuring = sim
      .events()
      .filter((e) => e.op === "ApcDelivered")
      .map((e) => e.object);
    expect(irqlDuring).toEqual(["Audit", "Norm"]);
    // Worker1's own Work(1) comes after both bodies.
    const lastWork = sim
      .events()
      .filter((e) => e.op === "Work")
      .at(-1);
    expect(lastWork?.line).toBe(lineOf(source, "Work(1);", 3));
    expect(lastWork?.tick).toBe(6);
  });

  test("special APC runs at APC_LEVEL, the normal one at PASSIVE_LEVEL", async () => {
    const sim = await simulate(`${header}
apc Norm (normal, target = Worker1) { Work(2); }
thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Norm);
    KeInsertQueueApc(&Audit);
    KeReleaseGuardedMutex(&Lock);
    Work(1);
}
`);
    sim.run(4);
    let s = sim.snapshot();
    expect(thread(s, "Worker1").runningApc).toBe("Audit");
    expect(thread(s, "Worker1").irql).toBe(1);
    sim.run(1);
    s = sim.snapshot();
    expect(thread(s, "Worker1").runningApc).toBe("Norm");
    expect(thread(s, "Worker1").irql).toBe(0);
  });

  test("with an equal-priority contender: lock boost P+1, it preempts inside the release, the APC runs when Worker1 finishes its release", async () => {
    const sim = await simulate(`${header}
thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Audit);
    Work(2);
    KeReleaseGuardedMutex(&Lock);
    Work(1);
}
thread Worker2 (priority = 8, start = 1) { KeAcquireGuardedMutex(&Lock); Work(1); KeReleaseGuardedMutex(&Lock); }
`);
    const s = runUntil(
      sim,
      (x) => thread(x, "Worker2").state === "Running" && object(x, "Lock").owner === null && x.step > 3,
    );
    expect(thread(s, "Worker2").priority).toBe(9);
    expect(thread(s, "Worker1").state).toBe("Ready");
    expect(thread(s, "Worker1").queuedApcs).toEqual(["Audit"]);
    expect(sim.run(100)).toBe("completed");
    const events = sim.events();
    const w2End = events.findIndex((e) => e.op === "ThreadExit" && e.thread === "Worker2");
    const delivered = events.findIndex((e) => e.op === "ApcDelivered");
    const resumed = events.findIndex((e) => e.op === "StatementResumed" && e.thread === "Worker1");
    expect(w2End).toBeGreaterThan(0);
    expect(resumed).toBeGreaterThan(w2End);
    expect(delivered).toBeGreaterThan(resumed);
  });
});

describe("S6 special vs normal APC in a critical region", () => {
  const src = (enter: string, leave: string) => `${S9}
apc N (normal, target = T) { Work(1); }
apc S (special, target = T) { Work(1); }
thread T { ${enter}(); Work(3); ${leave}(); Work(1); }
at (1) KeInsertQueueApc(&N);
at (2) KeInsertQueueApc(&S);
`;

  test("critical region: S runs at tick 2 at APC_LEVEL; N stays queued and runs inside KeLeaveCriticalRegion", async () => {
    const source = src("KeEnterCriticalRegion", "KeLeaveCriticalRegion");
    const sim = await simulate(source);
    sim.run(3); // ticks 0..2
    let s = sim.snapshot();
    const apcS = s.apcs.find((a) => a.name === "S");
    expect(apcS?.deliveredAt).toBe(2);
    expect(thread(s, "T").queuedApcs).toEqual(["N"]);
    expect(sim.events(3, 3).find((e) => e.op === "Work")?.line).toBe(lineOf(source, "apc S"));
    expect(sim.run(100)).toBe("completed");
    s = sim.snapshot();
    const leave = sim.events().find((e) => e.op === "KeLeaveCriticalRegion");
    const nDelivered = sim.events().find((e) => e.op === "ApcDelivered" && e.object === "N");
    expect(nDelivered?.step).toBe(leave?.step);
    expect(s.apcs.find((a) => a.name === "N")?.deliveredAt).toBe((leave?.tick ?? 0) + 1);
  });

  test("guarded region: neither runs until Leave, then S before N", async () => {
    const sim = await simulate(src("KeEnterGuardedRegion", "KeLeaveGuardedRegion"));
    sim.run(4);
    expect(thread(sim.snapshot(), "T").queuedApcs).toEqual(["S", "N"]);
    expect(sim.run(100)).toBe("completed");
    const order = sim
      .events()
      .filter((e) => e.op === "ApcDelivered")
      .map((e) => e.object);
    expect(order).toEqual(["S", "N"]);
    const s = sim.snapshot();
    const leave = sim.events().find((e) => e.op === "KeLeaveGuardedRegion");
    expect(s.apcs.find((a) => a.name === "S")?.deliveredAt).toBe((leave?.tick ?? 0) + 1);
    expect(s.apcs.find((a) => a.name === "N")?.deliveredAt).toBe((leave?.tick ?? 0) + 2);
  });
});

describe("S7 fast mutex raises IRQL", () => {
  test("IRQL 0→1 at acquire, OldIrql 0, APC pending until the release lowers IRQL", async () => {
    const sim = await simulate(`${S9}
FAST_MUTEX F;
apc S (special, target = T) { Work(1); }
thread T { ExAcquireFastMutex(&F); Work(2); ExReleaseFastMutex(&F); }
at (1) KeInsertQueueApc(&S);
`);
    sim.step();
    let s = sim.snapshot();
    expect(thread(s, "T").irql).toBe(1);
    expect(object(s, "F").oldIrql).toBe(0);
    expect(object(s, "F").owner).toBe("T");
    sim.run(2);
    s = sim.snapshot();
    expect(thread(s, "T").queuedApcs).toEqual(["S"]);
    sim.step(); // release at tick 3
    s = sim.snapshot();
    expect(thread(s, "T").runningApc).toBe("S");
    expect(count(s, "F")).toEqual([1, 0, 0]);
    expect(sim.run(10)).toBe("completed");
    expect(sim.snapshot().apcs[0]?.deliveredAt).toBe(4);
  });

  test("a higher-priority thread readied during Work(2) still preempts the holder", async () => {
    const sim = await simulate(`${S9}
FAST_MUTEX F;
thread T { ExAcquireFastMutex(&F); Work(2); ExReleaseFastMutex(&F); }
thread H (priority = 10, start = 2) { Work(1); }
`);
    sim.run(3);
    const s = sim.snapshot();
    expect(thread(s, "H").state).toBe("Terminated");
    expect(object(s, "F").owner).toBe("T");
    expect(thread(s, "T").irql).toBe(1);
    expect(thread(s, "T").state).toBe("Running");
  });
});
