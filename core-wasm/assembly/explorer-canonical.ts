// The explorer's canonical form of a state (the reduced search's state
// identity). On one CPU, with no APCs and no DPCs, the random scheduler's
// choices are "the running thread or any Ready thread" whoever holds the CPU,
// and under choice stepping no step reads priorities, quanta, ready-queue
// order or ready ticks (scheduler.ts: makeReady, preemptIfBetter and
// exitDispatcher change nothing while a chosen step runs; between steps they
// only decide which runnable thread is "Running"). So two states that differ
// only in that scheduling bookkeeping have the same futures: the same choices,
// bug checks and deadlocks. The canonical copy erases it, together with the
// contention statistic (report-only). A thread at DISPATCH_LEVEL or above keeps
// its CPU (it is then the only choice), so it stays Running.
// Simplification: this equivalence is argued from the engine's code, not
// proved; the property test in core-wasm/engine/explorer-reduction.test.ts
// compares verdicts with the full-state plain search.
import {
  C_THREAD,
  DISPATCH_LEVEL_VALUE,
  G_CPU_TURN,
  G_READY_HEAD,
  G_READY_MASK,
  OBJECT_WORDS,
  O_CONTENTION,
  STATE_BASE,
  THREAD_READY,
  THREAD_RUNNING,
  THREAD_WORDS,
  T_AUTOBOOST_SAVED,
  T_BALANCE_BOOSTED,
  T_CPU,
  T_IRQL,
  T_PRIORITY,
  T_PRIORITY_DECREMENT,
  T_QUANTUM,
  T_READY_NEXT,
  T_READY_TICK,
  T_STATE,
} from "./abi";
import { objectCount, threadCount } from "./program";
import { cpusBase, objectsBase, threadsBase } from "./state";

/** Writes the canonical form of the live state (stateLen bytes) at dst. */
export function canonicalize(dst: i32, stateLen: i32): void {
  memory.copy(dst, STATE_BASE, stateLen);
  const delta = dst - STATE_BASE;
  store<i32>(dst + (G_CPU_TURN << 2), 0);
  store<i32>(dst + (G_READY_MASK << 2), 0);
  // G_READY_HEAD and G_READY_TAIL: 64 consecutive words.
  memory.fill(dst + (G_READY_HEAD << 2), 0, 64 * 4);
  const cpu = cpusBase + delta;
  const running = load<i32>(cpu + (C_THREAD << 2));
  let keep = -1;
  if (running >= 0 && load<i32>(threadsBase + delta + running * (THREAD_WORDS << 2) + (T_IRQL << 2)) >= DISPATCH_LEVEL_VALUE) {
    keep = running;
  } else {
    store<i32>(cpu + (C_THREAD << 2), -1);
  }
  for (let t = 0; t < threadCount; t++) {
    const at = threadsBase + delta + t * (THREAD_WORDS << 2);
    const state = load<i32>(at + (T_STATE << 2));
    if (t != keep && (state == THREAD_RUNNING || state == THREAD_READY)) {
      store<i32>(at + (T_STATE << 2), THREAD_READY);
      store<i32>(at + (T_CPU << 2), -1);
    }
    store<i32>(at + (T_PRIORITY << 2), 0);
    store<i32>(at + (T_PRIORITY_DECREMENT << 2), 0);
    store<i32>(at + (T_QUANTUM << 2), 0);
    store<i32>(at + (T_READY_NEXT << 2), 0);
    store<i32>(at + (T_READY_TICK << 2), 0);
    store<i32>(at + (T_AUTOBOOST_SAVED << 2), 0);
    store<i32>(at + (T_BALANCE_BOOSTED << 2), 0);
  }
  for (let o = 0; o < objectCount; o++) {
    store<i32>(objectsBase + delta + o * (OBJECT_WORDS << 2) + (O_CONTENTION << 2), 0);
  }
}
