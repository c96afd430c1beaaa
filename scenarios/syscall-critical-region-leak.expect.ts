// How syscall-critical-region-leak.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: { code: "0x1", parameters: [null, null, "0xFFFF", "0x0"], thread: "T" },
  },
} satisfies ScenarioExpectations;
