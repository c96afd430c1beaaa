import { scaleLinear } from "d3-scale";
import { describe, expect, it } from "vitest";
import { Lane, TimelineHistory } from "../store/timeline-history";
import { abbaScript, event, snapshot, thread } from "../test/fixtures";
import { irqlFraction, irqlSteps, laneSegments, visibleMarkers } from "./timeline-model";
import { timelineToSvg, type TimelineTheme } from "./timeline-render";

function abbaHistory(): TimelineHistory {
  const { snapshots, events } = abbaScript();
  const h = new TimelineHistory(snapshots[0]!);
  for (let s = 1; s <= 4; s++)
    h.record(
      snapshots[s]!,
      events.filter((e) => e.step === s),
    );
  return h;
}

const theme: TimelineTheme = {
  background: "#fff",
  text: "#111",
  muted: "#666",
  grid: "#eee",
  waiting: "#aaa",
  alarm: "#c00",
  cursor: "#000",
  font: "sans-serif",
};

describe("timeline model", () => {
  it("draws one merged segment per run of equal states when steps are wide", () => {
    const x = scaleLinear().domain([0, 4]).range([0, 400]);
    expect(laneSegments(abbaHistory(), 0, x, 400)).toEqual([
      { x0: 0, x1: 100, state: Lane.Running },
      { x0: 100, x1: 400, state: Lane.Waiting },
    ]);
  });

  it("keeps a one-step Running burst visible when a pixel covers a hundred steps", () => {
    const h = new TimelineHistory(snapshot(0, { threads: [thread("A", 0, { state: "Waiting" })] }));
    const burst = (s: number, op: string, result: string) => ({ ...event(s, "A", op, null, result, ""), line: 1 });
    const events = [];
    // Running for exactly one step every 1000 steps (at an odd offset inside a summary block), Waiting otherwise.
    for (let s = 1; s < 100_000; s++)
      if (s % 1000 === 437) events.push(burst(s, "Work", "working"), burst(s + 1, "KeWaitForSingleObject", "blocked"));
    h.record(snapshot(100_000, { threads: [thread("A", 0, { state: "Waiting" })] }), events);
    expect(h.stateAt(0, 1437)).toBe(Lane.Running);
    expect(h.stateAt(0, 1438)).toBe(Lane.Waiting);
    const segments = laneSegments(h, 0, scaleLinear().domain([0, 100_000]).range([0, 1000]), 1000);
    expect(segments.length).toBeLessThanOrEqual(1000);
    expect(segments.filter((s) => s.state === Lane.Running)).toHaveLength(100);
    // At 20 steps a pixel the exact path (columns at the edges, blocks inside) finds them too.
    const mid = laneSegments(h, 0, scaleLinear().domain([0, 20_000]).range([0, 1000]), 1000);
    expect(mid.filter((s) => s.state === Lane.Running)).toHaveLength(20);
  });

  it("gives the IRQL line a point per change and maps levels into the lane", () => {
    const h = new TimelineHistory(snapshot(0, { threads: [thread("A", 0)] }));
    h.record(snapshot(1, { threads: [thread("A", 0, { state: "Running", irql: 2 })] }), []);
    h.record(snapshot(2, { threads: [thread("A", 0, { state: "Running", irql: 0 })] }), []);
    const points = irqlSteps(h, 0, scaleLinear().domain([0, 2]).range([0, 200]), 200);
    expect(points.map((p) => p.irql)).toEqual([2, 0, 0]);
    expect(irqlFraction(0)).toBe(0);
    expect(irqlFraction(1)).toBeLessThan(irqlFraction(2));
    expect(irqlFraction(15)).toBe(1);
  });

  it("finds the markers in view by binary search", () => {
    const h = abbaHistory();
    const x = scaleLinear().domain([2, 4]).range([0, 100]);
    expect(visibleMarkers(h, x, 10).map((m) => m.step)).toEqual([2, 3, 4]);
  });

  it("exports the visible timeline as a standalone SVG", () => {
    const svg = timelineToSvg(
      abbaHistory(),
      scaleLinear().domain([0, 4]).range([0, 400]),
      { width: 496, gutter: 96, laneHeight: 28, top: 8, axisHeight: 22 },
      theme,
      3,
      "ABBA deadlock",
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 496 86"')).toBe(true);
    expect(svg).toContain("<title>ABBA deadlock — timeline</title>");
    expect(svg).toContain(">T1</text>");
    expect(svg).toContain(">T2</text>");
    expect(svg.match(/<circle /g)).toHaveLength(4); // two acquires, two blocks
    expect(svg).toContain('<line x1="396.0" x2="396.0"'); // the cursor at step 3
  });
});
