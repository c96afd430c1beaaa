// The scenario's #goal (docs/scenario-language.md, "Goals"), evaluated on the
// state region: a pure function of the state, so the run loop, the host's
// snapshot and the explorer agree on it. Term records are read from the
// program (program.ts goalKind/goalA..C).
import {
  A_DELIVERED_AT,
  F_PC,
  G_BC_CODE,
  G_BC_PARAMS,
  G_OUTCOME,
  G_TICK,
  OUTCOME_BUGCHECK,
  OUTCOME_COMPLETED,
  OUTCOME_DEADLOCK,
  O_OWNER,
  THREAD_INITIALIZED,
  THREAD_TERMINATED,
  THREAD_WAITING,
  T_FRAMES,
  T_SPIN_OBJECT,
  T_STATE,
  T_WAIT_KIND,
  WAIT_DELAY,
} from "./abi";
import { T_WAIT_SINCE } from "../shared/memory-map";
import {
  goalA,
  goalB,
  goalC,
  goalCount,
  goalKind,
  GOAL_AT,
  GOAL_BUGCHECK,
  GOAL_COMPLETED,
  GOAL_DEADLOCK,
  GOAL_DELIVERED,
  GOAL_OWNS,
  GOAL_WAITS,
} from "./program";
import { aGet, gGet, oGet, tGet } from "./state";

/**
 * Blocked on a dispatcher object (a mutex's gate or event, a KEVENT) or
 * spinning on a spin lock; a Delay() is a sleep, not a wait for someone.
 */
function isWaiting(t: i32): bool {
  const state = tGet(t, T_STATE);
  if (state == THREAD_WAITING) return tGet(t, T_WAIT_KIND) != WAIT_DELAY;
  return state != THREAD_TERMINATED && tGet(t, T_SPIN_OBJECT) >= 0;
}

/** Whether term i holds in the state now in the region. */
export function goalTermMet(i: i32): bool {
  const kind = goalKind(i);
  const a = goalA(i);
  if (kind == GOAL_DEADLOCK) return gGet(G_OUTCOME) == OUTCOME_DEADLOCK;
  if (kind == GOAL_COMPLETED) return gGet(G_OUTCOME) == OUTCOME_COMPLETED;
  if (kind == GOAL_BUGCHECK) {
    if (gGet(G_OUTCOME) != OUTCOME_BUGCHECK || gGet(G_BC_CODE) != a) return false;
    // P1 is the value word of the first (kind, value) parameter pair.
    return goalB(i) == 0 || gGet(G_BC_PARAMS + 1) == goalC(i);
  }
  if (kind == GOAL_AT) {
    // The thread body's own frame: an APC running on top leaves the thread at its statement.
    const state = tGet(a, T_STATE);
    if (state == THREAD_INITIALIZED || state == THREAD_TERMINATED) return false;
    const pc = tGet(a, T_FRAMES + F_PC);
    return pc >= goalB(i) && pc < goalC(i);
  }
  if (kind == GOAL_WAITS) return isWaiting(a) && gGet(G_TICK) - tGet(a, T_WAIT_SINCE) > goalB(i);
  if (kind == GOAL_OWNS) return oGet(goalB(i), O_OWNER) == a + 1;
  if (kind == GOAL_DELIVERED) return aGet(a, A_DELIVERED_AT) >= 0;
  return false;
}

/** Bit i set: term i holds. 0 without a goal. */
export function goalMask(): i32 {
  let mask = 0;
  for (let i = 0; i < goalCount; i++) if (goalTermMet(i)) mask |= 1 << i;
  return mask;
}

/** The scenario has a goal and every term holds. */
export function goalReached(): bool {
  return goalCount > 0 && goalMask() == (1 << goalCount) - 1;
}
