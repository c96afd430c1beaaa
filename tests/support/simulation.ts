// Helpers for the engine's unit tests (core-wasm/engine/*.test.ts): compile a
// .ksync source (failing loudly on diagnostics), load it into a fresh
// simulator, and read threads and objects out of its snapshots.
import { compileScenario } from "../../core-wasm/lang/index";
import type { Program } from "../../core-wasm/lang/program";
import { createSimulator } from "../../core-wasm/engine/simulator";
import type { SimulationSettings, Simulator, Snapshot, ThreadView, ObjectView } from "../../core-wasm/engine/types";

export function compile(source: string): Program {
  const result = compileScenario(source, { fileName: "test" });
  if (!result.program) {
    throw new Error("scenario does not compile:\n" + result.diagnostics.map((d) => JSON.stringify(d)).join("\n"));
  }
  return result.program;
}

export async function simulate(source: string, settings: SimulationSettings = {}): Promise<Simulator> {
  return createSimulator(compile(source), settings);
}

export function thread(snap: Snapshot, name: string): ThreadView {
  const t = snap.threads.find((x) => x.name === name);
  if (!t) throw new Error(`no thread ${name}`);
  return t;
}

export function object(snap: Snapshot, name: string): ObjectView {
  const o = snap.objects.find((x) => x.name === name);
  if (!o) throw new Error(`no object ${name}`);
  return o;
}

/** Count word as the (free, woken, waiters) triple of docs/kernel-semantics.md §3.2 (the Count word). */
export function count(snap: Snapshot, name: string): [number, number, number] {
  const c = object(snap, name).count;
  if (!c) throw new Error(`${name} has no Count word`);
  return [c.free ? 1 : 0, c.woken ? 1 : 0, c.waiters];
}

/** Steps until `predicate` holds on the snapshot (or the run stops); returns the snapshot. */
export function runUntil(sim: Simulator, predicate: (s: Snapshot) => boolean, limit = 10_000): Snapshot {
  for (let i = 0; i < limit; i++) {
    const s = sim.snapshot();
    if (predicate(s)) return s;
    if (s.outcome !== "running") return s;
    sim.step();
  }
  return sim.snapshot();
}

/** The directives docs/kernel-semantics.md §9 (teaching scenarios) assumes. */
export const S9 = "#cpus 1\n#verifier off\n#windows 2003\n#scheduler priority\n";

/** 1-based line of the first line of `source` containing `text` (after the `nth` - 1 earlier ones). */
export function lineOf(source: string, text: string, nth = 1): number {
  const lines = source.split("\n");
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.includes(text) && ++seen === nth) return i + 1;
  }
  throw new Error(`"${text}" not found in the scenario`);
}
