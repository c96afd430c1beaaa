// How exit-holding-guarded-mutex.ksync must end (docs/kernel-semantics.md §9 S18), run with `ksync
// run`'s defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's
// bundle does not).
import { apcPendingDuringExit, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: apcPendingDuringExit("T", "0xFFFF0000"),
    facts: [{ kind: "thread", name: "T", specialApcDisable: -1, why: "still inside the mutex's guarded region" }],
  },
} satisfies ScenarioExpectations;
