// docs/kernel-semantics.md §9 teaching scenarios S15–S21, asserted fact by fact through the facade.
import { describe, expect, test } from "vitest";
import { lineOf, object, runUntil, S9, simulate, thread } from "../../tests/support/simulation";

const withVerifier = (mode: string): string => S9.replace("#verifier off", `#verifier ${mode}`);

describe("S15 event hand-off", () => {
  const source = (increment: number) => `${S9}
KEVENT E = { SynchronizationEvent, FALSE };
thread W (priority = 8) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
thread S (priority = 8, start = 1) { KeSetEvent(&E, ${increment}, FALSE); Work(3); }
`;

  test("Increment 1: KeSetEvent returns 0, E back to not-signaled, W Ready at 9 and preempts S at once", async () => {
    const src = source(1);
    const sim = await simulate(src);
    sim.run(2);
    const s = sim.snapshot();
    const set = sim.events(2, 2).find((e) => e.op === "KeSetEvent");
    expect(set?.result).toBe("0");
    expect(object(s, "E").signaled).toBe(false);
    expect(thread(s, "W").priority).toBe(9);
    expect(thread(s, "W").state).toBe("Running");
    expect(thread(s, "S").state).toBe("Ready");
    expect(thread(s, "W").line).toBe(lineOf(src, "thread W"));
    sim.step();
    expect(sim.events(3, 3).find((e) => e.op === "Work")?.thread).toBe("W");
    expect(sim.run(100)).toBe("completed");
  });

  test("Increment 0: W Ready at 8, runs only when S's quantum ends", async () => {
    const sim = await simulate(source(0));
    sim.run(2);
    let s = sim.snapshot();
    expect(thread(s, "W").priority).toBe(8);
    expect(thread(s, "W").state).toBe("Ready");
    expect(thread(s, "S").state).toBe("Running");
    s = runUntil(sim, (x) => thread(x, "W").state === "Running");
    expect(s.tick).toBe(3);
    expect(thread(s, "S").state).toBe("Ready");
  });

  test("a set with no waiter leaves E signaled; the next wait returns at once and resets it", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { SynchronizationEvent, FALSE };
thread S { KeSetEvent(&E, 1, FALSE); KeSetEvent(&E, 1, FALSE); KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
`);
    sim.run(2);
    expect(object(sim.snapshot(), "E").signaled).toBe(true);
    expect(sim.events(2, 2).find((e) => e.op === "KeSetEvent")?.result).toBe("1");
    sim.step();
    const s = sim.snapshot();
    expect(object(s, "E").signaled).toBe(false);
    expect(thread(s, "S").state).toBe("Running");
    expect(sim.events(3, 3).find((e) => e.op === "KeWaitForSingleObject")?.result).toBe("signaled");
  });
});

describe("S16 notification broadcast", () => {
  test("all three Ready, E stays signaled; run order W2, S, W1, W3; later waits return at once until KeClearEvent", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { NotificationEvent, FALSE };
thread W1 (priority = 8) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
thread W2 (priority = 10, start = 1) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
thread W3 (priority = 6, start = 2) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
thread S (priority = 8, start = 3) {
  KeSetEvent(&E, 0, FALSE); Work(1);
  KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
  KeClearEvent(&E);
  KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, 0);
}
`);
    let s = runUntil(sim, (x) => thread(x, "W3").state === "Waiting");
    expect(object(s, "E").waiters).toEqual(["W1", "W2", "W3"]);
    sim.step(); // S sets E
    s = sim.snapshot();
    expect(object(s, "E").signaled).toBe(true);
    expect(object(s, "E").waiters).toEqual([]);
    for (const name of ["W1", "W2", "W3"])
      expect(thread(s, name).state === "Ready" || thread(s, name).state === "Running").toBe(true);
    expect(sim.run(100)).toBe("completed");
    const order = sim
      .events()
      .filter((e) => e.op === "Work")
      .map((e) => e.thread);
    expect(order).toEqual(["W2", "S", "W1", "W3"]);
    const waits = sim.events().filter((e) => e.thread === "S" && e.op === "KeWaitForSingleObject");
    expect(waits.map((e) => e.result)).toEqual(["signaled", "timeout"]);
  });
});

