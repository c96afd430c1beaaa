import { beforeEach, describe, expect, it } from "vitest";
import {
  loadProgress,
  PROGRESS_BACKUP_PREFIX,
  PROGRESS_KEY,
  storeProgress,
  withSolved,
  type ChallengeProgress,
} from "./challenge-progress";

function backups(): string[] {
  return Object.keys(localStorage).filter((k) => k.startsWith(PROGRESS_BACKUP_PREFIX));
}

beforeEach(() => localStorage.clear());

describe("challenge progress", () => {
  it("starts empty and round-trips what was stored", () => {
    expect(loadProgress()).toEqual({ progress: {}, problem: null });
    const progress = withSolved({}, "abba", 6, new Date("2026-01-02T03:04:05Z"));
    expect(storeProgress(progress)).toBeNull();
    expect(loadProgress()).toEqual({
      progress: { abba: { solvedAt: "2026-01-02T03:04:05.000Z", bestSteps: 6 } },
      problem: null,
    });
  });

  it("keeps the first date and the fewest steps when solved again", () => {
    const first = withSolved({}, "abba", 9, new Date("2026-01-01T00:00:00Z"));
    const worse = withSolved(first, "abba", 12, new Date("2026-02-01T00:00:00Z"));
    expect(worse.abba).toEqual({ solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: 9 });
    const better = withSolved(worse, "abba", 6);
    expect(better.abba).toEqual({ solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: 6 });
  });

  it("sets text that is not JSON aside, reports it and starts over", () => {
    localStorage.setItem(PROGRESS_KEY, "{not json");
    const { progress, problem } = loadProgress();
    expect(progress).toEqual({});
    expect(problem).toMatch(/corrupted/);
    expect(backups()).toHaveLength(1);
    expect(problem).toContain(backups()[0]);
    expect(localStorage.getItem(backups()[0]!)).toBe("{not json");
    expect(localStorage.getItem(PROGRESS_KEY)).toBeNull();
    // The next load is clean: the damage was reported once.
    expect(loadProgress().problem).toBeNull();
  });

  it("sets a list (not a map of records) aside", () => {
    localStorage.setItem(PROGRESS_KEY, '["abba"]');
    const { progress, problem } = loadProgress();
    expect(progress).toEqual({});
    expect(problem).toMatch(/corrupted/);
    expect(localStorage.getItem(backups()[0]!)).toBe('["abba"]');
  });

  it("keeps the readable records, leaves the damaged ones out and backs up the original", () => {
    const raw = JSON.stringify({
      good: { solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: 4 },
      negative: { solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: -1 },
      "no date": { solvedAt: "yesterday", bestSteps: 3 },
      "bad id!": { solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: 3 },
    });
    localStorage.setItem(PROGRESS_KEY, raw);
    const { progress, problem } = loadProgress();
    expect(Object.keys(progress)).toEqual(["good"]);
    expect(problem).toMatch(/^3 challenge records were damaged and left out/);
    expect(localStorage.getItem(backups()[0]!)).toBe(raw);
    expect(JSON.parse(localStorage.getItem(PROGRESS_KEY)!)).toEqual({
      good: { solvedAt: "2026-01-01T00:00:00.000Z", bestSteps: 4 },
    });
  });

  it("says so when the browser refuses to store", () => {
    const full: Pick<Storage, "getItem" | "setItem" | "removeItem"> = {
      getItem: () => null,
      setItem: () => {
        throw new Error("QuotaExceededError");
      },
      removeItem: () => undefined,
    };
    const progress: ChallengeProgress = withSolved({}, "abba", 3);
    expect(storeProgress(progress, full)).toMatch(/could not be saved: QuotaExceededError/);
    expect(storeProgress(progress, null)).toMatch(/not available/);
  });

  it("reports unreadable storage without throwing", () => {
    const locked: Pick<Storage, "getItem" | "setItem" | "removeItem"> = {
      getItem: () => {
        throw new Error("SecurityError");
      },
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    expect(loadProgress(locked)).toEqual({
      progress: {},
      problem: "Your challenge progress could not be read (browser storage is not available).",
    });
  });
});
