// Deadlock detection of the simulator (not the Verifier's): the run is stuck
// when nothing can ever change state again — every remaining thread waits
// with no timer, DPC or `at` insertion pending, or the only activity left is
// spinning on spin locks whose owners can never run (docs/cli.md,
// "Outcomes": `deadlock`). analyzeDeadlock() writes the wait-for cycle for the host.
import {
  C_DPC,
  C_DPC_HEAD,
  C_DPC_SPIN,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  EXPORT_BASE,
  G_ALIVE,
  G_DPCS_QUEUED,
  G_INSERTION_CURSOR,
  G_NOT_STARTED,
  G_OUTCOME,
  O_OWNER,
  OUTCOME_DEADLOCK,
  OUTCOME_RUNNING,
  THREAD_READY,
  THREAD_TERMINATED,
  THREAD_WAITING,
  T_IRQL,
  T_SPIN_OBJECT,
  T_STATE,
  T_WAIT_OBJECT,
  X_DEADLOCK,
} from "./abi";
import { enterOutside } from "./context";
import { EV_DEADLOCK, R_DEADLOCK } from "./events";
import { cpuCount, insertionCount, threadCount } from "./program";
import { allows } from "./scheduler";
import { cGet, gGet, gSet, oGet, tGet } from "./state";
import { emit } from "./trace";
import { nextTimerTick, NO_TIMER } from "./waits";

/** No timer, `at` insertion, thread start or DPC can still happen. */
export function nothingPending(): bool {
  if (gGet(G_DPCS_QUEUED) > 0) return false;
  if (gGet(G_INSERTION_CURSOR) < insertionCount) return false;
  if (gGet(G_NOT_STARTED) > 0) return false;
  return nextTimerTick() == NO_TIMER;
}

export function declareDeadlock(): void {
  if (gGet(G_OUTCOME) != OUTCOME_RUNNING) return;
  gSet(G_OUTCOME, OUTCOME_DEADLOCK);
  enterOutside();
  emit(EV_DEADLOCK, R_DEADLOCK, -1, 0, 0);
}

function spinnerOn(c: i32): bool {
  const t = cGet(c, C_THREAD);
  return t >= 0 && tGet(t, T_SPIN_OBJECT) >= 0 && tGet(t, T_IRQL) >= DISPATCH_LEVEL_VALUE;
}

/** After a failed spin: is every CPU's activity a spin that can never succeed? */
export function checkSpinHang(): void {
  if (!nothingPending()) return;
  const n = cpuCount;
  for (let c = 0; c < n; c++) {
    const dpc = cGet(c, C_DPC);
    if (dpc >= 0) {
      // A DPC spinning on a held lock holds its CPU like a spinning thread.
      const lock = cGet(c, C_DPC_SPIN);
      if (lock < 0 || oGet(lock, O_OWNER) == 0) return;
      continue;
    }
    if (cGet(c, C_DPC_HEAD) >= 0) return;
    const t = cGet(c, C_THREAD);
    if (t < 0) continue;
    if (!spinnerOn(c)) return;
    if (oGet(tGet(t, T_SPIN_OBJECT), O_OWNER) == 0) return; // the lock is free: it will be taken
  }
  // Ready threads could still run on a CPU that is not held by a spinner.
  for (let t = 0; t < threadCount; t++) {
    if (tGet(t, T_STATE) != THREAD_READY) continue;
    for (let c = 0; c < n; c++) if (allows(t, c) && !cpuHeldBySpinner(c)) return;
  }
  declareDeadlock();
}

function cpuHeldBySpinner(c: i32): bool {
  return spinnerOn(c) || (cGet(c, C_DPC) >= 0 && cGet(c, C_DPC_SPIN) >= 0);
}

/** Object the thread waits or spins on, or -1. */
function waitsFor(t: i32): i32 {
  const state = tGet(t, T_STATE);
  if (state == THREAD_WAITING) return tGet(t, T_WAIT_OBJECT);
  if (state != THREAD_TERMINATED && tGet(t, T_SPIN_OBJECT) >= 0) return tGet(t, T_SPIN_OBJECT);
  return -1;
}

/**
 * Writes the wait-for cycle at X_DEADLOCK: count, then (thread, object, owner
 * context or -1) triples, starting at the lowest-index thread of the first
 * cycle found; without a cycle, the chain from the first blocked thread
 * ([] when its object has no owner). Returns the number of edges.
 */
export function analyzeDeadlock(): i32 {
  const out = EXPORT_BASE + (X_DEADLOCK << 2);
  const n = threadCount;
  for (let start = 0; start < n; start++) {
    if (waitsFor(start) < 0) continue;
    // Walk at most n edges; a cycle exists if we come back to a visited thread.
    let t = start;
    let steps = 0;
    while (steps <= n) {
      const o = waitsFor(t);
      if (o < 0) break;
      const owner = oGet(o, O_OWNER) - 1;
      if (owner < 0 || owner >= 64) break;
      t = owner;
      steps++;
      if (t == start) return writeCycle(out, start);
    }
  }
  // No cycle: the chain from the first blocked thread.
  for (let start = 0; start < n; start++) {
    if (waitsFor(start) < 0) continue;
    let count = 0;
    let t = start;
    while (count < n) {
      const o = waitsFor(t);
      if (o < 0) break;
      const owner = oGet(o, O_OWNER) - 1;
      if (owner < 0 || owner >= 64) break;
      store<i32>(out + 4 + count * 12, t);
      store<i32>(out + 8 + count * 12, o);
      store<i32>(out + 12 + count * 12, owner);
      count++;
      t = owner;
      if (t == start) break;
    }
    store<i32>(out, count);
    return count;
  }
  store<i32>(out, 0);
  return 0;
}

function writeCycle(out: i32, start: i32): i32 {
  // Rotate so that the cycle starts at its lowest-index thread.
  let lowest = start;
  let t = start;
  do {
    if (t < lowest) lowest = t;
    t = oGet(waitsFor(t), O_OWNER) - 1;
  } while (t != start);
  let count = 0;
  t = lowest;
  do {
    const o = waitsFor(t);
    const owner = oGet(o, O_OWNER) - 1;
    store<i32>(out + 4 + count * 12, t);
    store<i32>(out + 8 + count * 12, o);
    store<i32>(out + 12 + count * 12, owner);
    count++;
    t = owner;
  } while (t != lowest && count < 64);
  store<i32>(out, count);
  return count;
}
