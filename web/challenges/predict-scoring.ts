// "Predict then reveal": what a student may predict before a step (who runs
// it; a guarded or fast mutex's Count word after it), how a prediction is
// checked against what the engine did, and the running score. Pure functions;
// predict-store.ts ties them to a simulator store.
import type { CountWord, Snapshot } from "../../core-wasm/engine/types";

/**
 * A predicted Count word, as its three fields (docs/kernel-semantics.md §3.2, the Count word):
 * bit 0 GM_LOCK_BIT (1 = free), bit 1 GM_LOCK_WAITER_WOKEN, and the number of
 * waiters from bit 2 up (each waiter adds GM_LOCK_WAITER_INC = 4).
 */
export interface CountGuess {
  readonly free: boolean;
  readonly woken: boolean;
  readonly waiters: number;
}

/** The Count value a guess stands for (0x5 = free, one waiter). */
export function countRaw(guess: CountGuess): number {
  return guess.waiters * 4 + (guess.woken ? 2 : 0) + (guess.free ? 1 : 0);
}

/** "0x5: free, 1 waiter" — the value and its fields in plain words. */
export function describeCount(count: CountGuess): string {
  const waiters = `${count.waiters} waiter${count.waiters === 1 ? "" : "s"}`;
  return `0x${countRaw(count).toString(16).toUpperCase()}: ${count.free ? "free" : "held"}, ${waiters}${count.woken ? ", a waiter woken" : ""}`;
}

export interface Prediction {
  /** The step the prediction was made at: it is about step atStep + 1. */
  readonly atStep: number;
  /** Who runs the next step (a thread or DPC name); null = not predicted. */
  readonly thread: string | null;
  /** The mutex whose Count is predicted, with the guess; null = not predicted. */
  readonly count: { readonly mutex: string; readonly guess: CountGuess } | null;
  /** The student had already seen this step (stepped back to it): revealed but not scored. */
  readonly practice: boolean;
}

export interface Reveal {
  /** The step that was revealed. */
  readonly step: number;
  readonly prediction: Prediction;
  /** Who ran the step (thread or DPC name, without the @cpu). */
  readonly ran: string;
  /** The predicted mutex's Count after the step; null when no Count was predicted or the mutex has none. */
  readonly actualCount: CountWord | null;
  /** null when that part was not predicted. */
  readonly threadRight: boolean | null;
  readonly countRight: boolean | null;
}

export interface Score {
  /** Answers given (a prediction of both the thread and the Count counts two). */
  readonly asked: number;
  readonly right: number;
  /** Scored steps in a row with every answer right. */
  readonly streak: number;
  readonly bestStreak: number;
}

export const EMPTY_SCORE: Score = { asked: 0, right: 0, streak: 0, bestStreak: 0 };

/**
 * Who may run the next step, to predict from: every thread that has not
 * ended (a waiting one may be woken by a timer, a not-yet-started one may
 * start) and every DPC queued or running. Threads that cannot run are offered
 * on purpose: telling them apart is what the question teaches.
 */
export function predictCandidates(snapshot: Snapshot | null): readonly string[] {
  if (!snapshot) return [];
  const names = snapshot.threads.filter((t) => t.state !== "Terminated").map((t) => t.name);
  for (const cpu of snapshot.cpus) {
    for (const dpc of [cpu.dpc, ...cpu.queuedDpcs]) if (dpc && !names.includes(dpc)) names.push(dpc);
  }
  return names;
}

/** The guarded and fast mutexes of the scenario, whose Count word can be predicted. */
export function countedMutexes(snapshot: Snapshot | null): readonly string[] {
  return snapshot ? snapshot.objects.filter((o) => o.count !== null).map((o) => o.name) : [];
}

/** A `--schedule` label ("T1", "D@1") as the name of what ran. */
export function contextOf(label: string): string {
  const at = label.indexOf("@");
  return at < 0 ? label : label.slice(0, at);
}

/** Checks a prediction against the step the engine took: `ranLabel` from the schedule, `after` the state after it. */
export function revealPrediction(prediction: Prediction, ranLabel: string, after: Snapshot): Reveal {
  const ran = contextOf(ranLabel);
  const actualCount = prediction.count
    ? (after.objects.find((o) => o.name === prediction.count!.mutex)?.count ?? null)
    : null;
  return {
    step: after.step,
    prediction,
    ran,
    actualCount,
    threadRight: prediction.thread === null ? null : prediction.thread === ran,
    countRight:
      prediction.count === null ? null : actualCount !== null && actualCount.raw === countRaw(prediction.count.guess),
  };
}

/** The score after a reveal; a practice reveal (a step seen before) leaves it alone. */
export function addToScore(score: Score, reveal: Reveal): Score {
  if (reveal.prediction.practice) return score;
  const answers = [reveal.threadRight, reveal.countRight].filter((a): a is boolean => a !== null);
  if (answers.length === 0) return score;
  const right = answers.filter(Boolean).length;
  const streak = right === answers.length ? score.streak + 1 : 0;
  return {
    asked: score.asked + answers.length,
    right: score.right + right,
    streak,
    bestStreak: Math.max(score.bestStreak, streak),
  };
}
