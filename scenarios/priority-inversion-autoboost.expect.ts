// How priority-inversion-autoboost.ksync must end (docs/kernel-semantics.md §9 S14), run with `ksync
// run`'s defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's
// bundle does not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "step-limit",
    facts: [
      { kind: "thread", name: "L", state: "Terminated", why: "L finished its release once it got the CPU back" },
      { kind: "thread", name: "H", state: "Terminated", why: "H ran right after L released M" },
      { kind: "object", name: "M", owner: null, count: free, contention: 1, why: "released" },
    ],
    checkpoints: [
      {
        afterSteps: 40,
        facts: [
          {
            kind: "thread",
            name: "H",
            state: "Terminated",
            why: "done within a few ticks: L ran at 12 while H waited",
          },
          {
            kind: "thread",
            name: "L",
            owns: [],
            priority: 4,
            why: "back at its own priority after the release; H preempted it inside the release call",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
