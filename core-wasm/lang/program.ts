// The compiled program: the contract between the .ksync compiler (TypeScript,
// this folder) and the engine (AssemblyScript, core-wasm/assembly), which
// executes it from linear memory. `encodeProgram` lays it out as 32-bit words
// in the layout of core-wasm/shared/program-format.ts, which
// core-wasm/assembly/program.ts reads; change it there and bump
// PROGRAM_FORMAT_VERSION.

import {
  ApcKind,
  EventType,
  GoalKind,
  MAX_GOAL_TERMS,
  ObjectType,
  Op,
  SchedulerKind,
  VerifierMode,
} from "../shared/program-format";

// The opcodes, operand values and the binary layout are shared with the engine.
export {
  ApcKind,
  EventType,
  GoalKind,
  HeaderWord,
  ObjectType,
  Op,
  PROGRAM_APC_WORDS as APC_WORDS,
  PROGRAM_DPC_WORDS as DPC_WORDS,
  PROGRAM_FORMAT_VERSION,
  PROGRAM_GOAL_WORDS as GOAL_WORDS,
  PROGRAM_HEADER_WORDS as HEADER_WORDS,
  PROGRAM_INSERTION_WORDS as INSERTION_WORDS,
  PROGRAM_INSTRUCTION_WORDS as INSTRUCTION_WORDS,
  PROGRAM_MAGIC,
  PROGRAM_OBJECT_WORDS as OBJECT_WORDS,
  PROGRAM_THREAD_WORDS as THREAD_WORDS,
  SchedulerKind,
  ValueSource,
  VerifierMode,
} from "../shared/program-format";

/** `#windows 2003` or `#windows 8` (docs/kernel-semantics.md, "Generations" and §3.9). */
export type WindowsGeneration = 2003 | 8;

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
  goalTerms: MAX_GOAL_TERMS,
  errors: 50,
} as const;
