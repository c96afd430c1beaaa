// How apc-release-preempted.ksync must end (docs/kernel-semantics.md §9 S5), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      {
        kind: "apc",
        name: "Audit",
        deliveredAt: 10,
        why: "delivered only when Worker1 finishes its release, after Worker2 is done",
      },
      {
        kind: "run-order",
        afterTick: 5,
        order: ["Worker2", "Worker1"],
        why: "the boosted waiter preempts Worker1 inside the release",
      },
      { kind: "object", name: "Lock", owner: null, count: free, contention: 1, why: "Worker2's one slow-path entry" },
    ],
    checkpoints: [
      {
        afterSteps: 6,
        facts: [
          {
            kind: "thread",
            name: "Worker1",
            state: "Ready",
            specialApcDisable: -1,
            owns: [],
            why: "preempted inside the release: lock freed, guarded region not yet left, Audit still waits",
          },
          { kind: "thread", name: "Worker2", priority: 9, why: "lock boost 8 + 1 preempts Worker1" },
          {
            kind: "object",
            name: "Lock",
            owner: null,
            count: { free: true, woken: true, waiters: 0 },
            why: "released, one waiter woken",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
