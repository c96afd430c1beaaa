// KGUARDED_MUTEX and FAST_MUTEX: the lock-bit / WAITER_WOKEN / waiter-count
// algorithm of docs/kernel-semantics.md §3.2–3.5 [KEX] [R-WAIT KiAcquireGuardedMutex]
// [R-GATE], used for both types in both generations (§4: the simulator uses
// it for FAST_MUTEX too). Count: bit 0 LOCK (1 = free), bit 1 WOKEN, waiters × 4.
// No hand-off: a woken waiter only retries (one step), and a thread that
// arrives first takes the lock (barging).
import {
  APC_LEVEL_VALUE,
  CONT_LEAVE_GUARDED,
  CONT_LOWER_IRQL,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  F_ARG,
  F_CONT,
  F_PC,
  O_CONTENTION,
  O_COUNT,
  O_GATE,
  O_OLD_IRQL,
  O_OWNER,
  O_SNAPSHOT,
  O_UNSAFE,
  O_WAIT_HEAD,
  PARAM_CONTEXT,
  PARAM_NUMBER,
  PARAM_OBJECT,
  T_IRQL,
  T_KERNEL_APC_DISABLE,
  T_PRIORITY,
  T_PRIORITY_DECREMENT,
  T_SPECIAL_APC_DISABLE,
  WAIT_MUTEX,
  CONT_MUTEX_RETRY,
} from "./abi";
import { autoBoostOwner, autoBoostRestore } from "./autoboost";
import { contextId, curCpu, curDpc, curThread, currentIrql, fGet, fSet, topFrameOf } from "./context";
import {
  EV_WAKE,
  R_WOKEN,
  EV_MUTEX_RETRY,
  EV_STATEMENT_RESUMED,
  R_ACQUIRED,
  R_BLOCKED,
  R_CONTINUED,
  R_FALSE,
  R_LATCHED,
  R_RELEASED,
  R_TRUE,
} from "./events";
import { setCurrentIrql } from "./irql";
import { orderAcquired, orderCheckAcquire, orderCheckRelease } from "./lock-order";
import {
  autoBoostOn,
  boostsOn,
  insA,
  insOp,
  OP_ACQUIRE_FAST_MUTEX,
  OP_ACQUIRE_FAST_MUTEX_UNSAFE,
  OP_ACQUIRE_GUARDED_MUTEX_UNSAFE,
} from "./program";
import { enterGuardedRegion, leaveGuardedRegion } from "./regions";
import { exitDispatcher, lockBoost, releaserBasis } from "./scheduler";
import { cGet, oGet, oSet, tGet, tSet, stateStore } from "./state";
import { emit } from "./trace";
import {
  BC_AUTO_BOOST_INVALID_LOCK_RELEASE,
  BC_AUTO_BOOST_LOCK_ACQUISITION_WITH_RAISED_IRQL,
  bugCheck,
  classicViolation,
  ddiViolation,
  isHalted,
  RULE_IRQL_EX_APC_LTE1,
  RULE_IRQL_KE_APC_LTE1,
  verifierOn,
  waitAtDispatch,
} from "./verifier";
import { blockCurrent, endWait } from "./waits";

export const LOCK: i32 = 1;
export const WAITER_WOKEN: i32 = 2;
export const WAITER_INC: i32 = 4;

function advance(): void {
  fSet(F_PC, fGet(F_PC) + 1);
}

/** Owner/Count details for the trace: (owner context + 1) | Contention << 8. */
function ownerAndContention(o: i32): i32 {
  return (oGet(o, O_OWNER) & 0xff) | (oGet(o, O_CONTENTION) << 8);
}

function kernelApcDisableOf(): i32 {
  return curThread >= 0 ? tGet(curThread, T_KERNEL_APC_DISABLE) : 0;
}

/** Unsafe variants need APC_LEVEL or an APC-disabling region [AGMU] [AFMU] (⚠ either region accepted). */
function unsafeContextOk(irql: i32): bool {
  if (irql == APC_LEVEL_VALUE) return true;
  return curThread >= 0 && (tGet(curThread, T_SPECIAL_APC_DISABLE) != 0 || tGet(curThread, T_KERNEL_APC_DISABLE) != 0);
}

