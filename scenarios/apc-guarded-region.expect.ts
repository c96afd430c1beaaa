// How apc-guarded-region.ksync must end (docs/kernel-semantics.md §9 S5), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "apc", name: "Audit", deliveredAt: 5, why: "its body's first step follows the release at tick 4" },
      { kind: "object", name: "Lock", owner: null, count: free, contention: 0, why: "nobody else wanted the lock" },
    ],
    checkpoints: [
      {
        afterSteps: 3,
        facts: [
          {
            kind: "thread",
            name: "Worker1",
            specialApcDisable: -1,
            irql: 0,
            why: "inside the guarded region at PASSIVE_LEVEL; Audit waits",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
