// #goal and C labels: what the compiler makes of them, and every error with its
// position (line:col-endLine:endCol, 1-based, end exclusive) and hint.
import { describe, expect, it } from "vitest";
import { encodeProgram } from "./encode";
import { compileScenario } from "./index";
import { GOAL_WORDS, GoalKind, HeaderWord, Op } from "./program";
import { diagnosticsOf } from "./test-helpers";

const SCENARIO = `KGUARDED_MUTEX M;
KEVENT E = { SynchronizationEvent, FALSE };
apc Audit (special, target = T1) { Work(1); }
thread T1 {
    KeAcquireGuardedMutex(&M);
Inside: Work(3);
    KeReleaseGuardedMutex(&M);
}
thread T2 {
    Before: { Work(1); Yield(); }
    KeAcquireGuardedMutex(&M);
    Inside: Work(1);
    KeReleaseGuardedMutex(&M);
}
`;

function compile(goal: string, body = SCENARIO) {
  return compileScenario(`#goal ${goal}\n${body}`);
}

describe("labels", () => {
  it("name the instructions of the statement they label, relative to the body", () => {
    const p = compile("deadlock").program!;
    expect(p.threads[0]!.body.labels).toEqual([{ name: "Inside", start: 1, end: 2, line: 7 }]);
    // A label on a block covers all of its instructions; labels are in source order.
    expect(p.threads[1]!.body.labels).toEqual([
      { name: "Before", start: 0, end: 2, line: 11 },
      { name: "Inside", start: 3, end: 4, line: 13 },
    ]);
    expect(p.threads[1]!.body.code[3]!.op).toBe(Op.Work);
  });

  it("nested labels and a label on a loop", () => {
    const p = compileScenario("thread T { Outer: repeat (2) { Inner: Work(1); } Work(1); }").program!;
    const labels = p.threads[0]!.body.labels;
    expect(labels.map((l) => l.name)).toEqual(["Outer", "Inner"]);
    const [outer, inner] = labels;
    // RepeatInit, Work, RepeatNext
    expect([outer!.start, outer!.end]).toEqual([0, 3]);
    expect([inner!.start, inner!.end]).toEqual([1, 2]);
  });

  it("do not change the code", () => {
    const plain = compileScenario("thread T { Work(1); Work(2); }").program!;
    const labelled = compileScenario("thread T { A: Work(1); B: Work(2); }").program!;
    expect(labelled.threads[0]!.body.code).toEqual(plain.threads[0]!.body.code);
  });

  it.each([
    [
      "duplicate label",
      "thread T { L: Work(1); L: Work(2); }",
      ["1:24-1:25 duplicate label L (thread T already has L on line 1)"],
    ],
    [
      "label on nothing",
      "thread T { L: ; Work(1); }",
      ["1:12-1:13 label L is on a statement that runs no instruction (label a call such as Work(1);)"],
    ],
    [
      "label before }",
      "thread T { Work(1); L: }",
      ["1:24-1:25 label L must be followed by a statement (write L: Work(1);)"],
    ],
    ["reserved word", "thread T { TRUE: Work(1); }", ["1:12-1:16 TRUE is a reserved word and cannot be a label"]],
  ])("%s", (_, source, expected) => {
    expect(diagnosticsOf(source)).toEqual(expected);
  });

  it("the same label name in two bodies is fine", () => {
    expect(diagnosticsOf("thread A { L: Work(1); }\nthread B { L: Work(1); }")).toEqual([]);
  });
});

