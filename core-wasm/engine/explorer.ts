// The explorer facade: runs the engine's model checker (assembly/explorer/search.ts)
// on its own engine instance, sized from the memory budget, in slices so the
// host can show progress, enforce a time limit and cancel; turns the error
// path into schedule labels and checks that `run --schedule` reproduces it
// (docs/cli.md, "The explore report"). Wall time is measured here,
// never in the engine.
import { SchedulerKind, type Program } from "../lang/program";
import { ExploreFlag, ExploreStatus } from "../shared/explorer-codes";
import { EXPLORER_BASE } from "./abi";
import { contextName, type ScenarioNames } from "./decode-events";
import { openProgramInstance } from "./facade";
import type { EngineInstance } from "./loader";
import { runReport, type ReportBugCheck } from "./report";
import { createSimulator } from "./simulator";
import type { DeadlockEdge, Outcome, StopReason } from "./types";

const PAGE = 65536;
const MIB = 1024 * 1024;

/** Defaults of `ksync explore` (docs/cli.md, "Commands"). */
export const EXPLORE_DEFAULTS = Object.freeze({
  maxStates: 10_000_000,
  maxSeconds: 60,
  memoryMiB: 256,
  maxSteps: 10_000,
});
/** The engine takes the budget as a 32-bit byte count. */
export const MAX_MEMORY_MIB = 2000;
export const MIN_MEMORY_MIB = 2;

export interface ExploreOptions {
  readonly maxStates?: number;
  readonly maxSeconds?: number;
  readonly memoryMiB?: number;
  /** Per-schedule step limit; a schedule reaching it is an error (possible livelock). */
  readonly maxSteps?: number;
  /** CHESS-style bound on preemptions per schedule (null: unbounded). */
  readonly preemptionBound?: number | null;
  /** Random-walk mode: this many seeded walks instead of the exhaustive search. */
  readonly randomWalks?: number | null;
  readonly seed?: number;
  /** Only choices the priority scheduler could make (a highest-priority runnable thread per CPU). */
  readonly respectPriorities?: boolean;
  /** Sleep-set partial-order reduction (default on; applies to one-CPU scenarios without APCs or DPCs). */
  readonly reduction?: boolean;
  /** Parts of the reduction, for measurements and tests (default on): sleep sets, persistent sets. */
  readonly sleepSets?: boolean;
  readonly persistentSets?: boolean;
  /**
   * Search for the program's #goal instead of errors (a challenge's shortest
   * solution): breadth-first for the first state where it holds; a deadlock,
   * bug check or step limit that is not the goal ends its branch. Turns the
   * reduction off (it preserves deadlocks, not arbitrary state predicates).
   */
  readonly goal?: boolean;
  /** Also run the plain search and report how many states the reduction saved. */
  readonly compareReduction?: boolean;
  /** Called about every progressIntervalMs with the running figures. */
  readonly onProgress?: (progress: ExploreProgress) => void;
  readonly progressIntervalMs?: number;
  /** Polled between slices; true stops the search with limit "cancelled". */
  readonly shouldCancel?: () => boolean;
  /** Wall clock in milliseconds (default performance.now). */
  readonly now?: () => number;
}

export interface ExploreProgress {
  readonly states: number;
  readonly transitions: number;
  readonly statesPerSecond: number;
  readonly frontier: number;
  readonly memoryBytes: number;
  readonly seconds: number;
}

export type ExploreOutcome =
  | "error-found"
  | "no-errors"
  | "limit-reached"
  | "goal-reached" // goal search: the report's solution reaches the #goal
  | "goal-unreachable"; // goal search: no schedule reaches it (exhaustive), or no walk did (random walks)
export type ExploreLimit = "states" | "time" | "memory" | "cancelled";
export type CounterexampleOutcome = "deadlock" | "bugcheck" | "step-limit";

export interface Counterexample {
  /** One label per step ("T1", or "T1@0" with several CPUs); joined by commas it is a --schedule. */
  readonly schedule: readonly string[];
  readonly outcome: CounterexampleOutcome;
  readonly ticks: number;
  readonly deadlock?: { readonly cycle: readonly DeadlockEdge[] };
  readonly bugcheck?: ReportBugCheck;
  /** The command that reproduces it (FILE stands for the scenario). */
  readonly replay: string;
}

