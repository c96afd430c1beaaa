// How event-handoff.ksync must end (docs/kernel-semantics.md §9 S15), run with `ksync run`'s defaults.
// Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "E", signaled: false, why: "W's wait consumed the signal" },
      {
        kind: "run-order",
        afterTick: 1,
        order: ["W", "S"],
        why: "W, boosted to 9, preempts S right after KeSetEvent",
      },
    ],
    checkpoints: [
      {
        afterSteps: 2,
        facts: [
          { kind: "thread", name: "W", priority: 9, why: "8 + increment 1" },
          {
            kind: "object",
            name: "E",
            signaled: false,
            why: "a synchronization event resets when it releases its waiter",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
