// Unit tests per primitive: spin locks, DPCs, IRQL calls, regions, APC
// delivery points, waits and timers, the scheduler's quantum, placement on
// several CPUs, the random scheduler's choices.
import { describe, expect, test } from "vitest";
import { count, object, runUntil, S9, simulate, thread } from "../../tests/support/simulation";

const withVerifier = (mode: string): string => S9.replace("#verifier off", `#verifier ${mode}`);
const cpus = (n: number, scheduler = "priority"): string =>
  `#cpus ${n}\n#verifier off\n#windows 2003\n#scheduler ${scheduler}\n`;

describe("spin locks", () => {
  test("a recursive acquire on one CPU spins forever: reported as a deadlock, the thread Running and spinning", async () => {
    const sim = await simulate(`${S9}
KSPIN_LOCK S;
thread T { KIRQL a; KIRQL b; KeAcquireSpinLock(&S, &a); KeAcquireSpinLock(&S, &b); }
`);
    expect(sim.run(1000)).toBe("deadlock");
    const s = sim.snapshot();
    expect(thread(s, "T").state).toBe("Running");
    expect(thread(s, "T").spinning).toBe(true);
    expect(thread(s, "T").waitingOn).toBe("S");
    expect(thread(s, "T").irql).toBe(2);
    expect(object(s, "S").owner).toBe("T");
    expect(s.deadlock?.cycle).toEqual([{ thread: "T", waitsFor: "S", heldBy: "T" }]);
  });

  test("two CPUs: the contender spins Running at DISPATCH_LEVEL until the holder releases", async () => {
    const sim = await simulate(`${cpus(2)}
KSPIN_LOCK S;
thread A { KIRQL o; KeAcquireSpinLock(&S, &o); Work(3); KeReleaseSpinLock(&S, o); }
thread B (start = 1) { KIRQL o; KeAcquireSpinLock(&S, &o); Work(1); KeReleaseSpinLock(&S, o); }
`);
    const s = runUntil(sim, (x) => thread(x, "B").spinning);
    expect(thread(s, "B").state).toBe("Running");
    expect(thread(s, "B").cpu).toBe(1);
    expect(thread(s, "B").irql).toBe(2);
    expect(thread(s, "A").irql).toBe(2);
    const got = runUntil(sim, (x) => object(x, "S").owner === "B");
    expect(thread(got, "A").irql).toBe(0);
    expect(sim.run(100)).toBe("completed");
    expect(sim.events().filter((e) => e.op === "Spinning").length).toBeGreaterThan(0);
  });

  test("the holder is not preempted: a higher-priority thread readied meanwhile runs when the lock is released", async () => {
    const sim = await simulate(`${S9}
KSPIN_LOCK S;
thread T { KIRQL o; KeAcquireSpinLock(&S, &o); Work(3); KeReleaseSpinLock(&S, o); Work(2); }
thread H (priority = 12, start = 1) { Work(1); }
`);
    sim.run(3);
    let s = sim.snapshot();
    expect(thread(s, "H").state).toBe("Ready");
    expect(thread(s, "T").state).toBe("Running");
    s = runUntil(sim, (x) => thread(x, "H").state === "Running");
    expect(object(s, "S").owner).toBeNull();
    expect(thread(s, "T").irql).toBe(0);
  });

  test("verifier: releasing a spin lock not held is the SpinLock rule; KeReleaseSpinLock below DISPATCH is IrqlKeReleaseSpinLock", async () => {
    const notHeld = await simulate(`${withVerifier("on")}
KSPIN_LOCK S;
thread T { KIRQL o; KeRaiseIrql(DISPATCH_LEVEL, &o); KeReleaseSpinLock(&S, o); }
`);
    expect(notHeld.run(10)).toBe("bugcheck");
    expect(notHeld.snapshot().bugcheck?.rule).toBe("SpinLock");
    const low = await simulate(`${withVerifier("on")}
KSPIN_LOCK S;
thread T { KeReleaseSpinLock(&S, PASSIVE_LEVEL); }
`);
    expect(low.run(10)).toBe("bugcheck");
    expect(low.snapshot().bugcheck?.parameters.slice(0, 2)).toEqual(["0x20015", "&IrqlKeReleaseSpinLock"]);
  });
});

