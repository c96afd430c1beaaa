// The explorer: a model checker over the scheduler's choices. Breadth-first
// over states from tick 0, branching at every step on exactly the choices the
// `random` scheduler can make (engine.ts computeChoices), so the first error
// found has the shortest schedule. Errors: a deadlock, a bug check, or the
// per-schedule step limit (a thread that never ends: possible livelock).
// A goal search (ExploreFlag.Goal) looks for the scenario's #goal instead.
// Also: sleep-set partial-order reduction (por.ts), a CHESS-style
// preemption bound, a `--respect-priorities` restriction, and seeded random
// walks for state spaces too big to exhaust. The host calls the search in
// slices (exploreRun) so it can show progress and enforce a time limit.
import {
  C_THREAD,
  DPC_CONTEXT,
  EXPLORER_BASE,
  G_OUTCOME,
  G_STEP,
  MAX_CHOICES,
  OUTCOME_COMPLETED,
  OUTCOME_RUNNING,
  STATE_BASE,
  T_PRIORITY,
} from "../abi";
import { ExploreFlag, ExploreStatus } from "../../shared/explorer-codes";
import { choiceContext, choiceCpu, computeChoices, resetState, stepChoice, stepListedChoice } from "../engine";
import { goalReached } from "../goals";
import { ampleChoice, initAmple } from "./ample";
import { canonAddr, canonBytes, emitCanonical, initCanonical } from "./canonical";
import {
  childHash,
  codecBytes,
  decodeState,
  entriesHash,
  hashFingerprint,
  emitEntries,
  encodedBytes,
  encAddr,
  fingerprint,
  entriesAddr,
  entryCount,
  initCodec,
  parentAddr,
  restoreParent as restoreParentBlocks,
  scanState,
  stateLen,
} from "./codec";
import {
  footprint,
  footprintObject,
  FP_ALL_OBJECTS,
  FP_GLOBAL,
  independent,
  nextTickQuiet,
  reductionApplies,
} from "./por";
import { autoBoostOn, instructionCount, verifier, VERIFIER_OFF } from "../program";
import {
  addState,
  frontRecord,
  isExpanded,
  layoutStore,
  lookup,
  markExpanded,
  parentOf,
  popRecord,
  pushRecord,
  queueCount,
  RECORD_HEADER,
  setSleep,
  sleepOf,
  stateCount,
  storeBytesUsed,
  viaOf,
} from "./store";
import { cGet, setWriteTracking, stateBytes, tGet } from "../state";
import { clearTrace, setRecording } from "../trace";
import { resetHalt } from "../verifier";

let status: i32 = ExploreStatus.Running;
/**
 * Goal search (ExploreFlag.Goal): the first state where the #goal holds ends
 * the search (breadth-first, so its schedule is a shortest one); deadlocks,
 * bug checks and the step limit are dead ends unless they are the goal.
 */
let goalSearch: bool = false;
let reduction: bool = false;
let respectPriorities: bool = false;
/** Sleep sets on top of the canonical form (ExploreFlag.NoSleepSets turns them off, for measurements). */
let sleepSets: bool = true;
/** Persistent sets on top of the canonical form (ExploreFlag.NoPersistentSets turns them off). */
let persistentSets: bool = true;
/** Nothing happens at the next tick start (sleep sets need it; por.ts nextTickQuiet). */
let quiet: bool = false;
let preemptionBound: i32 = -1;
let maxStates: i32 = 0x7fffffff;
let transitions: f64 = 0;
let skipped: f64 = 0;
let depth: i32 = 0;
let errorId: i32 = -1;
/** Per choice of the state being expanded: context, cpu, footprint kind, footprint object. */
let choiceBuf: i32 = 0;
let pathAddr: i32 = 0;
let pathCap: i32 = 0;
let pathLength: i32 = 0;
let regionUsed: i32 = 0;
/** Plain search: sum hash (codec.ts) of the state being expanded, and of the state identified last. */
let parentHash: u64 = 0;
let lastHash: u64 = 0;
let walks: f64 = 0;
let rng: u64 = 0;

