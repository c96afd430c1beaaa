// Dispatcher waits: object wait lists (FIFO), blocking the current thread,
// waking, timers (Delay and wait timeouts) and the re-wait after a kernel APC.
// Timing: a Delay(n) or timeout n executed at tick s keeps the thread Waiting
// during s+1 … s+n and readies it at s+n+1, with no boost (timing rule 1).
import {
  F_CONT,
  F_PC,
  G_NEXT_WAKE,
  G_TICK,
  O_COUNT,
  O_EVENT_TYPE,
  O_WAIT_HEAD,
  O_WAIT_TAIL,
  THREAD_WAITING,
  T_CPU,
  T_QUANTUM,
  T_STATE,
  T_WAIT_KIND,
  T_WAIT_MODE,
  T_WAIT_NEXT,
  T_WAIT_OBJECT,
  T_WAKE_TICK,
  WAIT_DELAY,
  WAIT_MUTEX,
  WAIT_NONE,
  WAIT_OBJECT,
} from "./abi";
import { T_WAIT_SINCE } from "../shared/memory-map";
import { curThread, enterOutside, topFrameOf } from "./context";
import { BOOST_NONE, EV_WAIT_TIMEOUT, R_DONE, R_SIGNALED, R_TIMEOUT } from "./events";
import { EVENT_SYNCHRONIZATION, goalTracksWaits, OP_WAIT, quantumSteps, threadCount } from "./program";
import { lineOf, makeReady, vacateCpu } from "./scheduler";
import { gGet, gSet, oGet, oSet, tGet, tSet, stateStore } from "./state";
import { emitFor, emitThread } from "./trace";

export const NO_TIMER: i32 = 0x7fffffff;

export function waitListAppend(o: i32, t: i32): void {
  tSet(t, T_WAIT_NEXT, -1);
  const tail = oGet(o, O_WAIT_TAIL);
  if (tail < 0) oSet(o, O_WAIT_HEAD, t);
  else tSet(tail, T_WAIT_NEXT, t);
  oSet(o, O_WAIT_TAIL, t);
}

export function waitListRemove(o: i32, t: i32): void {
  let prev = -1;
  let cur = oGet(o, O_WAIT_HEAD);
  while (cur >= 0 && cur != t) {
    prev = cur;
    cur = tGet(cur, T_WAIT_NEXT);
  }
  if (cur < 0) return;
  const next = tGet(t, T_WAIT_NEXT);
  if (prev < 0) oSet(o, O_WAIT_HEAD, next);
  else tSet(prev, T_WAIT_NEXT, next);
  if (oGet(o, O_WAIT_TAIL) == t) oSet(o, O_WAIT_TAIL, prev);
  tSet(t, T_WAIT_NEXT, -1);
}

/** Blocks the current thread (kind WAIT_*, object or -1, wake tick or -1) and gives its CPU away. */
export function blockCurrent(kind: i32, o: i32, wakeTick: i32, mode: i32): void {
  const t = curThread;
  tSet(t, T_WAIT_KIND, kind);
  tSet(t, T_WAIT_OBJECT, o);
  tSet(t, T_WAKE_TICK, wakeTick);
  tSet(t, T_WAIT_MODE, mode);
  // Only a `T waits > N` goal reads it; otherwise equal states stay equal for the explorer.
  if (goalTracksWaits) tSet(t, T_WAIT_SINCE, gGet(G_TICK));
  if (o >= 0) waitListAppend(o, t);
  if (wakeTick >= 0 && wakeTick < gGet(G_NEXT_WAKE)) gSet(G_NEXT_WAKE, wakeTick);
  tSet(t, T_STATE, THREAD_WAITING);
  vacateCpu(t);
}

function clearWait(t: i32): void {
  tSet(t, T_WAIT_KIND, WAIT_NONE);
  tSet(t, T_WAIT_OBJECT, -1);
  tSet(t, T_WAKE_TICK, -1);
  tSet(t, T_WAIT_MODE, 0);
  if (goalTracksWaits) tSet(t, T_WAIT_SINCE, 0);
}

