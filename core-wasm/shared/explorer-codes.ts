// Codes of the explorer's exports (assembly/explorer/search.ts): the status
// exploreRun()/walkRun() return and the flags exploreBegin()/walkBegin() take.
// One definition compiled by both the engine and the host (engine/explorer.ts);
// see memory-map.ts for the portable-syntax rule.

/** Returned by exploreRun() and walkRun(). */
export enum ExploreStatus {
  Running = 0, // budget of this call used up; call again
  Exhausted = 1, // every reachable state was expanded: no error exists
  Error = 2, // an error state was found; explorePath() gives its schedule
  MemoryLimit = 3, // the memory budget is full
  StateLimit = 4, // maxStates states were stored
  GoalReached = 5, // goal search: a state where the #goal holds; explorePath() gives its schedule
}

/** Bits of exploreBegin()'s and walkBegin()'s flags argument. */
export enum ExploreFlag {
  Reduction = 1, // partial-order reduction where it applies (one CPU, no APCs or DPCs)
  RespectPriorities = 2, // only choices the priority scheduler could make
  NoSleepSets = 4, // reduction without sleep sets (measurements)
  NoPersistentSets = 8, // reduction without persistent sets (measurements)
  Goal = 16, // search for the scenario's #goal instead of errors; errors end their branch; no reduction
}
