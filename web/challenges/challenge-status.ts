// Where a student stands in a challenge, derived from the simulator's
// snapshot (the engine evaluates the #goal after every step): still playing,
// goal reached, or the run ended another way ("not this way — step back").
// Reaching the goal sticks: a goal such as "T1 at Inside" may stop holding
// on the next step, but the student who got there has solved the challenge —
// until they step back to before it.
import type { GoalView, Snapshot } from "../../core-wasm/engine/types";

export type ChallengeStatus =
  | "loading" // no state yet
  | "no-goal" // the scenario declares no #goal
  | "playing"
  | "reached"
  | "failed"; // the run ended (deadlock, bug check, completed, step limit) without the goal

/**
 * The step at which the goal was first reached on the way to the step shown,
 * given the one known before this snapshot: kept while the student moves on,
 * forgotten when they go back to before it.
 */
export function followGoal(reachedAt: number | null, snapshot: Snapshot | null): number | null {
  if (!snapshot) return null;
  if (snapshot.goal?.reached) return reachedAt !== null && reachedAt <= snapshot.step ? reachedAt : snapshot.step;
  return reachedAt !== null && reachedAt < snapshot.step ? reachedAt : null;
}

export function challengeStatus(snapshot: Snapshot | null, reachedAt: number | null): ChallengeStatus {
  if (!snapshot) return "loading";
  if (!snapshot.goal) return "no-goal";
  if (reachedAt !== null || snapshot.goal.reached) return "reached";
  return snapshot.outcome === "running" ? "playing" : "failed";
}

/** How many of the goal's conditions hold now. */
export function termsMet(goal: GoalView): number {
  return goal.terms.filter((t) => t.met).length;
}

/** One plain sentence for a run that ended without the goal. */
export function endedWithout(snapshot: Snapshot): string {
  switch (snapshot.outcome) {
    case "deadlock":
      return `The threads deadlocked${snapshot.deadlock?.threads.length ? ` (${snapshot.deadlock.threads.join(", ")} can never run again)` : ""}, but that is not the goal.`;
    case "bugcheck":
      return `The machine stopped with bug check ${snapshot.bugcheck?.code ?? ""}${snapshot.bugcheck?.name ? ` (${snapshot.bugcheck.name})` : ""}, but that is not the goal.`;
    case "completed":
      return "Every thread finished, and the goal never held.";
    case "step-limit":
      return "The run hit its step limit without reaching the goal.";
    default:
      return "The run has ended without reaching the goal.";
  }
}
