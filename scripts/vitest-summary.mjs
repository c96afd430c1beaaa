#!/usr/bin/env node
// Counts a Vitest run from its JSON report, strictly: what Vitest calls "skipped"
// is not always harmless. A file whose beforeAll hook throws (launchBrowser with
// no Chromium) is "failed" while its tests are merely "skipped", and Vitest's own
// totals then read 0 failed. Here every test that did not run because its file
// failed counts as failed, a failed file with nothing else to blame counts once,
// and a run with no test at all is a failure.
//
// Used by scripts/test.mjs; also a command of its own, so that its exit status can
// be tested end to end (tests/unit/vitest-summary.test.ts):
//   node scripts/vitest-summary.mjs [vitest run arguments…]
// runs Vitest, prints what went wrong and "N passed, N failed", exits 1 on any failure.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { pathToFileURL } from "node:url";

/** Assertion statuses of tests that ran to the end. */
const RAN = new Set(["passed", "failed"]);

/**
 * Strict counts of one Vitest JSON report.
 * @param {any} report the parsed --reporter=json output
 * @param {{ exitStatus?: number | null, root?: string }} [options] Vitest's exit status; root for file names
 * @returns {{ passed: number, failed: number, problems: string[] }} problems: one line per thing that went wrong
 */
export function summarizeVitestReport(report, { exitStatus = 0, root = process.cwd() } = {}) {
  let passed = 0;
  let failed = 0;
  const problems = [];
  for (const file of report.testResults ?? []) {
    const tests = file.assertionResults ?? [];
    const name = relative(root, file.name);
    const reason = firstLine(file.message) || "failed";
    passed += tests.filter((test) => test.status === "passed").length;
    const failedHere = tests.filter((test) => test.status === "failed").length;
    failed += failedHere;
    if (file.status !== "failed") continue;
    // The file failed outside its tests (a hook, its import, its collection). Deliberate skips cannot be told
    // apart from tests a failed beforeAll kept from running, so in a failed file none of them is excused.
    const notRun = tests.filter((test) => !RAN.has(test.status)).length;
    if (notRun > 0) {
      failed += notRun;
      problems.push(`${name}: ${notRun} test${notRun === 1 ? "" : "s"} did not run: ${reason}`);
    } else if (failedHere === 0) {
      failed += 1;
      problems.push(`${name}: ${tests.length === 0 ? "failed to load" : "failed after its tests passed"}: ${reason}`);
    }
  }
  if (passed + failed === 0) {
    failed += 1;
    problems.push("Vitest ran no test");
  }
  // Whatever is left (an unhandled error between tests, a crash) still shows in Vitest's verdict.
  if (failed === 0 && (report.success === false || (exitStatus ?? 1) !== 0)) {
    failed += 1;
    problems.push(`Vitest reported a failure outside any test (exit status ${exitStatus ?? "none"})`);
  }
  return { passed, failed, problems };
}

/**
 * Runs `vitest run` with the given arguments plus a JSON report, output to the terminal.
 * @param {string[]} args further vitest arguments (projects, files, --root…)
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, stdio?: "inherit" | "pipe", reportFile?: string }} [options]
 *   reportFile: where to keep the JSON report (default: a temporary file, removed afterwards)
 * @returns {{ passed: number, failed: number, problems: string[], exitStatus: number | null }}
 */
export function runVitest(args, { cwd = process.cwd(), env = process.env, stdio = "inherit", reportFile } = {}) {
  const vitest = join(dirname(createRequire(import.meta.url).resolve("vitest/package.json")), "vitest.mjs");
  const dir = reportFile === undefined ? mkdtempSync(join(tmpdir(), "ksync-vitest-")) : undefined;
  reportFile ??= join(/** @type {string} */ (dir), "report.json");
  rmSync(reportFile, { force: true });
  try {
    const run = spawnSync(
      process.execPath,
      [vitest, "run", ...args, "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`],
      { cwd, env, stdio, encoding: "utf8" },
    );
    let report;
    try {
      report = JSON.parse(readFileSync(reportFile, "utf8"));
    } catch (err) {
      const why = run.error?.message ?? (err instanceof Error ? err.message : String(err));
      return { passed: 0, failed: 1, problems: [`no Vitest report (${why})`], exitStatus: run.status };
    }
    return { ...summarizeVitestReport(report, { exitStatus: run.status, root: cwd }), exitStatus: run.status };
  } finally {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  }
}

/** The closing line CI reads; nothing may follow it on that line. */
export function closingLine({ passed, failed }) {
  return `${passed} passed, ${failed} failed`;
}

function firstLine(text) {
  return String(text ?? "")
    .split("\n")
    .map((line) => line.trim())
    .find((line) => line !== "");
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const summary = runVitest(process.argv.slice(2));
  console.log("");
  for (const problem of summary.problems) console.log(`✖ ${problem}`);
  console.log(closingLine(summary));
  process.exit(summary.failed === 0 ? 0 : 1);
}
