// Asynchronous procedure calls [R-APC KiInsertQueueApc, KiDeliverApc]:
// special kernel APCs queue ahead of normal ones; delivery runs the body as
// a frame on the target thread — special at APC_LEVEL, normal at PASSIVE_LEVEL
// with "normal APC in progress" set, user APCs only in an alertable UserMode
// wait or on return to user mode.
import {
  APC_IDLE,
  APC_LEVEL_VALUE,
  APC_QUEUED,
  APC_RUNNING,
  APC_WORDS,
  A_COMPLETED_AT,
  A_DELIVERED_AT,
  A_LOCALS,
  A_NEXT,
  A_QUEUED_AT,
  A_STATE,
  BODY_NORMAL_APC,
  BODY_SPECIAL_APC,
  BODY_THREAD,
  BODY_USER_APC,
  CONT_REWAIT,
  FRAME_WORDS,
  F_ARG,
  F_BODY,
  F_CONT,
  F_PC,
  F_SAVED_IRQL,
  F_WORK,
  G_TICK,
  MAX_FRAMES,
  MAX_LOCALS,
  THREAD_TERMINATED,
  THREAD_WAITING,
  T_APC_IN_PROGRESS,
  T_DEPTH,
  T_IRQL,
  T_KERNEL_APC_DISABLE,
  T_KERNEL_APC_HEAD,
  T_SPECIAL_APC_DISABLE,
  T_STATE,
  T_USER_APC_HEAD,
  T_WAIT_KIND,
  T_WAIT_MODE,
  WAIT_DELAY,
  WAIT_OBJECT,
} from "./abi";
import { curThread, refreshFrame, topFrameOf } from "./context";
import {
  EV_APC_COMPLETED,
  EV_APC_DELIVERED,
  EV_APC_QUEUED,
  EV_APC_UNWAIT,
  R_DELIVERED,
  R_DONE,
  R_QUEUED,
  R_UNWAITED,
  R_USER_APC,
} from "./events";
import { APC_KIND_NORMAL, APC_KIND_SPECIAL, APC_KIND_USER, apcCodeStart, apcKind, apcTarget } from "./program";
import { aGet, apcsBase, aSet, gGet, tGet, tSet, stateStore, stateFill } from "./state";
import { emitFor, emitThread } from "./trace";
import { lineOf } from "./scheduler";
import { cancelWait, rewait, userApcWaitEnds } from "./waits";

/** KeInsertQueueApc: false if the APC is already queued or its target has ended. */
export function insertApc(a: i32): bool {
  const t = apcTarget(a);
  if (aGet(a, A_STATE) == APC_QUEUED || tGet(t, T_STATE) == THREAD_TERMINATED) return false;
  aSet(a, A_STATE, APC_QUEUED);
  aSet(a, A_QUEUED_AT, gGet(G_TICK));
  aSet(a, A_DELIVERED_AT, -1);
  aSet(a, A_COMPLETED_AT, -1);
  aSet(a, A_NEXT, -1);
  const kind = apcKind(a);
  if (kind == APC_KIND_USER) {
    appendList(t, T_USER_APC_HEAD, a);
  } else if (kind == APC_KIND_SPECIAL) {
    // Specials go after the last special, ahead of every normal APC.
    let prev = -1;
    let cur = tGet(t, T_KERNEL_APC_HEAD);
    while (cur >= 0 && apcKind(cur) == APC_KIND_SPECIAL) {
      prev = cur;
      cur = aGet(cur, A_NEXT);
    }
    aSet(a, A_NEXT, cur);
    if (prev < 0) tSet(t, T_KERNEL_APC_HEAD, a);
    else aSet(prev, A_NEXT, a);
  } else {
    appendList(t, T_KERNEL_APC_HEAD, a);
  }
  emitThread(t, -1, EV_APC_QUEUED, R_QUEUED, a, t, kind);
  if (tGet(t, T_STATE) == THREAD_WAITING) unwaitForApc(t);
  return true;
}

function appendList(t: i32, headField: i32, a: i32): void {
  let cur = tGet(t, headField);
  if (cur < 0) {
    tSet(t, headField, a);
    return;
  }
  while (aGet(cur, A_NEXT) >= 0) cur = aGet(cur, A_NEXT);
  aSet(cur, A_NEXT, a);
}

/** True if the head of t's kernel APC list may be delivered now (KiDeliverApc step 1–2), ignoring IRQL. */
export function kernelApcDeliverableIgnoringIrql(t: i32): bool {
  const head = tGet(t, T_KERNEL_APC_HEAD);
  if (head < 0 || tGet(t, T_SPECIAL_APC_DISABLE) != 0) return false;
  if (apcKind(head) == APC_KIND_SPECIAL) return true;
  return tGet(t, T_KERNEL_APC_DISABLE) == 0 && tGet(t, T_APC_IN_PROGRESS) == 0;
}

/** Delivers the next kernel APC to t if its IRQL is below APC_LEVEL and the counters allow; true if one was delivered. */
export function deliverKernelApc(t: i32): bool {
  if (tGet(t, T_IRQL) >= APC_LEVEL_VALUE || !kernelApcDeliverableIgnoringIrql(t)) return false;
  if (tGet(t, T_DEPTH) >= MAX_FRAMES) return false;
  const a = tGet(t, T_KERNEL_APC_HEAD);
  tSet(t, T_KERNEL_APC_HEAD, aGet(a, A_NEXT));
  pushApcFrame(t, a);
  return true;
}

/**
 * A queued user APC may end an alertable UserMode wait only at PASSIVE_LEVEL
 * outside critical and guarded regions: raising to APC_LEVEL (a held fast
 * mutex) and both regions disable user APCs too (docs/kernel-semantics.md §2, APCs)
 * [DAPC] [WAPC]. Otherwise it stays queued and the wait goes on.
 */
