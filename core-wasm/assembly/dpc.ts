// Deferred procedure calls: queued per CPU (KeInsertQueueDpc returns FALSE
// when already queued), run at DISPATCH_LEVEL on that CPU as soon as its IRQL
// is below DISPATCH_LEVEL, interrupting the running thread, which does not
// step meanwhile. When the queue drains IRQL drops: a dispatch point.
import {
  C_DPC,
  C_DPC_FRAME,
  C_DPC_HEAD,
  C_DPC_SPIN,
  C_DPC_TAIL,
  DISPATCH_LEVEL_VALUE,
  DPC_WORDS,
  D_DELIVERED_AT,
  D_LOCALS,
  D_NEXT,
  D_QUEUED,
  D_QUEUED_AT,
  FRAME_WORDS,
  F_BODY,
  F_PC,
  F_SAVED_IRQL,
  G_DPCS_QUEUED,
  G_TICK,
  MAX_LOCALS,
  DPC_CONTEXT,
} from "./abi";
import { EV_DPC_COMPLETED, EV_DPC_DELIVERED, R_DELIVERED, R_DONE, R_QUEUED } from "./events";
import { dpcCodeStart, dpcCpu, cpuCount, OP_INSERT_QUEUE_DPC } from "./program";
import { preemptIfBetter } from "./scheduler";
import { cGet, cpusBase, cSet, dGet, dpcsBase, dSet, gGet, gSet, stateStore, stateFill } from "./state";
import { emitFor } from "./trace";
import { CPU_WORDS } from "./abi";

/** KeInsertQueueDpc: false if already queued. */
export function insertDpc(d: i32): bool {
  if (dGet(d, D_QUEUED) != 0) return false;
  let c = dpcCpu(d);
  if (c < 0 || c >= cpuCount) c = 0;
  dSet(d, D_QUEUED, 1);
  dSet(d, D_QUEUED_AT, gGet(G_TICK));
  dSet(d, D_DELIVERED_AT, -1);
  dSet(d, D_NEXT, -1);
  const tail = cGet(c, C_DPC_TAIL);
  if (tail < 0) cSet(c, C_DPC_HEAD, d);
  else dSet(tail, D_NEXT, d);
  cSet(c, C_DPC_TAIL, d);
  gSet(G_DPCS_QUEUED, gGet(G_DPCS_QUEUED) + 1);
  emitFor(DPC_CONTEXT + d, c, 0, OP_INSERT_QUEUE_DPC, R_QUEUED, d, c, 0);
  return true;
}

/** Starts the DPC at the head of CPU c's queue (its body runs from this step). */
export function startDpc(c: i32): void {
  const d = cGet(c, C_DPC_HEAD);
  const next = dGet(d, D_NEXT);
  cSet(c, C_DPC_HEAD, next);
  if (next < 0) cSet(c, C_DPC_TAIL, -1);
  dSet(d, D_NEXT, -1);
  dSet(d, D_QUEUED, 0);
  dSet(d, D_DELIVERED_AT, gGet(G_TICK));
  gSet(G_DPCS_QUEUED, gGet(G_DPCS_QUEUED) - 1);
  stateFill(dpcsBase + d * (DPC_WORDS << 2) + (D_LOCALS << 2), MAX_LOCALS << 2);
  cSet(c, C_DPC, d);
  const frame = cpusBase + c * (CPU_WORDS << 2) + (C_DPC_FRAME << 2);
  stateFill(frame, FRAME_WORDS << 2);
  stateStore(frame + (F_BODY << 2), d);
  stateStore(frame + (F_PC << 2), dpcCodeStart(d));
  stateStore(frame + (F_SAVED_IRQL << 2), DISPATCH_LEVEL_VALUE);
  emitFor(DPC_CONTEXT + d, c, 0, EV_DPC_DELIVERED, R_DELIVERED, d, c, 0);
}

/** The DPC body returned: clear the frame; if the queue is empty IRQL drops (dispatch point). */
export function endDpc(c: i32): void {
  const d = cGet(c, C_DPC);
  cSet(c, C_DPC, -1);
  cSet(c, C_DPC_SPIN, -1);
  stateFill(cpusBase + c * (CPU_WORDS << 2) + (C_DPC_FRAME << 2), FRAME_WORDS << 2);
  emitFor(DPC_CONTEXT + d, c, 0, EV_DPC_COMPLETED, R_DONE, d, c, 0);
  if (cGet(c, C_DPC_HEAD) < 0) preemptIfBetter(c);
}
