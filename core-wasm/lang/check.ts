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
  type ApcDecl,
  type Body,
  type DpcDecl,
  type Goal,
  type Insertion,
  type Instruction,
  type Label,
  type ObjectDecl,
  type ScenarioOptions,
  type ThreadDecl,
} from "./program";
import { ROUTINES, findRoutine, isReservedWord } from "./routines";
import { ArgumentChecker, argText } from "./arguments";
import { resolveGoal } from "./goal";
import { entityDescription, type Entity, type LazyHint, type Local, type Scope } from "./scope";
import { didYouMean } from "./suggest";

export type { LazyHint } from "./scope";

export interface CheckError {
  readonly span: Span;
  readonly message: string;
  readonly hint: LazyHint;
}

const MAX_I32 = 0x7fffffff;

export interface CheckResult {
  objects: ObjectDecl[];
  threads: ThreadDecl[];
  apcs: ApcDecl[];
  dpcs: DpcDecl[];
  insertions: Insertion[];
  goal: Goal | null;
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

class Checker implements Scope {
  readonly globals = new Map<string, Entity>();
  private readonly args = new ArgumentChecker(this);
  private readonly objects: ObjectDecl[] = [];
  private readonly threads: ThreadDecl[] = [];
  private readonly apcs: ApcDecl[] = [];
  private readonly dpcs: DpcDecl[] = [];
  private readonly insertions: Insertion[] = [];
  private readonly limitReported = new Set<string>();
  private instructionCount = 0;

  // Per body being lowered.
  locals = new Map<string, Local>();
  private localNames: string[] = [];
  private code: Instruction[] = [];
  private labels: Label[] = [];
  private bodyName = "";

  constructor(
    private readonly options: ScenarioOptions,
    private readonly lineOf: (offset: number) => number,
    private readonly report: (e: CheckError) => void,
    /** Statements with syntax errors were dropped, so "loop takes no step" would be a false alarm. */
    private readonly hadSyntaxErrors: boolean,
  ) {}

  error(span: Span, message: string, hint: LazyHint = null): void {
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
    // After the bodies: a goal names threads' labels.
    const goal = resolveGoal(file.directives, {
      globals: this.globals,
      threads: this.threads,
      namesOf: (kind) => this.namesOf(kind),
      error: (span, message, hint) => this.error(span, message, hint),
      lineOf: this.lineOf,
    });
    return {
      objects: this.objects,
      threads: this.threads,
      apcs: this.apcs,
      dpcs: this.dpcs,
      insertions: this.insertions,
      goal,
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
          eventType = this.args.eventTypeArg(item.init.type) ?? EventType.Notification;
          initiallySignaled = (this.args.booleanArg(item.init.state, "the initial state") ?? 0) === 1;
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
      const v = this.args.numberArg(a.value, name);
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

  namesOf(kind: Entity["kind"], type?: ObjectType): string[] {
    const names: string[] = [];
    for (const [name, e] of this.globals)
      if (e.kind === kind && (type === undefined || (e.kind === "object" && e.type === type))) names.push(name);
    return names;
  }

  private lowerAt(at: AtInsertion): void {
    const tick = this.args.numberArg(at.tick, "the tick");
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
    const values = this.args.arguments(routine, at.call);
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
    this.labels = [];
    this.bodyName = `${d.kind} ${d.name.text}`;
    for (const s of d.body.statements) this.statement(s);
    this.emit(Op.End, d.body.close);
    return { localCount: this.localNames.length, localNames: this.localNames, code: this.code, labels: this.labels };
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
        if (local === undefined) this.args.undeclaredLocal(s.target);
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
      case "labelled":
        return this.labelledStatement(s);
    }
  }

  /** A label names the instructions of its statement (a #goal's `T at L` holds while T's current one is among them). */
  private labelledStatement(s: Extract<Statement, { kind: "labelled" }>): boolean {
    const name = s.label;
    const label: Label = {
      name: name.text,
      start: this.code.length,
      end: this.code.length,
      line: this.lineOf(name.start),
    };
    let declared = true;
    if (isReservedWord(name.text)) {
      this.error(name, `${name.text} is a reserved word and cannot be a label`);
      declared = false;
    }
    const existing = this.labels.find((l) => l.name === name.text);
    if (declared && existing !== undefined) {
      this.error(
        name,
        `duplicate label ${name.text}`,
        `${this.bodyName} already has ${name.text} on line ${existing.line}`,
      );
      declared = false;
    }
    // Pushed before the statement is lowered, so labels stay in source order when nested.
    if (declared) this.labels.push(label);
    const steps = this.statement(s.statement);
    label.end = this.code.length;
    if (declared && label.end === label.start && !this.hadSyntaxErrors)
      this.error(
        name,
        `label ${name.text} is on a statement that runs no instruction`,
        "label a call such as Work(1);",
      );
    return steps;
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
      const values = this.args.arguments(routine, s.condition);
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
    const count = this.args.numberArg(s.count, "the repeat count");
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
    const values = this.args.arguments(routine, call);
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