/**
 * Ends t's wait: off the wait list, fresh quantum, Ready. `complete` advances
 * the waiting statement (an event waiter's wait returns without a step of its own).
 */
export function endWait(t: i32, complete: bool, boostReason: i32): void {
  const o = tGet(t, T_WAIT_OBJECT);
  if (o >= 0) waitListRemove(o, t);
  clearWait(t);
  if (complete) {
    const frame = topFrameOf(t);
    stateStore(frame + (F_PC << 2), load<i32>(frame + (F_PC << 2)) + 1);
  }
  tSet(t, T_QUANTUM, quantumSteps);
  makeReady(t, boostReason);
}

/** Unwaits t for a kernel APC without ending the wait: it stays registered in T_WAIT_* for rewait(). */
export function cancelWait(t: i32): void {
  const o = tGet(t, T_WAIT_OBJECT);
  if (o >= 0) waitListRemove(o, t);
  tSet(t, T_QUANTUM, quantumSteps);
  makeReady(t, BOOST_NONE);
}

/** An alertable UserMode wait ends with STATUS_USER_APC. */
export function userApcWaitEnds(t: i32): void {
  endWait(t, true, BOOST_NONE);
}

/** After the kernel APC returns, the thread waits again (at the tail); the wait call does not return [R-APC]. */
export function rewait(t: i32): void {
  const kind = tGet(t, T_WAIT_KIND);
  const o = tGet(t, T_WAIT_OBJECT);
  const wake = tGet(t, T_WAKE_TICK);
  const frame = topFrameOf(t);
  stateStore(frame + (F_CONT << 2), 0);
  if (kind == WAIT_OBJECT && o >= 0 && oGet(o, O_COUNT) != 0) {
    if (oGet(o, O_EVENT_TYPE) == EVENT_SYNCHRONIZATION) oSet(o, O_COUNT, 0);
    clearWait(t);
    stateStore(frame + (F_PC << 2), load<i32>(frame + (F_PC << 2)) + 1);
    emitFor(t, tGet(t, T_CPU), lineOf(t), OP_WAIT, R_SIGNALED, o, 0, 0);
    return;
  }
  if (wake >= 0 && wake <= gGet(G_TICK)) {
    clearWait(t);
    stateStore(frame + (F_PC << 2), load<i32>(frame + (F_PC << 2)) + 1);
    return;
  }
  if (t == curThread) blockCurrent(kind, o, wake, tGet(t, T_WAIT_MODE));
}

/** Expires every timer due at `tick` (thread index order) and recomputes the next wake tick. */
export function expireTimers(tick: i32): void {
  let next = NO_TIMER;
  const n = threadCount;
  enterOutside();
  for (let t = 0; t < n; t++) {
    const wake = tGet(t, T_WAKE_TICK);
    if (wake < 0) continue;
    if (tGet(t, T_STATE) != THREAD_WAITING) continue;
    if (wake <= tick) {
      const kind = tGet(t, T_WAIT_KIND);
      const o = tGet(t, T_WAIT_OBJECT);
      emitThread(t, -1, EV_WAIT_TIMEOUT, kind == WAIT_DELAY ? R_DONE : R_TIMEOUT, o, 0, 0);
      endWait(t, true, BOOST_NONE);
    } else if (wake < next) {
      next = wake;
    }
  }
  gSet(G_NEXT_WAKE, next);
}

/** Earliest pending timer tick after `tick`, exact (scans), or NO_TIMER. */
export function nextTimerTick(): i32 {
  let next = NO_TIMER;
  const n = threadCount;
  for (let t = 0; t < n; t++) {
    const wake = tGet(t, T_WAKE_TICK);
    if (wake >= 0 && tGet(t, T_STATE) == THREAD_WAITING && wake < next) next = wake;
  }
  return next;
}
