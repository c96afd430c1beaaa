// The sentences the store puts in its notice and failure fields.
import type { StopReason } from "../../core-wasm/engine/types";

/** What to tell the user when the engine stops for `stop`; null when the panels say enough. */
export function noticeFor(stop: StopReason, stepBudget: number): string | null {
  switch (stop) {
    case "step-limit":
      return `Stopped after ${stepBudget.toLocaleString("en-US")} steps, the step budget: the scenario never finished (a while (TRUE) loop or a livelock?).`;
    case "choice-needed":
      return "Manual scheduler: pick the thread that runs the next step.";
    default:
      return null;
  }
}

export const MANUAL_RUN_NOTICE =
  "Manual scheduler: Run is off — you pick every step. Switch the scheduler to run on its own.";

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
