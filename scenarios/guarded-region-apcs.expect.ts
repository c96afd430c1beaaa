// How guarded-region-apcs.ksync must end (docs/kernel-semantics.md §9 S6), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "apc-order", order: ["S", "N"], why: "special before normal at the leave" },
      { kind: "thread", name: "T", state: "Terminated", specialApcDisable: 0, why: "the region was left" },
    ],
    checkpoints: [
      {
        afterSteps: 4,
        facts: [
          { kind: "thread", name: "T", specialApcDisable: -1, why: "both APCs are still queued inside the region" },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
