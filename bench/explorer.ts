// Explorer benchmark (part of `npm run bench`; prints, never asserts): the
// ring family of bench/explorer-family.ts — N threads, a ring of N guarded
// mutexes, thread i takes mutex i then i+1 mod N — in ring order (some
// schedule deadlocks) and in one global order (none does), N = 2…8, each with
// and without partial-order reduction, 10 s per search. Wall seconds are the
// explorer's own figure; CPU seconds show how much of it this process got on a
// shared machine.
import { pathToFileURL } from "node:url";
import { exploreProgram, type ExploreReport } from "../core-wasm/engine/explorer";
import { compileScenario } from "../core-wasm/lang/index";
import type { Program } from "../core-wasm/lang/program";
import { ringScenario, type RingOrder } from "./explorer-family";
import { printTable } from "./table";

const TIME_LIMIT_SECONDS = Number(process.env.KSYNC_BENCH_EXPLORER_SECONDS ?? "10");
const MEMORY_MIB = 1024;
const MAX_N = 8;
const TARGET_PLAIN_STATES_PER_SECOND = 2_000_000;

function compile(n: number, order: RingOrder): Program {
  const { program, diagnostics } = compileScenario(ringScenario(n, order), { fileName: `ring-${order}-${n}.ksync` });
  if (program === null) throw new Error(diagnostics.map((d) => d.message).join("; "));
  return program;
}

interface Row {
  readonly order: RingOrder;
  readonly n: number;
  readonly reduced: boolean;
  readonly report: ExploreReport;
  readonly cpuSeconds: number;
}

async function measure(order: RingOrder, n: number, reduced: boolean): Promise<Row> {
  const program = compile(n, order);
  const cpu = process.cpuUsage();
  const report = await exploreProgram(program, {
    reduction: reduced,
    maxSeconds: TIME_LIMIT_SECONDS,
    memoryMiB: MEMORY_MIB,
  });
  const used = process.cpuUsage(cpu);
  return { order, n, reduced, report, cpuSeconds: (used.user + used.system) / 1e6 };
}

function verdict(r: ExploreReport): string {
  if (r.outcome === "error-found")
    return `${r.counterexample?.outcome ?? "error"} (${r.counterexample?.schedule.length ?? 0} steps)`;
  if (r.outcome === "limit-reached") return `limit: ${r.limit ?? "?"}`;
  return "no errors";
}

const count = (n: number): string => Math.round(n).toLocaleString("en-US");

/** Runs the explorer section of the benchmark and prints its tables. */
export async function explorerBenchmark(): Promise<void> {
  console.log(
    `\nExplorer: N threads on 1 CPU, a ring of N guarded mutexes; ${TIME_LIMIT_SECONDS} s and ${MEMORY_MIB} MiB per search\n`,
  );
  const rows: Row[] = [];
  for (const order of ["ring", "global"] as const) {
    for (const reduced of [false, true]) {
      for (let n = 2; n <= MAX_N; n++) {
        const row = await measure(order, n, reduced);
        rows.push(row);
        // A larger N would only hit the same limit later.
        if (row.report.outcome === "limit-reached") break;
      }
    }
  }
  printTable(
    ["order", "search", "N", "verdict", "states", "transitions", "seconds", "CPU s", "states/s", "memory"],
    rows.map((r) => [
      r.order,
      r.reduced ? "reduced" : "plain",
      String(r.n),
      verdict(r.report),
      count(r.report.states),
      count(r.report.transitions),
      r.report.seconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      count(r.report.seconds > 0 ? r.report.states / r.report.seconds : 0),
      `${(r.report.memoryBytes / (1024 * 1024)).toFixed(1)} MiB`,
    ]),
    2,
  );
  console.log("");
  for (const order of ["ring", "global"] as const) {
    for (const reduced of [false, true]) {
      const finished = rows.filter(
        (r) => r.order === order && r.reduced === reduced && r.report.outcome !== "limit-reached",
      );
      const largest = finished.reduce((a, r) => Math.max(a, r.n), 0);
      console.log(
        `${order} order, ${reduced ? "reduced" : "plain"}: largest N finished within ${TIME_LIMIT_SECONDS} s = ${largest || "none"}`,
      );
    }
  }
  for (const order of ["ring", "global"] as const) {
    for (let n = 2; n <= MAX_N; n++) {
      const plain = rows.find((r) => r.order === order && r.n === n && !r.reduced);
      const reduced = rows.find((r) => r.order === order && r.n === n && r.reduced);
      if (!plain || !reduced || plain.report.outcome === "limit-reached") continue;
      if (reduced.report.outcome === "limit-reached") continue;
      console.log(
        `${order} N=${n}: reduction explored ${count(reduced.report.states)} of ${count(plain.report.states)} states ` +
          `(${((1 - reduced.report.states / plain.report.states) * 100).toFixed(1)}% saved)`,
      );
    }
  }
  const busiest = rows.filter((r) => !r.reduced).reduce((a, r) => (r.report.states > a.report.states ? r : a));
  const rate = busiest.report.states / Math.max(busiest.report.seconds, 1e-9);
  const cpuRate = busiest.report.states / Math.max(busiest.cpuSeconds, 1e-9);
  console.log(
    `\nPlain search throughput (${busiest.order} N=${busiest.n}, ${count(busiest.report.states)} states): ` +
      `${count(rate)} states/s wall, ${count(cpuRate)} states/s of CPU time; target ${count(TARGET_PLAIN_STATES_PER_SECOND)}: ` +
      `${(rate / TARGET_PLAIN_STATES_PER_SECOND).toFixed(2)}x`,
  );
}

// `npx tsx bench/explorer.ts` runs this section alone.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) await explorerBenchmark();