/** Acquire-side verifier and AutoBoost checks in "which check wins" order; false if it bug-checked. */
function acquireChecks(o: i32, fast: bool, unsafe: bool, irql: i32, isTry: bool): bool {
  if (!isTry && !orderCheckAcquire(o)) return false;
  if (verifierOn()) {
    if (fast && !unsafe && irql > APC_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_EX_APC_LTE1); // wins over classic 0x33 [IEAL1]
      return false;
    }
    if (!fast && irql > APC_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_KE_APC_LTE1); // [IKAL1], Unsafe variants included (§8 row 1)
      return false;
    }
    if (unsafe && !unsafeContextOk(irql)) {
      classicViolation(0x39, irql, kernelApcDisableOf(), o);
      return false;
    }
  }
  if (autoBoostOn && irql >= DISPATCH_LEVEL_VALUE) {
    bugCheck(
      BC_AUTO_BOOST_LOCK_ACQUISITION_WITH_RAISED_IRQL,
      PARAM_CONTEXT,
      contextId(),
      PARAM_OBJECT,
      o,
      PARAM_NUMBER,
      irql,
      PARAM_NUMBER,
      0,
    );
    return false;
  }
  return true;
}

/** The Count loop of §3.3 step 3 with the latched gate: true = lock taken, false = registered as waiter. */
function countLoop(o: i32, remove: i32, add: i32): bool {
  let rem = remove;
  let inc = add;
  while (true) {
    const c = oGet(o, O_COUNT);
    if ((c & LOCK) != 0) {
      oSet(o, O_COUNT, c ^ rem);
      return true;
    }
    oSet(o, O_COUNT, c + inc);
    if (oGet(o, O_GATE) == 0) return false;
    // KeWaitForGate on a latched gate returns at once; go round as a woken waiter.
    oSet(o, O_GATE, 0);
    rem = LOCK | WAITER_WOKEN;
    inc = WAITER_WOKEN;
  }
  return false;
}

function becomeOwner(o: i32, fast: bool, unsafe: bool, oldIrql: i32): void {
  oSet(o, O_OWNER, contextId() + 1);
  if (!fast && curThread >= 0) oSet(o, O_SNAPSHOT, tGet(curThread, T_SPECIAL_APC_DISABLE));
  if (fast && !unsafe) oSet(o, O_OLD_IRQL, oldIrql);
  oSet(o, O_UNSAFE, unsafe ? 1 : 0);
  orderAcquired(o);
}

/** Waits on the gate/event (KernelMode, not alertable); a wait at DISPATCH_LEVEL or in a DPC is fatal. */
function blockOnMutex(o: i32, op: i32, oldIrql: i32): void {
  const irql = currentIrql();
  if (curThread < 0 || irql >= DISPATCH_LEVEL_VALUE) {
    waitAtDispatch(irql, curDpc >= 0, curCpu >= 0 ? cGet(curCpu, C_THREAD) : -1);
    return;
  }
  fSet(F_ARG, oldIrql);
  emit(op, R_BLOCKED, o, oGet(o, O_COUNT), ownerAndContention(o));
  autoBoostOwner(curThread, o);
  blockCurrent(WAIT_MUTEX, o, -1, 0);
}

