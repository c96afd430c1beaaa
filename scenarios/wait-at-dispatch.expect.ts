// How wait-at-dispatch.ksync must end (docs/kernel-semantics.md §9 S9), run with `ksync run`'s defaults
// and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load this file
// (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: { code: "0xC4", parameters: ["0x121", null, null, null], thread: "T", at: "KeWaitForSingleObject(&E" },
  },
  variants: [
    {
      options: { verifier: "off" },
      note: "without the verifier the simulator's choice for the fatal wait is 0xA with the current IRQL (§8, which check wins, 4)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xA",
          parameters: ["0x0", "0x2", "0x0", "0x0"],
          thread: "T",
          at: "KeWaitForSingleObject(&E",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
