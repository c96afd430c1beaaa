// Directives (#cpus, #quantum, ...) and command-line overrides → ScenarioOptions.
// Defaults are those of scenario-language.md's directive table; `#autoboost`
// defaults to on for `#windows 8` and off for `#windows 2003`, decided after
// overrides so that `--windows 2003` alone also turns AutoBoost off.
import type { Directive, Span } from "./ast";
import { TokenKind } from "./lexer";
import { Limits, SchedulerKind, VerifierMode, type ScenarioOptions, type WindowsGeneration } from "./program";

export interface OptionError {
  readonly span: Span;
  readonly message: string;
  readonly hint: string | null;
}

export interface DirectiveResult {
  options: ScenarioOptions;
  title: string | null;
  description: string | null;
}

export const DEFAULT_OPTIONS: Readonly<Omit<ScenarioOptions, "autoboost">> = {
  cpus: 1,
  quantum: 3,
  seed: 1,
  scheduler: SchedulerKind.Priority,
  verifier: VerifierMode.On,
  windows: 8,
  boosts: true,
};

const MAX_I32 = 0x7fffffff;
const MAX_U32 = 0xffffffff;

const SCHEDULERS: Record<string, SchedulerKind> = {
  priority: SchedulerKind.Priority,
  random: SchedulerKind.Random,
  manual: SchedulerKind.Manual,
};
const VERIFIER_MODES: Record<string, VerifierMode> = {
  off: VerifierMode.Off,
  on: VerifierMode.On,
  deadlock: VerifierMode.Deadlock,
};
const ON_OFF: Record<string, boolean> = { on: true, off: false };

function pick<T>(table: Record<string, T>, word: string): T | undefined {
  return Object.hasOwn(table, word) ? table[word] : undefined;
}

/** Applies the directives, then the overrides (which win), then the autoboost default. */
export function resolveOptions(
  directives: readonly Directive[],
  overrides: Partial<ScenarioOptions> | undefined,
  report: (e: OptionError) => void,
  lineOf: (offset: number) => number,
): DirectiveResult {
  const o: Omit<ScenarioOptions, "autoboost"> & { autoboost: boolean | null } = { ...DEFAULT_OPTIONS, autoboost: null };
  let title: string | null = null;
  let description: string | null = null;
  const seen = new Map<string, Directive>();

  for (const d of directives) {
    const name = d.name.text;
    if (d.afterDeclaration) {
      report({
        span: d.name,
        message: `${name} must come before any declaration`,
        hint: "move the directives to the top of the file",
      });
      continue;
    }
    const first = seen.get(name);
    if (first !== undefined) {
      report({
        span: d.name,
        message: `duplicate directive ${name}`,
        hint: `it is already set on line ${lineOf(first.start)}`,
      });
      continue;
    }
    seen.set(name, d);
    const arg = d.argument;
    const word = arg !== null && arg.kind === TokenKind.Identifier ? arg.text : null;
    const num = arg !== null && arg.kind === TokenKind.Number ? arg.value : null;
    const where: Span = arg ?? d.name;
    const bad = (message: string, hint: string | null = null): void => report({ span: where, message, hint });
    switch (name) {
      case "#title":
      case "#description":
        if (arg === null || arg.kind !== TokenKind.String) bad(`${name} needs a "quoted text" on the same line`);
        else if (name === "#title") title = arg.stringValue;
        else description = arg.stringValue;
        break;
      case "#cpus":
        if (num === null) bad("#cpus needs a number of processors, 1..64");
        else if (num < 1 || num > Limits.cpus) bad(`#cpus must be 1..${Limits.cpus}, got ${arg?.text}`);
        else o.cpus = num;
        break;
      case "#quantum":
        if (num === null) bad("#quantum needs a number of steps ≥ 1");
        else if (num < 1 || num > MAX_I32) bad(`#quantum must be at least 1, got ${arg?.text}`);
        else o.quantum = num;
        break;
      case "#seed":
        if (num === null) bad("#seed needs a number, 0..0xFFFFFFFF");
        else if (num > MAX_U32) bad(`#seed must be 0..0xFFFFFFFF, got ${arg?.text}`);
        else o.seed = num;
        break;
      case "#scheduler": {
        const v = word === null ? undefined : pick(SCHEDULERS, word);
        if (v === undefined) bad(`#scheduler must be priority, random or manual${arg ? `, got ${arg.text}` : ""}`);
        else o.scheduler = v;
        break;
      }
      case "#verifier": {
        const v = word === null ? undefined : pick(VERIFIER_MODES, word);
        if (v === undefined) bad(`#verifier must be off, on or deadlock${arg ? `, got ${arg.text}` : ""}`);
        else o.verifier = v;
        break;
      }
      case "#windows":
        if (num !== 2003 && num !== 8)
          bad(
            `#windows must be 2003 or 8${arg ? `, got ${arg.text}` : ""}`,
            "2003 = Server 2003 SP1 to Windows 7, 8 = Windows 8 and later",
          );
        else o.windows = num;
        break;
      case "#boosts":
      case "#autoboost": {
        const v = word === null ? undefined : pick(ON_OFF, word);
        if (v === undefined) bad(`${name} must be on or off${arg ? `, got ${arg.text}` : ""}`);
        else if (name === "#boosts") o.boosts = v;
        else o.autoboost = v;
        break;
      }
    }
  }

  const origin: Span = { start: 0, end: 0 };
  const badOverride = (field: string, value: unknown, range: string): void =>
    report({ span: origin, message: `option ${field} = ${String(value)} is out of range (${range})`, hint: null });
  if (overrides !== undefined) {
    const v = overrides;
    if (v.cpus !== undefined) {
      if (Number.isInteger(v.cpus) && v.cpus >= 1 && v.cpus <= Limits.cpus) o.cpus = v.cpus;
      else badOverride("cpus", v.cpus, `1..${Limits.cpus}`);
    }
    if (v.quantum !== undefined) {
      if (Number.isInteger(v.quantum) && v.quantum >= 1 && v.quantum <= MAX_I32) o.quantum = v.quantum;
      else badOverride("quantum", v.quantum, "at least 1");
    }
    if (v.seed !== undefined) {
      if (Number.isInteger(v.seed) && v.seed >= 0 && v.seed <= MAX_U32) o.seed = v.seed;
      else badOverride("seed", v.seed, "0..0xFFFFFFFF");
    }
    if (v.scheduler !== undefined) {
      if (Object.values(SCHEDULERS).includes(v.scheduler)) o.scheduler = v.scheduler;
      else badOverride("scheduler", v.scheduler, "priority, random or manual");
    }
    if (v.verifier !== undefined) {
      if (Object.values(VERIFIER_MODES).includes(v.verifier)) o.verifier = v.verifier;
      else badOverride("verifier", v.verifier, "off, on or deadlock");
    }
    if (v.windows !== undefined) {
      if (v.windows === 2003 || v.windows === 8) o.windows = v.windows as WindowsGeneration;
      else badOverride("windows", v.windows, "2003 or 8");
    }
    if (v.boosts !== undefined) o.boosts = Boolean(v.boosts);
    if (v.autoboost !== undefined) o.autoboost = Boolean(v.autoboost);
  }
  // docs/kernel-semantics.md §7 (scheduler, AutoBoost): AutoBoost exists from Windows 8 on.
  const options: ScenarioOptions = { ...o, autoboost: o.autoboost ?? o.windows === 8 };
  return { options, title, description };
}