/** A goal search's answer: a shortest schedule from tick 0 to a state where the #goal holds. */
export interface GoalSolution {
  /** The goal, as its normalised text. */
  readonly goal: string;
  /** One label per step; joined by commas it is a --schedule. */
  readonly schedule: readonly string[];
  /** schedule.length: the fewest steps that reach the goal (exhaustive search). */
  readonly steps: number;
  readonly ticks: number;
  /** How the run stands when the goal holds: "running", or the outcome the goal names. */
  readonly outcome: Outcome;
  /** The command that replays it (FILE stands for the scenario); its report says the goal was reached. */
  readonly replay: string;
}

export interface ReductionFigures {
  /** Whether the reduction was asked for (the default; --no-reduction turns it off). */
  readonly requested: boolean;
  /** Whether it was used (it applies to one CPU, no APCs, no DPCs, no bound or priority filter). */
  readonly applied: boolean;
  /** Transitions not taken because they were asleep. */
  readonly skippedTransitions: number;
  /** The plain search on the same scenario, with --compare-reduction. */
  readonly plain?: {
    readonly outcome: ExploreOutcome;
    readonly states: number;
    readonly transitions: number;
    readonly seconds: number;
  };
  readonly statesSaved?: number;
}

export interface ExploreReport {
  readonly scenario: string;
  readonly outcome: ExploreOutcome;
  readonly states: number;
  readonly transitions: number;
  readonly seconds: number;
  readonly counterexample?: Counterexample;
  /** The #goal searched for (goal search), else null. */
  readonly goal: string | null;
  /** Goal search: the shortest schedule reaching the goal (outcome goal-reached). */
  readonly solution?: GoalSolution;
  readonly mode: "exhaustive" | "random-walks";
  /** Why the search stopped early (outcome limit-reached), else null. */
  readonly limit: ExploreLimit | null;
  readonly frontier: number;
  readonly memoryBytes: number;
  /** Deepest BFS level reached (steps from tick 0). */
  readonly depth: number;
  readonly maxSteps: number;
  readonly preemptionBound: number | null;
  readonly respectPriorities: boolean;
  readonly reduction: ReductionFigures;
  /** Random walks only: schedules tried and the seed. */
  readonly walks?: number;
  readonly seed?: number;
}

interface Settings {
  readonly maxStates: number;
  readonly maxSeconds: number;
  readonly memoryMiB: number;
  readonly maxSteps: number;
  readonly preemptionBound: number | null;
  readonly randomWalks: number | null;
  readonly seed: number;
  readonly respectPriorities: boolean;
  readonly reduction: boolean;
  readonly goal: boolean;
}

function settingsOf(options: ExploreOptions): Settings {
  const memoryMiB = options.memoryMiB ?? EXPLORE_DEFAULTS.memoryMiB;
  if (!(memoryMiB >= MIN_MEMORY_MIB && memoryMiB <= MAX_MEMORY_MIB))
    throw new RangeError(`memory budget must be ${MIN_MEMORY_MIB}..${MAX_MEMORY_MIB} MiB`);
  const maxSteps = options.maxSteps ?? EXPLORE_DEFAULTS.maxSteps;
  // The schedule buffer (4 bytes a step) must leave most of the budget to the search.
  if (!(maxSteps >= 1) || maxSteps * 4 > (memoryMiB * MIB) / 4)
    throw new RangeError(
      `--max-steps ${maxSteps} needs a larger --memory (4 bytes a step, at most a quarter of the budget)`,
    );
  return {
    maxStates: Math.min(options.maxStates ?? EXPLORE_DEFAULTS.maxStates, 0x7fffffff),
    maxSeconds: options.maxSeconds ?? EXPLORE_DEFAULTS.maxSeconds,
    memoryMiB,
    maxSteps,
    preemptionBound: options.preemptionBound ?? null,
    randomWalks: options.randomWalks ?? null,
    seed: options.seed ?? 1,
    respectPriorities: options.respectPriorities ?? false,
    reduction: options.reduction ?? true,
    goal: options.goal ?? false,
  };
}