/** Common set-up of a search or a walk series: the root state, the codec and the fixed buffers; returns the region's end, or -1 if they do not fit. */
function begin(budgetBytes: i32, flags: i32, bound: i32, maxSteps: i32): i32 {
  // The search reads the write map (codec.ts); it stays on in this instance.
  setWriteTracking(true);
  resetState();
  setRecording(false);
  clearTrace();
  respectPriorities = (flags & ExploreFlag.RespectPriorities) != 0;
  sleepSets = (flags & ExploreFlag.NoSleepSets) == 0;
  persistentSets = (flags & ExploreFlag.NoPersistentSets) == 0;
  preemptionBound = bound;
  // Sleep sets assume any order of independent steps is allowed: not with a preemption bound or priorities.
  goalSearch = (flags & ExploreFlag.Goal) != 0;
  // The reduction keeps one representative of orders of independent steps:
  // enough to find every deadlock and bug check, not a state where an
  // arbitrary goal holds (T1 at L while T2 at L may exist in a skipped order).
  reduction =
    (flags & ExploreFlag.Reduction) != 0 && reductionApplies() && !respectPriorities && bound < 0 && !goalSearch;
  status = ExploreStatus.Running;
  transitions = 0;
  skipped = 0;
  depth = 0;
  errorId = -1;
  pathLength = 0;
  walks = 0;
  const end = <i64>EXPLORER_BASE + <i64>budgetBytes;
  const memoryEnd = (<i64>memory.size()) << 16;
  const limit = end < memoryEnd ? end : memoryEnd;
  // The fixed buffers must fit before anything is written (codec, canonical form, summaries, choices, path).
  const len = (<i64>stateBytes + 15) & ~15;
  const fixed =
    <i64>codecBytes(stateBytes) +
    len * 4 +
    <i64>instructionCount * 12 +
    MAX_CHOICES * 16 +
    (<i64>maxSteps + 1) * 4 +
    4096;
  if (<i64>EXPLORER_BASE + fixed > limit) return -1;
  let at = initCodec(EXPLORER_BASE, stateBytes);
  at = initCanonical(at, stateLen, (stateLen >> 2) * 10 + 16);
  at = initAmple((at + 7) & ~7);
  choiceBuf = at;
  at += MAX_CHOICES * 16;
  pathCap = maxSteps + 1;
  pathAddr = at;
  at += pathCap * 4;
  regionUsed = at - EXPLORER_BASE;
  return <i32>limit;
}

/**
 * Starts a breadth-first search from tick 0 of the loaded program within
 * budgetBytes of linear memory above EXPLORER_BASE. Returns 0, or -1 if the
 * budget is too small.
 */
export function exploreBegin(budgetBytes: i32, flags: i32, bound: i32, maxStatesLimit: i32, maxSteps: i32): i32 {
  const end = begin(budgetBytes, flags, bound, maxSteps);
  if (end < 0) return -1;
  maxStates = maxStatesLimit;
  if (!layoutStore((EXPLORER_BASE + regionUsed + 7) & ~7, end, reduction)) return -1;
  scanState();
  lastHash = entriesHash();
  const fp = reduction ? identify(0) : hashFingerprint(lastHash, 0);
  lookup(fp);
  const id = addState(fp, -1, 0, 0);
  emitEntries(encAddr);
  const outcome = load<i32>(STATE_BASE + (G_OUTCOME << 2));
  if (goalSearch && goalReached()) {
    status = ExploreStatus.GoalReached;
    errorId = id;
    return 0;
  }
  if (outcome != OUTCOME_RUNNING) {
    status = outcome == OUTCOME_COMPLETED || goalSearch ? ExploreStatus.Exhausted : ExploreStatus.Error;
    if (status == ExploreStatus.Error) errorId = id;
    return 0;
  }
  enqueue(id, 0);
  return 0;
}

/** Queues the state last encoded (encodedBytes at encAddr) for expansion. */
function enqueue(id: i32, preemptions: i32): bool {
  const len = encodedBytes;
  const rec = pushRecord((len + 3) & ~3);
  if (rec == 0) return false;
  store<i32>(rec, id);
  store<i32>(rec + 4, preemptions);
  store<i32>(rec + 8, len);
  store<u64>(rec + 16, lastHash);
  memory.copy(rec + RECORD_HEADER, encAddr, len);
  return true;
}

function restoreParent(): void {
  restoreParentBlocks();
  resetHalt();
}

