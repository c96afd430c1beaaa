// The step loop. Priority mode: within tick t, timers expire, `at`
// insertions run, threads with start = t become Ready, then each CPU in
// ascending order runs one step (scenario-language.md timing rule 1). Choice
// mode (random/manual/explorer/forced schedule): one chosen (thread or DPC,
// CPU) step per tick. State after N steps is the same however run() batches.
import {
  A_COMPLETED_AT,
  A_DELIVERED_AT,
  A_NEXT,
  A_QUEUED_AT,
  BODY_THREAD,
  C_DPC,
  C_DPC_HEAD,
  C_DPC_SPIN,
  C_DPC_TAIL,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  DPC_CONTEXT,
  D_DELIVERED_AT,
  D_NEXT,
  D_QUEUED_AT,
  EXPORT_BASE,
  FRAME_WORDS,
  F_BODY,
  F_PC,
  G_ALIVE,
  G_DPCS_QUEUED,
  G_CPU_TURN,
  G_INSERTION_CURSOR,
  G_NEXT_WAKE,
  G_NEXT_BALANCE,
  G_NOT_STARTED,
  G_OUTCOME,
  G_STEP,
  G_TICK,
  MAX_CHOICES,
  OUTCOME_COMPLETED,
  OUTCOME_RUNNING,
  OUTCOME_STEP_LIMIT,
  O_COUNT,
  O_EVENT_TYPE,
  O_TYPE,
  O_WAIT_HEAD,
  O_WAIT_TAIL,
  STOP_BUDGET,
  STOP_BUGCHECK,
  STOP_CHOICE_NEEDED,
  STOP_COMPLETED,
  STOP_DEADLOCK,
  STOP_STEP_LIMIT,
  STOP_TRACE_FULL,
  THREAD_INITIALIZED,
  THREAD_READY,
  T_BASE_PRIORITY,
  T_CPU,
  T_DEPTH,
  T_FRAMES,
  T_IRQL,
  T_KERNEL_APC_HEAD,
  T_PRIORITY,
  T_QUANTUM,
  T_READY_NEXT,
  T_SPIN_OBJECT,
  T_STATE,
  T_USER_APC_HEAD,
  T_WAIT_NEXT,
  T_WAIT_OBJECT,
  T_WAKE_TICK,
  T_BALANCE_BOOSTED,
  T_PRIORITY_DECREMENT,
  T_READY_TICK,
  X_CHOICES,
  OUTCOME_DEADLOCK,
  OUTCOME_BUGCHECK,
  C_DPC_FRAME,
} from "./abi";
import { insertApc } from "./apc";
import { goalReached } from "./goals";
import { StopCode } from "../shared/engine-codes";
import { enterOutside, setLine } from "./context";
import { insertDpc } from "./dpc";
import {
  EV_PREEMPTED,
  R_PREEMPTED,
  EV_BALANCE_BOOST,
  EV_COMPLETED,
  EV_STEP_LIMIT,
  EV_THREAD_STARTED,
  R_BOOSTED,
  R_COMPLETED,
  R_STARTED,
  R_STEP_LIMIT,
  BOOST_NONE,
} from "./events";
import { declareDeadlock, nothingPending } from "./hang";
import { dpcStep, threadStep } from "./interpreter";
import { seedRandom, nextRandom } from "./prng";
import {
  apcCount,
  cpuCount,
  dpcCount,
  goalCount,
  insertionCount,
  insertionIndex,
  insertionKind,
  insertionLine,
  insertionTick,
  objectCount,
  objectEventType,
  objectInitiallySignaled,
  objectType,
  OBJ_EVENT,
  OBJ_FAST_MUTEX,
  OBJ_GUARDED_MUTEX,
  quantumSteps,
  readProgram,
  scheduler,
  SCHEDULER_MANUAL,
  SCHEDULER_PRIORITY,
  seed,
  threadCodeStart,
  threadCount,
  threadPriority,
  threadStart,
} from "./program";
import {
  allows,
  bestReadyFor,
  cpuIrql,
  dispatchOn,
  initReadyQueues,
  lineOf,
  makeReady,
  preemptIfBetter,
  readyRemove,
  setChoiceStepping,
  setPriority,
  priorityRules,
  readyAbove,
  readyInsert,
} from "./scheduler";
import { aSet, cGet, clearState, cSet, dSet, gGet, gSet, layoutState, oSet, tGet, tSet, tAddr } from "./state";
import { clearTrace, emitFor, emitThread, logStep, traceNearlyFull, emit } from "./trace";
import { DEFAULT_MAX_STEPS } from "../shared/limits";
import { isHalted, resetHalt } from "./verifier";
import { expireTimers, nextTimerTick, NO_TIMER } from "./waits";

