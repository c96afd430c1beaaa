// `npm run bench`: engine throughput and memory, measured against the project's
// targets. Prints a table; asserts nothing (timings belong here, never in tests).
//
//   (a) 64 threads contending on 4 guarded mutexes, 1 CPU
//   (b) the same on 8 CPUs
// each with trace recording off and on (SimulationSettings.recordTrace),
// measured side by side in one process; plus the linear memory of one engine
// instance running the largest built-in scenario.
import { performance } from "node:perf_hooks";
import { createSimulator } from "../core-wasm/engine/index";
import type { Simulator } from "../core-wasm/engine/types";
import { compileScenario } from "../core-wasm/lang/index";
import { encodeProgram } from "../core-wasm/lang/encode";
import type { Program } from "../core-wasm/lang/program";
import { loadLibrary } from "../scenarios/node";
import { loadCore } from "./core";
import { contentionScenario } from "./contention";

const TARGET_STEPS_PER_SECOND = { off: 20_000_000, on: 5_000_000 } as const;
const TARGET_MEMORY_BYTES = 16 * 1024 * 1024;

/** Seconds of measured running per configuration (after a warm-up). */
const MEASURE_SECONDS = Number(process.env.KSYNC_BENCH_SECONDS ?? "2");
const CHUNK = 250_000;
const NEVER_ENDS = 0x7fffffff;

function compile(source: string, fileName: string): Program {
  const { program, diagnostics } = compileScenario(source, { fileName });
  if (program === null)
    throw new Error(`${fileName}: ${diagnostics.map((d) => `${d.line}:${d.column}: ${d.message}`).join("; ")}`);
  return program;
}

/** Best steps/s over three timed windows of `run`, after a warm-up. */
function measure(run: (steps: number) => number, between: () => void): number {
  run(CHUNK); // warm-up: JIT tiers, caches
  let best = 0;
  for (let window = 0; window < 3; window++) {
    let steps = 0;
    const start = performance.now();
    let elapsed: number;
    do {
      steps += run(CHUNK);
      elapsed = (performance.now() - start) / 1000;
    } while (elapsed < MEASURE_SECONDS / 3);
    best = Math.max(best, steps / elapsed);
    between();
  }
  return best;
}

/** Through the facade, as the CLI and the UI run it. */
async function facadeStepsPerSecond(program: Program, recordTrace: boolean): Promise<number> {
  const simulator: Simulator = await createSimulator(program, { maxSteps: NEVER_ENDS, recordTrace });
  try {
    const run = (steps: number): number => {
      const before = simulator.stepCount;
      const reason = simulator.run(steps);
      if (reason !== "budget") throw new Error(`the benchmark scenario stopped (${reason}); it must loop forever`);
      return simulator.stepCount - before;
    };
    return measure(run, () => simulator.reset());
  } finally {
    simulator.dispose();
  }
}

/** The AssemblyScript core alone (bench/core.ts). */
async function coreStepsPerSecond(program: Program, recordTrace: boolean): Promise<number> {
  const core = await loadCore(program, recordTrace);
  return measure(
    (steps) => core.run(steps),
    () => undefined,
  );
}

function millions(n: number): string {
  return `${(n / 1e6).toFixed(1)} M`;
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(2)} MiB`;
}

function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]): string =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join("  ");
  console.log(line(header));
  console.log(widths.map((w) => "-".repeat(w)).join("  "));
  for (const row of rows) console.log(line(row));
}

async function main(): Promise<void> {
  console.log(
    `Kernel Sync Lab engine benchmark (Node ${process.versions.node}, ${MEASURE_SECONDS} s per configuration)\n`,
  );
  const rows: string[][] = [];
  const row = (label: string, off: number, on: number): string[] => [
    label,
    millions(off),
    `${(off / TARGET_STEPS_PER_SECOND.off).toFixed(2)}x`,
    millions(on),
    `${(on / TARGET_STEPS_PER_SECOND.on).toFixed(2)}x`,
    (on / off).toFixed(2),
  ];
  for (const cpus of [1, 8]) {
    const program = compile(contentionScenario({ threads: 64, mutexes: 4, cpus }), `contention-${cpus}cpu.ksync`);
    const shape = `64 threads / 4 guarded mutexes / ${cpus} CPU${cpus > 1 ? "s" : ""}`;
    // Side by side: recording off and on measured back to back on the same program.
    rows.push(
      row(`${shape}, facade`, await facadeStepsPerSecond(program, false), await facadeStepsPerSecond(program, true)),
    );
    rows.push(
      row(`${shape}, core only`, await coreStepsPerSecond(program, false), await coreStepsPerSecond(program, true)),
    );
  }
  printTable(["workload", "trace off (steps/s)", "vs 20 M", "trace on (steps/s)", "vs 5 M", "on/off"], rows);
  console.log(
    "\nfacade = createSimulator().run(), what ksync run and the UI use (keeps snapshots for backward stepping, decodes events);\n" +
      "core only = the engine's run() export in batches, trace buffer emptied undecoded when full.",
  );

  const largest = loadLibrary()
    .map((s) => ({ name: s.name, program: compile(s.source, `${s.name}.ksync`) }))
    .map((s) => ({ ...s, words: encodeProgram(s.program).length }))
    .reduce((a, b) => (b.words > a.words ? b : a));
  // Linear memory is fixed per instance (initial = maximum pages), so its size
  // after loading is its size for the whole run.
  const core = await loadCore(largest.program, true);
  console.log(
    `\nLinear memory of one engine instance with the largest built-in scenario (${largest.name}, ${largest.words} program words): ` +
      `${mib(core.memoryBytes)}, of which the state region (one backward-stepping snapshot) is ${(core.stateBytes / 1024).toFixed(1)} KiB; ` +
      `target < ${mib(TARGET_MEMORY_BYTES)}: ${(core.memoryBytes / TARGET_MEMORY_BYTES).toFixed(2)}x of the budget`,
  );
}

await main();
