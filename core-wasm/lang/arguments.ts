// Checks the arguments of a routine call against its WDK parameter list
// (routines.ts) and turns them into instruction operands.
import type { Arg, Call } from "./ast";
import type { Token } from "./lexer";
import { EventType, ObjectType, Op, ValueSource } from "./program";
import {
  CONSTANTS,
  DIRQL_MAX,
  DIRQL_MIN,
  HIGH_LEVEL,
  IRQL_LEVELS,
  objectTypeName,
  type Param,
  type RoutineInfo,
} from "./routines";
import { entityDescription, type Entity, type Scope } from "./scope";
import { didYouMean } from "./suggest";

const MAX_I32 = 0x7fffffff;
const MAX_INCREMENT = 31; // KPRIORITY: a priority increment can never exceed the highest priority

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export class ArgumentChecker {
  constructor(private readonly scope: Scope) {}

  undeclaredLocal(name: Token): void {
    this.scope.error(name, `undeclared local ${name.text}`, `declare it first: KIRQL ${name.text};`);
  }

  /**
   * Checks the arguments of a call against the routine's parameters and returns
   * the operand values in instruction order, or null after an error. IRQL values
   * expand to (ValueSource, value) pairs.
   */
  arguments(routine: RoutineInfo, call: Call): number[] | null {
    const params = routine.params;
    const required = params.filter((p) => p.defaultText === undefined).length;
    const n = call.args.length;
    if (n < required || n > params.length) {
      const expected =
        required === params.length ? plural(params.length, "argument") : `${required} to ${params.length} arguments`;
      this.scope.error(call, `${routine.name} takes ${expected}, got ${n}`, `write ${routine.signature}`);
      return null;
    }
    const values: number[] = [];
    let ok = true;
    params.forEach((p, i) => {
      const arg = call.args[i];
      const v = arg === undefined ? defaultValue(p) : this.argument(routine, p, arg);
      if (v === null) ok = false;
      else values.push(...v);
    });
    return ok ? values : null;
  }

  private argument(routine: RoutineInfo, p: Param, arg: Arg): number[] | null {
    const t = p.type;
    switch (t.kind) {
      case "object":
        return this.addressOf(
          routine,
          arg,
          objectTypeName(t.type),
          (e) => (e.kind === "object" && e.type === t.type ? e.index : null),
          "object",
          t.type,
        );
      case "apc":
        return this.addressOf(routine, arg, "apc", (e) => (e.kind === "apc" ? e.index : null), "apc");
      case "dpc":
        return this.addressOf(routine, arg, "dpc", (e) => (e.kind === "dpc" ? e.index : null), "dpc");
      case "irql": {
        if (arg.kind === "name" && this.scope.locals.has(arg.name.text)) {
          this.scope.error(arg, `${routine.name} needs an IRQL constant such as DISPATCH_LEVEL, not a local`);
          return null;
        }
        const level = this.irqlConstant(routine, arg);
        return level === null ? null : [level];
      }
      case "irqlValue": {
        if (arg.kind === "address") {
          this.scope.error(
            arg,
            `${routine.name} takes the saved KIRQL value, not its address`,
            `write ${arg.name.text}`,
          );
          return null;
        }
        if (arg.kind === "name" && !isIrqlName(arg.name.text)) {
          const local = this.scope.locals.get(arg.name.text);
          if (local !== undefined) return [ValueSource.Local, local.slot];
          const e = this.scope.globals.get(arg.name.text);
          if (e !== undefined) {
            this.scope.error(
              arg,
              `${routine.name} expects a KIRQL local or an IRQL, ${arg.name.text} is ${entityDescription(e)}`,
            );
            return null;
          }
          if (!looksLikeIrql(arg.name.text)) {
            this.undeclaredLocal(arg.name);
            return null;
          }
        }
        const level = this.irqlConstant(routine, arg);
        return level === null ? null : [ValueSource.Constant, level];
      }
      case "irqlOut": {
        if (arg.kind !== "address") {
          const shown = arg.kind === "name" ? arg.name.text : "old";
          this.scope.error(arg, `${routine.name} expects the address of a KIRQL local`, `write &${shown}`);
          return null;
        }
        const local = this.scope.locals.get(arg.name.text);
        if (local === undefined) {
          const e = this.scope.globals.get(arg.name.text);
          if (e !== undefined)
            this.scope.error(
              arg,
              `${routine.name} expects the address of a KIRQL local, ${arg.name.text} is ${entityDescription(e)}`,
            );
          else this.undeclaredLocal(arg.name);
          return null;
        }
        return [local.slot];
      }
      case "integer": {
        const v = this.numberArg(arg, p.name);
        if (v === null) return null;
        if (v < t.min || v > t.max) {
          this.scope.error(arg, `${t.what}, got ${argText(arg)}`);
          return null;
        }
        return [v];
      }
      case "increment": {
        if (arg.kind === "name" && (arg.name.text === "IO_NO_INCREMENT" || arg.name.text === "EVENT_INCREMENT"))
          return [CONSTANTS[arg.name.text] ?? 0];
        const v = this.numberArg(arg, "the priority increment");
        if (v === null) return null;
        if (v < 0 || v > MAX_INCREMENT) {
          this.scope.error(arg, `the priority increment must be 0..${MAX_INCREMENT}, got ${argText(arg)}`);
          return null;
        }
        return [v];
      }
      case "boolean": {
        const v = this.booleanArg(arg, p.name);
        return v === null ? null : [v];
      }
      case "waitReason":
        if (arg.kind === "name" && (arg.name.text === "Executive" || arg.name.text === "UserRequest")) return [];
        this.scope.error(arg, `expected a wait reason (Executive), found ${argText(arg)}`);
        return null;
      case "waitMode":
        if (arg.kind === "name" && (arg.name.text === "KernelMode" || arg.name.text === "UserMode"))
          return [arg.name.text === "UserMode" ? 1 : 0];
        this.scope.error(
          arg,
          `expected KernelMode or UserMode, found ${argText(arg)}`,
          arg.kind === "name" ? didYouMean(arg.name.text, ["KernelMode", "UserMode"]) : null,
        );
        return null;
      case "timeout": {
        if (arg.kind === "name" && arg.name.text === "NULL") return [-1];
        if (arg.kind !== "number") {
          this.scope.error(
            arg,
            `the timeout must be NULL or a number of ticks ≥ 0, found ${argText(arg)}`,
            "LARGE_INTEGER intervals are written as plain tick counts",
          );
          return null;
        }
        if (arg.value < 0 || arg.value > MAX_I32) {
          this.scope.error(
            arg,
            `the timeout must be NULL or a number of ticks ≥ 0, got ${arg.text}`,
            "Simplification: timeouts are ticks, not negative 100-ns intervals",
          );
          return null;
        }
        return [arg.value];
      }
      case "eventType": {
        const v = this.eventTypeArg(arg);
        return v === null ? null : [v];
      }
    }
  }

  private addressOf(
    routine: RoutineInfo,
    arg: Arg,
    typeName: string,
    accept: (e: Entity) => number | null,
    kind: Entity["kind"],
    objectType?: ObjectType,
  ): number[] | null {
    const article = /^[aeiou]/i.test(typeName) ? "an" : "a";
    if (arg.kind !== "address") {
      const hint = arg.kind === "name" ? `write &${arg.name.text}` : null;
      this.scope.error(arg, `${routine.name} expects the address of ${article} ${typeName}`, hint);
      return null;
    }
    const name = arg.name.text;
    const e = this.scope.globals.get(name);
    if (e === undefined) {
      const local = this.scope.locals.get(name);
      if (local !== undefined) {
        this.scope.error(arg, `${routine.name} expects ${article} ${typeName}, ${name} is a KIRQL local`);
        return null;
      }
      const what = kind === "object" ? "object" : kind;
      this.scope.error(
        arg.name,
        `undeclared ${what} ${name}`,
        () => didYouMean(name, this.scope.namesOf(kind, objectType)) ?? didYouMean(name, this.scope.globals.keys()),
      );
      return null;
    }
    const index = accept(e);
    if (index === null) {
      const waitHint =
        routine.op === Op.WaitForSingleObject &&
        e.kind === "object" &&
        (e.type === ObjectType.GuardedMutex || e.type === ObjectType.FastMutex)
          ? "guarded and fast mutexes are not dispatcher objects; acquire them with their own routines"
          : null;
      this.scope.error(
        arg,
        `${routine.name} expects ${article} ${typeName}, ${name} is ${entityDescription(e)}`,
        waitHint,
      );
      return null;
    }
    return [index];
  }

  /** An IRQL written as a constant: a name, DIRQL(n) or a number 0..15. */
  private irqlConstant(routine: RoutineInfo, arg: Arg): number | null {
    switch (arg.kind) {
      case "name": {
        const name = arg.name.text;
        if (Object.hasOwn(IRQL_LEVELS, name)) return IRQL_LEVELS[name] ?? 0;
        if (name === "DIRQL") {
          this.scope.error(arg, "DIRQL needs a device level", "write DIRQL(5) for a level 3..12");
          return null;
        }
        this.scope.error(
          arg,
          `unknown IRQL ${name}`,
          didYouMean(name, [...Object.keys(IRQL_LEVELS), "DIRQL"]) ??
            "IRQLs: PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL(n), CLOCK_LEVEL, IPI_LEVEL, HIGH_LEVEL",
        );
        return null;
      }
      case "dirql":
        if (arg.value < DIRQL_MIN || arg.value > DIRQL_MAX) {
          this.scope.error(
            arg.valueSpan,
            `DIRQL level must be ${DIRQL_MIN}..${DIRQL_MAX}, got ${arg.valueSpan.text}`,
            "device IRQLs on x64 are 3..12",
          );
          return null;
        }
        return arg.value;
      case "number":
        if (arg.value < 0 || arg.value > HIGH_LEVEL) {
          this.scope.error(
            arg,
            `IRQL ${arg.text} is out of range 0..15`,
            "x64 IRQLs run from PASSIVE_LEVEL (0) to HIGH_LEVEL (15)",
          );
          return null;
        }
        return arg.value;
      case "address":
        this.scope.error(arg, `${routine.name} expects an IRQL such as DISPATCH_LEVEL, found &${arg.name.text}`);
        return null;
    }
  }

  numberArg(arg: Arg, what: string): number | null {
    if (arg.kind === "number") return arg.value;
    this.scope.error(arg, `${what} must be a number, found ${argText(arg)}`);
    return null;
  }

  booleanArg(arg: Arg, what: string): number | null {
    if (arg.kind === "name" && (arg.name.text === "TRUE" || arg.name.text === "FALSE"))
      return arg.name.text === "TRUE" ? 1 : 0;
    if (arg.kind === "number" && (arg.value === 0 || arg.value === 1)) return arg.value;
    this.scope.error(arg, `${what} must be TRUE or FALSE, found ${argText(arg)}`);
    return null;
  }

  eventTypeArg(arg: Arg): EventType | null {
    if (arg.kind === "name" && arg.name.text === "NotificationEvent") return EventType.Notification;
    if (arg.kind === "name" && arg.name.text === "SynchronizationEvent") return EventType.Synchronization;
    const hint = arg.kind === "name" ? didYouMean(arg.name.text, ["NotificationEvent", "SynchronizationEvent"]) : null;
    this.scope.error(arg, `expected NotificationEvent or SynchronizationEvent, found ${argText(arg)}`, hint);
    return null;
  }
}

function isIrqlName(name: string): boolean {
  return Object.hasOwn(IRQL_LEVELS, name) || name === "DIRQL";
}

/**
 * Heuristic for KeLowerIrql(X): an unknown X written like a C constant
 * (DISPATCH, HIGH_LEVL) is reported as a bad IRQL, anything else as an
 * undeclared local.
 */
function looksLikeIrql(name: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(name) || didYouMean(name, Object.keys(IRQL_LEVELS)) !== null;
}

export function argText(arg: Arg): string {
  switch (arg.kind) {
    case "address":
      return `&${arg.name.text}`;
    case "name":
      return arg.name.text;
    case "number":
      return arg.text;
    case "dirql":
      return `DIRQL(${arg.valueSpan.text})`;
  }
}

/** Operand values of an omitted trailing argument (its WDK-typical default). */
function defaultValue(p: Param): number[] {
  switch (p.type.kind) {
    case "waitReason":
      return [];
    case "timeout":
      return [-1];
    default:
      return [0]; // KernelMode, FALSE, increment 0
  }
}
