// Executes one step of a thread or DPC context: continuations of interrupted
// statements first, then free control instructions, then one statement.
// Timing rules of scenario-language.md: one statement (or one Work tick) per
// step; Jump/Repeat cost nothing; the thread's exit checks run in the step of
// its last statement; an APC body's End returns to the interrupted code for free.
import {
  BODY_THREAD,
  CONT_LEAVE_GUARDED,
  CONT_LOWER_IRQL,
  CONT_MUTEX_RETRY,
  CONT_REWAIT,
  CONT_SPIN,
  C_DPC,
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  F_BODY,
  F_CONT,
  F_PC,
  F_WORK,
  G_ALIVE,
  HIGH_LEVEL_VALUE,
  O_CONTENTION,
  O_COUNT,
  O_EVENT_TYPE,
  O_GATE,
  O_OWNER,
  O_OLD_IRQL,
  PARAM_CONTEXT,
  PARAM_NUMBER,
  PARAM_OBJECT,
  APC_LEVEL_VALUE,
  THREAD_RUNNING,
  THREAD_TERMINATED,
  T_IRQL,
  T_KERNEL_APC_DISABLE,
  T_KERNEL_APC_HEAD,
  T_PRIORITY,
  T_QUANTUM,
  T_SPECIAL_APC_DISABLE,
  T_STATE,
  T_USER_APC_HEAD,
  T_SPIN_OBJECT,
} from "./abi";
import { deliverKernelApc, deliverUserApc, insertApc, noteApcBodyStep, popApcFrame } from "./apc";
import { autoBoostOn } from "./program";
import { ownedTrackedLock } from "./autoboost";
import {
  curCpu,
  curDpc,
  curFrame,
  curThread,
  currentIrql,
  enterDpc,
  enterThread,
  fGet,
  fSet,
  localAddr,
  refreshFrame,
  setLine,
} from "./context";
import { endDpc, insertDpc, startDpc } from "./dpc";
import {
  EV_THREAD_EXIT,
  R_ENTERED,
  R_EXITED,
  R_FALSE,
  R_INITIALIZED,
  R_LEFT,
  R_LOWERED,
  R_RAISED,
  R_TRUE,
  R_WORKING,
  R_YIELDED,
} from "./events";
import { setCurrentIrql } from "./irql";
import { checkSpinHang } from "./hang";
import { delayExecution, resetEvent, setEvent, waitForSingleObject } from "./kevent";
import { orderCheckExit } from "./lock-order";
import { acquireMutex, releaseMutex, resumeRelease, retryMutex, tryMutex } from "./mutex";
import {
  insA,
  insB,
  insC,
  insD,
  insLine,
  insOp,
  OP_ACQUIRE_FAST_MUTEX,
  OP_ACQUIRE_FAST_MUTEX_UNSAFE,
  OP_ACQUIRE_GUARDED_MUTEX,
  OP_ACQUIRE_GUARDED_MUTEX_UNSAFE,
  OP_ACQUIRE_SPIN_LOCK,
  OP_ACQUIRE_SPIN_LOCK_AT_DPC,
  OP_CLEAR_EVENT,
  OP_DELAY,
  OP_END,
  OP_ENTER_CRITICAL_REGION,
  OP_ENTER_GUARDED_REGION,
  OP_INIT_EVENT,
  OP_INIT_FAST_MUTEX,
  OP_INIT_GUARDED_MUTEX,
  OP_INIT_SPIN_LOCK,
  OP_INSERT_QUEUE_APC,
  OP_INSERT_QUEUE_DPC,
  OP_JUMP,
  OP_LEAVE_CRITICAL_REGION,
  OP_LEAVE_GUARDED_REGION,
  OP_LOWER_IRQL,
  OP_RAISE_IRQL,
  OP_RAISE_IRQL_TO_DPC_LEVEL,
  OP_RELEASE_FAST_MUTEX,
  OP_RELEASE_FAST_MUTEX_UNSAFE,
  OP_RELEASE_GUARDED_MUTEX,
  OP_RELEASE_GUARDED_MUTEX_UNSAFE,
  OP_RELEASE_SPIN_LOCK,
  OP_RELEASE_SPIN_LOCK_FROM_DPC,
  OP_REPEAT_INIT,
  OP_REPEAT_NEXT,
  OP_RESET_EVENT,
  OP_SET_EVENT,
  OP_TRY_FAST_MUTEX,
  OP_TRY_GUARDED_MUTEX,
  OP_WAIT,
  OP_WORK,
  OP_YIELD,
  threadSyscall,
} from "./program";
import {
  combinedApcDisable,
  enterCriticalRegion,
  enterGuardedRegion,
  leaveCriticalRegion,
  leaveGuardedRegion,
} from "./regions";
import { exitDispatcher, priorityRules, quantumEnd, readyAbove, vacateCpu, yieldExecution } from "./scheduler";
import { cGet, gGet, gSet, oSet, tGet, tSet, stateStore } from "./state";
import { emit } from "./trace";
import {
  BC_APC_INDEX_MISMATCH,
  BC_IRQL_GT_ZERO_AT_SYSTEM_SERVICE,
  BC_KERNEL_APC_PENDING_DURING_EXIT,
  BC_KERNEL_LOCK_ENTRY_LEAKED,
  BC_DRIVER_VERIFIER_DETECTED_VIOLATION,
  bugCheck,
  classicViolation,
  ddiViolation,
  isHalted,
  RULE_CRITICAL_REGIONS,
  RULE_GUARDED_REGIONS,
  RULE_IRQL_KE_APC_LTE2,
  verifierOn,
  waitAtDispatch,
} from "./verifier";
import { rewait } from "./waits";
import { acquireSpinLock, releaseSpinLock, spinOnce } from "./spin-lock";

