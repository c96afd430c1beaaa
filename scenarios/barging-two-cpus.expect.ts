// How barging-two-cpus.ksync must end (docs/kernel-semantics.md §9 S13), run with `ksync run`'s
// defaults. Checked by scenarios/outcomes.test.ts; only tests load this file (the app's bundle does
// not).
import { free, type ScenarioExpectations } from "./expectations";

export default {
  expected: {
    outcome: "completed",
    facts: [
      {
        kind: "object",
        name: "M",
        owner: null,
        count: free,
        contention: 1,
        why: "only W's first acquire entered the slow path; B took the fast path",
      },
      { kind: "thread", name: "W", state: "Terminated", why: "W gets M after B releases it" },
    ],
  },
} satisfies ScenarioExpectations;
