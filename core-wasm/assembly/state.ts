// The simulation state region: one contiguous block at STATE_BASE laid out
// from the program's counts at load(). Everything that changes while the
// scenario runs lives here, so a snapshot is a byte copy and the explorer can
// hash it. Accessors take a record index and a field word index (abi.ts).
// While write tracking is on (the explorer turns it on), every write also
// marks its 16-byte block in the write map (abi.ts WRITE_MAP_BASE), so the
// explorer compares and restores only written blocks: all writes to the state
// region go through the setters below, stateStore() or stateFill(). Plain
// runs leave it off: the mark costs the step loop about a tenth of its speed.
import { APC_WORDS, CPU_WORDS, DPC_WORDS, HEADER_WORDS, OBJECT_WORDS, STATE_BASE, THREAD_WORDS } from "./abi";

export let cpusBase: i32 = 0;
export let threadsBase: i32 = 0;
export let objectsBase: i32 = 0;
export let apcsBase: i32 = 0;
export let dpcsBase: i32 = 0;
export let orderGraphBase: i32 = 0; // verifier deadlock detection: bit matrix held → requested
export let stateBytes: i32 = 0;

/** Whether state writes mark the write map. */
export let writeTracking: bool = false;
export function setWriteTracking(on: bool): void {
  writeTracking = on;
}

/** Stores one word of the state region at byte address `at`; with tracking on, marks its block written (byte at >>> 4, abi.ts WRITE_MAP_BASE). */
export function stateStore(at: i32, v: i32): void {
  store<i32>(at, v);
  if (writeTracking) store<u8>(at >>> 4, 1);
}

/** Zeroes `bytes` bytes of the state region from `at`; with tracking on, marks their blocks written. */
export function stateFill(at: i32, bytes: i32): void {
  memory.fill(at, 0, bytes);
  if (!writeTracking) return;
  const first = at >>> 4;
  memory.fill(first, 1, ((at + bytes - 1) >>> 4) - first + 1);
}

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
  stateStore(STATE_BASE + (f << 2), v);
}

export function tAddr(t: i32): i32 {
  return threadsBase + t * (THREAD_WORDS << 2);
}
export function tGet(t: i32, f: i32): i32 {
  return load<i32>(threadsBase + t * (THREAD_WORDS << 2) + (f << 2));
}
export function tSet(t: i32, f: i32, v: i32): void {
  stateStore(threadsBase + t * (THREAD_WORDS << 2) + (f << 2), v);
}

export function cGet(c: i32, f: i32): i32 {
  return load<i32>(cpusBase + c * (CPU_WORDS << 2) + (f << 2));
}
export function cSet(c: i32, f: i32, v: i32): void {
  stateStore(cpusBase + c * (CPU_WORDS << 2) + (f << 2), v);
}

export function oGet(o: i32, f: i32): i32 {
  return load<i32>(objectsBase + o * (OBJECT_WORDS << 2) + (f << 2));
}
export function oSet(o: i32, f: i32, v: i32): void {
  stateStore(objectsBase + o * (OBJECT_WORDS << 2) + (f << 2), v);
}

export function aGet(a: i32, f: i32): i32 {
  return load<i32>(apcsBase + a * (APC_WORDS << 2) + (f << 2));
}
export function aSet(a: i32, f: i32, v: i32): void {
  stateStore(apcsBase + a * (APC_WORDS << 2) + (f << 2), v);
}

export function dGet(d: i32, f: i32): i32 {
  return load<i32>(dpcsBase + d * (DPC_WORDS << 2) + (f << 2));
}
export function dSet(d: i32, f: i32, v: i32): void {
  stateStore(dpcsBase + d * (DPC_WORDS << 2) + (f << 2), v);
}

/** Zeroes the whole state block (canonical contents before initialisation). */
export function clearState(): void {
  stateFill(STATE_BASE, stateBytes);
}
