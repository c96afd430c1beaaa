// Addresses of the challenge mode: the list, one challenge, and a solution
// (the challenge plus a share link, `#ksl=…`, carrying the schedule the
// student chose, so the reader watches the same run in challenge mode).
import type { SimulatorStore } from "../store/simulator-store";
import { captureSharedView } from "../share/restore";
import { encodeSharedView, shareUrl } from "../share/share-link";
import { MODE_PARAM, type LabMode } from "./ModeEntry";

const CHALLENGES_MODE = "challenges";
const PREDICT_MODE: LabMode = "predict";
export const CHALLENGE_PARAM = "challenge";
/** `?mode=challenges&challenge=own`: the student writes a scenario with its own #goal. */
export const OWN_CHALLENGE = "own";

/** This page with only the given query parameters (no hash). */
export function pageUrl(params: Record<string, string>, base: string = window.location.href): string {
  const url = new URL(base);
  url.search = new URLSearchParams(params).toString();
  url.hash = "";
  return url.href;
}

export function challengeListUrl(base?: string): string {
  return pageUrl({ [MODE_PARAM]: CHALLENGES_MODE }, base);
}

/** One challenge by id; null opens the student's own challenge. */
export function challengeUrl(id: string | null, base?: string): string {
  return pageUrl({ [MODE_PARAM]: CHALLENGES_MODE, [CHALLENGE_PARAM]: id ?? OWN_CHALLENGE }, base);
}

export function predictUrl(scenario: string, base?: string): string {
  return pageUrl({ [MODE_PARAM]: PREDICT_MODE, scenario }, base);
}

/**
 * A link that opens challenge `id` (null: the student's own) at step
 * `reachedAt`, replaying the choices the student made up to there (under the
 * manual scheduler every step is a forced choice).
 */
export async function solutionUrl(
  store: SimulatorStore,
  id: string | null,
  reachedAt: number,
  base?: string,
): Promise<string> {
  const view = captureSharedView(store);
  const token = await encodeSharedView({
    ...view,
    schedule: view.schedule.slice(0, reachedAt),
    step: Math.min(view.step, reachedAt),
  });
  return shareUrl(challengeUrl(id, base), token);
}
