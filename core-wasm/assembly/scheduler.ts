// The dispatcher: ready queues per priority, readying with the multiprocessor
// placement rule, preemption, quantum end and priority boosts/decay.
// Windows rules modelled: highest-priority Ready thread runs; a preempted
// thread goes to the head of its queue, one whose quantum ended to the tail
// [KEX KxQueueReadyThread]; no switch on a CPU at >= DISPATCH_LEVEL, deferred
// until IRQL drops [R-WAIT KiExitDispatcher].
import {
  C_DPC,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  G_READY_HEAD,
  G_READY_MASK,
  G_READY_TAIL,
  G_TICK,
  THREAD_READY,
  THREAD_RUNNING,
  T_AUTOBOOST_SAVED,
  T_BALANCE_BOOSTED,
  T_BASE_PRIORITY,
  T_CPU,
  T_IRQL,
  T_PRIORITY,
  T_PRIORITY_DECREMENT,
  T_QUANTUM,
  T_READY_NEXT,
  T_READY_TICK,
  T_STATE,
} from "./abi";
import { curCpu, curThread, topFrameOf } from "./context";
import {
  BOOST_LOCK,
  BOOST_NONE,
  BOOST_WAIT,
  EV_CONTEXT_SWITCH,
  EV_PREEMPTED,
  EV_QUANTUM_END,
  EV_THREAD_READY,
  R_NONE,
  R_PREEMPTED,
  R_READY,
  R_RUNNING,
} from "./events";
import { boostsOn, cpuCount, insLine, quantumSteps, scheduler, SCHEDULER_PRIORITY, threadAffinity } from "./program";
import { cGet, cSet, gGet, gSet, tGet, tSet } from "./state";
import { emitFor, emitThread } from "./trace";
import { F_PC } from "./abi";

/** Lock-boost ceiling (docs/kernel-semantics.md §7, lock boost: the cap is one constant, 13). */
export const LOCK_BOOST_CEILING: i32 = 13;
export const LOW_REALTIME_PRIORITY: i32 = 16;

/** True while a step chosen by the host or the PRNG runs: readying then never places or preempts. */
let choiceStepping: bool = false;
export function setChoiceStepping(on: bool): void {
  choiceStepping = on;
}
/** Priority placement and preemption apply (the `priority` scheduler outside forced steps). */
export function priorityRules(): bool {
  return !choiceStepping && scheduler == SCHEDULER_PRIORITY;
}

export function allows(t: i32, c: i32): bool {
  const a = threadAffinity(t);
  return a < 0 || a == c;
}

export function lineOf(t: i32): i32 {
  return insLine(load<i32>(topFrameOf(t) + (F_PC << 2)));
}

export function initReadyQueues(): void {
  for (let p = 0; p < 32; p++) {
    gSet(G_READY_HEAD + p, -1);
    gSet(G_READY_TAIL + p, -1);
  }
  gSet(G_READY_MASK, 0);
}

export function readyInsert(t: i32, atHead: bool): void {
  const p = tGet(t, T_PRIORITY);
  const head = gGet(G_READY_HEAD + p);
  if (head < 0) {
    tSet(t, T_READY_NEXT, -1);
    gSet(G_READY_HEAD + p, t);
    gSet(G_READY_TAIL + p, t);
    gSet(G_READY_MASK, gGet(G_READY_MASK) | (1 << p));
  } else if (atHead) {
    tSet(t, T_READY_NEXT, head);
    gSet(G_READY_HEAD + p, t);
  } else {
    tSet(gGet(G_READY_TAIL + p), T_READY_NEXT, t);
    tSet(t, T_READY_NEXT, -1);
    gSet(G_READY_TAIL + p, t);
  }
}

export function readyRemove(t: i32): void {
  const p = tGet(t, T_PRIORITY);
  let prev = -1;
  let cur = gGet(G_READY_HEAD + p);
  while (cur >= 0 && cur != t) {
    prev = cur;
    cur = tGet(cur, T_READY_NEXT);
  }
  if (cur < 0) return;
  const next = tGet(t, T_READY_NEXT);
  if (prev < 0) gSet(G_READY_HEAD + p, next);
  else tSet(prev, T_READY_NEXT, next);
  if (gGet(G_READY_TAIL + p) == t) gSet(G_READY_TAIL + p, prev);
  if (next < 0 && prev < 0) gSet(G_READY_MASK, gGet(G_READY_MASK) & ~(1 << p));
  tSet(t, T_READY_NEXT, -1);
}

/** Highest-priority Ready thread allowed on CPU c (FIFO among equals), or -1. */
export function bestReadyFor(c: i32): i32 {
  let mask = gGet(G_READY_MASK);
  while (mask != 0) {
    const p = 31 - clz(mask);
    let t = gGet(G_READY_HEAD + p);
    while (t >= 0) {
      if (allows(t, c)) return t;
      t = tGet(t, T_READY_NEXT);
    }
    mask &= ~(1 << p);
  }
  return -1;
}

