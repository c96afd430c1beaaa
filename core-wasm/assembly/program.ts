// Reader of the compiled program the host writes at PROGRAM_BASE (layout:
// core-wasm/lang/program.ts). Record bases are cached in globals at load().
import { PROGRAM_BASE } from "./abi";

export const PROGRAM_MAGIC: i32 = 0x4b53594e;
export const PROGRAM_FORMAT_VERSION: i32 = 2;

// Header words (HeaderWord in program.ts)
const H_MAGIC: i32 = 0;
const H_VERSION: i32 = 1;
const H_CPUS: i32 = 2;
const H_QUANTUM: i32 = 3;
const H_SEED: i32 = 4;
const H_SCHEDULER: i32 = 5;
const H_VERIFIER: i32 = 6;
const H_WINDOWS: i32 = 7;
const H_BOOSTS: i32 = 8;
const H_AUTOBOOST: i32 = 9;
const H_OBJECT_COUNT: i32 = 10;
const H_THREAD_COUNT: i32 = 11;
const H_APC_COUNT: i32 = 12;
const H_DPC_COUNT: i32 = 13;
const H_INSERTION_COUNT: i32 = 14;
const H_INSTRUCTION_COUNT: i32 = 15;
const H_OBJECTS_OFFSET: i32 = 16;
const H_THREADS_OFFSET: i32 = 17;
const H_APCS_OFFSET: i32 = 18;
const H_DPCS_OFFSET: i32 = 19;
const H_INSERTIONS_OFFSET: i32 = 20;
const H_CODE_OFFSET: i32 = 21;
const H_GOAL_COUNT: i32 = 23;
const H_GOALS_OFFSET: i32 = 24;

// Opcodes (Op in program.ts)
export const OP_END: i32 = 0;
export const OP_JUMP: i32 = 1;
export const OP_REPEAT_INIT: i32 = 2;
export const OP_REPEAT_NEXT: i32 = 3;
export const OP_ACQUIRE_GUARDED_MUTEX: i32 = 10;
export const OP_RELEASE_GUARDED_MUTEX: i32 = 11;
export const OP_TRY_GUARDED_MUTEX: i32 = 12;
export const OP_ACQUIRE_GUARDED_MUTEX_UNSAFE: i32 = 13;
export const OP_RELEASE_GUARDED_MUTEX_UNSAFE: i32 = 14;
export const OP_ACQUIRE_FAST_MUTEX: i32 = 20;
export const OP_RELEASE_FAST_MUTEX: i32 = 21;
export const OP_TRY_FAST_MUTEX: i32 = 22;
export const OP_ACQUIRE_FAST_MUTEX_UNSAFE: i32 = 23;
export const OP_RELEASE_FAST_MUTEX_UNSAFE: i32 = 24;
export const OP_ENTER_GUARDED_REGION: i32 = 30;
export const OP_LEAVE_GUARDED_REGION: i32 = 31;
export const OP_ENTER_CRITICAL_REGION: i32 = 32;
export const OP_LEAVE_CRITICAL_REGION: i32 = 33;
export const OP_RAISE_IRQL: i32 = 40;
export const OP_RAISE_IRQL_TO_DPC_LEVEL: i32 = 41;
export const OP_LOWER_IRQL: i32 = 42;
export const OP_ACQUIRE_SPIN_LOCK: i32 = 50;
export const OP_RELEASE_SPIN_LOCK: i32 = 51;
export const OP_ACQUIRE_SPIN_LOCK_AT_DPC: i32 = 52;
export const OP_RELEASE_SPIN_LOCK_FROM_DPC: i32 = 53;
export const OP_SET_EVENT: i32 = 60;
export const OP_RESET_EVENT: i32 = 61;
export const OP_CLEAR_EVENT: i32 = 62;
export const OP_WAIT: i32 = 63;
export const OP_INSERT_QUEUE_APC: i32 = 70;
export const OP_INSERT_QUEUE_DPC: i32 = 71;
export const OP_WORK: i32 = 80;
export const OP_DELAY: i32 = 81;
export const OP_YIELD: i32 = 82;
export const OP_INIT_GUARDED_MUTEX: i32 = 90;
export const OP_INIT_FAST_MUTEX: i32 = 91;
export const OP_INIT_SPIN_LOCK: i32 = 92;
export const OP_INIT_EVENT: i32 = 93;

