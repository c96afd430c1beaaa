// Reader of the compiled program the host writes at PROGRAM_BASE (layout:
// core-wasm/shared/program-format.ts, which the compiler's encoder uses too).
// Record bases are cached in globals at load(). The OP_* and other spellings
// below are the engine's names for the shared enums' values.
import { PROGRAM_BASE } from "./abi";

import {
  ApcKind,
  EventType,
  GoalKind,
  HeaderWord,
  MAX_GOAL_TERMS,
  ObjectType,
  Op,
  PROGRAM_APC_WORDS,
  PROGRAM_DPC_WORDS,
  PROGRAM_FORMAT_VERSION,
  PROGRAM_GOAL_WORDS,
  PROGRAM_INSERTION_WORDS,
  PROGRAM_INSTRUCTION_WORDS,
  PROGRAM_MAGIC,
  PROGRAM_OBJECT_WORDS,
  PROGRAM_THREAD_WORDS,
  SchedulerKind,
  VerifierMode,
} from "../shared/program-format";
export { PROGRAM_FORMAT_VERSION, PROGRAM_MAGIC };

// Opcodes (Op)
export const OP_END: i32 = Op.End;
export const OP_JUMP: i32 = Op.Jump;
export const OP_REPEAT_INIT: i32 = Op.RepeatInit;
export const OP_REPEAT_NEXT: i32 = Op.RepeatNext;
export const OP_ACQUIRE_GUARDED_MUTEX: i32 = Op.AcquireGuardedMutex;
export const OP_RELEASE_GUARDED_MUTEX: i32 = Op.ReleaseGuardedMutex;
export const OP_TRY_GUARDED_MUTEX: i32 = Op.TryToAcquireGuardedMutex;
export const OP_ACQUIRE_GUARDED_MUTEX_UNSAFE: i32 = Op.AcquireGuardedMutexUnsafe;
export const OP_RELEASE_GUARDED_MUTEX_UNSAFE: i32 = Op.ReleaseGuardedMutexUnsafe;
export const OP_ACQUIRE_FAST_MUTEX: i32 = Op.AcquireFastMutex;
export const OP_RELEASE_FAST_MUTEX: i32 = Op.ReleaseFastMutex;
export const OP_TRY_FAST_MUTEX: i32 = Op.TryToAcquireFastMutex;
export const OP_ACQUIRE_FAST_MUTEX_UNSAFE: i32 = Op.AcquireFastMutexUnsafe;
export const OP_RELEASE_FAST_MUTEX_UNSAFE: i32 = Op.ReleaseFastMutexUnsafe;
export const OP_ENTER_GUARDED_REGION: i32 = Op.EnterGuardedRegion;
export const OP_LEAVE_GUARDED_REGION: i32 = Op.LeaveGuardedRegion;
export const OP_ENTER_CRITICAL_REGION: i32 = Op.EnterCriticalRegion;
export const OP_LEAVE_CRITICAL_REGION: i32 = Op.LeaveCriticalRegion;
export const OP_RAISE_IRQL: i32 = Op.RaiseIrql;
export const OP_RAISE_IRQL_TO_DPC_LEVEL: i32 = Op.RaiseIrqlToDpcLevel;
export const OP_LOWER_IRQL: i32 = Op.LowerIrql;
export const OP_ACQUIRE_SPIN_LOCK: i32 = Op.AcquireSpinLock;
export const OP_RELEASE_SPIN_LOCK: i32 = Op.ReleaseSpinLock;
export const OP_ACQUIRE_SPIN_LOCK_AT_DPC: i32 = Op.AcquireSpinLockAtDpcLevel;
export const OP_RELEASE_SPIN_LOCK_FROM_DPC: i32 = Op.ReleaseSpinLockFromDpcLevel;
export const OP_SET_EVENT: i32 = Op.SetEvent;
export const OP_RESET_EVENT: i32 = Op.ResetEvent;
export const OP_CLEAR_EVENT: i32 = Op.ClearEvent;
export const OP_WAIT: i32 = Op.WaitForSingleObject;
export const OP_INSERT_QUEUE_APC: i32 = Op.InsertQueueApc;
export const OP_INSERT_QUEUE_DPC: i32 = Op.InsertQueueDpc;
export const OP_WORK: i32 = Op.Work;
export const OP_DELAY: i32 = Op.Delay;
export const OP_YIELD: i32 = Op.Yield;
export const OP_INIT_GUARDED_MUTEX: i32 = Op.InitializeGuardedMutex;
export const OP_INIT_FAST_MUTEX: i32 = Op.InitializeFastMutex;
export const OP_INIT_SPIN_LOCK: i32 = Op.InitializeSpinLock;
export const OP_INIT_EVENT: i32 = Op.InitializeEvent;

