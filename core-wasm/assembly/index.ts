// Kernel Sync Lab engine: the single export list of the WebAssembly module.
// Everything the hosts (browser app, widget, `ksync` CLI, explorer) may call
// is exported here and nowhere else; core-wasm/engine/exports.ts mirrors it.
// Bulk data crosses through the fixed regions of abi.ts, never as objects.
import { G_OUTCOME, G_STEP, G_TICK, STATE_BASE } from "./abi";
import { goalMask as goalTermsMet } from "./goals";
import { analyzeDeadlock as analyze } from "./hang";
import {
  choiceContext as contextOf,
  choiceCpu as cpuOf,
  computeChoices,
  lastStepContext as lastContext,
  lastStepCpu as lastCpu,
  loadProgram,
  resetState,
  runSteps,
  setStepLimit as limit,
  stepChoice,
} from "./engine";
import { overrideScheduler } from "./program";
import {
  apcsBase,
  cpusBase,
  dpcsBase,
  gGet,
  objectsBase,
  setWriteTracking as setStateWriteTracking,
  stateBytes,
  threadsBase,
} from "./state";
import { clearTrace as clear, setRecording as record, stepLogCount as steps, traceCount as events } from "./trace";
import { resetHalt } from "./verifier";
import { hashState } from "./state-hash";

/** Version of the host/engine boundary (memory map, program format, events). Hosts refuse a mismatch. */
export const ABI_VERSION: i32 = 7;

/** Returns ABI_VERSION; the loader calls it once after instantiation to check the build matches. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}

/** Reads the program the host wrote at PROGRAM_BASE and starts at tick 0. Once per program; returns the state size in bytes or a negative error. */
export function load(): i32 {
  return loadProgram();
}

/** Back to tick 0 with the same program (the host also clears its event log). */
export function reset(): void {
  resetState();
}

/** Scenario step limit (--max-steps): reaching it ends the run with outcome step-limit. */
export function setStepLimit(n: i32): void {
  limit(n);
}

/** Switches trace recording on (1) or off (0); off for benchmarks and for replaying steps whose events the host holds. */
export function setRecording(on: i32): void {
  record(on != 0);
}

/** Overrides the scheduler kind (0 priority, 1 random, 2 manual); call before load() is not needed, takes effect at the next step. */
export function setScheduler(kind: i32): void {
  overrideScheduler(kind);
}

/** Runs up to maxSteps steps without returning; returns the stop reason (0 budget, 1 completed, 2 deadlock, 3 bugcheck, 4 step-limit, 5 choice-needed, 6 trace nearly full, 7 a step made the #goal hold). */
export function run(maxSteps: i32): i32 {
  return runSteps(maxSteps);
}

/** Number of choices for the next step under the random rules; fills the export area (call before choiceContext/choiceCpu/stepWithChoice). */
export function choiceCount(): i32 {
  return computeChoices();
}

/** Context of choice i: a thread index, or 64 + DPC index. */
export function choiceContext(i: i32): i32 {
  return contextOf(i);
}

/** CPU of choice i. */
export function choiceCpu(i: i32): i32 {
  return cpuOf(i);
}

/** Runs choice i as the next step (one tick); returns a stop reason, or -1 for an impossible choice. */
export function stepWithChoice(i: i32): i32 {
  return stepChoice(i);
}

/** Context and CPU of the last step executed (the host records the schedule from these). */
export function lastStepContext(): i32 {
  return lastContext();
}
export function lastStepCpu(): i32 {
  return lastCpu();
}

/** Start and size in bytes of the state region: a snapshot is a copy of these bytes. */
export function stateBase(): i32 {
  return STATE_BASE;
}
export function stateSize(): i32 {
  return stateBytes;
}

/** Call after the host copied a snapshot back into the state region. */
export function stateRestored(): void {
  resetHalt();
  clear();
}

/** 1: every state write marks its block in the write map (abi.ts WRITE_MAP_BASE); 0 (default): no marks. The explorer turns it on itself. */
export function setWriteTracking(on: i32): void {
  setStateWriteTracking(on != 0);
}

/** Record bases inside the state region for this program's counts. */
export function cpusAddress(): i32 {
  return cpusBase;
}
export function threadsAddress(): i32 {
  return threadsBase;
}
export function objectsAddress(): i32 {
  return objectsBase;
}
export function apcsAddress(): i32 {
  return apcsBase;
}
export function dpcsAddress(): i32 {
  return dpcsBase;
}

/** Trace events recorded since the last clearTrace(); the host reads them at TRACE_BASE. */
export function traceCount(): i32 {
  return events;
}
export function clearTrace(): void {
  clear();
}

/** Steps recorded in the step log at STEP_LOG_BASE since the last clearTrace(). */
export function stepLogCount(): i32 {
  return steps;
}

/** Writes the wait-for cycle at the export area's X_DEADLOCK; returns its length. */
export function analyzeDeadlock(): i32 {
  return analyze();
}

/** Steps executed, current tick and outcome (0 running, 1 completed, 2 deadlock, 3 bugcheck, 4 step-limit). */
export function stepCount(): i32 {
  return gGet(G_STEP);
}
export function currentTick(): i32 {
  return gGet(G_TICK);
}
export function outcome(): i32 {
  return gGet(G_OUTCOME);
}

/** The scenario's #goal in the state now: bit i set when goal term i holds (0 without a goal). */
export function goalMask(): i32 {
  return goalTermsMet();
}

// ---- The boundary's constants (core-wasm/shared) as exported globals ----------------
// Hosts compile the same files; engine/abi.test.ts compares every global, by
// name, with the host's value, so a stale .wasm cannot pass for a current one.
export * from "../shared/memory-map";
export * from "../shared/engine-codes";
export * from "../shared/trace-codes";
export * from "../shared/explorer-codes";
export * from "../shared/program-format";
export * from "../shared/limits";

// ---- Explorer (explorer.ts): model checking over the scheduler's choices ----------
export {
  exploreBegin,
  exploreRun,
  explorePath,
  explorePathChoice,
  exploreStates,
  exploreTransitions,
  exploreSkipped,
  exploreFrontier,
  exploreDepth,
  exploreReduction,
  exploreMemoryUsed,
  walkBegin,
  walkRun,
  exploreWalks,
} from "./explorer/search";

/**
 * Two independent 32-bit hashes of the state region without G_STEP (the
 * step counter is the only word that differs between equal states reached by
 * different paths); the explorer combines them into one 64-bit state key.
 */
export function stateHashA(): i32 {
  return hashState(0x811c9dc5, 0x01000193);
}
export function stateHashB(): i32 {
  return hashState(0x9747b28c, 0x5bd1e995);
}
