// The compiled program's binary layout: the contract between the .ksync
// compiler (core-wasm/lang/encode.ts writes it) and the engine
// (core-wasm/assembly/program.ts reads it from PROGRAM_BASE). One definition
// compiled by both (see memory-map.ts for the portable-syntax rule); a layout
// change bumps PROGRAM_FORMAT_VERSION, which load() checks.

export const PROGRAM_MAGIC = 0x4b53594e; // "KSYN"
export const PROGRAM_FORMAT_VERSION = 2;

// ---- Header and records (all little-endian i32 words) -------------------------
/** Word indices of the program header (PROGRAM_HEADER_WORDS words; offsets are in words from the program start). */
export enum HeaderWord {
  Magic = 0,
  Version = 1,
  Cpus = 2,
  Quantum = 3,
  Seed = 4,
  Scheduler = 5,
  Verifier = 6,
  Windows = 7, // 2003 or 8
  Boosts = 8,
  Autoboost = 9,
  ObjectCount = 10,
  ThreadCount = 11,
  ApcCount = 12,
  DpcCount = 13,
  InsertionCount = 14,
  InstructionCount = 15,
  ObjectsOffset = 16, // word offsets from the program start
  ThreadsOffset = 17,
  ApcsOffset = 18,
  DpcsOffset = 19,
  InsertionsOffset = 20,
  CodeOffset = 21,
  TotalWords = 22,
  GoalCount = 23,
  GoalsOffset = 24,
}
export const PROGRAM_HEADER_WORDS = 32;
/** Most terms of a #goal (Limits.goalTerms): the engine reports the met terms as one i32 mask. */
export const MAX_GOAL_TERMS = 16;

/** Object record: type, eventType, initiallySignaled, reserved. */
export const PROGRAM_OBJECT_WORDS = 4;
/** Thread record: priority, start, affinity, syscall, codeStart, localCount, reserved, reserved. */
export const PROGRAM_THREAD_WORDS = 8;
/** APC record: kind, target thread, codeStart, localCount. */
export const PROGRAM_APC_WORDS = 4;
/** DPC record: cpu, codeStart, localCount, reserved. */
export const PROGRAM_DPC_WORDS = 4;
/** Insertion record: tick, kind (0 apc, 1 dpc), index, line. Sorted by tick, then source order. */
export const PROGRAM_INSERTION_WORDS = 4;
/** Goal term record: kind, a, b, c (GoalKind; At ranges are absolute instruction indices). */
export const PROGRAM_GOAL_WORDS = 4;
/** Instruction: op, line, a, b, c, d. codeStart and jump targets are absolute instruction indices into the code area. */
export const PROGRAM_INSTRUCTION_WORDS = 6;

// ---- Operand and record values ------------------------------------------------
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
