// How release-by-non-owner.ksync must end (docs/kernel-semantics.md §9 S10), run with `ksync run`'s
// defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load
// this file (the app's bundle does not).
import { free, ownedNoWaiters, apcPendingDuringExit, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "bugcheck",
    bugcheck: apcPendingDuringExit("B", "0x10000"),
    facts: [
      {
        kind: "object",
        name: "M",
        owner: null,
        count: ownedNoWaiters,
        why: "wedged: owned, with no owner and nobody to release it",
      },
      { kind: "thread", name: "B", specialApcDisable: 1, why: "B left a guarded region it never entered" },
    ],
    checkpoints: [
      {
        afterSteps: 2,
        facts: [
          { kind: "object", name: "M", owner: null, count: free, why: "B's release freed M under A" },
          {
            kind: "thread",
            name: "A",
            owns: [],
            specialApcDisable: -1,
            why: "A is still inside but no longer the Owner",
          },
        ],
      },
    ],
  },
  variants: [
    {
      options: { verifier: "deadlock" },
      note: "deadlock detection catches the release by a thread that does not own M (§8 row 5)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x1004", null, null, null],
          thread: "B",
          at: "KeReleaseGuardedMutex(&M);      // not the owner",
        },
      },
    },
    {
      options: { windows: 8 },
      note: "with AutoBoost (Windows 8 and later), the release of a tracked lock by a non-owner is 0x162 (§8 row 5)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0x162",
          parameters: [null, null, null, null],
          thread: "B",
          at: "KeReleaseGuardedMutex(&M);      // not the owner",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