/** KeAcquireGuardedMutex[Unsafe] / ExAcquireFastMutex[Unsafe]. */
export function acquireMutex(o: i32, op: i32, fast: bool, unsafe: bool): void {
  const irql = currentIrql();
  if (!acquireChecks(o, fast, unsafe, irql, false)) return;
  // Fast mutex: raise to APC_LEVEL, OldIrql kept for the mutex [AFM] [R-EX].
  if (fast && !unsafe && irql < APC_LEVEL_VALUE && curThread >= 0) tSet(curThread, T_IRQL, APC_LEVEL_VALUE);
  // Guarded mutex: enter a guarded region first (§3.3 step 1).
  if (!fast && !unsafe && curThread >= 0) enterGuardedRegion(curThread);
  const old = oGet(o, O_COUNT);
  oSet(o, O_COUNT, old & ~LOCK);
  if ((old & LOCK) != 0) {
    becomeOwner(o, fast, unsafe, irql);
    emit(op, R_ACQUIRED, o, oGet(o, O_COUNT), ownerAndContention(o));
    advance();
    return;
  }
  // Slow path: Contention counts entries into it, not retries.
  oSet(o, O_CONTENTION, oGet(o, O_CONTENTION) + 1);
  if (countLoop(o, LOCK, WAITER_INC)) {
    becomeOwner(o, fast, unsafe, irql);
    emit(op, R_ACQUIRED, o, oGet(o, O_COUNT), ownerAndContention(o));
    advance();
    return;
  }
  blockOnMutex(o, op, irql);
}

/** Continuation of a woken waiter: one step re-running the loop with remove = LOCK|WOKEN, add = WOKEN. */
export function retryMutex(): void {
  const pc = fGet(F_PC);
  const op = insOp(pc);
  const o = insA(pc);
  const fast = op == OP_ACQUIRE_FAST_MUTEX || op == OP_ACQUIRE_FAST_MUTEX_UNSAFE;
  const unsafe = op == OP_ACQUIRE_FAST_MUTEX_UNSAFE || op == OP_ACQUIRE_GUARDED_MUTEX_UNSAFE;
  const oldIrql = fGet(F_ARG);
  fSet(F_CONT, 0);
  if (countLoop(o, LOCK | WAITER_WOKEN, WAITER_WOKEN)) {
    becomeOwner(o, fast, unsafe, oldIrql);
    emit(EV_MUTEX_RETRY, R_ACQUIRED, o, oGet(o, O_COUNT), ownerAndContention(o));
    fSet(F_ARG, 0);
    advance();
    return;
  }
  emit(EV_MUTEX_RETRY, R_BLOCKED, o, oGet(o, O_COUNT), ownerAndContention(o));
  blockOnMutex(o, op, oldIrql);
}

/**
 * Gate signal [R-GATE KeSignalGateBoostPriority]: the head (oldest) waiter is
 * readied with the lock boost and will retry; with nobody waiting the gate
 * latches signaled.
 */
function signalGate(o: i32, releaser: i32, op: i32): void {
  const w = oGet(o, O_WAIT_HEAD);
  if (w < 0) {
    oSet(o, O_GATE, 1);
    emit(op, R_LATCHED, o, oGet(o, O_COUNT), 0);
    return;
  }
  stateStore(topFrameOf(w) + (F_CONT << 2), CONT_MUTEX_RETRY);
  const boost = lockBoost(releaser, w);
  emit(EV_WAKE, R_WOKEN, o, w, boost);
  endWait(w, false, boost);
}