let stepLimit: i32 = DEFAULT_MAX_STEPS;
let loaded: bool = false;
/** Context and CPU of the last executed step (for the host's schedule record). */
let lastContext: i32 = -1;
let lastCpu: i32 = -1;

export function setStepLimit(n: i32): void {
  stepLimit = n;
}
export function lastStepContext(): i32 {
  return lastContext;
}
export function lastStepCpu(): i32 {
  return lastCpu;
}
export function isLoaded(): bool {
  return loaded;
}

/** Reads the program, lays out and initialises the state for tick 0. Returns the state size or a negative error. */
export function loadProgram(): i32 {
  const err = readProgram();
  if (err < 0) {
    loaded = false;
    return err;
  }
  const bytes = layoutState(cpuCount, threadCount, objectCount, apcCount, dpcCount);
  loaded = true;
  resetState();
  return bytes;
}

/** Back to tick 0 with the loaded program. */
export function resetState(): void {
  clearState();
  clearTrace();
  initReadyQueues();
  seedRandom(seed);
  gSet(G_NEXT_WAKE, NO_TIMER);
  gSet(G_NEXT_BALANCE, BALANCE_PERIOD);
  gSet(G_ALIVE, threadCount);
  gSet(G_NOT_STARTED, threadCount);
  for (let c = 0; c < cpuCount; c++) {
    cSet(c, C_THREAD, -1);
    cSet(c, C_DPC_HEAD, -1);
    cSet(c, C_DPC_TAIL, -1);
    cSet(c, C_DPC, -1);
    cSet(c, C_DPC_SPIN, -1);
  }
  for (let t = 0; t < threadCount; t++) {
    const p = threadPriority(t);
    tSet(t, T_STATE, THREAD_INITIALIZED);
    tSet(t, T_PRIORITY, p);
    tSet(t, T_BASE_PRIORITY, p);
    tSet(t, T_QUANTUM, quantumSteps);
    tSet(t, T_CPU, -1);
    tSet(t, T_WAIT_OBJECT, -1);
    tSet(t, T_WAIT_NEXT, -1);
    tSet(t, T_WAKE_TICK, -1);
    tSet(t, T_READY_NEXT, -1);
    tSet(t, T_KERNEL_APC_HEAD, -1);
    tSet(t, T_USER_APC_HEAD, -1);
    tSet(t, T_SPIN_OBJECT, -1);
    tSet(t, T_DEPTH, 1);
    tSet(t, T_FRAMES + F_BODY, (BODY_THREAD << 8) | t);
    tSet(t, T_FRAMES + F_PC, threadCodeStart(t));
  }
  for (let o = 0; o < objectCount; o++) {
    const type = objectType(o);
    oSet(o, O_TYPE, type);
    oSet(o, O_WAIT_HEAD, -1);
    oSet(o, O_WAIT_TAIL, -1);
    if (type == OBJ_GUARDED_MUTEX || type == OBJ_FAST_MUTEX) oSet(o, O_COUNT, 1);
    if (type == OBJ_EVENT) {
      oSet(o, O_EVENT_TYPE, objectEventType(o));
      oSet(o, O_COUNT, objectInitiallySignaled(o) != 0 ? 1 : 0);
    }
  }
  for (let a = 0; a < apcCount; a++) {
    aSet(a, A_QUEUED_AT, -1);
    aSet(a, A_DELIVERED_AT, -1);
    aSet(a, A_COMPLETED_AT, -1);
    aSet(a, A_NEXT, -1);
  }
  for (let d = 0; d < dpcCount; d++) {
    dSet(d, D_QUEUED_AT, -1);
    dSet(d, D_DELIVERED_AT, -1);
    dSet(d, D_NEXT, -1);
  }
  resetHalt();
  beginTick();
  settleTime();
}

