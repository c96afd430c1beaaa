// `ksync run` option parsing: values become program overrides; every mistake
// is a UsageError that names the option.
import { describe, expect, it } from "vitest";
import { SchedulerKind, VerifierMode } from "../core-wasm/lang/program";
import { DEFAULT_MAX_STEPS, parseFileOnly, parseRunArguments, UsageError } from "./args";

function usageMessage(args: string[]): string {
  try {
    parseRunArguments(args);
  } catch (err) {
    expect(err).toBeInstanceOf(UsageError);
    return (err as Error).message;
  }
  throw new Error(`no usage error for ${args.join(" ")}`);
}

describe("parseRunArguments", () => {
  it("maps every option to its override or setting", () => {
    const a = parseRunArguments([
      "x.ksync",
      "--seed",
      "7",
      "--cpus=4",
      "--quantum",
      "5",
      "--scheduler",
      "random",
      "--schedule",
      "T1,T2@1,T1",
      "--max-steps",
      "500",
      "--verifier",
      "deadlock",
      "--windows",
      "2003",
      "--boosts",
      "off",
      "--autoboost",
      "on",
      "--json",
      "--trace",
    ]);
    expect(a).toEqual({
      file: "x.ksync",
      overrides: {
        seed: 7,
        cpus: 4,
        quantum: 5,
        scheduler: SchedulerKind.Random,
        verifier: VerifierMode.Deadlock,
        windows: 2003,
        boosts: false,
        autoboost: true,
      },
      schedule: ["T1", "T2@1", "T1"],
      maxSteps: 500,
      json: true,
      trace: true,
    });
  });

  it("has no overrides and the spec's default step limit when no option is given", () => {
    expect(parseRunArguments(["abba-deadlock"])).toEqual({
      file: "abba-deadlock",
      overrides: {},
      schedule: null,
      maxSteps: DEFAULT_MAX_STEPS,
      json: false,
      trace: false,
    });
    expect(DEFAULT_MAX_STEPS).toBe(100_000);
  });

  it("accepts the edges of each range", () => {
    expect(parseRunArguments(["f", "--cpus", "64", "--seed", "4294967295"]).overrides).toEqual({
      cpus: 64,
      seed: 4294967295,
    });
    expect(parseRunArguments(["f", "--cpus", "1", "--seed", "0", "--windows", "8"]).overrides).toEqual({
      cpus: 1,
      seed: 0,
      windows: 8,
    });
    expect(parseRunArguments(["f", "--seed", "0x10"]).overrides).toEqual({ seed: 16 });
  });

  it.each([
    [["f", "--frobnicate"], "unknown option --frobnicate"],
    [["f", "-x"], "unknown option -x"],
    [["f", "--seed"], "option --seed needs a value"],
    [["f", "--seed", "--json"], "option --seed needs a value"],
    [["f", "--seed", "abc"], 'bad value for --seed: "abc"'],
    [["f", "--seed", "-1"], 'bad value for --seed: "-1"'],
    [["f", "--cpus", "0"], "bad value for --cpus: 0 is out of range 1..64"],
    [["f", "--cpus", "65"], "bad value for --cpus: 65 is out of range 1..64"],
    [["f", "--quantum", "0"], "bad value for --quantum"],
    [["f", "--max-steps", "1.5"], "bad value for --max-steps"],
    [["f", "--scheduler", "fifo"], 'bad value for --scheduler: "fifo" (expected priority or random or manual)'],
    [["f", "--verifier", "yes"], "bad value for --verifier"],
    [["f", "--windows", "10"], 'bad value for --windows: "10" (expected 2003 or 8)'],
    [["f", "--boosts", "true"], "bad value for --boosts"],
    [["f", "--autoboost", "1"], "bad value for --autoboost"],
    [["f", "--schedule", "T1,,T2"], 'bad value for --schedule: step 2 is ""'],
    [["f", "--schedule", "T1@x"], "bad value for --schedule: step 1"],
    [["f", "--json=yes"], "option --json takes no value"],
    [["a", "b"], 'unexpected argument "b"'],
    [[], "run needs a FILE"],
    [["--json"], "run needs a FILE"],
  ])("%j is a usage error: %s", (args, message) => {
    expect(usageMessage(args)).toContain(message);
  });
});

describe("parseFileOnly", () => {
  it("takes exactly one FILE and no options", () => {
    expect(parseFileOnly("check", ["a.ksync"])).toBe("a.ksync");
    expect(() => parseFileOnly("check", [])).toThrow(UsageError);
    expect(() => parseFileOnly("check", ["a", "b"])).toThrow(/takes one FILE/);
    expect(() => parseFileOnly("check", ["a", "--json"])).toThrow(/unknown option --json for check/);
  });
});
