// How user-apc-alertable-wait.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      { kind: "apc", name: "U", deliveredAt: 2, why: "the alertable user-mode wait lets the user APC in" },
      { kind: "thread", name: "W", state: "Terminated", why: "the wait returned STATUS_USER_APC" },
    ],
  },
} satisfies ScenarioExpectations;