/** Fills choiceBuf for the state in the state region; returns the number of choices. */
function readChoices(): i32 {
  const n = computeChoices();
  quiet = reduction && nextTickQuiet();
  for (let i = 0; i < n; i++) {
    const at = choiceBuf + (i << 4);
    const context = choiceContext(i);
    store<i32>(at, context);
    store<i32>(at + 4, choiceCpu(i));
    if (reduction && context < DPC_CONTEXT) {
      store<i32>(at + 8, footprint(context));
      store<i32>(at + 12, footprintObject);
    } else {
      store<i32>(at + 8, FP_GLOBAL);
      store<i32>(at + 12, -1);
    }
  }
  return n;
}

/** Whether choice i may run under --respect-priorities: no other thread choice on its CPU has a higher priority. */
function priorityAllows(i: i32, n: i32): bool {
  const context = load<i32>(choiceBuf + (i << 4));
  if (context >= DPC_CONTEXT) return true;
  const cpu = load<i32>(choiceBuf + (i << 4) + 4);
  const p = tGet(context, T_PRIORITY);
  for (let j = 0; j < n; j++) {
    const other = load<i32>(choiceBuf + (j << 4));
    if (other < DPC_CONTEXT && load<i32>(choiceBuf + (j << 4) + 4) == cpu && tGet(other, T_PRIORITY) > p) return false;
  }
  return true;
}

/** A preemption (CHESS): another thread takes a CPU whose running thread could have gone on. */
function isPreemption(i: i32): bool {
  const context = load<i32>(choiceBuf + (i << 4));
  if (context >= DPC_CONTEXT) return false;
  const running = cGet(load<i32>(choiceBuf + (i << 4) + 4), C_THREAD);
  return running >= 0 && running != context;
}

/**
 * Whether the step of choice i may end the run with an error by itself: a
 * thread's last step (exit checks), or any step when Driver Verifier or
 * AutoBoost checks run (they bug check inside a statement).
 */
function mayEndRun(i: i32): bool {
  const kind = load<i32>(choiceBuf + (i << 4) + 8);
  if (kind == FP_ALL_OBJECTS || kind == FP_GLOBAL) return true;
  return verifier != VERIFIER_OFF || autoBoostOn;
}

/** Sleep set of the successor by choice i: the sleeping or earlier-explored choices independent of it. */
function childSleep(asleep: u64, i: i32, n: i32): u64 {
  if (asleep == 0 || !quiet) return 0;
  const at = choiceBuf + (i << 4);
  const kind = load<i32>(at + 8);
  const object = load<i32>(at + 12);
  let out: u64 = 0;
  for (let j = 0; j < n; j++) {
    if (j == i) continue;
    const other = choiceBuf + (j << 4);
    const context = load<i32>(other);
    if (context >= 64 || ((asleep >> (<u64>context)) & 1) == 0) continue;
    if (independent(kind, object, load<i32>(other + 8), load<i32>(other + 12))) out |= (<u64>1) << (<u64>context);
  }
  return out;
}

/** Expands up to maxTransitions transitions; returns an ExploreStatus. */
export function exploreRun(maxTransitions: i32): i32 {
  if (status != ExploreStatus.Running) return status;
  let budget = maxTransitions;
  while (budget > 0) {
    if (queueCount == 0) {
      status = ExploreStatus.Exhausted;
      return status;
    }
    const rec = frontRecord();
    const id = load<i32>(rec);
    const preemptions = load<i32>(rec + 4);
    decodeState(rec + RECORD_HEADER, load<i32>(rec + 8));
    parentHash = load<u64>(rec + 16);
    popRecord();
    resetHalt();
    clearTrace();
    markExpanded(id);
    depth = load<i32>(STATE_BASE + (G_STEP << 2));
    const n = readChoices();
    const asleep = reduction ? sleepOf(id) : 0;
    // A persistent set of one choice: the others are postponed, not lost.
    const only = reduction && persistentSets ? ampleChoice(choiceBuf, n) : -1;
    let explored: u64 = 0;
    let dirty = false;
    for (let i = 0; i < n; i++) {
      if (only >= 0 && i != only) {
        // Postponed, but a step that would end the run at once is looked at
        // now, so that error is still found at its shortest depth.
        if (mayEndRun(i)) {
          if (dirty) restoreParent();
          dirty = true;
          stepListedChoice(i);
          transitions += 1;
          budget--;
          const outcome = load<i32>(STATE_BASE + (G_OUTCOME << 2));
          if (outcome != OUTCOME_RUNNING && outcome != OUTCOME_COMPLETED && !visit(id, i, preemptions, 0))
            return status;
        } else {
          skipped += 1;
        }
        continue;
      }
      const context = load<i32>(choiceBuf + (i << 4));
      if (reduction && context < 64 && ((asleep >> (<u64>context)) & 1) != 0) {
        skipped += 1;
        continue;
      }
      if (respectPriorities && !priorityAllows(i, n)) continue;
      let used = preemptions;
      if (preemptionBound >= 0 && isPreemption(i)) {
        used++;
        if (used > preemptionBound) continue;
      }
      const sleep = reduction && sleepSets ? childSleep(asleep | explored, i, n) : 0;
      if (reduction && context < 64) explored |= (<u64>1) << (<u64>context);
      if (dirty) restoreParent();
      dirty = true;
      stepListedChoice(i);
      transitions += 1;
      budget--;
      if (!visit(id, i, used, sleep)) return status;
    }
  }
  return status;
}

