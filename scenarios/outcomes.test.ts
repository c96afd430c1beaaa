// Every built-in scenario, run through the engine facade exactly as `ksync run`
// does (default options, 100000-step limit), ends the way its catalog entry
// says: outcome, bug-check code and parameters, deadlock cycle, key facts.
import { describe, expect, it } from "vitest";
import { createSimulator } from "../core-wasm/engine/index";
import type { Simulator, StopReason } from "../core-wasm/engine/types";
import { compileScenario } from "../core-wasm/lang/index";
import type { LibraryScenario } from "./catalog";
import { checkFact, expectedBugCheckLine } from "./facts";
import { loadLibrary } from "./node";

const MAX_STEPS = 100_000;

async function simulate(scenario: LibraryScenario, recordTrace: boolean): Promise<Simulator> {
  const { program, diagnostics } = compileScenario(scenario.source, { fileName: `${scenario.name}.ksync` });
  expect(diagnostics).toEqual([]);
  if (program === null) throw new Error(`${scenario.name} does not compile`);
  return createSimulator(program, { maxSteps: MAX_STEPS, recordTrace });
}

function runToEnd(simulator: Simulator): StopReason {
  let reason: StopReason;
  do reason = simulator.run(1 << 20);
  while (reason === "budget");
  return reason;
}

describe.each(loadLibrary().map((s) => [s.name, s] as const))("%s", (name, scenario) => {
  const expected = scenario.expected;
  const needsTrace = expected.facts?.some((f) => f.kind === "run-order") ?? false;

  it(`ends with outcome ${expected.outcome}${expected.bugcheck ? ` (bug check ${expected.bugcheck.code})` : ""}`, async () => {
    const simulator = await simulate(scenario, needsTrace);
    try {
      const reason = runToEnd(simulator);
      const snapshot = simulator.snapshot();
      expect(snapshot.outcome, name).toBe(expected.outcome);
      expect(reason).toBe(expected.outcome);

      if (expected.bugcheck !== undefined) {
        const b = snapshot.bugcheck;
        expect(b).not.toBeNull();
        if (b === null) return;
        expect(b.code).toBe(expected.bugcheck.code);
        expected.bugcheck.parameters.forEach((p, i) => {
          if (p !== null) expect(b.parameters[i], `parameter ${i + 1}`).toBe(p);
        });
        if (expected.bugcheck.rule !== undefined) expect(b.rule).toBe(expected.bugcheck.rule);
        expect(b.thread).toBe(expected.bugcheck.thread);
        const line = expectedBugCheckLine(scenario.source, expected.bugcheck);
        if (line !== null) expect(b.line).toBe(line);
      } else {
        expect(snapshot.bugcheck).toBeNull();
      }

      if (expected.cycle !== undefined) {
        const key = (e: { thread: string; waitsFor: string; heldBy: string | null }): string =>
          `${e.thread}>${e.waitsFor}>${e.heldBy}`;
        expect(snapshot.deadlock?.cycle.map(key).sort()).toEqual(expected.cycle.map(key).sort());
      }

      const events = needsTrace ? simulator.events() : [];
      for (const fact of expected.facts ?? []) expect(checkFact(fact, snapshot, events), fact.why).toEqual([]);
    } finally {
      simulator.dispose();
    }
  });

  for (const checkpoint of expected.checkpoints ?? []) {
    it(`after ${checkpoint.afterSteps} steps: ${checkpoint.facts.map((f) => f.why).join("; ")}`, async () => {
      const simulator = await simulate(scenario, false);
      try {
        expect(simulator.run(checkpoint.afterSteps)).toBe("budget");
        const snapshot = simulator.snapshot();
        expect(snapshot.step).toBe(checkpoint.afterSteps);
        for (const fact of checkpoint.facts) expect(checkFact(fact, snapshot), fact.why).toEqual([]);
      } finally {
        simulator.dispose();
      }
    });
  }
});
