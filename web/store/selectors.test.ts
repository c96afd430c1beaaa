import { describe, expect, it } from "vitest";
import { abbaScript } from "../test/fixtures";
import { selectCurrentLines, selectWaitForGraph } from "./selectors";

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
});
