// Reads the state region of one engine instance into a frozen Snapshot
// (field layouts in abi.ts). Also the bug-check and deadlock decoders.
import {
  ApcKind,
  EventType,
  HEADER_WORDS as PROGRAM_HEADER_WORDS,
  HeaderWord,
  INSTRUCTION_WORDS,
  ObjectType,
  type Program,
} from "../lang/program";
import * as A from "./abi";
import { BodyKind, OutcomeCode, ParamKind, ThreadStateCode } from "./abi";
import { contextName, type ScenarioNames } from "./decode-events";
import type { EngineExports } from "./exports";
import { BUGCHECK_EXPLANATIONS, BUGCHECK_NAMES, C4_EXPLANATIONS, DDI_RULES, hex } from "./names";
import type {
  ApcView,
  BugCheck,
  CpuView,
  Deadlock,
  DeadlockEdge,
  DpcView,
  GoalView,
  ObjectView,
  Outcome,
  Snapshot,
  ThreadState,
  ThreadView,
} from "./types";

const STATE_NAMES: Readonly<Record<ThreadStateCode, ThreadState>> = {
  [ThreadStateCode.Initialized]: "Initialized",
  [ThreadStateCode.Ready]: "Ready",
  [ThreadStateCode.Running]: "Running",
  [ThreadStateCode.Standby]: "Standby",
  [ThreadStateCode.Terminated]: "Terminated",
  [ThreadStateCode.Waiting]: "Waiting",
};

/** The report's name of each outcome code (docs/cli.md, "Outcomes"). */
export const OUTCOME_NAMES: Readonly<Record<OutcomeCode, Outcome>> = {
  [OutcomeCode.Running]: "running",
  [OutcomeCode.Completed]: "completed",
  [OutcomeCode.Deadlock]: "deadlock",
  [OutcomeCode.Bugcheck]: "bugcheck",
  [OutcomeCode.StepLimit]: "step-limit",
};

const TYPE_NAMES = {
  [ObjectType.GuardedMutex]: "KGUARDED_MUTEX",
  [ObjectType.FastMutex]: "FAST_MUTEX",
  [ObjectType.SpinLock]: "KSPIN_LOCK",
  [ObjectType.Event]: "KEVENT",
} as const;

/** Reads words of one engine's memory. */
export class StateReader {
  private readonly words: Int32Array;
  private readonly codeOffset: number;
  readonly cpus: number;
  readonly names: ScenarioNames;

  constructor(
    private readonly exports: EngineExports,
    memory: WebAssembly.Memory,
    private readonly program: Program,
    private readonly encoded: Int32Array,
    names: ScenarioNames,
  ) {
    this.words = new Int32Array(memory.buffer);
    this.codeOffset = encoded[HeaderWord.CodeOffset] ?? PROGRAM_HEADER_WORDS;
    this.cpus = program.options.cpus;
    this.names = names;
  }

  private w(byteAddress: number): number {
    return this.words[byteAddress >> 2] ?? 0;
  }
  g(field: number): number {
    return this.w(A.STATE_BASE + field * 4);
  }
  t(thread: number, field: number): number {
    return this.w(this.exports.threadsAddress() + (thread * A.THREAD_WORDS + field) * 4);
  }
  o(object: number, field: number): number {
    return this.w(this.exports.objectsAddress() + (object * A.OBJECT_WORDS + field) * 4);
  }
  c(cpu: number, field: number): number {
    return this.w(this.exports.cpusAddress() + (cpu * A.CPU_WORDS + field) * 4);
  }
  a(apc: number, field: number): number {
    return this.w(this.exports.apcsAddress() + (apc * A.APC_WORDS + field) * 4);
  }
  d(dpc: number, field: number): number {
    return this.w(this.exports.dpcsAddress() + (dpc * A.DPC_WORDS + field) * 4);
  }

