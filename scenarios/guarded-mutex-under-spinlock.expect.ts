// How guarded-mutex-under-spinlock.ksync must end (docs/kernel-semantics.md §9 S8), run with `ksync
// run`'s defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only
// tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: {
      code: "0xC4",
      rule: "IrqlKeApcLte1",
      parameters: ["0x2000F", "&IrqlKeApcLte1", null, null],
      thread: "T",
      at: "KeAcquireGuardedMutex(&M);      // not allowed",
    },
  },
  variants: [
    {
      options: { verifier: "off" },
      note: "without the verifier, M happens to be free: the run completes and the bug stays latent",
      expected: { outcome: "completed" },
    },
  ],
} satisfies ScenarioExpectations;
