// `ksync explore FILE [options]` (docs/cli.md, "The explore report"): search every schedule of
// a scenario for deadlocks, bug checks and schedules that reach the step limit
// (or, when the scenario has a #goal, for the shortest schedule that reaches it);
// print the explore report (JSON or a summary) and map it to an exit code.
// On a terminal a progress line (states, states/s, frontier, memory) is kept
// up to date on stderr.
import {
  EXPLORE_DEFAULTS,
  exploreProgram,
  MAX_MEMORY_MIB,
  MIN_MEMORY_MIB,
  type ExploreOptions,
  type ExploreProgress,
  type ExploreReport,
} from "../core-wasm/engine/explorer";
import { integer, MAX_I32, MAX_U32, scanOptions, UsageError, type OptionGrammar } from "./args";
import { compileOrReport } from "./compile";
import { EXIT_DEADLOCK_OR_ERROR, EXIT_LIMIT, EXIT_OK, EXIT_SCENARIO_ERRORS } from "./exit-codes";
import type { Io } from "./io";
import { loadScenarioSource } from "./source";

export interface ExploreArguments {
  readonly file: string;
  readonly maxStates: number;
  readonly maxSeconds: number;
  readonly memoryMiB: number;
  readonly maxSteps: number;
  readonly preemptionBound: number | null;
  readonly randomWalks: number | null;
  readonly seed: number;
  readonly respectPriorities: boolean;
  readonly reduction: boolean;
  readonly compareReduction: boolean;
  /** --no-goal: search a scenario with a #goal for errors instead of for its goal. */
  readonly goal: boolean;
  readonly json: boolean;
}

function seconds(option: string, text: string): number {
  const value = /^[0-9]+(\.[0-9]+)?$/.test(text) ? Number(text) : NaN;
  if (!(value > 0)) throw new UsageError(`bad value for ${option}: "${text}" (expected a number of seconds > 0)`);
  return value;
}

const VALUE_OPTIONS = new Set([
  "--max-states",
  "--max-seconds",
  "--memory",
  "--max-steps",
  "--preemption-bound",
  "--random-walks",
  "--seed",
]);
const FLAG_OPTIONS = new Set(["--json", "--respect-priorities", "--compare-reduction", "--no-reduction", "--no-goal"]);
const EXPLORE_GRAMMAR: OptionGrammar = {
  command: "explore",
  valueOptions: VALUE_OPTIONS,
  flagOptions: FLAG_OPTIONS,
  unknownOptionSuffix: " for explore",
};

/** Parses the arguments after `explore`. */
export function parseExploreArguments(args: readonly string[]): ExploreArguments {
  let maxStates: number = EXPLORE_DEFAULTS.maxStates;
  let maxSeconds: number = EXPLORE_DEFAULTS.maxSeconds;
  let memoryMiB: number = EXPLORE_DEFAULTS.memoryMiB;
  let maxSteps: number = EXPLORE_DEFAULTS.maxSteps;
  let preemptionBound: number | null = null;
  let randomWalks: number | null = null;
  let seed: number | null = null;
  const flags = new Set<string>();
  const file = scanOptions(
    args,
    EXPLORE_GRAMMAR,
    (option) => flags.add(option),
    (option, value) => {
      switch (option) {
        case "--max-states":
          maxStates = integer(option, value, 1, MAX_I32);
          break;
        case "--max-seconds":
          maxSeconds = seconds(option, value);
          break;
        case "--memory":
          memoryMiB = integer(option, value, MIN_MEMORY_MIB, MAX_MEMORY_MIB);
          break;
        case "--max-steps":
          maxSteps = integer(option, value, 1, 1 << 24);
          break;
        case "--preemption-bound":
          preemptionBound = integer(option, value, 0, 1 << 20);
          break;
        case "--random-walks":
          randomWalks = integer(option, value, 1, MAX_I32);
          break;
        case "--seed":
          seed = integer(option, value, 0, MAX_U32);
          break;
      }
    },
  );
  if (file === null) throw new UsageError("explore needs a FILE (a .ksync file or a built-in scenario name)");
  if (seed !== null && randomWalks === null) throw new UsageError("--seed goes with --random-walks N");
  if (flags.has("--compare-reduction") && randomWalks !== null)
    throw new UsageError("--compare-reduction compares exhaustive searches; it does not go with --random-walks");
  if (flags.has("--compare-reduction") && flags.has("--no-reduction"))
    throw new UsageError("--compare-reduction and --no-reduction exclude each other");
  return {
    file,
    maxStates,
    maxSeconds,
    memoryMiB,
    maxSteps,
    preemptionBound,
    randomWalks,
    seed: seed ?? 1,
    respectPriorities: flags.has("--respect-priorities"),
    reduction: !flags.has("--no-reduction"),
    compareReduction: flags.has("--compare-reduction"),
    goal: !flags.has("--no-goal"),
    json: flags.has("--json"),
  };
}