describe("S17 KeSetEvent(…, Wait = TRUE)", () => {
  test("no preemption between KeSetEvent and the wait even for a higher-priority waiter; S switches out when it blocks", async () => {
    const source = `${S9}
KEVENT E = { SynchronizationEvent, FALSE };
KEVENT F = { SynchronizationEvent, FALSE };
thread W (priority = 12) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); KeSetEvent(&F, 0, FALSE); }
thread S (start = 1) { KeSetEvent(&E, 1, TRUE); KeWaitForSingleObject(&F, Executive, KernelMode, FALSE, NULL); }
`;
    const sim = await simulate(source);
    sim.run(2); // W waits (tick 0), S sets E (tick 1)
    let s = sim.snapshot();
    expect(thread(s, "W").state).toBe("Ready");
    expect(thread(s, "S").state).toBe("Running");
    sim.step(); // S's wait on F
    s = sim.snapshot();
    expect(thread(s, "S").state).toBe("Waiting");
    expect(thread(s, "S").irql).toBe(0);
    expect(thread(s, "W").state).toBe("Running");
    expect(sim.run(100)).toBe("completed");
  });

  test("another statement between them runs with IRQL left raised (here: DV flags the guarded-mutex call)", async () => {
    const sim = await simulate(`${withVerifier("on")}
KEVENT E = { SynchronizationEvent, FALSE };
KGUARDED_MUTEX M;
thread S { KeSetEvent(&E, 1, TRUE); KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(100)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.rule).toBe("IrqlKeApcLte1");
  });
});

describe("S18 thread ends holding a mutex", () => {
  test("guarded mutex: 0x20 with parameters 0, 0xFFFF0000, 0, 1", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
thread T { KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x20");
    expect(bc?.parameters).toEqual(["0x0", "0xFFFF0000", "0x0", "0x1"]);
    expect(bc?.tick).toBe(0);
  });

  test("fast mutex: no bug check; F owned by a dead thread; later acquirers deadlock", async () => {
    const sim = await simulate(`${S9}
FAST_MUTEX F;
thread T { ExAcquireFastMutex(&F); }
thread U (start = 1) { ExAcquireFastMutex(&F); }
`);
    expect(sim.run(100)).toBe("deadlock");
    const s = sim.snapshot();
    expect(s.bugcheck).toBeNull();
    expect(thread(s, "T").state).toBe("Terminated");
    expect(thread(s, "T").irql).toBe(0);
    expect(object(s, "F").owner).toBe("T");
    expect(thread(s, "U").waitingOn).toBe("F");
    expect(s.deadlock?.threads).toEqual(["U"]);
  });

  test("fast mutex under DV deadlock detection: 0xC4 P1 0x100A", async () => {
    const sim = await simulate(`${withVerifier("deadlock")}
FAST_MUTEX F;
thread T { ExAcquireFastMutex(&F); }
`);
    expect(sim.run(100)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters.slice(0, 3)).toEqual(["0x100A", "&F", "&T"]);
  });
});

describe("S19 Unsafe acquire lets an APC re-enter", () => {
  const source = (acquire: string, release: string, verifier: string) => `${withVerifier(verifier)}
FAST_MUTEX F;
apc X (special, target = T) { ExAcquireFastMutex(&F); ExReleaseFastMutex(&F); }
thread T { ${acquire}(&F); Work(2); ${release}(&F); }
at (1) KeInsertQueueApc(&X);
`;

  test("free build: X runs on T at tick 1, waits on F that T owns: T self-deadlocks", async () => {
    const sim = await simulate(source("ExAcquireFastMutexUnsafe", "ExReleaseFastMutexUnsafe", "off"));
    expect(sim.run(100)).toBe("deadlock");
    const s = sim.snapshot();
    expect(s.apcs[0]?.deliveredAt).toBe(1);
    expect(thread(s, "T").runningApc).toBe("X");
    expect(thread(s, "T").waitingOn).toBe("F");
    expect(object(s, "F").owner).toBe("T");
    expect(s.deadlock?.cycle).toEqual([{ thread: "T", waitsFor: "F", heldBy: "T" }]);
  });

  test("DV: 0xC4 P1 0x39 at the Unsafe call", async () => {
    const src = source("ExAcquireFastMutexUnsafe", "ExReleaseFastMutexUnsafe", "on");
    const sim = await simulate(src);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.parameters[0]).toBe("0x39");
    expect(bc?.parameters[3]).toBe("&F");
    expect(bc?.line).toBe(lineOf(src, "thread T"));
  });

  test("with ExAcquireFastMutex, X is held until the release and nothing hangs", async () => {
    const sim = await simulate(source("ExAcquireFastMutex", "ExReleaseFastMutex", "off"));
    expect(sim.run(100)).toBe("completed");
    expect(sim.snapshot().apcs[0]?.deliveredAt).toBe(4);
  });

  test("the guarded-mutex form behaves the same", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
apc X (special, target = T) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
thread T { KeAcquireGuardedMutexUnsafe(&M); Work(2); KeReleaseGuardedMutexUnsafe(&M); }
at (1) KeInsertQueueApc(&X);
`);
    expect(sim.run(100)).toBe("deadlock");
    expect(sim.snapshot().deadlock?.cycle).toEqual([{ thread: "T", waitsFor: "M", heldBy: "T" }]);
  });
});

