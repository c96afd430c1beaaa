// A failure inside ksync or the engine must not exit with 1, which means
// "deadlock" to scripts: it gets its own code (70) and a message on stderr.
import { describe, expect, it, vi } from "vitest";
import { main } from "./main";

vi.mock("./run", () => ({
  runCommand: () => Promise.reject(new Error("engine exploded")),
}));

describe("internal errors", () => {
  it("exit 70 with the error on stderr, nothing on stdout", async () => {
    let out = "";
    let err = "";
    const code = await main(["run", "abba-deadlock"], { out: (t) => void (out += t), err: (t) => void (err += t) });
    expect(code).toBe(70);
    expect(out).toBe("");
    expect(err).toContain("ksync: internal error: Error: engine exploded");
  });
});
