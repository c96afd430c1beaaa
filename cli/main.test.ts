// `ksync` commands, called in-process with captured stdout/stderr: exit codes
// for every case, the JSON report's shape and formats, --schedule, overrides,
// scenario errors as FILE:line:col, list, and byte-identical repeated runs.
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { RunReport } from "../core-wasm/engine/report";
import { loadLibrary } from "../scenarios/node";
import { ksync } from "./test-harness";

async function report(...argv: string[]): Promise<{ code: number; report: RunReport; err: string }> {
  const r = await ksync("run", ...argv, "--json");
  return { code: r.code, report: JSON.parse(r.out) as RunReport, err: r.err };
}

const dir = mkdtempSync(join(tmpdir(), "ksync-cli-"));

function scenarioFile(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const broken = scenarioFile(
  "broken.ksync",
  ["KGUARDED_MUTEX A;", "thread T {", "    KeAcquireGuardedMutx(&A);", "    KeReleaseGuardedMutex(&B);", "}", ""].join(
    "\n",
  ),
);

// Without --schedule the priority scheduler lets T1 finish both acquires first
// (quantum 3); forcing T1,T2 interleaves them into an ABBA deadlock.
const racyText = [
  "#verifier off",
  "#quantum 3",
  "KGUARDED_MUTEX A, B;",
  "thread T1 { KeAcquireGuardedMutex(&A); KeAcquireGuardedMutex(&B); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); }",
  "thread T2 { KeAcquireGuardedMutex(&B); KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); KeReleaseGuardedMutex(&B); }",
  "",
].join("\n");
const racy = scenarioFile("racy.ksync", racyText);

const HEX_OR_NAME = /^(0x(0|[1-9A-F][0-9A-F]*)|&[A-Za-z_][A-Za-z0-9_]*)$/;

describe("help, usage errors and list", () => {
  it("--help prints the usage, with every command, on stdout and exits 0", async () => {
    const r = await ksync("--help");
    expect(r.code).toBe(0);
    for (const word of [
      "ksync run FILE",
      "ksync explore FILE",
      "ksync check FILE",
      "ksync list",
      "--schedule",
      "--max-steps",
    ]) {
      expect(r.out).toContain(word);
    }
    expect((await ksync("run", "--help")).code).toBe(0);
  });

  it("no command, an unknown command or an unknown option exits 64 with a hint on stderr", async () => {
    expect((await ksync()).code).toBe(64);
    const unknown = await ksync("frob");
    expect(unknown).toMatchObject({ code: 64, out: "" });
    expect(unknown.err).toContain('unknown command "frob"');
    expect(unknown.err).toContain("ksync --help");
    const option = await ksync("run", "abba-deadlock", "--colour");
    expect(option.code).toBe(64);
    expect(option.err).toContain("unknown option --colour");
    const value = await ksync("run", "abba-deadlock", "--cpus");
    expect(value.code).toBe(64);
    expect(value.err).toContain("option --cpus needs a value");
    const bad = await ksync("run", "abba-deadlock", "--verifier", "maybe");
    expect(bad.code).toBe(64);
    expect(bad.err).toContain('bad value for --verifier: "maybe"');
  });

  it("a missing file exits 64 and names it", async () => {
    for (const command of ["run", "check"]) {
      const r = await ksync(command, "no/such/file.ksync");
      expect(r.code).toBe(64);
      expect(r.err).toContain("no such file or built-in scenario: no/such/file.ksync");
    }
  });

  it("list prints every built-in scenario, one a line, name first", async () => {
    const r = await ksync("list");
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split("\n");
    expect(lines.map((l) => l.split(/\s+/)[0])).toEqual(loadLibrary().map((s) => s.name));
    expect(lines[0]).toContain(loadLibrary()[0]?.title);
    expect((await ksync("list", "extra")).code).toBe(64);
  });

  it("explore with an unknown option is a usage error (64)", async () => {
    const r = await ksync("explore", "abba-deadlock", "--frobnicate");
    expect(r.code).toBe(64);
    expect(r.err).toContain("unknown option --frobnicate");
  });
});

describe("check and scenario errors", () => {
  it("check accepts a valid file or built-in name with exit 0", async () => {
    const r = await ksync("check", "abba-deadlock");
    expect(r.code).toBe(0);
    expect(r.out).toContain('ok — "ABBA deadlock"');
  });

  it("check and run print each error to stderr as FILE:line:col: message and exit 65", async () => {
    for (const command of ["check", "run"]) {
      const r = await ksync(command, broken);
      expect(r.code).toBe(65);
      expect(r.out).toBe("");
      const lines = r.err.trimEnd().split("\n");
      expect(lines.length).toBe(2);
      expect(lines[0]).toMatch(new RegExp(`^${broken.replace(/[.\\/]/g, "\\$&")}:3:5: .*KeAcquireGuardedMutx`));
      expect(lines[0]).toContain("did you mean KeAcquireGuardedMutex?");
      expect(lines[1]).toMatch(/:4:\d+: .*\bB\b/);
    }
  });
});

describe("run", () => {
  it.each([
    ["simple-contention", [], 0],
    ["abba-deadlock", [], 1],
    ["exit-holding-guarded-mutex", [], 2],
    ["priority-inversion", ["--max-steps", "50"], 3],
  ] as const)("%s %j exits %i", async (name, extra, code) => {
    expect((await ksync("run", name, ...extra)).code).toBe(code);
  });

  it("--json prints the run report of docs/cli.md: a deadlock with its cycle", async () => {
    const { code, report: r } = await report("abba-deadlock");
    expect(code).toBe(1);
    expect(Object.keys(r)).toEqual(["scenario", "outcome", "ticks", "deadlock", "threads", "objects", "apcs"]);
    expect(r.scenario).toBe("ABBA deadlock");
    expect(r.outcome).toBe("deadlock");
    expect(Number.isInteger(r.ticks)).toBe(true);
    const edges = r.deadlock?.cycle.map((e) => `${e.thread}>${e.waitsFor}>${e.heldBy}`).sort();
    expect(edges).toEqual(["T1>B>T2", "T2>A>T1"]);
    expect(r.threads.find((t) => t.name === "T1")).toMatchObject({
      state: "Waiting",
      priority: 8,
      irql: "PASSIVE_LEVEL",
      waitingOn: "B",
      owns: ["A"],
      kernelApcDisable: 0,
      specialApcDisable: -2,
    });
    const a = r.objects.find((o) => o.name === "A");
    expect(a).toEqual({
      name: "A",
      type: "KGUARDED_MUTEX",
      owner: "T1",
      waiters: ["T2"],
      contention: 1,
      signaled: null,
      count: { free: false, woken: false, waiters: 1 },
    });
  });

  it("--json reports a bug check with 0x-hex codes and &Name parameters", async () => {
    const exit = await report("exit-holding-guarded-mutex");
    expect(exit.code).toBe(2);
    expect(exit.report.bugcheck).toMatchObject({
      code: "0x20",
      name: "KERNEL_APC_PENDING_DURING_EXIT",
      parameters: ["0x0", "0xFFFF0000", "0x0", "0x1"],
      thread: "T",
    });
    const rule = await report("guarded-mutex-under-spinlock");
    expect(rule.report.bugcheck).toMatchObject({ code: "0xC4", rule: "IrqlKeApcLte1" });
    expect(rule.report.bugcheck?.parameters.slice(0, 2)).toEqual(["0x2000F", "&IrqlKeApcLte1"]);
    const lock = await report("abba-deadlock-verifier");
    expect(lock.report.bugcheck?.parameters.slice(0, 2)).toEqual(["0x1001", "&A"]);
    for (const b of [exit, rule, lock].map((x) => x.report.bugcheck)) {
      expect(b?.code).toMatch(/^0x[1-9A-F][0-9A-F]*$/);
      for (const p of b?.parameters ?? []) expect(p).toMatch(HEX_OR_NAME);
      expect(Object.keys(b ?? {})).toEqual(["code", "name", "rule", "parameters", "thread", "line", "tick"]);
    }
    expect(exit.report.deadlock).toBeUndefined();
  });

  it("--json reports APCs with their queued and delivered ticks", async () => {
    const { report: r } = await report("apc-guarded-region");
    expect(r.apcs).toEqual([{ name: "Audit", target: "Worker1", queuedAt: 1, deliveredAt: 5 }]);
  });

  it("adds the trace only with --trace, each event with the spec's fields", async () => {
    expect((await report("simple-contention")).report.trace).toBeUndefined();
    const { report: r } = await report("simple-contention", "--trace");
    expect(r.trace?.length).toBeGreaterThan(0);
    for (const e of r.trace ?? [])
      expect(Object.keys(e)).toEqual(["tick", "cpu", "thread", "line", "op", "object", "result"]);
    expect(r.trace?.some((e) => e.op === "KeAcquireGuardedMutex" && e.thread === "H" && e.object === "M")).toBe(true);
  });

  it("gives a byte-identical report for the same input, with no wall-clock figure", async () => {
    for (const args of [
      ["lock-convoy-two-cpus", "--json", "--trace"],
      ["lock-convoy-two-cpus", "--scheduler", "random", "--seed", "9", "--json", "--trace"],
      ["abba-deadlock"],
    ]) {
      const first = await ksync("run", ...args);
      const second = await ksync("run", ...args);
      expect(second.out).toBe(first.out);
      expect(second.code).toBe(first.code);
    }
    const text = (await ksync("run", "lock-convoy-two-cpus", "--json")).out;
    expect(text).not.toMatch(/"(seconds|time|elapsed|duration|date)"/i);
  });

  it("--schedule forces the first steps, then the scheduler takes over", async () => {
    expect((await ksync("run", racy)).code).toBe(0);
    const forced = await report(racy, "--schedule", "T1,T2");
    expect(forced.code).toBe(1);
    expect(forced.report.outcome).toBe("deadlock");
    const trace = (await report(racy, "--schedule", "T2", "--trace")).report.trace ?? [];
    expect(trace.find((e) => e.op.startsWith("Ke"))?.thread).toBe("T2");
  });

  it("--schedule naming a thread the scenario does not have is a usage error", async () => {
    const r = await ksync("run", racy, "--schedule", "T1,T9");
    expect(r.code).toBe(64);
    expect(r.err).toContain('step 2 names "T9"');
    expect((await ksync("run", racy, "--schedule", "T1@3")).err).toContain("CPU 3");
  });

  it("--schedule asking for a thread that cannot run at that step is a usage error naming the choices", async () => {
    // abba-deadlock's T2 starts at tick 1: at step 1 only T1 can run.
    const r = await ksync("run", "abba-deadlock", "--schedule", "T2");
    expect(r.code).toBe(64);
    expect(r.out).toBe("");
    expect(r.err).toContain("--schedule cannot be followed");
    expect(r.err).toContain("T1");
  });

  it("a file's #scheduler manual also runs as priority, with a note on stderr", async () => {
    const manual = scenarioFile("manual.ksync", racyText.replace("#quantum 3", "#quantum 3\n#scheduler manual"));
    const r = await ksync("run", manual, "--json");
    expect(r.code).toBe(0);
    expect(r.err).toContain("running with the priority scheduler");
    expect(JSON.parse(r.out)).toMatchObject({ outcome: "completed" });
  });

  it("options override the file's directives", async () => {
    // #verifier on in the file: 0xC4; --verifier off: the free build's 0xA.
    expect((await report("wait-at-dispatch")).report.bugcheck?.code).toBe("0xC4");
    expect((await report("wait-at-dispatch", "--verifier", "off")).report.bugcheck?.code).toBe("0xA");
    // #autoboost off in the file: H still starves after 40 steps; --autoboost on: H is done.
    const h = (r: RunReport): string | undefined => r.threads.find((t) => t.name === "H")?.state;
    expect(h((await report("priority-inversion", "--max-steps", "40")).report)).toBe("Waiting");
    expect(h((await report("priority-inversion", "--max-steps", "40", "--autoboost", "on")).report)).toBe("Terminated");
  });

  it("--max-steps ends a run that is not finished with step-limit", async () => {
    const { code, report: r } = await report("simple-contention", "--max-steps", "3");
    expect(code).toBe(3);
    expect(r.outcome).toBe("step-limit");
  });

  it("manual without --schedule runs as priority and says so on stderr", async () => {
    const manual = await ksync("run", "abba-deadlock", "--scheduler", "manual", "--json");
    const priority = await ksync("run", "abba-deadlock", "--json");
    expect(manual.code).toBe(1);
    expect(manual.out).toBe(priority.out);
    expect(manual.err).toContain("priority scheduler");
  });

  it("without --json prints a readable summary: outcome, threads, objects, the cycle or the blue screen", async () => {
    const dead = await ksync("run", "abba-deadlock");
    expect(dead.out).toContain("Outcome: DEADLOCK");
    expect(dead.out).toContain("T1 waits for B, held by T2");
    expect(dead.out).toMatch(/T1\s+Waiting\s+pri 8\s+PASSIVE_LEVEL/);
    expect(dead.out).toMatch(/A\s+KGUARDED_MUTEX\s+owner T1/);
    const blue = await ksync("run", "exit-holding-guarded-mutex");
    expect(blue.out).toContain("*** STOP: 0x20 KERNEL_APC_PENDING_DURING_EXIT (0x0, 0xFFFF0000, 0x0, 0x1)");
    const traced = await ksync("run", "simple-contention", "--trace");
    expect(traced.out).toContain("Trace:");
    expect(traced.out).toMatch(/KeAcquireGuardedMutex\(M\)/);
  });
});
