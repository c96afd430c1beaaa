// How recursive-acquire.ksync must end (docs/kernel-semantics.md §9 S3), run with `ksync run`'s defaults
// and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load this file
// (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "deadlock",
    cycle: [{ thread: "T1", waitsFor: "M", heldBy: "T1" }],
    facts: [
      {
        kind: "object",
        name: "M",
        owner: "T1",
        count: { free: false, woken: false, waiters: 1 },
        contention: 1,
        why: "T1 registered as a waiter on its own mutex",
      },
      {
        kind: "thread",
        name: "T1",
        state: "Waiting",
        waitingOn: "M",
        owns: ["M"],
        specialApcDisable: -2,
        why: "two guarded regions entered",
      },
    ],
  },
  variants: [
    {
      options: { verifier: "deadlock" },
      note: "Driver Verifier's deadlock detection reports the self-deadlock at the second acquire (§8 row 4)",
      expected: {
        outcome: "bugcheck",
        bugcheck: {
          code: "0xC4",
          parameters: ["0x1000", null, null, null],
          thread: "T1",
          at: "KeAcquireGuardedMutex(&M);      // T1 waits for itself",
        },
      },
    },
  ],
} satisfies ScenarioExpectations;
