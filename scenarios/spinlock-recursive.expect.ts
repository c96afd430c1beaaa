// How spinlock-recursive.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "deadlock",
    cycle: [{ thread: "T", waitsFor: "S", heldBy: "T" }],
    facts: [
      {
        kind: "thread",
        name: "T",
        state: "Running",
        waitingOn: "S",
        irql: 2,
        why: "spinning on its own lock at DISPATCH_LEVEL",
      },
    ],
  },
} satisfies ScenarioExpectations;
