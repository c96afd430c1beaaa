// The explorer on the built-in scenario library: each scenario's verdict (can
// some schedule deadlock, bug check or run into the step limit?) is stated
// below with the reason, worked out from the scenario's code and
// docs/kernel-semantics.md, not recorded from the explorer's output. Every
// counterexample is replayed through the simulator facade with its schedule
// (what `ksync run --schedule` does) and must end in the same error. Also:
// limits end the search honestly, the preemption bound, --respect-priorities,
// random walks and the reduced search agreeing with the plain one.
import { describe, expect, it } from "vitest";
import { compileScenario } from "../lang/index";
import type { Program } from "../lang/program";
import { loadLibrary } from "../../scenarios/node";
import { ringScenario } from "../../bench/explorer-family";
import { exploreProgram, type ExploreOptions, type ExploreReport } from "./explorer";
import { runReport } from "./report";
import { createSimulator } from "./simulator";

const SMALL: ExploreOptions = { memoryMiB: 16, maxSeconds: 20 };

function compile(source: string, name = "test.ksync"): Program {
  const { program, diagnostics } = compileScenario(source, { fileName: name });
  if (program === null) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n"));
  return program;
}

function library(name: string): Program {
  const s = loadLibrary().find((x) => x.name === name);
  if (!s) throw new Error(`no built-in scenario ${name}`);
  return compile(s.source, `${name}.ksync`);
}

/** Replays the counterexample through the run path and checks it ends in the same error. */
async function expectReplays(program: Program, report: ExploreReport, maxSteps: number): Promise<void> {
  const ce = report.counterexample;
  if (!ce) throw new Error("no counterexample");
  const simulator = await createSimulator(program, { maxSteps, schedule: ce.schedule, recordTrace: false });
  try {
    while (simulator.run(1 << 20) === "budget" && simulator.stepCount < ce.schedule.length);
    const run = runReport(simulator);
    expect(simulator.stepCount).toBe(ce.schedule.length);
    expect(run.outcome).toBe(ce.outcome);
    expect(run.ticks).toBe(ce.ticks);
    expect(run.deadlock).toEqual(ce.deadlock);
    expect(run.bugcheck).toEqual(ce.bugcheck);
  } finally {
    simulator.dispose();
  }
}

type Verdict =
  | { readonly verdict: "no-errors"; readonly why: string }
  | {
      readonly verdict: "deadlock" | "step-limit";
      readonly why: string;
      readonly cycle?: readonly string[];
    }
  | { readonly verdict: "bugcheck"; readonly code: string; readonly p1?: string; readonly why: string };

interface Case {
  readonly expected: Verdict;
  readonly options?: ExploreOptions;
}

