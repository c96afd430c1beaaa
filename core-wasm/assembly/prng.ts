// The `random` scheduler's generator: xorshift32 (Marsaglia 2003). Its state
// lives in the state region (G_RNG) so snapshots and the explorer capture it.
import { G_RNG } from "./abi";
import { gGet, gSet } from "./state";

/** Seeds the generator; a zero seed would stick at zero, so it is mapped to a constant. */
export function seedRandom(seed: i32): void {
  gSet(G_RNG, seed == 0 ? 0x2545f491 : seed);
}

/** Next value in [0, bound). */
export function nextRandom(bound: i32): i32 {
  let x = <u32>gGet(G_RNG);
  x ^= x << 13;
  x ^= x >> 17;
  x ^= x << 5;
  gSet(G_RNG, <i32>x);
  return <i32>(x % <u32>bound);
}
