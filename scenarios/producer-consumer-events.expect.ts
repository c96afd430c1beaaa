// How producer-consumer-events.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "SlotFree", signaled: true, why: "the consumer's last set has no waiter" },
      { kind: "object", name: "ItemReady", signaled: false, why: "every item was consumed" },
      { kind: "object", name: "Queue", owner: null, count: free, why: "released" },
    ],
  },
} satisfies ScenarioExpectations;
