// How priority-inversion.ksync must end (docs/kernel-semantics.md §9 S14), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "step-limit",
    facts: [
      {
        kind: "thread",
        name: "L",
        state: "Terminated",
        why: "the balance-set manager's boost to 15 finally let L release M",
      },
      { kind: "thread", name: "H", state: "Terminated", why: "H ran after L released M" },
      { kind: "object", name: "M", owner: null, count: free, contention: 1, why: "released" },
    ],
    checkpoints: [
      {
        afterSteps: 40,
        facts: [
          { kind: "thread", name: "H", state: "Waiting", waitingOn: "M", why: "H starves behind L" },
          {
            kind: "thread",
            name: "L",
            state: "Ready",
            owns: ["M"],
            priority: 4,
            why: "L never gets the CPU while Mid loops",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
