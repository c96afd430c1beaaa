/** One shared empty array, so selectors return a stable reference when there is no snapshot yet. */
export const EMPTY: readonly never[] = Object.freeze([]);
