// Limits both sides of the boundary share, in syntax asc and tsc both accept
// (see memory-map.ts). A file of its own so that hosts which only need a
// number (share links, embed options) do not pull in the engine's tables.

/**
 * The scenario step limit when none is given (docs/cli.md: run --max-steps, default 100000): the one
 * definition the engine, the CLI, the app, share links and embeds use; a run reaching it ends with
 * outcome step-limit.
 */
export const DEFAULT_MAX_STEPS = 100000;
