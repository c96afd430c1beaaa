// KEVENT and waits [IEV] [EVT] [SETEV] [WAITSO] [R-EVT]: notification events
// release every waiter and stay signaled; synchronization events release the
// oldest waiter (or stay signaled for the next wait, which consumes them).
// KeSetEvent(…, TRUE) returns with the dispatcher held (IRQL raised) so that
// the next statement, a wait, follows without preemption.
import {
  APC_LEVEL_VALUE,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  F_PC,
  G_TICK,
  O_COUNT,
  O_EVENT_TYPE,
  O_WAIT_HEAD,
  T_IRQL,
  T_SET_EVENT_WAIT,
  WAIT_DELAY,
  WAIT_OBJECT,
} from "./abi";
import { deliverUserApc, userApcDeliverable } from "./apc";
import { curCpu, curDpc, curThread, currentIrql, fGet, fSet } from "./context";
import { EV_WAKE, R_BLOCKED, R_RETURNED, R_SIGNALED, R_TIMEOUT, R_USER_APC, R_WAITING, R_WOKEN } from "./events";
import { EVENT_SYNCHRONIZATION, OP_DELAY } from "./program";
import { waitBoost } from "./scheduler";
import { cGet, gGet, oGet, oSet, tGet, tSet } from "./state";
import { emit } from "./trace";
import {
  classicViolation,
  ddiViolation,
  RULE_IRQL_KE_APC_LTE1,
  RULE_IRQL_KE_SET_EVENT,
  verifierOn,
  waitAtDispatch,
} from "./verifier";
import { blockCurrent, endWait } from "./waits";

function advance(): void {
  fSet(F_PC, fGet(F_PC) + 1);
}

/** Readies one waiter of an event with the wait boost (Base + Increment). */
function wakeEventWaiter(o: i32, w: i32, increment: i32): void {
  const reason = waitBoost(w, increment);
  emit(EV_WAKE, R_WOKEN, o, w, reason);
  endWait(w, true, reason);
}

/** KeSetEvent(E, Increment, Wait): returns the previous state. */
export function setEvent(o: i32, op: i32, increment: i32, wait: bool): void {
  const irql = currentIrql();
  if (verifierOn() && (irql > DISPATCH_LEVEL_VALUE || (wait && irql > APC_LEVEL_VALUE))) {
    ddiViolation(RULE_IRQL_KE_SET_EVENT);
    return;
  }
  const prev = oGet(o, O_COUNT);
  emit(op, R_RETURNED, o, prev, 0);
  advance();
  if (prev == 0) {
    if (oGet(o, O_EVENT_TYPE) == EVENT_SYNCHRONIZATION) {
      const w = oGet(o, O_WAIT_HEAD);
      if (w >= 0) wakeEventWaiter(o, w, increment);
      else oSet(o, O_COUNT, 1);
    } else {
      oSet(o, O_COUNT, 1);
      let w = oGet(o, O_WAIT_HEAD);
      while (w >= 0) {
        wakeEventWaiter(o, w, increment);
        w = oGet(o, O_WAIT_HEAD);
      }
    }
  }
  // Wait = TRUE: return holding the dispatcher (modelled as DISPATCH_LEVEL)
  // until the next KeWaitXxx lowers it again [SETEV].
  if (wait && curThread >= 0 && irql < DISPATCH_LEVEL_VALUE) {
    tSet(curThread, T_SET_EVENT_WAIT, irql + 1);
    tSet(curThread, T_IRQL, DISPATCH_LEVEL_VALUE);
  }
}

/** KeResetEvent / KeClearEvent. */
export function resetEvent(o: i32, op: i32): void {
  const prev = oGet(o, O_COUNT);
  oSet(o, O_COUNT, 0);
  emit(op, R_RETURNED, o, prev, 0);
  advance();
}

/** Interrupted context for 0xB8's first parameter. */
function interruptedThread(): i32 {
  return curCpu >= 0 ? cGet(curCpu, C_THREAD) : -1;
}

/** Undoes KeSetEvent(…, TRUE)'s raised IRQL when the wait that must follow it arrives. */
function takeSetEventWait(): void {
  if (curThread < 0) return;
  const saved = tGet(curThread, T_SET_EVENT_WAIT);
  if (saved == 0) return;
  tSet(curThread, T_SET_EVENT_WAIT, 0);
  tSet(curThread, T_IRQL, saved - 1);
}

/** KeWaitForSingleObject(E, Executive, mode, alertable, timeout): timeout < 0 = NULL (forever), 0 = poll, n = ticks. */
export function waitForSingleObject(o: i32, op: i32, mode: i32, alertable: i32, timeout: i32): void {
  takeSetEventWait();
  const irql = currentIrql();
  if (verifierOn() && timeout != 0 && irql >= DISPATCH_LEVEL_VALUE) {
    // 0x120 above DISPATCH_LEVEL, 0x121 NULL timeout, 0x122 non-zero timeout [C4].
    classicViolation(irql > DISPATCH_LEVEL_VALUE ? 0x120 : timeout < 0 ? 0x121 : 0x122, irql, 0, o);
    return;
  }
  const userAlertable = mode == 1 && alertable != 0;
  if (userAlertable && curThread >= 0 && userApcDeliverable(curThread, irql)) {
    emit(op, R_USER_APC, o, 0, 0);
    advance();
    deliverUserApc(curThread);
    return;
  }
  if (oGet(o, O_COUNT) != 0) {
    if (oGet(o, O_EVENT_TYPE) == EVENT_SYNCHRONIZATION) oSet(o, O_COUNT, 0);
    emit(op, R_SIGNALED, o, 0, 0);
    advance();
    return;
  }
  if (timeout == 0) {
    emit(op, R_TIMEOUT, o, 0, 0);
    advance();
    return;
  }
  if (curThread < 0 || irql >= DISPATCH_LEVEL_VALUE) {
    waitAtDispatch(irql, curDpc >= 0, interruptedThread());
    return;
  }
  emit(op, R_BLOCKED, o, timeout, 0);
  blockCurrent(WAIT_OBJECT, o, timeout > 0 ? gGet(G_TICK) + timeout + 1 : -1, (mode & 1) | (alertable != 0 ? 2 : 0));
}

/** KeDelayExecutionThread for n ticks (rule IrqlKeApcLte1). */
export function delayExecution(n: i32): void {
  takeSetEventWait();
  const irql = currentIrql();
  if (verifierOn() && irql > APC_LEVEL_VALUE) {
    ddiViolation(RULE_IRQL_KE_APC_LTE1);
    return;
  }
  if (curThread < 0 || irql >= DISPATCH_LEVEL_VALUE) {
    waitAtDispatch(irql, curDpc >= 0, interruptedThread());
    return;
  }
  const ticks = n < 0 ? 0 : n;
  emit(OP_DELAY, R_WAITING, -1, ticks, 0);
  blockCurrent(WAIT_DELAY, -1, gGet(G_TICK) + ticks + 1, 0);
}
