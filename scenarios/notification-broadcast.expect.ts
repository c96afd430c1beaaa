// How notification-broadcast.ksync must end (docs/kernel-semantics.md §9 S16), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "E", signaled: true, why: "a notification event stays signaled" },
      {
        kind: "run-order",
        afterTick: 3,
        order: ["W2", "S", "W1", "W3"],
        why: "priority order; the preempted S goes to the head of its queue",
      },
    ],
  },
} satisfies ScenarioExpectations;
