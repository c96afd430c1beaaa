// Exit codes of `ksync` (cli-and-report.md, "Exit codes").
export const EXIT_OK = 0;
export const EXIT_DEADLOCK_OR_ERROR = 1;
export const EXIT_BUGCHECK = 2;
export const EXIT_LIMIT = 3;
export const EXIT_USAGE = 64;
export const EXIT_SCENARIO_ERRORS = 65;