describe("DPCs", () => {
  test("a DPC runs at DISPATCH_LEVEL on its CPU, the interrupted thread does not step; a second insert while queued is FALSE", async () => {
    const sim = await simulate(`${S9}
dpc D (cpu = 0) { Work(2); }
thread T { Work(2); KeInsertQueueDpc(&D); Work(1); }
`);
    sim.run(3); // Work, Work, insert (tick 2)
    sim.step(); // DPC body tick 3
    let s = sim.snapshot();
    expect(s.cpus[0]?.dpc).toBe("D");
    expect(s.cpus[0]?.irql).toBe(2);
    expect(thread(s, "T").state).toBe("Running");
    expect(s.dpcs[0]?.queuedAt).toBe(2);
    expect(s.dpcs[0]?.deliveredAt).toBe(3);
    sim.step();
    s = sim.snapshot();
    expect(s.cpus[0]?.dpc).toBeNull();
    expect(sim.run(10)).toBe("completed");
    const tWork = sim
      .events()
      .filter((e) => e.thread === "T" && e.op === "Work")
      .map((e) => e.tick);
    expect(tWork).toEqual([0, 1, 5]);
  });

  test("Yield from a DPC is 0xB8", async () => {
    const sim = await simulate(`${S9}
dpc D (cpu = 0) { Yield(); }
thread T { Work(3); }
at (1) KeInsertQueueDpc(&D);
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.code).toBe("0xB8");
  });
});

describe("IRQL calls", () => {
  test("KeRaiseIrql to a lower level is 0xC4/0x30 (P2 current, P3 requested)", async () => {
    const sim = await simulate(`${withVerifier("on")}
thread T { KIRQL a; KIRQL b; KeRaiseIrql(DISPATCH_LEVEL, &a); KeRaiseIrql(APC_LEVEL, &b); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters).toEqual(["0x30", "0x2", "0x1", "0x0"]);
  });

  test("KeLowerIrql to a higher level is 0xC4/0x31", async () => {
    const sim = await simulate(`${withVerifier("on")}
thread T { KeLowerIrql(APC_LEVEL); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters).toEqual(["0x31", "0x0", "0x1", "0x0"]);
  });

  test("raise then lower through a KIRQL local; pending APCs run when IRQL drops below APC_LEVEL", async () => {
    const sim = await simulate(`${S9}
apc X (special, target = T) { Work(1); }
thread T { KIRQL o; KeRaiseIrql(APC_LEVEL, &o); KeInsertQueueApc(&X); Work(1); KeLowerIrql(o); Work(1); }
`);
    sim.run(3);
    expect(thread(sim.snapshot(), "T").queuedApcs).toEqual(["X"]);
    sim.step();
    const s = sim.snapshot();
    expect(thread(s, "T").runningApc).toBe("X");
    expect(sim.run(10)).toBe("completed");
  });

  test("region calls above APC_LEVEL are IrqlKeApcLte2 under the verifier", async () => {
    const sim = await simulate(`${withVerifier("on")}
thread T { KIRQL o; KeRaiseIrql(DISPATCH_LEVEL, &o); KeEnterCriticalRegion(); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.rule).toBe("IrqlKeApcLte2");
  });

  test("unbalanced KeLeaveCriticalRegion under the verifier is CriticalRegions 0x00040003", async () => {
    const sim = await simulate(`${withVerifier("on")}
thread T { KeLeaveCriticalRegion(); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters[0]).toBe("0x40003");
  });
});

describe("waits, timers and APC delivery to waiting threads", () => {
  test("a timeout of n ticks at tick s ends at s+n+1 with STATUS_TIMEOUT", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { NotificationEvent, FALSE };
thread T { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, 3); Work(1); }
`);
    expect(sim.run(100)).toBe("completed");
    const timeout = sim.events().find((e) => e.op === "WaitTimeout");
    expect(timeout?.tick).toBe(4);
    expect(timeout?.result).toBe("timeout");
    expect(sim.events().find((e) => e.op === "Work")?.tick).toBe(4);
  });

  test("Delay(n) at tick s: Waiting during s+1..s+n, Ready at s+n+1 without boost", async () => {
    const sim = await simulate(`${S9}
thread T { Delay(2); Work(1); }
`);
    sim.step();
    expect(thread(sim.snapshot(), "T").state).toBe("Waiting");
    expect(sim.run(100)).toBe("completed");
    const work = sim.events().find((e) => e.op === "Work");
    expect(work?.tick).toBe(3);
    expect(thread(sim.snapshot(), "T").priority).toBe(8);
  });

  test("a kernel APC briefly unwaits a thread waiting at PASSIVE; it then waits again and the wait does not return", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { SynchronizationEvent, FALSE };
apc X (special, target = W) { Work(1); }
thread W { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); Work(1); }
thread S (start = 5) { KeSetEvent(&E, 0, FALSE); }
at (2) KeInsertQueueApc(&X);
`);
    const s = runUntil(sim, (x) => x.apcs[0]?.completedAt !== null);
    expect(s.apcs[0]?.deliveredAt).toBe(2);
    expect(thread(s, "W").state).toBe("Waiting");
    expect(thread(s, "W").waitingOn).toBe("E");
    expect(sim.events().some((e) => e.op === "ApcUnwait")).toBe(true);
    expect(sim.run(100)).toBe("completed");
    expect(
      sim
        .events()
        .filter((e) => e.op === "Work" && e.thread === "W")
        .map((e) => [e.tick, e.line]),
    ).toEqual([
      [2, 7],
      [6, 8],
    ]);
  });

  test("a thread blocked in a guarded-mutex acquire never runs APCs while blocked", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
apc X (special, target = W) { Work(1); }
thread O (priority = 9) { KeAcquireGuardedMutex(&M); Delay(5); KeReleaseGuardedMutex(&M); }
thread W (start = 1) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
at (3) KeInsertQueueApc(&X);
`);
    const s = runUntil(sim, (x) => x.apcs[0]?.queuedAt !== null);
    expect(s.apcs[0]?.queuedAt).toBe(3);
    expect(s.apcs[0]?.deliveredAt).toBeNull();
    expect(sim.run(100)).toBe("completed");
    const delivered = sim.events().find((e) => e.op === "ApcDelivered");
    const leave = sim.events().find((e) => e.op === "KeReleaseGuardedMutex" && e.thread === "W");
    expect(delivered?.step).toBe(leave?.step);
  });

  test("user APC: ends an alertable UserMode wait with STATUS_USER_APC", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { NotificationEvent, FALSE };
apc U (user, target = T) { Work(1); }
thread T { KeWaitForSingleObject(&E, Executive, UserMode, TRUE, NULL); Work(1); }
at (2) KeInsertQueueApc(&U);
`);
    expect(sim.run(100)).toBe("completed");
    const s = sim.snapshot();
    expect(s.apcs[0]?.deliveredAt).toBe(2);
    expect(sim.events().find((e) => e.op === "ApcDelivered")?.result).toBe("user-apc");
  });

  test("user APC: a KernelMode wait never delivers it; a syscall thread runs it on its way back to user mode", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { NotificationEvent, FALSE };
apc U (user, target = T) { Work(1); }
thread T (syscall) { KeWaitForSingleObject(&E, Executive, KernelMode, TRUE, 4); Work(1); }
at (1) KeInsertQueueApc(&U);
`);
    expect(sim.run(100)).toBe("completed");
    const s = sim.snapshot();
    expect(s.apcs[0]?.deliveredAt).toBe(6);
  });
});

