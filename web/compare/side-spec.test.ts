import { describe, expect, it } from "vitest";
import { parseSideSpec } from "./side-spec";

describe("parseSideSpec", () => {
  it("reads a scenario name alone", () => {
    expect(parseSideSpec("left", "abba-deadlock")).toEqual({
      spec: { scenario: "abba-deadlock", settings: {} },
      problems: [],
    });
  });

  it("reads every setting, in any order and spacing", () => {
    expect(
      parseSideSpec("right", "  priority-inversion   windows=8 verifier=deadlock cpus=2 scheduler=random seed=7 "),
    ).toEqual({
      spec: {
        scenario: "priority-inversion",
        scheduler: "random",
        seed: 7,
        settings: { verifier: "deadlock", windows: 8, cpus: 2 },
      },
      problems: [],
    });
  });

  it("takes a seed alone as the random scheduler", () => {
    expect(parseSideSpec("left", "simple-contention seed=3").spec).toMatchObject({ scheduler: "random", seed: 3 });
  });

  it("reports each word it does not understand, naming the attribute", () => {
    const parsed = parseSideSpec("right", "abba-deadlock windows=7 verifier=maybe cpus=0 seed=-1 fast");
    expect(parsed.problems).toEqual([
      "right: windows=7 is not 2003 or 8",
      "right: verifier=maybe is not off, on or deadlock",
      "right: cpus=0 is not a number from 1 to 64",
      "right: seed=-1 is not a number from 0 to 4294967295",
      'right: "fast" is not a setting (scheduler=, seed=, verifier=, windows=, cpus=)',
    ]);
    expect(parsed.spec).toEqual({ scenario: "abba-deadlock", settings: {} });
    expect(parseSideSpec("left", "<b>x</b>").problems).toEqual([
      'left="<b>x</b>" does not start with a built-in scenario\'s name',
    ]);
  });
});