/** Free instructions executed in a row before a step is consumed anyway (an empty `while (TRUE) {}`). */
const FREE_LIMIT: i32 = 256;
const NO_STATEMENT: i32 = -2;
const STOPPED: i32 = -1;
const CONTINUATION: i32 = -3;

function advance(): void {
  fSet(F_PC, fGet(F_PC) + 1);
}

/** Runs Jump/Repeat instructions of the current frame; returns the opcode reached or NO_STATEMENT. */
function runFree(): i32 {
  for (let n = 0; n < FREE_LIMIT; n++) {
    const pc = fGet(F_PC);
    const op = insOp(pc);
    if (op == OP_JUMP) {
      fSet(F_PC, insA(pc));
    } else if (op == OP_REPEAT_INIT) {
      const count = insB(pc);
      if (count <= 0) fSet(F_PC, insC(pc));
      else {
        stateStore(localAddr(insA(pc)), count);
        fSet(F_PC, pc + 1);
      }
    } else if (op == OP_REPEAT_NEXT) {
      const at = localAddr(insA(pc));
      const v = load<i32>(at) - 1;
      stateStore(at, v);
      fSet(F_PC, v > 0 ? insB(pc) : pc + 1);
    } else {
      return op;
    }
  }
  return NO_STATEMENT;
}

function stillRunning(t: i32): bool {
  return tGet(t, T_STATE) == THREAD_RUNNING && curCpu >= 0 && cGet(curCpu, C_THREAD) == t;
}

/**
 * Brings the current thread's top frame to its next statement: free
 * instructions, APC bodies that returned (free), the thread's End (exit).
 * Returns the statement's opcode, CONTINUATION, NO_STATEMENT, or STOPPED (exited, blocked, halted).
 */
function settleThread(): i32 {
  const t = curThread;
  while (true) {
    if (fGet(F_CONT) != 0) return CONTINUATION;
    // Most steps start on a statement: skip the free-instruction loop then.
    let op = insOp(fGet(F_PC));
    if (op > OP_REPEAT_NEXT) return op;
    if (op != OP_END) op = runFree();
    if (op != OP_END) return op;
    setLine(insLine(fGet(F_PC)));
    if (fGet(F_BODY) >> 8 == BODY_THREAD) {
      exitThread();
      return STOPPED;
    }
    popApcFrame(t);
    refreshFrame();
    if (isHalted() || !stillRunning(t)) return STOPPED;
  }
  return STOPPED;
}

/**
 * Thread exit (the step of the last statement) [R-KILL] [R-TRAP], checks in
 * "which check wins" order: DV deadlock detection 0x100A; for a `syscall`
 * thread 0x4A then 0x1 (and its user APCs run on the way to user mode); 0x20;
 * AutoBoost 0x153. The thread then ends at PASSIVE_LEVEL.
 */
