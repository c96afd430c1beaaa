// How convoy-woken-waiter.ksync must end (docs/kernel-semantics.md §9 S12), run with `ksync run`'s
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
        why: "Lo's retry after its wake-up is not a new slow-path entry",
      },
      {
        kind: "run-order",
        afterTick: 4,
        order: ["Hi", "Lo"],
        why: "Lo, boosted only to 13, waits until Hi (15) is done",
      },
    ],
    checkpoints: [
      {
        afterSteps: 3,
        facts: [
          {
            kind: "object",
            name: "M",
            owner: "Hi",
            count: { free: false, woken: false, waiters: 1 },
            contention: 1,
            why: "Lo blocked while Hi sleeps holding M",
          },
          { kind: "thread", name: "Lo", state: "Waiting", waitingOn: "M", why: "Lo waits on M's gate" },
        ],
      },
      {
        afterSteps: 4,
        facts: [
          {
            kind: "object",
            name: "M",
            owner: null,
            count: { free: true, woken: true, waiters: 0 },
            why: "Hi's release woke Lo",
          },
          {
            kind: "thread",
            name: "Lo",
            state: "Ready",
            priority: 13,
            why: "lock boost min(15 + 1, 13) = 13, still below Hi",
          },
        ],
      },
    ],
  },
} satisfies ScenarioExpectations;