/**
 * Fingerprint of the live state: of its sum hash, updated from the parent's
 * by the words the step changed (plain search), or of the canonical form of
 * its changed words (reduced search). The varint encoding for the frontier is
 * emitted only for states that are queued.
 */
function identify(extra: u64): u64 {
  if (reduction) {
    scanState();
    emitCanonical();
    return fingerprint(canonAddr, canonBytes, extra);
  }
  lastHash = childHash(parentHash);
  return hashFingerprint(lastHash, extra);
}

/** Records the state reached from `parent` by choice `via`; false when the search must stop (error or limit). */
function visit(parent: i32, via: i32, preemptions: i32, sleep: u64): bool {
  const outcome = load<i32>(STATE_BASE + (G_OUTCOME << 2));
  const fp = identify(preemptionBound >= 0 ? <u64>preemptions + 1 : 0);
  const seen = lookup(fp);
  // The frontier keeps the real state (the reduced search hashed the canonical
  // one); the plain search scans and encodes only the states it queues.
  if (reduction) {
    if (seen < 0 || isExpanded(seen)) emitEntries(encAddr);
  } else if (seen < 0 && outcome == OUTCOME_RUNNING) {
    scanState();
    emitEntries(encAddr);
  }
  if (seen >= 0) {
    if (reduction) {
      // Reached again with a smaller sleep set: the choices no longer asleep must be explored.
      const old = sleepOf(seen);
      const merged = old & sleep;
      if (merged != old) {
        setSleep(seen, merged);
        if (isExpanded(seen) && outcome == OUTCOME_RUNNING && !enqueue(seen, preemptions)) {
          status = ExploreStatus.MemoryLimit;
          return false;
        }
      }
    }
    return true;
  }
  if (stateCount >= maxStates) {
    status = ExploreStatus.StateLimit;
    return false;
  }
  const id = addState(fp, parent, via, sleep);
  if (id < 0) {
    status = ExploreStatus.MemoryLimit;
    return false;
  }
  if (goalSearch && goalReached()) {
    errorId = id;
    status = ExploreStatus.GoalReached;
    return false;
  }
  if (outcome == OUTCOME_RUNNING) {
    if (!enqueue(id, preemptions)) {
      status = ExploreStatus.MemoryLimit;
      return false;
    }
    return true;
  }
  // A run that ended without the goal is a dead end of a goal search.
  if (outcome == OUTCOME_COMPLETED || goalSearch) return true;
  errorId = id;
  status = ExploreStatus.Error;
  return false;
}

/** Writes the choice indices from tick 0 to the error state into the path buffer; returns their number. */
export function explorePath(): i32 {
  if (errorId < 0) return pathLength;
  let n = 0;
  for (let s = errorId; parentOf(s) >= 0; s = parentOf(s)) n++;
  if (n > pathCap) n = pathCap;
  let k = n;
  for (let s = errorId; parentOf(s) >= 0 && k > 0; s = parentOf(s)) store<i32>(pathAddr + (--k << 2), viaOf(s));
  pathLength = n;
  return n;
}

/** Choice index of step i of the path (the choice list of the state before that step). */
export function explorePathChoice(i: i32): i32 {
  return i >= 0 && i < pathLength ? load<i32>(pathAddr + (i << 2)) : -1;
}

