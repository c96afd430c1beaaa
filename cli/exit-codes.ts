// Exit codes of `ksync` (docs/cli.md, "Exit codes").
export const EXIT_OK = 0;
export const EXIT_DEADLOCK_OR_ERROR = 1;
export const EXIT_BUGCHECK = 2;
export const EXIT_LIMIT = 3;
export const EXIT_USAGE = 64;
export const EXIT_SCENARIO_ERRORS = 65;
/** Not in the spec: a bug in ksync or the engine (sysexits EX_SOFTWARE), so it is never mistaken for an outcome. */
export const EXIT_INTERNAL_ERROR = 70;
