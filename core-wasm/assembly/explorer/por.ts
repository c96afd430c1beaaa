// Partial-order reduction for the explorer: the footprint of a thread's next
// step and the independence of two steps, used by sleep sets (Godefroid 1996).
// Two steps of different threads are independent in a state when running them
// in either order reaches the same simulation (up to scheduling bookkeeping,
// below) and neither disables the other. Footprints are conservative: any
// step whose effect is not a function of its own thread and one object is
// GLOBAL, dependent with everything.
//
// Where the reduction applies (reductionApplies): one CPU, no APCs, no DPCs,
// no `at` insertions, at most 64 threads. With one CPU the choices are "the
// running thread or any Ready thread" whoever holds the CPU, so which of two
// threads below DISPATCH_LEVEL is Running and which Ready, their ready-queue
// order, ready ticks, quanta and priorities are bookkeeping that no later
// choice, bug check or deadlock depends on. Simplification: states that differ
// only in that bookkeeping are treated as equivalent when a step is put to
// sleep; they are still stored as distinct states. The property test in
// core-wasm/engine/explorer-reduction.test.ts compares verdicts with and
// without the reduction on generated scenarios.
import {
  CONT_LEAVE_GUARDED,
  CONT_LOWER_IRQL,
  CONT_MUTEX_RETRY,
  DISPATCH_LEVEL_VALUE,
  F_CONT,
  F_PC,
  G_INSERTION_CURSOR,
  G_NEXT_WAKE,
  G_NOT_STARTED,
  G_TICK,
  THREAD_INITIALIZED,
  T_DEPTH,
  T_FRAMES,
  T_IRQL,
  T_KERNEL_APC_HEAD,
  T_LOCALS,
  T_SET_EVENT_WAIT,
  T_STATE,
  T_USER_APC_HEAD,
} from "../abi";
import {
  apcCount,
  cpuCount,
  dpcCount,
  insertionCount,
  insertionTick,
  insA,
  insB,
  insC,
  insD,
  insOp,
  OP_ACQUIRE_FAST_MUTEX,
  OP_ACQUIRE_FAST_MUTEX_UNSAFE,
  OP_ACQUIRE_GUARDED_MUTEX,
  OP_ACQUIRE_GUARDED_MUTEX_UNSAFE,
  OP_CLEAR_EVENT,
  OP_END,
  OP_ENTER_CRITICAL_REGION,
  OP_ENTER_GUARDED_REGION,
  OP_INIT_EVENT,
  OP_INIT_FAST_MUTEX,
  OP_INIT_GUARDED_MUTEX,
  OP_JUMP,
  OP_LEAVE_CRITICAL_REGION,
  OP_LEAVE_GUARDED_REGION,
  OP_LOWER_IRQL,
  OP_RAISE_IRQL,
  OP_RELEASE_FAST_MUTEX,
  OP_RELEASE_FAST_MUTEX_UNSAFE,
  OP_RELEASE_GUARDED_MUTEX,
  OP_RELEASE_GUARDED_MUTEX_UNSAFE,
  OP_REPEAT_INIT,
  OP_REPEAT_NEXT,
  OP_RESET_EVENT,
  OP_SET_EVENT,
  OP_TRY_FAST_MUTEX,
  OP_TRY_GUARDED_MUTEX,
  OP_WAIT,
  OP_WORK,
  OP_YIELD,
  threadCount,
  threadStart,
  verifier,
  VERIFIER_DEADLOCK,
} from "../program";
import { gGet, tGet } from "../state";

/** Footprint kinds. LOCAL: the thread's own record only. OBJECT: that and one object. */
export const FP_LOCAL: i32 = 0;
export const FP_OBJECT: i32 = 1;
/** Ends the thread: its exit checks read every object it owns. */
export const FP_ALL_OBJECTS: i32 = 2;
export const FP_GLOBAL: i32 = 3;

/** Object of the last footprint() (FP_OBJECT, or the statement's object of an FP_ALL_OBJECTS step), else -1. */
export let footprintObject: i32 = -1;

/** Whether sleep sets are sound for the loaded program (see the file comment). */
export function reductionApplies(): bool {
  return cpuCount == 1 && apcCount == 0 && dpcCount == 0 && insertionCount == 0 && threadCount <= 64;
}

/**
 * True when nothing happens at the start of the next tick (a timer, an `at`
 * insertion, a thread start, the balance-set scan): two steps then see the
 * same world whichever runs first.
 */
export function nextTickQuiet(): bool {
  const next = gGet(G_TICK) + 1;
  if (gGet(G_NEXT_WAKE) <= next) return false;
  if (next % 100 == 0) return false;
  const cursor = gGet(G_INSERTION_CURSOR);
  if (cursor < insertionCount && insertionTick(cursor) <= next) return false;
  if (gGet(G_NOT_STARTED) > 0) {
    for (let t = 0; t < threadCount; t++) {
      if (tGet(t, T_STATE) == THREAD_INITIALIZED && threadStart(t) <= next) return false;
    }
  }
  return true;
}

const FREE_WALK_LIMIT: i32 = 64;

/**
 * Follows the free instructions (jumps, repeat bookkeeping) of thread t from
 * pc without changing anything; returns the pc of the next statement or End,
 * or -1 if the walk is too long to follow.
 */
