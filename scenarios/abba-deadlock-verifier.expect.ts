// How abba-deadlock-verifier.ksync must end (docs/kernel-semantics.md §9 S2), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: {
      code: "0xC4",
      parameters: ["0x1001", "&A", null, null],
      thread: "T2",
      at: "KeAcquireGuardedMutex(&A);      // B -> A",
    },
  },
} satisfies ScenarioExpectations;