function exitThread(): void {
  const t = curThread;
  if (!orderCheckExit(t)) return;
  const combined = combinedApcDisable(t);
  if (threadSyscall(t)) {
    const irql = tGet(t, T_IRQL);
    if (irql > 0) {
      bugCheck(
        BC_IRQL_GT_ZERO_AT_SYSTEM_SERVICE,
        PARAM_CONTEXT,
        t,
        PARAM_NUMBER,
        irql,
        PARAM_NUMBER,
        0,
        PARAM_NUMBER,
        0,
      );
      return;
    }
    if (combined != 0) {
      bugCheck(BC_APC_INDEX_MISMATCH, PARAM_CONTEXT, t, PARAM_NUMBER, 0, PARAM_NUMBER, combined, PARAM_NUMBER, 0);
      return;
    }
    if (tGet(t, T_USER_APC_HEAD) >= 0) {
      deliverUserApc(t);
      return;
    }
  }
  if (combined != 0) {
    bugCheck(
      BC_KERNEL_APC_PENDING_DURING_EXIT,
      PARAM_NUMBER,
      0,
      PARAM_NUMBER,
      combined,
      PARAM_NUMBER,
      0,
      PARAM_NUMBER,
      1,
    );
    return;
  }
  if (autoBoostOn) {
    const o = ownedTrackedLock(t);
    if (o >= 0) {
      bugCheck(BC_KERNEL_LOCK_ENTRY_LEAKED, PARAM_CONTEXT, t, PARAM_OBJECT, o, PARAM_NUMBER, 0, PARAM_NUMBER, 0);
      return;
    }
  }
  emit(EV_THREAD_EXIT, R_EXITED, -1, 0, 0);
  tSet(t, T_IRQL, 0);
  tSet(t, T_STATE, THREAD_TERMINATED);
  tSet(t, T_SPIN_OBJECT, -1);
  gSet(G_ALIVE, gGet(G_ALIVE) - 1);
  vacateCpu(t);
}

/** One step of thread t on CPU c. */
export function threadStep(t: i32, c: i32): void {
  enterThread(t, c);
  // A pending kernel APC interrupts as soon as IRQL < APC_LEVEL [R-APC].
  if (tGet(t, T_KERNEL_APC_HEAD) >= 0) deliverKernelApc(t);
  const op = settleThread();
  const frameBefore = curFrame;
  const pcBefore = fGet(F_PC);
  if (op == CONTINUATION) {
    setLine(insLine(pcBefore));
    noteApcBodyStep(fGet(F_BODY));
    runContinuation();
  } else if (op >= 0) {
    noteApcBodyStep(fGet(F_BODY));
    execute(op);
  }
  if (isHalted()) return;
  if (!stillRunning(t)) return;
  // Settle only when the statement moved on (a Work tick in progress did not).
  if (curFrame != frameBefore || fGet(F_PC) != pcBefore) {
    settleThread();
    if (isHalted() || !stillRunning(t)) return;
  }
  if (tGet(t, T_KERNEL_APC_HEAD) >= 0) deliverKernelApc(t);
  if (readyAbove(tGet(t, T_PRIORITY)) && exitDispatcher()) return;
  if (priorityRules()) {
    const q = tGet(t, T_QUANTUM) - 1;
    tSet(t, T_QUANTUM, q > 0 ? q : 0);
    if (q <= 0 && tGet(t, T_IRQL) < DISPATCH_LEVEL_VALUE) quantumEnd(t, c);
  }
}

function runContinuation(): void {
  const cont = fGet(F_CONT);
  if (cont == CONT_MUTEX_RETRY) retryMutex();
  else if (cont == CONT_LEAVE_GUARDED || cont == CONT_LOWER_IRQL) resumeRelease(cont);
  else if (cont == CONT_SPIN) {
    if (spinOnceAndCheck()) return;
  } else if (cont == CONT_REWAIT) rewait(curThread);
  else fSet(F_CONT, 0);
}

function spinOnceAndCheck(): bool {
  const spinning = spinOnce();
  if (spinning) checkSpinHang();
  return spinning;
}

/** One step of the DPC running (or starting) on CPU c. */
export function dpcStep(c: i32): void {
  if (cGet(c, C_DPC) < 0) startDpc(c);
  const d = cGet(c, C_DPC);
  enterDpc(d, c);
  setLine(insLine(fGet(F_PC)));
  if (fGet(F_CONT) == CONT_SPIN) {
    spinOnceAndCheck();
    return;
  }
  const op = runFree();
  if (op == OP_END) {
    endDpc(c);
    return;
  }
  if (op >= 0) execute(op);
  if (isHalted() || cGet(c, C_DPC) != d || fGet(F_CONT) != 0) return;
  if (runFree() == OP_END) endDpc(c);
}

