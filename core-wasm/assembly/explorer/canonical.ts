// The explorer's canonical form of a state (the reduced search's state
// identity), computed as a filter over the changed words of the real state. On one CPU, with no APCs and no DPCs, the random scheduler's
// choices are "the running thread or any Ready thread" whoever holds the CPU,
// and under choice stepping no step reads priorities, quanta, ready-queue
// order or ready ticks (scheduler.ts: makeReady, preemptIfBetter and
// exitDispatcher change nothing while a chosen step runs; between steps they
// only decide which runnable thread is "Running"). So two states that differ
// only in that scheduling bookkeeping have the same futures: the same choices,
// bug checks and deadlocks. The canonical copy erases it, together with the
// contention statistic (report-only): those words take their tick-0 values. A thread at DISPATCH_LEVEL or above keeps
// its CPU (it is then the only choice), so it stays Running.
// Simplification: this equivalence is argued from the engine's code, not
// proved; the property test in core-wasm/engine/explorer-reduction.test.ts
// compares verdicts with the full-state plain search.
import {
  CPU_WORDS,
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
} from "../abi";
import { entriesAddr, entryCount, initAddr } from "./codec";
import { cpuCount, objectCount, threadCount } from "../program";
import { cGet, cpusBase, objectsBase, tGet, threadsBase } from "../state";

// How each word of the state region enters the canonical form (one byte per word).
const KEEP: u8 = 0;
/** Bookkeeping: takes its value at tick 0. */
const DROP: u8 = 1;
const THREAD_STATE: u8 = 2;
const THREAD_CPU: u8 = 3;
const CPU_THREAD: u8 = 4;

const SENTINEL: i32 = -0x5a5a5a5a;
let kinds: i32 = 0;
let threadsWord: i32 = 0;
/** The canonical form of the last emitCanonical() (index, value pairs) and its length in bytes. */
export let canonAddr: i32 = 0;
export let canonBytes: i32 = 0;

/** Builds the word-kind table for the loaded program's layout at `at` (words bytes) and the output buffer; returns the next free address. */
export function initCanonical(at: i32, stateLen: i32, maxEncoded: i32): i32 {
  const words = stateLen >> 2;
  // The filter sees only words that differ from the reference state, so the
  // words it rewrites must always differ: a sentinel no state holds goes in the
  // reference (at tick 0 a thread may already be Running on CPU 0).
  for (let c = 0; c < cpuCount; c++)
    store<i32>(initAddr + (cpusBase - STATE_BASE) + c * (CPU_WORDS << 2) + (C_THREAD << 2), SENTINEL);
  for (let t = 0; t < threadCount; t++) {
    const rec = initAddr + (threadsBase - STATE_BASE) + t * (THREAD_WORDS << 2);
    store<i32>(rec + (T_STATE << 2), SENTINEL);
    store<i32>(rec + (T_CPU << 2), SENTINEL);
  }
  kinds = at;
  memory.fill(kinds, KEEP, words);
  store<u8>(kinds + G_CPU_TURN, DROP);
  store<u8>(kinds + G_READY_MASK, DROP);
  // G_READY_HEAD and G_READY_TAIL: 64 consecutive words.
  memory.fill(kinds + G_READY_HEAD, DROP, 64);
  store<u8>(kinds + ((cpusBase - STATE_BASE) >> 2) + C_THREAD, CPU_THREAD);
  threadsWord = (threadsBase - STATE_BASE) >> 2;
  for (let t = 0; t < threadCount; t++) {
    const w = kinds + threadsWord + t * THREAD_WORDS;
    store<u8>(w + T_STATE, THREAD_STATE);
    store<u8>(w + T_CPU, THREAD_CPU);
    store<u8>(w + T_PRIORITY, DROP);
    store<u8>(w + T_PRIORITY_DECREMENT, DROP);
    store<u8>(w + T_QUANTUM, DROP);
    store<u8>(w + T_READY_NEXT, DROP);
    store<u8>(w + T_READY_TICK, DROP);
    store<u8>(w + T_AUTOBOOST_SAVED, DROP);
    store<u8>(w + T_BALANCE_BOOSTED, DROP);
  }
  const objectsWord = (objectsBase - STATE_BASE) >> 2;
  for (let o = 0; o < objectCount; o++) store<u8>(kinds + objectsWord + o * OBJECT_WORDS + O_CONTENTION, DROP);
  canonAddr = (kinds + words + 15) & ~15;
  return canonAddr + maxEncoded;
}

/**
 * Writes the canonical form of the live state at canonAddr as (word index,
 * value) pairs, from the entries of the last scanState(); returns its length
 * in bytes (a multiple of 8).
 */
export function emitCanonical(): i32 {
  // The thread on the CPU keeps it only at DISPATCH_LEVEL or above.
  let keep = cGet(0, C_THREAD);
  if (keep >= 0 && tGet(keep, T_IRQL) < DISPATCH_LEVEL_VALUE) keep = -1;
  let out = canonAddr;
  for (let i = 0, p = entriesAddr; i < entryCount; i++, p += 8) {
    const index = load<i32>(p);
    let value = load<i32>(p + 4);
    const kind = load<u8>(kinds + index);
    if (kind != KEEP) {
      if (kind == DROP) continue;
      if (kind == CPU_THREAD) {
        if (keep < 0) continue;
      } else {
        const t = (index - threadsWord) / THREAD_WORDS;
        if (t != keep) {
          if (kind == THREAD_STATE) {
            if (value == THREAD_RUNNING) value = THREAD_READY;
          } else {
            const state = tGet(t, T_STATE);
            if (state == THREAD_RUNNING || state == THREAD_READY) continue;
          }
        }
      }
    }
    store<i32>(out, index);
    store<i32>(out + 4, value);
    out += 8;
  }
  canonBytes = out - canonAddr;
  return canonBytes;
}
