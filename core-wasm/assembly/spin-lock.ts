// KSPIN_LOCK with multiprocessor semantics on every CPU count [R-SPIN]
// (docs/kernel-semantics.md §5): KeAcquireSpinLock raises to DISPATCH_LEVEL,
// then test-and-sets; a contender spins at DISPATCH_LEVEL, Running and busy,
// one retry per step. A recursive acquire is therefore a visible livelock,
// reported as a deadlock.
import {
  CONT_SPIN,
  C_DPC_SPIN,
  DISPATCH_LEVEL_VALUE,
  F_CONT,
  F_PC,
  G_TICK,
  HIGH_LEVEL_VALUE,
  O_OWNER,
  T_SPIN_OBJECT,
} from "./abi";
import { T_WAIT_SINCE } from "../shared/memory-map";
import { contextId, curCpu, curThread, currentIrql, fGet, fSet, localAddr } from "./context";
import { EV_SPINNING, R_ACQUIRED, R_RELEASED, R_SPINNING } from "./events";
import { setCurrentIrql } from "./irql";
import { orderAcquired, orderCheckAcquire, orderCheckRelease } from "./lock-order";
import { goalTracksWaits, insA, insOp, OP_ACQUIRE_SPIN_LOCK } from "./program";
import { cSet, gGet, oGet, oSet, tSet, stateStore } from "./state";
import { emit } from "./trace";
import {
  classicViolation,
  ddiViolation,
  RULE_IRQL_KE_DISPATCH_LTE,
  RULE_IRQL_KE_RELEASE_SPIN_LOCK,
  RULE_SPIN_LOCK,
  verifierOn,
} from "./verifier";

function advance(): void {
  fSet(F_PC, fGet(F_PC) + 1);
}

function setSpinning(o: i32): void {
  if (curThread >= 0) {
    tSet(curThread, T_SPIN_OBJECT, o);
    // A `T waits > N` goal counts spinning as waiting (goals.ts).
    if (goalTracksWaits) tSet(curThread, T_WAIT_SINCE, o >= 0 ? gGet(G_TICK) : 0);
  } else cSet(curCpu, C_DPC_SPIN, o);
}

/** Test-and-set: true if taken. */
function tryTake(o: i32): bool {
  if (oGet(o, O_OWNER) != 0) return false;
  oSet(o, O_OWNER, contextId() + 1);
  orderAcquired(o);
  return true;
}

/** KeAcquireSpinLock (raise = true; `slot` receives the old IRQL) or KeAcquireSpinLockAtDpcLevel. */
export function acquireSpinLock(o: i32, op: i32, raise: bool, slot: i32): void {
  const irql = currentIrql();
  if (!orderCheckAcquire(o)) return;
  if (verifierOn()) {
    if (raise && irql > DISPATCH_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_KE_DISPATCH_LTE); // wins over classic 0x42
      return;
    }
    if (!raise && irql < DISPATCH_LEVEL_VALUE) {
      classicViolation(0x40, irql, 0, o);
      return;
    }
    if (oGet(o, O_OWNER) == contextId() + 1) {
      ddiViolation(RULE_SPIN_LOCK); // acquire/release must alternate [SL]
      return;
    }
  }
  if (raise) {
    if (slot >= 0) stateStore(localAddr(slot), irql);
    if (irql < DISPATCH_LEVEL_VALUE) setCurrentIrql(DISPATCH_LEVEL_VALUE);
  }
  if (tryTake(o)) {
    emit(op, R_ACQUIRED, o, irql, 0);
    advance();
    return;
  }
  setSpinning(o);
  fSet(F_CONT, CONT_SPIN);
  emit(op, R_SPINNING, o, oGet(o, O_OWNER) - 1, 0);
}

/** One spin iteration (continuation): take the lock if it became free. Returns true if still spinning. */
export function spinOnce(): bool {
  const pc = fGet(F_PC);
  const o = insA(pc);
  if (tryTake(o)) {
    fSet(F_CONT, 0);
    setSpinning(-1);
    emit(insOp(pc), R_ACQUIRED, o, 0, 0);
    advance();
    return false;
  }
  emit(EV_SPINNING, R_SPINNING, o, oGet(o, O_OWNER) - 1, 0);
  return true;
}

/** KeReleaseSpinLock (lower = true, to `level`) or KeReleaseSpinLockFromDpcLevel. */
export function releaseSpinLock(o: i32, op: i32, lower: bool, level: i32): void {
  const irql = currentIrql();
  if (!orderCheckRelease(o)) return;
  if (verifierOn()) {
    if (lower && irql != DISPATCH_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_KE_RELEASE_SPIN_LOCK); // wins over classic 0x32
      return;
    }
    if (!lower && irql < DISPATCH_LEVEL_VALUE) {
      classicViolation(0x41, irql, 0, o);
      return;
    }
    if (oGet(o, O_OWNER) != contextId() + 1) {
      ddiViolation(RULE_SPIN_LOCK);
      return;
    }
  }
  oSet(o, O_OWNER, 0);
  emit(op, R_RELEASED, o, level, 0);
  advance();
  if (lower) setCurrentIrql(level > HIGH_LEVEL_VALUE ? HIGH_LEVEL_VALUE : level);
}
