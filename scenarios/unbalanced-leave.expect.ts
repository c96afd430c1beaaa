// How unbalanced-leave.ksync must end (docs/kernel-semantics.md §9 S21), run with `ksync run`'s defaults
// and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load this file
// (the app's bundle does not).
import { apcPendingDuringExit, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: apcPendingDuringExit("T", "0x10000"),
    facts: [
      { kind: "thread", name: "T", specialApcDisable: 1, why: "one leave too many" },
      { kind: "apc", name: "S", deliveredAt: null, why: "a positive count blocks APCs as well" },
    ],
  },
  variants: [
    {
      options: { verifier: "on" },
      note: "the verifier's GuardedRegions rule catches the extra leave itself (§8 row 15)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          rule: "GuardedRegions",
          parameters: ["0x4000E", null, null, null],
          thread: "T",
          at: "KeLeaveGuardedRegion();         // +1",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
