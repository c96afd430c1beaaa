// How lock-convoy-two-cpus.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [{ kind: "object", name: "M", owner: null, count: free, why: "every acquire was released" }],
  },
} satisfies ScenarioExpectations;
