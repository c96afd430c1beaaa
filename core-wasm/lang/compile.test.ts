import { describe, expect, it } from "vitest";
import { compileScenario } from "./index";
import { ApcKind, ObjectType, Op, SchedulerKind, VerifierMode } from "./program";

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
    expect(p.objects).toEqual([{ name: "Lock", type: ObjectType.GuardedMutex, eventType: 0, initiallySignaled: false, line: 6 }]);
    expect(p.apcs).toHaveLength(1);
    expect(p.apcs[0]).toMatchObject({ name: "Audit", kind: ApcKind.SpecialKernel, target: 0, line: 8 });
    expect(p.apcs[0]!.body.code).toEqual([
      { op: Op.Work, line: 9, a: 1, b: 0, c: 0, d: 0 },
      { op: Op.End, line: 10, a: 0, b: 0, c: 0, d: 0 },
    ]);
    expect(p.threads).toHaveLength(1);
    expect(p.threads[0]).toMatchObject({ name: "Worker1", priority: 8, start: 0, affinity: -1, syscall: false, line: 12 });
    expect(p.threads[0]!.body).toEqual({
      localCount: 0,
      localNames: [],
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