/** Executes the statement at the current frame's pc (opcode `op`). */
function execute(op: i32): void {
  const pc = fGet(F_PC);
  setLine(insLine(pc));
  const a = insA(pc);
  switch (op) {
    case OP_ACQUIRE_GUARDED_MUTEX:
      acquireMutex(a, op, false, false);
      break;
    case OP_RELEASE_GUARDED_MUTEX:
      releaseMutex(a, op, false, false);
      break;
    case OP_TRY_GUARDED_MUTEX:
      tryMutex(a, op, false, insB(pc));
      break;
    case OP_ACQUIRE_GUARDED_MUTEX_UNSAFE:
      acquireMutex(a, op, false, true);
      break;
    case OP_RELEASE_GUARDED_MUTEX_UNSAFE:
      releaseMutex(a, op, false, true);
      break;
    case OP_ACQUIRE_FAST_MUTEX:
      acquireMutex(a, op, true, false);
      break;
    case OP_RELEASE_FAST_MUTEX:
      releaseMutex(a, op, true, false);
      break;
    case OP_TRY_FAST_MUTEX:
      tryMutex(a, op, true, insB(pc));
      break;
    case OP_ACQUIRE_FAST_MUTEX_UNSAFE:
      acquireMutex(a, op, true, true);
      break;
    case OP_RELEASE_FAST_MUTEX_UNSAFE:
      releaseMutex(a, op, true, true);
      break;
    case OP_ENTER_GUARDED_REGION:
    case OP_LEAVE_GUARDED_REGION:
    case OP_ENTER_CRITICAL_REGION:
    case OP_LEAVE_CRITICAL_REGION:
      region(op);
      break;
    case OP_RAISE_IRQL:
      raiseIrql(op, a, insB(pc));
      break;
    case OP_RAISE_IRQL_TO_DPC_LEVEL:
      raiseIrql(op, DISPATCH_LEVEL_VALUE, a);
      break;
    case OP_LOWER_IRQL:
      lowerIrql(op, a == 1 ? load<i32>(localAddr(insB(pc))) : insB(pc));
      break;
    case OP_ACQUIRE_SPIN_LOCK:
      acquireSpinLock(a, op, true, insB(pc));
      break;
    case OP_RELEASE_SPIN_LOCK:
      releaseSpinLock(a, op, true, insB(pc) == 1 ? load<i32>(localAddr(insC(pc))) : insC(pc));
      break;
    case OP_ACQUIRE_SPIN_LOCK_AT_DPC:
      acquireSpinLock(a, op, false, -1);
      break;
    case OP_RELEASE_SPIN_LOCK_FROM_DPC:
      releaseSpinLock(a, op, false, 0);
      break;
    case OP_SET_EVENT:
      setEvent(a, op, insB(pc), insC(pc) != 0);
      break;
    case OP_RESET_EVENT:
    case OP_CLEAR_EVENT:
      resetEvent(a, op);
      break;
    case OP_WAIT:
      waitForSingleObject(a, op, insB(pc), insC(pc), insD(pc));
      break;
    case OP_INSERT_QUEUE_APC: {
      const ok = insertApc(a);
      emit(op, ok ? R_TRUE : R_FALSE, a, 0, 0);
      advance();
      break;
    }
    case OP_INSERT_QUEUE_DPC: {
      const ok = insertDpc(a);
      emit(op, ok ? R_TRUE : R_FALSE, a, 0, 0);
      advance();
      break;
    }
    case OP_WORK:
      work(a);
      break;
    case OP_DELAY:
      delayExecution(a);
      break;
    case OP_YIELD:
      yieldStatement(op);
      break;
    case OP_INIT_GUARDED_MUTEX:
    case OP_INIT_FAST_MUTEX:
    case OP_INIT_SPIN_LOCK:
    case OP_INIT_EVENT:
      initialize(op, a, insB(pc), insC(pc));
      break;
    default:
      // Unknown opcode: consume the step and move on rather than hang.
      advance();
  }
}

/** Work(n): one tick of CPU per step at the current IRQL. */
function work(n: i32): void {
  const left = fGet(F_WORK);
  const total = n < 1 ? 1 : n;
  if (left > 0) {
    fSet(F_WORK, left - 1);
    emit(OP_WORK, R_WORKING, -1, total - left + 1, total);
    if (left - 1 == 0) advance();
    return;
  }
  emit(OP_WORK, R_WORKING, -1, 1, total);
  if (total == 1) advance();
  else fSet(F_WORK, total - 1);
}