describe("scheduler", () => {
  test("equal priorities rotate every quantum; a higher priority preempts at once", async () => {
    const sim = await simulate(`${S9}#quantum 2
thread A { Work(4); }
thread B { Work(4); }
`);
    expect(sim.run(100)).toBe("completed");
    const order = sim
      .events()
      .filter((e) => e.op === "Work")
      .map((e) => e.thread);
    expect(order).toEqual(["A", "A", "B", "B", "A", "A", "B", "B"]);
  });

  test("Yield hands the CPU to a Ready thread", async () => {
    const sim = await simulate(`${S9}
thread A { Yield(); Work(1); }
thread B { Work(1); }
`);
    expect(sim.run(100)).toBe("completed");
    const order = sim
      .events()
      .filter((e) => e.op === "Work")
      .map((e) => e.thread);
    expect(order).toEqual(["B", "A"]);
  });

  test("several CPUs: a Ready thread takes the lowest idle CPU, else preempts the lowest priority below its own", async () => {
    const sim = await simulate(`${cpus(3)}
thread A (priority = 8) { Work(10); }
thread B (priority = 6) { Work(10); }
thread C (priority = 7) { Work(10); }
thread H (priority = 12, start = 2) { Work(1); }
`);
    sim.run(3);
    let s = sim.snapshot();
    expect(s.cpus.map((c) => c.thread)).toEqual(["A", "B", "C"]);
    s = runUntil(sim, (x) => thread(x, "H").state === "Running");
    expect(thread(s, "H").cpu).toBe(1);
    expect(thread(s, "B").state).toBe("Ready");
  });

  test("random scheduler with two CPUs: choices carry CPU labels, runs are reproducible", async () => {
    const source = `${cpus(2, "random")}#seed 42
KGUARDED_MUTEX M;
thread A { repeat (5) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); } }
thread B { repeat (5) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); } }
thread C { repeat (5) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); } }
`;
    const sim = await simulate(source);
    expect(sim.choices().every((c) => /@[01]$/.test(c.label))).toBe(true);
    expect(sim.run(10_000)).toBe("completed");
    expect(count(sim.snapshot(), "M")).toEqual([1, 0, 0]);
    expect(sim.schedule().every((l) => /^[ABC]@[01]$/.test(l))).toBe(true);
  });

  test("the step limit ends a run that does not finish", async () => {
    const sim = await simulate(
      `${S9}
thread T { while (TRUE) { Work(1); } }
`,
      { maxSteps: 50 },
    );
    expect(sim.run(1000)).toBe("step-limit");
    expect(sim.stepCount).toBe(50);
    expect(sim.snapshot().outcome).toBe("step-limit");
  });
});

