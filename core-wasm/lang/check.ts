// Name resolution, type checking and lowering of the syntax tree to a Program
// (program.ts). Declarations are collected first, so an apc may name a thread
// declared further down; statements are then checked and lowered body by body
// in source order, which is also the order in which KIRQL locals come into scope.
import type { Arg, AtInsertion, BodyDeclaration, Call, ObjectDeclaration, ScenarioFile, Span, Statement } from "./ast";
import type { Token } from "./lexer";
import {
  ApcKind,
  EventType,
  Limits,
  ObjectType,
  Op,
  ValueSource,
  type ApcDecl,
  type Body,
  type DpcDecl,
  type Insertion,
  type Instruction,
  type ObjectDecl,
  type ScenarioOptions,
  type ThreadDecl,
} from "./program";
import {
  CONSTANTS,
  DIRQL_MAX,
  DIRQL_MIN,
  HIGH_LEVEL,
  IRQL_LEVELS,
  ROUTINES,
  findRoutine,
  isReservedWord,
  objectTypeName,
  type Param,
  type RoutineInfo,
} from "./routines";
import { didYouMean } from "./suggest";

/** A hint, or a function computing it (evaluated only if the error is kept; see Limits.errors). */
export type LazyHint = string | null | (() => string | null);

export interface CheckError {
  readonly span: Span;
  readonly message: string;
  readonly hint: LazyHint;
}

type Entity =
  | { kind: "object"; index: number; type: ObjectType; token: Token }
  | { kind: "thread"; index: number; token: Token }
  | { kind: "apc"; index: number; token: Token }
  | { kind: "dpc"; index: number; token: Token };

interface Local {
  slot: number;
  token: Token;
}

const MAX_I32 = 0x7fffffff;
const MAX_INCREMENT = 31; // KPRIORITY: a priority increment can never exceed the highest priority

