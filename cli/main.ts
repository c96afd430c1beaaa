// Entry of the `ksync` command line (see ../../shared/spec/cli-and-report.md).
import { EXIT_OK, EXIT_USAGE } from "./exit-codes";

export const USAGE = `Kernel Sync Lab — simulate Windows kernel synchronization scenarios.

Usage:
  ksync run FILE [options]     run a scenario and report how it ended
  ksync explore FILE [options] search every schedule for deadlocks and bug checks
  ksync check FILE             parse and type-check only
  ksync list                   the built-in scenarios, one a line
  ksync --help                 this text

FILE is a .ksync file or the name of a built-in scenario.`;

/** Runs one command line; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [command] = argv;
  if (command === undefined || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_OK;
  }
  console.error(`ksync: unknown command "${command}"\n\n${USAGE}`);
  return EXIT_USAGE;
}
