// Entry of the `ksync` command line (docs/cli.md).
import { DEFAULT_MAX_STEPS, parseFileOnly, parseRunArguments, UsageError } from "./args";
import { compileOrReport } from "./compile";
import { EXIT_INTERNAL_ERROR, EXIT_OK, EXIT_SCENARIO_ERRORS, EXIT_USAGE } from "./exit-codes";
import { guardAgainstClosedPipe, processIo, type Io } from "./io";
import { loadScenarioSource } from "./source";
import { loadLibrary } from "../scenarios/node";

export const USAGE = `Kernel Sync Lab — simulate Windows kernel synchronization scenarios.

Usage:
  ksync run FILE [options]     run a scenario and report how it ended
  ksync explore FILE [options] search every schedule for deadlocks and bug checks
  ksync check FILE             parse and type-check only
  ksync list                   the built-in scenarios, one a line
  ksync --help                 this text

FILE is a .ksync file or the name of a built-in scenario.

Options of run (they override the file's #directives):
  --seed N                      seed of the random scheduler (0..4294967295)
  --cpus N                      simulated processors (1..64)
  --quantum N                   steps before round-robin among equal priorities
  --scheduler priority|random|manual
                                manual needs --schedule; without it, priority
  --schedule T1,T1,T2,...       force the thread (T1@CPU with several CPUs) of
                                each step, then let the scheduler go on
  --max-steps N                 step limit (default ${DEFAULT_MAX_STEPS})
  --verifier off|on|deadlock    Driver Verifier checks
  --windows 2003|8              implementation generation
  --boosts on|off               wake-up priority boosts
  --autoboost on|off            lock-owner priority boosting
  --json                        print the run report as JSON
  --trace                       include the event log (in the JSON with --json)

Options of explore:
  --max-states N                states to visit at most (default 10000000)
  --max-seconds S               wall-time limit (default 60)
  --memory MiB                  memory budget of the search (default 256)
  --max-steps N                 steps per schedule; reaching it is an error
                                (a thread that never ends; default 10000)
  --preemption-bound K          only schedules with at most K preemptions
  --random-walks N --seed S     N seeded random schedules instead of all
  --respect-priorities          only choices the priority scheduler allows
  --compare-reduction           also search without partial-order reduction
                                and report the states it saved
  --no-reduction                plain search only
  --no-goal                     a scenario with a #goal: search it for errors,
                                not for the shortest schedule to its goal
  --json                        print the explore report as JSON

Exit codes: 0 completed / valid / explore found no error or reached the #goal,
1 deadlock (explore: any error found, or the #goal is unreachable), 2 bug check, 3 step limit (explore: a limit stopped it),
64 usage error, 65 the scenario has errors (printed as FILE:line:col: message),
70 internal error of ksync itself.`;

const HINT = "Run ksync --help for usage.";

function checkCommand(args: readonly string[], io: Io): number {
  const source = loadScenarioSource(parseFileOnly("check", args));
  const program = compileOrReport(source, {}, io);
  if (program === null) return EXIT_SCENARIO_ERRORS;
  const counts = [
    `${program.threads.length} thread${program.threads.length === 1 ? "" : "s"}`,
    `${program.objects.length} object${program.objects.length === 1 ? "" : "s"}`,
  ];
  if (program.apcs.length > 0) counts.push(`${program.apcs.length} APC${program.apcs.length === 1 ? "" : "s"}`);
  if (program.dpcs.length > 0) counts.push(`${program.dpcs.length} DPC${program.dpcs.length === 1 ? "" : "s"}`);
  io.out(`${source.fileName}: ok — "${program.title}" (${counts.join(", ")})\n`);
  return EXIT_OK;
}

function listCommand(args: readonly string[], io: Io): number {
  if (args.length > 0) throw new UsageError(`list takes no arguments (found "${args[0]}")`);
  const library = loadLibrary();
  const width = Math.max(...library.map((s) => s.name.length));
  for (const s of library) io.out(`${s.name.padEnd(width)}  ${s.title}\n`);
  return EXIT_OK;
}

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: readonly string[], io: Io = processIo): Promise<number> {
  if (io === processIo) guardAgainstClosedPipe();
  const [command, ...rest] = argv;
  if (command === undefined) {
    io.err(`${USAGE}\n`);
    return EXIT_USAGE;
  }
  if (
    command === "--help" ||
    command === "-h" ||
    command === "help" ||
    rest.includes("--help") ||
    rest.includes("-h")
  ) {
    io.out(`${USAGE}\n`);
    return EXIT_OK;
  }
  try {
    switch (command) {
      case "run": {
        const options = parseRunArguments(rest);
        // Loaded on demand: only run needs the engine.
        return await (await import("./run")).runCommand(options, io);
      }
      case "check":
        return checkCommand(rest, io);
      case "list":
        return listCommand(rest, io);
      case "explore": {
        // Loaded on demand, like run: only these two need the engine.
        const explore = await import("./explore");
        return await explore.exploreCommand(
          explore.parseExploreArguments(rest),
          io,
          io === processIo && process.stderr.isTTY === true,
        );
      }
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.err(`ksync: ${err.message}\n${HINT}\n`);
      return EXIT_USAGE;
    }
    // Exit code 1 would read as "deadlock": an internal failure gets its own code.
    io.err(`ksync: internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    return EXIT_INTERNAL_ERROR;
  }
}
