// Which challenges a student has solved, kept in localStorage. The same rules
// as the saved scenarios (web/library/saved-scenarios.ts): corrupted data is
// never fatal — it is moved aside under a backup key and reported, and the
// page carries on with every record that was still readable.
import { defaultStorage, setAside, type StorageLike } from "../lib/browser-storage";

/** One solved challenge. */
export interface SolvedRecord {
  /** When it was first solved (ISO date). */
  readonly solvedAt: string;
  /** Fewest steps the student needed to reach the goal. */
  readonly bestSteps: number;
}

/** Challenge id → its record; a challenge not listed is not solved yet. */
export type ChallengeProgress = Readonly<Record<string, SolvedRecord>>;

export interface ProgressLoad {
  readonly progress: ChallengeProgress;
  /** A sentence for the student when something could not be read, else null. */
  readonly problem: string | null;
}

export const PROGRESS_KEY = "ksl:challenge-progress:v1";
export const PROGRESS_BACKUP_PREFIX = "ksl:challenge-progress:corrupt:";
/** Challenge ids are short kebab-case names; anything else in the store is damage. */
const ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

function isRecord(value: unknown): value is SolvedRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.solvedAt === "string" &&
    !Number.isNaN(Date.parse(v.solvedAt)) &&
    Number.isInteger(v.bestSteps) &&
    (v.bestSteps as number) >= 0
  );
}

export function loadProgress(storage: StorageLike | null = defaultStorage()): ProgressLoad {
  if (!storage) return { progress: {}, problem: null };
  let raw: string | null;
  try {
    raw = storage.getItem(PROGRESS_KEY);
  } catch {
    return { progress: {}, problem: "Your challenge progress could not be read (browser storage is not available)." };
  }
  if (raw === null) return { progress: {}, problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    parsed = undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    const key = setAside(storage, PROGRESS_BACKUP_PREFIX, raw);
    storage.removeItem(PROGRESS_KEY);
    return {
      progress: {},
      problem: `Your challenge progress was corrupted and could not be read, so every challenge shows as not done. The data was set aside in localStorage under “${key}”.`,
    };
  }
  const entries = Object.entries(parsed as Record<string, unknown>);
  const good = entries.filter((entry): entry is [string, SolvedRecord] => ID.test(entry[0]) && isRecord(entry[1]));
  const progress: ChallengeProgress = Object.fromEntries(
    good.map(([id, r]) => [id, { solvedAt: r.solvedAt, bestSteps: r.bestSteps }]),
  );
  if (good.length < entries.length) {
    const key = setAside(storage, PROGRESS_BACKUP_PREFIX, raw);
    storeProgress(progress, storage);
    const bad = entries.length - good.length;
    return {
      progress,
      problem: `${bad} challenge record${bad === 1 ? " was" : "s were"} damaged and left out; the original data was set aside in localStorage under “${key}”.`,
    };
  }
  return { progress, problem: null };
}

/** Writes the progress; returns an error sentence when the browser refuses (quota, no storage). */
export function storeProgress(
  progress: ChallengeProgress,
  storage: StorageLike | null = defaultStorage(),
): string | null {
  if (!storage) return "Browser storage is not available here, so your progress cannot be kept.";
  try {
    storage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    return null;
  } catch (err) {
    return `Your progress could not be saved: ${err instanceof Error ? err.message : String(err)}`;
  }
}

/** The progress with `id` solved in `steps` steps: the first date stays, the best step count is kept. */
export function withSolved(
  progress: ChallengeProgress,
  id: string,
  steps: number,
  now = new Date(),
): ChallengeProgress {
  const before = progress[id];
  const record: SolvedRecord = before
    ? { solvedAt: before.solvedAt, bestSteps: Math.min(before.bestSteps, steps) }
    : { solvedAt: now.toISOString(), bestSteps: steps };
  return { ...progress, [id]: record };
}
