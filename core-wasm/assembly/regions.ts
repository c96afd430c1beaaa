// Critical and guarded regions [KEX] [BC1]: 16-bit signed counters,
// negative = disabled (enter decrements, leave increments); APCs come back
// only at the outermost leave. KeAreApcsDisabled / KeAreAllApcsDisabled are
// derived from these counters and IRQL.
import { T_KERNEL_APC_DISABLE, T_KERNEL_APC_HEAD, T_SPECIAL_APC_DISABLE } from "./abi";
import { deliverKernelApc } from "./apc";
import { tGet, tSet } from "./state";

function wrap16(v: i32): i32 {
  return <i32>(<i16>v);
}

export function enterGuardedRegion(t: i32): void {
  tSet(t, T_SPECIAL_APC_DISABLE, wrap16(tGet(t, T_SPECIAL_APC_DISABLE) - 1));
}

/** KeLeaveGuardedRegion: leaving to 0 with kernel APCs queued delivers them (at PASSIVE only; at APC_LEVEL they wait for IRQL to drop). */
export function leaveGuardedRegion(t: i32): void {
  const v = wrap16(tGet(t, T_SPECIAL_APC_DISABLE) + 1);
  tSet(t, T_SPECIAL_APC_DISABLE, v);
  if (v == 0 && tGet(t, T_KERNEL_APC_HEAD) >= 0) deliverKernelApc(t);
}

export function enterCriticalRegion(t: i32): void {
  tSet(t, T_KERNEL_APC_DISABLE, wrap16(tGet(t, T_KERNEL_APC_DISABLE) - 1));
}

/** KeLeaveCriticalRegion: to 0 with the kernel list non-empty and SpecialApcDisable = 0 → delivery. */
export function leaveCriticalRegion(t: i32): void {
  const v = wrap16(tGet(t, T_KERNEL_APC_DISABLE) + 1);
  tSet(t, T_KERNEL_APC_DISABLE, v);
  if (v == 0 && tGet(t, T_KERNEL_APC_HEAD) >= 0 && tGet(t, T_SPECIAL_APC_DISABLE) == 0) deliverKernelApc(t);
}

/** CombinedApcDisable = (SpecialApcDisable & 0xFFFF) << 16 | (KernelApcDisable & 0xFFFF). */
export function combinedApcDisable(t: i32): i32 {
  return ((tGet(t, T_SPECIAL_APC_DISABLE) & 0xffff) << 16) | (tGet(t, T_KERNEL_APC_DISABLE) & 0xffff);
}
