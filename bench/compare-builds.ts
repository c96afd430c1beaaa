// Compares engine builds (.wasm files) in one process, alternating between
// them round by round, so that a shared machine's changing load hits every
// build alike (prints, never asserts):
//
//   npx tsx bench/compare-builds.ts before.wasm after.wasm [...]
//   (env: ROUNDS=3, STEPS=20000000, ONLY=<substring of a workload name>)
//
// Workloads: the engine benchmark's contention scenario (64 threads, 4 guarded
// mutexes) on 1 and 8 CPUs with the trace off and on, through the core's run()
// export; and complete explorer searches of the ring family (plain and
// reduced). For each build the best round by CPU time is shown, with a check
// column (final state hash, or explorer status/states/transitions/path length)
// that must agree across builds: a faster build that explores differently is
// a bug, not a speed-up.
/* eslint-disable no-restricted-globals -- compiling .wasm files other than the build is this tool's purpose; loader.ts only loads the build */
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { PROGRAM_BASE, STOP_BUDGET, STOP_TRACE_FULL } from "../core-wasm/engine/abi";
import type { EngineExports } from "../core-wasm/engine/exports";
import { EXPLORER_BASE } from "../core-wasm/engine/abi";
import { compileScenario } from "../core-wasm/lang/index";
import { encodeProgram } from "../core-wasm/lang/encode";
import { contentionScenario } from "./contention";
import { ringScenario } from "./explorer-family";

const files = process.argv.slice(2).filter((a) => a.endsWith(".wasm"));
if (files.length === 0) throw new Error("usage: npx tsx bench/compare-builds.ts a.wasm b.wasm ...");
const only = process.env.ONLY ?? "";
const rounds = Number(process.env.ROUNDS ?? "3");
const engineSteps = Number(process.env.STEPS ?? "20000000");
const MIB = 1024 * 1024;
const EXPLORER_MIB = 1024;

const modules = new Map<string, WebAssembly.Module>();
for (const f of files) modules.set(f, await WebAssembly.compile(readFileSync(f)));

async function instantiate(file: string, pages: number, words: Int32Array): Promise<EngineExports> {
  const memory = new WebAssembly.Memory({ initial: pages, maximum: pages });
  const instance = await WebAssembly.instantiate(modules.get(file)!, {
    env: {
      memory,
      abort(): never {
        throw new Error("engine assertion failed");
      },
    },
  });
  new Int32Array(memory.buffer, PROGRAM_BASE, words.length).set(words);
  return instance.exports as unknown as EngineExports;
}

function encoded(source: string): Int32Array {
  const { program, diagnostics } = compileScenario(source, { fileName: "compare.ksync" });
  if (program === null) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return Int32Array.from(encodeProgram(program));
}

function cpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

interface Result {
  readonly cpu: number;
  readonly wall: number;
  readonly work: number;
  readonly check: string;
}

async function engineRun(file: string, words: Int32Array, record: boolean, steps: number): Promise<Result> {
  const e = await instantiate(file, 128, words);
  e.setStepLimit(0x7fffffff);
  e.setRecording(record ? 1 : 0);
  if (e.load() < 0) throw new Error("the engine rejected the program");
  e.run(100_000); // warm-up
  e.clearTrace();
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  let done = 0;
  while (done < steps) {
    const at = e.stepCount();
    const code = e.run(250_000);
    done += e.stepCount() - at;
    if (code === STOP_TRACE_FULL) e.clearTrace();
    else if (code !== STOP_BUDGET) throw new Error(`the scenario stopped (engine code ${code})`);
  }
  return { cpu: cpuSeconds() - cpu0, wall: (performance.now() - t0) / 1000, work: done, check: String(e.stateHashA()) };
}

async function exploreRun(file: string, words: Int32Array, flags: number): Promise<Result> {
  const e = await instantiate(file, Math.ceil((EXPLORER_BASE + EXPLORER_MIB * MIB) / 65536), words);
  e.setStepLimit(10_000);
  e.setRecording(0);
  if (e.load() < 0) throw new Error("the engine rejected the program");
  const cpu0 = cpuSeconds();
  const t0 = performance.now();
  if (e.exploreBegin(EXPLORER_MIB * MIB, flags, -1, 0x7fffffff, 10_000) < 0) throw new Error("budget too small");
  let status: number;
  do status = e.exploreRun(1 << 16);
  while (status === 0);
  return {
    cpu: cpuSeconds() - cpu0,
    wall: (performance.now() - t0) / 1000,
    work: e.exploreStates(),
    check: `${status}/${e.exploreStates()}/${e.exploreTransitions()}/${e.explorePath()}`,
  };
}

const contention1 = encoded(contentionScenario({ threads: 64, mutexes: 4, cpus: 1 }));
const contention8 = encoded(contentionScenario({ threads: 64, mutexes: 4, cpus: 8 }));
type Workload = readonly [name: string, unit: string, run: (file: string) => Promise<Result>];
const allWorkloads: Workload[] = [
  ["engine 1 CPU trace off", "steps", (f) => engineRun(f, contention1, false, engineSteps)],
  ["engine 1 CPU trace on", "steps", (f) => engineRun(f, contention1, true, engineSteps / 4)],
  ["engine 8 CPUs trace off", "steps", (f) => engineRun(f, contention8, false, engineSteps)],
  ["engine 8 CPUs trace on", "steps", (f) => engineRun(f, contention8, true, engineSteps / 4)],
  ["explore global N=5 plain", "states", (f) => exploreRun(f, encoded(ringScenario(5, "global")), 0)],
  ["explore ring N=5 plain", "states", (f) => exploreRun(f, encoded(ringScenario(5, "ring")), 0)],
  ["explore global N=7 reduced", "states", (f) => exploreRun(f, encoded(ringScenario(7, "global")), 1)],
  ["explore ring N=8 reduced", "states", (f) => exploreRun(f, encoded(ringScenario(8, "ring")), 1)],
];
const workloads = allWorkloads.filter(([name]) => name.includes(only));

const best = new Map<string, Result>();
for (let round = 0; round < rounds; round++) {
  for (const [name, , run] of workloads) {
    for (const file of round % 2 === 0 ? files : [...files].reverse()) {
      const result = await run(file);
      const key = `${name}\u0000${file}`;
      const previous = best.get(key);
      if (!previous || result.cpu < previous.cpu) best.set(key, result);
    }
  }
}

console.log(
  `load average ${loadavg()
    .map((l) => l.toFixed(1))
    .join(" ")}; best of ${rounds} rounds by CPU time\n`,
);
for (const [name, unit] of workloads) {
  const checks = new Set<string>();
  for (const file of files) {
    const r = best.get(`${name}\u0000${file}`)!;
    checks.add(r.check);
    console.log(
      `${name.padEnd(28)} ${file.split("/").pop()!.padEnd(16)} ` +
        `${(r.work / r.cpu / 1e6).toFixed(2).padStart(6)} M ${unit}/CPU s  ${(r.work / r.wall / 1e6).toFixed(2).padStart(6)} M ${unit}/s wall  ` +
        `CPU ${r.cpu.toFixed(2)} s  check ${r.check}`,
    );
  }
  if (checks.size > 1) console.log("  !!! the builds disagree on this workload");
}