export const OBJ_GUARDED_MUTEX: i32 = ObjectType.GuardedMutex;
export const OBJ_FAST_MUTEX: i32 = ObjectType.FastMutex;
export const OBJ_SPIN_LOCK: i32 = ObjectType.SpinLock;
export const OBJ_EVENT: i32 = ObjectType.Event;
export const EVENT_NOTIFICATION: i32 = EventType.Notification;
export const EVENT_SYNCHRONIZATION: i32 = EventType.Synchronization;
export const APC_KIND_SPECIAL: i32 = ApcKind.SpecialKernel;
export const APC_KIND_NORMAL: i32 = ApcKind.NormalKernel;
export const APC_KIND_USER: i32 = ApcKind.User;
export const SCHEDULER_PRIORITY: i32 = SchedulerKind.Priority;
export const SCHEDULER_RANDOM: i32 = SchedulerKind.Random;
export const SCHEDULER_MANUAL: i32 = SchedulerKind.Manual;
export const VERIFIER_OFF: i32 = VerifierMode.Off;
export const VERIFIER_ON: i32 = VerifierMode.On;
export const VERIFIER_DEADLOCK: i32 = VerifierMode.Deadlock;

const OBJECT_REC: i32 = PROGRAM_OBJECT_WORDS;
const THREAD_REC: i32 = PROGRAM_THREAD_WORDS;
const APC_REC: i32 = PROGRAM_APC_WORDS;
const DPC_REC: i32 = PROGRAM_DPC_WORDS;
const INSERTION_REC: i32 = PROGRAM_INSERTION_WORDS;
const INSTRUCTION_REC: i32 = PROGRAM_INSTRUCTION_WORDS;
const GOAL_REC: i32 = PROGRAM_GOAL_WORDS;
export { MAX_GOAL_TERMS };

// Goal term kinds (GoalKind)
export const GOAL_DEADLOCK: i32 = GoalKind.Deadlock;
export const GOAL_BUGCHECK: i32 = GoalKind.BugCheck;
export const GOAL_COMPLETED: i32 = GoalKind.Completed;
export const GOAL_AT: i32 = GoalKind.At;
export const GOAL_WAITS: i32 = GoalKind.Waits;
export const GOAL_OWNS: i32 = GoalKind.Owns;
export const GOAL_DELIVERED: i32 = GoalKind.Delivered;

// Cached at load().
export let cpuCount: i32 = 1;
export let quantumSteps: i32 = 3;
export let seed: i32 = 1;
export let scheduler: i32 = 0;
export let verifier: i32 = 0;
export let windows: i32 = 8;
export let boostsOn: bool = true;
export let autoBoostOn: bool = false;
export let objectCount: i32 = 0;
export let threadCount: i32 = 0;
export let apcCount: i32 = 0;
export let dpcCount: i32 = 0;
export let insertionCount: i32 = 0;
export let instructionCount: i32 = 0;
export let goalCount: i32 = 0;
/** A `T waits > N` term exists: blocking and spinning record their start tick (T_WAIT_SINCE). */
export let goalTracksWaits: bool = false;
let objectsAt: i32 = 0;
let threadsAt: i32 = 0;
let apcsAt: i32 = 0;
let dpcsAt: i32 = 0;
let insertionsAt: i32 = 0;
let codeAt: i32 = 0;
let goalsAt: i32 = 0;

function word(index: i32): i32 {
  return load<i32>(PROGRAM_BASE + (index << 2));
}

/** Validates the header and caches the record bases; returns 0 or a negative error code. */
export function readProgram(): i32 {
  if (word(HeaderWord.Magic) != PROGRAM_MAGIC) return -1;
  if (word(HeaderWord.Version) != PROGRAM_FORMAT_VERSION) return -2;
  cpuCount = word(HeaderWord.Cpus);
  if (cpuCount < 1 || cpuCount > 64) return -3;
  quantumSteps = max(1, word(HeaderWord.Quantum));
  seed = word(HeaderWord.Seed);
  scheduler = word(HeaderWord.Scheduler);
  verifier = word(HeaderWord.Verifier);
  windows = word(HeaderWord.Windows);
  boostsOn = word(HeaderWord.Boosts) != 0;
  autoBoostOn = word(HeaderWord.Autoboost) != 0;
  objectCount = word(HeaderWord.ObjectCount);
  threadCount = word(HeaderWord.ThreadCount);
  apcCount = word(HeaderWord.ApcCount);
  dpcCount = word(HeaderWord.DpcCount);
  insertionCount = word(HeaderWord.InsertionCount);
  instructionCount = word(HeaderWord.InstructionCount);
  if (objectCount < 0 || objectCount > 128 || threadCount < 0 || threadCount > 64) return -4;
  if (apcCount < 0 || apcCount > 64 || dpcCount < 0 || dpcCount > 64) return -4;
  if (insertionCount < 0 || insertionCount > 256 || instructionCount < 0 || instructionCount > 16384) return -4;
  objectsAt = PROGRAM_BASE + (word(HeaderWord.ObjectsOffset) << 2);
  threadsAt = PROGRAM_BASE + (word(HeaderWord.ThreadsOffset) << 2);
  apcsAt = PROGRAM_BASE + (word(HeaderWord.ApcsOffset) << 2);
  dpcsAt = PROGRAM_BASE + (word(HeaderWord.DpcsOffset) << 2);
  insertionsAt = PROGRAM_BASE + (word(HeaderWord.InsertionsOffset) << 2);
  codeAt = PROGRAM_BASE + (word(HeaderWord.CodeOffset) << 2);
  goalCount = word(HeaderWord.GoalCount);
  if (goalCount < 0 || goalCount > MAX_GOAL_TERMS) return -4;
  goalsAt = PROGRAM_BASE + (word(HeaderWord.GoalsOffset) << 2);
  goalTracksWaits = false;
  for (let i = 0; i < goalCount; i++) if (goalKind(i) == GOAL_WAITS) goalTracksWaits = true;
  return 0;
}

