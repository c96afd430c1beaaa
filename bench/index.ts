// `npm run bench`: engine throughput and memory, measured against the project's
// targets. Prints a table; asserts nothing (timings belong here, never in tests).
//
//   (a) 64 threads contending on 4 guarded mutexes, 1 CPU
//   (b) the same on 8 CPUs
// each with trace recording off and on (SimulationSettings.recordTrace),
// measured side by side in one process; plus the linear memory of one engine
// instance running the largest built-in scenario.
import { spawnSync } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createSimulator } from "../core-wasm/engine/index";
import type { Simulator } from "../core-wasm/engine/types";
import { compileScenario } from "../core-wasm/lang/index";
import { encodeProgram } from "../core-wasm/lang/encode";
import type { Program } from "../core-wasm/lang/program";
import { loadLibrary } from "../scenarios/node";
import { loadCore } from "./core";
import { contentionScenario } from "./contention";
import { explorerBenchmark } from "./explorer";

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

/**
 * Steps per second of one timed window: `run` in chunks until the window's
 * time is up or `maxSteps` steps have run (the facade keeps every recorded
 * event and a state snapshot every few hundred steps, so its memory grows with
 * the steps run; the cap keeps a trace-on window from taking gigabytes).
 */
function timeWindow(run: (steps: number) => number, seconds: number, maxSteps: number): Rate {
  let steps = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  let elapsed: number;
  do {
    steps += run(CHUNK);
    elapsed = (performance.now() - start) / 1000;
  } while (elapsed < seconds && steps < maxSteps);
  const cpu = process.cpuUsage(cpuStart);
  return { wall: steps / elapsed, cpu: steps / Math.max((cpu.user + cpu.system) / 1e6, 1e-9) };
}

/**
 * Steps per second of wall time, and per second of this process's CPU time
 * (user + system): on a shared machine the second shows what the engine does
 * with the CPU it gets.
 */
interface Rate {
  readonly wall: number;
  readonly cpu: number;
}

function better(a: Rate, b: Rate): Rate {
  return b.wall > a.wall ? b : a;
}

const WINDOWS = 3;
const WINDOW_MAX_STEPS = 3_000_000;

/** Through the facade, as the CLI and the UI run it: best of three windows, each on a fresh simulator after a warm-up. */
async function facadeStepsPerSecond(program: Program, recordTrace: boolean): Promise<Rate> {
  let best: Rate = { wall: 0, cpu: 0 };
  for (let window = 0; window < WINDOWS; window++) {
    const simulator: Simulator = await createSimulator(program, { maxSteps: NEVER_ENDS, recordTrace });
    try {
      const run = (steps: number): number => {
        const before = simulator.stepCount;
        const reason = simulator.run(steps);
        if (reason !== "budget") throw new Error(`the benchmark scenario stopped (${reason}); it must loop forever`);
        return simulator.stepCount - before;
      };
      run(CHUNK); // warm-up: JIT tiers, caches
      best = better(best, timeWindow(run, MEASURE_SECONDS / WINDOWS, WINDOW_MAX_STEPS));
    } finally {
      simulator.dispose();
    }
  }
  return best;
}

const MEMORY_STEPS = 2_000_000;

/** Memory one simulator holds after MEMORY_STEPS steps, measured in a fresh Node process (bench/facade-memory.ts). */
function facadeBytesAfterSteps(recordTrace: boolean): number {
  const script = fileURLToPath(new URL("./facade-memory.ts", import.meta.url));
  const r = spawnSync(
    process.execPath,
    ["--expose-gc", "--import", "tsx", script, recordTrace ? "on" : "off", String(MEMORY_STEPS)],
    {
      encoding: "utf8",
    },
  );
  if (r.status !== 0) throw new Error(`bench/facade-memory.ts failed: ${r.stderr}`);
  return Number(r.stdout.trim());
}

/** The AssemblyScript core alone (bench/core.ts). */
async function coreStepsPerSecond(program: Program, recordTrace: boolean): Promise<Rate> {
  const core = await loadCore(program, recordTrace);
  const run = (steps: number): number => core.run(steps);
  run(CHUNK); // warm-up
  let best: Rate = { wall: 0, cpu: 0 };
  for (let window = 0; window < WINDOWS; window++)
    best = better(best, timeWindow(run, MEASURE_SECONDS / WINDOWS, Infinity));
  return best;
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
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(" ");
  console.log(
    `Kernel Sync Lab engine benchmark (Node ${process.versions.node}, ${MEASURE_SECONDS} s per configuration, ` +
      `${availableParallelism()} CPUs, load average ${load}: other work on the machine lowers every figure)\n`,
  );
  const rows: string[][] = [];
  const row = (label: string, off: Rate, on: Rate): string[] => [
    label,
    millions(off.wall),
    millions(off.cpu),
    `${(off.wall / TARGET_STEPS_PER_SECOND.off).toFixed(2)}x`,
    millions(on.wall),
    millions(on.cpu),
    `${(on.wall / TARGET_STEPS_PER_SECOND.on).toFixed(2)}x`,
    (on.wall / off.wall).toFixed(2),
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
  printTable(
    ["workload", "trace off (steps/s)", "per CPU s", "vs 20 M", "trace on (steps/s)", "per CPU s", "vs 5 M", "on/off"],
    rows,
  );
  console.log(
    "\nfacade = createSimulator().run(), what ksync run and the UI use (keeps snapshots for backward stepping, decodes events);\n" +
      "core only = the engine's run() export in batches, trace buffer emptied undecoded when full;\n" +
      "steps/s is per second of wall time (the targets' measure), per CPU s per second of this process's CPU time.",
  );
  const heldOff = facadeBytesAfterSteps(false);
  const heldOn = facadeBytesAfterSteps(true);
  console.log(
    `Facade memory held by one simulator after ${MEMORY_STEPS / 1e6} M steps (8 CPUs; JS heap + array buffers, ` +
      `its linear memory included): trace off ${mib(heldOff)}, trace on ${mib(heldOn)}.`,
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
await explorerBenchmark();
await (await import("./ui-size")).uiSizeBenchmark(); // the web app's JavaScript by package (a production build)
