// Hash of the state region for the explorer: FNV-style over 32-bit words,
// skipping G_STEP (word 1), so equal states reached by different schedules
// get equal keys.
import { G_STEP, STATE_BASE } from "./abi";
import { stateBytes } from "./state";

export function hashState(seed: i32, prime: i32): i32 {
  let h = <u32>seed;
  const end = STATE_BASE + stateBytes;
  for (let at = STATE_BASE; at < end; at += 4) {
    if (at == STATE_BASE + (G_STEP << 2)) continue;
    h = (h ^ load<u32>(at)) * <u32>prime;
    h ^= h >> 15;
  }
  return <i32>h;
}
