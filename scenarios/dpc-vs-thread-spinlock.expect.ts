// How dpc-vs-thread-spinlock.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "S", owner: null, why: "released by the DPC at the end" },
      { kind: "thread", name: "T", state: "Terminated", irql: 0, why: "KeReleaseSpinLock restored PASSIVE_LEVEL" },
    ],
  },
} satisfies ScenarioExpectations;
