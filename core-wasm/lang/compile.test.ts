import { describe, expect, it } from "vitest";
import { encodeProgram } from "./encode";
import { compileScenario, ROUTINES } from "./index";
import {
  ApcKind,
  EventType,
  ObjectType,
  Op,
  SchedulerKind,
  ValueSource,
  VerifierMode,
  type ScenarioOptions,
} from "./program";
import { BODY_FIRST_LINE, compileBody, diagnosticsOf, opsOf } from "./test-helpers";

const SPEC_EXAMPLE = `// A special kernel APC is queued to Worker1 while it holds a guarded mutex;
// it is delivered inside the release, when the guarded region is left.
#title   "APC held back by a guarded region"
#cpus    1

KGUARDED_MUTEX Lock;

apc Audit (special, target = Worker1) {
    Work(1);
}

thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Audit);      // pending: special APCs are disabled here
    Work(2);
    KeReleaseGuardedMutex(&Lock);  // leaving the guarded region delivers it
    Work(1);
}
`;

describe("compileScenario: the example of scenario-language.md", () => {
  it("compiles to the expected program", () => {
    const r = compileScenario(SPEC_EXAMPLE, { fileName: "scenarios/apc-held.ksync" });
    expect(r.diagnostics).toEqual([]);
    expect(r.title).toBe("APC held back by a guarded region");
    expect(r.description).toBe("");
    const p = r.program!;
    expect(p.options).toEqual({
      cpus: 1,
      quantum: 3,
      seed: 1,
      scheduler: SchedulerKind.Priority,
      verifier: VerifierMode.On,
      windows: 8,
      boosts: true,
      autoboost: true,
    });
    expect(p.objects).toEqual([
      { name: "Lock", type: ObjectType.GuardedMutex, eventType: 0, initiallySignaled: false, line: 6 },
    ]);
    expect(p.apcs).toHaveLength(1);
    expect(p.apcs[0]).toMatchObject({ name: "Audit", kind: ApcKind.SpecialKernel, target: 0, line: 8 });
    expect(p.apcs[0]!.body.code).toEqual([
      { op: Op.Work, line: 9, a: 1, b: 0, c: 0, d: 0 },
      { op: Op.End, line: 10, a: 0, b: 0, c: 0, d: 0 },
    ]);
    expect(p.threads).toHaveLength(1);
    expect(p.threads[0]).toMatchObject({
      name: "Worker1",
      priority: 8,
      start: 0,
      affinity: -1,
      syscall: false,
      line: 12,
    });
    expect(p.threads[0]!.body).toEqual({
      localCount: 0,
      localNames: [],
      labels: [],
      code: [
        { op: Op.AcquireGuardedMutex, line: 13, a: 0, b: 0, c: 0, d: 0 },
        { op: Op.InsertQueueApc, line: 14, a: 0, b: 0, c: 0, d: 0 },
        { op: Op.Work, line: 15, a: 2, b: 0, c: 0, d: 0 },
        { op: Op.ReleaseGuardedMutex, line: 16, a: 0, b: 0, c: 0, d: 0 },
        { op: Op.Work, line: 17, a: 1, b: 0, c: 0, d: 0 },
        { op: Op.End, line: 18, a: 0, b: 0, c: 0, d: 0 },
      ],
    });
    expect(p.dpcs).toEqual([]);
    expect(p.insertions).toEqual([]);
  });
});

