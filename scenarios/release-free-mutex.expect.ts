// How release-free-mutex.ksync must end (docs/kernel-semantics.md §9 S11), run with `ksync run`'s
// defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load
// this file (the app's bundle does not).
import { apcPendingDuringExit, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: apcPendingDuringExit("T1", "0x10000"),
    facts: [
      {
        kind: "object",
        name: "M",
        owner: null,
        count: { free: false, woken: true, waiters: 2 },
        contention: 2,
        why: "T2 and T3 hang on a mutex nobody owns",
      },
      {
        kind: "thread",
        name: "T2",
        state: "Waiting",
        waitingOn: "M",
        why: "sleeping again after passing the latched gate",
      },
      { kind: "thread", name: "T3", state: "Waiting", waitingOn: "M", why: "registered behind T2" },
      { kind: "thread", name: "T1", specialApcDisable: 1, why: "T1 left a guarded region it never entered" },
    ],
  },
  variants: [
    {
      options: { verifier: "deadlock" },
      note: "deadlock detection catches the release of a lock nobody acquired (§8 row 6)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x1007", null, null, null],
          thread: "T1",
          at: "KeReleaseGuardedMutex(&M);      // M was free",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