/** Overrides the scheduler kind (the explorer and forced schedules run in choice mode). */
export function overrideScheduler(kind: i32): void {
  scheduler = kind;
}

export function objectType(o: i32): i32 {
  return load<i32>(objectsAt + o * (OBJECT_REC << 2));
}
export function objectEventType(o: i32): i32 {
  return load<i32>(objectsAt + o * (OBJECT_REC << 2) + 4);
}
export function objectInitiallySignaled(o: i32): i32 {
  return load<i32>(objectsAt + o * (OBJECT_REC << 2) + 8);
}

export function threadPriority(t: i32): i32 {
  return load<i32>(threadsAt + t * (THREAD_REC << 2));
}
export function threadStart(t: i32): i32 {
  return load<i32>(threadsAt + t * (THREAD_REC << 2) + 4);
}
export function threadAffinity(t: i32): i32 {
  return load<i32>(threadsAt + t * (THREAD_REC << 2) + 8);
}
export function threadSyscall(t: i32): bool {
  return load<i32>(threadsAt + t * (THREAD_REC << 2) + 12) != 0;
}
export function threadCodeStart(t: i32): i32 {
  return load<i32>(threadsAt + t * (THREAD_REC << 2) + 16);
}

export function apcKind(a: i32): i32 {
  return load<i32>(apcsAt + a * (APC_REC << 2));
}
export function apcTarget(a: i32): i32 {
  return load<i32>(apcsAt + a * (APC_REC << 2) + 4);
}
export function apcCodeStart(a: i32): i32 {
  return load<i32>(apcsAt + a * (APC_REC << 2) + 8);
}

export function dpcCpu(d: i32): i32 {
  return load<i32>(dpcsAt + d * (DPC_REC << 2));
}
export function dpcCodeStart(d: i32): i32 {
  return load<i32>(dpcsAt + d * (DPC_REC << 2) + 4);
}

export function insertionTick(i: i32): i32 {
  return load<i32>(insertionsAt + i * (INSERTION_REC << 2));
}
export function insertionKind(i: i32): i32 {
  return load<i32>(insertionsAt + i * (INSERTION_REC << 2) + 4);
}
export function insertionIndex(i: i32): i32 {
  return load<i32>(insertionsAt + i * (INSERTION_REC << 2) + 8);
}
export function insertionLine(i: i32): i32 {
  return load<i32>(insertionsAt + i * (INSERTION_REC << 2) + 12);
}

/** Address of instruction pc (op, line, a, b, c, d). */
export function instructionAt(pc: i32): i32 {
  return codeAt + pc * (INSTRUCTION_REC << 2);
}
export function insOp(pc: i32): i32 {
  return load<i32>(instructionAt(pc));
}
export function insLine(pc: i32): i32 {
  return load<i32>(instructionAt(pc) + 4);
}
export function insA(pc: i32): i32 {
  return load<i32>(instructionAt(pc) + 8);
}
export function insB(pc: i32): i32 {
  return load<i32>(instructionAt(pc) + 12);
}
export function insC(pc: i32): i32 {
  return load<i32>(instructionAt(pc) + 16);
}
export function insD(pc: i32): i32 {
  return load<i32>(instructionAt(pc) + 20);
}

/** Goal term i: kind (GOAL_*) and operands a..c (lang/program.ts GoalKind). */
export function goalKind(i: i32): i32 {
  return load<i32>(goalsAt + i * (GOAL_REC << 2));
}
export function goalA(i: i32): i32 {
  return load<i32>(goalsAt + i * (GOAL_REC << 2) + 4);
}
export function goalB(i: i32): i32 {
  return load<i32>(goalsAt + i * (GOAL_REC << 2) + 8);
}
export function goalC(i: i32): i32 {
  return load<i32>(goalsAt + i * (GOAL_REC << 2) + 12);
}
