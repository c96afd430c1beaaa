// The installed entry point, bin/ksync.mjs, run as a real process (slow: only
// a few cases; everything else is tested in-process in main.test.ts).
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const bin = fileURLToPath(new URL("../bin/ksync.mjs", import.meta.url));

function ksync(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe("bin/ksync.mjs", () => {
  it("prints the usage with --help and exits 0", () => {
    const r = ksync("--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("ksync run FILE");
  });

  it("runs a built-in scenario to its deadlock: JSON on stdout, exit code 1", () => {
    const r = ksync("run", "abba-deadlock", "--json");
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ scenario: "ABBA deadlock", outcome: "deadlock" });
  }, 60_000);

  it("exits 64 on a usage error, with the message on stderr", () => {
    const r = ksync("run", "abba-deadlock", "--seed", "x");
    expect(r.status).toBe(64);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("bad value for --seed");
  });
});
