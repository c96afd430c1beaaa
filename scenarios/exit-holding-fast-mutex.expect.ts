// How exit-holding-fast-mutex.ksync must end (docs/kernel-semantics.md §9 S18), run with `ksync run`'s
// defaults and with each variant's options. Checked by scenarios/outcomes.test.ts; only tests load
// this file (the app's bundle does not).
import type { ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "deadlock",
    facts: [
      {
        kind: "thread",
        name: "T",
        state: "Terminated",
        irql: 0,
        why: "exit lowered IRQL; no APC counter was set, so no bug check",
      },
      { kind: "object", name: "F", owner: "T", why: "owned by a thread that no longer exists" },
      { kind: "thread", name: "U", state: "Waiting", waitingOn: "F", why: "waits forever" },
    ],
  },
  variants: [
    {
      options: { verifier: "deadlock" },
      note: "deadlock detection catches the exit while owning F (§8 row 12)",
      expected: {
        outcome: "bugcheck",
        bugcheck: { code: "0xC4", parameters: ["0x100A", null, null, null], thread: "T" },
      },
    },
  ],
} satisfies ScenarioExpectations;