/** Tick start: timers, `at` insertions, thread starts, then the balance-set scan. */
function beginTick(): void {
  const tick = gGet(G_TICK);
  if (tick >= gGet(G_NEXT_WAKE)) expireTimers(tick);
  let cursor = gGet(G_INSERTION_CURSOR);
  if (cursor < insertionCount && insertionTick(cursor) <= tick) {
    while (cursor < insertionCount && insertionTick(cursor) <= tick) {
      enterOutside();
      setLine(insertionLine(cursor));
      if (insertionKind(cursor) == 0) insertApc(insertionIndex(cursor));
      else insertDpc(insertionIndex(cursor));
      cursor++;
      gSet(G_INSERTION_CURSOR, cursor);
    }
  }
  if (gGet(G_NOT_STARTED) > 0) {
    enterOutside();
    for (let t = 0; t < threadCount; t++) {
      if (tGet(t, T_STATE) == THREAD_INITIALIZED && threadStart(t) <= tick) {
        gSet(G_NOT_STARTED, gGet(G_NOT_STARTED) - 1);
        emitThread(t, -1, EV_THREAD_STARTED, R_STARTED, -1, tGet(t, T_PRIORITY), 0);
        makeReady(t, BOOST_NONE);
      }
    }
  }
  // Every BALANCE_PERIOD ticks (checked without a division on every tick).
  if (tick >= gGet(G_NEXT_BALANCE)) {
    gSet(G_NEXT_BALANCE, (tick / BALANCE_PERIOD + 1) * BALANCE_PERIOD);
    if (tick % BALANCE_PERIOD == 0) {
      enterOutside();
      balanceSetScan(tick);
    }
  }
}

/** Cheap test: does the tick start have anything to do (timers, insertions, starts, balance scan)? */
function tickHasWork(tick: i32): bool {
  if (tick >= gGet(G_NEXT_WAKE) || tick >= gGet(G_NEXT_BALANCE) || gGet(G_NOT_STARTED) > 0) return true;
  const cursor = gGet(G_INSERTION_CURSOR);
  return cursor < insertionCount && insertionTick(cursor) <= tick;
}

/** Balance-set manager (`2003` anti-starvation, kept for `8` too) [R-BAL]. */
const BALANCE_PERIOD: i32 = 100;
const STARVATION_TICKS: i32 = 300;
const BALANCE_SCAN_LIMIT: i32 = 16;
const BALANCE_BOOST_LIMIT: i32 = 10;

function balanceSetScan(tick: i32): void {
  let scanned = 0;
  let boosted = 0;
  for (let t = 0; t < threadCount && scanned < BALANCE_SCAN_LIMIT && boosted < BALANCE_BOOST_LIMIT; t++) {
    if (tGet(t, T_STATE) != THREAD_READY) continue;
    scanned++;
    const p = tGet(t, T_PRIORITY);
    if (p < 1 || p > 14 || tick - tGet(t, T_READY_TICK) < STARVATION_TICKS) continue;
    // Raised to 15 for a double quantum; quantum end takes it back down (KiComputeNewPriority).
    tSet(t, T_PRIORITY_DECREMENT, tGet(t, T_PRIORITY_DECREMENT) + 15 - p);
    setPriority(t, 15);
    tSet(t, T_QUANTUM, quantumSteps * 2);
    tSet(t, T_BALANCE_BOOSTED, 1);
    tSet(t, T_READY_TICK, tick);
    emitThread(t, -1, EV_BALANCE_BOOST, R_BOOSTED, -1, 15, p);
    boosted++;
  }
  if (boosted > 0) for (let c = 0; c < cpuCount; c++) preemptIfBetter(c);
}

