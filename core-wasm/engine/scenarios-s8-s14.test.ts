// docs/kernel-semantics.md §9 teaching scenarios S8–S14, asserted fact by fact through the facade.
import { describe, expect, test } from "vitest";
import { count, lineOf, object, runUntil, S9, simulate, thread } from "../../tests/support/simulation";

const withVerifier = (mode: string): string => S9.replace("#verifier off", `#verifier ${mode}`);

describe("S8 guarded mutex under a spin lock", () => {
  const body = `
KSPIN_LOCK S;
KGUARDED_MUTEX M;
thread T {
  KIRQL o;
  KeAcquireSpinLock(&S, &o);
  KeAcquireGuardedMutex(&M);
  KeReleaseGuardedMutex(&M);
  KeReleaseSpinLock(&S, o);
}
`;

  test("verifier on: 0xC4 P1 0x0002000F IrqlKeApcLte1 at the acquire line", async () => {
    const source = withVerifier("on") + body;
    const sim = await simulate(source);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0xC4");
    expect(bc?.name).toBe("DRIVER_VERIFIER_DETECTED_VIOLATION");
    expect(bc?.rule).toBe("IrqlKeApcLte1");
    expect(bc?.parameters).toEqual(["0x2000F", "&IrqlKeApcLte1", "0x0", "0x0"]);
    expect(bc?.thread).toBe("T");
    expect(bc?.line).toBe(lineOf(source, "KeAcquireGuardedMutex"));
  });

  test("verifier off, M free: the latent bug goes unnoticed", async () => {
    const sim = await simulate(S9 + body);
    expect(sim.run(100)).toBe("completed");
  });

  test("verifier off, M owned by another thread: blocking wait at DISPATCH_LEVEL → 0xA", async () => {
    const source = `${S9}
KSPIN_LOCK S;
KGUARDED_MUTEX M;
thread Owner (priority = 9) { KeAcquireGuardedMutex(&M); Delay(5); KeReleaseGuardedMutex(&M); }
thread T (start = 1) {
  KIRQL o;
  KeAcquireSpinLock(&S, &o);
  KeAcquireGuardedMutex(&M);
  KeReleaseGuardedMutex(&M);
  KeReleaseSpinLock(&S, o);
}
`;
    const sim = await simulate(source);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0xA");
    expect(bc?.name).toBe("IRQL_NOT_LESS_OR_EQUAL");
    expect(bc?.parameters).toEqual(["0x0", "0x2", "0x0", "0x0"]);
    expect(bc?.line).toBe(lineOf(source, "KeAcquireGuardedMutex", 2));
  });
});

describe("S9 waiting at DISPATCH_LEVEL", () => {
  const threadBody = `
KSPIN_LOCK S;
KEVENT E = { NotificationEvent, FALSE };
thread T {
  KIRQL o;
  KeAcquireSpinLock(&S, &o);
  KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);
}
`;

  test("DV: 0xC4 P1 0x121", async () => {
    const sim = await simulate(withVerifier("on") + threadBody);
    expect(sim.run(100)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.parameters[0]).toBe("0x121");
  });

  test("verifier off: 0xA", async () => {
    const sim = await simulate(S9 + threadBody);
    expect(sim.run(100)).toBe("bugcheck");
    expect(sim.snapshot().bugcheck?.code).toBe("0xA");
  });

  test("the same wait from a DPC body, verifier off: 0xB8 ATTEMPTED_SWITCH_FROM_DPC", async () => {
    const sim = await simulate(`${S9}
KEVENT E = { NotificationEvent, FALSE };
dpc D (cpu = 0) { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL); }
thread T { Work(5); }
at (1) KeInsertQueueDpc(&D);
`);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0xB8");
    expect(bc?.name).toBe("ATTEMPTED_SWITCH_FROM_DPC");
    expect(bc?.thread).toBe("D");
    expect(bc?.tick).toBe(1);
  });
});

