// Bug checks: recording the stop code and its four parameters, and the Driver
// Verifier helpers. Which check wins (docs/kernel-semantics.md §8): deadlock
// detection first, then DDI rules, then classic 0xC4 codes, then AutoBoost,
// then the free-build outcome; callers run the checks in that order and stop
// at the first bugCheck().
import {
  G_BC_CODE,
  G_BC_CONTEXT,
  G_BC_LINE,
  G_BC_PARAMS,
  G_BC_TICK,
  G_OUTCOME,
  G_TICK,
  OUTCOME_BUGCHECK,
  PARAM_NUMBER,
  PARAM_OBJECT,
  PARAM_CONTEXT,
  PARAM_RULE,
} from "./abi";
import { contextId, curLine } from "./context";
import { EV_BUGCHECK, R_BUGCHECK } from "./events";
import { verifier, VERIFIER_DEADLOCK, VERIFIER_OFF } from "./program";
import { gGet, gSet } from "./state";
import { emit } from "./trace";

export const BC_APC_INDEX_MISMATCH: i32 = 0x1;
export const BC_IRQL_NOT_LESS_OR_EQUAL: i32 = 0xa;
export const BC_KERNEL_APC_PENDING_DURING_EXIT: i32 = 0x20;
export const BC_IRQL_GT_ZERO_AT_SYSTEM_SERVICE: i32 = 0x4a;
export const BC_ATTEMPTED_SWITCH_FROM_DPC: i32 = 0xb8;
export const BC_DRIVER_VERIFIER_DETECTED_VIOLATION: i32 = 0xc4;
export const BC_KERNEL_LOCK_ENTRY_LEAKED: i32 = 0x153;
export const BC_AUTO_BOOST_INVALID_LOCK_RELEASE: i32 = 0x162;
export const BC_AUTO_BOOST_LOCK_ACQUISITION_WITH_RAISED_IRQL: i32 = 0x192;

// DDI compliance rule codes (0xC4 P1) [C4] and the rule pages.
export const RULE_IRQL_EX_APC_LTE1: i32 = 0x00020005;
export const RULE_IRQL_KE_APC_LTE1: i32 = 0x0002000f;
export const RULE_IRQL_KE_APC_LTE2: i32 = 0x00020010;
export const RULE_IRQL_KE_DISPATCH_LTE: i32 = 0x00020011;
export const RULE_IRQL_KE_RELEASE_SPIN_LOCK: i32 = 0x00020015;
export const RULE_IRQL_KE_SET_EVENT: i32 = 0x00020016;
export const RULE_CRITICAL_REGIONS: i32 = 0x00040003;
export const RULE_SPIN_LOCK: i32 = 0x00040009;
export const RULE_GUARDED_REGIONS: i32 = 0x0004000e;

let halted: bool = false;

export function isHalted(): bool {
  return halted;
}
export function resetHalt(): void {
  halted = gGet(G_OUTCOME) != 0;
}

export function verifierOn(): bool {
  return verifier != VERIFIER_OFF;
}
export function deadlockDetectionOn(): bool {
  return verifier == VERIFIER_DEADLOCK;
}

/** Stops the machine: records the code and parameters (kind, value) in the state header. */
export function bugCheck(code: i32, k1: i32, p1: i32, k2: i32, p2: i32, k3: i32, p3: i32, k4: i32, p4: i32): void {
  if (halted) return;
  halted = true;
  gSet(G_BC_CODE, code);
  gSet(G_BC_PARAMS + 0, k1);
  gSet(G_BC_PARAMS + 1, p1);
  gSet(G_BC_PARAMS + 2, k2);
  gSet(G_BC_PARAMS + 3, p2);
  gSet(G_BC_PARAMS + 4, k3);
  gSet(G_BC_PARAMS + 5, p3);
  gSet(G_BC_PARAMS + 6, k4);
  gSet(G_BC_PARAMS + 7, p4);
  gSet(G_BC_CONTEXT, contextId());
  gSet(G_BC_LINE, curLine);
  gSet(G_BC_TICK, gGet(G_TICK));
  gSet(G_OUTCOME, OUTCOME_BUGCHECK);
  emit(EV_BUGCHECK, R_BUGCHECK, -1, code, p1);
}

/** 0xC4 for a DDI compliance rule: (rule code, &RuleText, rule state 0, 0). */
export function ddiViolation(rule: i32): void {
  bugCheck(BC_DRIVER_VERIFIER_DETECTED_VIOLATION, PARAM_NUMBER, rule, PARAM_RULE, 0, PARAM_NUMBER, 0, PARAM_NUMBER, 0);
}

/** Classic 0xC4 with numeric P2, P3 and an object address in P4 (or numeric when object < 0). */
export function classicViolation(p1: i32, p2: i32, p3: i32, object: i32): void {
  bugCheck(
    BC_DRIVER_VERIFIER_DETECTED_VIOLATION,
    PARAM_NUMBER,
    p1,
    PARAM_NUMBER,
    p2,
    PARAM_NUMBER,
    p3,
    object >= 0 ? PARAM_OBJECT : PARAM_NUMBER,
    object >= 0 ? object : 0,
  );
}

/** 0xC4 from deadlock detection: (code, &lock, extra kinds/values). */
export function deadlockViolation(p1: i32, lock: i32, k3: i32, p3: i32, k4: i32, p4: i32): void {
  bugCheck(BC_DRIVER_VERIFIER_DETECTED_VIOLATION, PARAM_NUMBER, p1, PARAM_OBJECT, lock, k3, p3, k4, p4);
}

/** A blocking wait at DISPATCH_LEVEL or above with the verifier off (simulator choice, §8 "Which check wins" 4). */
export function waitAtDispatch(irql: i32, inDpc: bool, interrupted: i32): void {
  if (inDpc) {
    bugCheck(
      BC_ATTEMPTED_SWITCH_FROM_DPC,
      interrupted >= 0 ? PARAM_CONTEXT : PARAM_NUMBER,
      interrupted >= 0 ? interrupted : 0,
      PARAM_NUMBER,
      0,
      PARAM_NUMBER,
      0,
      PARAM_NUMBER,
      0,
    );
  } else {
    bugCheck(BC_IRQL_NOT_LESS_OR_EQUAL, PARAM_NUMBER, 0, PARAM_NUMBER, irql, PARAM_NUMBER, 0, PARAM_NUMBER, 0);
  }
}
