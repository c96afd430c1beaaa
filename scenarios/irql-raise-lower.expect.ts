// How irql-raise-lower.ksync must end, run with `ksync run`'s defaults. Checked by
// scenarios/outcomes.test.ts; only tests load this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: {
      code: "0xC4",
      parameters: ["0x30", "0x2", "0x1", null],
      thread: "T",
      at: "KeRaiseIrql(APC_LEVEL, &older)",
    },
  },
} satisfies ScenarioExpectations;
