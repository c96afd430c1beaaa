import { describe, expect, it } from "vitest";
import { abbaScript, event, snapshot, thread } from "../test/fixtures";
import { Lane, TimelineHistory } from "./timeline-history";

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
      event(3, "B", "KeSetEvent", "E", "set", "B sets E."),
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
    const dpcs = [{ name: "D", cpu: 1, queuedAt: null, deliveredAt: null }];
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
    h.record(snapshot(2, { threads, dpcs, cpus: cpus("D") }), [
      { ...event(2, "D", "KeAcquireSpinLockAtDpcLevel", "S", "spinning", "D spins on S."), cpu: 1 },
    ]);
    h.record(snapshot(3, { threads, dpcs, cpus: cpus("D") }), [
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
});