/** The program as `ksync run` runs it: manual without a list becomes priority (scenario-language.md). */
function asRun(program: Program): Program {
  if (program.options.scheduler !== SchedulerKind.Manual) return program;
  return { ...program, options: { ...program.options, scheduler: SchedulerKind.Priority } };
}

async function openExplorerEngine(program: Program, settings: Settings): Promise<EngineInstance> {
  const pages = Math.ceil((EXPLORER_BASE + settings.memoryMiB * MIB) / PAGE);
  const { engine } = await openProgramInstance(program, pages);
  const e = engine.exports;
  e.setStepLimit(settings.maxSteps);
  e.setRecording(0);
  const size = e.load();
  if (size < 0) throw new Error(`the engine rejected the program (error ${size})`);
  return engine;
}

const yieldToHost = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

interface SearchResult {
  readonly status: ExploreStatus;
  readonly limit: ExploreLimit | null;
  readonly seconds: number;
  readonly path: readonly number[];
}

/** Runs one search (or walk series) on `engine` to its end or a limit. */
async function search(
  engine: EngineInstance,
  settings: Settings,
  options: ExploreOptions,
  walksMode: boolean,
): Promise<SearchResult> {
  const e = engine.exports;
  const now = options.now ?? (() => performance.now());
  const budget = settings.memoryMiB * MIB;
  const flags =
    (settings.reduction ? ExploreFlag.Reduction : 0) |
    (settings.respectPriorities ? ExploreFlag.RespectPriorities : 0) |
    (options.sleepSets === false ? ExploreFlag.NoSleepSets : 0) |
    (options.persistentSets === false ? ExploreFlag.NoPersistentSets : 0) |
    (settings.goal ? ExploreFlag.Goal : 0);
  const bound = settings.preemptionBound ?? -1;
  const started = now();
  const begun = walksMode
    ? e.walkBegin(budget, flags, bound, settings.seed | 0, settings.maxSteps)
    : e.exploreBegin(budget, flags, bound, settings.maxStates, settings.maxSteps);
  if (begun < 0) throw new RangeError(`memory budget of ${settings.memoryMiB} MiB is too small for the explorer`);
  const interval = options.progressIntervalMs ?? 200;
  let lastProgress = started;
  let lastYield = started;
  let slice = walksMode ? 1 : 4096;
  let status = walksMode ? ExploreStatus.Running : e.exploreRun(0);
  let limit: ExploreLimit | null = null;
  const walksWanted = settings.randomWalks ?? 0;
  while (status === ExploreStatus.Running) {
    const t0 = now();
    if (walksMode) {
      const left = walksWanted - e.exploreWalks();
      if (left <= 0) break;
      status = e.walkRun(Math.min(slice, left));
    } else {
      status = e.exploreRun(slice);
    }
    const t1 = now();
    // Aim at ~20 ms slices: short enough for progress and time limits, long enough to amortise calls.
    const took = t1 - t0;
    if (took < 10) slice = Math.min(slice * 2, 1 << 24);
    else if (took > 40 && slice > 1) slice = Math.max(1, slice >> 1);
    if (status !== ExploreStatus.Running) break;
    const seconds = (t1 - started) / 1000;
    if (seconds >= settings.maxSeconds) {
      limit = "time";
      break;
    }
    if (options.onProgress && t1 - lastProgress >= interval) {
      lastProgress = t1;
      options.onProgress(progressOf(engine, seconds));
    }
    if (t1 - lastYield >= 50) {
      lastYield = t1;
      await yieldToHost();
      if (options.shouldCancel?.()) {
        limit = "cancelled";
        break;
      }
    }
  }
  if (status === ExploreStatus.MemoryLimit) limit = "memory";
  if (status === ExploreStatus.StateLimit) limit = "states";
  const seconds = (now() - started) / 1000;
  const path: number[] = [];
  if (status === ExploreStatus.Error || status === ExploreStatus.GoalReached) {
    const n = e.explorePath();
    for (let i = 0; i < n; i++) path.push(e.explorePathChoice(i));
  }
  return { status, limit, seconds, path };
}