/** IRQL a CPU runs at: its DPC's, its thread's, or PASSIVE when idle. */
export function cpuIrql(c: i32): i32 {
  if (cGet(c, C_DPC) >= 0) return DISPATCH_LEVEL_VALUE;
  const t = cGet(c, C_THREAD);
  return t < 0 ? 0 : tGet(t, T_IRQL);
}

/** Makes t the running thread of CPU c. */
export function dispatchOn(c: i32, t: i32): void {
  cSet(c, C_THREAD, t);
  // Canonical state: the ready tick only matters while Ready (balance-set scan).
  tSet(t, T_READY_TICK, 0);
  tSet(t, T_STATE, THREAD_RUNNING);
  tSet(t, T_CPU, c);
  emitThread(t, c, EV_CONTEXT_SWITCH, R_RUNNING, -1, tGet(t, T_PRIORITY), 0);
}

/** Puts the running thread of CPU c back in the ready queue (head: preempted). */
function unrun(t: i32, atHead: bool): void {
  tSet(t, T_STATE, THREAD_READY);
  tSet(t, T_CPU, -1);
  tSet(t, T_READY_TICK, gGet(G_TICK));
  readyInsert(t, atHead);
}

/**
 * Readies t (wake, start, preemption victim excluded). Under the priority
 * rules it takes the lowest-numbered idle CPU its affinity allows, else it
 * preempts the CPU running the lowest priority below its own (ties: lowest
 * number) — at once if that CPU is another one below DISPATCH_LEVEL,
 * otherwise when that CPU reaches its dispatch point (scenario-language.md
 * timing rule 8).
 */
export function makeReady(t: i32, boostReason: i32): void {
  tSet(t, T_STATE, THREAD_READY);
  tSet(t, T_CPU, -1);
  tSet(t, T_READY_TICK, gGet(G_TICK));
  const prio = tGet(t, T_PRIORITY);
  emitThread(t, -1, EV_THREAD_READY, R_READY, -1, prio, boostReason);
  if (!priorityRules()) {
    readyInsert(t, false);
    return;
  }
  const n = cpuCount;
  for (let c = 0; c < n; c++) {
    if (cGet(c, C_THREAD) < 0 && allows(t, c)) {
      dispatchOn(c, t);
      return;
    }
  }
  readyInsert(t, false);
  let victim = -1;
  let lowest = prio;
  for (let c = 0; c < n; c++) {
    if (!allows(t, c)) continue;
    const p = tGet(cGet(c, C_THREAD), T_PRIORITY);
    if (p < lowest) {
      lowest = p;
      victim = c;
    }
  }
  if (victim >= 0 && victim != curCpu) preemptIfBetter(victim);
}

/**
 * The dispatch point of CPU c: if a Ready thread of higher priority than the
 * running one is allowed there and the CPU is below DISPATCH_LEVEL, it
 * preempts (the victim keeps its quantum and goes to the head of its queue).
 * Idle CPUs pick the best Ready thread. Returns true if the running thread lost the CPU.
 */
/** True if some Ready thread has a priority above `prio` (the cheap test before a dispatch check). */
export function readyAbove(prio: i32): bool {
  const mask = gGet(G_READY_MASK);
  return mask != 0 && 31 - clz(mask) > prio;
}

export function preemptIfBetter(c: i32): bool {
  const cur = cGet(c, C_THREAD);
  // Fast exit: no Ready thread above the running one.
  const mask = gGet(G_READY_MASK);
  if (cur >= 0 && (mask == 0 || 31 - clz(mask) <= tGet(cur, T_PRIORITY))) return false;
  return preemptSlow(c, cur);
}

function preemptSlow(c: i32, cur: i32): bool {
  if (!priorityRules()) return false;
  if (cur < 0) {
    const next = bestReadyFor(c);
    if (next >= 0) {
      readyRemove(next);
      dispatchOn(c, next);
    }
    return false;
  }
  if (cGet(c, C_DPC) >= 0 || tGet(cur, T_IRQL) >= DISPATCH_LEVEL_VALUE) return false;
  const best = bestReadyFor(c);
  if (best < 0 || tGet(best, T_PRIORITY) <= tGet(cur, T_PRIORITY)) return false;
  readyRemove(best);
  unrun(cur, true);
  emitThread(cur, c, EV_PREEMPTED, R_PREEMPTED, -1, best, 0);
  dispatchOn(c, best);
  return true;
}

/** KiExitDispatcher for the current thread: true if it was preempted. */
export function exitDispatcher(): bool {
  if (curThread < 0 || curCpu < 0) return false;
  if (cGet(curCpu, C_THREAD) != curThread) return true;
  if (!readyAbove(tGet(curThread, T_PRIORITY))) return false;
  return preemptIfBetter(curCpu);
}

