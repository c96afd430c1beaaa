// The write map (abi.ts WRITE_MAP_BASE) must mark every 16-byte block of the
// state region a step writes (with write tracking on, as the explorer runs): the explorer compares, hashes and restores only
// marked blocks, so one unmarked write would merge distinct states and could
// hide an error. Checked on every built-in scenario (APCs, DPCs, spin locks,
// events, the verifier's lock-order graph, AutoBoost), along seeded random
// schedules and the priority scheduler, and with the explorer's plain search
// against a full-state breadth-first search done here from the snapshots (the
// same states when it exhausts the space; the same shortest error when not).
import { describe, expect, it } from "vitest";
import { compileScenario } from "../lang/index";
import { encodeProgram } from "../lang/encode";
import type { Program } from "../lang/program";
import { loadLibrary } from "../../scenarios/node";
import { ringScenario } from "../../bench/explorer-family";
import {
  OUTCOME_BUGCHECK,
  OUTCOME_COMPLETED,
  OUTCOME_DEADLOCK,
  OUTCOME_RUNNING,
  OUTCOME_STEP_LIMIT,
  PROGRAM_BASE,
  WRITE_MAP_BASE,
} from "./abi";
import { exploreProgram } from "./explorer";
import { createEngineInstance, type EngineInstance } from "./loader";

function compile(source: string, name: string): Program {
  const { program, diagnostics } = compileScenario(source, { fileName: name });
  if (program === null) throw new Error(diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join("\n"));
  return program;
}

async function loaded(program: Program, maxSteps: number): Promise<EngineInstance> {
  const engine = await createEngineInstance();
  const encoded = encodeProgram(program);
  new Int32Array(engine.memory.buffer, PROGRAM_BASE, encoded.length).set(encoded);
  engine.exports.setStepLimit(maxSteps);
  engine.exports.setRecording(0);
  engine.exports.setWriteTracking(1);
  if (engine.exports.load() < 0) throw new Error("the engine rejected the program");
  return engine;
}

/** Words of the state region that changed in a step but whose block the write map does not mark. */
function unmarkedChanges(engine: EngineInstance, before: Int32Array): number[] {
  const base = engine.exports.stateBase();
  const now = new Int32Array(engine.memory.buffer, base, engine.exports.stateSize() >> 2);
  const map = engine.bytes;
  const missed: number[] = [];
  for (let w = 0; w < now.length; w++) {
    if (now[w] !== before[w] && map[WRITE_MAP_BASE + (w >> 2)] === 0) missed.push(w);
  }
  return missed;
}

function snapshotOf(engine: EngineInstance): Int32Array {
  const base = engine.exports.stateBase();
  return new Int32Array(engine.memory.buffer.slice(base, base + engine.exports.stateSize()));
}

function clearWriteMap(engine: EngineInstance): void {
  engine.bytes.fill(0, WRITE_MAP_BASE, WRITE_MAP_BASE + (engine.exports.stateSize() >> 4) + 1);
}

const library = loadLibrary().map((s) => ({ name: s.name, program: compile(s.source, `${s.name}.ksync`) }));

describe("the write map marks every state write", () => {
  for (const { name, program } of library) {
    it(`${name}: random schedules and the priority scheduler`, async () => {
      const engine = await loaded(program, 400);
      const e = engine.exports;
      let seed = 12345;
      let steps = 0;
      for (let walk = 0; walk < 12; walk++) {
        e.reset();
        while (e.outcome() === OUTCOME_RUNNING) {
          const n = e.choiceCount();
          if (n === 0) break;
          seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
          const before = snapshotOf(engine);
          clearWriteMap(engine);
          e.stepWithChoice((seed >>> 8) % n);
          expect(unmarkedChanges(engine, before), `${name}, walk ${walk}, step ${e.stepCount()}`).toEqual([]);
          steps++;
        }
      }
      e.reset();
      while (e.outcome() === OUTCOME_RUNNING) {
        const before = snapshotOf(engine);
        clearWriteMap(engine);
        e.run(1);
        expect(unmarkedChanges(engine, before), `${name}, priority step ${e.stepCount()}`).toEqual([]);
      }
      expect(steps).toBeGreaterThan(0);
    });
  }

  it("with tracking off (plain runs), steps leave the map alone", async () => {
    const engine = await loaded(library[0]!.program, 400);
    engine.exports.setWriteTracking(0);
    engine.exports.reset();
    clearWriteMap(engine);
    engine.exports.run(50);
    expect(engine.exports.stepCount()).toBeGreaterThan(0);
    const map = engine.bytes.subarray(WRITE_MAP_BASE, WRITE_MAP_BASE + (engine.exports.stateSize() >> 4) + 1);
    expect(map.every((b) => b === 0)).toBe(true);
  });
});