describe("every routine lowers to its opcode and operands", () => {
  // PRELUDE objects: M = 0 (KGUARDED_MUTEX), F = 1 (FAST_MUTEX), S = 2 (KSPIN_LOCK), E = 3 (KEVENT); apc A = 0, dpc D = 0.
  // `KIRQL old;` is slot 0. Tuples are [op, a, b, c, d].
  const cases: [string, number[]][] = [
    ["KeAcquireGuardedMutex(&M);", [Op.AcquireGuardedMutex, 0, 0, 0, 0]],
    ["KeReleaseGuardedMutex(&M);", [Op.ReleaseGuardedMutex, 0, 0, 0, 0]],
    ["KeTryToAcquireGuardedMutex(&M);", [Op.TryToAcquireGuardedMutex, 0, 1, 0, 0]],
    ["KeAcquireGuardedMutexUnsafe(&M);", [Op.AcquireGuardedMutexUnsafe, 0, 0, 0, 0]],
    ["KeReleaseGuardedMutexUnsafe(&M);", [Op.ReleaseGuardedMutexUnsafe, 0, 0, 0, 0]],
    ["ExAcquireFastMutex(&F);", [Op.AcquireFastMutex, 1, 0, 0, 0]],
    ["ExReleaseFastMutex(&F);", [Op.ReleaseFastMutex, 1, 0, 0, 0]],
    ["ExTryToAcquireFastMutex(&F);", [Op.TryToAcquireFastMutex, 1, 1, 0, 0]],
    ["ExAcquireFastMutexUnsafe(&F);", [Op.AcquireFastMutexUnsafe, 1, 0, 0, 0]],
    ["ExReleaseFastMutexUnsafe(&F);", [Op.ReleaseFastMutexUnsafe, 1, 0, 0, 0]],
    ["KeEnterGuardedRegion();", [Op.EnterGuardedRegion, 0, 0, 0, 0]],
    ["KeLeaveGuardedRegion();", [Op.LeaveGuardedRegion, 0, 0, 0, 0]],
    ["KeEnterCriticalRegion();", [Op.EnterCriticalRegion, 0, 0, 0, 0]],
    ["KeLeaveCriticalRegion();", [Op.LeaveCriticalRegion, 0, 0, 0, 0]],
    ["KeRaiseIrql(DISPATCH_LEVEL, &old);", [Op.RaiseIrql, 2, 0, 0, 0]],
    ["KeRaiseIrql(PASSIVE_LEVEL, &old);", [Op.RaiseIrql, 0, 0, 0, 0]],
    ["KeRaiseIrql(APC_LEVEL, &old);", [Op.RaiseIrql, 1, 0, 0, 0]],
    ["KeRaiseIrql(DIRQL(3), &old);", [Op.RaiseIrql, 3, 0, 0, 0]],
    ["KeRaiseIrql(DIRQL(12), &old);", [Op.RaiseIrql, 12, 0, 0, 0]],
    ["KeRaiseIrql(CLOCK_LEVEL, &old);", [Op.RaiseIrql, 13, 0, 0, 0]],
    ["KeRaiseIrql(IPI_LEVEL, &old);", [Op.RaiseIrql, 14, 0, 0, 0]],
    ["KeRaiseIrql(HIGH_LEVEL, &old);", [Op.RaiseIrql, 15, 0, 0, 0]],
    ["KeRaiseIrql(2, &old);", [Op.RaiseIrql, 2, 0, 0, 0]],
    ["old = KeRaiseIrqlToDpcLevel();", [Op.RaiseIrqlToDpcLevel, 0, 0, 0, 0]],
    ["KeRaiseIrqlToDpcLevel();", [Op.RaiseIrqlToDpcLevel, -1, 0, 0, 0]],
    ["KeLowerIrql(old);", [Op.LowerIrql, ValueSource.Local, 0, 0, 0]],
    ["KeLowerIrql(PASSIVE_LEVEL);", [Op.LowerIrql, ValueSource.Constant, 0, 0, 0]],
    ["KeLowerIrql(APC_LEVEL);", [Op.LowerIrql, ValueSource.Constant, 1, 0, 0]],
    ["KeAcquireSpinLock(&S, &old);", [Op.AcquireSpinLock, 2, 0, 0, 0]],
    ["KeReleaseSpinLock(&S, old);", [Op.ReleaseSpinLock, 2, ValueSource.Local, 0, 0]],
    ["KeReleaseSpinLock(&S, APC_LEVEL);", [Op.ReleaseSpinLock, 2, ValueSource.Constant, 1, 0]],
    ["KeAcquireSpinLockAtDpcLevel(&S);", [Op.AcquireSpinLockAtDpcLevel, 2, 0, 0, 0]],
    ["KeReleaseSpinLockFromDpcLevel(&S);", [Op.ReleaseSpinLockFromDpcLevel, 2, 0, 0, 0]],
    ["KeSetEvent(&E, 0, FALSE);", [Op.SetEvent, 3, 0, 0, 0]],
    ["KeSetEvent(&E, 1, TRUE);", [Op.SetEvent, 3, 1, 1, 0]],
    ["KeSetEvent(&E, EVENT_INCREMENT, FALSE);", [Op.SetEvent, 3, 1, 0, 0]],
    ["KeSetEvent(&E, IO_NO_INCREMENT, FALSE);", [Op.SetEvent, 3, 0, 0, 0]],
    ["KeResetEvent(&E);", [Op.ResetEvent, 3, 0, 0, 0]],
    ["KeClearEvent(&E);", [Op.ClearEvent, 3, 0, 0, 0]],
    ["KeWaitForSingleObject(&E);", [Op.WaitForSingleObject, 3, 0, 0, -1]],
    ["KeWaitForSingleObject(&E, Executive);", [Op.WaitForSingleObject, 3, 0, 0, -1]],
    ["KeWaitForSingleObject(&E, Executive, UserMode);", [Op.WaitForSingleObject, 3, 1, 0, -1]],
    ["KeWaitForSingleObject(&E, Executive, UserMode, TRUE);", [Op.WaitForSingleObject, 3, 1, 1, -1]],
    ["KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, NULL);", [Op.WaitForSingleObject, 3, 0, 0, -1]],
    ["KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, 0);", [Op.WaitForSingleObject, 3, 0, 0, 0]],
    ["KeWaitForSingleObject(&E, UserRequest, KernelMode, TRUE, 0x10);", [Op.WaitForSingleObject, 3, 0, 1, 16]],
    ["KeInsertQueueApc(&A);", [Op.InsertQueueApc, 0, 0, 0, 0]],
    ["KeInsertQueueDpc(&D);", [Op.InsertQueueDpc, 0, 0, 0, 0]],
    ["Work(1);", [Op.Work, 1, 0, 0, 0]],
    ["Work(0x20);", [Op.Work, 32, 0, 0, 0]],
    ["Delay(0);", [Op.Delay, 0, 0, 0, 0]],
    ["Delay(7);", [Op.Delay, 7, 0, 0, 0]],
    ["Yield();", [Op.Yield, 0, 0, 0, 0]],
    ["KeInitializeGuardedMutex(&M);", [Op.InitializeGuardedMutex, 0, 0, 0, 0]],
    ["ExInitializeFastMutex(&F);", [Op.InitializeFastMutex, 1, 0, 0, 0]],
    ["KeInitializeSpinLock(&S);", [Op.InitializeSpinLock, 2, 0, 0, 0]],
    ["KeInitializeEvent(&E, NotificationEvent, TRUE);", [Op.InitializeEvent, 3, EventType.Notification, 1, 0]],
    ["KeInitializeEvent(&E, SynchronizationEvent, FALSE);", [Op.InitializeEvent, 3, EventType.Synchronization, 0, 0]],
  ];

  it.each(cases)("%s", (statement, expected) => {
    const r = compileBody(`KIRQL old;\n${statement}`);
    expect(r.diagnostics).toEqual([]);
    const body = r.program!.threads[0]!.body;
    expect(opsOf(body)).toEqual([expected, [Op.End, 0, 0, 0, 0]]);
    expect(body.code[0]!.line).toBe(BODY_FIRST_LINE + 1);
    expect(body.localNames).toEqual(["old"]);
  });

  it("covers every routine of the table", () => {
    const covered = new Set(cases.map(([s]) => /^(?:old = )?(\w+)/.exec(s)![1]));
    expect(ROUTINES.map((r) => r.name).filter((n) => !covered.has(n))).toEqual([]);
    // ...and every opcode except the structural ones has a routine.
    const structural = new Set([Op.End, Op.Jump, Op.RepeatInit, Op.RepeatNext]);
    const ops = Object.values(Op).filter((v): v is Op => typeof v === "number" && !structural.has(v));
    expect(ops.filter((op) => !ROUTINES.some((r) => r.op === op))).toEqual([]);
  });
});

