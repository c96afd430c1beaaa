// Public entry of the engine facade: the CLI and the UI import only from here.
export { createEngineInstance, loadEngineModule, DEFAULT_MEMORY_PAGES } from "./loader";
export type { EngineInstance } from "./loader";
export { ENGINE_ABI_VERSION } from "./facade";
export { irqlName } from "./names";
/** Codes of TraceEvent.code and .resultCode, for classifying events without parsing their names. */
export { EngineEvent, Result } from "../shared/trace-codes";
export { Op } from "../lang/program";
export { createSimulator, DEFAULT_MAX_STEPS, SNAPSHOT_INTERVAL } from "./simulator";
export type * from "./types";
export { exploreProgram, EXPLORE_DEFAULTS, MAX_MEMORY_MIB, MIN_MEMORY_MIB } from "./explorer";
export type {
  Counterexample,
  ExploreLimit,
  ExploreOptions,
  ExploreOutcome,
  ExploreProgress,
  ExploreReport,
  ReductionFigures,
} from "./explorer";
