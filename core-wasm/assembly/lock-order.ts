// Driver Verifier deadlock detection (`#verifier deadlock`) [DLD] [C4]: it
// records the edge "held → requested" at every acquire call, before the
// caller can block, and reports a request that closes a cycle in that lock
// order graph (0x1001), a recursive acquire (0x1000), release by another
// thread (0x1004), release of an unacquired lock (0x1007), release out of
// acquisition order (0x1003) and thread exit while owning (0x100A).
// Simplification: only thread contexts are tracked (not DPC bodies).
import {
  EXPORT_BASE,
  MAX_HELD,
  O_OWNER,
  PARAM_CONTEXT,
  PARAM_NUMBER,
  PARAM_OBJECT,
  T_HELD,
  T_HELD_COUNT,
  X_SCRATCH,
} from "./abi";
import { curThread } from "./context";
import { objectCount } from "./program";
import { oGet, orderGraphBase, tGet, tSet, stateStore } from "./state";
import { deadlockDetectionOn, deadlockViolation } from "./verifier";

function edgeBit(from: i32, to: i32): i32 {
  return from * objectCount + to;
}
function hasEdge(from: i32, to: i32): bool {
  const bit = edgeBit(from, to);
  return (load<i32>(orderGraphBase + ((bit >> 5) << 2)) & (1 << (bit & 31))) != 0;
}
function addEdge(from: i32, to: i32): void {
  const bit = edgeBit(from, to);
  const at = orderGraphBase + ((bit >> 5) << 2);
  stateStore(at, load<i32>(at) | (1 << (bit & 31)));
}

/** Is `to` reachable from `from` in the order graph? Depth-first over scratch memory. */
function reachable(from: i32, to: i32): bool {
  const visited = EXPORT_BASE + (X_SCRATCH << 2);
  const stack = visited + 512;
  const n = objectCount;
  memory.fill(visited, 0, n);
  let sp = 0;
  store<i32>(stack, from);
  sp = 1;
  store<u8>(visited + from, 1);
  while (sp > 0) {
    sp--;
    const node = load<i32>(stack + (sp << 2));
    if (node == to) return true;
    for (let next = 0; next < n; next++) {
      if (load<u8>(visited + next) == 0 && hasEdge(node, next)) {
        store<u8>(visited + next, 1);
        store<i32>(stack + (sp << 2), next);
        sp++;
      }
    }
  }
  return false;
}

function heldIndex(t: i32, o: i32): i32 {
  const n = tGet(t, T_HELD_COUNT);
  for (let i = 0; i < n; i++) if (tGet(t, T_HELD + i) == o) return i;
  return -1;
}

/** At an acquire call: 0x1000 recursion, 0x1001 cycle; otherwise records held → o edges. Returns false if it bug-checked. */
export function orderCheckAcquire(o: i32): bool {
  if (!deadlockDetectionOn() || curThread < 0) return true;
  const t = curThread;
  if (heldIndex(t, o) >= 0) {
    deadlockViolation(0x1000, o, PARAM_CONTEXT, t, PARAM_NUMBER, 0);
    return false;
  }
  const n = tGet(t, T_HELD_COUNT);
  for (let i = 0; i < n; i++) {
    const h = tGet(t, T_HELD + i);
    if (reachable(o, h)) {
      deadlockViolation(0x1001, o, PARAM_OBJECT, h, PARAM_NUMBER, 0);
      return false;
    }
  }
  for (let i = 0; i < n; i++) addEdge(tGet(t, T_HELD + i), o);
  return true;
}

/** The current thread now holds o. */
export function orderAcquired(o: i32): void {
  if (!deadlockDetectionOn() || curThread < 0) return;
  const n = tGet(curThread, T_HELD_COUNT);
  if (n >= MAX_HELD) return;
  tSet(curThread, T_HELD + n, o);
  tSet(curThread, T_HELD_COUNT, n + 1);
}

/** At a release call: 0x1007 unacquired, 0x1004 other owner, 0x1003 out of order. Returns false if it bug-checked. */
export function orderCheckRelease(o: i32): bool {
  if (!deadlockDetectionOn() || curThread < 0) return true;
  const t = curThread;
  const owner = oGet(o, O_OWNER) - 1;
  if (owner < 0) {
    deadlockViolation(0x1007, o, PARAM_NUMBER, 0, PARAM_NUMBER, 0);
    return false;
  }
  if (owner != t) {
    deadlockViolation(0x1004, o, PARAM_CONTEXT, owner, PARAM_CONTEXT, t);
    return false;
  }
  const n = tGet(t, T_HELD_COUNT);
  const i = heldIndex(t, o);
  if (i >= 0 && i != n - 1) {
    deadlockViolation(0x1003, o, PARAM_OBJECT, tGet(t, T_HELD + n - 1), PARAM_NUMBER, 0);
    return false;
  }
  if (i >= 0) {
    tSet(t, T_HELD + i, 0);
    tSet(t, T_HELD_COUNT, n - 1);
  }
  return true;
}

/** At thread exit: 0x100A if it still owns a tracked lock. Returns false if it bug-checked. */
export function orderCheckExit(t: i32): bool {
  if (!deadlockDetectionOn()) return true;
  const n = tGet(t, T_HELD_COUNT);
  if (n > 0) {
    deadlockViolation(0x100a, tGet(t, T_HELD + n - 1), PARAM_CONTEXT, t, PARAM_NUMBER, 0);
    return false;
  }
  return true;
}