/** The thread leaves its CPU (it blocks or ends); the CPU picks its next thread. */
export function vacateCpu(t: i32): void {
  const c = tGet(t, T_CPU);
  tSet(t, T_CPU, -1);
  if (c < 0) return;
  if (cGet(c, C_THREAD) == t) cSet(c, C_THREAD, -1);
  if (priorityRules()) {
    const next = bestReadyFor(c);
    if (next >= 0) {
      readyRemove(next);
      dispatchOn(c, next);
    }
  }
}

/** Changes a thread's current priority, moving it between ready queues if it is Ready. */
export function setPriority(t: i32, p: i32): void {
  if (tGet(t, T_PRIORITY) == p) return;
  if (tGet(t, T_STATE) == THREAD_READY) {
    readyRemove(t);
    tSet(t, T_PRIORITY, p);
    readyInsert(t, false);
  } else {
    tSet(t, T_PRIORITY, p);
  }
}

/**
 * Wait boost on unwait: Base + Increment, dynamic priorities only, never
 * above 15, and not for a thread that still carries a lock/balance boost
 * [R-SCHED AdjustUnwait] [BOOST]. Returns the boost reason for the trace.
 */
export function waitBoost(t: i32, increment: i32): i32 {
  const prio = tGet(t, T_PRIORITY);
  if (!boostsOn || increment <= 0 || prio >= LOW_REALTIME_PRIORITY || tGet(t, T_PRIORITY_DECREMENT) != 0)
    return BOOST_NONE;
  const np = min(tGet(t, T_BASE_PRIORITY) + increment, 15);
  if (np <= prio) return BOOST_NONE;
  tSet(t, T_PRIORITY, np);
  return BOOST_WAIT;
}

/**
 * Lock boost [R-GATE KeSignalGateBoostPriority]: P = releaser's priority minus
 * its PriorityDecrement (not below base); a waiter at or below P and below 13
 * becomes min(P + 1, 13), that boost recorded as its PriorityDecrement.
 */
export function lockBoost(releaser: i32, waiter: i32): i32 {
  if (!boostsOn || releaser < 0) return BOOST_NONE;
  const p = releaserBasis(releaser);
  const wp = tGet(waiter, T_PRIORITY);
  if (wp >= LOW_REALTIME_PRIORITY || wp > p || wp >= LOCK_BOOST_CEILING) return BOOST_NONE;
  const np = min(p + 1, LOCK_BOOST_CEILING);
  if (np <= wp) return BOOST_NONE;
  tSet(waiter, T_PRIORITY_DECREMENT, tGet(waiter, T_PRIORITY_DECREMENT) + np - wp);
  tSet(waiter, T_PRIORITY, np);
  return BOOST_LOCK;
}

/** P of the lock boost: priority minus PriorityDecrement, never below base. */
export function releaserBasis(t: i32): i32 {
  return max(tGet(t, T_PRIORITY) - tGet(t, T_PRIORITY_DECREMENT), tGet(t, T_BASE_PRIORITY));
}

/**
 * KiComputeNewPriority(thread, 1) at quantum end: remove PriorityDecrement and
 * decay one more level, not below base; real-time threads unchanged.
 */
export function decayPriority(t: i32): void {
  const prio = tGet(t, T_PRIORITY);
  if (prio >= LOW_REALTIME_PRIORITY) return;
  // AutoBoost holds the owner at its waiter's priority until it releases the
  // lock [PINV]; quantum ends do not wear that boost down.
  if (tGet(t, T_AUTOBOOST_SAVED) != 0) return;
  const np = max(prio - tGet(t, T_PRIORITY_DECREMENT) - 1, tGet(t, T_BASE_PRIORITY));
  tSet(t, T_PRIORITY_DECREMENT, 0);
  tSet(t, T_BALANCE_BOOSTED, 0);
  tSet(t, T_PRIORITY, np);
}

/**
 * Quantum end of the running thread t on CPU c (below DISPATCH_LEVEL): decay,
 * fresh quantum, and round-robin to the tail if an equal or higher priority
 * thread is Ready there (scenario-language.md timing rule 6).
 */
export function quantumEnd(t: i32, c: i32): void {
  decayPriority(t);
  tSet(t, T_QUANTUM, quantumSteps);
  const best = bestReadyFor(c);
  const prio = tGet(t, T_PRIORITY);
  if (best >= 0 && tGet(best, T_PRIORITY) >= prio) {
    readyRemove(best);
    unrun(t, false);
    emitThread(t, c, EV_QUANTUM_END, R_NONE, -1, prio, 1);
    dispatchOn(c, best);
  } else {
    emitThread(t, c, EV_QUANTUM_END, R_NONE, -1, prio, 0);
  }
}

/**
 * ZwYieldExecution [R-SCHED NtYieldExecution]: fresh quantum, priority decay,
 * and the CPU goes to any Ready thread allowed there (the yielder to the tail).
 */
export function yieldExecution(t: i32, c: i32): void {
  tSet(t, T_QUANTUM, quantumSteps);
  if (!priorityRules()) return;
  decayPriority(t);
  const best = bestReadyFor(c);
  if (best < 0) return;
  readyRemove(best);
  unrun(t, false);
  dispatchOn(c, best);
}
