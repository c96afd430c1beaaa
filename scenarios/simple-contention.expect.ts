// How simple-contention.ksync must end (docs/kernel-semantics.md §9 S1), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      {
        kind: "object",
        name: "M",
        owner: null,
        count: free,
        contention: 1,
        why: "one slow-path entry (H's), and M ends free",
      },
      { kind: "thread", name: "L", state: "Terminated", specialApcDisable: 0, why: "L left its guarded region" },
      { kind: "thread", name: "H", state: "Terminated", specialApcDisable: 0, why: "H left its guarded region" },
    ],
    checkpoints: [
      {
        afterSteps: 2,
        facts: [
          {
            kind: "object",
            name: "M",
            owner: "L",
            count: { free: false, woken: false, waiters: 1 },
            contention: 1,
            why: "H registered as a waiter",
          },
          { kind: "thread", name: "H", state: "Waiting", waitingOn: "M", why: "H sleeps on M's gate" },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
