// "Did you mean …?" hints: the nearest candidate by edit distance.

/** Longest name compared; longer words get no suggestion (keeps the cost bounded). */
const MAX_COMPARED_LENGTH = 64;

/**
 * Edit distance with adjacent transpositions (optimal string alignment:
 * "Lokc" is one edit from "Lock"), case-insensitive; stops early once every
 * alignment exceeds `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  if (Math.abs(x.length - y.length) > limit) return limit + 1;
  let before = new Array<number>(y.length + 1).fill(0);
  let previous = new Array<number>(y.length + 1);
  let current = new Array<number>(y.length + 1);
  for (let j = 0; j <= y.length; j++) previous[j] = j;
  for (let i = 1; i <= x.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= y.length; j++) {
      const cost = x.charCodeAt(i - 1) === y.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (
        i > 1 &&
        j > 1 &&
        x.charCodeAt(i - 1) === y.charCodeAt(j - 2) &&
        x.charCodeAt(i - 2) === y.charCodeAt(j - 1)
      ) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[y.length] ?? limit + 1;
}

/** The candidate nearest to `word`, if it is close enough to be a plausible typo. */
export function nearest(word: string, candidates: Iterable<string>): string | null {
  if (word.length === 0 || word.length > MAX_COMPARED_LENGTH) return null;
  const list = [...candidates]; // may be a one-shot iterator; it is walked twice
  // About one edit per three characters, at most 4; names of one or two
  // characters only match when they differ in case (Z is no typo of A).
  const limit = word.length < 3 ? 0 : Math.max(1, Math.min(4, Math.floor(word.length / 3)));
  let best: string | null = null;
  let bestDistance = limit + 1;
  for (const candidate of list) {
    if (candidate.length > MAX_COMPARED_LENGTH) continue;
    const d = editDistance(word, candidate, Math.min(limit, bestDistance));
    if (d < bestDistance || (d === bestDistance && best === null)) {
      best = candidate;
      bestDistance = d;
    }
  }
  if (bestDistance <= limit) return best;
  // A truncated name (DISPATCH, Notification) is a typo of the full one.
  if (word.length < 3) return null;
  const lower = word.toLowerCase();
  for (const candidate of list) {
    if (candidate.length <= MAX_COMPARED_LENGTH && candidate.toLowerCase().startsWith(lower)) return candidate;
  }
  return null;
}

/** `did you mean X?`, or null when nothing is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const found = nearest(word, candidates);
  return found === null ? null : `did you mean ${found}?`;
}