describe("S10 release by a non-owner", () => {
  const body = `
KGUARDED_MUTEX M;
thread A { KeAcquireGuardedMutex(&M); Work(4); KeReleaseGuardedMutex(&M); }
thread B (priority = 10, start = 1) { KeReleaseGuardedMutex(&M); Delay(10); }
`;

  test("B frees the lock under A; A's release wedges M (gate latched); B's exit is 0x20 (0, 0x10000, 0, 1)", async () => {
    const sim = await simulate(S9 + body);
    sim.run(2);
    let s = sim.snapshot();
    expect(count(s, "M")).toEqual([1, 0, 0]);
    expect(object(s, "M").owner).toBeNull();
    expect(thread(s, "B").specialApcDisable).toBe(1);
    s = runUntil(sim, (x) => thread(x, "A").state === "Terminated");
    expect(count(s, "M")).toEqual([0, 0, 0]);
    expect(object(s, "M").gateSignaled).toBe(true);
    expect(object(s, "M").owner).toBeNull();
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x20");
    expect(bc?.name).toBe("KERNEL_APC_PENDING_DURING_EXIT");
    expect(bc?.parameters).toEqual(["0x0", "0x10000", "0x0", "0x1"]);
    expect(bc?.thread).toBe("B");
  });

  test("DV deadlock detection: 0xC4 P1 0x1004 at B's release", async () => {
    const source = withVerifier("deadlock") + body;
    const sim = await simulate(source);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.parameters).toEqual(["0x1004", "&M", "&A", "&B"]);
    expect(bc?.line).toBe(lineOf(source, "thread B"));
  });

  test("AutoBoost (#windows 8, verifier off): 0x162", async () => {
    const source = S9.replace("#windows 2003", "#windows 8") + body;
    const sim = await simulate(source);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x162");
    expect(bc?.name).toBe("KERNEL_AUTO_BOOST_INVALID_LOCK_RELEASE");
    expect(bc?.thread).toBe("B");
  });
});

describe("S11 release of a free mutex", () => {
  test("Count corrupts to locked-without-owner; later acquirers hang; T1's exit is 0x20", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
thread T1 { KeReleaseGuardedMutex(&M); Delay(10); }
thread T2 (start = 1) { KeAcquireGuardedMutex(&M); }
thread T3 (start = 2) { KeAcquireGuardedMutex(&M); }
`);
    sim.step();
    let s = sim.snapshot();
    expect(count(s, "M")).toEqual([0, 0, 0]);
    expect(object(s, "M").gateSignaled).toBe(true);
    expect(thread(s, "T1").specialApcDisable).toBe(1);
    s = runUntil(sim, (x) => thread(x, "T2").state === "Waiting");
    expect(object(s, "M").count?.raw).toBe(6);
    expect(count(s, "M")).toEqual([0, 1, 1]);
    expect(object(s, "M").gateSignaled).toBe(false);
    s = runUntil(sim, (x) => thread(x, "T3").state === "Waiting");
    expect(object(s, "M").count?.raw).toBe(10);
    expect(object(s, "M").owner).toBeNull();
    expect(object(s, "M").waiters).toEqual(["T2", "T3"]);
    expect(sim.run(100)).toBe("bugcheck");
    const bc = sim.snapshot().bugcheck;
    expect(bc?.code).toBe("0x20");
    expect(bc?.parameters).toEqual(["0x0", "0x10000", "0x0", "0x1"]);
    expect(bc?.thread).toBe("T1");
  });

  test("with T1 waiting on an event nobody sets instead of ending: a pure hang with no owner in the cycle", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
KEVENT Never = { NotificationEvent, FALSE };
thread T1 { KeReleaseGuardedMutex(&M); KeWaitForSingleObject(&Never, Executive, KernelMode, FALSE, NULL); }
thread T2 (start = 1) { KeAcquireGuardedMutex(&M); }
thread T3 (start = 2) { KeAcquireGuardedMutex(&M); }
`);
    expect(sim.run(100)).toBe("deadlock");
    const s = sim.snapshot();
    expect(s.deadlock?.cycle).toEqual([]);
    expect(s.deadlock?.threads).toEqual(["T1", "T2", "T3"]);
  });
});

