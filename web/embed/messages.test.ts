import { describe, expect, it } from "vitest";
import { parseAllowedOrigins, parseHostMessage } from "./messages";

const cmd = (fields: Record<string, unknown>) => parseHostMessage({ type: "ksl:command", ...fields });

describe("host message validation", () => {
  it("ignores anything not addressed to the widget", () => {
    for (const data of [
      null,
      undefined,
      42,
      "ksl:command",
      [],
      { hello: 1 },
      { type: "ksl:reply", id: 1 },
      { type: "KSL:COMMAND" },
    ]) {
      expect(parseHostMessage(data)).toEqual({ kind: "ignore" });
    }
  });

  it("turns valid commands into typed commands", () => {
    expect(cmd({ id: 1, command: "step" })).toEqual({ kind: "command", id: 1, command: { command: "step", count: 1 } });
    expect(cmd({ id: "a", command: "step", count: 5 })).toEqual({
      kind: "command",
      id: "a",
      command: { command: "step", count: 5 },
    });
    expect(cmd({ command: "goto", step: 0 })).toEqual({
      kind: "command",
      id: null,
      command: { command: "goto", step: 0 },
    });
    expect(cmd({ command: "play" })).toMatchObject({ kind: "command", command: { command: "play" } });
    expect(cmd({ command: "pause" })).toMatchObject({ kind: "command", command: { command: "pause" } });
    expect(cmd({ command: "state" })).toMatchObject({ kind: "command", command: { command: "state" } });
    expect(cmd({ command: "load", scenario: "abba-deadlock", step: 12, scheduler: "random", seed: 7 })).toEqual({
      kind: "command",
      id: null,
      command: { command: "load", request: { scenario: "abba-deadlock", step: 12, scheduler: "random", seed: 7 } },
    });
    expect(cmd({ command: "load", source: "thread T {}" })).toMatchObject({
      command: { request: { source: "thread T {}" } },
    });
    expect(cmd({ command: "load", share: "1.abc" })).toMatchObject({ command: { request: { share: "1.abc" } } });
  });

  it("answers malformed commands with an error that keeps the id", () => {
    const invalid = (fields: Record<string, unknown>, error: RegExp) => {
      const parsed = cmd(fields);
      expect(parsed.kind).toBe("invalid");
      if (parsed.kind === "invalid") expect(parsed.error).toMatch(error);
      return parsed;
    };
    expect(
      invalid({ id: 9, command: "explode" }, /command must be one of load, step, goto, play, pause, state/),
    ).toMatchObject({ id: 9 });
    invalid({ command: 7 }, /command must be/);
    invalid({ command: "toString" }, /command must be/);
    invalid({ id: { evil: true }, command: "step" }, /id must be/);
    invalid({ id: "x".repeat(101), command: "step" }, /id must be/);
    invalid({ command: "step", count: 0 }, /count/);
    invalid({ command: "step", count: 1.5 }, /count/);
    invalid({ command: "step", count: "3" }, /count/);
    invalid({ command: "step", count: 1e9 }, /count/);
    invalid({ command: "goto" }, /goto needs step/);
    invalid({ command: "goto", step: -1 }, /goto needs step/);
    invalid({ command: "goto", step: Number.NaN }, /goto needs step/);
    invalid({ command: "load" }, /exactly one of/);
    invalid({ command: "load", scenario: "a", source: "b" }, /exactly one of/);
    invalid({ command: "load", scenario: 5 }, /scenario must be a string/);
    invalid({ command: "load", source: "x".repeat(300 * 1024) }, /source must be a string of at most/);
    invalid({ command: "load", share: "1.".padEnd(300_000, "A") }, /share must be a string of at most/);
    invalid({ command: "load", scenario: "a", step: -2 }, /step must be/);
    invalid({ command: "load", scenario: "a", scheduler: "fifo" }, /scheduler must be/);
    invalid({ command: "load", scenario: "a", seed: 2 ** 33 }, /seed/);
  });

  it("reads the origin allow-list and rejects what is not an http(s) origin", () => {
    expect(parseAllowedOrigins(null)).toEqual({ origins: null, problems: [] });
    expect(parseAllowedOrigins("")).toEqual({ origins: null, problems: [] });
    expect(parseAllowedOrigins("https://docs.example.org, http://localhost:8080/")).toEqual({
      origins: ["https://docs.example.org", "http://localhost:8080"],
      problems: [],
    });
    const bad = parseAllowedOrigins("*,https://a.example/path,javascript:alert(1),https://ok.example");
    expect(bad.origins).toEqual(["https://ok.example"]);
    expect(bad.problems).toHaveLength(3);
  });
});