const CASES: Readonly<Record<string, Case>> = {
  "simple-contention": {
    expected: {
      verdict: "no-errors",
      why: "one mutex, acquired and released by each thread: whatever the order, both finish",
    },
  },
  "abba-deadlock": {
    expected: {
      verdict: "deadlock",
      why: "T1 holding A and T2 holding B before either asks for its second mutex closes the cycle",
      cycle: ["T1", "T2"],
    },
  },
  "abba-deadlock-verifier": {
    expected: {
      verdict: "bugcheck",
      code: "0xC4",
      p1: "0x1001",
      why: "deadlock detection records A→B from T1, then T2's request for A while holding B closes the order cycle (docs/kernel-semantics.md §8 row 7)",
    },
  },
  "recursive-acquire": {
    expected: { verdict: "deadlock", why: "the second acquire of M by its owner waits on itself (S3)", cycle: ["T1"] },
  },
  "try-acquire-fails": {
    expected: { verdict: "no-errors", why: "the try never blocks; both branches release what they took" },
  },
  "apc-guarded-region": {
    expected: { verdict: "no-errors", why: "the APC is only held back until the region is left" },
  },
  "apc-release-preempted": {
    expected: {
      verdict: "no-errors",
      why: "paired acquires and releases of one mutex; the APC queued to Worker1 only waits for its region to end",
    },
  },
  "critical-region-apcs": {
    expected: { verdict: "no-errors", why: "balanced critical region; APCs are delayed, not lost" },
  },
  "guarded-region-apcs": {
    expected: { verdict: "no-errors", why: "balanced guarded region; APCs are delayed, not lost" },
  },
  "fast-mutex-irql": {
    expected: { verdict: "no-errors", why: "acquire and release at the right IRQL; the APC runs at the release" },
  },
  "guarded-mutex-under-spinlock": {
    expected: {
      verdict: "bugcheck",
      code: "0xC4",
      p1: "0x2000F",
      why: "KeAcquireGuardedMutex at DISPATCH_LEVEL with the verifier on (S8, rule IrqlKeApcLte1)",
    },
  },
  "wait-at-dispatch": {
    expected: { verdict: "bugcheck", code: "0xC4", p1: "0x121", why: "a NULL-timeout wait at DISPATCH_LEVEL (S9)" },
  },
  "wait-at-dispatch-free-build": {
    expected: { verdict: "bugcheck", code: "0xA", why: "the same wait with the verifier off: the simulator's 0xA" },
  },
  "wait-in-dpc": {
    expected: { verdict: "bugcheck", code: "0xB8", why: "a blocking wait inside a DPC body" },
  },
  "release-by-non-owner": {
    expected: {
      verdict: "bugcheck",
      code: "0x20",
      why: "B's release of A's mutex leaves B's SpecialApcDisable at +1, caught when B ends (S10)",
    },
  },
  "release-free-mutex": {
    expected: {
      verdict: "bugcheck",
      code: "0x20",
      why: "T1's release of a free mutex unbalances its guarded region (S11)",
    },
  },
  "convoy-woken-waiter": {
    expected: { verdict: "no-errors", why: "barging only delays the woken waiter; every acquire is paired" },
  },
  "barging-two-cpus": {
    expected: { verdict: "no-errors", why: "one mutex, paired acquires and releases, on two CPUs" },
  },
  "priority-inversion": {
    options: { maxSteps: 30 },
    expected: { verdict: "step-limit", why: "Mid's while (TRUE) loop never ends, so every schedule reaches the limit" },
  },
  "priority-inversion-autoboost": {
    options: { maxSteps: 30 },
    expected: { verdict: "step-limit", why: "AutoBoost changes priorities, not Mid's endless loop" },
  },
  "event-handoff": {
    expected: { verdict: "no-errors", why: "W waits first (it alone runs at tick 0), S's set releases it" },
  },
  "notification-broadcast": {
    expected: {
      verdict: "no-errors",
      why: "a notification event stays signaled: every wait, before or after the set, returns",
    },
  },
  "set-event-wait-true": {
    expected: { verdict: "no-errors", why: "W sets F after being woken through E, so S's wait on F returns" },
  },
  "exit-holding-guarded-mutex": {
    expected: { verdict: "bugcheck", code: "0x20", why: "ending inside the mutex's guarded region (§8 row 11)" },
  },
  "exit-holding-fast-mutex": {
    expected: { verdict: "deadlock", why: "T ends owning F (no bug check, §8 row 12); U waits on it forever" },
  },
  "unsafe-apc-reentry": {
    expected: { verdict: "deadlock", why: "the APC re-acquires the mutex its own thread holds (S19)" },
  },
  "fast-mutex-out-of-order": {
    expected: {
      verdict: "bugcheck",
      code: "0x4A",
      why: "the syscall thread returns at APC_LEVEL restored from the wrong mutex (S20)",
    },
  },
  "unbalanced-leave": {
    expected: {
      verdict: "bugcheck",
      code: "0x20",
      why: "an extra KeLeaveGuardedRegion leaves SpecialApcDisable at +1 at exit",
    },
  },
  "dpc-vs-thread-spinlock": {
    options: { maxSteps: 20 },
    expected: {
      verdict: "step-limit",
      why: "the explorer's scheduler may keep running D's spin on CPU 1 and never T on CPU 0 (an unfair schedule)",
    },
  },
  "producer-consumer-events": {
    expected: {
      verdict: "no-errors",
      why: "SlotFree starts signaled and the two events alternate: no schedule starves either thread",
    },
  },
  "spinlock-recursive": {
    expected: {
      verdict: "deadlock",
      why: "a second acquire of its own spin lock spins forever (§5: reported as a deadlock)",
    },
  },
  "syscall-critical-region-leak": {
    expected: {
      verdict: "bugcheck",
      code: "0x1",
      why: "a syscall thread returns to user mode inside a critical region",
    },
  },
  "irql-raise-lower": {
    expected: { verdict: "bugcheck", code: "0xC4", why: "KeLowerIrql to a level above the current one (§8 row 19)" },
  },
  "event-wait-timeout": {
    expected: { verdict: "no-errors", why: "nobody sets E, but the wait times out after 5 ticks" },
  },
  "user-apc-alertable-wait": {
    expected: { verdict: "no-errors", why: "the user APC ends W's alertable UserMode wait" },
  },
};