/** Can CPU c run a step now (priority mode)? Picks a thread for an idle CPU. */
function cpuHasWork(c: i32): bool {
  if (cGet(c, C_DPC) >= 0) return true;
  if (cGet(c, C_DPC_HEAD) >= 0 && cpuIrql(c) < DISPATCH_LEVEL_VALUE) return true;
  const t = cGet(c, C_THREAD);
  if (t < 0) {
    const next = bestReadyFor(c);
    if (next < 0) return false;
    readyRemove(next);
    dispatchOn(c, next);
    return true;
  }
  if (readyAbove(tGet(t, T_PRIORITY))) preemptIfBetter(c);
  return true;
}

/** Anything runnable at all (any mode)? */
function anyWork(): bool {
  for (let c = 0; c < cpuCount; c++) {
    if (cGet(c, C_THREAD) >= 0 || cGet(c, C_DPC) >= 0 || cGet(c, C_DPC_HEAD) >= 0) return true;
  }
  // Also under priority rules: after a forced (--schedule / explorer) step a
  // Ready thread can sit beside an idle CPU, which the priority scheduler's
  // next step would dispatch; without this, time skipped ahead or a deadlock
  // was declared while a thread could still run.
  {
    for (let t = 0; t < threadCount; t++) {
      if (tGet(t, T_STATE) == THREAD_READY) {
        for (let c = 0; c < cpuCount; c++) if (allows(t, c)) return true;
      }
    }
  }
  return false;
}

/** Earliest tick > now at which a timer, insertion or start happens, or -1. */
function nextEventTick(): i32 {
  let next = nextTimerTick();
  const cursor = gGet(G_INSERTION_CURSOR);
  if (cursor < insertionCount && insertionTick(cursor) < next) next = insertionTick(cursor);
  if (gGet(G_NOT_STARTED) > 0) {
    for (let t = 0; t < threadCount; t++) {
      if (tGet(t, T_STATE) == THREAD_INITIALIZED && threadStart(t) < next) next = threadStart(t);
    }
  }
  return next == NO_TIMER ? -1 : next;
}

/** A DPC runs or is queued on some CPU: the run is not over until it returns (it may hold a spin lock). */
function dpcsPending(): bool {
  if (gGet(G_DPCS_QUEUED) > 0) return true;
  for (let c = 0; c < cpuCount; c++) {
    if (cGet(c, C_DPC) >= 0) return true;
  }
  return false;
}

/** While nothing can run, jump to the next event tick; with none left, the run is over. */
function settleTime(): void {
  while (gGet(G_OUTCOME) == OUTCOME_RUNNING) {
    if (gGet(G_ALIVE) == 0 && !dpcsPending()) {
      gSet(G_OUTCOME, OUTCOME_COMPLETED);
      return;
    }
    if (anyWork()) return;
    const next = nextEventTick();
    if (next < 0) {
      declareDeadlock();
      return;
    }
    const tick = gGet(G_TICK);
    gSet(G_TICK, next > tick ? next : tick + 1);
    gSet(G_CPU_TURN, 0);
    beginTick();
  }
}

function afterStep(): void {
  gSet(G_STEP, gGet(G_STEP) + 1);
  if (gGet(G_OUTCOME) != OUTCOME_RUNNING) return;
  if (gGet(G_ALIVE) == 0 && !dpcsPending()) {
    gSet(G_OUTCOME, OUTCOME_COMPLETED);
    enterOutside();
    emit(EV_COMPLETED, R_COMPLETED, -1, 0, 0);
    return;
  }
  if (gGet(G_STEP) >= stepLimit) {
    gSet(G_OUTCOME, OUTCOME_STEP_LIMIT);
    enterOutside();
    emit(EV_STEP_LIMIT, R_STEP_LIMIT, -1, 0, 0);
  }
}