export function exploreStates(): f64 {
  return <f64>stateCount;
}
export function exploreTransitions(): f64 {
  return transitions;
}
/** Transitions not taken because they were in the state's sleep set. */
export function exploreSkipped(): f64 {
  return skipped;
}
export function exploreFrontier(): i32 {
  return queueCount;
}
/** Steps from tick 0 of the state expanded last (the BFS level). */
export function exploreDepth(): i32 {
  return depth;
}
/** 1 when sleep sets are in use for this search. */
export function exploreReduction(): i32 {
  return reduction ? 1 : 0;
}
/** Bytes of the explorer region in use (buffers, visited table, per-state records, frontier peak). */
export function exploreMemoryUsed(): f64 {
  return <f64>regionUsed + <f64>storeBytesUsed();
}

// ---- Random walks ------------------------------------------------------------------

/** Starts a series of seeded random walks from tick 0 (same choices and filters as the search). */
export function walkBegin(budgetBytes: i32, flags: i32, bound: i32, seed: i32, maxSteps: i32): i32 {
  if (begin(budgetBytes, flags & (ExploreFlag.RespectPriorities | ExploreFlag.Goal), bound, maxSteps) < 0) return -1;
  reduction = false;
  memory.copy(parentAddr, STATE_BASE, stateLen);
  rng = ((<u64>(<u32>seed)) << 1) | 1;
  rng ^= 0x9e3779b97f4a7c15;
  if (goalSearch && goalReached()) {
    status = ExploreStatus.GoalReached;
    return 0;
  }
  if (load<i32>(STATE_BASE + (G_OUTCOME << 2)) != OUTCOME_RUNNING) {
    const completed = load<i32>(STATE_BASE + (G_OUTCOME << 2)) == OUTCOME_COMPLETED;
    status = completed || goalSearch ? ExploreStatus.Exhausted : ExploreStatus.Error;
  }
  return 0;
}

function nextRandom(n: i32): i32 {
  // xorshift64*
  rng ^= rng >> 12;
  rng ^= rng << 25;
  rng ^= rng >> 27;
  return <i32>(((rng * 0x2545f4914f6cdd1d) >> 33) % <u64>n);
}

/**
 * Runs up to maxWalks more walks, each to the end of its schedule;
 * ExploreStatus.Error stops at the first error (a goal search: GoalReached at
 * the first state where the goal holds).
 */
export function walkRun(maxWalks: i32): i32 {
  if (status != ExploreStatus.Running) return status;
  for (let w = 0; w < maxWalks; w++) {
    // parentAddr holds the state at tick 0 during walks (initAddr is the codec's reference).
    memory.copy(STATE_BASE, parentAddr, stateLen);
    resetHalt();
    clearTrace();
    let steps = 0;
    let preemptions = 0;
    while (load<i32>(STATE_BASE + (G_OUTCOME << 2)) == OUTCOME_RUNNING) {
      const n = readChoices();
      // Allowed choices are compacted to the front of the export area's copy in choiceBuf.
      let allowed = 0;
      for (let i = 0; i < n; i++) {
        if (respectPriorities && !priorityAllows(i, n)) continue;
        if (preemptionBound >= 0 && preemptions >= preemptionBound && isPreemption(i)) continue;
        store<i32>(choiceBuf + (allowed << 4) + 8, i);
        allowed++;
      }
      if (allowed == 0) break;
      const pick = load<i32>(choiceBuf + (nextRandom(allowed) << 4) + 8);
      if (preemptionBound >= 0 && isPreemptionOf(pick)) preemptions++;
      if (steps < pathCap) store<i32>(pathAddr + (steps << 2), pick);
      steps++;
      stepChoice(pick);
      transitions += 1;
      if (goalSearch && goalReached()) {
        walks += 1;
        pathLength = steps < pathCap ? steps : pathCap;
        status = ExploreStatus.GoalReached;
        return status;
      }
    }
    walks += 1;
    const outcome = load<i32>(STATE_BASE + (G_OUTCOME << 2));
    if (!goalSearch && outcome != OUTCOME_COMPLETED && outcome != OUTCOME_RUNNING) {
      pathLength = steps < pathCap ? steps : pathCap;
      status = ExploreStatus.Error;
      return status;
    }
  }
  return status;
}

/** isPreemption for choice index i of the export area (choiceBuf's thread slots were reused). */
function isPreemptionOf(i: i32): bool {
  const context = choiceContext(i);
  if (context >= DPC_CONTEXT) return false;
  const running = cGet(choiceCpu(i), C_THREAD);
  return running >= 0 && running != context;
}

/** Walks finished so far. */
export function exploreWalks(): f64 {
  return walks;
}