  /** Source line of an absolute instruction index. */
  lineOfPc(pc: number): number {
    return this.encoded[this.codeOffset + pc * INSTRUCTION_WORDS + 1] ?? 0;
  }

  outcome(): Outcome {
    return OUTCOME_NAMES[this.g(A.G_OUTCOME) as OutcomeCode] ?? "running";
  }

  private threadName(t: number): string {
    return this.names.threads[t] ?? `T${t}`;
  }
  private objectName(o: number): string {
    return this.names.objects[o] ?? `O${o}`;
  }

  private apcList(head: number): string[] {
    const out: string[] = [];
    for (let a = head; a >= 0 && out.length < 64; a = this.a(a, A.A_NEXT)) out.push(this.names.apcs[a] ?? `A${a}`);
    return out;
  }

  private waitList(o: number): string[] {
    const out: string[] = [];
    for (let t = this.o(o, A.O_WAIT_HEAD); t >= 0 && out.length < 64; t = this.t(t, A.T_WAIT_NEXT))
      out.push(this.threadName(t));
    return out;
  }

  thread(t: number): ThreadView {
    const state = STATE_NAMES[this.t(t, A.T_STATE) as ThreadStateCode] ?? "Initialized";
    const depth = Math.max(1, this.t(t, A.T_DEPTH));
    const top = A.T_FRAMES + (depth - 1) * A.FRAME_WORDS;
    const pc = this.t(t, top + A.F_PC);
    const body = this.t(t, top + A.F_BODY);
    const alive = state !== "Initialized" && state !== "Terminated";
    const spinObject = this.t(t, A.T_SPIN_OBJECT);
    const waitObject = this.t(t, A.T_WAIT_OBJECT);
    const spinning = alive && spinObject >= 0;
    const owns: string[] = [];
    for (let o = 0; o < this.program.objects.length; o++)
      if (this.o(o, A.O_OWNER) - 1 === t) owns.push(this.objectName(o));
    const cpu = this.t(t, A.T_CPU);
    return Object.freeze({
      index: t,
      name: this.threadName(t),
      state,
      priority: this.t(t, A.T_PRIORITY),
      basePriority: this.t(t, A.T_BASE_PRIORITY),
      irql: this.t(t, A.T_IRQL),
      line: alive ? this.lineOfPc(pc) : 0,
      cpu: alive && cpu >= 0 ? cpu : null,
      waitingOn:
        state === "Waiting" && waitObject >= 0
          ? this.objectName(waitObject)
          : spinning
            ? this.objectName(spinObject)
            : null,
      spinning,
      owns: Object.freeze(owns),
      kernelApcDisable: this.t(t, A.T_KERNEL_APC_DISABLE),
      specialApcDisable: this.t(t, A.T_SPECIAL_APC_DISABLE),
      queuedApcs: Object.freeze([
        ...this.apcList(this.t(t, A.T_KERNEL_APC_HEAD)),
        ...this.apcList(this.t(t, A.T_USER_APC_HEAD)),
      ]),
      runningApc: body >> 8 !== BodyKind.Thread ? (this.names.apcs[body & 0xff] ?? null) : null,
      quantumLeft: this.t(t, A.T_QUANTUM),
      syscall: this.program.threads[t]?.syscall ?? false,
    });
  }

  object(o: number): ObjectView {
    const decl = this.program.objects[o];
    const type = decl?.type ?? ObjectType.Event;
    const mutex = type === ObjectType.GuardedMutex || type === ObjectType.FastMutex;
    const event = type === ObjectType.Event;
    const raw = this.o(o, A.O_COUNT);
    const ownerContext = this.o(o, A.O_OWNER) - 1;
    return Object.freeze({
      index: o,
      name: this.objectName(o),
      type: TYPE_NAMES[type],
      owner: ownerContext >= 0 ? contextName(this.names, ownerContext) : null,
      waiters: Object.freeze(this.waitList(o)),
      contention: mutex ? this.o(o, A.O_CONTENTION) : 0,
      count: mutex ? Object.freeze({ free: (raw & 1) !== 0, woken: (raw & 2) !== 0, waiters: raw >>> 2, raw }) : null,
      oldIrql: type === ObjectType.FastMutex ? this.o(o, A.O_OLD_IRQL) : null,
      signaled: event ? raw !== 0 : null,
      eventType: event
        ? this.o(o, A.O_EVENT_TYPE) === EventType.Synchronization
          ? "SynchronizationEvent"
          : "NotificationEvent"
        : null,
      gateSignaled: mutex ? this.o(o, A.O_GATE) !== 0 : null,
    });
  }

