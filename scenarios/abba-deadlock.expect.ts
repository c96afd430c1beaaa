// How abba-deadlock.ksync must end (docs/kernel-semantics.md §9 S2), run with `ksync run`'s defaults.
// Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "deadlock",
    cycle: [
      { thread: "T1", waitsFor: "B", heldBy: "T2" },
      { thread: "T2", waitsFor: "A", heldBy: "T1" },
    ],
    facts: [
      {
        kind: "thread",
        name: "T1",
        state: "Waiting",
        waitingOn: "B",
        owns: ["A"],
        specialApcDisable: -2,
        why: "owns A, blocked acquiring B",
      },
      {
        kind: "thread",
        name: "T2",
        state: "Waiting",
        waitingOn: "A",
        owns: ["B"],
        specialApcDisable: -2,
        why: "owns B, blocked acquiring A",
      },
    ],
  },
} satisfies ScenarioExpectations;
