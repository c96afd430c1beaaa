// The compiled program: the contract between the .ksync compiler (TypeScript,
// this folder) and the engine (AssemblyScript, core-wasm/assembly), which
// executes it from linear memory. `encodeProgram` lays it out as 32-bit words;
// core-wasm/assembly/program.ts reads the same layout. Change both together and
// bump PROGRAM_FORMAT_VERSION.

export const PROGRAM_MAGIC = 0x4b53594e; // "KSYN"
export const PROGRAM_FORMAT_VERSION = 2;

/** Object types, as the report names them. */
export enum ObjectType {
  GuardedMutex = 0, // KGUARDED_MUTEX
  FastMutex = 1, // FAST_MUTEX
  SpinLock = 2, // KSPIN_LOCK
  Event = 3, // KEVENT
}

export enum EventType {
  Notification = 0, // NotificationEvent: manual reset
  Synchronization = 1, // SynchronizationEvent: auto reset
}

export enum ApcKind {
  SpecialKernel = 0,
  NormalKernel = 1,
  User = 2,
}

export enum SchedulerKind {
  Priority = 0,
  Random = 1,
  Manual = 2,
}

export enum VerifierMode {
  Off = 0,
  On = 1,
  Deadlock = 2,
}

/** `#windows 2003` or `#windows 8` (docs/kernel-semantics.md, "Generations" and §3.9). */
export type WindowsGeneration = 2003 | 8;

/** Where an operand of KeLowerIrql / KeReleaseSpinLock comes from. */
export enum ValueSource {
  Constant = 0, // an IRQL literal such as PASSIVE_LEVEL
  Local = 1, // a KIRQL local's slot
}

/**
 * Opcodes. Operands a..d are described per opcode; `obj` is an index into
 * Program.objects, `slot` into the running body's locals, `target` an
 * instruction index within the same body. Opcodes marked "free" cost no step
 * (scenario-language.md, timing rule 2).
 */
export enum Op {
  End = 0, // body ends: thread exit checks / APC or DPC returns
  Jump = 1, // free. a = target
  RepeatInit = 2, // free. a = slot, b = count; a count <= 0 skips to c = target after the loop
  RepeatNext = 3, // free. a = slot, b = target of the loop's first instruction: --local[a] > 0 ⇒ jump b

  AcquireGuardedMutex = 10, // a = obj                 KeAcquireGuardedMutex
  ReleaseGuardedMutex = 11, // a = obj                 KeReleaseGuardedMutex
  TryToAcquireGuardedMutex = 12, // a = obj, b = target when FALSE (next instruction when used as a statement)
  AcquireGuardedMutexUnsafe = 13, // a = obj
  ReleaseGuardedMutexUnsafe = 14, // a = obj

  AcquireFastMutex = 20, // a = obj                    ExAcquireFastMutex
  ReleaseFastMutex = 21, // a = obj
  TryToAcquireFastMutex = 22, // a = obj, b = target when FALSE
  AcquireFastMutexUnsafe = 23, // a = obj
  ReleaseFastMutexUnsafe = 24, // a = obj

  EnterGuardedRegion = 30,
  LeaveGuardedRegion = 31,
  EnterCriticalRegion = 32,
  LeaveCriticalRegion = 33,

  RaiseIrql = 40, // a = new level, b = slot receiving the old IRQL (-1: none)   KeRaiseIrql
  RaiseIrqlToDpcLevel = 41, // a = slot receiving the old IRQL (-1: none)         old = KeRaiseIrqlToDpcLevel()
  LowerIrql = 42, // a = ValueSource, b = level or slot                         KeLowerIrql

  AcquireSpinLock = 50, // a = obj, b = slot receiving the old IRQL (-1: none)
  ReleaseSpinLock = 51, // a = obj, b = ValueSource, c = level or slot
  AcquireSpinLockAtDpcLevel = 52, // a = obj
  ReleaseSpinLockFromDpcLevel = 53, // a = obj

  SetEvent = 60, // a = obj, b = increment, c = Wait (0/1)                       KeSetEvent
  ResetEvent = 61, // a = obj                                                    KeResetEvent
  ClearEvent = 62, // a = obj                                                    KeClearEvent
  WaitForSingleObject = 63, // a = obj, b = mode (0 KernelMode, 1 UserMode), c = alertable (0/1), d = timeout ticks (-1 = NULL, wait forever)

  InsertQueueApc = 70, // a = apc index
  InsertQueueDpc = 71, // a = dpc index

  Work = 80, // a = n ticks (n steps)
  Delay = 81, // a = n ticks                                                     KeDelayExecutionThread
  Yield = 82, //                                                                 ZwYieldExecution

  InitializeGuardedMutex = 90, // a = obj
  InitializeFastMutex = 91, // a = obj
  InitializeSpinLock = 92, // a = obj
  InitializeEvent = 93, // a = obj, b = EventType, c = initial state (0/1)
}

export interface Instruction {
  op: Op;
  /** 1-based source line of the statement (the thread's "current line"). */
  line: number;
  a: number;
  b: number;
  c: number;
  d: number;
}

