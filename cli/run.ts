// `ksync run FILE [options]`: compile, run to the end on one engine instance,
// print the report (JSON or a summary) and map the outcome to an exit code.
import { createSimulator } from "../core-wasm/engine/index";
import { formatRunReport, runReport, type RunReport } from "../core-wasm/engine/report";
import type { Outcome, Simulator, StopReason } from "../core-wasm/engine/types";
import { SchedulerKind, type Program } from "../core-wasm/lang/program";
import { UsageError, type RunArguments } from "./args";
import { compileOrReport } from "./compile";
import { EXIT_BUGCHECK, EXIT_DEADLOCK_OR_ERROR, EXIT_LIMIT, EXIT_OK, EXIT_SCENARIO_ERRORS } from "./exit-codes";
import type { Io } from "./io";
import { loadScenarioSource } from "./source";
import { formatSummary, formatTrace } from "./summary";

/** Steps per call into the engine; the run loops until the engine says why it stopped. */
const RUN_CHUNK = 1 << 20;

export const OUTCOME_EXIT_CODES: Readonly<Record<Exclude<Outcome, "running">, number>> = {
  completed: EXIT_OK,
  deadlock: EXIT_DEADLOCK_OR_ERROR,
  bugcheck: EXIT_BUGCHECK,
  "step-limit": EXIT_LIMIT,
};

/** Checks --schedule labels against the program before anything runs. */
function checkSchedule(program: Program, schedule: readonly string[]): void {
  const runnable = new Set([...program.threads.map((t) => t.name), ...program.dpcs.map((d) => d.name)]);
  schedule.forEach((label, i) => {
    const [name = "", cpu] = label.split("@");
    if (!runnable.has(name)) {
      throw new UsageError(
        `bad value for --schedule: step ${i + 1} names "${name}", which is not a thread or DPC of this scenario`,
      );
    }
    if (cpu !== undefined && Number(cpu) >= program.options.cpus) {
      throw new UsageError(
        `bad value for --schedule: step ${i + 1} uses CPU ${cpu}, but the scenario has ${program.options.cpus} CPU(s)`,
      );
    }
  });
}

/** The run report's `goal` field (additive): whether the scenario's #goal held after some step, and the first one. */
export interface RunGoal {
  readonly text: string;
  readonly reached: boolean;
  /** First step after which the goal held (0: at tick 0), or null. */
  readonly step: number | null;
}

/** Runs to the end; a #goal reached on the way is noted, and the run goes on. */
function runToEnd(simulator: Simulator): { reason: StopReason; goalStep: number | null } {
  let reason: StopReason;
  let goalStep: number | null = simulator.snapshot().goal?.reached === true ? 0 : null;
  do {
    reason = simulator.run(RUN_CHUNK);
    if (reason === "goal") goalStep ??= simulator.stepCount;
  } while (reason === "budget" || reason === "goal");
  return { reason, goalStep };
}

export async function runCommand(options: RunArguments, io: Io): Promise<number> {
  const source = loadScenarioSource(options.file);
  const program = compileOrReport(source, options.overrides, io);
  if (program === null) return EXIT_SCENARIO_ERRORS;
  // The command line cannot ask anyone for a choice: manual (from --scheduler
  // or #scheduler) runs as priority, after the --schedule list if there is one
  // (scenario-language.md, "Schedulers").
  if (program.options.scheduler === SchedulerKind.Manual) {
    program.options.scheduler = SchedulerKind.Priority;
    io.err(
      options.schedule === null
        ? "ksync: scheduler manual without --schedule: running with the priority scheduler\n"
        : "ksync: scheduler manual: the steps after the --schedule list run with the priority scheduler\n",
    );
  }
  if (options.schedule !== null) checkSchedule(program, options.schedule);

  const simulator = await createSimulator(program, {
    maxSteps: options.maxSteps,
    schedule: options.schedule ?? undefined,
    recordTrace: options.trace,
  });
  try {
    let reason: StopReason;
    let goalStep: number | null;
    try {
      ({ reason, goalStep } = runToEnd(simulator));
    } catch (err) {
      // The engine refuses a forced choice that is impossible at that step.
      if (options.schedule !== null) throw new UsageError(`--schedule cannot be followed: ${(err as Error).message}`);
      throw err;
    }
    if (reason === "choice-needed")
      throw new Error("the engine asked for a manual choice although the scheduler is not manual");
    const report = runReport(simulator, { trace: options.trace });
    const goal: RunGoal | null =
      program.goal === null ? null : { text: program.goal.text, reached: goalStep !== null, step: goalStep };
    const withGoal: RunReport & { goal?: RunGoal } = goal === null ? report : { ...report, goal };
    if (options.json) io.out(formatRunReport(withGoal));
    else {
      if (options.trace) io.out(formatTrace(simulator.events()));
      io.out(formatSummary(report, simulator.snapshot().bugcheck?.explanation ?? null, options.maxSteps));
      if (goal !== null)
        io.out(
          goal.reached ? `Goal reached after step ${goal.step}: ${goal.text}\n` : `Goal not reached: ${goal.text}\n`,
        );
    }
    return OUTCOME_EXIT_CODES[report.outcome];
  } finally {
    simulator.dispose();
  }
}
