// How fast-mutex-irql.ksync must end (docs/kernel-semantics.md §9 S7), run with `ksync run`'s defaults.
// Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "F", owner: null, count: free, why: "released" },
      {
        kind: "thread",
        name: "T",
        state: "Terminated",
        irql: 0,
        why: "the release lowered IRQL back to PASSIVE_LEVEL",
      },
      { kind: "run-order", afterTick: 1, order: ["H", "T"], why: "H preempts T although T holds F at APC_LEVEL" },
    ],
    checkpoints: [
      {
        afterSteps: 2,
        facts: [{ kind: "thread", name: "T", irql: 1, owns: ["F"], why: "holding a fast mutex means APC_LEVEL" }],
      },
    ],
  },
} satisfies ScenarioExpectations;
