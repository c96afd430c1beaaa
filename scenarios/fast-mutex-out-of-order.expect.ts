// How fast-mutex-out-of-order.ksync must end (docs/kernel-semantics.md §9 S20), run with `ksync run`'s
// defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load
// this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: { code: "0x4A", parameters: [null, "0x1", "0x0", "0x0"], thread: "T" },
    facts: [{ kind: "thread", name: "T", owns: [], why: "both mutexes were released, in the wrong order" }],
  },
  variants: [
    {
      options: { verifier: "on" },
      note: "the verifier catches ExReleaseFastMutex(&B) at PASSIVE_LEVEL (§8 row 3)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x34", null, null, null],
          thread: "T",
          at: "ExReleaseFastMutex(&B);",
        },
      },
    },
    {
      options: { verifier: "deadlock" },
      note: "deadlock detection already catches the release of A out of acquisition order",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x1003", "&A", "&B", null],
          thread: "T",
          at: "ExReleaseFastMutex(&A);",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
