import { describe, expect, it } from "vitest";
import { abbaScript, event, snapshot, thread } from "../test/fixtures";
import { EngineEvent, Op, Result } from "../../core-wasm/engine";
import type { TraceEvent } from "../../core-wasm/engine/types";
import { Lane, laneAfter, markerKindOf, TimelineHistory } from "./timeline-history";

describe("timeline history", () => {
  it("records one exact column per single step", () => {
    const { snapshots, events } = abbaScript();
    const h = new TimelineHistory(snapshots[0]!);
    for (let s = 1; s <= 4; s++)
      h.record(
        snapshots[s]!,
        events.filter((e) => e.step === s),
      );
    expect(h.lastStep).toBe(4);
    expect([1, 2, 3, 4].map((s) => h.stateAt(0, s))).toEqual([Lane.Running, Lane.Waiting, Lane.Waiting, Lane.Waiting]);
    expect([1, 2, 3, 4].map((s) => h.stateAt(1, s))).toEqual([Lane.Ready, Lane.Running, Lane.Running, Lane.Waiting]);
    expect(h.markers.map((m) => m.kind)).toEqual(["acquire", "acquire", "wait", "wait"]);
  });

  it("reconstructs the inside of a multi-step slice from events", () => {
    const initial = snapshot(0, { threads: [thread("A", 0), thread("B", 1)] });
    const h = new TimelineHistory(initial);
    const end = snapshot(4, {
      threads: [thread("A", 0, { state: "Terminated" }), thread("B", 1, { state: "Running", cpu: 0 })],
    });
    h.record(end, [
      event(1, "A", "Work", null, "done", "A works."),
      event(2, "A", "KeWaitForSingleObject", "E", "blocked", "A waits."),
      event(3, "B", "KeSetEvent", "E", "0", "B sets E."),
      event(4, "B", "Work", null, "done", "B works."),
    ]);
    expect([1, 2, 3].map((s) => h.stateAt(0, s))).toEqual([Lane.Running, Lane.Waiting, Lane.Waiting]);
    expect([1, 2, 3].map((s) => h.stateAt(1, s))).toEqual([Lane.Ready, Lane.Ready, Lane.Running]);
    expect(h.stateAt(0, 4)).toBe(Lane.Terminated);
  });

  it("shows an APC body as its own colour on the target's lane", () => {
    const h = new TimelineHistory(snapshot(0, { threads: [thread("W", 0)] }));
    h.record(snapshot(4, { threads: [thread("W", 0, { state: "Running", cpu: 0 })] }), [
      event(1, "W", "KeReleaseGuardedMutex", "M", "released", "W releases M."),
      event(1, "W", "ApcDelivered", "Audit", "delivered", "APC Audit is delivered to W."),
      event(2, "W", "Work", null, "working", "W works."),
      event(3, "W", "ApcCompleted", "Audit", "done", "APC Audit returns."),
      event(3, "W", "Work", null, "working", "W works."),
    ]);
    expect([1, 2, 3].map((s) => h.stateAt(0, s))).toEqual([Lane.RunningApc, Lane.RunningApc, Lane.Running]);
  });

  it("gives each DPC a lane: queued, spinning on a lock, running, done", () => {
    const idle = { name: "D", cpu: 1, queuedAt: null, deliveredAt: null, running: false, line: 0, spinning: false };
    const dpcs = [{ ...idle, spinLock: null }];
    const spinning = [{ ...idle, running: true, line: 3, spinning: true, spinLock: "S" }];
    const holding = [{ ...idle, running: true, line: 4, spinLock: "S" }];
    const cpus = (dpc: string | null, queued: string[] = []) => [
      { index: 0, thread: "T", irql: 2, dpc: null, queuedDpcs: [] },
      { index: 1, thread: null, irql: dpc ? 2 : 0, dpc, queuedDpcs: queued },
    ];
    const threads = [thread("T", 0, { state: "Running", cpu: 0, irql: 2 })];
    const h = new TimelineHistory(snapshot(0, { threads, dpcs, cpus: cpus(null) }));
    expect(h.laneNames).toEqual(["T", "D"]);
    expect(h.isDpcLane(1)).toBe(true);
    h.record(snapshot(1, { threads, dpcs, cpus: cpus(null, ["D"]) }), [
      event(1, "T", "Work", null, "working", "T works."),
    ]);
    h.record(snapshot(2, { threads, dpcs: spinning, cpus: cpus("D") }), [
      { ...event(2, "D", "KeAcquireSpinLockAtDpcLevel", "S", "spinning", "D spins on S."), cpu: 1 },
    ]);
    h.record(snapshot(3, { threads, dpcs: holding, cpus: cpus("D") }), [
      { ...event(3, "D", "KeAcquireSpinLockAtDpcLevel", "S", "acquired", "D takes S."), cpu: 1 },
    ]);
    h.record(snapshot(4, { threads, dpcs, cpus: cpus(null) }), [
      { ...event(4, "D", "DpcCompleted", "D", "done", "DPC D returns."), cpu: 1 },
    ]);
    expect([1, 2, 3, 4].map((s) => h.stateAt(1, s))).toEqual([Lane.Ready, Lane.Spinning, Lane.Running, Lane.None]);
    expect(h.irqlAt(1, 2)).toBe(2);
    // The DPC on CPU 1 never displaces T on CPU 0.
    expect([1, 2, 3, 4].map((s) => h.stateAt(0, s))).toEqual([Lane.Running, Lane.Running, Lane.Running, Lane.Running]);
  });

  it("grows past its initial capacity and truncates", () => {
    const h = new TimelineHistory(snapshot(0, { threads: [thread("A", 0, { state: "Running", irql: 2 })] }));
    h.record(snapshot(5000, { threads: [thread("A", 0, { state: "Running", irql: 1 })] }), []);
    expect(h.lastStep).toBe(5000);
    expect(h.irqlAt(0, 4999)).toBe(2);
    expect(h.irqlAt(0, 5000)).toBe(1);
    h.truncate(10);
    expect(h.lastStep).toBe(10);
  });

  it("takes a spinning DPC's lane from its DpcView even without its events", () => {
    const base = { name: "D", cpu: 0, queuedAt: 1, deliveredAt: 1, line: 3 };
    const spinning = [{ ...base, running: true, spinning: true, spinLock: "S" }];
    const cpus = [{ index: 0, thread: null, irql: 2, dpc: "D", queuedDpcs: [] }];
    const h = new TimelineHistory(
      snapshot(0, { dpcs: [{ ...base, running: false, spinning: false, spinLock: null }] }),
    );
    h.record(snapshot(1, { dpcs: spinning, cpus }), []);
    expect(h.stateAt(0, 1)).toBe(Lane.Spinning);
    expect(h.irqlAt(0, 1)).toBe(2);
  });
});