describe("locals", () => {
  it("KIRQL old = KeRaiseIrqlToDpcLevel(); declares and assigns", () => {
    const r = compileBody(
      "KIRQL a, b;\nKIRQL old = KeRaiseIrqlToDpcLevel();\nKeLowerIrql(old);\nKeAcquireSpinLock(&S, &b);\nKeReleaseSpinLock(&S, b);",
    );
    expect(r.diagnostics).toEqual([]);
    const body = r.program!.threads[0]!.body;
    expect(body.localNames).toEqual(["a", "b", "old"]);
    expect(body.localCount).toBe(3);
    expect(opsOf(body)).toEqual([
      [Op.RaiseIrqlToDpcLevel, 2, 0, 0, 0],
      [Op.LowerIrql, ValueSource.Local, 2, 0, 0],
      [Op.AcquireSpinLock, 2, 1, 0, 0],
      [Op.ReleaseSpinLock, 2, ValueSource.Local, 1, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
    expect(body.code.map((i) => i.line)).toEqual([1, 2, 3, 4, 5].map((k) => BODY_FIRST_LINE + k));
  });

  it("each body has its own locals, and apc and dpc bodies may declare them", () => {
    const r = compileScenario(`KSPIN_LOCK S;
thread T { KIRQL old; KeAcquireSpinLock(&S, &old); KeReleaseSpinLock(&S, old); }
thread U { KIRQL old; KeAcquireSpinLock(&S, &old); KeReleaseSpinLock(&S, old); }
apc A (special, target = T) { KIRQL x; KeRaiseIrql(DISPATCH_LEVEL, &x); KeLowerIrql(x); }
dpc D { KIRQL y = KeRaiseIrqlToDpcLevel(); KeLowerIrql(y); }
`);
    expect(r.diagnostics).toEqual([]);
    const p = r.program!;
    expect(p.threads.map((t) => t.body.localNames)).toEqual([["old"], ["old"]]);
    expect(p.apcs[0]!.body.localNames).toEqual(["x"]);
    expect(p.dpcs[0]!.body.localNames).toEqual(["y"]);
    expect(p.dpcs[0]).toMatchObject({ name: "D", cpu: 0 });
  });
});

describe("control flow", () => {
  it("if/else: Try jumps to the else part when FALSE, the then part jumps over it", () => {
    const r = compileBody(`if (KeTryToAcquireGuardedMutex(&M)) {
    Work(1);
    KeReleaseGuardedMutex(&M);
} else {
    Work(2);
}
Work(3);`);
    expect(r.diagnostics).toEqual([]);
    const body = r.program!.threads[0]!.body;
    expect(opsOf(body)).toEqual([
      [Op.TryToAcquireGuardedMutex, 0, 4, 0, 0],
      [Op.Work, 1, 0, 0, 0],
      [Op.ReleaseGuardedMutex, 0, 0, 0, 0],
      [Op.Jump, 5, 0, 0, 0],
      [Op.Work, 2, 0, 0, 0],
      [Op.Work, 3, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
    const L = BODY_FIRST_LINE;
    expect(body.code.map((i) => i.line)).toEqual([L, L + 1, L + 2, L + 3, L + 4, L + 6, L + 7]);
  });

  it("if without else, with single-statement branches and ExTryToAcquireFastMutex", () => {
    const r = compileBody(`if (ExTryToAcquireFastMutex(&F)) ExReleaseFastMutex(&F);
if (ExTryToAcquireFastMutex(&F)) Work(1); else Yield();
Work(9);`);
    expect(r.diagnostics).toEqual([]);
    expect(opsOf(r.program!.threads[0]!.body)).toEqual([
      [Op.TryToAcquireFastMutex, 1, 2, 0, 0],
      [Op.ReleaseFastMutex, 1, 0, 0, 0],
      [Op.TryToAcquireFastMutex, 1, 5, 0, 0],
      [Op.Work, 1, 0, 0, 0],
      [Op.Jump, 6, 0, 0, 0],
      [Op.Yield, 0, 0, 0, 0],
      [Op.Work, 9, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
  });

  it("else binds to the nearest if, as in C", () => {
    const r = compileBody(
      `if (KeTryToAcquireGuardedMutex(&M)) if (ExTryToAcquireFastMutex(&F)) Work(1); else Work(2);`,
    );
    expect(r.diagnostics).toEqual([]);
    expect(opsOf(r.program!.threads[0]!.body)).toEqual([
      [Op.TryToAcquireGuardedMutex, 0, 5, 0, 0],
      [Op.TryToAcquireFastMutex, 1, 4, 0, 0],
      [Op.Work, 1, 0, 0, 0],
      [Op.Jump, 5, 0, 0, 0],
      [Op.Work, 2, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
  });

  it("repeat (N) uses a hidden counter slot; RepeatInit skips past the loop", () => {
    const r = compileBody(`KIRQL old;
repeat (3) {
    Work(1);
    repeat (0) Yield();
}`);
    expect(r.diagnostics).toEqual([]);
    const body = r.program!.threads[0]!.body;
    const L = BODY_FIRST_LINE;
    expect(body.localNames).toEqual(["old", `repeat@${L + 1}`, `repeat@${L + 3}`]);
    expect(body.localCount).toBe(3);
    expect(opsOf(body)).toEqual([
      [Op.RepeatInit, 1, 3, 6, 0],
      [Op.Work, 1, 0, 0, 0],
      [Op.RepeatInit, 2, 0, 5, 0],
      [Op.Yield, 0, 0, 0, 0],
      [Op.RepeatNext, 2, 3, 0, 0],
      [Op.RepeatNext, 1, 1, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
    expect(body.code.map((i) => i.line)).toEqual([L + 1, L + 2, L + 3, L + 3, L + 3, L + 1, L + 5]);
  });

  it("while (TRUE) jumps back to its first instruction; single statements and while (1) work too", () => {
    const r = compileBody(`Work(1);
while (TRUE) {
    KeAcquireGuardedMutex(&M);
    KeReleaseGuardedMutex(&M);
}`);
    expect(r.diagnostics).toEqual([]);
    expect(opsOf(r.program!.threads[0]!.body)).toEqual([
      [Op.Work, 1, 0, 0, 0],
      [Op.AcquireGuardedMutex, 0, 0, 0, 0],
      [Op.ReleaseGuardedMutex, 0, 0, 0, 0],
      [Op.Jump, 1, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
    const single = compileBody("while (1) Work(1);");
    expect(single.diagnostics).toEqual([]);
    expect(opsOf(single.program!.threads[0]!.body)).toEqual([
      [Op.Work, 1, 0, 0, 0],
      [Op.Jump, 0, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
  });

  it("a loop whose body takes a step only through an if is accepted; nested blocks and empty statements cost nothing", () => {
    const r = compileBody(`while (TRUE) { ; { } if (KeTryToAcquireGuardedMutex(&M)) { } }`);
    expect(r.diagnostics).toEqual([]);
    expect(opsOf(r.program!.threads[0]!.body)).toEqual([
      [Op.TryToAcquireGuardedMutex, 0, 1, 0, 0],
      [Op.Jump, 0, 0, 0, 0],
      [Op.End, 0, 0, 0, 0],
    ]);
  });

  it("an empty thread body is just End on the closing brace's line", () => {
    const r = compileScenario("thread T {\n}\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.threads[0]!.body.code).toEqual([{ op: Op.End, line: 2, a: 0, b: 0, c: 0, d: 0 }]);
  });
});

describe("declarations", () => {
  it("objects, events with their initial state, thread attributes, apc kinds and dpcs", () => {
    const r = compileScenario(`#cpus 4
KGUARDED_MUTEX A, B;
FAST_MUTEX F;
KSPIN_LOCK S;
KEVENT Ready = { NotificationEvent, TRUE }, Item = { SynchronizationEvent, FALSE };
thread Worker { Work(1); }
thread Hi (priority = 31, start = 12, affinity = 3, syscall) { Work(1); }
thread Lo () { Work(1); }
thread Sys (syscall) { Work(1); }
apc N (normal, target = Hi) { Work(1); }
apc U (target = Lo, user) { Work(1); }
dpc D0 { Work(1); }
dpc D3 (cpu = 3) { Work(1); }
`);
    expect(r.diagnostics).toEqual([]);
    const p = r.program!;
    expect(p.objects.map((o) => [o.name, o.type, o.eventType, o.initiallySignaled, o.line])).toEqual([
      ["A", ObjectType.GuardedMutex, EventType.Notification, false, 2],
      ["B", ObjectType.GuardedMutex, EventType.Notification, false, 2],
      ["F", ObjectType.FastMutex, EventType.Notification, false, 3],
      ["S", ObjectType.SpinLock, EventType.Notification, false, 4],
      ["Ready", ObjectType.Event, EventType.Notification, true, 5],
      ["Item", ObjectType.Event, EventType.Synchronization, false, 5],
    ]);
    expect(p.threads.map((t) => [t.name, t.priority, t.start, t.affinity, t.syscall, t.line])).toEqual([
      ["Worker", 8, 0, -1, false, 6],
      ["Hi", 31, 12, 3, true, 7],
      ["Lo", 8, 0, -1, false, 8],
      ["Sys", 8, 0, -1, true, 9],
    ]);
    expect(p.apcs.map((a) => [a.name, a.kind, a.target, a.line])).toEqual([
      ["N", ApcKind.NormalKernel, 1, 10],
      ["U", ApcKind.User, 2, 11],
    ]);
    expect(p.dpcs.map((d) => [d.name, d.cpu, d.line])).toEqual([
      ["D0", 0, 12],
      ["D3", 3, 13],
    ]);
  });

  it("at (T) insertions are sorted by tick, ties in source order", () => {
    const r = compileScenario(`thread T { Work(5); }
apc A (special, target = T) { Work(1); }
dpc D { Work(1); }
at (5) KeInsertQueueApc(&A);
at (1) KeInsertQueueDpc(&D);
at (5) KeInsertQueueDpc(&D);
at (0x1) KeInsertQueueApc(&A);
at (0) KeInsertQueueApc(&A);
`);
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.insertions).toEqual([
      { tick: 0, kind: "apc", index: 0, line: 8 },
      { tick: 1, kind: "dpc", index: 0, line: 5 },
      { tick: 1, kind: "apc", index: 0, line: 7 },
      { tick: 5, kind: "apc", index: 0, line: 4 },
      { tick: 5, kind: "dpc", index: 0, line: 6 },
    ]);
  });

  it("comments, block comments across lines and odd spacing are ignored", () => {
    const r = compileScenario(`/* a
   block */ KGUARDED_MUTEX/**/M ; // line
thread
T
(
priority
=
9
)
{KeAcquireGuardedMutex(  & M  ) ;KeReleaseGuardedMutex(&M);}`);
    expect(r.diagnostics).toEqual([]);
    const t = r.program!.threads[0]!;
    expect(t.priority).toBe(9);
    expect(t.body.code.map((i) => i.line)).toEqual([10, 10, 10]);
  });

  it("a scenario with no declarations compiles to an empty program", () => {
    const r = compileScenario("// nothing yet\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.program).toMatchObject({ objects: [], threads: [], apcs: [], dpcs: [], insertions: [] });
  });
});

describe("directives, title and command-line overrides", () => {
  const ALL = `#title "Every directive"
#description "One paragraph, with \\"quotes\\"."
#cpus 4
#quantum 6
#seed 0xDEADBEEF
#scheduler random
#verifier deadlock
#windows 2003
#boosts off
#autoboost on
thread T { Work(1); }
`;

  it("reads every directive", () => {
    const r = compileScenario(ALL);
    expect(r.diagnostics).toEqual([]);
    expect(r.title).toBe("Every directive");
    expect(r.description).toBe('One paragraph, with "quotes".');
    expect(r.program!.title).toBe("Every directive");
    expect(r.program!.description).toBe(r.description);
    expect(r.program!.options).toEqual({
      cpus: 4,
      quantum: 6,
      seed: 0xdeadbeef,
      scheduler: SchedulerKind.Random,
      verifier: VerifierMode.Deadlock,
      windows: 2003,
      boosts: false,
      autoboost: true,
    });
  });

  it("overrides win over directives", () => {
    const r = compileScenario(ALL, {
      overrides: {
        cpus: 2,
        quantum: 1,
        seed: 7,
        scheduler: SchedulerKind.Manual,
        verifier: VerifierMode.Off,
        windows: 8,
        boosts: true,
        autoboost: false,
      },
    });
    expect(r.diagnostics).toEqual([]);
    expect(r.program!.options).toEqual({
      cpus: 2,
      quantum: 1,
      seed: 7,
      scheduler: SchedulerKind.Manual,
      verifier: VerifierMode.Off,
      windows: 8,
      boosts: true,
      autoboost: false,
    });
  });

  it("autoboost defaults to on for #windows 8 and off for #windows 2003, after overrides", () => {
    const opts = (src: string, overrides?: Partial<ScenarioOptions>) =>
      compileScenario(src, { overrides }).program!.options;
    expect(opts("thread T { }").autoboost).toBe(true);
    expect(opts("#windows 2003\nthread T { }").autoboost).toBe(false);
    expect(opts("#windows 8\nthread T { }").autoboost).toBe(true);
    expect(opts("thread T { }", { windows: 2003 }).autoboost).toBe(false);
    expect(opts("#windows 2003\nthread T { }", { windows: 8 }).autoboost).toBe(true);
    expect(opts("#autoboost off\nthread T { }", { windows: 8 }).autoboost).toBe(false);
    expect(opts("#windows 2003\nthread T { }", { autoboost: true }).autoboost).toBe(true);
  });

  it("an override of #cpus also decides which affinities are valid", () => {
    const src = "#cpus 4\nthread T (affinity = 3) { }";
    expect(compileScenario(src).diagnostics).toEqual([]);
    expect(diagnosticsOf(src, { overrides: { cpus: 2 } })).toEqual([
      "2:22-2:23 affinity = 3 is not a CPU of this scenario (#cpus is 2, so CPUs are 0..1)",
    ]);
  });

  it("bad override values are diagnostics, not a broken program", () => {
    const r = compileScenario("thread T { }", { overrides: { cpus: 0, quantum: 0, seed: -1, windows: 7 as 8 } });
    expect(r.program).toBeNull();
    expect(r.diagnostics.map((d) => d.message)).toEqual([
      "option cpus = 0 is out of range (1..64)",
      "option quantum = 0 is out of range (at least 1)",
      "option seed = -1 is out of range (0..0xFFFFFFFF)",
      "option windows = 7 is out of range (2003 or 8)",
    ]);
  });

  it("the title defaults to the file name without folder and extension", () => {
    expect(compileScenario("thread T { }", { fileName: "scenarios/abba-deadlock.ksync" }).title).toBe("abba-deadlock");
    expect(compileScenario("thread T { }", { fileName: "C:\\x\\y.z.ksync" }).title).toBe("y.z");
    expect(compileScenario("thread T { }", { fileName: "plain" }).title).toBe("plain");
    expect(compileScenario("thread T { }").title).toBe("Untitled scenario");
    expect(compileScenario("thread T { }").program!.title).toBe("Untitled scenario");
    expect(compileScenario('#title "  "\nthread T { }', { fileName: "x.ksync" }).title).toBe("x");
    expect(compileScenario('#title "Démo — été"\nthread T { }').title).toBe("Démo — été");
    // Even a file with errors reports its title.
    expect(compileScenario('#title "Broken"\nthread T { Oops(); }').title).toBe("Broken");
  });

  it("the compiled program encodes for the engine", () => {
    const words = encodeProgram(compileScenario(SPEC_EXAMPLE).program!);
    expect(words[0]).toBe(0x4b53594e);
    expect(words.length).toBeGreaterThan(32);
  });
});