function progressOf(engine: EngineInstance, seconds: number): ExploreProgress {
  const e = engine.exports;
  const states = e.exploreStates();
  return Object.freeze({
    states,
    transitions: e.exploreTransitions(),
    statesPerSecond: seconds > 0 ? states / seconds : 0,
    frontier: e.exploreFrontier(),
    memoryBytes: e.exploreMemoryUsed(),
    seconds,
  });
}

function namesOf(program: Program): ScenarioNames {
  return {
    threads: program.threads.map((t) => t.name),
    objects: program.objects.map((o) => o.name),
    apcs: program.apcs.map((a) => a.name),
    dpcs: program.dpcs.map((d) => d.name),
  };
}

/** Replays choice indices from tick 0 on the explorer's own engine and names each step. */
function labelsOf(engine: EngineInstance, program: Program, path: readonly number[]): string[] {
  const e = engine.exports;
  const names = namesOf(program);
  const several = program.options.cpus > 1;
  e.reset();
  const labels: string[] = [];
  for (const index of path) {
    if (index < 0 || index >= e.choiceCount()) throw new Error("explorer path does not match the engine's choices");
    const name = contextName(names, e.choiceContext(index));
    labels.push(several ? `${name}@${e.choiceCpu(index)}` : name);
    e.stepWithChoice(index);
  }
  return labels;
}

/** Runs the schedule through the simulator facade, as `ksync run --schedule` does, and reports the error it ends in. */
async function counterexampleOf(
  program: Program,
  schedule: readonly string[],
  maxSteps: number,
): Promise<Counterexample> {
  const simulator = await createSimulator(program, { maxSteps, schedule, recordTrace: false });
  try {
    let reason: StopReason;
    // A #goal reached on the way is not where an error search's schedule ends.
    do reason = simulator.run(1 << 20);
    while ((reason === "budget" || reason === "goal") && simulator.stepCount < schedule.length);
    const report = runReport(simulator);
    if (report.outcome === "completed" || simulator.stepCount !== schedule.length) {
      throw new Error(
        `the counterexample does not replay: run --schedule ended "${report.outcome}" after ${simulator.stepCount} of ${schedule.length} steps`,
      );
    }
    const limitFlag =
      maxSteps !== EXPLORE_DEFAULTS.maxSteps || report.outcome === "step-limit" ? ` --max-steps ${maxSteps}` : "";
    return Object.freeze({
      schedule: Object.freeze([...schedule]),
      outcome: report.outcome,
      ticks: report.ticks,
      ...(report.deadlock ? { deadlock: report.deadlock } : {}),
      ...(report.bugcheck ? { bugcheck: report.bugcheck } : {}),
      replay: `ksync run FILE${limitFlag} --schedule ${schedule.join(",")}`,
    });
  } finally {
    simulator.dispose();
  }
}

/** Replays a goal search's schedule through the simulator facade, as `ksync run --schedule` does: it must reach the goal at its last step. */
async function solutionOf(program: Program, schedule: readonly string[], maxSteps: number): Promise<GoalSolution> {
  const goal = program.goal;
  if (goal === null) throw new Error("a goal search needs a program with a #goal");
  const simulator = await createSimulator(program, { maxSteps, schedule, recordTrace: false });
  try {
    let reason: StopReason = "budget";
    // An empty schedule: the goal holds at tick 0.
    if (schedule.length > 0) {
      do reason = simulator.run(schedule.length - simulator.stepCount);
      while (reason === "budget" && simulator.stepCount < schedule.length);
    }
    const snapshot = simulator.snapshot();
    if (simulator.stepCount !== schedule.length || snapshot.goal?.reached !== true) {
      throw new Error(
        `the goal's schedule does not replay: run --schedule stopped "${reason}" after ${simulator.stepCount} of ${schedule.length} steps without reaching the goal`,
      );
    }
    const limitFlag = maxSteps !== EXPLORE_DEFAULTS.maxSteps ? ` --max-steps ${maxSteps}` : "";
    return Object.freeze({
      goal: goal.text,
      schedule: Object.freeze([...schedule]),
      steps: schedule.length,
      ticks: snapshot.tick,
      outcome: snapshot.outcome,
      replay: `ksync run FILE${limitFlag}${schedule.length > 0 ? ` --schedule ${schedule.join(",")}` : ""}`,
    });
  } finally {
    simulator.dispose();
  }
}

