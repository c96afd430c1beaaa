// Every built-in challenge is solvable, its stated shortest solution is the
// explorer's, that solution plays back under the manual scheduler as a student
// would click it, and no challenge solves itself: the goal does not hold at
// tick 0, and the priority scheduler left to itself never reaches it.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { compileScenario } from "../../core-wasm/lang/index";
import { SchedulerKind, type Program } from "../../core-wasm/lang/program";
import { exploreProgram } from "../../core-wasm/engine/explorer";
import { createSimulator } from "../../core-wasm/engine/simulator";
import type { StopReason } from "../../core-wasm/engine/types";
import { CHALLENGE_CATALOG, DIFFICULTIES, challenges } from "./index";

function compile(source: string, id: string): Program {
  const { program, diagnostics } = compileScenario(source, { fileName: `${id}.ksync` });
  if (program === null) throw new Error(diagnostics.map((d) => `${id}:${d.line}:${d.column}: ${d.message}`).join("\n"));
  return program;
}

describe("the challenge catalog", () => {
  it("lists every .ksync file of the folder once, at least 12, easy to hard", () => {
    const files = readdirSync(new URL(".", import.meta.url))
      .filter((f) => f.endsWith(".ksync"))
      .map((f) => f.slice(0, -".ksync".length));
    expect(CHALLENGE_CATALOG.map((c) => c.id).sort()).toEqual(files.sort());
    expect(new Set(CHALLENGE_CATALOG.map((c) => c.id)).size).toBe(CHALLENGE_CATALOG.length);
    expect(CHALLENGE_CATALOG.length).toBeGreaterThanOrEqual(12);
    const ranks = CHALLENGE_CATALOG.map((c) => DIFFICULTIES.indexOf(c.difficulty));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const level of DIFFICULTIES) expect(ranks).toContain(DIFFICULTIES.indexOf(level));
  });
});

describe.each(challenges.map((c) => [c.id, c] as const))("challenge %s", (id, challenge) => {
  const program = compile(challenge.source, id);

  it("is a manual-scheduler scenario with a title, a description and a goal", () => {
    expect(program.options.scheduler).toBe(SchedulerKind.Manual);
    expect(program.goal).not.toBeNull();
    expect(challenge.title).not.toBe(id);
    expect(challenge.summary.length).toBeGreaterThan(40);
  });

  it(`is solved in ${challenge.shortest} steps at best, and that solution plays back under manual scheduling`, async () => {
    const report = await exploreProgram(program, { goal: true, memoryMiB: 64, maxSeconds: 60 });
    expect(report.outcome).toBe("goal-reached");
    const solution = report.solution!;
    expect(solution.steps).toBe(challenge.shortest);
    const sim = await createSimulator(program);
    try {
      expect(sim.snapshot().goal?.reached).toBe(false);
      const reasons: StopReason[] = solution.schedule.map((label) => sim.choose(label));
      expect(reasons.indexOf("goal")).toBe(reasons.length - 1);
      expect(sim.snapshot().goal?.reached).toBe(true);
    } finally {
      sim.dispose();
    }
  });

  it("does not solve itself under the priority scheduler", async () => {
    const unattended: Program = { ...program, options: { ...program.options, scheduler: SchedulerKind.Priority } };
    const sim = await createSimulator(unattended, { recordTrace: false });
    try {
      const reasons: StopReason[] = [];
      let reason: StopReason;
      do reasons.push((reason = sim.run(1 << 16)));
      while (reason === "budget" || reason === "goal");
      expect(reasons).not.toContain("goal");
      expect(sim.snapshot().outcome).not.toBe("running");
    } finally {
      sim.dispose();
    }
  });
});
