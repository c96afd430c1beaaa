// The simulation state region: one contiguous block at STATE_BASE laid out
// from the program's counts at load(). Everything that changes while the
// scenario runs lives here, so a snapshot is a byte copy and the explorer can
// hash it. Accessors take a record index and a field word index (abi.ts).
import {
  APC_WORDS,
  CPU_WORDS,
  DPC_WORDS,
  HEADER_WORDS,
  OBJECT_WORDS,
  STATE_BASE,
  THREAD_WORDS,
} from "./abi";

export let cpusBase: i32 = 0;
export let threadsBase: i32 = 0;
export let objectsBase: i32 = 0;
export let apcsBase: i32 = 0;
export let dpcsBase: i32 = 0;
export let orderGraphBase: i32 = 0; // verifier deadlock detection: bit matrix held → requested
export let stateBytes: i32 = 0;

/** Computes the record bases for the given counts; returns the state size in bytes. */
export function layoutState(cpus: i32, threads: i32, objects: i32, apcs: i32, dpcs: i32): i32 {
  cpusBase = STATE_BASE + (HEADER_WORDS << 2);
  threadsBase = cpusBase + cpus * (CPU_WORDS << 2);
  objectsBase = threadsBase + threads * (THREAD_WORDS << 2);
  apcsBase = objectsBase + objects * (OBJECT_WORDS << 2);
  dpcsBase = apcsBase + apcs * (APC_WORDS << 2);
  orderGraphBase = dpcsBase + dpcs * (DPC_WORDS << 2);
  const graphWords = (objects * objects + 31) >> 5;
  stateBytes = orderGraphBase + (graphWords << 2) - STATE_BASE;
  return stateBytes;
}

export function gGet(f: i32): i32 {
  return load<i32>(STATE_BASE + (f << 2));
}
export function gSet(f: i32, v: i32): void {
  store<i32>(STATE_BASE + (f << 2), v);
}

export function tAddr(t: i32): i32 {
  return threadsBase + t * (THREAD_WORDS << 2);
}
export function tGet(t: i32, f: i32): i32 {
  return load<i32>(threadsBase + t * (THREAD_WORDS << 2) + (f << 2));
}
export function tSet(t: i32, f: i32, v: i32): void {
  store<i32>(threadsBase + t * (THREAD_WORDS << 2) + (f << 2), v);
}

export function cGet(c: i32, f: i32): i32 {
  return load<i32>(cpusBase + c * (CPU_WORDS << 2) + (f << 2));
}
export function cSet(c: i32, f: i32, v: i32): void {
  store<i32>(cpusBase + c * (CPU_WORDS << 2) + (f << 2), v);
}

export function oGet(o: i32, f: i32): i32 {
  return load<i32>(objectsBase + o * (OBJECT_WORDS << 2) + (f << 2));
}
export function oSet(o: i32, f: i32, v: i32): void {
  store<i32>(objectsBase + o * (OBJECT_WORDS << 2) + (f << 2), v);
}

export function aGet(a: i32, f: i32): i32 {
  return load<i32>(apcsBase + a * (APC_WORDS << 2) + (f << 2));
}
export function aSet(a: i32, f: i32, v: i32): void {
  store<i32>(apcsBase + a * (APC_WORDS << 2) + (f << 2), v);
}

export function dGet(d: i32, f: i32): i32 {
  return load<i32>(dpcsBase + d * (DPC_WORDS << 2) + (f << 2));
}
export function dSet(d: i32, f: i32, v: i32): void {
  store<i32>(dpcsBase + d * (DPC_WORDS << 2) + (f << 2), v);
}

/** Zeroes the whole state block (canonical contents before initialisation). */
export function clearState(): void {
  memory.fill(STATE_BASE, 0, stateBytes);
}