export function userApcDeliverable(t: i32, irql: i32): bool {
  return (
    tGet(t, T_USER_APC_HEAD) >= 0 &&
    irql < APC_LEVEL_VALUE &&
    tGet(t, T_KERNEL_APC_DISABLE) == 0 &&
    tGet(t, T_SPECIAL_APC_DISABLE) == 0
  );
}

/** Delivers the first queued user APC to t (alertable UserMode wait, return to user mode). */
export function deliverUserApc(t: i32): bool {
  const a = tGet(t, T_USER_APC_HEAD);
  if (a < 0 || tGet(t, T_DEPTH) >= MAX_FRAMES) return false;
  tSet(t, T_USER_APC_HEAD, aGet(a, A_NEXT));
  pushApcFrame(t, a);
  return true;
}

function pushApcFrame(t: i32, a: i32): void {
  const kind = apcKind(a);
  aSet(a, A_NEXT, -1);
  aSet(a, A_STATE, APC_RUNNING);
  stateFill(apcsBase + a * (APC_WORDS << 2) + (A_LOCALS << 2), MAX_LOCALS << 2);
  const savedIrql = tGet(t, T_IRQL);
  tSet(t, T_DEPTH, tGet(t, T_DEPTH) + 1);
  const frame = topFrameOf(t);
  const bodyKind =
    kind == APC_KIND_SPECIAL ? BODY_SPECIAL_APC : kind == APC_KIND_NORMAL ? BODY_NORMAL_APC : BODY_USER_APC;
  stateStore(frame + (F_BODY << 2), (bodyKind << 8) | a);
  stateStore(frame + (F_PC << 2), apcCodeStart(a));
  stateStore(frame + (F_WORK << 2), 0);
  stateStore(frame + (F_CONT << 2), 0);
  stateStore(frame + (F_ARG << 2), 0);
  stateStore(frame + (F_SAVED_IRQL << 2), savedIrql);
  // Special kernel APCs run at APC_LEVEL; the normal routine of a normal APC
  // (and a user APC) at PASSIVE_LEVEL, with KernelApcInProgress set.
  if (kind == APC_KIND_SPECIAL) tSet(t, T_IRQL, APC_LEVEL_VALUE);
  else tSet(t, T_IRQL, 0);
  if (kind == APC_KIND_NORMAL) tSet(t, T_APC_IN_PROGRESS, 1);
  if (t == curThread) refreshFrame();
  emitThread(t, -1, EV_APC_DELIVERED, kind == APC_KIND_USER ? R_USER_APC : R_DELIVERED, a, t, kind);
}

/** Marks the APC's first body step (deliveredAt = tick of its first step). */
export function noteApcBodyStep(body: i32): void {
  if (body >> 8 == BODY_THREAD) return;
  const a = body & 0xff;
  if (aGet(a, A_DELIVERED_AT) < 0) aSet(a, A_DELIVERED_AT, gGet(G_TICK));
}

/** The APC body of the current thread's top frame returned: pop it, restore IRQL, re-wait or deliver the next one. */
export function popApcFrame(t: i32): void {
  const frame = topFrameOf(t);
  const body = load<i32>(frame + (F_BODY << 2));
  const a = body & 0xff;
  const savedIrql = load<i32>(frame + (F_SAVED_IRQL << 2));
  stateFill(frame, FRAME_WORDS << 2);
  tSet(t, T_DEPTH, tGet(t, T_DEPTH) - 1);
  if (body >> 8 == BODY_NORMAL_APC) tSet(t, T_APC_IN_PROGRESS, 0);
  tSet(t, T_IRQL, savedIrql);
  // The body may have queued its own APC object again: then it stays queued,
  // and its times are those of the new insertion (queued, not yet delivered).
  if (aGet(a, A_STATE) == APC_RUNNING) {
    aSet(a, A_STATE, APC_IDLE);
    aSet(a, A_COMPLETED_AT, gGet(G_TICK));
  }
  refreshFrame();
  emitThread(t, -1, EV_APC_COMPLETED, R_DONE, a, t, 0);
  // KiDeliverApc loops: the next deliverable APC runs before the interrupted code resumes.
  if (deliverKernelApc(t)) return;
  const below = topFrameOf(t);
  if (load<i32>(below + (F_CONT << 2)) == CONT_REWAIT) {
    stateStore(below + (F_CONT << 2), 0);
    rewait(t);
  }
}

/**
 * A waiting target is briefly unwaited to run a kernel APC only if it waited
 * at PASSIVE_LEVEL, SpecialApcDisable = 0 and (special, or KernelApcDisable = 0
 * and no normal APC in progress); mutex waits never qualify (guarded region /
 * APC_LEVEL). User APCs end an alertable UserMode wait with STATUS_USER_APC.
 * [R-APC] [WAPC]
 */
function unwaitForApc(t: i32): void {
  const kind = tGet(t, T_WAIT_KIND);
  if (kind != WAIT_OBJECT && kind != WAIT_DELAY) return;
  if (kind == WAIT_OBJECT && tGet(t, T_WAIT_MODE) == 3 && userApcDeliverable(t, tGet(t, T_IRQL))) {
    userApcWaitEnds(t);
    deliverUserApc(t);
    return;
  }
  if (tGet(t, T_IRQL) != 0 || !kernelApcDeliverableIgnoringIrql(t)) return;
  cancelWait(t);
  stateStore(topFrameOf(t) + (F_CONT << 2), CONT_REWAIT);
  emitThread(t, -1, EV_APC_UNWAIT, R_UNWAITED, tGet(t, T_KERNEL_APC_HEAD), t, 0);
  deliverKernelApc(t);
}