/** One step under the priority scheduler. */
function stepPriority(): void {
  const n = cpuCount;
  let from = gGet(G_CPU_TURN);
  let c = from;
  let idlePasses = 0;
  while (true) {
    while (c < n && !cpuHasWork(c)) c++;
    if (c < n) break;
    if (from == 0) {
      // A whole tick with nothing to run: jump to the next event (or the run is over).
      if (++idlePasses > 2) {
        declareDeadlock(); // e.g. Ready threads whose affinity names no existing CPU
        return;
      }
      const tick = gGet(G_TICK);
      settleTime();
      if (gGet(G_OUTCOME) != OUTCOME_RUNNING) return;
      if (gGet(G_TICK) == tick) {
        gSet(G_TICK, tick + 1);
        beginTick();
      }
    } else {
      const tick = gGet(G_TICK) + 1;
      gSet(G_TICK, tick);
      if (tickHasWork(tick)) beginTick();
    }
    gSet(G_CPU_TURN, 0);
    from = 0;
    c = 0;
  }
  gSet(G_CPU_TURN, c);
  runCpuStep(c);
  gSet(G_CPU_TURN, c + 1);
  afterStep();
}

/** Emits the step marker for the context CPU c is about to run. */
function markStep(c: i32): void {
  let context = cGet(c, C_THREAD);
  if (cGet(c, C_DPC) >= 0) context = DPC_CONTEXT + cGet(c, C_DPC);
  else if (cGet(c, C_DPC_HEAD) >= 0 && cpuIrql(c) < DISPATCH_LEVEL_VALUE) context = DPC_CONTEXT + cGet(c, C_DPC_HEAD);
  logStep(context, c);
}

function anyCpuCanStep(): bool {
  for (let c = 0; c < cpuCount; c++) if (cpuHasWork(c)) return true;
  return false;
}

function runCpuStep(c: i32): void {
  markStep(c);
  if (cGet(c, C_DPC) < 0 && cGet(c, C_DPC_HEAD) >= 0 && cpuIrql(c) < DISPATCH_LEVEL_VALUE) {
    lastContext = DPC_CONTEXT + cGet(c, C_DPC_HEAD);
    lastCpu = c;
    dpcStep(c);
  } else if (cGet(c, C_DPC) >= 0) {
    lastContext = DPC_CONTEXT + cGet(c, C_DPC);
    lastCpu = c;
    dpcStep(c);
  } else {
    lastContext = cGet(c, C_THREAD);
    lastCpu = c;
    threadStep(cGet(c, C_THREAD), c);
  }
}

// ---- Choices (random / manual / explorer) -----------------------------------------

/**
 * Lists at X_CHOICES the (context, cpu) pairs that may run the next step under
 * the random rules: per CPU in ascending order, its DPC if one runs or is
 * due, else its thread alone if at DISPATCH_LEVEL or above, else its thread and
 * every Ready thread allowed there (index order). Returns the count.
 */
export function computeChoices(): i32 {
  const out = EXPORT_BASE + (X_CHOICES << 2);
  let count = 0;
  if (gGet(G_OUTCOME) != OUTCOME_RUNNING) {
    store<i32>(out, 0);
    return 0;
  }
  for (let c = 0; c < cpuCount; c++) {
    const running = cGet(c, C_THREAD);
    if (cGet(c, C_DPC) >= 0) {
      count = addChoice(out, count, DPC_CONTEXT + cGet(c, C_DPC), c);
      continue;
    }
    if (cGet(c, C_DPC_HEAD) >= 0 && (running < 0 || tGet(running, T_IRQL) < DISPATCH_LEVEL_VALUE)) {
      count = addChoice(out, count, DPC_CONTEXT + cGet(c, C_DPC_HEAD), c);
      continue;
    }
    if (running >= 0) {
      count = addChoice(out, count, running, c);
      if (tGet(running, T_IRQL) >= DISPATCH_LEVEL_VALUE) continue;
    }
    for (let t = 0; t < threadCount; t++) {
      if (tGet(t, T_STATE) == THREAD_READY && allows(t, c)) count = addChoice(out, count, t, c);
    }
  }
  store<i32>(out, count);
  return count;
}

