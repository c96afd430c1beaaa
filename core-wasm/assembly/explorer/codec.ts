// Canonical state encoding for the explorer. The state region (state.ts) is
// canonical: equal simulations have equal bytes. Most of it never changes from
// the state at tick 0 (unused frames, locals, held-lock slots), so a state is
// stored as the words that differ from the initial state, each as two LEB128
// varints: the gap to the previous changed word's index, and the value
// zigzag-encoded (small and -1 values take one byte). A typical state of a
// few threads takes tens of bytes. The encoding is a function of the state
// alone, so its 64-bit hash identifies the state (a fingerprint), and hashing
// it costs far less than hashing the whole region.
// Only 16-byte blocks that can differ from the reference are compared: those
// the engine wrote since the parent state was restored (the write map, abi.ts
// WRITE_MAP_BASE) and those where the parent itself differs (parentMap), so a
// transition costs O(changed blocks), not O(state size).
import { STATE_BASE, WRITE_MAP_BASE } from "../abi";

/** Bytes of the state region rounded up to whole 16-byte groups. */
export let stateLen: i32 = 0;
/** Copy of the state at tick 0 (the reference the encoding is relative to). */
export let initAddr: i32 = 0;
/** Scratch buffer of the last encoding (worst case: every word changed). */
export let encAddr: i32 = 0;
/** Changed words of the last scan: index (i32) and value (i32) pairs. */
export let entriesAddr: i32 = 0;
export let entryCount: i32 = 0;
/** Copy of the state being expanded (the parent), restored into the region before each sibling step. */
export let parentAddr: i32 = 0;
/** One byte per block: 1 where the parent copy may differ from the reference (initAddr). */
let parentMap: i32 = 0;
/** Blocks of the state region, and their map bytes rounded up to whole u64 groups. */
let blocks: i32 = 0;
let mapBytes: i32 = 0;

function maxEncodedBytes(len: i32): i32 {
  // Per word at most 5 bytes of gap + 5 of value; plus padding.
  return (len >> 2) * 10 + 16;
}

/** Bytes initCodec() takes for a state region of `stateBytes` (the explorer's budget check). */
export function codecBytes(stateBytes: i32): i32 {
  const len = (stateBytes + 15) & ~15;
  return len * 4 + maxEncodedBytes(len) + (((len >> 4) + 7) & ~7) + 64;
}

/**
 * Places the buffers at `at`, records the current state region as the
 * reference and as the parent copy, and clears the write map; returns the
 * next free address.
 */
export function initCodec(at: i32, stateBytes: i32): i32 {
  stateLen = (stateBytes + 15) & ~15;
  blocks = stateLen >> 4;
  mapBytes = (blocks + 7) & ~7;
  initAddr = at;
  encAddr = at + stateLen;
  entriesAddr = (encAddr + maxEncodedBytes(stateLen) + 15) & ~15;
  parentAddr = entriesAddr + (stateLen << 1);
  parentMap = parentAddr + stateLen;
  memory.copy(initAddr, STATE_BASE, stateLen);
  memory.copy(parentAddr, STATE_BASE, stateLen);
  memory.fill(WRITE_MAP_BASE, 0, mapBytes);
  // The reference may be edited after this (canonical.ts puts sentinels in it): compare every block once.
  memory.fill(parentMap, 1, blocks);
  memory.fill(parentMap + blocks, 0, mapBytes - blocks);
  return parentMap + mapBytes;
}

/** Encodes the live state region into encAddr; returns the byte length padded to 8 (exact: encodedBytes). */
export function encodeState(): i32 {
  scanState();
  return emitEntries(encAddr);
}

/**
 * Lists the words of the live state that differ from the initial state
 * (entriesAddr, entryCount), in index order. Only blocks written since the
 * parent was restored or differing in the parent can differ.
 */
