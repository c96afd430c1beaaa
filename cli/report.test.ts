// The run report is a fixed projection of a Snapshot (docs/cli.md, "The run report"):
// field names and order, IRQL names, count only for mutexes, signaled only for
// events, deadlock/bugcheck only for those outcomes, trace only when asked.
import { describe, expect, it } from "vitest";
import { buildRunReport, formatRunReport, irqlName } from "../core-wasm/engine/report";
import type { ObjectView, Snapshot, ThreadView, TraceEvent } from "../core-wasm/engine/types";
import { Op } from "../core-wasm/lang/program";
import { Result } from "../core-wasm/shared/trace-codes";

function thread(over: Partial<ThreadView>): ThreadView {
  return {
    index: 0,
    name: "T1",
    state: "Waiting",
    priority: 8,
    basePriority: 8,
    irql: 0,
    line: 8,
    cpu: null,
    waitingOn: "B",
    spinning: false,
    owns: ["A"],
    kernelApcDisable: 0,
    specialApcDisable: -2,
    queuedApcs: [],
    runningApc: null,
    quantumLeft: 3,
    syscall: false,
    ...over,
  };
}

function object(over: Partial<ObjectView>): ObjectView {
  return {
    index: 0,
    name: "A",
    type: "KGUARDED_MUTEX",
    owner: "T1",
    waiters: ["T2"],
    contention: 1,
    count: { free: false, woken: false, waiters: 1, raw: 4 },
    oldIrql: null,
    signaled: true, // a latched gate: not part of the report for a mutex
    eventType: null,
    gateSignaled: true,
    ...over,
  };
}

function snapshot(over: Partial<Snapshot>): Snapshot {
  return {
    step: 12,
    tick: 14,
    outcome: "deadlock",
    threads: [thread({}), thread({ index: 1, name: "T2", waitingOn: "A", owns: ["B"], irql: 5 })],
    objects: [
      object({}),
      object({ index: 1, name: "B", owner: "T2", waiters: ["T1"] }),
      object({
        index: 2,
        name: "E",
        type: "KEVENT",
        owner: null,
        waiters: [],
        contention: 0,
        count: null,
        signaled: false,
        eventType: "NotificationEvent",
      }),
    ],
    cpus: [],
    apcs: [{ name: "Audit", kind: "special", target: "T1", queuedAt: 3, deliveredAt: null, completedAt: null }],
    dpcs: [],
    bugcheck: null,
    deadlock: {
      cycle: [
        { thread: "T1", waitsFor: "B", heldBy: "T2" },
        { thread: "T2", waitsFor: "A", heldBy: "T1" },
      ],
      threads: ["T1", "T2"],
    },
    goal: null,
    ...over,
  };
}

const event: TraceEvent = {
  step: 1,
  tick: 0,
  cpu: 0,
  thread: "T1",
  line: 5,
  op: "KeAcquireGuardedMutex",
  code: Op.AcquireGuardedMutex,
  object: "A",
  result: "acquired",
  resultCode: Result.Acquired,
  text: "T1 acquires A.",
};

describe("irqlName", () => {
  it("names every x64 IRQL as scenario-language.md spells it", () => {
    expect([0, 1, 2, 3, 7, 12, 13, 14, 15].map(irqlName)).toEqual([
      "PASSIVE_LEVEL",
      "APC_LEVEL",
      "DISPATCH_LEVEL",
      "DIRQL(3)",
      "DIRQL(7)",
      "DIRQL(12)",
      "CLOCK_LEVEL",
      "IPI_LEVEL",
      "HIGH_LEVEL",
    ]);
  });
});

describe("buildRunReport", () => {
  it("projects a deadlock exactly as the spec's example lays it out", () => {
    const report = buildRunReport("ABBA deadlock", snapshot({}));
    expect(Object.keys(report)).toEqual(["scenario", "outcome", "ticks", "deadlock", "threads", "objects", "apcs"]);
    expect(report.deadlock).toEqual({
      cycle: [
        { thread: "T1", waitsFor: "B", heldBy: "T2" },
        { thread: "T2", waitsFor: "A", heldBy: "T1" },
      ],
    });
    expect(report.threads[0]).toEqual({
      name: "T1",
      state: "Waiting",
      priority: 8,
      irql: "PASSIVE_LEVEL",
      line: 8,
      waitingOn: "B",
      owns: ["A"],
      kernelApcDisable: 0,
      specialApcDisable: -2,
    });
    expect(Object.keys(report.threads[0] ?? {})).toEqual([
      "name",
      "state",
      "priority",
      "irql",
      "line",
      "waitingOn",
      "owns",
      "kernelApcDisable",
      "specialApcDisable",
    ]);
    expect(report.threads[1]?.irql).toBe("DIRQL(5)");
    expect(report.objects[0]).toEqual({
      name: "A",
      type: "KGUARDED_MUTEX",
      owner: "T1",
      waiters: ["T2"],
      contention: 1,
      signaled: null,
      count: { free: false, woken: false, waiters: 1 },
    });
    expect(report.objects[2]).toEqual({
      name: "E",
      type: "KEVENT",
      owner: null,
      waiters: [],
      contention: 0,
      signaled: false,
    });
    expect(report.apcs).toEqual([{ name: "Audit", target: "T1", queuedAt: 3, deliveredAt: null }]);
    expect(report.trace).toBeUndefined();
    expect(report.bugcheck).toBeUndefined();
  });

  it("reports a bug check without the UI's explanation and without a deadlock field", () => {
    const report = buildRunReport(
      "S8",
      snapshot({
        outcome: "bugcheck",
        deadlock: null,
        bugcheck: {
          code: "0xC4",
          name: "DRIVER_VERIFIER_DETECTED_VIOLATION",
          rule: "IrqlKeApcLte1",
          parameters: ["0x2000F", "&IrqlKeApcLte1", "0x0", "0x0"],
          thread: "T",
          line: 7,
          tick: 1,
          explanation: "not in the report",
        },
      }),
    );
    expect(Object.keys(report)).toEqual(["scenario", "outcome", "ticks", "bugcheck", "threads", "objects", "apcs"]);
    expect(report.bugcheck).toEqual({
      code: "0xC4",
      name: "DRIVER_VERIFIER_DETECTED_VIOLATION",
      rule: "IrqlKeApcLte1",
      parameters: ["0x2000F", "&IrqlKeApcLte1", "0x0", "0x0"],
      thread: "T",
      line: 7,
      tick: 1,
    });
  });

  it("includes the trace only when given, with the spec's seven fields", () => {
    const report = buildRunReport("x", snapshot({ outcome: "completed", deadlock: null }), [event]);
    expect(report.deadlock).toBeUndefined();
    expect(report.trace).toEqual([
      { tick: 0, cpu: 0, thread: "T1", line: 5, op: "KeAcquireGuardedMutex", object: "A", result: "acquired" },
    ]);
  });

  it("refuses a run that has not ended", () => {
    expect(() => buildRunReport("x", snapshot({ outcome: "running" }))).toThrow(/not ended/);
  });

  it("formats as indented JSON with a final newline, identical for equal input", () => {
    const a = formatRunReport(buildRunReport("x", snapshot({})));
    expect(a.endsWith("}\n")).toBe(true);
    expect(JSON.parse(a)).toEqual(buildRunReport("x", snapshot({})));
    expect(formatRunReport(buildRunReport("x", snapshot({})))).toBe(a);
  });
});
