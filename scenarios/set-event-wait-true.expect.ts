// How set-event-wait-true.ksync must end (docs/kernel-semantics.md §9 S17), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      {
        kind: "run-order",
        afterTick: 1,
        order: ["S", "W"],
        why: "no preemption between KeSetEvent(..., TRUE) and the wait",
      },
    ],
  },
} satisfies ScenarioExpectations;