export const OBJ_GUARDED_MUTEX: i32 = 0;
export const OBJ_FAST_MUTEX: i32 = 1;
export const OBJ_SPIN_LOCK: i32 = 2;
export const OBJ_EVENT: i32 = 3;
export const EVENT_NOTIFICATION: i32 = 0;
export const EVENT_SYNCHRONIZATION: i32 = 1;
export const APC_KIND_SPECIAL: i32 = 0;
export const APC_KIND_NORMAL: i32 = 1;
export const APC_KIND_USER: i32 = 2;
export const SCHEDULER_PRIORITY: i32 = 0;
export const SCHEDULER_RANDOM: i32 = 1;
export const SCHEDULER_MANUAL: i32 = 2;
export const VERIFIER_OFF: i32 = 0;
export const VERIFIER_ON: i32 = 1;
export const VERIFIER_DEADLOCK: i32 = 2;

const OBJECT_REC: i32 = 4;
const THREAD_REC: i32 = 8;
const APC_REC: i32 = 4;
const DPC_REC: i32 = 4;
const INSERTION_REC: i32 = 4;
const INSTRUCTION_REC: i32 = 6;
const GOAL_REC: i32 = 4;
/** Limits.goalTerms of lang/program.ts: the met terms fit one i32 mask. */
export const MAX_GOAL_TERMS: i32 = 16;

// Goal term kinds (GoalKind in lang/program.ts)
export const GOAL_DEADLOCK: i32 = 1;
export const GOAL_BUGCHECK: i32 = 2;
export const GOAL_COMPLETED: i32 = 3;
export const GOAL_AT: i32 = 4;
export const GOAL_WAITS: i32 = 5;
export const GOAL_OWNS: i32 = 6;
export const GOAL_DELIVERED: i32 = 7;

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
  if (word(H_MAGIC) != PROGRAM_MAGIC) return -1;
  if (word(H_VERSION) != PROGRAM_FORMAT_VERSION) return -2;
  cpuCount = word(H_CPUS);
  if (cpuCount < 1 || cpuCount > 64) return -3;
  quantumSteps = max(1, word(H_QUANTUM));
  seed = word(H_SEED);
  scheduler = word(H_SCHEDULER);
  verifier = word(H_VERIFIER);
  windows = word(H_WINDOWS);
  boostsOn = word(H_BOOSTS) != 0;
  autoBoostOn = word(H_AUTOBOOST) != 0;
  objectCount = word(H_OBJECT_COUNT);
  threadCount = word(H_THREAD_COUNT);
  apcCount = word(H_APC_COUNT);
  dpcCount = word(H_DPC_COUNT);
  insertionCount = word(H_INSERTION_COUNT);
  instructionCount = word(H_INSTRUCTION_COUNT);
  if (objectCount < 0 || objectCount > 128 || threadCount < 0 || threadCount > 64) return -4;
  if (apcCount < 0 || apcCount > 64 || dpcCount < 0 || dpcCount > 64) return -4;
  if (insertionCount < 0 || insertionCount > 256 || instructionCount < 0 || instructionCount > 16384) return -4;
  objectsAt = PROGRAM_BASE + (word(H_OBJECTS_OFFSET) << 2);
  threadsAt = PROGRAM_BASE + (word(H_THREADS_OFFSET) << 2);
  apcsAt = PROGRAM_BASE + (word(H_APCS_OFFSET) << 2);
  dpcsAt = PROGRAM_BASE + (word(H_DPCS_OFFSET) << 2);
  insertionsAt = PROGRAM_BASE + (word(H_INSERTIONS_OFFSET) << 2);
  codeAt = PROGRAM_BASE + (word(H_CODE_OFFSET) << 2);
  goalCount = word(H_GOAL_COUNT);
  if (goalCount < 0 || goalCount > MAX_GOAL_TERMS) return -4;
  goalsAt = PROGRAM_BASE + (word(H_GOALS_OFFSET) << 2);
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