export function scanState(): void {
  const src = STATE_BASE;
  const ref = initAddr;
  let out = entriesAddr;
  for (let g = 0; g < mapBytes; g += 8) {
    let m = load<u64>(WRITE_MAP_BASE + g) | load<u64>(parentMap + g);
    while (m != 0) {
      const block = (g + <i32>(ctz(m) >> 3)) << 4;
      m &= m - 1; // map bytes are 0 or 1: this clears the lowest one
      // Most candidate blocks equal the initial state again: one test skips them.
      const d =
        (load<u64>(src + block) ^ load<u64>(ref + block)) | (load<u64>(src + block + 8) ^ load<u64>(ref + block + 8));
      if (d == 0) continue;
      for (let off = block; off < block + 16; off += 4) {
        const v = load<i32>(src + off);
        if (v != load<i32>(ref + off)) {
          store<i32>(out, off >> 2);
          store<i32>(out + 4, v);
          out += 8;
        }
      }
    }
  }
  entryCount = (out - entriesAddr) >> 3;
}

/** Puts the parent back into the state region: copies back the blocks written since, and clears the write map. */
export function restoreParent(): void {
  for (let g = 0; g < mapBytes; g += 8) {
    let m = load<u64>(WRITE_MAP_BASE + g);
    if (m == 0) continue;
    store<u64>(WRITE_MAP_BASE + g, 0);
    while (m != 0) {
      const block = (g + <i32>(ctz(m) >> 3)) << 4;
      m &= m - 1;
      store<u64>(STATE_BASE + block, load<u64>(parentAddr + block));
      store<u64>(STATE_BASE + block + 8, load<u64>(parentAddr + block + 8));
    }
  }
}

function putVarint(out: i32, v: u32): i32 {
  while (v >= 0x80) {
    store<u8>(out++, <u8>(v | 0x80));
    v >>= 7;
  }
  store<u8>(out++, <u8>v);
  return out;
}

/** Exact byte length of the last encoding (the emitters return it padded to 8). */
export let encodedBytes: i32 = 0;

/** Appends one (index, value) pair after the word `last`; returns the new end. */
export function putEntry(out: i32, last: i32, index: i32, value: i32): i32 {
  out = putVarint(out, <u32>(index - last - 1));
  return putVarint(out, <u32>((value << 1) ^ (value >> 31)));
}

/** Ends an encoding that started at `start`: records its exact length, zero-pads it for hashing. */
export function finishEncoding(start: i32, out: i32): i32 {
  encodedBytes = out - start;
  store<u64>(out, 0);
  return (encodedBytes + 7) & ~7;
}

/** Writes the scanned entries as an encoding at `dst`. */
export function emitEntries(dst: i32): i32 {
  let out = dst;
  let last = -1;
  for (let i = 0, p = entriesAddr; i < entryCount; i++, p += 8) {
    const index = load<i32>(p);
    out = putEntry(out, last, index, load<i32>(p + 4));
    last = index;
  }
  return finishEncoding(dst, out);
}

/**
 * Writes an encoded state (len bytes at `rec`) into the state region and the
 * parent copy: both first go back to the reference in the blocks that may
 * differ from it, then take the encoded words.
 */
