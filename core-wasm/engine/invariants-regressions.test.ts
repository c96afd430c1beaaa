// Regression tests for what the invariant properties (invariants*.test.ts)
// found, and proof that each invariant check can fail: it reports the broken
// state of a known misuse scenario when told the scenario is well-behaved.
import { describe, expect, test } from "vitest";
import {
  countWordViolations,
  fastMutexIrqlViolations,
  ownershipViolations,
  preemptionViolations,
  schedulerViolations,
  selfWaitViolations,
} from "../../tests/support/invariants-checks";
import type { GeneratedScenario } from "../../tests/support/scenario-arbitrary";
import { lineOf, simulate, thread } from "../../tests/support/simulation";
import type { Snapshot } from "./types";

const DIRECTIVES = "#cpus 1\n#verifier off\n#windows 2003\n#scheduler priority\n";

describe("user APCs obey IRQL and the APC-disable counters (docs/kernel-semantics.md §2, APCs)", () => {
  // Found by "T1 runs at IRQL 0 while holding FM0": an alertable UserMode wait
  // ran a queued user APC body (at PASSIVE_LEVEL) while the thread held a fast
  // mutex, i.e. at APC_LEVEL, where every APC is disabled [DAPC] [WAPC].
  const scenario = (prefix: string, suffix: string) => `${DIRECTIVES}
FAST_MUTEX F;
KEVENT E = { NotificationEvent, FALSE };
apc U (user, target = W) { Work(1); }
thread W {
    ${prefix}
    KeWaitForSingleObject(&E, Executive, UserMode, TRUE, 3);
    ${suffix}
    Work(1);
}
at (0) KeInsertQueueApc(&U);
`;

  for (const [what, prefix, suffix] of [
    ["holding a fast mutex (APC_LEVEL)", "ExAcquireFastMutex(&F);", "ExReleaseFastMutex(&F);"],
    ["in a critical region", "KeEnterCriticalRegion();", "KeLeaveCriticalRegion();"],
    ["in a guarded region", "KeEnterGuardedRegion();", "KeLeaveGuardedRegion();"],
  ] as const) {
    test(`an alertable UserMode wait ${what} does not run the user APC; the wait times out`, async () => {
      const source = scenario(prefix, suffix);
      const sim = await simulate(source);
      expect(sim.run(1000)).toBe("completed");
      const events = sim.events();
      expect(events.filter((e) => e.op === "ApcDelivered")).toEqual([]);
      const wait = events
        .filter((e) => e.op === "KeWaitForSingleObject" || e.op === "WaitTimeout")
        .map((e) => e.result);
      expect(wait).toEqual(["blocked", "timeout"]);
      const u = sim.snapshot().apcs.find((a) => a.name === "U");
      expect(u?.deliveredAt).toBeNull();
    });
  }

  test("control: at PASSIVE_LEVEL outside regions the wait ends with STATUS_USER_APC and the body runs", async () => {
    const source = scenario("Work(1);", "Work(1);");
    const sim = await simulate(source);
    expect(sim.run(1000)).toBe("completed");
    const events = sim.events();
    expect(events.find((e) => e.op === "KeWaitForSingleObject")?.result).toBe("user-apc");
    expect(events.filter((e) => e.op === "ApcDelivered").map((e) => e.object)).toEqual(["U"]);
  });

  test("a user APC queued while the wait is in progress is held back the same way", async () => {
    const source = scenario("ExAcquireFastMutex(&F);", "ExReleaseFastMutex(&F);").replace("at (0)", "at (2)");
    const sim = await simulate(source);
    expect(sim.run(1000)).toBe("completed");
    const seq = sim.events().filter((e) => ["ApcQueued", "WaitTimeout", "ApcDelivered"].includes(e.op));
    expect(seq.map((e) => [e.op, e.tick])).toEqual([
      ["ApcQueued", 2],
      ["WaitTimeout", 5],
    ]);
    expect(thread(sim.snapshot(), "W").queuedApcs).toEqual(["U"]);
  });
});

