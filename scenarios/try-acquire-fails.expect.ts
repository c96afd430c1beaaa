// How try-acquire-fails.ksync must end (docs/kernel-semantics.md §9 S4), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, ownedNoWaiters, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      {
        kind: "object",
        name: "M",
        owner: null,
        count: free,
        contention: 0,
        why: "the failed try registered no waiter and no contention",
      },
      { kind: "thread", name: "T2", state: "Terminated", specialApcDisable: 0, why: "the try left its region again" },
    ],
    checkpoints: [
      {
        afterSteps: 2,
        facts: [
          {
            kind: "object",
            name: "M",
            owner: "T1",
            count: ownedNoWaiters,
            contention: 0,
            why: "KeTryToAcquireGuardedMutex returned FALSE without registering",
          },
          { kind: "thread", name: "T2", specialApcDisable: 0, why: "the try entered and left a guarded region" },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