export interface Body {
  /** KIRQL locals and repeat counters, all 32-bit, zero at body entry. */
  localCount: number;
  /** Display names of the locals (repeat counters get names like "repeat@12"). */
  localNames: string[];
  code: Instruction[];
  /** C-style labels (`Inside: Work(3);`), in source order: the instructions of the labelled statement. */
  labels: Label[];
}

/** A label names a statement: instructions [start, end) of its body (end exclusive, end > start). */
export interface Label {
  name: string;
  start: number;
  end: number;
  line: number;
}

/**
 * Conditions of a `#goal` (docs/scenario-language.md, "Goals"); operands a..c
 * per kind. The engine evaluates every term after each step (assembly/goals.ts).
 */
export enum GoalKind {
  Deadlock = 1, // the run ended in a deadlock
  BugCheck = 2, // a = code, b = 1 when c (= P1) must match too
  Completed = 3, // every thread ended
  At = 4, // a = thread, b..c = its body's instructions [b, c) (a label's range; absolute once encoded)
  Waits = 5, // a = thread, b = N: in one continuous wait for more than N ticks
  Owns = 6, // a = thread, b = object: the thread is the object's owner
  Delivered = 7, // a = apc: its body has started
}

export interface GoalTerm {
  kind: GoalKind;
  /** Normalised source text: "T2 waits > 5", "bugcheck 0xC4 0x1004", "T1 at Inside". */
  text: string;
  a: number;
  b: number;
  c: number;
}

/** `#goal term and term …`: every term must hold in the same state. */
export interface Goal {
  /** The terms' texts joined by " and ". */
  text: string;
  terms: GoalTerm[];
  line: number;
}

export interface ObjectDecl {
  name: string;
  type: ObjectType;
  eventType: EventType; // events only; Notification otherwise
  initiallySignaled: boolean; // events only
  line: number;
}

export interface ThreadDecl {
  name: string;
  priority: number; // 1..31
  start: number; // tick at which it becomes Ready
  affinity: number; // CPU index, or -1 for any CPU
  syscall: boolean; // body is a system service returning to user mode
  body: Body;
  line: number;
}

export interface ApcDecl {
  name: string;
  kind: ApcKind;
  target: number; // thread index
  body: Body;
  line: number;
}

export interface DpcDecl {
  name: string;
  cpu: number;
  body: Body;
  line: number;
}

export interface Insertion {
  tick: number;
  kind: "apc" | "dpc";
  index: number; // apc or dpc index
  line: number;
}

/** Options after directives and command-line overrides are applied. */
export interface ScenarioOptions {
  cpus: number; // 1..64
  quantum: number; // >= 1
  seed: number; // uint32
  scheduler: SchedulerKind;
  verifier: VerifierMode;
  windows: WindowsGeneration;
  boosts: boolean;
  autoboost: boolean;
}

export interface Program {
  title: string;
  description: string;
  options: ScenarioOptions;
  objects: ObjectDecl[];
  threads: ThreadDecl[];
  apcs: ApcDecl[];
  dpcs: DpcDecl[];
  insertions: Insertion[];
  /** The scenario's `#goal`, or null. */
  goal: Goal | null;
}

// ---- Binary layout (all little-endian i32 words) ----------------------------
// Header, HEADER_WORDS words:
export const HeaderWord = {
  magic: 0,
  version: 1,
  cpus: 2,
  quantum: 3,
  seed: 4,
  scheduler: 5,
  verifier: 6,
  windows: 7, // 2003 or 8
  boosts: 8,
  autoboost: 9,
  objectCount: 10,
  threadCount: 11,
  apcCount: 12,
  dpcCount: 13,
  insertionCount: 14,
  instructionCount: 15,
  objectsOffset: 16, // word offsets from the program start
  threadsOffset: 17,
  apcsOffset: 18,
  dpcsOffset: 19,
  insertionsOffset: 20,
  codeOffset: 21,
  totalWords: 22,
  goalCount: 23,
  goalsOffset: 24,
} as const;
export const HEADER_WORDS = 32;

/** Object record: type, eventType, initiallySignaled, reserved. */
export const OBJECT_WORDS = 4;
/** Thread record: priority, start, affinity, syscall, codeStart, localCount, reserved, reserved. */
export const THREAD_WORDS = 8;
/** APC record: kind, target thread, codeStart, localCount. */
export const APC_WORDS = 4;
/** DPC record: cpu, codeStart, localCount, reserved. */
export const DPC_WORDS = 4;
/** Insertion record: tick, kind (0 apc, 1 dpc), index, line. Sorted by tick, then source order. */
export const INSERTION_WORDS = 4;
/** Goal term record: kind, a, b, c (GoalKind; At ranges are absolute instruction indices). */
export const GOAL_WORDS = 4;
/** Instruction: op, line, a, b, c, d. codeStart and jump targets are absolute instruction indices into the code area. */
export const INSTRUCTION_WORDS = 6;

/** Limits the compiler enforces, so the engine's fixed memory map always fits. */
export const Limits = {
  sourceBytes: 256 * 1024,
  cpus: 64,
  threads: 64,
  objects: 128,
  apcs: 64,
  dpcs: 64,
  insertions: 256,
  localsPerBody: 32,
  nestingDepth: 16,
  instructions: 16384,
  statements: 16384,
  goalTerms: 16,
  errors: 50,
} as const;
