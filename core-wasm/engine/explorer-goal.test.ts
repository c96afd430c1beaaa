// The explorer's goal search (exploreProgram(program, { goal: true })): the
// shortest schedule to a state where the #goal holds, worked out by hand for
// each scenario below; "goal-unreachable" when no schedule gets there; errors
// that are not the goal end their branch. Every solution is replayed through
// the simulator facade by the explorer itself (solutionOf) and again here.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileScenario } from "../lang/index";
import type { Program } from "../lang/program";
import { exploreProgram, type ExploreOptions, type ExploreReport } from "./explorer";
import { createSimulator } from "./simulator";

const SMALL: ExploreOptions = { memoryMiB: 16, maxSeconds: 20, goal: true };

function compile(source: string): Program {
  const { program, diagnostics } = compileScenario(source, { fileName: "goal.ksync" });
  if (program === null) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n"));
  return program;
}

/** Forces the solution's schedule through a fresh simulator: "goal" exactly at its last step. */
async function expectSolutionReplays(program: Program, report: ExploreReport): Promise<void> {
  const solution = report.solution;
  if (!solution) throw new Error(`no solution (${report.outcome})`);
  const sim = await createSimulator(program, { schedule: solution.schedule, recordTrace: false });
  try {
    const reasons: string[] = [];
    while (sim.stepCount < solution.schedule.length) reasons.push(sim.step());
    expect(reasons.indexOf("goal")).toBe(solution.schedule.length - 1);
    expect(sim.snapshot().goal?.reached).toBe(true);
    expect(sim.snapshot().outcome).toBe(solution.outcome);
  } finally {
    sim.dispose();
  }
}

const ABBA = (goal: string): string => `#goal ${goal}
KGUARDED_MUTEX A, B;
thread T1 { KeAcquireGuardedMutex(&A); KeAcquireGuardedMutex(&B); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); }
thread T2 { KeAcquireGuardedMutex(&B); KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); KeReleaseGuardedMutex(&B); }
`;

describe("goal search", () => {
  it("deadlock: four steps, each thread taking its first lock and then blocking on the other's", async () => {
    const program = compile(ABBA("deadlock"));
    const report = await exploreProgram(program, SMALL);
    expect(report.outcome).toBe("goal-reached");
    expect(report.goal).toBe("deadlock");
    expect(report.reduction.applied).toBe(false);
    expect(report.solution).toMatchObject({ goal: "deadlock", steps: 4, outcome: "deadlock", ticks: 4 });
    // Breadth-first over the choice list: the CPU's running thread first, then Ready ones in thread order.
    expect(report.solution?.schedule).toEqual(["T1", "T2", "T2", "T1"]);
    expect(report.solution?.replay).toBe("ksync run FILE --schedule T1,T2,T2,T1");
    await expectSolutionReplays(program, report);
  });

  it("two threads inside one guarded mutex's critical section: unreachable; without the lock, one step", async () => {
    const locked = compile(`#goal T1 at Inside and T2 at Inside
KGUARDED_MUTEX M;
thread T1 { KeAcquireGuardedMutex(&M); Inside: Work(2); KeReleaseGuardedMutex(&M); }
thread T2 { KeAcquireGuardedMutex(&M); Inside: Work(2); KeReleaseGuardedMutex(&M); }`);
    const report = await exploreProgram(locked, SMALL);
    expect(report.outcome).toBe("goal-unreachable");
    expect(report.solution).toBeUndefined();
    expect(report.states).toBeGreaterThan(10);

    // T2 starts at its labelled statement; T1 gets to its own after its Work(1).
    const open = compile(`#goal T1 at Inside and T2 at Inside
thread T1 { Work(1); Inside: Work(1); }
thread T2 { Inside: Work(2); }`);
    const found = await exploreProgram(open, SMALL);
    expect(found.solution).toMatchObject({ schedule: ["T1"], steps: 1, outcome: "running" });
    await expectSolutionReplays(open, found);
  });

  it("a bug check that is not the goal ends its branch; the error search stops at it", async () => {
    // T3's only statement bug checks (0xC4: releasing a guarded mutex nobody owns) whenever it runs.
    const source = `#goal T1 owns A and T2 owns B
#verifier on
KGUARDED_MUTEX A, B, C;
thread T1 { KeAcquireGuardedMutex(&A); Work(1); KeReleaseGuardedMutex(&A); }
thread T2 { KeAcquireGuardedMutex(&B); Work(1); KeReleaseGuardedMutex(&B); }
thread T3 { KeReleaseGuardedMutex(&C); }`;
    const program = compile(source);
    const errors = await exploreProgram(program, { ...SMALL, goal: false });
    expect(errors.outcome).toBe("error-found");
    expect(errors.counterexample?.schedule).toEqual(["T3"]);
    expect(errors.goal).toBeNull();
    const goal = await exploreProgram(program, SMALL);
    expect(goal.solution?.schedule).toEqual(["T1", "T2"]);
    await expectSolutionReplays(program, goal);
  });

  it("a goal that holds at tick 0 needs no step", async () => {
    const program = compile("#goal T at Start\nthread T { Start: Work(1); }");
    const report = await exploreProgram(program, SMALL);
    expect(report.solution).toMatchObject({ schedule: [], steps: 0, replay: "ksync run FILE" });
  });

  it("T waits > N: the shortest wait is the blocked thread's N + 1 ticks after the block", async () => {
    // T1 takes M at tick 0, T2 blocks at tick 1; after the sixth step it is tick 6 and 6 - 1 > 4.
    const program = compile(`#goal T2 waits > 4
KGUARDED_MUTEX M;
thread T1 { KeAcquireGuardedMutex(&M); Work(10); KeReleaseGuardedMutex(&M); }
thread T2 { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }`);
    const report = await exploreProgram(program, SMALL);
    expect(report.solution?.steps).toBe(6);
    expect(report.solution?.schedule.slice(0, 2)).toEqual(["T1", "T2"]);
    await expectSolutionReplays(program, report);
  });

  it("an error search on a scenario with a #goal replays past the goal to its error", async () => {
    const program = compile(ABBA("T1 owns A"));
    const report = await exploreProgram(program, { memoryMiB: 16, maxSeconds: 20 });
    expect(report.outcome).toBe("error-found");
    expect(report.counterexample).toMatchObject({ outcome: "deadlock", schedule: ["T1", "T2", "T2", "T1"] });
  });

  it("refuses a goal search without a #goal", async () => {
    await expect(exploreProgram(compile("thread T { Work(1); }"), SMALL)).rejects.toThrow(RangeError);
  });

  it("random walks find the goal too, never in fewer steps than the exhaustive search", async () => {
    const program = compile(ABBA("deadlock"));
    const shortest = (await exploreProgram(program, SMALL)).solution?.steps ?? -1;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), async (seed) => {
        const walk = await exploreProgram(program, { ...SMALL, randomWalks: 200, seed });
        expect(walk.mode).toBe("random-walks");
        if (walk.outcome === "goal-reached") {
          expect(walk.solution!.steps).toBeGreaterThanOrEqual(shortest);
          await expectSolutionReplays(program, walk);
        } else expect(walk.outcome).toBe("goal-unreachable");
      }),
      { numRuns: 8 },
    );
  });
});