function mib(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MiB`;
}

function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function progressLine(p: ExploreProgress): string {
  return `exploring: ${count(p.states)} states, ${count(p.statesPerSecond)} states/s, frontier ${count(p.frontier)}, memory ${mib(p.memoryBytes)}`;
}

/** The report as printed: the explore report of the spec, with the replay command naming FILE. */
function withReplay(report: ExploreReport, file: string): ExploreReport {
  const quoted = /^[\w./@-]+$/.test(file) ? file : JSON.stringify(file);
  const named = (replay: string): string => replay.replace(/^ksync run FILE/, `ksync run ${quoted}`);
  const ce = report.counterexample;
  const solution = report.solution;
  return {
    ...report,
    ...(ce ? { counterexample: { ...ce, replay: named(ce.replay) } } : {}),
    ...(solution ? { solution: { ...solution, replay: named(solution.replay) } } : {}),
  };
}

const LIMIT_TEXT: Readonly<Record<string, string>> = {
  states: "the state limit (--max-states)",
  time: "the time limit (--max-seconds)",
  memory: "the memory budget (--memory)",
  cancelled: "cancellation",
};

/** The readable summary of an explore report. */
export function formatExploreSummary(report: ExploreReport): string {
  const lines: string[] = [report.scenario];
  const figures = `${count(report.states)} states, ${count(report.transitions)} transitions in ${report.seconds.toFixed(2)} s`;
  if (report.mode === "random-walks")
    lines.push(
      `Random walks: ${count(report.walks ?? 0)} schedules tried (seed ${report.seed}), ${count(report.transitions)} steps in ${report.seconds.toFixed(2)} s`,
    );
  else lines.push(`Explored ${figures}, deepest schedule ${report.depth} steps, memory ${mib(report.memoryBytes)}`);
  const r = report.reduction;
  if (report.mode === "exhaustive") {
    if (report.goal !== null)
      lines.push("Partial-order reduction: off in a goal search (it keeps deadlocks and bug checks, not goal states)");
    else if (r.applied)
      lines.push(
        `Partial-order reduction (canonical states, sleep and persistent sets): ${count(r.skippedTransitions)} transitions skipped`,
      );
    else if (!r.requested) lines.push("Partial-order reduction: off (--no-reduction)");
    else
      lines.push(
        "Partial-order reduction: not applied (it needs one CPU, no APCs or DPCs, no preemption bound or priority filter)",
      );
    if (r.plain)
      lines.push(
        `Without reduction: ${count(r.plain.states)} states, ${count(r.plain.transitions)} transitions in ${r.plain.seconds.toFixed(2)} s (${r.plain.outcome}); saved ${count(r.statesSaved ?? 0)} states`,
      );
  }
  if (report.preemptionBound !== null)
    lines.push(`Preemption bound: ${report.preemptionBound} (schedules with more preemptions were not explored)`);
  if (report.respectPriorities)
    lines.push("Choices restricted to the highest-priority runnable threads (--respect-priorities)");
  if (report.goal !== null) lines.push(`Goal: ${report.goal}`);
  const ce = report.counterexample;
  const solution = report.solution;
  if (solution) {
    lines.push(
      `Goal reached in ${solution.steps} step${solution.steps === 1 ? "" : "s"} at best (tick ${solution.ticks}${solution.outcome === "running" ? "" : `, ${solution.outcome}`})`,
    );
    lines.push(`Schedule: ${solution.schedule.join(",") || "(none: the goal holds at tick 0)"}`);
    lines.push(`Replay:   ${solution.replay}`);
  } else if (report.outcome === "goal-unreachable") {
    lines.push(
      report.mode === "random-walks"
        ? "No walk reached the goal (not a proof: the walks do not cover every schedule)"
        : "No schedule reaches the goal",
    );
  } else if (ce) {
    const what =
      ce.outcome === "deadlock"
        ? "DEADLOCK"
        : ce.outcome === "bugcheck"
          ? `BUG CHECK ${ce.bugcheck?.code ?? ""} ${ce.bugcheck?.name ?? ""}${ce.bugcheck?.rule ? ` (${ce.bugcheck.rule})` : ""}`
          : `STEP LIMIT: a schedule of ${report.maxSteps} steps in which some thread never ends (possible livelock)`;
    lines.push(`Error found: ${what} after ${ce.schedule.length} steps (tick ${ce.ticks})`);
    if (ce.deadlock) {
      if (ce.deadlock.cycle.length === 0) lines.push("  the waited-on object has no owner (nobody will signal it)");
      for (const edge of ce.deadlock.cycle)
        lines.push(`  ${edge.thread} waits for ${edge.waitsFor}${edge.heldBy ? `, held by ${edge.heldBy}` : ""}`);
    }
    if (ce.bugcheck)
      lines.push(
        `  in ${ce.bugcheck.thread} at line ${ce.bugcheck.line}, parameters ${ce.bugcheck.parameters.join(", ")}`,
      );
    lines.push(`Schedule: ${ce.schedule.join(",")}`);
    lines.push(`Replay:   ${ce.replay}`);
  } else if (report.outcome === "no-errors") {
    lines.push(
      report.mode === "random-walks"
        ? "No error in any walk (not a proof: the walks do not cover every schedule)"
        : report.preemptionBound !== null
          ? `No error in any schedule with at most ${report.preemptionBound} preemption${report.preemptionBound === 1 ? "" : "s"}`
          : "No error in any schedule",
    );
  } else {
    lines.push(
      `Stopped by ${LIMIT_TEXT[report.limit ?? "states"] ?? report.limit} with no error found (${count(report.frontier)} states left unexplored in the frontier)`,
    );
  }
  return `${lines.join("\n")}\n`;
}

export const EXPLORE_EXIT_CODES: Readonly<Record<ExploreReport["outcome"], number>> = {
  "no-errors": EXIT_OK,
  "error-found": EXIT_DEADLOCK_OR_ERROR,
  "limit-reached": EXIT_LIMIT,
  "goal-reached": EXIT_OK,
  "goal-unreachable": EXIT_DEADLOCK_OR_ERROR,
};

export async function exploreCommand(args: ExploreArguments, io: Io, tty = false): Promise<number> {
  const source = loadScenarioSource(args.file);
  const program = compileOrReport(source, {}, io);
  if (program === null) return EXIT_SCENARIO_ERRORS;
  let shown = false;
  const options: ExploreOptions = {
    maxStates: args.maxStates,
    maxSeconds: args.maxSeconds,
    memoryMiB: args.memoryMiB,
    maxSteps: args.maxSteps,
    preemptionBound: args.preemptionBound,
    randomWalks: args.randomWalks,
    seed: args.seed,
    respectPriorities: args.respectPriorities,
    reduction: args.reduction,
    compareReduction: args.compareReduction,
    goal: args.goal && program.goal !== null,
    ...(tty
      ? {
          onProgress: (p: ExploreProgress) => {
            shown = true;
            io.err(`\r\x1b[K${progressLine(p)}`);
          },
        }
      : {}),
  };
  let report: ExploreReport;
  try {
    report = withReplay(await exploreProgram(program, options), args.file);
  } catch (err) {
    // Settings the explorer refuses (a budget too small for them) are the user's to change.
    if (err instanceof RangeError) throw new UsageError(err.message);
    throw err;
  } finally {
    if (shown) io.err("\r\x1b[K");
  }
  io.out(args.json ? `${JSON.stringify(report, null, 2)}\n` : formatExploreSummary(report));
  return EXPLORE_EXIT_CODES[report.outcome];
}
