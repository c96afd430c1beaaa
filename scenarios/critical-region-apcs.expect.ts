// How critical-region-apcs.ksync must end (docs/kernel-semantics.md §9 S6), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "apc", name: "S", deliveredAt: 2, why: "a special APC is not held back by a critical region" },
      { kind: "apc-order", order: ["S", "N"], why: "N waits for KeLeaveCriticalRegion although it was queued first" },
      { kind: "thread", name: "T", state: "Terminated", kernelApcDisable: 0, why: "the region was left" },
    ],
  },
} satisfies ScenarioExpectations;