describe("#goal", () => {
  it("has no goal without the directive", () => {
    expect(compileScenario(SCENARIO).program!.goal).toBeNull();
  });

  it.each([
    ["deadlock", GoalKind.Deadlock, [0, 0, 0], "deadlock"],
    ["completed", GoalKind.Completed, [0, 0, 0], "completed"],
    ["bugcheck 0xc4", GoalKind.BugCheck, [0xc4, 0, 0], "bugcheck 0xC4"],
    ["bugcheck 196 0x1004", GoalKind.BugCheck, [0xc4, 1, 0x1004], "bugcheck 0xC4 0x1004"],
    ["T2 at Inside", GoalKind.At, [1, 3, 4], "T2 at Inside"],
    ["T2 waits > 5", GoalKind.Waits, [1, 5, 0], "T2 waits > 5"],
    ["T1 owns M", GoalKind.Owns, [0, 0, 0], "T1 owns M"],
    ["Audit delivered", GoalKind.Delivered, [0, 0, 0], "Audit delivered"],
  ] as const)("%s", (source, kind, [a, b, c], text) => {
    const r = compile(source);
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.goal).toEqual({ text, terms: [{ kind, text, a, b, c }], line: 1 });
  });

  it("joins terms with and; the goal text is the normalised terms", () => {
    const goal = compile("T1   at Inside and T2 at Inside and T2 waits>0").program!.goal!;
    expect(goal.text).toBe("T1 at Inside and T2 at Inside and T2 waits > 0");
    expect(goal.terms.map((t) => t.kind)).toEqual([GoalKind.At, GoalKind.At, GoalKind.Waits]);
  });

  it("is encoded after the code, label ranges made absolute like jump targets", () => {
    const p = compile("T1 at Inside and T2 at Inside and bugcheck 0xC4 0x1004").program!;
    const words = encodeProgram(p);
    expect(words[HeaderWord.GoalCount]).toBe(3);
    const at = words[HeaderWord.GoalsOffset]!;
    const t2Start = p.threads[0]!.body.code.length; // T2's body follows T1's
    expect([...words.subarray(at, at + 3 * GOAL_WORDS)]).toEqual([
      GoalKind.At,
      0,
      1,
      2,
      GoalKind.At,
      1,
      t2Start + 3,
      t2Start + 4,
      GoalKind.BugCheck,
      0xc4,
      1,
      0x1004,
    ]);
    expect(words[HeaderWord.TotalWords]).toBe(at + 3 * GOAL_WORDS);
    expect(words.length).toBe(at + 3 * GOAL_WORDS);
  });

  it.each([
    [
      "no condition",
      "",
      [
        "1:1-1:6 #goal needs a condition (for example #goal deadlock, #goal bugcheck 0xC4 or #goal T1 at Inside and T2 at Inside)",
      ],
    ],
    ["unknown word, near a keyword", "deadlok", ["1:7-1:14 unknown goal condition deadlok (did you mean deadlock?)"]],
    ["unknown thread", "T3 at Inside", ["1:7-1:9 undeclared thread T3"]],
    ["unknown apc, near a declared one", "Audi delivered", ["1:7-1:11 undeclared apc Audi (did you mean Audit?)"]],
    ["unknown word, near a thread", "T1x", ["1:7-1:10 unknown goal condition T1x (did you mean T1?)"]],
    ["unknown verb", "T1 sits Inside", ["1:10-1:14 expected at, waits or owns after T1, found sits"]],
    ["verb typo", "T1 ownz M", ["1:10-1:14 expected at, waits or owns after T1, found ownz (did you mean owns?)"]],
    ["missing verb", "T1", ["1:7-1:9 expected at, waits or owns after T1"]],
    ["an object is no subject", "M at Inside", ["1:7-1:8 M is a KGUARDED_MUTEX, not a thread"]],
    [
      "an object with an unknown verb",
      "M free",
      [
        "1:9-1:13 expected at, waits or owns after M, found free (M is a KGUARDED_MUTEX; goal conditions name a thread or an apc)",
      ],
    ],
    ["at needs a thread", "Audit at Inside", ["1:7-1:12 Audit is an apc, not a thread"]],
    ["delivered needs an apc", "T1 delivered", ["1:7-1:9 T1 is a thread, not an apc"]],
    ["label typo", "T1 at Insde", ["1:13-1:18 thread T1 has no label Insde (did you mean Inside?)"]],
    [
      "label of another thread",
      "T1 at Before",
      ["1:13-1:19 thread T1 has no label Before (Before labels a statement of thread T2)"],
    ],
    ["no such label anywhere", "T1 at Nowhere", ["1:13-1:20 thread T1 has no label Nowhere (its labels: Inside)"]],
    [
      "missing label",
      "T1 at",
      ["1:12-1:12 expected a label at the end of #goal (label a statement of T1: Inside: Work(1);)"],
    ],
    ["waits without >", "T2 waits 5", ["1:16-1:17 expected > after waits, found 5 (write T2 waits > 5)"]],
    ["waits without a number", "T2 waits > long", ["1:18-1:22 expected a number of ticks, found long"]],
    [
      "owns an event",
      "T1 owns E",
      ["1:15-1:16 KEVENT E has no owner (owns names a guarded mutex, a fast mutex or a spin lock)"],
    ],
    ["owns an unknown object", "T1 owns N", ["1:15-1:16 undeclared object N"]],
    ["owns a typo", "T1 owns MM", ["1:15-1:17 undeclared object MM"]],
    ["bugcheck without a code", "bugcheck", ["1:15-1:15 expected a bug-check code such as 0xC4 at the end of #goal"]],
    ["bugcheck with a name", "bugcheck IRQL", ["1:16-1:20 expected a bug-check code such as 0xC4, found IRQL"]],
    [
      "code too large",
      "bugcheck 0x100000000",
      ["1:16-1:27 a bug-check code such as 0xC4 must be at most 0xFFFFFFFF, got 0x100000000"],
    ],
    ["missing and", "deadlock T1 owns M", ["1:16-1:18 expected and between goal conditions, found T1"]],
    ["dangling and", "deadlock and", ["1:16-1:19 expected a goal condition after and"]],
    ["duplicate term", "T1 owns M and T1  owns M", ["1:21-1:31 T1 owns M is already a condition of this goal"]],
    [
      "two outcomes",
      "deadlock and bugcheck 0xC4",
      [
        "1:20-1:33 bugcheck 0xC4 and deadlock cannot both hold (a run ends one way: in a deadlock, completed, or with one bug check)",
      ],
    ],
  ])("error: %s", (_, goal, expected) => {
    expect(diagnosticsOf(`#goal ${goal}\n${SCENARIO}`)).toEqual(expected);
  });

  it("must come before the declarations, once", () => {
    expect(diagnosticsOf(`${SCENARIO}#goal deadlock\n`)).toEqual([
      "15:1-15:6 #goal must come before any declaration (move the directives to the top of the file)",
    ]);
    expect(diagnosticsOf(`#goal deadlock\n#goal completed\n${SCENARIO}`)).toEqual([
      "2:1-2:6 duplicate directive #goal (it is already set on line 1)",
    ]);
  });

  it("ends at the end of its line: the next line is a declaration again", () => {
    const r = compileScenario(`#goal T1 owns M\nKSPIN_LOCK S;\n${SCENARIO}`);
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.objects.map((o) => o.name)).toEqual(["S", "M", "E"]);
  });

  it("reports at most one error per goal, after the scenario's own errors are found", () => {
    expect(diagnosticsOf("#goal T9 at X and bogus\nthread T1 { Frob(); }")).toEqual([
      "1:7-1:9 undeclared thread T9",
      "2:13-2:17 unknown routine Frob",
    ]);
  });

  it("allows 16 terms, not 17", () => {
    const names = Array.from({ length: 17 }, (_, i) => `L${i}`);
    const body = `KGUARDED_MUTEX M;\nthread T { ${names.map((n) => `${n}: Work(1);`).join(" ")} }`;
    const goal = (n: number) =>
      names
        .slice(0, n)
        .map((l) => `T at ${l}`)
        .join(" and ");
    expect(compileScenario(`#goal ${goal(16)}\n${body}`).diagnostics).toEqual([]);
    expect(diagnosticsOf(`#goal ${goal(17)}\n${body}`)).toEqual([
      `1:${6 + goal(16).length + 6}-1:${6 + goal(17).length + 1} a goal has at most 16 conditions`,
    ]);
  });
});