  cpu(c: number): CpuView {
    const thread = this.c(c, A.C_THREAD);
    const dpc = this.c(c, A.C_DPC);
    const queued: string[] = [];
    for (let d = this.c(c, A.C_DPC_HEAD); d >= 0 && queued.length < 64; d = this.d(d, A.D_NEXT))
      queued.push(this.names.dpcs[d] ?? `D${d}`);
    const irql = dpc >= 0 ? this.c(c, A.C_DPC_FRAME + A.F_SAVED_IRQL) : thread >= 0 ? this.t(thread, A.T_IRQL) : 0;
    return Object.freeze({
      index: c,
      thread: thread >= 0 ? this.threadName(thread) : null,
      irql,
      dpc: dpc >= 0 ? (this.names.dpcs[dpc] ?? null) : null,
      queuedDpcs: Object.freeze(queued),
    });
  }

  apc(a: number): ApcView {
    const decl = this.program.apcs[a];
    const kind =
      decl?.kind === ApcKind.SpecialKernel ? "special" : decl?.kind === ApcKind.NormalKernel ? "normal" : "user";
    const at = (v: number): number | null => (v >= 0 ? v : null);
    return Object.freeze({
      name: this.names.apcs[a] ?? `A${a}`,
      kind,
      target: this.threadName(decl?.target ?? 0),
      queuedAt: at(this.a(a, A.A_QUEUED_AT)),
      deliveredAt: at(this.a(a, A.A_DELIVERED_AT)),
      completedAt: at(this.a(a, A.A_COMPLETED_AT)),
    });
  }

  dpc(d: number): DpcView {
    const queuedAt = this.d(d, A.D_QUEUED_AT);
    const deliveredAt = this.d(d, A.D_DELIVERED_AT);
    const cpu = this.program.dpcs[d]?.cpu ?? 0;
    // A DPC body runs on the CPU it was queued to, in that CPU's DPC frame.
    const running = cpu < this.cpus && this.c(cpu, A.C_DPC) === d;
    const spinObject = running ? this.c(cpu, A.C_DPC_SPIN) : -1;
    let spinLock = spinObject >= 0 ? this.objectName(spinObject) : null;
    if (spinLock === null) {
      const context = A.DPC_CONTEXT + d;
      const held = this.program.objects.findIndex(
        (o, i) => o.type === ObjectType.SpinLock && this.o(i, A.O_OWNER) - 1 === context,
      );
      if (held >= 0) spinLock = this.objectName(held);
    }
    return Object.freeze({
      name: this.names.dpcs[d] ?? `D${d}`,
      cpu,
      queuedAt: queuedAt >= 0 ? queuedAt : null,
      deliveredAt: deliveredAt >= 0 ? deliveredAt : null,
      running,
      line: running ? this.lineOfPc(this.c(cpu, A.C_DPC_FRAME + A.F_PC)) : 0,
      spinning: spinObject >= 0,
      spinLock,
    });
  }

  private param(kind: number, value: number, p1: number): string {
    if (kind === ParamKind.Object) return `&${this.objectName(value)}`;
    if (kind === ParamKind.Context) return `&${contextName(this.names, value)}`;
    if (kind === ParamKind.Rule) return `&${DDI_RULES[p1] ?? hex(p1)}`;
    return hex(value);
  }

