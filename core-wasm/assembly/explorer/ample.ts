// Persistent (ample) sets for the reduced search: in a state where some
// thread's next step is independent of everything every other thread can
// still do, that step alone is explored (Godefroid 1996, persistent sets;
// Peled's ample sets). "Can still do" is a static summary per instruction:
// the objects its thread may touch from there on, and whether it may take a
// GLOBAL step (por.ts). The state graph is acyclic (every step
// advances the tick), so no cycle proviso is needed, and the other threads'
// steps are only postponed, never lost. Applies where sleep sets apply
// (por.ts reductionApplies) and with at most 64 objects.
import {
  DISPATCH_LEVEL_VALUE,
  F_PC,
  O_OWNER,
  OBJECT_WORDS,
  THREAD_INITIALIZED,
  THREAD_TERMINATED,
  T_FRAMES,
  T_STATE,
} from "../abi";
import { FP_ALL_OBJECTS, FP_GLOBAL, FP_OBJECT, reductionApplies } from "./por";
import {
  insA,
  insB,
  insC,
  insD,
  insOp,
  instructionCount,
  objectCount,
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
  threadCodeStart,
  threadCount,
  verifier,
  VERIFIER_DEADLOCK,
} from "../program";
import { objectsBase, tGet } from "../state";

const MAY_GLOBAL: i32 = 1;

let summaryObjects: i32 = 0; // u64 per instruction: objects its thread may touch from there on
let summaryFlags: i32 = 0; // i32 per instruction: MAY_GLOBAL
let ready: bool = false;

/** Own footprint of the statement at pc: sets ownObjects, returns flags. */
let ownObjects: u64 = 0;
function own(pc: i32): i32 {
  ownObjects = 0;
  const op = insOp(pc);
  switch (op) {
    case OP_JUMP:
    case OP_REPEAT_INIT:
    case OP_REPEAT_NEXT:
    case OP_END:
    case OP_ENTER_GUARDED_REGION:
    case OP_LEAVE_GUARDED_REGION:
    case OP_ENTER_CRITICAL_REGION:
    case OP_LEAVE_CRITICAL_REGION:
    case OP_LOWER_IRQL:
    case OP_WORK:
    case OP_YIELD:
      return 0;
    case OP_RAISE_IRQL:
      return insA(pc) >= DISPATCH_LEVEL_VALUE ? MAY_GLOBAL : 0;
    case OP_ACQUIRE_GUARDED_MUTEX:
    case OP_ACQUIRE_GUARDED_MUTEX_UNSAFE:
    case OP_ACQUIRE_FAST_MUTEX:
    case OP_ACQUIRE_FAST_MUTEX_UNSAFE:
    case OP_RELEASE_GUARDED_MUTEX:
    case OP_RELEASE_GUARDED_MUTEX_UNSAFE:
    case OP_RELEASE_FAST_MUTEX:
    case OP_RELEASE_FAST_MUTEX_UNSAFE:
    case OP_TRY_GUARDED_MUTEX:
    case OP_TRY_FAST_MUTEX:
      if (verifier == VERIFIER_DEADLOCK) return MAY_GLOBAL;
      ownObjects = (<u64>1) << (<u64>insA(pc));
      return 0;
    case OP_RESET_EVENT:
    case OP_CLEAR_EVENT:
    case OP_INIT_EVENT:
    case OP_INIT_GUARDED_MUTEX:
    case OP_INIT_FAST_MUTEX:
      ownObjects = (<u64>1) << (<u64>insA(pc));
      return 0;
    case OP_SET_EVENT:
      ownObjects = (<u64>1) << (<u64>insA(pc));
      return insC(pc) != 0 ? MAY_GLOBAL : 0;
    case OP_WAIT:
      ownObjects = (<u64>1) << (<u64>insA(pc));
      return insD(pc) > 0 ? MAY_GLOBAL : 0;
    default:
      return MAY_GLOBAL;
  }
}

