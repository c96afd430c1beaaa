// How unsafe-apc-reentry.ksync must end (docs/kernel-semantics.md §9 S19), run with `ksync run`'s
// defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load
// this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "deadlock",
    cycle: [{ thread: "T", waitsFor: "F", heldBy: "T" }],
    facts: [
      {
        kind: "thread",
        name: "T",
        state: "Waiting",
        waitingOn: "F",
        owns: ["F"],
        why: "the APC running on T waits for T's own mutex",
      },
      { kind: "apc", name: "X", deliveredAt: 1, why: "nothing held X back: IRQL 0 and no region" },
    ],
  },
  variants: [
    {
      options: { verifier: "on" },
      note: "the verifier catches the Unsafe acquire at PASSIVE_LEVEL outside a region (§8 row 18)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x39", null, null, null],
          thread: "T",
          at: "ExAcquireFastMutexUnsafe(&F);",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