/** Too many schedules to exhaust in a unit test: random walks, and a bounded search that must not find an error. */
const TOO_BIG = new Set(["lock-convoy-two-cpus"]);

describe("explorer verdicts on the built-in scenarios", () => {
  it("covers every built-in scenario", () => {
    const names = loadLibrary().map((s) => s.name);
    for (const name of names) expect(name in CASES || TOO_BIG.has(name), `${name} has no expected verdict`).toBe(true);
  });

  for (const [name, { expected, options }] of Object.entries(CASES)) {
    it(`${name}: ${expected.verdict} — ${expected.why}`, async () => {
      const program = library(name);
      const maxSteps = options?.maxSteps ?? 10_000;
      const reduced = await exploreProgram(program, { ...SMALL, ...options });
      const plain = await exploreProgram(program, { ...SMALL, ...options, reduction: false });
      for (const report of [reduced, plain]) {
        if (expected.verdict === "no-errors") {
          expect(report.outcome).toBe("no-errors");
          expect(report.counterexample).toBeUndefined();
          continue;
        }
        expect(report.outcome).toBe("error-found");
        const ce = report.counterexample;
        expect(ce?.outcome).toBe(expected.verdict);
        if (expected.verdict === "bugcheck") {
          expect(ce?.bugcheck?.code).toBe(expected.code);
          if (expected.p1) expect(ce?.bugcheck?.parameters[0]).toBe(expected.p1);
        }
        if ((expected.verdict === "deadlock" || expected.verdict === "step-limit") && expected.cycle) {
          expect(ce?.deadlock?.cycle.map((e) => e.thread).sort()).toEqual([...expected.cycle].sort());
        }
        if (expected.verdict === "step-limit") expect(ce?.schedule.length).toBe(maxSteps);
        await expectReplays(program, report, maxSteps);
      }
      // Both searches are breadth-first: the shortest error has the same length with or without reduction.
      expect(reduced.counterexample?.schedule.length).toBe(plain.counterexample?.schedule.length);
      expect(reduced.states).toBeLessThanOrEqual(plain.states);
    });
  }

  it("lock-convoy-two-cpus: no error in random walks nor in a bounded search", async () => {
    const program = library("lock-convoy-two-cpus");
    const walks = await exploreProgram(program, { ...SMALL, randomWalks: 200, seed: 7 });
    expect(walks.mode).toBe("random-walks");
    expect(walks.walks).toBe(200);
    expect(walks.outcome).toBe("no-errors");
    const bounded = await exploreProgram(program, { ...SMALL, maxStates: 20_000 });
    expect(bounded.outcome).toBe("limit-reached");
    expect(bounded.limit).toBe("states");
    expect(bounded.states).toBe(20_000);
  });
});