describe("the plain search agrees with a full-state search", () => {
  /** What a breadth-first search over choices finds when states are identified by all their bytes. */
  interface FullSearch {
    /** Distinct states first reached at each depth (index 0: the start state). */
    readonly perDepth: readonly number[];
    /** Depth of the shallowest error state (deadlock, bug check, step limit), or null; the search stops after that depth. */
    readonly errorDepth: number | null;
    /** Outcomes of the error states at errorDepth. */
    readonly errorOutcomes: ReadonlySet<number>;
  }

  /** Breadth-first over choices, states identified by all their bytes (the plain search's identity). */
  async function fullStateSearch(program: Program, maxSteps: number): Promise<FullSearch> {
    const engine = await loaded(program, maxSteps);
    const e = engine.exports;
    const seen = new Set<string>();
    const key = (s: Int32Array): string => Buffer.from(s.buffer).toString("base64");
    const restore = (state: Int32Array): void => {
      new Int32Array(engine.memory.buffer, e.stateBase(), state.length).set(state);
      e.stateRestored();
    };
    let level = [snapshotOf(engine)];
    seen.add(key(level[0]!));
    const perDepth = [1];
    const errorOutcomes = new Set<number>();
    while (level.length > 0 && errorOutcomes.size === 0) {
      const next: Int32Array[] = [];
      let discovered = 0;
      for (const state of level) {
        restore(state);
        if (e.outcome() !== OUTCOME_RUNNING) continue;
        const n = e.choiceCount();
        for (let i = 0; i < n; i++) {
          restore(state);
          e.stepWithChoice(i);
          const child = snapshotOf(engine);
          const k = key(child);
          if (seen.has(k)) continue;
          seen.add(k);
          discovered++;
          const outcome = e.outcome();
          if (outcome === OUTCOME_RUNNING) next.push(child);
          else if (outcome !== OUTCOME_COMPLETED) errorOutcomes.add(outcome);
        }
      }
      if (discovered > 0) perDepth.push(discovered);
      level = next;
    }
    return { perDepth, errorDepth: errorOutcomes.size > 0 ? perDepth.length - 1 : null, errorOutcomes };
  }

  const OUTCOME_CODES: Record<string, number> = {
    deadlock: OUTCOME_DEADLOCK,
    bugcheck: OUTCOME_BUGCHECK,
    "step-limit": OUTCOME_STEP_LIMIT,
  };
  const sum = (values: readonly number[]): number => values.reduce((a, b) => a + b, 0);

  const byName = (n: string): [string, Program] => {
    const scenario = library.find((s) => s.name === n);
    if (scenario === undefined) throw new Error(`no library scenario ${n}`);
    return [n, scenario.program];
  };
  const cases: [string, Program][] = [
    byName("abba-deadlock"),
    byName("simple-contention"),
    byName("apc-guarded-region"),
    ["ring of 3, global order", compile(ringScenario(3, "global"), "ring3.ksync")],
    ["ring of 4, ring order", compile(ringScenario(4, "ring"), "ring4.ksync")],
  ];
  for (const [name, program] of cases) {
    it(name, async () => {
      const report = await exploreProgram(program, { reduction: false, memoryMiB: 16, maxSteps: 200, maxSeconds: 60 });
      const full = await fullStateSearch(program, 200);
      if (full.errorDepth === null) {
        // Exhausted: the plain search counts every state the full-state search finds, no more, no fewer.
        expect(report.outcome).toBe("no-errors");
        expect(report.states).toBe(sum(full.perDepth));
        return;
      }
      // An error: both searches are breadth-first, so a state wrongly merged by an unmarked write would show as
      // an error found later (or not at all), of another kind, or after more or fewer states than the levels hold.
      expect(report.outcome).toBe("error-found");
      const counterexample = report.counterexample!;
      expect(counterexample.schedule.length).toBe(full.errorDepth);
      expect(full.errorOutcomes.has(OUTCOME_CODES[counterexample.outcome]!)).toBe(true);
      // It stops at its first error state of that depth: every shallower state seen, at most all of that depth.
      expect(report.states).toBeGreaterThan(sum(full.perDepth.slice(0, -1)));
      expect(report.states).toBeLessThanOrEqual(sum(full.perDepth));
    });
  }
});