function outcomeOf(status: ExploreStatus, goal: boolean): ExploreOutcome {
  if (status === ExploreStatus.Error) return "error-found";
  if (status === ExploreStatus.GoalReached) return "goal-reached";
  if (status === ExploreStatus.Exhausted) return goal ? "goal-unreachable" : "no-errors";
  return "limit-reached";
}

/**
 * Searches every schedule of `program` (or random walks through them) for a
 * deadlock, a bug check or a schedule that reaches the step limit; the report
 * carries the shortest such schedule found. With `goal: true`, for the
 * shortest schedule reaching the program's #goal instead.
 */
export async function exploreProgram(input: Program, options: ExploreOptions = {}): Promise<ExploreReport> {
  const settings = settingsOf(options);
  if (settings.goal && input.goal === null) throw new RangeError("a goal search needs a scenario with a #goal");
  const program = asRun(input);
  const walksMode = settings.randomWalks !== null;
  const engine = await openExplorerEngine(program, settings);
  const e = engine.exports;
  let plain: ReductionFigures["plain"];
  if (options.compareReduction && !walksMode && !settings.goal) {
    const result = await search(
      engine,
      { ...settings, reduction: false },
      { ...options, onProgress: undefined },
      false,
    );
    plain = {
      outcome: outcomeOf(result.status, false),
      states: e.exploreStates(),
      transitions: e.exploreTransitions(),
      seconds: Math.round(result.seconds * 1000) / 1000,
    };
  }
  const result = await search(engine, settings, options, walksMode);
  const states = e.exploreStates();
  const transitions = e.exploreTransitions();
  const frontier = walksMode ? 0 : e.exploreFrontier();
  const memoryBytes = e.exploreMemoryUsed();
  const depth = e.exploreDepth();
  const applied = e.exploreReduction() === 1;
  const skippedTransitions = e.exploreSkipped();
  const walks = e.exploreWalks();
  let outcome = outcomeOf(result.status, settings.goal);
  // Walks that all ended without error (or goal) found none, but prove nothing: not exhaustive.
  if (walksMode && result.status === ExploreStatus.Running && result.limit === null)
    outcome = settings.goal ? "goal-unreachable" : "no-errors";
  const found = result.status === ExploreStatus.Error || result.status === ExploreStatus.GoalReached;
  if (result.limit !== null && !found) outcome = "limit-reached";
  let counterexample: Counterexample | undefined;
  if (result.status === ExploreStatus.Error) {
    const schedule = labelsOf(engine, program, result.path);
    counterexample = await counterexampleOf(program, schedule, settings.maxSteps);
  }
  let solution: GoalSolution | undefined;
  if (result.status === ExploreStatus.GoalReached) {
    const schedule = labelsOf(engine, program, result.path);
    solution = await solutionOf(program, schedule, settings.maxSteps);
  }
  const reduction: ReductionFigures = {
    requested: settings.reduction,
    applied,
    skippedTransitions,
    ...(plain ? { plain, statesSaved: plain.states - states } : {}),
  };
  return Object.freeze({
    scenario: program.title,
    outcome,
    states: walksMode ? transitions + walks : states,
    transitions,
    seconds: Math.round(result.seconds * 1000) / 1000,
    ...(counterexample ? { counterexample } : {}),
    goal: settings.goal ? (program.goal?.text ?? null) : null,
    ...(solution ? { solution } : {}),
    mode: walksMode ? "random-walks" : "exhaustive",
    limit: outcome === "limit-reached" ? (result.limit ?? "states") : null,
    frontier,
    memoryBytes,
    depth,
    maxSteps: settings.maxSteps,
    preemptionBound: settings.preemptionBound,
    respectPriorities: settings.respectPriorities,
    reduction,
    ...(walksMode ? { walks, seed: settings.seed } : {}),
  });
}
