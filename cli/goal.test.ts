// `ksync run` and `ksync explore` on scenarios with a #goal (docs/cli.md): the
// run report's additive `goal` field, the explore goal search and its exit codes.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ksync } from "./test-harness";

const CHALLENGE = "scenarios/challenges/deadly-embrace.ksync";

function scenarioFile(source: string): string {
  const file = join(mkdtempSync(join(tmpdir(), "ksync-goal-")), "goal.ksync");
  writeFileSync(file, source);
  return file;
}

describe("ksync run with a #goal", () => {
  it("reports the first step after which the goal held, and runs on to the outcome", async () => {
    const r = await ksync("run", CHALLENGE, "--schedule", "T1,T2,T2,T1", "--json");
    expect(r.code).toBe(1); // the outcome's exit code: deadlock
    const report = JSON.parse(r.out) as { outcome: string; goal: unknown };
    expect(report.outcome).toBe("deadlock");
    expect(report.goal).toEqual({ text: "deadlock", reached: true, step: 4 });
  });

  it("says so when the run never reaches it", async () => {
    const r = await ksync("run", CHALLENGE);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split("\n").at(-1)).toBe("Goal not reached: deadlock");
    const json = JSON.parse((await ksync("run", CHALLENGE, "--json")).out) as { goal: unknown };
    expect(json.goal).toEqual({ text: "deadlock", reached: false, step: null });
  });

  it("has no goal field without a #goal", async () => {
    const report = JSON.parse((await ksync("run", "abba-deadlock", "--json")).out) as object;
    expect(report).not.toHaveProperty("goal");
  });
});

describe("ksync explore with a #goal", () => {
  it("searches for the shortest schedule to the goal: exit 0, a replay that reaches it", async () => {
    const r = await ksync("explore", CHALLENGE);
    expect(r.code).toBe(0);
    expect(r.out).toContain("Goal: deadlock\n");
    expect(r.out).toContain("Goal reached in 4 steps at best (tick 4, deadlock)\n");
    expect(r.out).toContain(`Replay:   ksync run ${CHALLENGE} --schedule T1,T2,T2,T1\n`);
    const json = JSON.parse((await ksync("explore", CHALLENGE, "--json")).out) as Record<string, unknown>;
    expect(json).toMatchObject({ outcome: "goal-reached", goal: "deadlock", solution: { steps: 4 } });
    const replay = await ksync("run", CHALLENGE, "--schedule", "T1,T2,T2,T1");
    expect(replay.out).toContain("Goal reached after step 4: deadlock");
  });

  it("exit 1 when no schedule reaches it", async () => {
    const file = scenarioFile(`#goal A at In and B at In
KGUARDED_MUTEX M;
thread A { KeAcquireGuardedMutex(&M); In: Work(1); KeReleaseGuardedMutex(&M); }
thread B { KeAcquireGuardedMutex(&M); In: Work(1); KeReleaseGuardedMutex(&M); }`);
    const r = await ksync("explore", file);
    expect(r.code).toBe(1);
    expect(r.out).toContain("No schedule reaches the goal\n");
  });

  it("--no-goal searches the same file for errors", async () => {
    const r = await ksync("explore", CHALLENGE, "--no-goal", "--json");
    expect(r.code).toBe(1);
    expect(JSON.parse(r.out)).toMatchObject({
      outcome: "error-found",
      goal: null,
      counterexample: { outcome: "deadlock" },
    });
  });
});