describe("S12 convoy: woken but starved waiter", () => {
  test("Lo boosted to 13 < 15 does not run; Hi re-acquires by the fast path; Lo gets M only after Hi ends", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
thread Hi (priority = 15) {
  KeAcquireGuardedMutex(&M); Delay(2); KeReleaseGuardedMutex(&M);
  repeat (3) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
}
thread Lo (priority = 8, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
`);
    let s = runUntil(sim, (x) => thread(x, "Lo").state === "Waiting");
    expect(count(s, "M")).toEqual([0, 0, 1]);
    expect(object(s, "M").contention).toBe(1);
    s = runUntil(sim, (x) => thread(x, "Lo").state === "Ready");
    expect(count(s, "M")).toEqual([1, 1, 0]);
    expect(thread(s, "Lo").priority).toBe(13);
    expect(thread(s, "Hi").state).toBe("Running");
    s = runUntil(sim, (x) => object(x, "M").owner === "Hi");
    expect(count(s, "M")).toEqual([0, 1, 0]);
    s = runUntil(sim, (x) => thread(x, "Hi").state === "Terminated");
    expect(count(s, "M")).toEqual([1, 1, 0]);
    expect(thread(s, "Lo").state).not.toBe("Terminated");
    expect(sim.events().filter((e) => e.op === "ThreadReady" && e.thread === "Lo").length).toBe(2);
    s = runUntil(sim, (x) => object(x, "M").owner === "Lo");
    expect(count(s, "M")).toEqual([0, 0, 0]);
    expect(object(s, "M").contention).toBe(1);
    expect(sim.run(100)).toBe("completed");
  });

  test("variant: Hi blocks inside M, Lo runs, finds LOCK clear, re-registers (0,0,1) and sleeps again", async () => {
    const sim = await simulate(`${S9}
KGUARDED_MUTEX M;
KEVENT Go = { SynchronizationEvent, FALSE };
thread Hi (priority = 15) {
  KeAcquireGuardedMutex(&M); Delay(2); KeReleaseGuardedMutex(&M);
  KeAcquireGuardedMutex(&M); KeWaitForSingleObject(&Go, Executive, KernelMode, FALSE, 5); KeReleaseGuardedMutex(&M);
}
thread Lo (priority = 8, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
`);
    runUntil(sim, (x) => object(x, "M").owner === "Hi" && thread(x, "Lo").state === "Ready");
    const s = runUntil(sim, (x) => thread(x, "Lo").state === "Waiting" && x.step > 6);
    expect(count(s, "M")).toEqual([0, 0, 1]);
    const retry = sim.events().find((e) => e.op === "MutexRetry" && e.thread === "Lo");
    expect(retry?.result).toBe("blocked");
    expect(object(s, "M").contention).toBe(1);
    expect(sim.run(100)).toBe("completed");
  });
});

describe("S13 barging on 2 CPUs", () => {
  const source = `#cpus 2
#verifier off
#windows 2003
#scheduler priority
KGUARDED_MUTEX M;
thread A (affinity = 0) { KeAcquireGuardedMutex(&M); Work(2); KeReleaseGuardedMutex(&M); Work(3); }
thread W (affinity = 0, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
thread B (affinity = 1, start = 4) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
`;

  test("B on CPU1 acquires in the tick of A's release, before W runs: W wakes, finds LOCK clear, re-registers at the tail", async () => {
    const sim = await simulate(source);
    const s = runUntil(sim, (x) => object(x, "M").owner === "B");
    expect(s.tick).toBe(4);
    expect(count(s, "M")).toEqual([0, 1, 0]);
    expect(thread(s, "W").state).not.toBe("Waiting");
    const after = runUntil(sim, (x) => thread(x, "W").state === "Waiting");
    expect(count(after, "M")).toEqual([0, 0, 1]);
    expect(object(after, "M").waiters).toEqual(["W"]);
    expect(sim.run(200)).toBe("completed");
  });

  test("manual schedule (as random/explore branch): barging and FIFO orders are both reachable", async () => {
    const manual = `#cpus 2
#verifier off
#windows 2003
#scheduler manual
KGUARDED_MUTEX M;
thread A (affinity = 0) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
thread W (affinity = 0) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
thread B (affinity = 1) { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }
`;
    const prefix = ["A@0", "W@0", "A@0"];
    const barge = await simulate(manual, { schedule: [...prefix, "B@1", "W@0"] });
    expect(barge.step()).toBe("budget");
    expect(barge.choices().map((c) => c.label)).toEqual(["A@0", "W@0", "B@1"]);
    barge.run(4);
    let s = barge.snapshot();
    expect(object(s, "M").owner).toBe("B");
    expect(count(s, "M")).toEqual([0, 0, 1]);
    expect(thread(s, "W").state).toBe("Waiting");
    expect(object(s, "M").contention).toBe(1);

    const fifo = await simulate(manual, { schedule: [...prefix, "W@0", "B@1"] });
    fifo.run(5);
    s = fifo.snapshot();
    expect(object(s, "M").owner).toBe("W");
    expect(count(s, "M")).toEqual([0, 0, 1]);
    expect(thread(s, "B").state).toBe("Waiting");
    expect(object(s, "M").contention).toBe(2);
    expect(fifo.run(100)).toBe("choice-needed");
    expect(fifo.schedule().slice(0, 5)).toEqual([...prefix, "W@0", "B@1"]);
  });
});

describe("S14 priority inversion on 1 CPU", () => {
  const body = `
KGUARDED_MUTEX M;
thread L (priority = 4) { KeAcquireGuardedMutex(&M); Work(3); KeReleaseGuardedMutex(&M); }
thread H (priority = 12, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
thread Mid (priority = 8, start = 2) { while (TRUE) { Work(1); } }
`;

  test("2003, AutoBoost off: Mid starves L until the balance-set boost; step-limit with H and L terminated", async () => {
    const sim = await simulate(S9 + "#autoboost off\n" + body, { maxSteps: 2000 });
    const s1 = runUntil(sim, (x) => x.tick >= 50);
    expect(thread(s1, "H").state).toBe("Waiting");
    expect(thread(s1, "L").state).toBe("Ready");
    expect(thread(s1, "Mid").state).toBe("Running");
    expect(sim.run(5000)).toBe("step-limit");
    const s = sim.snapshot();
    expect(s.outcome).toBe("step-limit");
    expect(thread(s, "H").state).toBe("Terminated");
    expect(thread(s, "L").state).toBe("Terminated");
    const boost = sim.events().find((e) => e.op === "BalanceSetBoost" && e.thread === "L");
    expect(boost).toBeDefined();
    expect((boost?.tick ?? 0) >= 300).toBe(true);
  });

  test("AutoBoost on: L is raised to 12 when H blocks, Mid never runs until L releases, then H runs", async () => {
    const sim = await simulate(S9 + "#autoboost on\n" + body, { maxSteps: 200 });
    sim.run(2);
    let s = sim.snapshot();
    expect(thread(s, "H").state).toBe("Waiting");
    expect(thread(s, "L").priority).toBe(12);
    s = runUntil(sim, (x) => thread(x, "H").state === "Terminated");
    const events = sim.events();
    const firstMid = events.findIndex((e) => e.thread === "Mid" && e.op === "Work");
    const hEnd = events.findIndex((e) => e.thread === "H" && e.op === "ThreadExit");
    expect(firstMid === -1 || firstMid > hEnd).toBe(true);
    expect(thread(s, "L").priority).toBe(4);
  });
});