/** KeReleaseGuardedMutex[Unsafe] / ExReleaseFastMutex[Unsafe] (§3.5, §4). */
export function releaseMutex(o: i32, op: i32, fast: bool, unsafe: bool): void {
  const irql = currentIrql();
  if (!orderCheckRelease(o)) return;
  if (verifierOn()) {
    if (!fast && irql > APC_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_KE_APC_LTE1);
      return;
    }
    if (fast && !unsafe && irql != APC_LEVEL_VALUE) {
      classicViolation(0x34, irql, kernelApcDisableOf(), o);
      return;
    }
    if (unsafe && !unsafeContextOk(irql)) {
      classicViolation(0x3a, irql, kernelApcDisableOf(), o);
      return;
    }
  }
  const ctx = contextId();
  const ownerWas = oGet(o, O_OWNER) - 1;
  if (autoBoostOn && ownerWas != ctx) {
    bugCheck(BC_AUTO_BOOST_INVALID_LOCK_RELEASE, PARAM_CONTEXT, ctx, PARAM_OBJECT, o, PARAM_NUMBER, 0, PARAM_NUMBER, 0);
    return;
  }
  const oldIrql = oGet(o, O_OLD_IRQL);
  // 1. Owner = NULL. 2. old = atomic add +1 (sets LOCK).
  oSet(o, O_OWNER, 0);
  oSet(o, O_SNAPSHOT, 0);
  oSet(o, O_UNSAFE, 0);
  const old = oGet(o, O_COUNT);
  oSet(o, O_COUNT, old + 1);
  // 3. A waiter and nobody woken yet: CAS (old+1) → (old+1) + WOKEN − INC, then signal.
  // Steps are atomic in the simulator, so the CAS cannot fail here; a barging
  // acquirer can only come in a later step.
  let woke = false;
  const signal = old != 0 && (old & WAITER_WOKEN) == 0;
  if (signal) oSet(o, O_COUNT, old + 1 + WAITER_WOKEN - WAITER_INC);
  emit(op, R_RELEASED, o, oGet(o, O_COUNT), oGet(o, O_CONTENTION) << 8);
  if (signal) {
    woke = oGet(o, O_WAIT_HEAD) >= 0;
    signalGate(o, curThread, op);
  }
  if (ownerWas == curThread && curThread >= 0) autoBoostRestore(curThread, o);
  // On a fast-mutex release the releaser itself drops to P (§7 lock boost).
  if (fast && woke && boostsOn && curThread >= 0) {
    tSet(curThread, T_PRIORITY, releaserBasis(curThread));
    tSet(curThread, T_PRIORITY_DECREMENT, 0);
  }
  if (isHalted()) return;
  if (unsafe || curThread < 0) {
    advance();
    if (fast && !unsafe && curThread < 0) setCurrentIrql(oldIrql);
    return;
  }
  // The woken waiter may preempt here (KiExitDispatcher); the rest of the
  // statement is then a step of its own (timing rule 3).
  if (exitDispatcher()) {
    fSet(F_CONT, fast ? CONT_LOWER_IRQL : CONT_LEAVE_GUARDED);
    fSet(F_ARG, oldIrql);
    return;
  }
  finishRelease(fast, oldIrql);
}

/** The rest of a release: leave the guarded region (4.) or KeLowerIrql(OldIrql) — APCs may run here. */
function finishRelease(fast: bool, oldIrql: i32): void {
  advance();
  if (fast) {
    // Without DV nothing checks the order: IRQL is simply loaded from the mutex (S20).
    setCurrentIrql(oldIrql);
  } else {
    leaveGuardedRegion(curThread);
  }
}

/** Continuation after preemption inside a release. */
export function resumeRelease(cont: i32): void {
  const arg = fGet(F_ARG);
  fSet(F_CONT, 0);
  fSet(F_ARG, 0);
  emit(EV_STATEMENT_RESUMED, R_CONTINUED, insA(fGet(F_PC)), cont, 0);
  finishRelease(cont == CONT_LOWER_IRQL, arg);
}

/** KeTryToAcquireGuardedMutex / ExTryToAcquireFastMutex: never blocks, no waiter, no Contention [TGM] [TFM]. */
export function tryMutex(o: i32, op: i32, fast: bool, falseTarget: i32): void {
  const irql = currentIrql();
  if (!acquireChecks(o, fast, false, irql, true)) return;
  if (fast && irql < APC_LEVEL_VALUE && curThread >= 0) tSet(curThread, T_IRQL, APC_LEVEL_VALUE);
  if (!fast && curThread >= 0) enterGuardedRegion(curThread);
  const old = oGet(o, O_COUNT);
  oSet(o, O_COUNT, old & ~LOCK);
  if ((old & LOCK) != 0) {
    becomeOwner(o, fast, false, irql);
    emit(op, R_TRUE, o, oGet(o, O_COUNT), ownerAndContention(o));
    advance();
    return;
  }
  emit(op, R_FALSE, o, oGet(o, O_COUNT), ownerAndContention(o));
  fSet(F_PC, falseTarget);
  if (curThread < 0) return;
  if (fast) setCurrentIrql(irql);
  else leaveGuardedRegion(curThread);
}
