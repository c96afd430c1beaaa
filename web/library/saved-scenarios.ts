// "My scenarios": the user's own scenarios in localStorage. Corrupted data is
// never fatal: it is moved aside under a backup key and reported, and the
// page carries on with whatever entries were still readable.
import { defaultStorage, setAside, type StorageLike } from "../lib/browser-storage";
export interface SavedScenario {
  readonly id: string;
  readonly name: string;
  readonly source: string;
  readonly savedAt: string; // ISO date
}

export interface LoadResult {
  readonly scenarios: readonly SavedScenario[];
  /** A sentence for the user when something could not be read, else null. */
  readonly problem: string | null;
}

export const STORAGE_KEY = "ksl:saved-scenarios:v1";
const BACKUP_PREFIX = "ksl:saved-scenarios:corrupt:";

function isSaved(value: unknown): value is SavedScenario {
  if (typeof value !== "object" || value === null) return false;
  const v = value as Record<string, unknown>;
  return (
    typeof v.id === "string" &&
    typeof v.name === "string" &&
    typeof v.source === "string" &&
    typeof v.savedAt === "string"
  );
}

export function loadSavedScenarios(storage: StorageLike | null = defaultStorage()): LoadResult {
  if (!storage) return { scenarios: [], problem: null };
  let raw: string | null;
  try {
    raw = storage.getItem(STORAGE_KEY);
  } catch {
    return { scenarios: [], problem: "Your saved scenarios could not be read (browser storage is not available)." };
  }
  if (raw === null) return { scenarios: [], problem: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    const key = setAside(storage, BACKUP_PREFIX, raw);
    storage.removeItem(STORAGE_KEY);
    return {
      scenarios: [],
      problem: `Your saved scenarios were corrupted and could not be read. The data was set aside in localStorage under “${key}”.`,
    };
  }
  const list = Array.isArray(parsed) ? parsed : null;
  if (!list) {
    const key = setAside(storage, BACKUP_PREFIX, raw);
    storage.removeItem(STORAGE_KEY);
    return {
      scenarios: [],
      problem: `Your saved scenarios had an unexpected format. The data was set aside in localStorage under “${key}”.`,
    };
  }
  const good = list.filter(isSaved);
  if (good.length < list.length) {
    const key = setAside(storage, BACKUP_PREFIX, raw);
    storage.setItem(STORAGE_KEY, JSON.stringify(good));
    const bad = list.length - good.length;
    return {
      scenarios: good,
      problem: `${bad} saved scenario${bad === 1 ? " was" : "s were"} damaged and left out; the original data was set aside under “${key}”.`,
    };
  }
  return { scenarios: good, problem: null };
}

/** Writes the list; returns an error sentence when the browser refuses (quota). */
export function storeSavedScenarios(
  scenarios: readonly SavedScenario[],
  storage: StorageLike | null = defaultStorage(),
): string | null {
  if (!storage) return "Browser storage is not available here, so scenarios cannot be saved.";
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(scenarios));
    return null;
  } catch (err) {
    return `Saving failed: ${err instanceof Error ? err.message : String(err)}`;
  }
}

export function newScenarioId(): string {
  return `s${Date.now().toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
}
