// Typed view of core-wasm/assembly/index.ts: every function the engine exports,
// in the same order. (The engine also exports the shared constants as globals;
// abi.test.ts reads those, the hosts import core-wasm/shared instead.)
import type { OutcomeCode, StopCode } from "../shared/engine-codes";
import type { ExploreStatus } from "../shared/explorer-codes";

export interface EngineExports {
  /** Version of the host/engine boundary; see ABI_VERSION in assembly/index.ts. */
  abiVersion(): number;
  /** Reads the program written at PROGRAM_BASE and starts at tick 0; state size in bytes or a negative error. */
  load(): number;
  /** Back to tick 0 with the same program. */
  reset(): void;
  /** Scenario step limit (--max-steps). */
  setStepLimit(n: number): void;
  /** Trace recording on (1) or off (0). */
  setRecording(on: number): void;
  /** Scheduler override: 0 priority, 1 random, 2 manual. */
  setScheduler(kind: number): void;
  /** Runs up to maxSteps steps; returns why it stopped (StopCode.Goal: a step made the #goal hold). */
  run(maxSteps: number): StopCode;
  /** Number of choices for the next step (fills the export area). */
  choiceCount(): number;
  /** Thread index, or 64 + DPC index, of choice i. */
  choiceContext(i: number): number;
  /** CPU of choice i. */
  choiceCpu(i: number): number;
  /** Runs choice i as the next step; why it stopped, or -1 for an impossible choice. */
  stepWithChoice(i: number): StopCode | -1;
  /** Context and CPU of the last step executed. */
  lastStepContext(): number;
  lastStepCpu(): number;
  /** The state region: a snapshot is a copy of these bytes. */
  stateBase(): number;
  stateSize(): number;
  /** Call after writing a snapshot back into the state region. */
  stateRestored(): void;
  /** 1: state writes mark the write map (WRITE_MAP_BASE; the explorer turns this on itself); 0: they do not (default). */
  setWriteTracking(on: number): void;
  /** Record bases inside the state region. */
  cpusAddress(): number;
  threadsAddress(): number;
  objectsAddress(): number;
  apcsAddress(): number;
  dpcsAddress(): number;
  /** Trace events waiting at TRACE_BASE; clearTrace() empties the buffer. */
  traceCount(): number;
  clearTrace(): void;
  /** Steps logged at STEP_LOG_BASE since the last clearTrace(). */
  stepLogCount(): number;
  /** Writes the wait-for cycle at X_DEADLOCK; returns its length. */
  analyzeDeadlock(): number;
  stepCount(): number;
  currentTick(): number;
  outcome(): OutcomeCode;
  /** The scenario's #goal in the state now: bit i set when goal term i holds (0 without a goal). */
  goalMask(): number;
  /** Two 32-bit hashes of the state region without G_STEP (a state key for explorers). */
  stateHashA(): number;
  stateHashB(): number;

  // ---- Explorer (assembly/explorer/search.ts) ----
  /** Starts a BFS over the scheduler's choices within budgetBytes above the explorer base; 0 or -1 (budget too small). */
  exploreBegin(
    budgetBytes: number,
    flags: number,
    preemptionBound: number,
    maxStates: number,
    maxSteps: number,
  ): number;
  /** Expands up to maxTransitions transitions. */
  exploreRun(maxTransitions: number): ExploreStatus;
  /** Writes the error's path (choice indices from tick 0); returns its length. */
  explorePath(): number;
  explorePathChoice(i: number): number;
  exploreStates(): number;
  exploreTransitions(): number;
  exploreSkipped(): number;
  exploreFrontier(): number;
  exploreDepth(): number;
  exploreReduction(): number;
  exploreMemoryUsed(): number;
  /** Starts seeded random walks from tick 0; then walkRun(n) runs up to n walks (same status codes). */
  walkBegin(budgetBytes: number, flags: number, preemptionBound: number, seed: number, maxSteps: number): number;
  walkRun(maxWalks: number): ExploreStatus;
  exploreWalks(): number;
}