export function decodeState(rec: i32, len: i32): void {
  for (let g = 0; g < mapBytes; g += 8) {
    const written = load<u64>(WRITE_MAP_BASE + g);
    const differs = load<u64>(parentMap + g);
    let m = written | differs;
    if (m == 0) continue;
    store<u64>(WRITE_MAP_BASE + g, 0);
    store<u64>(parentMap + g, 0);
    while (m != 0) {
      const shift = ctz(m);
      const bit: u64 = (<u64>1) << shift;
      m &= m - 1;
      const block = (g + <i32>(shift >> 3)) << 4;
      const a = load<u64>(initAddr + block);
      const b = load<u64>(initAddr + block + 8);
      store<u64>(STATE_BASE + block, a);
      store<u64>(STATE_BASE + block + 8, b);
      if ((differs & bit) != 0) {
        store<u64>(parentAddr + block, a);
        store<u64>(parentAddr + block + 8, b);
      }
    }
  }
  const end = rec + len;
  let p = rec;
  let index = -1;
  while (p < end) {
    let gap: u32 = 0;
    let shift: u32 = 0;
    let b: u32 = 0;
    do {
      b = load<u8>(p++);
      gap |= (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    let z: u32 = 0;
    shift = 0;
    do {
      b = load<u8>(p++);
      z |= (b & 0x7f) << shift;
      shift += 7;
    } while ((b & 0x80) != 0);
    index += <i32>gap + 1;
    const v = (<i32>(z >> 1)) ^ -(<i32>(z & 1));
    store<i32>(STATE_BASE + (index << 2), v);
    store<i32>(parentAddr + (index << 2), v);
    store<u8>(parentMap + (index >> 2), 1);
  }
}

// ---- Incremental state hash (plain search) ------------------------------------------
// The hash of a state is the sum (mod 2^64) of wordHash(index, value) over its
// words that differ from the reference, a function of the encoding's contents
// like fingerprint(); a step changes it by the words it changed, so a
// transition is hashed in O(written blocks) (Zobrist-style), and only states
// that are queued are scanned and encoded.

/** Hash of one changed word (splitmix64 finaliser of index and value). */
function wordHash(index: i32, value: i32): u64 {
  let z: u64 = (((<u64>index) << 32) | (<u64>(<u32>value))) + 0x9e3779b97f4a7c15;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9;
  z = (z ^ (z >> 27)) * 0x94d049bb133111eb;
  return z ^ (z >> 31);
}

/** Sum hash of the entries of the last scanState(). */
export function entriesHash(): u64 {
  let h: u64 = 0;
  for (let i = 0, p = entriesAddr; i < entryCount; i++, p += 8) h += wordHash(load<i32>(p), load<i32>(p + 4));
  return h;
}

/** Sum hash of the live state, given the parent copy's: only the words of written blocks that differ from the parent change it. */
export function childHash(parentHash: u64): u64 {
  let h = parentHash;
  for (let g = 0; g < mapBytes; g += 8) {
    let m = load<u64>(WRITE_MAP_BASE + g);
    while (m != 0) {
      const block = (g + <i32>(ctz(m) >> 3)) << 4;
      m &= m - 1;
      const now = STATE_BASE + block;
      const before = parentAddr + block;
      if (((load<u64>(now) ^ load<u64>(before)) | (load<u64>(now + 8) ^ load<u64>(before + 8))) == 0) continue;
      for (let off = 0; off < 16; off += 4) {
        const v = load<i32>(now + off);
        const p = load<i32>(before + off);
        if (v == p) continue;
        const r = load<i32>(initAddr + block + off);
        const index = (block + off) >> 2;
        if (v != r) h += wordHash(index, v);
        if (p != r) h -= wordHash(index, p);
      }
    }
  }
  return h;
}

/** 64-bit fingerprint from a sum hash, mixed with `extra`; never 0. */
export function hashFingerprint(h: u64, extra: u64): u64 {
  let x = h + extra * 0x165667b19e3779f9;
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccd;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53;
  x ^= x >> 33;
  return x == 0 ? 1 : x;
}

const K1: u64 = 0x9e3779b97f4a7c15;
const K2: u64 = 0xc2b2ae3d27d4eb4f;

/** 64-bit fingerprint of the `len` bytes at `at` (zero-padded to 8), mixed with `extra`; never 0. */
export function fingerprint(at: i32, len: i32, extra: u64): u64 {
  let h: u64 = K1 ^ (<u64>len * K2) ^ (extra * 0x165667b19e3779f9);
  for (let p = at, end = at + ((len + 7) & ~7); p < end; p += 8) {
    const w = load<u64>(p) * K2;
    h ^= rotl<u64>(w, 31) * K1;
    h = rotl<u64>(h, 27) * 5 + 0x52dce729;
  }
  // fmix64 (MurmurHash3 finaliser)
  h ^= h >> 33;
  h *= 0xff51afd7ed558ccd;
  h ^= h >> 33;
  h *= 0xc4ceb9fe1a85ec53;
  h ^= h >> 33;
  return h == 0 ? 1 : h;
}
