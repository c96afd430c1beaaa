// `ksync explore`, called in-process: exit codes (0 no error, 1 error found,
// 3 limit reached, 64 usage, 65 scenario errors), the JSON report's shape, the
// summary, and the counterexample's schedule replayed with `ksync run
// --schedule` to the same error.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ExploreReport } from "../core-wasm/engine/explorer";
import type { RunReport } from "../core-wasm/engine/report";
import { ksync } from "./test-harness";

async function explore(...argv: string[]): Promise<{ code: number; report: ExploreReport; err: string }> {
  const r = await ksync("explore", ...argv, "--json", "--memory", "16");
  return { code: r.code, report: JSON.parse(r.out) as ExploreReport, err: r.err };
}

const dir = mkdtempSync(join(tmpdir(), "ksync-explore-"));

describe("ksync explore", () => {
  it("abba-deadlock: exit 1, the JSON report, and the schedule replays with run --schedule", async () => {
    const { code, report } = await explore("abba-deadlock");
    expect(code).toBe(1);
    expect(report).toMatchObject({ scenario: "ABBA deadlock", outcome: "error-found" });
    expect(typeof report.states).toBe("number");
    expect(typeof report.transitions).toBe("number");
    expect(typeof report.seconds).toBe("number");
    expect(report.states).toBeGreaterThan(0);
    const ce = report.counterexample;
    expect(ce?.outcome).toBe("deadlock");
    expect(ce?.deadlock?.cycle).toHaveLength(2);
    expect(ce?.replay).toBe(`ksync run abba-deadlock --schedule ${ce?.schedule.join(",")}`);
    const run = await ksync("run", "abba-deadlock", "--schedule", (ce?.schedule ?? []).join(","), "--json");
    expect(run.code).toBe(1);
    const replayed = JSON.parse(run.out) as RunReport;
    expect(replayed.outcome).toBe("deadlock");
    expect(replayed.deadlock).toEqual(ce?.deadlock);
    expect(replayed.ticks).toBe(ce?.ticks);
  });

  it("a bug check: explore exits 1, the replay exits 2 with the same bug check", async () => {
    const { code, report } = await explore("guarded-mutex-under-spinlock");
    expect(code).toBe(1);
    const ce = report.counterexample;
    expect(ce?.outcome).toBe("bugcheck");
    expect(ce?.bugcheck?.rule).toBe("IrqlKeApcLte1");
    const run = await ksync(
      "run",
      "guarded-mutex-under-spinlock",
      "--schedule",
      (ce?.schedule ?? []).join(","),
      "--json",
    );
    expect(run.code).toBe(2);
    expect((JSON.parse(run.out) as RunReport).bugcheck).toEqual(ce?.bugcheck);
  });

  it("a thread that never ends: the step limit is an error; the replay needs the same --max-steps", async () => {
    const { code, report } = await explore("priority-inversion", "--max-steps", "25");
    expect(code).toBe(1);
    const ce = report.counterexample;
    expect(ce?.outcome).toBe("step-limit");
    expect(ce?.schedule).toHaveLength(25);
    expect(ce?.replay).toContain("--max-steps 25");
    const run = await ksync(
      "run",
      "priority-inversion",
      "--max-steps",
      "25",
      "--schedule",
      (ce?.schedule ?? []).join(","),
    );
    expect(run.code).toBe(3);
  });

  it("no error in any schedule: exit 0", async () => {
    const { code, report } = await explore("simple-contention");
    expect(code).toBe(0);
    expect(report.outcome).toBe("no-errors");
    expect(report.counterexample).toBeUndefined();
    expect(report.limit).toBeNull();
    const text = await ksync("explore", "simple-contention");
    expect(text.code).toBe(0);
    expect(text.out).toContain("No error in any schedule");
  });

  it("a state limit reached with no error: exit 3", async () => {
    const { code, report } = await explore("simple-contention", "--max-states", "5");
    expect(code).toBe(3);
    expect(report.outcome).toBe("limit-reached");
    expect(report.limit).toBe("states");
    expect(report.states).toBe(5);
  });

  it("the readable summary names the error, the schedule and the replay command", async () => {
    const r = await ksync("explore", "abba-deadlock");
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/Error found: DEADLOCK after 6 steps/);
    expect(r.out).toMatch(/^Schedule: T[12](,T[12]){5}$/m);
    expect(r.out).toMatch(/^Replay: {3}ksync run abba-deadlock --schedule /m);
    expect(r.err).toBe("");
  });

  it("random walks, preemption bound, priorities and the reduction comparison show in the report", async () => {
    const walks = await explore("simple-contention", "--random-walks", "20", "--seed", "5");
    expect(walks.code).toBe(0);
    expect(walks.report).toMatchObject({ mode: "random-walks", walks: 20, seed: 5, outcome: "no-errors" });
    const bounded = await explore("abba-deadlock", "--preemption-bound", "0", "--respect-priorities");
    expect(bounded.report).toMatchObject({ preemptionBound: 0, respectPriorities: true });
    const compared = await explore("simple-contention", "--compare-reduction");
    expect(compared.report.reduction.applied).toBe(true);
    expect(compared.report.reduction.plain?.states).toBeGreaterThan(compared.report.states);
  });

  it("usage errors exit 64", async () => {
    for (const argv of [
      ["explore"],
      ["explore", "abba-deadlock", "--max-states", "many"],
      ["explore", "abba-deadlock", "--memory", "1"],
      ["explore", "abba-deadlock", "--seed", "3"],
      ["explore", "abba-deadlock", "--max-seconds", "0"],
      ["explore", "abba-deadlock", "--compare-reduction", "--random-walks", "3"],
      ["explore", "abba-deadlock", "--json=yes"],
      ["explore", "abba-deadlock", "other-file"],
    ]) {
      const r = await ksync(...argv);
      expect(r.code, argv.join(" ")).toBe(64);
      expect(r.err).toMatch(/^ksync: /);
    }
  });

  it("scenario errors exit 65 with FILE:line:col", async () => {
    const file = join(dir, "broken.ksync");
    writeFileSync(file, "KGUARDED_MUTEX A;\nthread T {\n    KeAcquireGuardedMutx(&A);\n}\n");
    const r = await ksync("explore", file);
    expect(r.code).toBe(65);
    expect(r.err).toContain(`${file}:3:5:`);
  });
});