describe("explorer options", () => {
  it("the shortest ABBA schedule: T1 and T2 each take their first mutex before either asks for the second", async () => {
    const report = await exploreProgram(library("abba-deadlock"), SMALL);
    const schedule = report.counterexample?.schedule ?? [];
    // Acquire, Delay, Acquire, Delay, then the two blocking acquires: six steps.
    expect(schedule).toHaveLength(6);
    expect(schedule.filter((s) => s === "T1")).toHaveLength(3);
    expect(schedule.filter((s) => s === "T2")).toHaveLength(3);
  });

  it("a preemption bound limits the schedules: a ring of 3 mutexes needs 2 preemptions to deadlock", async () => {
    const program = compile(ringScenario(3, "ring"));
    const verdicts: string[] = [];
    for (const bound of [0, 1, 2]) {
      const report = await exploreProgram(program, { ...SMALL, preemptionBound: bound });
      expect(report.preemptionBound).toBe(bound);
      expect(report.reduction.applied).toBe(false);
      verdicts.push(report.outcome);
      if (report.counterexample) await expectReplays(program, report, 10_000);
    }
    expect(verdicts).toEqual(["no-errors", "no-errors", "error-found"]);
    expect((await exploreProgram(program, SMALL)).outcome).toBe("error-found");
  });

  it("--respect-priorities: a high-priority thread that always runs first cannot be caught in the ABBA order", async () => {
    const program = compile(
      [
        "#cpus 1",
        "#verifier off",
        "KGUARDED_MUTEX A, B;",
        "thread Hi (priority = 12) { KeAcquireGuardedMutex(&A); KeAcquireGuardedMutex(&B); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); }",
        "thread Lo (priority = 4) { KeAcquireGuardedMutex(&B); KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); KeReleaseGuardedMutex(&B); }",
      ].join("\n"),
    );
    const adversary = await exploreProgram(program, SMALL);
    expect(adversary.outcome).toBe("error-found");
    expect(adversary.counterexample?.outcome).toBe("deadlock");
    const priorities = await exploreProgram(program, { ...SMALL, respectPriorities: true });
    expect(priorities.respectPriorities).toBe(true);
    expect(priorities.outcome).toBe("no-errors");
    expect(priorities.states).toBeLessThan(adversary.states);
  });

  it("random walks: seeded, counted, and a found error replays", async () => {
    const program = library("abba-deadlock");
    const a = await exploreProgram(program, { ...SMALL, randomWalks: 500, seed: 3 });
    const b = await exploreProgram(program, { ...SMALL, randomWalks: 500, seed: 3 });
    expect(a.mode).toBe("random-walks");
    expect(a.outcome).toBe("error-found");
    expect(a.counterexample?.schedule).toEqual(b.counterexample?.schedule);
    expect(a.walks).toBe(b.walks);
    expect(a.walks).toBeGreaterThanOrEqual(1);
    expect(a.seed).toBe(3);
    await expectReplays(program, a, 10_000);
    const safe = await exploreProgram(library("simple-contention"), { ...SMALL, randomWalks: 50, seed: 1 });
    expect(safe.outcome).toBe("no-errors");
    expect(safe.walks).toBe(50);
  });

  it("a memory budget too small for the state space ends in limit-reached, not a crash", async () => {
    const report = await exploreProgram(compile(ringScenario(6, "global")), {
      memoryMiB: 3,
      reduction: false,
      maxSeconds: 20,
    });
    expect(report.outcome).toBe("limit-reached");
    expect(report.limit).toBe("memory");
    expect(report.memoryBytes).toBeLessThanOrEqual(3 * 1024 * 1024);
    expect(report.states).toBeGreaterThan(1000);
  });

  it("the time limit and cancellation stop the search between slices", async () => {
    // Mid's endless loop: the plain search would need millions of states to reach the step limit.
    const program = library("priority-inversion");
    const timed = await exploreProgram(program, { memoryMiB: 128, maxSeconds: 0.2, reduction: false });
    expect(timed.outcome).toBe("limit-reached");
    expect(timed.limit).toBe("time");
    expect(timed.seconds).toBeLessThan(2);
    let polls = 0;
    const progress: number[] = [];
    const cancelled = await exploreProgram(program, {
      memoryMiB: 128,
      reduction: false,
      progressIntervalMs: 0,
      onProgress: (p) => progress.push(p.states),
      shouldCancel: () => ++polls >= 2,
    });
    expect(cancelled.limit).toBe("cancelled");
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((n, i) => i === 0 || n >= (progress[i - 1] ?? 0))).toBe(true);
  });

  it("--compare-reduction reports the plain search and the states saved", async () => {
    const report = await exploreProgram(compile(ringScenario(3, "global")), { ...SMALL, compareReduction: true });
    expect(report.outcome).toBe("no-errors");
    expect(report.reduction.applied).toBe(true);
    expect(report.reduction.plain?.outcome).toBe("no-errors");
    expect(report.reduction.statesSaved).toBe((report.reduction.plain?.states ?? 0) - report.states);
    expect(report.reduction.statesSaved).toBeGreaterThan(0);
  });

  it("the ring family: ring order deadlocks, global order does not", async () => {
    for (const n of [2, 3, 4]) {
      const ring = await exploreProgram(compile(ringScenario(n, "ring")), SMALL);
      expect(ring.counterexample?.outcome).toBe("deadlock");
      expect(ring.counterexample?.deadlock?.cycle).toHaveLength(n);
      // Each thread takes its first mutex (one step each), then the n blocking acquires.
      expect(ring.counterexample?.schedule).toHaveLength(2 * n);
      const global = await exploreProgram(compile(ringScenario(n, "global")), SMALL);
      expect(global.outcome).toBe("no-errors");
    }
  });
});
