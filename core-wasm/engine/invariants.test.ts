// Properties checked after every step of generated scenarios
// (scenario-arbitrary.ts): mutual exclusion and ownership, no self-wait without
// a re-acquire, the Count word against the wait list, fast mutex ⇒ APC_LEVEL;
// and every scenario reaches an outcome within its step limit without throwing.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { allViolations, endViolations } from "../../tests/support/invariants-checks";
import {
  balancedScenarioArbitrary,
  scenarioArbitrary,
  type GeneratedScenario,
} from "../../tests/support/scenario-arbitrary";
import { simulate } from "../../tests/support/simulation";
import type { Outcome } from "./types";

const MAX_STEPS = 400;
/** RUNS=n (and SEED=s) widen a local bug hunt; the committed numbers keep the file under 30 s on a loaded machine. */
const RUNS = process.env.RUNS === undefined ? null : Number(process.env.RUNS);
const TIMEOUT = 120_000;

interface Tally {
  runs: number;
  steps: number;
  outcomes: Partial<Record<Outcome, number>>;
}

/** Steps the scenario to its end, checking every invariant on every snapshot. */
async function stepAndCheck(gen: GeneratedScenario, tally: Tally): Promise<void> {
  const sim = await simulate(gen.source, { maxSteps: MAX_STEPS });
  try {
    for (let i = 0; i <= MAX_STEPS + 1; i++) {
      const snap = sim.snapshot();
      const violations = allViolations(gen, snap);
      if (violations.length > 0) {
        throw new Error(`after step ${snap.step}: ${violations.join("; ")}\n--- scenario ---\n${gen.source}`);
      }
      if (snap.outcome !== "running") {
        const end = endViolations(snap, sim.events());
        if (end.length > 0)
          throw new Error(`at the end (${snap.outcome}): ${end.join("; ")}\n--- scenario ---\n${gen.source}`);
        tally.outcomes[snap.outcome] = (tally.outcomes[snap.outcome] ?? 0) + 1;
        tally.steps += snap.step;
        tally.runs++;
        return;
      }
      sim.step();
    }
    throw new Error(`no outcome after ${MAX_STEPS + 1} steps with maxSteps ${MAX_STEPS}\n${gen.source}`);
  } finally {
    sim.dispose();
  }
}

describe("invariants after every step", () => {
  test(
    "any generated scenario (balanced or not)",
    async () => {
      const tally: Tally = { runs: 0, steps: 0, outcomes: {} };
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary, (gen) => stepAndCheck(gen, tally)),
        { numRuns: RUNS ?? 150, seed: Number(process.env.SEED ?? 20261128) },
      );
      // The generator must reach every ending, or the properties above prove little.
      expect(tally.outcomes.completed ?? 0).toBeGreaterThan(20);
      expect(tally.outcomes.deadlock ?? 0).toBeGreaterThan(5);
      expect(tally.outcomes.bugcheck ?? 0).toBeGreaterThan(5);
      expect(tally.steps).toBeGreaterThan(150 * 10);
    },
    TIMEOUT,
  );

  test(
    "balanced scenarios (mutual exclusion by line, Count word exactly)",
    async () => {
      const tally: Tally = { runs: 0, steps: 0, outcomes: {} };
      await fc.assert(
        fc.asyncProperty(balancedScenarioArbitrary, (gen) => stepAndCheck(gen, tally)),
        { numRuns: RUNS ?? 150, seed: Number(process.env.SEED ?? 4242) },
      );
      expect(tally.outcomes.completed ?? 0).toBeGreaterThan(40);
    },
    TIMEOUT,
  );
});

describe("robustness", () => {
  test(
    "every generated scenario ends (completed, deadlock, bugcheck or step-limit) within maxSteps, in one run() call",
    async () => {
      const seen = new Set<string>();
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary, fc.integer({ min: 1, max: 300 }), async (gen, maxSteps) => {
          const sim = await simulate(gen.source, { maxSteps, recordTrace: false });
          const reason = sim.run(maxSteps + 5);
          const snap = sim.snapshot();
          expect(["completed", "deadlock", "bugcheck", "step-limit"], gen.source).toContain(reason);
          expect(snap.outcome, gen.source).toBe(reason);
          expect(snap.step, gen.source).toBeLessThanOrEqual(maxSteps);
          if (reason === "step-limit") expect(snap.step, gen.source).toBe(maxSteps);
          if (reason === "bugcheck") expect(snap.bugcheck, gen.source).not.toBeNull();
          if (reason === "deadlock") expect(snap.deadlock, gen.source).not.toBeNull();
          seen.add(reason);
          sim.dispose();
        }),
        { numRuns: RUNS ?? 300, seed: Number(process.env.SEED ?? 77) },
      );
      expect([...seen].sort()).toEqual(["bugcheck", "completed", "deadlock", "step-limit"]);
    },
    TIMEOUT,
  );
});
