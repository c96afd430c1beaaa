// How event-wait-timeout.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "object", name: "E", signaled: false, why: "nobody set it; the wait timed out" },
      { kind: "thread", name: "W", state: "Terminated", why: "the timeout ended the wait" },
    ],
  },
} satisfies ScenarioExpectations;
