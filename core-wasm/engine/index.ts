// Public entry of the engine facade: the CLI and the UI import only from here.
export { createEngineInstance, loadEngineModule, DEFAULT_MEMORY_PAGES } from "./loader";
export type { EngineInstance } from "./loader";
export { ENGINE_ABI_VERSION } from "./facade";
export { irqlName } from "./names";
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