function nextStatementPc(t: i32, pc: i32): i32 {
  // One repeat counter may be (re)initialised during the walk; others are read from the thread.
  let overlaySlot = -1;
  let overlayValue = 0;
  for (let n = 0; n < FREE_WALK_LIMIT; n++) {
    const op = insOp(pc);
    if (op == OP_JUMP) {
      pc = insA(pc);
    } else if (op == OP_REPEAT_INIT) {
      const count = insB(pc);
      if (count <= 0) pc = insC(pc);
      else {
        if (overlaySlot >= 0 && overlaySlot != insA(pc)) return -1;
        overlaySlot = insA(pc);
        overlayValue = count;
        pc = pc + 1;
      }
    } else if (op == OP_REPEAT_NEXT) {
      const slot = insA(pc);
      let v: i32;
      if (slot == overlaySlot) v = overlayValue - 1;
      else {
        if (overlaySlot >= 0) return -1;
        overlaySlot = slot;
        v = tGet(t, T_LOCALS + slot) - 1;
      }
      overlayValue = v;
      pc = v > 0 ? insB(pc) : pc + 1;
    } else {
      return pc;
    }
  }
  return -1;
}

/** Whether the thread ends right after a statement whose next instruction is `after`. */
function endsAfter(t: i32, after: i32): bool {
  const pc = nextStatementPc(t, after);
  return pc < 0 || insOp(pc) == OP_END;
}

/** Kind of the next step of thread t (a choice in the current state); sets footprintObject for FP_OBJECT. */
export function footprint(t: i32): i32 {
  footprintObject = -1;
  if (tGet(t, T_IRQL) >= DISPATCH_LEVEL_VALUE) return FP_GLOBAL;
  if (tGet(t, T_KERNEL_APC_HEAD) >= 0 || tGet(t, T_USER_APC_HEAD) >= 0) return FP_GLOBAL;
  if (tGet(t, T_DEPTH) != 1 || tGet(t, T_SET_EVENT_WAIT) != 0) return FP_GLOBAL;
  const cont = tGet(t, T_FRAMES + F_CONT);
  const framePc = tGet(t, T_FRAMES + F_PC);
  if (cont == CONT_MUTEX_RETRY) {
    const kind = objectKind(insA(framePc));
    return endsAfter(t, framePc + 1) ? FP_ALL_OBJECTS : kind;
  }
  if (cont == CONT_LEAVE_GUARDED || cont == CONT_LOWER_IRQL) {
    return endsAfter(t, framePc + 1) ? FP_ALL_OBJECTS : FP_LOCAL;
  }
  if (cont != 0) return FP_GLOBAL;
  const pc = nextStatementPc(t, framePc);
  if (pc < 0) return FP_GLOBAL;
  const op = insOp(pc);
  if (op == OP_END) return FP_ALL_OBJECTS;
  let kind = FP_GLOBAL;
  switch (op) {
    case OP_ACQUIRE_GUARDED_MUTEX:
    case OP_ACQUIRE_GUARDED_MUTEX_UNSAFE:
    case OP_ACQUIRE_FAST_MUTEX:
    case OP_ACQUIRE_FAST_MUTEX_UNSAFE:
    case OP_RELEASE_GUARDED_MUTEX:
    case OP_RELEASE_GUARDED_MUTEX_UNSAFE:
    case OP_RELEASE_FAST_MUTEX:
    case OP_RELEASE_FAST_MUTEX_UNSAFE:
      // Driver Verifier's deadlock detection keeps one lock-order graph for everyone.
      kind = verifier == VERIFIER_DEADLOCK ? FP_GLOBAL : objectKind(insA(pc));
      break;
    case OP_TRY_GUARDED_MUTEX:
    case OP_TRY_FAST_MUTEX:
      if (verifier == VERIFIER_DEADLOCK) return FP_GLOBAL;
      kind = objectKind(insA(pc));
      // Either branch may end the thread.
      if (endsAfter(t, insB(pc))) return FP_ALL_OBJECTS;
      break;
    case OP_RESET_EVENT:
    case OP_CLEAR_EVENT:
    case OP_INIT_EVENT:
    case OP_INIT_GUARDED_MUTEX:
    case OP_INIT_FAST_MUTEX:
      kind = objectKind(insA(pc));
      break;
    case OP_SET_EVENT:
      // KeSetEvent(…, TRUE) keeps the CPU until the next wait: not a plain object step.
      kind = insC(pc) != 0 ? FP_GLOBAL : objectKind(insA(pc));
      break;
    case OP_WAIT:
      // A timeout arms a timer whose due tick depends on when the wait runs.
      kind = insD(pc) > 0 ? FP_GLOBAL : objectKind(insA(pc));
      break;
    case OP_ENTER_GUARDED_REGION:
    case OP_LEAVE_GUARDED_REGION:
    case OP_ENTER_CRITICAL_REGION:
    case OP_LEAVE_CRITICAL_REGION:
    case OP_LOWER_IRQL:
    case OP_WORK:
    case OP_YIELD:
      kind = FP_LOCAL;
      break;
    case OP_RAISE_IRQL:
      // Raising to DISPATCH_LEVEL takes the CPU away from everyone else.
      kind = insA(pc) >= DISPATCH_LEVEL_VALUE ? FP_GLOBAL : FP_LOCAL;
      break;
    default:
      // Spin locks, KeRaiseIrqlToDpcLevel, Delay, APC/DPC insertion.
      return FP_GLOBAL;
  }
  if (kind == FP_GLOBAL) return kind;
  // footprintObject stays set: an ending step still touches its statement's object.
  if (endsAfter(t, pc + 1)) return FP_ALL_OBJECTS;
  return kind;
}

function objectKind(o: i32): i32 {
  footprintObject = o;
  return FP_OBJECT;
}

/** Independence of two footprints (kind, object) of different threads. */
export function independent(kindA: i32, objectA: i32, kindB: i32, objectB: i32): bool {
  if (kindA == FP_GLOBAL || kindB == FP_GLOBAL) return false;
  if (kindA == FP_LOCAL || kindB == FP_LOCAL) return true;
  if (kindA == FP_ALL_OBJECTS || kindB == FP_ALL_OBJECTS) return false;
  return objectA != objectB;
}