function mergeFrom(pc: i32, succ: i32, objects: u64, flags: i32): void {
  if (succ < 0 || succ >= instructionCount) {
    // Outside the code: be conservative.
    store<i32>(summaryFlags + (pc << 2), flags | MAY_GLOBAL);
    return;
  }
  const o = load<u64>(summaryObjects + (succ << 3));
  const f = load<i32>(summaryFlags + (succ << 2));
  if ((objects | o) != objects || (flags | f) != flags) changed = true;
  store<u64>(summaryObjects + (pc << 3), objects | o);
  store<i32>(summaryFlags + (pc << 2), flags | f);
}
let changed = false;

/** Computes the per-instruction summaries at `at`; returns the next free address. */
export function initAmple(at: i32): i32 {
  ready = reductionApplies() && objectCount <= 64;
  if (!ready) return at;
  summaryObjects = at;
  summaryFlags = at + instructionCount * 8;
  for (let pc = 0; pc < instructionCount; pc++) {
    const flags = own(pc);
    store<u64>(summaryObjects + (pc << 3), ownObjects);
    store<i32>(summaryFlags + (pc << 2), flags);
  }
  // Backward fixpoint over the control flow (loops need several passes).
  do {
    changed = false;
    for (let pc = instructionCount - 1; pc >= 0; pc--) {
      const op = insOp(pc);
      if (op == OP_END) continue;
      const objects = load<u64>(summaryObjects + (pc << 3));
      const flags = load<i32>(summaryFlags + (pc << 2));
      if (op == OP_JUMP) mergeFrom(pc, insA(pc), objects, flags);
      else {
        mergeFrom(pc, pc + 1, objects, flags);
        const o2 = load<u64>(summaryObjects + (pc << 3));
        const f2 = load<i32>(summaryFlags + (pc << 2));
        if (op == OP_REPEAT_INIT) mergeFrom(pc, insC(pc), o2, f2);
        else if (op == OP_REPEAT_NEXT) mergeFrom(pc, insB(pc), o2, f2);
        else if (op == OP_TRY_GUARDED_MUTEX || op == OP_TRY_FAST_MUTEX) mergeFrom(pc, insB(pc), o2, f2);
      }
    }
  } while (changed);
  return summaryFlags + instructionCount * 4;
}

function ownerOf(o: i32): i32 {
  return load<i32>(objectsBase + o * (OBJECT_WORDS << 2) + (O_OWNER << 2));
}

/**
 * A choice that forms a persistent set on its own, given the footprints in
 * `choices` (16 bytes per choice: context, cpu, kind, object), or -1.
 */
export function ampleChoice(choices: i32, n: i32): i32 {
  if (!ready) return -1;
  for (let i = 0; i < n; i++) {
    const at = choices + (i << 4);
    const t = load<i32>(at);
    const kind = load<i32>(at + 8);
    if (t >= 64 || kind == FP_GLOBAL) continue;
    const object = load<i32>(at + 12);
    // A step on an object another thread owns (a release by a non-owner) changes that owner's exit.
    if (object >= 0 && ownerOf(object) != 0 && ownerOf(object) != t + 1) continue;
    let owned: u64 = 0;
    if (kind == FP_ALL_OBJECTS) {
      // The thread ends in this step: its exit checks read the objects it owns; the statement may touch one more.
      for (let o = 0; o < objectCount; o++) if (ownerOf(o) == t + 1) owned |= (<u64>1) << (<u64>o);
      if (object >= 0) owned |= (<u64>1) << (<u64>object);
    }
    let ok = true;
    for (let u = 0; u < threadCount && ok; u++) {
      if (u == t) continue;
      const state = tGet(u, T_STATE);
      if (state == THREAD_TERMINATED) continue;
      const pc = state == THREAD_INITIALIZED ? threadCodeStart(u) : tGet(u, T_FRAMES + F_PC);
      if (pc < 0 || pc >= instructionCount) {
        ok = false;
        break;
      }
      if ((load<i32>(summaryFlags + (pc << 2)) & MAY_GLOBAL) != 0) ok = false;
      const objects = load<u64>(summaryObjects + (pc << 3));
      if (kind == FP_OBJECT && ((objects >> (<u64>object)) & 1) != 0) ok = false;
      if (kind == FP_ALL_OBJECTS && (objects & owned) != 0) ok = false;
    }
    if (ok) return i;
  }
  return -1;
}
