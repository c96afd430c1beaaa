// Canonical state encoding for the explorer. The state region (state.ts) is
// canonical: equal simulations have equal bytes. Most of it never changes from
// the state at tick 0 (unused frames, locals, held-lock slots), so a state is
// stored as the words that differ from the initial state, each as two LEB128
// varints: the gap to the previous changed word's index, and the value
// zigzag-encoded (small and -1 values take one byte). A typical state of a
// few threads takes tens of bytes. The encoding is a function of the state
// alone, so its 64-bit hash identifies the state (a fingerprint), and hashing
// it costs far less than hashing the whole region.
import { STATE_BASE } from "./abi";

/** Bytes of the state region rounded up to whole 16-byte groups. */
export let stateLen: i32 = 0;
/** Copy of the state at tick 0 (the reference the encoding is relative to). */
export let initAddr: i32 = 0;
/** Scratch buffer of the last encoding (worst case: every word changed). */
export let encAddr: i32 = 0;
/** Changed words of the last scan: index (i32) and value (i32) pairs. */
export let entriesAddr: i32 = 0;
export let entryCount: i32 = 0;

function maxEncodedBytes(len: i32): i32 {
  // Per word at most 5 bytes of gap + 5 of value; plus padding.
  return (len >> 2) * 10 + 16;
}

/** Places the buffers at `at` and records the current state region as the reference; returns the next free address. */
export function initCodec(at: i32, stateBytes: i32): i32 {
  stateLen = (stateBytes + 15) & ~15;
  initAddr = at;
  encAddr = at + stateLen;
  entriesAddr = (encAddr + maxEncodedBytes(stateLen) + 15) & ~15;
  memory.copy(initAddr, STATE_BASE, stateLen);
  return entriesAddr + (stateLen << 1);
}

/** Encodes the live state region into encAddr; returns the byte length padded to 8 (exact: encodedBytes). */
export function encodeState(): i32 {
  scanState();
  return emitEntries(encAddr);
}

/** Lists the words of the live state that differ from the initial state (entriesAddr, entryCount). */
export function scanState(): void {
  const src = STATE_BASE;
  const ref = initAddr;
  let out = entriesAddr;
  for (let block = 0; block < stateLen; block += 16) {
    // Most 16-byte blocks equal the initial state: one test skips them.
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
  entryCount = (out - entriesAddr) >> 3;
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

/** Writes an encoded state (len bytes at `rec`) back into the state region. */
export function decodeState(rec: i32, len: i32): void {
  memory.copy(STATE_BASE, initAddr, stateLen);
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
    store<i32>(STATE_BASE + (index << 2), (<i32>(z >> 1)) ^ -(<i32>(z & 1)));
  }
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
