// AutoBoost (modern Windows) [PINV] [BC162] [BC192] [BC153]: the owner of a
// tracked lock (KGUARDED_MUTEX and FAST_MUTEX; spin locks are not tracked) is
// raised to its highest waiter's priority until it releases.
// Simplification: the owner drops back to its pre-boost priority at the
// release of any tracked lock it owns.
import { C_THREAD, O_OWNER, THREAD_READY, THREAD_RUNNING, T_AUTOBOOST_SAVED, T_PRIORITY, T_STATE } from "./abi";
import { EV_AUTOBOOST, R_BOOSTED, R_RESTORED } from "./events";
import { autoBoostOn, cpuCount, objectCount, objectType, OBJ_FAST_MUTEX, OBJ_GUARDED_MUTEX } from "./program";
import { lineOf, preemptIfBetter, setPriority } from "./scheduler";
import { cGet, oGet, tGet, tSet } from "./state";
import { emitFor, emitThread } from "./trace";

export function isTracked(o: i32): bool {
  const type = objectType(o);
  return type == OBJ_GUARDED_MUTEX || type == OBJ_FAST_MUTEX;
}

/** A thread is about to block on tracked lock o: raise its owner to the waiter's priority. */
export function autoBoostOwner(waiter: i32, o: i32): void {
  if (!autoBoostOn || !isTracked(o)) return;
  const owner = oGet(o, O_OWNER) - 1;
  if (owner < 0 || owner >= 64 || owner == waiter) return;
  const wp = tGet(waiter, T_PRIORITY);
  const op = tGet(owner, T_PRIORITY);
  if (wp <= op) return;
  if (tGet(owner, T_AUTOBOOST_SAVED) == 0) tSet(owner, T_AUTOBOOST_SAVED, op + 1);
  setPriority(owner, wp);
  emitThread(owner, -1, EV_AUTOBOOST, R_BOOSTED, o, wp, 1);
  if (tGet(owner, T_STATE) == THREAD_READY) {
    for (let c = 0; c < cpuCount; c++) {
      if (cGet(c, C_THREAD) != waiter) preemptIfBetter(c);
    }
  }
}

/** The owner released a tracked lock: back to the priority it had before AutoBoost. */
export function autoBoostRestore(t: i32, o: i32): void {
  if (!autoBoostOn || t < 0 || t >= 64) return;
  const saved = tGet(t, T_AUTOBOOST_SAVED);
  if (saved == 0) return;
  tSet(t, T_AUTOBOOST_SAVED, 0);
  if (tGet(t, T_STATE) == THREAD_RUNNING || tGet(t, T_STATE) == THREAD_READY) setPriority(t, saved - 1);
  else tSet(t, T_PRIORITY, saved - 1);
  emitThread(t, -1, EV_AUTOBOOST, R_RESTORED, o, saved - 1, 0);
}

/** Some tracked lock whose Owner is t, or -1 (0x153 at thread exit). */
export function ownedTrackedLock(t: i32): i32 {
  for (let o = 0; o < objectCount; o++) {
    if (isTracked(o) && oGet(o, O_OWNER) - 1 == t) return o;
  }
  return -1;
}