function entityDescription(e: Entity): string {
  switch (e.kind) {
    case "object":
      return `a ${objectTypeName(e.type)}`;
    case "thread":
      return "a thread";
    case "apc":
      return "an apc";
    case "dpc":
      return "a dpc";
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export interface CheckResult {
  objects: ObjectDecl[];
  threads: ThreadDecl[];
  apcs: ApcDecl[];
  dpcs: DpcDecl[];
  insertions: Insertion[];
}

/** Checks and lowers a parsed file; errors go to `report`. */
export function checkScenario(
  file: ScenarioFile,
  options: ScenarioOptions,
  lineOf: (offset: number) => number,
  report: (e: CheckError) => void,
  hadSyntaxErrors: boolean,
): CheckResult {
  return new Checker(options, lineOf, report, hadSyntaxErrors).run(file);
}

class Checker {
  private readonly globals = new Map<string, Entity>();
  private readonly objects: ObjectDecl[] = [];
  private readonly threads: ThreadDecl[] = [];
  private readonly apcs: ApcDecl[] = [];
  private readonly dpcs: DpcDecl[] = [];
  private readonly insertions: Insertion[] = [];
  private readonly limitReported = new Set<string>();
  private instructionCount = 0;

  // Per body being lowered.
  private locals = new Map<string, Local>();
  private localNames: string[] = [];
  private code: Instruction[] = [];
  private bodyName = "";

  constructor(
    private readonly options: ScenarioOptions,
    private readonly lineOf: (offset: number) => number,
    private readonly report: (e: CheckError) => void,
    /** Statements with syntax errors were dropped, so "loop takes no step" would be a false alarm. */
    private readonly hadSyntaxErrors: boolean,
  ) {}

  private error(span: Span, message: string, hint: LazyHint = null): void {
    this.report({ span, message, hint });
  }

  private where(token: Token): string {
    return `line ${this.lineOf(token.start)}`;
  }

  /** Reports a limit once; returns true when `count` exceeds it. */
  private overLimit(what: string, count: number, limit: number, span: Span): boolean {
    if (count <= limit) return false;
    if (!this.limitReported.has(what)) {
      this.limitReported.add(what);
      this.error(span, `too many ${what} (the limit is ${limit})`);
    }
    return true;
  }

  run(file: ScenarioFile): CheckResult {
    // Pass 1: every global name, so that references may point forward.
    const bodies: BodyDeclaration[] = [];
    const ats: AtInsertion[] = [];
    for (const d of file.declarations) {
      if (d.kind === "objects") this.declareObjects(d);
      else if (d.kind === "at") ats.push(d);
      else {
        bodies.push(d);
        this.declareBody(d);
      }
    }
    // Pass 2: attributes and bodies, in declaration order per kind.
    for (const d of bodies) this.lowerDeclaration(d);
    for (const at of ats) this.lowerAt(at);
    // Insertions run in tick order; Array.prototype.sort is stable, so ties keep source order.
    this.insertions.sort((a, b) => a.tick - b.tick);
    return {
      objects: this.objects,
      threads: this.threads,
      apcs: this.apcs,
      dpcs: this.dpcs,
      insertions: this.insertions,
    };
  }

  // ---- declarations -------------------------------------------------------

  /** Registers a global name; reports duplicates and reserved words. */
  private declareName(token: Token, entity: Entity, what: string): boolean {
    if (isReservedWord(token.text)) {
      this.error(token, `${token.text} is a reserved word and cannot name ${what}`);
      return false;
    }
    const existing = this.globals.get(token.text);
    if (existing !== undefined) {
      this.error(
        token,
        `duplicate name ${token.text}`,
        `${token.text} is already declared as ${entityDescription(existing)} on ${this.where(existing.token)}`,
      );
      return false;
    }
    this.globals.set(token.text, entity);
    return true;
  }

  private declareObjects(d: ObjectDeclaration): void {
    const type = objectTypeByName(d.type.text);
    for (const item of d.items) {
      const index = this.objects.length;
      if (this.overLimit("objects", index + 1, Limits.objects, item.name)) return;
      let eventType = EventType.Notification;
      let initiallySignaled = false;
      if (type === ObjectType.Event) {
        if (item.init === null) {
          this.error(
            item.name,
            `KEVENT ${item.name.text} needs an initializer`,
            `write KEVENT ${item.name.text} = { SynchronizationEvent, FALSE };`,
          );
        } else {
          eventType = this.eventTypeArg(item.init.type) ?? EventType.Notification;
          initiallySignaled = (this.booleanArg(item.init.state, "the initial state") ?? 0) === 1;
        }
      }
      const declared = this.declareName(
        item.name,
        { kind: "object", index, type, token: item.name },
        `a ${d.type.text}`,
      );
      if (!declared) continue;
      this.objects.push({
        name: item.name.text,
        type,
        eventType,
        initiallySignaled,
        line: this.lineOf(item.name.start),
      });
    }
  }

  private readonly bodyIndex = new Map<BodyDeclaration, number>();
  private readonly bodyCounts = { thread: 0, apc: 0, dpc: 0 };

  private declareBody(d: BodyDeclaration): void {
    const limit = d.kind === "thread" ? Limits.threads : d.kind === "apc" ? Limits.apcs : Limits.dpcs;
    const index = this.bodyCounts[d.kind];
    if (this.overLimit(`${d.kind}s`, index + 1, limit, d.name)) return;
    if (!this.declareName(d.name, { kind: d.kind, index, token: d.name }, `a ${d.kind}`)) return;
    this.bodyCounts[d.kind]++;
    this.bodyIndex.set(d, index);
  }

  private lowerDeclaration(d: BodyDeclaration): void {
    const index = this.bodyIndex.get(d);
    const attrs = this.attributes(d);
    const body = this.lowerBody(d);
    if (index === undefined) return; // duplicate or over a limit: already reported
    const line = this.lineOf(d.name.start);
    const name = d.name.text;
    if (d.kind === "thread") {
      this.threads[index] = {
        name,
        priority: attrs.priority,
        start: attrs.start,
        affinity: attrs.affinity,
        syscall: attrs.syscall,
        body,
        line,
      };
    } else if (d.kind === "apc") {
      this.apcs[index] = { name, kind: attrs.apcKind, target: attrs.target, body, line };
    } else {
      this.dpcs[index] = { name, cpu: attrs.cpu, body, line };
    }
  }

  /** Reads the attribute list of a thread, apc or dpc, with defaults from the spec. */
  private attributes(d: BodyDeclaration): {
    priority: number;
    start: number;
    affinity: number;
    syscall: boolean;
    apcKind: ApcKind;
    target: number;
    cpu: number;
  } {
    const result = {
      priority: 8,
      start: 0,
      affinity: -1,
      syscall: false,
      apcKind: ApcKind.SpecialKernel,
      target: 0,
      cpu: 0,
    };
    const allowed =
      d.kind === "thread"
        ? ["priority", "start", "affinity", "syscall"]
        : d.kind === "apc"
          ? ["special", "normal", "user", "target"]
          : ["cpu"];
    const seen = new Map<string, Token>();
    let kindToken: Token | null = null;
    let targetSeen = false;
    const cpus = this.options.cpus;
    for (const a of d.attributes) {
      const name = a.name.text;
      if (!allowed.includes(name)) {
        const hint = didYouMean(name, allowed) ?? `a ${d.kind} takes ${allowed.join(", ")}`;
        this.error(a.name, `unknown ${d.kind} attribute ${name}`, hint);
        continue;
      }
      const isFlag = name === "syscall" || name === "special" || name === "normal" || name === "user";
      if (isFlag) {
        if (a.value !== null) {
          this.error(a.value, `${name} is a flag and takes no value`, `write just ${name}`);
          continue;
        }
        if (name !== "syscall") {
          if (kindToken !== null) {
            this.error(
              a.name,
              `apc ${d.name.text} has two kinds, ${kindToken.text} and ${name}`,
              "an apc is special, normal or user",
            );
            continue;
          }
          kindToken = a.name;
          result.apcKind =
            name === "special" ? ApcKind.SpecialKernel : name === "normal" ? ApcKind.NormalKernel : ApcKind.User;
          continue;
        }
      }
      const previous = seen.get(name);
      if (previous !== undefined) {
        this.error(a.name, `duplicate attribute ${name}`);
        continue;
      }
      seen.set(name, a.name);
      if (name === "syscall") {
        result.syscall = true;
        continue;
      }
      if (a.value === null) {
        this.error(
          a.name,
          `${name} needs a value`,
          name === "target" ? "write target = ThreadName" : `write ${name} = ${name === "priority" ? 8 : 0}`,
        );
        continue;
      }
      if (name === "target") {
        targetSeen = true;
        const target = this.targetThread(a.value);
        if (target !== null) result.target = target;
        continue;
      }
      const v = this.numberArg(a.value, name);
      if (v === null) continue;
      if (name === "priority") {
        if (v < 1 || v > 31)
          this.error(
            a.value,
            `priority must be 1..31, got ${argText(a.value)}`,
            v === 0 ? "priority 0 belongs to the zero-page thread" : null,
          );
        else result.priority = v;
      } else if (name === "start") {
        if (v < 0 || v > MAX_I32) this.error(a.value, `start must be a tick ≥ 0, got ${argText(a.value)}`);
        else result.start = v;
      } else if (name === "affinity" || name === "cpu") {
        if (v < 0 || v >= cpus) {
          this.error(
            a.value,
            `${name} = ${argText(a.value)} is not a CPU of this scenario`,
            cpus === 1 ? "#cpus is 1, so the only CPU is 0" : `#cpus is ${cpus}, so CPUs are 0..${cpus - 1}`,
          );
        } else if (name === "affinity") result.affinity = v;
        else result.cpu = v;
      }
    }
    if (d.kind === "apc") {
      if (kindToken === null)
        this.error(
          d.name,
          `apc ${d.name.text} needs a kind: special, normal or user`,
          `write apc ${d.name.text} (special, target = ThreadName)`,
        );
      if (!targetSeen)
        this.error(d.name, `apc ${d.name.text} needs a target thread`, "add target = ThreadName to its attributes");
    }
    return result;
  }

  private targetThread(value: Arg): number | null {
    if (value.kind !== "name") {
      this.error(value, "target must name a thread", "write target = ThreadName");
      return null;
    }
    const e = this.globals.get(value.name.text);
    if (e === undefined) {
      this.error(value, `undeclared thread ${value.name.text}`, () =>
        didYouMean(value.name.text, this.namesOf("thread")),
      );
      return null;
    }
    if (e.kind !== "thread") {
      this.error(value, `apc target must be a thread, ${value.name.text} is ${entityDescription(e)}`);
      return null;
    }
    return e.index;
  }

  private namesOf(kind: Entity["kind"], type?: ObjectType): string[] {
    const names: string[] = [];
    for (const [name, e] of this.globals)
      if (e.kind === kind && (type === undefined || (e.kind === "object" && e.type === type))) names.push(name);
    return names;
  }

  private lowerAt(at: AtInsertion): void {
    const tick = this.numberArg(at.tick, "the tick");
    if (tick !== null && (tick < 0 || tick > MAX_I32))
      this.error(at.tick, `at needs a tick ≥ 0, got ${argText(at.tick)}`);
    const name = at.call.name.text;
    if (name !== "KeInsertQueueApc" && name !== "KeInsertQueueDpc") {
      this.error(
        at.call.name,
        `at (T) can only queue an APC or a DPC, not call ${name}`,
        "write at (T) KeInsertQueueApc(&Name); or at (T) KeInsertQueueDpc(&Name);",
      );
      return;
    }
    const routine = findRoutine(name);
    if (routine === undefined) return;
    const values = this.arguments(routine, at.call);
    if (values === null || tick === null || tick < 0) return;
    if (this.overLimit("at insertions", this.insertions.length + 1, Limits.insertions, at.keyword)) return;
    this.insertions.push({
      tick,
      kind: name === "KeInsertQueueApc" ? "apc" : "dpc",
      index: values[0] ?? 0,
      line: this.lineOf(at.keyword.start),
    });
  }

  // ---- bodies -------------------------------------------------------------

  private lowerBody(d: BodyDeclaration): Body {
    this.locals = new Map();
    this.localNames = [];
    this.code = [];
    this.bodyName = `${d.kind} ${d.name.text}`;
    for (const s of d.body.statements) this.statement(s);
    this.emit(Op.End, d.body.close);
    return { localCount: this.localNames.length, localNames: this.localNames, code: this.code };
  }

  private emit(op: Op, at: Span, a = 0, b = 0, c = 0, d = 0): Instruction {
    const ins: Instruction = { op, line: this.lineOf(at.start), a, b, c, d };
    if (!this.overLimit("instructions", ++this.instructionCount, Limits.instructions, at)) this.code.push(ins);
    return ins;
  }

  private allocateLocal(name: string, token: Token | null, span: Span): number {
    const slot = this.localNames.length;
    if (slot >= Limits.localsPerBody) {
      if (!this.limitReported.has(this.bodyName)) {
        this.limitReported.add(this.bodyName);
        this.error(
          span,
          `too many locals in ${this.bodyName} (the limit is ${Limits.localsPerBody})`,
          "each repeat loop uses one hidden local for its counter",
        );
      }
      return -1;
    }
    this.localNames.push(name);
    if (token !== null) this.locals.set(name, { slot, token });
    return slot;
  }

  /** Lowers a statement; returns true when every execution of it takes at least one step. */
  private statement(s: Statement): boolean {
    switch (s.kind) {
      case "empty":
        return false;
      case "block": {
        let steps = false;
        for (const inner of s.statements) steps = this.statement(inner) || steps;
        return steps;
      }
      case "call":
        this.call(s.call, null);
        return true;
      case "assign": {
        const local = this.locals.get(s.target.text);
        if (local === undefined) this.undeclaredLocal(s.target);
        this.call(s.call, local?.slot ?? -1, true);
        return true;
      }
      case "local": {
        for (const name of s.names) {
          if (isReservedWord(name.text)) {
            this.error(name, `${name.text} is a reserved word and cannot name a KIRQL local`);
            continue;
          }
          const existing = this.locals.get(name.text);
          const global = this.globals.get(name.text);
          if (existing !== undefined) {
            this.error(
              name,
              `duplicate name ${name.text}`,
              `${name.text} is already a KIRQL local of this body, declared on ${this.where(existing.token)}`,
            );
            continue;
          }
          if (global !== undefined) {
            this.error(
              name,
              `duplicate name ${name.text}`,
              `${name.text} is already declared as ${entityDescription(global)} on ${this.where(global.token)}`,
            );
            continue;
          }
          this.allocateLocal(name.text, name, name);
        }
        if (s.init === null) return false;
        const first = s.names[0];
        const local = first === undefined ? undefined : this.locals.get(first.text);
        this.call(s.init, local?.slot ?? -1, true);
        return true;
      }
      case "if":
        return this.ifStatement(s);
      case "repeat":
        return this.repeatStatement(s);
      case "while":
        return this.whileStatement(s);
    }
  }

  private ifStatement(s: Extract<Statement, { kind: "if" }>): boolean {
    const routine = findRoutine(s.condition.name.text);
    let tryIns: Instruction | null = null;
    if (routine === undefined) {
      this.unknownRoutine(s.condition.name);
    } else if (routine.isTry !== true) {
      this.error(
        s.condition.name,
        `${routine.name} cannot be an if condition`,
        "the conditions are KeTryToAcquireGuardedMutex(&M) and ExTryToAcquireFastMutex(&F)",
      );
    } else {
      const values = this.arguments(routine, s.condition);
      if (values !== null) tryIns = this.emit(routine.op, s.condition, values[0] ?? 0);
    }
    this.statement(s.then);
    if (s.otherwise !== null && s.elseKeyword !== null) {
      const jump = this.emit(Op.Jump, s.elseKeyword);
      if (tryIns !== null) tryIns.b = this.code.length;
      this.statement(s.otherwise);
      jump.a = this.code.length;
    } else if (tryIns !== null) {
      tryIns.b = this.code.length;
    }
    return true; // the Try call itself is a step
  }

  private repeatStatement(s: Extract<Statement, { kind: "repeat" }>): boolean {
    const count = this.numberArg(s.count, "the repeat count");
    if (count !== null && (count < 0 || count > MAX_I32))
      this.error(s.count, `repeat needs a count ≥ 0, got ${argText(s.count)}`);
    // One hidden counter per loop, named after its line, so a debugger view can show it.
    const slot = this.allocateLocal(`repeat@${this.lineOf(s.keyword.start)}`, null, s.keyword);
    const init = this.emit(Op.RepeatInit, s.keyword, slot, count ?? 0);
    const first = this.code.length;
    const steps = this.statement(s.body);
    this.emit(Op.RepeatNext, s.keyword, slot, first);
    init.c = this.code.length;
    if (!steps) this.noStepLoop(s.keyword, "repeat");
    return steps && count !== null && count > 0;
  }

  private whileStatement(s: Extract<Statement, { kind: "while" }>): boolean {
    const first = this.code.length;
    const steps = this.statement(s.body);
    this.emit(Op.Jump, s.keyword, first);
    if (!steps) this.noStepLoop(s.keyword, "while (TRUE)");
    return steps;
  }

  private noStepLoop(keyword: Token, what: string): void {
    if (this.hadSyntaxErrors) return;
    // A loop whose body takes no step would run forever (or 2^31 times) inside one engine step.
    this.error(
      keyword,
      `this ${what} loop takes no step per iteration`,
      "put a statement such as Work(1) or Yield() in its body",
    );
  }

  private unknownRoutine(name: Token): void {
    const sameIgnoringCase = ROUTINES.find((r) => r.name.toLowerCase() === name.text.toLowerCase());
    if (sameIgnoringCase !== undefined) {
      this.error(
        name,
        `unknown routine ${name.text}`,
        `routine names are case-sensitive: did you mean ${sameIgnoringCase.name}?`,
      );
      return;
    }
    const e = this.globals.get(name.text);
    if (e !== undefined) {
      this.error(name, `${name.text} is ${entityDescription(e)}, not a routine`);
      return;
    }
    const replacement = Object.hasOwn(REPLACEMENTS, name.text) ? REPLACEMENTS[name.text] : undefined;
    this.error(
      name,
      `unknown routine ${name.text}`,
      () =>
        replacement ??
        didYouMean(
          name.text,
          ROUTINES.map((r) => r.name),
        ),
    );
  }

  private undeclaredLocal(name: Token): void {
    this.error(name, `undeclared local ${name.text}`, `declare it first: KIRQL ${name.text};`);
  }

  /**
   * Checks a call statement and emits its instruction. `resultSlot` is the
   * KIRQL local receiving KeRaiseIrqlToDpcLevel's result (-1: none); `assigned`
   * says the call's value is used.
   */
  private call(call: Call, resultSlot: number | null, assigned = false): void {
    const routine = findRoutine(call.name.text);
    if (routine === undefined) {
      this.unknownRoutine(call.name);
      return;
    }
    if (assigned && routine.op !== Op.RaiseIrqlToDpcLevel) {
      const hint =
        routine.isTry === true
          ? `${routine.name} returns a BOOLEAN: use it as an if condition`
          : "only KeRaiseIrqlToDpcLevel() returns an IRQL";
      this.error(call.name, `${routine.name} does not return a KIRQL`, hint);
      return;
    }
    const values = this.arguments(routine, call);
    if (values === null) return;
    const [a = 0, b = 0, c = 0, d = 0] = values;
    switch (routine.op) {
      case Op.RaiseIrqlToDpcLevel:
        this.emit(routine.op, call, resultSlot ?? -1);
        return;
      case Op.TryToAcquireGuardedMutex:
      case Op.TryToAcquireFastMutex:
        // As a plain statement the FALSE target is simply the next instruction.
        this.emit(routine.op, call, a, this.code.length + 1);
        return;
      default:
        this.emit(routine.op, call, a, b, c, d);
    }
  }

  /**
   * Checks the arguments of a call against the routine's parameters and returns
   * the operand values in instruction order, or null after an error. IRQL values
   * expand to (ValueSource, value) pairs.
   */
  private arguments(routine: RoutineInfo, call: Call): number[] | null {
    const params = routine.params;
    const required = params.filter((p) => p.defaultText === undefined).length;
    const n = call.args.length;
    if (n < required || n > params.length) {
      const expected =
        required === params.length ? plural(params.length, "argument") : `${required} to ${params.length} arguments`;
      this.error(call, `${routine.name} takes ${expected}, got ${n}`, `write ${routine.signature}`);
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
        if (arg.kind === "name" && this.locals.has(arg.name.text)) {
          this.error(arg, `${routine.name} needs an IRQL constant such as DISPATCH_LEVEL, not a local`);
          return null;
        }
        const level = this.irqlConstant(routine, arg);
        return level === null ? null : [level];
      }
      case "irqlValue": {
        if (arg.kind === "address") {
          this.error(arg, `${routine.name} takes the saved KIRQL value, not its address`, `write ${arg.name.text}`);
          return null;
        }
        if (arg.kind === "name" && !isIrqlName(arg.name.text)) {
          const local = this.locals.get(arg.name.text);
          if (local !== undefined) return [ValueSource.Local, local.slot];
          const e = this.globals.get(arg.name.text);
          if (e !== undefined) {
            this.error(
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
          this.error(arg, `${routine.name} expects the address of a KIRQL local`, `write &${shown}`);
          return null;
        }
        const local = this.locals.get(arg.name.text);
        if (local === undefined) {
          const e = this.globals.get(arg.name.text);
          if (e !== undefined)
            this.error(
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
          this.error(arg, `${t.what}, got ${argText(arg)}`);
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
          this.error(arg, `the priority increment must be 0..${MAX_INCREMENT}, got ${argText(arg)}`);
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
        this.error(arg, `expected a wait reason (Executive), found ${argText(arg)}`);
        return null;
      case "waitMode":
        if (arg.kind === "name" && (arg.name.text === "KernelMode" || arg.name.text === "UserMode"))
          return [arg.name.text === "UserMode" ? 1 : 0];
        this.error(
          arg,
          `expected KernelMode or UserMode, found ${argText(arg)}`,
          arg.kind === "name" ? didYouMean(arg.name.text, ["KernelMode", "UserMode"]) : null,
        );
        return null;
      case "timeout": {
        if (arg.kind === "name" && arg.name.text === "NULL") return [-1];
        if (arg.kind !== "number") {
          this.error(
            arg,
            `the timeout must be NULL or a number of ticks ≥ 0, found ${argText(arg)}`,
            "LARGE_INTEGER intervals are written as plain tick counts",
          );
          return null;
        }
        if (arg.value < 0 || arg.value > MAX_I32) {
          this.error(
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
      this.error(arg, `${routine.name} expects the address of ${article} ${typeName}`, hint);
      return null;
    }
    const name = arg.name.text;
    const e = this.globals.get(name);
    if (e === undefined) {
      const local = this.locals.get(name);
      if (local !== undefined) {
        this.error(arg, `${routine.name} expects ${article} ${typeName}, ${name} is a KIRQL local`);
        return null;
      }
      const what = kind === "object" ? "object" : kind;
      this.error(
        arg.name,
        `undeclared ${what} ${name}`,
        () => didYouMean(name, this.namesOf(kind, objectType)) ?? didYouMean(name, this.globals.keys()),
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
      this.error(arg, `${routine.name} expects ${article} ${typeName}, ${name} is ${entityDescription(e)}`, waitHint);
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
          this.error(arg, "DIRQL needs a device level", "write DIRQL(5) for a level 3..12");
          return null;
        }
        this.error(
          arg,
          `unknown IRQL ${name}`,
          didYouMean(name, [...Object.keys(IRQL_LEVELS), "DIRQL"]) ??
            "IRQLs: PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL(n), CLOCK_LEVEL, IPI_LEVEL, HIGH_LEVEL",
        );
        return null;
      }
      case "dirql":
        if (arg.value < DIRQL_MIN || arg.value > DIRQL_MAX) {
          this.error(
            arg.valueSpan,
            `DIRQL level must be ${DIRQL_MIN}..${DIRQL_MAX}, got ${arg.valueSpan.text}`,
            "device IRQLs on x64 are 3..12",
          );
          return null;
        }
        return arg.value;
      case "number":
        if (arg.value < 0 || arg.value > HIGH_LEVEL) {
          this.error(
            arg,
            `IRQL ${arg.text} is out of range 0..15`,
            "x64 IRQLs run from PASSIVE_LEVEL (0) to HIGH_LEVEL (15)",
          );
          return null;
        }
        return arg.value;
      case "address":
        this.error(arg, `${routine.name} expects an IRQL such as DISPATCH_LEVEL, found &${arg.name.text}`);
        return null;
    }
  }

  private numberArg(arg: Arg, what: string): number | null {
    if (arg.kind === "number") return arg.value;
    this.error(arg, `${what} must be a number, found ${argText(arg)}`);
    return null;
  }

  private booleanArg(arg: Arg, what: string): number | null {
    if (arg.kind === "name" && (arg.name.text === "TRUE" || arg.name.text === "FALSE"))
      return arg.name.text === "TRUE" ? 1 : 0;
    if (arg.kind === "number" && (arg.value === 0 || arg.value === 1)) return arg.value;
    this.error(arg, `${what} must be TRUE or FALSE, found ${argText(arg)}`);
    return null;
  }

  private eventTypeArg(arg: Arg): EventType | null {
    if (arg.kind === "name" && arg.name.text === "NotificationEvent") return EventType.Notification;
    if (arg.kind === "name" && arg.name.text === "SynchronizationEvent") return EventType.Synchronization;
    const hint = arg.kind === "name" ? didYouMean(arg.name.text, ["NotificationEvent", "SynchronizationEvent"]) : null;
    this.error(arg, `expected NotificationEvent or SynchronizationEvent, found ${argText(arg)}`, hint);
    return null;
  }
}

/** Real WDK routines the language models differently: the hint names the replacement. */
const REPLACEMENTS: Readonly<Record<string, string>> = {
  KeDelayExecutionThread: "write Delay(n): KeDelayExecutionThread for n ticks",
  ZwYieldExecution: "write Yield()",
  NtYieldExecution: "write Yield()",
  KeStallExecutionProcessor: "write Work(n): n ticks of CPU at the current IRQL",
  KeWaitForMultipleObjects: "only KeWaitForSingleObject is simulated",
  KeWaitForMutexObject: "KMUTEX is not simulated; use a KGUARDED_MUTEX or FAST_MUTEX",
  KeReleaseMutex: "KMUTEX is not simulated; use a KGUARDED_MUTEX or FAST_MUTEX",
  KeAcquireSpinLockRaiseToDpc: "write KeAcquireSpinLock(&S, &old)",
  KeInitializeApc: "declare it: apc Name (special, target = Thread) { … }",
  KeInitializeDpc: "declare it: dpc Name (cpu = 0) { … }",
};

function objectTypeByName(name: string): ObjectType {
  switch (name) {
    case "FAST_MUTEX":
      return ObjectType.FastMutex;
    case "KSPIN_LOCK":
      return ObjectType.SpinLock;
    case "KEVENT":
      return ObjectType.Event;
    default:
      return ObjectType.GuardedMutex;
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

function argText(arg: Arg): string {
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