function region(op: i32): void {
  const irql = currentIrql();
  const t = curThread;
  if (verifierOn()) {
    if (irql > APC_LEVEL_VALUE) {
      ddiViolation(RULE_IRQL_KE_APC_LTE2); // wins over classic 0x11A/0x11B [IKAL2]
      return;
    }
    if (t >= 0 && op == OP_LEAVE_GUARDED_REGION && tGet(t, T_SPECIAL_APC_DISABLE) == 0) {
      ddiViolation(RULE_GUARDED_REGIONS); // unbalanced leave [GRR]
      return;
    }
    if (t >= 0 && op == OP_LEAVE_CRITICAL_REGION && tGet(t, T_KERNEL_APC_DISABLE) == 0) {
      ddiViolation(RULE_CRITICAL_REGIONS); // wins over classic 0x3E [CRR]
      return;
    }
  }
  const entering = op == OP_ENTER_GUARDED_REGION || op == OP_ENTER_CRITICAL_REGION;
  const guarded = op == OP_ENTER_GUARDED_REGION || op == OP_LEAVE_GUARDED_REGION;
  advance();
  if (t < 0) {
    emit(op, entering ? R_ENTERED : R_LEFT, -1, 0, 0);
    return;
  }
  if (entering) {
    if (guarded) enterGuardedRegion(t);
    else enterCriticalRegion(t);
  }
  emit(
    op,
    entering ? R_ENTERED : R_LEFT,
    -1,
    entering
      ? guarded
        ? tGet(t, T_SPECIAL_APC_DISABLE)
        : tGet(t, T_KERNEL_APC_DISABLE)
      : guarded
        ? tGet(t, T_SPECIAL_APC_DISABLE) + 1
        : tGet(t, T_KERNEL_APC_DISABLE) + 1,
    0,
  );
  if (!entering) {
    if (guarded) leaveGuardedRegion(t);
    else leaveCriticalRegion(t);
  }
}

/** KeRaiseIrql / KeRaiseIrqlToDpcLevel: raising to a lower level (or above HIGH_LEVEL) is 0xC4/0x30 [RAISE]. */
function raiseIrql(op: i32, level: i32, slot: i32): void {
  const cur = currentIrql();
  if (verifierOn() && (level < cur || level > HIGH_LEVEL_VALUE)) {
    classicViolation(0x30, cur, level, -1);
    return;
  }
  if (slot >= 0) stateStore(localAddr(slot), cur);
  emit(op, R_RAISED, -1, level, cur);
  advance();
  setCurrentIrql(level > HIGH_LEVEL_VALUE ? HIGH_LEVEL_VALUE : level);
}

/** KeLowerIrql: lowering to a higher level (or above HIGH_LEVEL) is 0xC4/0x31, P4 = 1 inside a DPC [LOWER]. */
function lowerIrql(op: i32, level: i32): void {
  const cur = currentIrql();
  if (verifierOn() && (level > cur || level > HIGH_LEVEL_VALUE)) {
    bugCheck(
      BC_DRIVER_VERIFIER_DETECTED_VIOLATION,
      PARAM_NUMBER,
      0x31,
      PARAM_NUMBER,
      cur,
      PARAM_NUMBER,
      level,
      PARAM_NUMBER,
      curDpc >= 0 ? 1 : 0,
    );
    return;
  }
  emit(op, R_LOWERED, -1, level, cur);
  advance();
  setCurrentIrql(level > HIGH_LEVEL_VALUE ? HIGH_LEVEL_VALUE : level < 0 ? 0 : level);
}

/** ZwYieldExecution: gives up the rest of the quantum; from a DPC it is 0xB8. */
function yieldStatement(op: i32): void {
  if (curDpc >= 0) {
    waitAtDispatch(DISPATCH_LEVEL_VALUE, true, cGet(curCpu, C_THREAD));
    return;
  }
  emit(op, R_YIELDED, -1, 0, 0);
  advance();
  if (currentIrql() < DISPATCH_LEVEL_VALUE) yieldExecution(curThread, curCpu);
}

function initialize(op: i32, o: i32, eventType: i32, signaled: i32): void {
  if (op == OP_INIT_EVENT) {
    oSet(o, O_EVENT_TYPE, eventType);
    oSet(o, O_COUNT, signaled != 0 ? 1 : 0);
  } else if (op == OP_INIT_SPIN_LOCK) {
    oSet(o, O_OWNER, 0);
  } else {
    oSet(o, O_COUNT, 1);
    oSet(o, O_OWNER, 0);
    oSet(o, O_CONTENTION, 0);
    oSet(o, O_GATE, 0);
    oSet(o, O_OLD_IRQL, 0);
  }
  emit(op, R_INITIALIZED, o, 0, 0);
  advance();
}