describe("completion waits for DPCs", () => {
  test("a DPC still running when the last thread ends finishes its body and releases its spin lock", async () => {
    const sim = await simulate(`${cpus(2)}
KSPIN_LOCK S;
dpc D (cpu = 1) { KeAcquireSpinLockAtDpcLevel(&S); Work(4); KeReleaseSpinLockFromDpcLevel(&S); }
thread T (affinity = 0) { Work(2); }
at (1) KeInsertQueueDpc(&D);
`);
    expect(sim.run(100)).toBe("completed");
    const s = sim.snapshot();
    expect(object(s, "S").owner).toBeNull();
    expect(s.dpcs[0]?.deliveredAt).toBe(1);
    expect(s.cpus[1]?.dpc).toBeNull();
  });
});

describe("AutoBoost (#windows 8)", () => {
  const win8 = "#cpus 1\n#verifier off\n#windows 8\n#scheduler priority\n#autoboost on\n";

  test("the owner of a guarded mutex runs at its highest waiter's priority until it releases", async () => {
    const sim = await simulate(`${win8}
KGUARDED_MUTEX M;
thread L (priority = 4) { KeAcquireGuardedMutex(&M); Work(3); KeReleaseGuardedMutex(&M); Work(1); }
thread H (priority = 12, start = 1) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
`);
    sim.run(2);
    expect(thread(sim.snapshot(), "L").priority).toBe(12);
    const s = runUntil(sim, (x) => object(x, "M").owner === null && x.step > 2);
    expect(thread(s, "L").priority).toBe(4);
    expect(sim.run(100)).toBe("completed");
  });

  test("quantum ends do not wear the AutoBoost priority down before the release", async () => {
    const sim = await simulate(`${win8}
KGUARDED_MUTEX M;
thread L (priority = 4) { KeAcquireGuardedMutex(&M); Work(12); KeReleaseGuardedMutex(&M); }
thread H (priority = 12, start = 1) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
`);
    // Several quanta (3 steps each) pass while L works inside M at H's priority.
    const s = runUntil(sim, (x) => x.step >= 11);
    expect(object(s, "M").owner).toBe("L");
    expect(thread(s, "L").priority).toBe(12);
    expect(sim.run(100)).toBe("completed");
  });

  test("a thread ending while it owns a fast mutex is 0x153", async () => {
    const sim = await simulate(`${win8}
FAST_MUTEX F;
thread T { ExAcquireFastMutex(&F); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x153");
    expect(bc?.parameters.slice(0, 2)).toEqual(["&T", "&F"]);
  });

  test("acquiring a tracked lock at DISPATCH_LEVEL is 0x192 (thread, lock, IRQL)", async () => {
    const sim = await simulate(`${win8}
KGUARDED_MUTEX M;
thread T { KIRQL o; KeRaiseIrql(DISPATCH_LEVEL, &o); KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters).toEqual(["&T", "&M", "0x2", "0x0"]);
  });

  test("a Verifier check wins over AutoBoost", async () => {
    const sim = await simulate(`${win8.replace("#verifier off", "#verifier on")}
KGUARDED_MUTEX M;
thread T { KIRQL o; KeRaiseIrql(DISPATCH_LEVEL, &o); KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.rule).toBe("IrqlKeApcLte1");
  });
});

describe("verifier deadlock detection", () => {
  test("a recursive acquire is 0x1000; spin locks are tracked too", async () => {
    const sim = await simulate(`${withVerifier("deadlock")}
KSPIN_LOCK S;
thread T { KIRQL a; KIRQL b; KeAcquireSpinLock(&S, &a); KeAcquireSpinLock(&S, &b); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters.slice(0, 2)).toEqual(["0x1000", "&S"]);
  });

  test("releasing an unacquired lock is 0x1007", async () => {
    const sim = await simulate(`${withVerifier("deadlock")}
FAST_MUTEX F;
thread T { KIRQL o; KeRaiseIrql(APC_LEVEL, &o); ExReleaseFastMutex(&F); }
`);
    expect(sim.run(10)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters.slice(0, 2)).toEqual(["0x1007", "&F"]);
  });
});

describe("APC objects", () => {
  test("an APC that queues itself again runs twice, once per insertion", async () => {
    const sim = await simulate(`${S9}
apc X (special, target = T) { Work(1); KeInsertQueueApc(&X); }
thread T { Work(6); }
at (1) KeInsertQueueApc(&X);
`);
    sim.run(6);
    const delivered = sim.events().filter((e) => e.op === "ApcDelivered").length;
    expect(delivered).toBeGreaterThanOrEqual(2);
    const inserts = sim.events().filter((e) => e.op === "KeInsertQueueApc" && e.thread === "T");
    expect(inserts.every((e) => e.result === "TRUE")).toBe(true);
  });
});
