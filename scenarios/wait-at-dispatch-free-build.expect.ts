// How wait-at-dispatch-free-build.ksync must end (docs/kernel-semantics.md §9 S9), run with `ksync
// run`'s defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's
// bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: { code: "0xA", parameters: ["0x0", "0x2", "0x0", "0x0"], thread: "T", at: "KeWaitForSingleObject(&E" },
  },
} satisfies ScenarioExpectations;
