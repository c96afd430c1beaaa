// The explorer's memory: everything lives in one region of linear memory above
// the AssemblyScript heap, sized from the host's memory budget, so the search
// loop never allocates and running out of budget is a result, not a crash.
//   visited table  open addressing, linear probing: full fingerprint + state id
//                  (16-byte slots: a lookup touches one cache line)
//   per state      fingerprint, parent id, choice index taken from the parent,
//                  sleep set (POR)
//   frontier       a circular FIFO of encoded states (at most two BFS levels)
// Simplification: states are identified by 64-bit fingerprints; two distinct
// states collide with probability about n²/2^65 (n states), which would hide
// one of them. This is the usual trade of explicit-state model checkers (SPIN's
// hash compaction, TLC's fingerprints). The region starts at EXPLORER_BASE
// (core-wasm/shared/memory-map.ts); search.ts lays it out.

let table: i32 = 0; // SLOT_BYTES per slot: fingerprint (u64; 0 = empty), state id + 1 (i32)
let tableSlots: i32 = 0;
let tableMaxSlots: i32 = 0;
let tableMask: i32 = 0;
let fpArr: i32 = 0; // u64 per state: its fingerprint (rebuilds the table when it grows)
let parentArr: i32 = 0; // i32 per state
let viaArr: i32 = 0; // i32 per state: choice index | EXPANDED
let sleepArr: i32 = 0; // u64 per state (only with reduction)
export let stateCapacity: i32 = 0;
export let stateCount: i32 = 0;

let qStart: i32 = 0;
let qEnd: i32 = 0;
let qHead: i32 = 0;
let qTail: i32 = 0;
export let queueCount: i32 = 0;
let queueBytes: i32 = 0;
let queuePeak: i32 = 0;
let perStateBytes: i32 = 0;
let withSleep: bool = false;
let tableDirtyBytes: i32 = 0;

export const EXPANDED: i32 = 0x40000000;
const WRAP: i32 = -1;
/** Record header: state id, preemptions used, encoded length, 4 bytes unused, the state's sum hash (u64, plain search). */
export const RECORD_HEADER: i32 = 24;
const FIRST_SLOTS: i32 = 1 << 16;
const SLOT_BYTES: i32 = 16;

/**
 * Lays out the table (grown by doubling up to its reserved size), the
 * per-state arrays and the frontier in [start, end): the table at its largest
 * (load factor ≤ 0.75) and the per-state arrays it can index take up to 60%
 * of the space, the frontier the rest. Returns false if the space is too small.
 */
export function layoutStore(start: i32, end: i32, sleepSets: bool): bool {
  withSleep = sleepSets;
  const space = <i64>end - <i64>start;
  if (space < 1 << 20) return false;
  perStateBytes = sleepSets ? 24 : 16;
  // The table at its largest plus the per-state arrays it can index take at most 60% of the space.
  let slots: i64 = 1 << 12;
  while (slots * 2 * (SLOT_BYTES * 4 + 3 * <i64>perStateBytes) <= (space * 12) / 5) slots *= 2;
  tableMaxSlots = <i32>slots;
  stateCapacity = <i32>((slots * 3) / 4);
  // A fresh instance's memory is zero; clear only what an earlier search in this instance wrote.
  if (tableDirtyBytes > 0) memory.fill(table, 0, tableDirtyBytes);
  table = start;
  tableSlots = FIRST_SLOTS < tableMaxSlots ? FIRST_SLOTS : tableMaxSlots;
  tableMask = tableSlots - 1;
  tableDirtyBytes = tableSlots * SLOT_BYTES;
  fpArr = table + tableMaxSlots * SLOT_BYTES;
  parentArr = fpArr + stateCapacity * 8;
  viaArr = parentArr + stateCapacity * 4;
  sleepArr = viaArr + stateCapacity * 4;
  qStart = sleepArr + (sleepSets ? stateCapacity * 8 : 0);
  qEnd = end & ~7;
  if (qEnd - qStart < 1 << 18) return false;
  qHead = qStart;
  qTail = qStart;
  queueCount = 0;
  queueBytes = 0;
  queuePeak = 0;
  stateCount = 0;
  return true;
}

/** Bytes of the region in use: the table, the per-state records so far and the frontier's peak. */
export function storeBytesUsed(): i32 {
  return tableSlots * SLOT_BYTES + stateCount * perStateBytes + queuePeak;
}

// ---- Visited set -----------------------------------------------------------------

