// The host's view of the engine boundary: the memory map, the state codes and
// the trace codes. Nothing is mirrored here: both the engine (AssemblyScript)
// and the hosts compile the same files in core-wasm/shared, and abi.test.ts
// checks that the built .wasm exports the values this source defines.
export * from "../shared/memory-map";
export * from "../shared/engine-codes";
export * from "../shared/trace-codes";

import { OutcomeCode, StopCode } from "../shared/engine-codes";

// Older spellings still used by tests and benchmarks; derived, so they cannot drift.
export const OUTCOME_RUNNING = OutcomeCode.Running;
export const OUTCOME_COMPLETED = OutcomeCode.Completed;
export const OUTCOME_DEADLOCK = OutcomeCode.Deadlock;
export const OUTCOME_BUGCHECK = OutcomeCode.Bugcheck;
export const OUTCOME_STEP_LIMIT = OutcomeCode.StepLimit;
export const STOP_BUDGET = StopCode.Budget;
export const STOP_TRACE_FULL = StopCode.TraceFull;