describe("goTo the last step of a run whose outcome the priority scheduler found without a step", () => {
  // Found by the goTo property: the priority scheduler detects a deadlock in a
  // call that runs no step (a tick passes with nothing to run), so goTo(last)
  // from an earlier step showed the state before the deadlock ("running")
  // while events() already listed the Deadlock event.
  const source = `${DIRECTIVES}
KGUARDED_MUTEX M;
thread T (start = 1) {
    KeAcquireGuardedMutex(&M);
    KeAcquireGuardedMutex(&M);
}
`;

  test("goTo(last) after going back shows the final state; stepping on records nothing twice", async () => {
    const sim = await simulate(source);
    expect(sim.run(100)).toBe("deadlock");
    const last = sim.stepCount;
    const final = JSON.stringify(sim.snapshot());
    const events = JSON.stringify(sim.events());
    expect(sim.snapshot().deadlock).not.toBeNull();
    sim.goTo(last - 1);
    expect(sim.snapshot().outcome).toBe("running");
    sim.goTo(last);
    expect(JSON.stringify(sim.snapshot())).toBe(final);
    expect(JSON.stringify(sim.events())).toBe(events);
    sim.goTo(0);
    for (let i = 0; i < 10 && sim.snapshot().outcome === "running"; i++) sim.step();
    expect(JSON.stringify(sim.snapshot())).toBe(final);
    expect(JSON.stringify(sim.events())).toBe(events);
  });

  test("after reset() the same run is recorded again, outcome events included", async () => {
    const sim = await simulate(source);
    sim.run(100);
    const events = JSON.stringify(sim.events());
    sim.reset();
    sim.goTo(2);
    expect(sim.snapshot().outcome).toBe("deadlock");
    expect(JSON.stringify(sim.events())).toBe(events);
  });
});

/** Facts for a hand-written scenario: everything claimed well-behaved unless overridden. */
function facts(source: string, over: Partial<GeneratedScenario>): GeneratedScenario {
  return {
    source,
    cpus: 1,
    scheduler: "priority",
    seed: 1,
    threads: [],
    yielders: [],
    balancedSpecialApcs: [],
    affinity: {},
    guardedMutexes: [],
    fastMutexes: [],
    spinLocks: [],
    balanced: true,
    cleanThreads: [],
    mutexMisuse: false,
    selfWaitAllowed: {},
    unsafeFast: {},
    sections: [],
    acquireLines: {},
    ...over,
  };
}

async function firstViolation(
  gen: GeneratedScenario,
  check: (g: GeneratedScenario, s: Snapshot) => string[],
): Promise<string | undefined> {
  const sim = await simulate(gen.source, { maxSteps: 200 });
  for (let i = 0; i < 200; i++) {
    const v = check(gen, sim.snapshot());
    if (v.length > 0) return v[0];
    if (sim.snapshot().outcome !== "running") return undefined;
    sim.step();
  }
  return undefined;
}