function addChoice(out: i32, count: i32, context: i32, cpu: i32): i32 {
  if (count >= MAX_CHOICES) return count;
  store<i32>(out + 4 + count * 8, context);
  store<i32>(out + 8 + count * 8, cpu);
  return count + 1;
}

export function choiceContext(i: i32): i32 {
  return load<i32>(EXPORT_BASE + (X_CHOICES << 2) + 4 + i * 8);
}
export function choiceCpu(i: i32): i32 {
  return load<i32>(EXPORT_BASE + (X_CHOICES << 2) + 8 + i * 8);
}

/** Runs choice i of computeChoices() as the next step, then starts the next tick. Returns a stop code, or -1 for a bad index. */
export function stepChoice(i: i32): i32 {
  const count = computeChoices();
  if (i < 0 || i >= count) return -1;
  return stepListedChoice(i);
}

/**
 * stepChoice() for a valid index of the choice list already in the export
 * area, computed for the state now in the region (the explorer computes it
 * once per state and restores that state before each sibling step).
 */
export function stepListedChoice(i: i32): i32 {
  const context = choiceContext(i);
  const c = choiceCpu(i);
  setChoiceStepping(true);
  lastContext = context;
  lastCpu = c;
  logStep(context, c);
  if (context >= DPC_CONTEXT) {
    dpcStep(c);
  } else {
    const running = cGet(c, C_THREAD);
    if (running != context) {
      if (running >= 0) {
        // The chosen thread takes the CPU; the one there goes back to Ready.
        tSet(running, T_STATE, THREAD_READY);
        tSet(running, T_CPU, -1);
        tSet(running, T_READY_TICK, gGet(G_TICK));
        readyInsert(running, true);
        emitThread(running, c, EV_PREEMPTED, R_PREEMPTED, -1, context, 1);
      }
      readyRemove(context);
      dispatchOn(c, context);
    }
    threadStep(context, c);
  }
  setChoiceStepping(false);
  afterStep();
  if (gGet(G_OUTCOME) == OUTCOME_RUNNING) {
    gSet(G_TICK, gGet(G_TICK) + 1);
    gSet(G_CPU_TURN, 0);
    beginTick();
    settleTime();
  }
  return stopCode();
}

function stopCode(): i32 {
  const outcome = gGet(G_OUTCOME);
  if (outcome == OUTCOME_COMPLETED) return STOP_COMPLETED;
  if (outcome == OUTCOME_DEADLOCK) return STOP_DEADLOCK;
  if (outcome == OUTCOME_BUGCHECK) return STOP_BUGCHECK;
  if (outcome == OUTCOME_STEP_LIMIT) return STOP_STEP_LIMIT;
  return STOP_BUDGET;
}

/**
 * Runs up to maxSteps steps; returns why it stopped (STOP_*). With a #goal,
 * StopCode.Goal when a step makes it hold (it did not before that step), even
 * if the same step ended the run: the next call reports the outcome.
 */
export function runSteps(maxSteps: i32): i32 {
  if (!loaded) return STOP_DEADLOCK;
  let reached = goalReached();
  for (let i = 0; i < maxSteps; i++) {
    if (gGet(G_OUTCOME) != OUTCOME_RUNNING) return stopCode();
    if (traceNearlyFull()) return STOP_TRACE_FULL;
    if (scheduler == SCHEDULER_PRIORITY) {
      stepPriority();
    } else if (scheduler == SCHEDULER_MANUAL) {
      return STOP_CHOICE_NEEDED;
    } else {
      const count = computeChoices();
      if (count == 0) declareDeadlock();
      else stepChoice(nextRandom(count));
    }
    if (goalCount > 0) {
      const now = goalReached();
      if (now && !reached) return StopCode.Goal;
      reached = now;
    }
  }
  return stopCode();
}
