// `npm run bench`: every figure the README reports, measured against the
// project's targets. Prints tables; asserts nothing (timings belong here, never
// in tests). Sections, in order (`npm run bench -- ui embed` runs a subset):
//
//   engine    64 threads contending on 4 guarded mutexes on 1 and on 8 CPUs,
//             trace recording off and on side by side, through the facade and
//             the core alone; the facade's memory; one instance's linear memory
//   explorer  the ring family, plain and reduced search (bench/explorer.ts)
//   ui-size   the app's startup JavaScript by file and package (bench/ui-size.ts)
//   ui        the app in headless Chromium: Step click → frame, timeline fps
//             while zooming and panning, scripts loaded (bench/ui-chromium.ts)
//   embed     the widget's size, embed.html's first paint, a share link's
//             length (bench/embed.ts)
//
// ui-size, ui and embed share one production build in a temporary folder
// (KSYNC_BENCH_SITE=<folder> measures one built before instead).
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
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../tests/e2e/browser";
import { buildSite, existingSite, serveSite, type BuiltSite, type ServedSite } from "../tests/support/site";
import { loadCore } from "./core";
import { contentionScenario } from "./contention";
import { embedBenchmark } from "./embed";
import { explorerBenchmark } from "./explorer";
import { printTable } from "./table";
import { uiChromiumBenchmark } from "./ui-chromium";
import { uiSizeBenchmark } from "./ui-size";

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

async function engineBenchmark(): Promise<void> {
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

const SECTIONS = ["engine", "explorer", "ui-size", "ui", "embed"] as const;
type Section = (typeof SECTIONS)[number];

function chosenSections(args: readonly string[]): readonly Section[] {
  const unknown = args.filter((a) => !(SECTIONS as readonly string[]).includes(a));
  if (unknown.length > 0) {
    console.error(`npm run bench: no section ${unknown.join(", ")}; the sections are ${SECTIONS.join(", ")}`);
    process.exit(64);
  }
  return args.length === 0 ? SECTIONS : SECTIONS.filter((s) => args.includes(s));
}

/** Runs the chosen sections in order; the built site and the browser are made once, when a section first needs them. */
async function main(sections: readonly Section[]): Promise<void> {
  let site: BuiltSite | undefined;
  let served: ServedSite | undefined;
  let browser: BrowserContext | undefined;
  // KSYNC_BENCH_SITE=<folder> measures a site built before (with source maps for ui-size) instead of building one.
  const reuse = process.env.KSYNC_BENCH_SITE;
  const builtSite = async (): Promise<BuiltSite> =>
    (site ??= reuse ? existingSite(reuse) : await buildSite({ sourcemaps: true }));
  const servedSite = async (): Promise<ServedSite> => (served ??= await serveSite((await builtSite()).dir));
  const chromium = async (): Promise<BrowserContext> => (browser ??= await launchBrowser());
  try {
    for (const section of sections) {
      if (section === "engine") await engineBenchmark();
      if (section === "explorer") await explorerBenchmark();
      if (section === "ui-size") await uiSizeBenchmark(await builtSite());
      if (section === "ui") await uiChromiumBenchmark(await chromium(), (await servedSite()).baseUrl);
      if (section === "embed")
        await embedBenchmark(await chromium(), (await builtSite()).dir, (await servedSite()).baseUrl);
    }
  } finally {
    await browser?.close();
    await served?.close();
    site?.dispose();
  }
}

await main(chosenSections(process.argv.slice(2)));
