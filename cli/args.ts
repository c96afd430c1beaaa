// Command-line options of `ksync run` (docs/cli.md, "Options of run"), parsed
// into program overrides and run settings. Every mistake is a UsageError that
// names the option and what was wrong; main() turns it into exit code 64.
import { DEFAULT_MAX_STEPS } from "../core-wasm/engine/index";
import { SchedulerKind, VerifierMode, type ScenarioOptions } from "../core-wasm/lang/program";

export class UsageError extends Error {
  override readonly name = "UsageError";
}

export interface RunArguments {
  readonly file: string;
  /** Directive overrides; they beat the file's #directives. */
  readonly overrides: Partial<ScenarioOptions>;
  readonly schedule: readonly string[] | null;
  readonly maxSteps: number;
  readonly json: boolean;
  readonly trace: boolean;
}

export { DEFAULT_MAX_STEPS };

export const MAX_U32 = 0xffffffff;
export const MAX_I32 = 0x7fffffff;

/** An integer option value in min..max, decimal or 0x hex; `ksync run` and `ksync explore` share the wording. */
export function integer(option: string, text: string, min: number, max: number): number {
  if (!/^(0|[1-9][0-9]*|0x[0-9a-fA-F]+)$/.test(text)) {
    throw new UsageError(`bad value for ${option}: "${text}" (expected an integer ${min}..${max})`);
  }
  const value = Number(text);
  if (value < min || value > max)
    throw new UsageError(`bad value for ${option}: ${text} is out of range ${min}..${max}`);
  return value;
}

function oneOf<T>(option: string, text: string, choices: readonly (readonly [string, T])[]): T {
  const choice = choices.find(([word]) => word === text);
  if (choice === undefined) {
    throw new UsageError(`bad value for ${option}: "${text}" (expected ${choices.map(([word]) => word).join(" or ")})`);
  }
  return choice[1];
}

const SCHEDULERS = [
  ["priority", SchedulerKind.Priority],
  ["random", SchedulerKind.Random],
  ["manual", SchedulerKind.Manual],
] as const;
const VERIFIER = [
  ["off", VerifierMode.Off],
  ["on", VerifierMode.On],
  ["deadlock", VerifierMode.Deadlock],
] as const;
const WINDOWS = [
  ["2003", 2003],
  ["8", 8],
] as const;
const ON_OFF = [
  ["on", true],
  ["off", false],
] as const;

/** One step of a --schedule list: a thread or DPC name, optionally `@cpu`. */
export const SCHEDULE_LABEL = /^[A-Za-z_][A-Za-z0-9_]*(@(0|[1-9][0-9]?))?$/;

function scheduleList(text: string): string[] {
  const labels = text.split(",").map((s) => s.trim());
  labels.forEach((label, i) => {
    if (!SCHEDULE_LABEL.test(label)) {
      throw new UsageError(
        `bad value for --schedule: step ${i + 1} is "${label}" (expected a thread name, or NAME@CPU)`,
      );
    }
  });
  return labels;
}

/** Options that take a value, and those that are flags. */
const VALUE_OPTIONS = new Set([
  "--seed",
  "--cpus",
  "--quantum",
  "--scheduler",
  "--schedule",
  "--max-steps",
  "--verifier",
  "--windows",
  "--boosts",
  "--autoboost",
]);
const FLAG_OPTIONS = new Set(["--json", "--trace"]);

/** The options one command accepts, for scanOptions. */
export interface OptionGrammar {
  /** The command's name, as in `(run takes one FILE)`. */
  readonly command: string;
  readonly valueOptions: ReadonlySet<string>;
  readonly flagOptions: ReadonlySet<string>;
  /** Appended to `unknown option --x` (run says nothing more; explore names itself). */
  readonly unknownOptionSuffix: string;
}

/**
 * Walks `--option value`, `--option=value`, flags and the one FILE in order, handing each option to its
 * callback as it is met (so the first mistake on the command line is the one reported). Returns FILE, or
 * null when there is none; the command decides what a missing FILE means.
 */
export function scanOptions(
  args: readonly string[],
  grammar: OptionGrammar,
  onFlag: (option: string) => void,
  onValue: (option: string, value: string) => void,
): string | null {
  let file: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (!arg.startsWith("--") || arg === "--") {
      if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg}`);
      if (file !== null) throw new UsageError(`unexpected argument "${arg}" (${grammar.command} takes one FILE)`);
      file = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const option = eq < 0 ? arg : arg.slice(0, eq);
    if (grammar.flagOptions.has(option)) {
      if (eq >= 0) throw new UsageError(`option ${option} takes no value`);
      onFlag(option);
      continue;
    }
    if (!grammar.valueOptions.has(option))
      throw new UsageError(`unknown option ${option}${grammar.unknownOptionSuffix}`);
    let value: string;
    if (eq >= 0) value = arg.slice(eq + 1);
    else {
      const next = args[i + 1];
      if (next === undefined || next.startsWith("--")) throw new UsageError(`option ${option} needs a value`);
      value = next;
      i++;
    }
    onValue(option, value);
  }
  return file;
}

const RUN_GRAMMAR: OptionGrammar = {
  command: "run",
  valueOptions: VALUE_OPTIONS,
  flagOptions: FLAG_OPTIONS,
  unknownOptionSuffix: "",
};

/** Parses the arguments after `run`. */
export function parseRunArguments(args: readonly string[]): RunArguments {
  const overrides: { -readonly [K in keyof ScenarioOptions]?: ScenarioOptions[K] } = {};
  let schedule: string[] | null = null;
  let maxSteps = DEFAULT_MAX_STEPS;
  let json = false;
  let trace = false;

  const file = scanOptions(
    args,
    RUN_GRAMMAR,
    (option) => {
      if (option === "--json") json = true;
      else trace = true;
    },
    (option, value) => {
      switch (option) {
        case "--seed":
          overrides.seed = integer(option, value, 0, MAX_U32);
          break;
        case "--cpus":
          overrides.cpus = integer(option, value, 1, 64);
          break;
        case "--quantum":
          overrides.quantum = integer(option, value, 1, MAX_I32);
          break;
        case "--scheduler":
          overrides.scheduler = oneOf(option, value, SCHEDULERS);
          break;
        case "--schedule":
          schedule = scheduleList(value);
          break;
        case "--max-steps":
          maxSteps = integer(option, value, 1, MAX_I32);
          break;
        case "--verifier":
          overrides.verifier = oneOf(option, value, VERIFIER);
          break;
        case "--windows":
          overrides.windows = oneOf(option, value, WINDOWS);
          break;
        case "--boosts":
          overrides.boosts = oneOf(option, value, ON_OFF);
          break;
        case "--autoboost":
          overrides.autoboost = oneOf(option, value, ON_OFF);
          break;
      }
    },
  );
  if (file === null)
    throw new UsageError("run needs a FILE (a .ksync file or a built-in scenario name; see ksync list)");
  return { file, overrides, schedule, maxSteps, json, trace };
}

/** `check FILE` and `explore FILE` take exactly one FILE here. */
export function parseFileOnly(command: string, args: readonly string[]): string {
  let file: string | null = null;
  for (const arg of args) {
    if (arg.startsWith("-") && arg !== "-") throw new UsageError(`unknown option ${arg.split("=")[0]} for ${command}`);
    if (file !== null) throw new UsageError(`unexpected argument "${arg}" (${command} takes one FILE)`);
    file = arg;
  }
  if (file === null) throw new UsageError(`${command} needs a FILE (a .ksync file or a built-in scenario name)`);
  return file;
}
