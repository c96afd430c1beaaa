// Every built-in scenario, run through the engine facade exactly as `ksync run`
// does (default options and step limit), ends the way its <name>.expect.ts
// says: outcome, bug-check code and parameters, deadlock cycle, key facts.
import { describe, expect, it } from "vitest";
import { createSimulator, DEFAULT_MAX_STEPS } from "../core-wasm/engine/index";
import { formatRunReport, runReport } from "../core-wasm/engine/report";
import type { Simulator, StopReason } from "../core-wasm/engine/types";
import { compileScenario } from "../core-wasm/lang/index";
import type { ScenarioOptions } from "../core-wasm/lang/program";
import { parseRunArguments } from "../cli/args";
import type { LibraryScenario } from "./catalog";
import { variantArguments, type Expected, type VariantOptions } from "./expectations";
import { checkFact, expectedBugCheckLine } from "./facts";
import { expectationsOf } from "./library-expectations";
import { loadLibrary } from "./node";

/** A variant's options as the CLI would turn them into overrides. */
function overridesOf(options: VariantOptions | undefined): Partial<ScenarioOptions> {
  return options === undefined ? {} : parseRunArguments(["x", ...variantArguments(options)]).overrides;
}

async function simulate(scenario: LibraryScenario, recordTrace: boolean, options?: VariantOptions): Promise<Simulator> {
  const overrides = overridesOf(options);
  const { program, diagnostics } = compileScenario(scenario.source, { fileName: `${scenario.name}.ksync`, overrides });
  expect(diagnostics).toEqual([]);
  if (program === null) throw new Error(`${scenario.name} does not compile`);
  return createSimulator(program, { maxSteps: DEFAULT_MAX_STEPS, recordTrace });
}

function runToEnd(simulator: Simulator): StopReason {
  let reason: StopReason;
  do reason = simulator.run(1 << 20);
  while (reason === "budget");
  return reason;
}

/** Runs the scenario (or one of its variants) to its end and checks everything `expected` states. */
async function checkRun(
  name: string,
  scenario: LibraryScenario,
  expected: Expected,
  options?: VariantOptions,
): Promise<void> {
  const needsTrace = expected.facts?.some((f) => f.kind === "run-order") ?? false;
  const simulator = await simulate(scenario, needsTrace, options);
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
}

describe.each(loadLibrary().map((s) => [s.name, s] as const))("%s", (name, scenario) => {
  const { expected, variants } = expectationsOf(name);

  it(`ends with outcome ${expected.outcome}${expected.bugcheck ? ` (bug check ${expected.bugcheck.code})` : ""}`, async () => {
    await checkRun(name, scenario, expected);
  });

  for (const variant of variants ?? []) {
    const args = variantArguments(variant.options).join(" ");
    it(`${args}: ${variant.expected.outcome}${variant.expected.bugcheck ? ` ${variant.expected.bugcheck.code}` : ""} (${variant.note})`, async () => {
      await checkRun(`${name} ${args}`, scenario, variant.expected, variant.options);
    });
  }

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

describe("every built-in scenario", () => {
  it("gives a byte-identical run report, trace included, when run twice", async () => {
    for (const scenario of loadLibrary()) {
      const reports: string[] = [];
      for (let run = 0; run < 2; run++) {
        const simulator = await simulate(scenario, true);
        try {
          runToEnd(simulator);
          reports.push(formatRunReport(runReport(simulator, { trace: true })));
        } finally {
          simulator.dispose();
        }
      }
      expect(reports[1] === reports[0], scenario.name).toBe(true);
    }
  }, 60_000);
});