describe("event classification reads the codes, not the names", () => {
  const at = (op: string, result: string): TraceEvent => event(1, "T", op, "X", result, "");

  it("marks lock, wait, wake, APC, DPC and bug-check events", () => {
    const kinds = [
      at("KeAcquireGuardedMutex", "acquired"),
      at("ExTryToAcquireFastMutex", "TRUE"),
      at("ExTryToAcquireFastMutex", "FALSE"),
      at("KeAcquireSpinLockAtDpcLevel", "acquired"), // a DPC-level routine is a lock event, not a DPC one
      at("KeAcquireSpinLockAtDpcLevel", "spinning"),
      at("MutexRetry", "acquired"), // a woken waiter takes the mutex on its retry
      at("MutexRetry", "blocked"),
      at("KeReleaseSpinLockFromDpcLevel", "released"),
      at("KeRaiseIrqlToDpcLevel", "raised"),
      at("KeDelayExecutionThread", "waiting"),
      at("Wake", "woken"),
      at("ApcDelivered", "delivered"),
      at("ApcQueued", "queued"),
      at("KeInsertQueueApc", "TRUE"),
      at("DpcDelivered", "delivered"),
      at("KeInsertQueueDpc", "queued"),
      at("BugCheck", "bugcheck"),
    ].map(markerKindOf);
    expect(kinds).toEqual([
      "acquire",
      "acquire",
      null,
      "acquire",
      null,
      "acquire",
      "wait",
      "release",
      null,
      "wait",
      "wake",
      "apc",
      null,
      null,
      "dpc",
      null,
      "bugcheck",
    ]);
  });

  it("an event is classified by its code even when its op name says otherwise", () => {
    const renamed = { ...at("Work", "0"), op: "Anything", code: Op.AcquireGuardedMutex, resultCode: Result.Acquired };
    expect(markerKindOf(renamed)).toBe("acquire");
    expect(markerKindOf({ ...renamed, op: "KeAcquireGuardedMutex", code: EngineEvent.Completed })).toBeNull();
  });

  it("moves a lane by what the event means for the event's own thread", () => {
    expect(laneAfter(at("ZwYieldExecution", "yielded"), Lane.Ready)).toBe(Lane.Running); // a statement it ran
    expect(laneAfter(at("Wake", "woken"), Lane.Running)).toBe(Lane.Running); // the waker runs on
    expect(laneAfter(at("ThreadReady", "ready"), Lane.Waiting)).toBe(Lane.Ready);
    expect(laneAfter(at("WaitTimeout", "timeout"), Lane.Waiting)).toBe(Lane.Ready);
    expect(laneAfter(at("WaitTimeout", "done"), Lane.Waiting)).toBe(Lane.Waiting);
    expect(laneAfter(at("ThreadExit", "exited"), Lane.Running)).toBe(Lane.Terminated);
    expect(laneAfter(at("ContextSwitch", "running"), Lane.Ready)).toBe(Lane.Running);
    expect(laneAfter(at("DpcCompleted", "done"), Lane.Running)).toBe(Lane.None);
    expect(laneAfter(at("KeAcquireSpinLock", "spinning"), Lane.Running)).toBe(Lane.Spinning);
  });
});
