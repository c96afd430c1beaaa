import { describe, expect, it } from "vitest";
import { abbaScript, guardedMutex, snapshot, thread } from "../test/fixtures";
import { selectCurrentLines, selectDpcActivity, selectWaitForGraph } from "./selectors";

describe("selectors", () => {
  it("builds the wait-for graph and marks the deadlock cycle", () => {
    const deadlocked = abbaScript().snapshots[4]!;
    const graph = selectWaitForGraph(deadlocked);
    expect(graph.hasCycle).toBe(true);
    expect(graph.edges.map((e) => `${e.id}:${e.kind}:${e.inCycle}`).sort()).toEqual([
      "o:A>t:T1:held-by:true",
      "o:B>t:T2:held-by:true",
      "t:T1>o:B:waits-for:true",
      "t:T2>o:A:waits-for:true",
    ]);
    expect(selectWaitForGraph(deadlocked)).toBe(graph); // cached per snapshot
  });

  it("has no cycle while only one thread waits", () => {
    const graph = selectWaitForGraph(abbaScript().snapshots[3]!);
    expect(graph.hasCycle).toBe(false);
    expect(graph.edges.filter((e) => e.kind === "waits-for").map((e) => e.id)).toEqual(["t:T1>o:B"]);
  });

  it("groups threads by current line", () => {
    expect(selectCurrentLines(abbaScript().snapshots[1]!)).toEqual([
      { line: 12, threads: [expect.objectContaining({ name: "T1" })] },
      { line: 20, threads: [expect.objectContaining({ name: "T2" })] },
    ]);
  });

  it("takes a running DPC's line and spin lock from its DpcView", () => {
    const dpc = { cpu: 1, queuedAt: 2, deliveredAt: 2, running: true, line: 12, spinning: true, spinLock: "S" };
    const snap = snapshot(3, {
      threads: [thread("T", 0, { state: "Running", cpu: 0, owns: ["S"] })],
      objects: [guardedMutex("S", 0, { type: "KSPIN_LOCK", owner: "T", count: null })],
      cpus: [
        { index: 0, thread: "T", irql: 2, dpc: null, queuedDpcs: ["Q"] },
        { index: 1, thread: null, irql: 2, dpc: "D", queuedDpcs: [] },
      ],
      dpcs: [
        { ...dpc, name: "D" },
        { ...dpc, name: "Q", cpu: 0, deliveredAt: null, running: false, line: 0, spinning: false, spinLock: null },
        // Holds a lock without spinning: no spin edge.
        { ...dpc, name: "H", cpu: 2, line: 30, spinning: false, spinLock: "S" },
      ],
    });
    const dpcs = selectDpcActivity(snap);
    expect(dpcs).toEqual([
      { dpc: "D", cpu: 1, line: 12, spinningOn: "S" },
      { dpc: "H", cpu: 2, line: 30, spinningOn: null },
    ]);
    const graph = selectWaitForGraph(snap, dpcs);
    expect(graph.edges.map((e) => e.id).sort()).toEqual(["d:D>o:S", "o:S>t:T"]);
  });
});