/** Id of the state with fingerprint fp, or -1. `lastSlot` is left at its slot or the free slot to use. */
export let lastSlot: i32 = 0;
export function lookup(fp: u64): i32 {
  let slot = (<i32>(fp ^ (fp >> 29))) & tableMask;
  while (true) {
    const at = table + slot * SLOT_BYTES;
    const key = load<u64>(at);
    if (key == fp) {
      lastSlot = slot;
      return load<i32>(at + 8) - 1;
    }
    if (key == 0) {
      lastSlot = slot;
      return -1;
    }
    slot = (slot + 1) & tableMask;
  }
  return -1;
}

function putSlot(slot: i32, fp: u64, id: i32): void {
  const at = table + slot * SLOT_BYTES;
  store<u64>(at, fp);
  store<i32>(at + 8, id + 1);
}

/** Doubles the table and re-inserts every state from the fingerprint array. */
function growTable(): void {
  tableSlots <<= 1;
  tableMask = tableSlots - 1;
  memory.fill(table, 0, tableSlots * SLOT_BYTES);
  tableDirtyBytes = tableSlots * SLOT_BYTES;
  for (let id = 0; id < stateCount; id++) {
    const fp = load<u64>(fpArr + (id << 3));
    let slot = (<i32>(fp ^ (fp >> 29))) & tableMask;
    while (load<u64>(table + slot * SLOT_BYTES) != 0) slot = (slot + 1) & tableMask;
    putSlot(slot, fp, id);
  }
}

/** Adds a new state (after a failed lookup of fp); returns its id, or -1 when the store is full. */
export function addState(fp: u64, parent: i32, via: i32, sleep: u64): i32 {
  if (stateCount >= stateCapacity) return -1;
  const id = stateCount++;
  store<u64>(fpArr + (id << 3), fp);
  store<i32>(parentArr + (id << 2), parent);
  store<i32>(viaArr + (id << 2), via);
  if (withSleep) store<u64>(sleepArr + (id << 3), sleep);
  if (stateCount * 4 > tableSlots * 3 && tableSlots < tableMaxSlots) growTable();
  else putSlot(lastSlot, fp, id);
  return id;
}

export function parentOf(id: i32): i32 {
  return load<i32>(parentArr + (id << 2));
}
export function viaOf(id: i32): i32 {
  return load<i32>(viaArr + (id << 2)) & ~EXPANDED;
}
export function isExpanded(id: i32): bool {
  return (load<i32>(viaArr + (id << 2)) & EXPANDED) != 0;
}
export function markExpanded(id: i32): void {
  store<i32>(viaArr + (id << 2), load<i32>(viaArr + (id << 2)) | EXPANDED);
}
export function sleepOf(id: i32): u64 {
  return withSleep ? load<u64>(sleepArr + (id << 3)) : 0;
}
export function setSleep(id: i32, sleep: u64): void {
  if (withSleep) store<u64>(sleepArr + (id << 3), sleep);
}

// ---- Frontier (circular FIFO of variable-size records) -----------------------------

/** Reserves a record of `payload` bytes; returns its address or 0 when the frontier is full. */
export function pushRecord(payload: i32): i32 {
  const size = RECORD_HEADER + payload;
  let at: i32 = 0;
  if (queueCount == 0) {
    qHead = qStart;
    qTail = qStart;
  }
  if (queueCount == 0 || qTail > qHead) {
    // Free space: [tail, end - 4) then [start, head).
    if (qTail + size <= qEnd - 4) at = qTail;
    else if (qStart + size < qHead) {
      store<i32>(qTail, WRAP);
      queueBytes += qEnd - qTail;
      at = qStart;
    }
  } else if (qTail + size < qHead) {
    at = qTail;
  }
  if (at == 0) return 0;
  qTail = at + size;
  queueCount++;
  queueBytes += size;
  if (queueBytes > queuePeak) queuePeak = queueBytes;
  return at;
}

/** Address of the oldest record (call only when queueCount > 0). */
export function frontRecord(): i32 {
  if (load<i32>(qHead) == WRAP) {
    queueBytes -= qEnd - qHead;
    qHead = qStart;
  }
  return qHead;
}

/** Drops the oldest record (after its contents were used). */
export function popRecord(): void {
  const size = RECORD_HEADER + ((load<i32>(qHead + 8) + 3) & ~3);
  qHead += size;
  queueBytes -= size;
  queueCount--;
}