describe("each invariant check reports a broken state", () => {
  test("ownership: a release by a non-owner (S10) leaves the first owner inside its section without owning the mutex", async () => {
    const source = `${DIRECTIVES}
KGUARDED_MUTEX M;
thread A { KeAcquireGuardedMutex(&M);
    Work(4);
    KeReleaseGuardedMutex(&M); }
thread B (priority = 10, start = 1) { KeReleaseGuardedMutex(&M); Delay(10); }
`;
    const gen = facts(source, {
      sections: [
        {
          object: "M",
          acquireLine: lineOf(source, "thread A"),
          releaseLine: lineOf(source, "KeReleaseGuardedMutex(&M); }"),
        },
      ],
    });
    expect(await firstViolation(gen, ownershipViolations)).toMatch(/A is inside a section of M .* owner is null/);
  });

  test("self-wait: a recursive acquire (S3) the generator did not emit is reported", async () => {
    const source = `${DIRECTIVES}
KGUARDED_MUTEX M;
thread T { KeAcquireGuardedMutex(&M); KeAcquireGuardedMutex(&M); }
`;
    expect(await firstViolation(facts(source, {}), selfWaitViolations)).toMatch(/T waits on M, which it owns/);
    expect(await firstViolation(facts(source, { selfWaitAllowed: { T: ["M"] } }), selfWaitViolations)).toBeUndefined();
  });

  test("Count word: a release of a free mutex (S11) leaves WAITER_WOKEN set with nobody woken", async () => {
    const source = `${DIRECTIVES}
KGUARDED_MUTEX M;
KEVENT Never = { NotificationEvent, FALSE };
thread T1 { KeReleaseGuardedMutex(&M); KeWaitForSingleObject(&Never, Executive, KernelMode, FALSE, NULL); }
thread T2 (start = 1) { KeAcquireGuardedMutex(&M); }
`;
    const gen = facts(source, { acquireLines: { M: [lineOf(source, "thread T2")] } });
    expect(await firstViolation(gen, countWordViolations)).toMatch(/M/);
  });

  test("fast mutex IRQL: releasing nested fast mutexes out of order (S20) runs the holder of B at PASSIVE_LEVEL", async () => {
    const source = `${DIRECTIVES}
FAST_MUTEX A, B;
thread T { ExAcquireFastMutex(&A); ExAcquireFastMutex(&B); ExReleaseFastMutex(&A); Work(1); ExReleaseFastMutex(&B); }
`;
    const gen = facts(source, { fastMutexes: ["A", "B"] });
    expect(await firstViolation(gen, fastMutexIrqlViolations)).toMatch(/T runs at IRQL 0 while holding B/);
  });

  test("scheduler view: a recursive spin-lock acquire the generator did not emit is reported", async () => {
    const source = `${DIRECTIVES}
KSPIN_LOCK S;
thread T { KIRQL a, b; KeAcquireSpinLock(&S, &a); KeAcquireSpinLock(&S, &b); }
`;
    expect(await firstViolation(facts(source, {}), schedulerViolations)).toMatch(/T spins on S, which it holds/);
    expect(await firstViolation(facts(source, { selfWaitAllowed: { T: ["S"] } }), schedulerViolations)).toBeUndefined();
  });

  test("preemption: Yield() hands the CPU to a lower priority, which the check reports unless told the thread yields", async () => {
    const source = `${DIRECTIVES}
thread Hi (priority = 9) { Yield(); Work(1); }
thread Lo (priority = 4) { Work(3); }
`;
    expect(await firstViolation(facts(source, {}), preemptionViolations)).toMatch(
      /Hi \(priority 9\) is Ready while Lo \(priority 4\) runs/,
    );
    expect(await firstViolation(facts(source, { yielders: ["Hi"] }), preemptionViolations)).toBeUndefined();
  });
});

describe("an APC that queues itself again", () => {
  // Found by the end-of-run check: the new insertion showed completedAt (the
  // tick the previous delivery returned) with deliveredAt null.
  test("its view shows the new insertion: queued, not delivered, not completed", async () => {
    const source = `${DIRECTIVES}
apc A (special, target = T) { KeInsertQueueApc(&A); }
thread T { KeInsertQueueApc(&A); Work(1); KeEnterGuardedRegion(); Work(1); KeLeaveGuardedRegion(); }
`;
    const sim = await simulate(source, { maxSteps: 50 });
    sim.run(50);
    const a = sim.snapshot().apcs.find((x) => x.name === "A");
    expect(a?.queuedAt).not.toBeNull();
    expect(a?.deliveredAt).toBeNull();
    expect(a?.completedAt).toBeNull();
    expect(sim.events().filter((e) => e.op === "ApcCompleted").length).toBeGreaterThan(0);
  });
});
