// Canonical state encoding for the explorer. The state region (state.ts) is
// canonical: equal simulations have equal bytes. Most of it never changes from
// the state at tick 0 (unused frames, locals, held-lock slots), so a state is
// stored as the 16-byte groups that differ from the initial state: a group
// count, then (group index, 16 bytes) per changed group. The encoding is a
// function of the state alone, so its 64-bit hash identifies the state
// (a fingerprint) and hashing it costs far less than hashing the whole region.
import { STATE_BASE } from "./abi";

/** Bytes of the state region rounded up to whole 16-byte groups. */
export let stateLen: i32 = 0;
let groups: i32 = 0;
/** Copy of the state at tick 0 (the reference the encoding is relative to). */
export let initAddr: i32 = 0;
/** Scratch buffer of the last encoding (worst case: every group changed). */
export let encAddr: i32 = 0;

/** Bytes needed for the codec's buffers given the state size. */
export function codecBytes(stateBytes: i32): i32 {
  const len = (stateBytes + 15) & ~15;
  return len + maxEncodedBytes(len >> 4) + 16;
}

function maxEncodedBytes(groupCount: i32): i32 {
  return 8 + groupCount * 20;
}

/** Places the buffers at `at` and records the current state region as the reference. */
export function initCodec(at: i32, stateBytes: i32): i32 {
  stateLen = (stateBytes + 15) & ~15;
  groups = stateLen >> 4;
  initAddr = at;
  encAddr = at + stateLen;
  memory.copy(initAddr, STATE_BASE, stateLen);
  return encAddr + maxEncodedBytes(groups) + 16;
}

/** Encodes the live state region into encAddr; returns the byte length (a multiple of 8). */
export function encodeState(): i32 {
  return encodeFrom(STATE_BASE);
}

/** Encodes a state image at `src` (the live region or a canonical copy) into encAddr. */
export function encodeFrom(src: i32): i32 {
  let out = encAddr + 4;
  let n = 0;
  for (let g = 0; g < groups; g++) {
    const off = g << 4;
    const lo = load<u64>(src + off);
    const hi = load<u64>(src + off + 8);
    if (((lo ^ load<u64>(initAddr + off)) | (hi ^ load<u64>(initAddr + off + 8))) != 0) {
      store<i32>(out, g);
      store<u64>(out + 4, lo);
      store<u64>(out + 12, hi);
      out += 20;
      n++;
    }
  }
  store<i32>(encAddr, n);
  let len = out - encAddr;
  if ((len & 7) != 0) {
    store<i32>(out, 0);
    len += 4;
  }
  return len;
}

/** Writes an encoded state (at `rec`) back into the state region. */
export function decodeState(rec: i32): void {
  memory.copy(STATE_BASE, initAddr, stateLen);
  const n = load<i32>(rec);
  let p = rec + 4;
  for (let i = 0; i < n; i++) {
    const to = STATE_BASE + (load<i32>(p) << 4);
    store<u64>(to, load<u64>(p + 4));
    store<u64>(to + 8, load<u64>(p + 12));
    p += 20;
  }
}

const K1: u64 = 0x9e3779b97f4a7c15;
const K2: u64 = 0xc2b2ae3d27d4eb4f;

/** 64-bit fingerprint of `len` bytes at `at` (len a multiple of 8), mixed with `extra`; never 0. */
export function fingerprint(at: i32, len: i32, extra: u64): u64 {
  let h: u64 = K1 ^ (<u64>len * K2) ^ (extra * 0x165667b19e3779f9);
  for (let p = at, end = at + len; p < end; p += 8) {
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
