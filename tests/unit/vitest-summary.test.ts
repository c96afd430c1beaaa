// The test runner's counting, over real Vitest runs of the fixture project in
// fixtures/vitest-runs/ (so the test follows Vitest's actual report format): a
// failed beforeAll hook, a file that fails to load, an afterAll that fails and a
// run with no test must each exit non-zero with a non-zero failed count.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const script = fileURLToPath(new URL("../../scripts/vitest-summary.mjs", import.meta.url));
const fixtures = fileURLToPath(new URL("./fixtures/vitest-runs/", import.meta.url));

interface Run {
  exitCode: number;
  lines: string[];
}

/** `node scripts/vitest-summary.mjs` on the fixture project, outside this Vitest run's environment. */
function summarize(...args: string[]): Promise<Run> {
  // The inner Vitest must not think it is a worker of this one.
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("VITEST")));
  env.NODE_ENV = "production";
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [script, "--root", fixtures, "--config", `${fixtures}vitest.config.mjs`, ...args],
      { cwd: fixtures, env, maxBuffer: 16 * 1024 * 1024 },
      (error, stdout) => {
        const exitCode = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        resolve({ exitCode, lines: stdout.trimEnd().split("\n") });
      },
    );
  });
}

describe("scripts/vitest-summary.mjs over real Vitest runs", { timeout: 60_000 }, () => {
  it("passes a green run, leaving a deliberate it.skip out of both counts", async () => {
    const run = await summarize("passes");
    expect(run.lines.at(-1)).toBe("2 passed, 0 failed");
    expect(run.exitCode).toBe(0);
  });

  it("counts every test a failed beforeAll kept from running as failed", async () => {
    const run = await summarize("hook-fails");
    expect(run.lines.at(-1)).toBe("0 passed, 3 failed");
    expect(run.lines).toContain("✖ hook-fails.fixture.mjs: 3 tests did not run: fixture: the beforeAll hook fails");
    expect(run.exitCode).toBe(1);
  });

  it("counts a file that fails to import as one failure", async () => {
    const run = await summarize("fails-to-load");
    expect(run.lines.at(-1)).toBe("0 passed, 1 failed");
    expect(run.lines.some((line) => line.startsWith("✖ fails-to-load.fixture.mjs: failed to load: "))).toBe(true);
    expect(run.exitCode).toBe(1);
  });

  it("counts a file whose afterAll fails after its tests passed", async () => {
    const run = await summarize("after-all-fails");
    expect(run.lines.at(-1)).toBe("2 passed, 1 failed");
    expect(run.lines).toContain(
      "✖ after-all-fails.fixture.mjs: failed after its tests passed: fixture: the afterAll hook fails",
    );
    expect(run.exitCode).toBe(1);
  });

  it("fails a run with no test, even when Vitest itself is told that is fine", async () => {
    const run = await summarize("--passWithNoTests", "no-such-fixture");
    expect(run.lines.at(-1)).toBe("0 passed, 1 failed");
    expect(run.lines).toContain("✖ Vitest ran no test");
    expect(run.exitCode).toBe(1);
  });

  it("adds the failures of several files in one run", async () => {
    const run = await summarize("passes", "hook-fails", "fails-to-load");
    expect(run.lines.at(-1)).toBe("2 passed, 4 failed");
    expect(run.exitCode).toBe(1);
  });
});