describe("S20 fast mutexes released out of order", () => {
  const body = `
FAST_MUTEX A, B;
thread T (syscall) { ExAcquireFastMutex(&A); ExAcquireFastMutex(&B); ExReleaseFastMutex(&A); Work(1); ExReleaseFastMutex(&B); }
`;

  test("A.OldIrql 0, B.OldIrql 1; releasing A drops to PASSIVE while B is held", async () => {
    const sim = await simulate(S9 + body);
    sim.run(2);
    let s = sim.snapshot();
    expect(object(s, "A").oldIrql).toBe(0);
    expect(object(s, "B").oldIrql).toBe(1);
    sim.step();
    s = sim.snapshot();
    expect(thread(s, "T").irql).toBe(0);
    expect(object(s, "B").owner).toBe("T");
  });

  test("without DV: the release of B 'lowers' to 1, surfacing as 0x4A at the return to user mode", async () => {
    const sim = await simulate(S9 + body);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x4A");
    expect(bc?.name).toBe("IRQL_GT_ZERO_AT_SYSTEM_SERVICE");
    expect(bc?.parameters).toEqual(["&T", "0x1", "0x0", "0x0"]);
  });

  test("DV on: releasing B at IRQL 0 is 0xC4 P1 0x34", async () => {
    const sim = await simulate(withVerifier("on") + body);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.parameters).toEqual(["0x34", "0x0", "0x0", "&B"]);
  });

  test("DV deadlock detection: the release of A is already 0x1003 (out of order)", async () => {
    const sim = await simulate(withVerifier("deadlock") + body);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.parameters.slice(0, 3)).toEqual(["0x1003", "&A", "&B"]);
    expect(bc?.tick).toBe(2);
  });
});

describe("S21 unbalanced leave", () => {
  const body = `
apc S (special, target = T) { Work(1); }
thread T { KeEnterGuardedRegion(); KeLeaveGuardedRegion(); KeLeaveGuardedRegion(); Work(1); }
at (3) KeInsertQueueApc(&S);
`;

  test("verifier off: the APC never runs (SpecialApcDisable +1); 0x20 (0, 0x10000, 0, 1) at exit", async () => {
    const sim = await simulate(S9 + body);
    expect(sim.run(100)).toBe("bugcheck");
    const s = sim.snapshot();
    expect(s.apcs[0]?.queuedAt).toBe(3);
    expect(s.apcs[0]?.deliveredAt).toBeNull();
    expect(thread(s, "T").specialApcDisable).toBe(1);
    expect(s.bugcheck?.code).toBe("0x20");
    expect(s.bugcheck?.parameters).toEqual(["0x0", "0x10000", "0x0", "0x1"]);
  });

  test("DV: 0xC4 P1 0x0004000E GuardedRegions at the second leave", async () => {
    const src = withVerifier("on") + body;
    const sim = await simulate(src);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.parameters).toEqual(["0x4000E", "&GuardedRegions", "0x0", "0x0"]);
    expect(bc?.rule).toBe("GuardedRegions");
    expect(bc?.tick).toBe(2);
  });
});