  bugcheck(): BugCheck | null {
    if (this.g(A.G_OUTCOME) !== OutcomeCode.Bugcheck) return null;
    const code = this.g(A.G_BC_CODE);
    const kinds = [0, 1, 2, 3].map((i) => this.g(A.G_BC_PARAMS + i * 2));
    const values = [0, 1, 2, 3].map((i) => this.g(A.G_BC_PARAMS + i * 2 + 1));
    const p1 = values[0] ?? 0;
    const parameters = [0, 1, 2, 3].map((i) => this.param(kinds[i] ?? 0, values[i] ?? 0, p1)) as [
      string,
      string,
      string,
      string,
    ];
    const rule = code === 0xc4 ? (DDI_RULES[p1] ?? null) : null;
    const explanation =
      code === 0xc4
        ? rule
          ? `Driver Verifier: DDI rule ${rule} was violated.`
          : (C4_EXPLANATIONS[p1] ?? "Driver Verifier detected a violation.")
        : (BUGCHECK_EXPLANATIONS[code] ?? "The system stopped.");
    return Object.freeze({
      code: hex(code),
      name: BUGCHECK_NAMES[code] ?? "UNKNOWN",
      rule,
      parameters: Object.freeze(parameters) as unknown as BugCheck["parameters"],
      thread: contextName(this.names, this.g(A.G_BC_CONTEXT)),
      line: this.g(A.G_BC_LINE),
      tick: this.g(A.G_BC_TICK),
      explanation,
    });
  }

  deadlock(): Deadlock | null {
    if (this.g(A.G_OUTCOME) !== OutcomeCode.Deadlock) return null;
    const count = this.exports.analyzeDeadlock();
    const base = A.EXPORT_BASE + A.X_DEADLOCK * 4;
    const cycle: DeadlockEdge[] = [];
    for (let i = 0; i < count; i++) {
      const thread = this.w(base + 4 + i * 12);
      const object = this.w(base + 8 + i * 12);
      const owner = this.w(base + 12 + i * 12);
      cycle.push(
        Object.freeze({
          thread: this.threadName(thread),
          waitsFor: this.objectName(object),
          heldBy: owner >= 0 ? contextName(this.names, owner) : null,
        }),
      );
    }
    const stuck: string[] = [];
    for (let t = 0; t < this.program.threads.length; t++) {
      if (this.t(t, A.T_STATE) !== ThreadStateCode.Terminated) stuck.push(this.threadName(t));
    }
    return Object.freeze({ cycle: Object.freeze(cycle), threads: Object.freeze(stuck) });
  }

  /** The #goal's terms with the engine's verdict on each (goalMask, assembly/goals.ts); null without a goal. */
  goal(): GoalView | null {
    const goal = this.program.goal;
    if (goal === null) return null;
    const mask = this.exports.goalMask();
    const terms = goal.terms.map((term, i) => Object.freeze({ text: term.text, met: ((mask >>> i) & 1) === 1 }));
    return Object.freeze({ text: goal.text, terms: Object.freeze(terms), reached: terms.every((t) => t.met) });
  }

  snapshot(): Snapshot {
    const p = this.program;
    return Object.freeze({
      step: this.g(A.G_STEP),
      tick: this.g(A.G_TICK),
      outcome: this.outcome(),
      threads: Object.freeze(p.threads.map((_, i) => this.thread(i))),
      objects: Object.freeze(p.objects.map((_, i) => this.object(i))),
      cpus: Object.freeze(Array.from({ length: this.cpus }, (_, i) => this.cpu(i))),
      apcs: Object.freeze(p.apcs.map((_, i) => this.apc(i))),
      dpcs: Object.freeze(p.dpcs.map((_, i) => this.dpc(i))),
      bugcheck: this.bugcheck(),
      deadlock: this.deadlock(),
      goal: this.goal(),
    });
  }
}
