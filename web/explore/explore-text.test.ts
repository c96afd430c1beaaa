// The explore panel's wording: each outcome says what was searched and never
// claims more (walks are no proof, a limit leaves the rest unknown).
import { describe, expect, it } from "vitest";
import { defaultExploreSettings } from "./explore-session";
import {
  describeReport,
  describeStopped,
  mebibytes,
  nearestLimit,
  progressFraction,
  rate,
  seconds,
} from "./explore-text";
import { abbaDeadlockReport, progressOf, reportOf } from "./fake-channel";

const settings = defaultExploreSettings(false);

describe("explore text", () => {
  it("formats times, rates and sizes", () => {
    expect(seconds(0)).toBe("under 10 ms");
    expect(seconds(0.25)).toBe("250 ms");
    expect(seconds(3.456)).toBe("3.46 s");
    expect(seconds(60)).toBe("60.0 s");
    expect(rate(512)).toBe("512 states/s");
    expect(rate(340_000)).toBe("340 k states/s");
    expect(rate(2_100_000)).toBe("2.10 M states/s");
    expect(mebibytes(1.5 * 1024 * 1024)).toBe("1.5 MiB");
    expect(mebibytes(200 * 1024 * 1024)).toBe("200 MiB");
  });

  it("the bar measures the nearest limit", () => {
    expect(progressFraction(progressOf({ seconds: 30, states: 1000, memoryBytes: 0 }), settings)).toBeCloseTo(0.5);
    expect(nearestLimit(progressOf({ seconds: 30, states: 1000, memoryBytes: 0 }), settings)).toBe("60 s");
    expect(progressFraction(progressOf({ seconds: 1, states: 9_000_000, memoryBytes: 0 }), settings)).toBeCloseTo(0.9);
    expect(nearestLimit(progressOf({ seconds: 1, states: 9_000_000, memoryBytes: 0 }), settings)).toBe(
      "10,000,000 states",
    );
    expect(progressFraction(progressOf({ seconds: 100 }), settings)).toBe(1);
  });

  it("a deadlock names its cycle; a deadlock on an ownerless object says nobody will signal it", () => {
    const text = describeReport(abbaDeadlockReport(), settings);
    expect(text.tone).toBe("alarm");
    expect(text.headline).toBe("Deadlock after 4 steps");
    expect(text.details[0]).toBe("T1 waits for B, held by T2; T2 waits for A, held by T1.");
    const base = abbaDeadlockReport();
    const ownerless = describeReport(
      { ...base, counterexample: { ...base.counterexample!, deadlock: { cycle: [] } } },
      settings,
    );
    expect(ownerless.details[0]).toMatch(/no owner/);
  });

  it("a bug check gives its code, name, rule and place", () => {
    const text = describeReport(
      reportOf({
        outcome: "error-found",
        counterexample: {
          schedule: ["T", "T"],
          outcome: "bugcheck",
          ticks: 2,
          bugcheck: {
            code: "0xC4",
            name: "DRIVER_VERIFIER_DETECTED_VIOLATION",
            rule: "IrqlKeApcLte1",
            parameters: ["0x2000F", "0x2", "0x0", "0x0"],
            thread: "T",
            line: 9,
            tick: 2,
          },
          replay: "ksync run FILE --schedule T,T",
        },
      }),
      settings,
    );
    expect(text.headline).toBe("Bug check 0xC4 after 2 steps");
    expect(text.details[0]).toBe("DRIVER_VERIFIER_DETECTED_VIOLATION (IrqlKeApcLte1) in T at line 9.");
  });

  it("a run that reaches the step limit is an endless loop or a livelock", () => {
    const text = describeReport(
      reportOf({
        outcome: "error-found",
        counterexample: { schedule: Array(10_000).fill("H"), outcome: "step-limit", ticks: 10_000, replay: "" },
      }),
      settings,
    );
    expect(text.headline).toBe("A schedule runs 10,000 steps without finishing");
    expect(text.details[0]).toMatch(/livelock/);
  });

  it("limits: states and memory name their figure; a walk series is not a proof", () => {
    expect(
      describeReport(reportOf({ outcome: "limit-reached", limit: "memory", states: 9 }), settings).details[0],
    ).toMatch(/^Stopped by the memory budget of 256 MiB after 9 states/);
    expect(
      describeReport(reportOf({ outcome: "limit-reached", limit: "states", states: 9 }), settings).details[0],
    ).toMatch(/^Stopped by the state limit of 10,000,000/);
    const walks = describeReport(
      reportOf({ outcome: "limit-reached", limit: "time", mode: "random-walks", walks: 40, seed: 3 }),
      settings,
    );
    expect(walks.headline).toBe("Tried 40 random walks, limit reached");
    expect(walks.details[0]).toContain("40 random walks (seed 3)");
    const bounded = describeReport(reportOf({ preemptionBound: 1, respectPriorities: true }), settings);
    expect(bounded.details).toContain("Only schedules with at most 1 preemption were searched.");
    expect(bounded.details).toContain("Only choices the priority scheduler could make were searched.");
  });

  it("a stopped worker reports only what its last progress showed", () => {
    expect(describeStopped(null).headline).toBe("Cancelled");
    expect(describeStopped(progressOf({ states: 1 })).headline).toBe("Searched about 1 state, cancelled");
  });
});
