// IRQL changes of the current context with their side effects: dropping below
// DISPATCH_LEVEL is a dispatch point (a deferred preemption happens there,
// queued DPCs run at the CPU's next step); dropping below APC_LEVEL delivers
// pending kernel APCs [R-WAIT KiExitDispatcher] [R-APC] [DAPC].
import { APC_LEVEL_VALUE, C_DPC_FRAME, DISPATCH_LEVEL_VALUE, F_SAVED_IRQL, T_IRQL } from "./abi";
import { curCpu, curDpc, curThread } from "./context";
import { deliverKernelApc } from "./apc";
import { exitDispatcher } from "./scheduler";
import { cSet, tGet, tSet } from "./state";

/** Sets the current context's IRQL; returns true if the current thread lost its CPU as a result. */
export function setCurrentIrql(level: i32): bool {
  if (curThread < 0) {
    if (curDpc >= 0) cSet(curCpu, C_DPC_FRAME + F_SAVED_IRQL, level);
    return false;
  }
  const t = curThread;
  const old = tGet(t, T_IRQL);
  tSet(t, T_IRQL, level);
  if (old >= DISPATCH_LEVEL_VALUE && level < DISPATCH_LEVEL_VALUE) {
    if (exitDispatcher()) return true;
  }
  if (level < APC_LEVEL_VALUE && old >= APC_LEVEL_VALUE) deliverKernelApc(t);
  return false;
}
