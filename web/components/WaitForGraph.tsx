// Wait-for graph: threads (top row) and the objects they wait on or hold
// (bottom row). "waits for" edges go down, "held by" edges go up; a deadlock
// cycle is drawn in the alarm colour. D3 computes positions; React draws.
import { scalePoint } from "d3-scale";
import { useId, useMemo } from "react";
import { threadColor } from "../lib/colors";
import { selectDpcActivity, selectWaitForGraph, type WaitGraph, type WaitGraphNode } from "../store/selectors";
import { useSimulator } from "../store/SimulatorProvider";

const NODE_W = 92;
/** DPCs are not threads: one neutral colour for all of them. */
const DPC_COLOR = "#9c6b30";
const NODE_H = 30;
const TOP_Y = 36;
const BOTTOM_Y = 150;
const HEIGHT = 200;

interface Placed extends WaitGraphNode {
  readonly x: number;
  readonly y: number;
}

/** Places threads on the top row in declaration order and objects below, ordered by the threads they touch (fewer crossings). */
export function layoutWaitGraph(graph: WaitGraph): { nodes: Placed[]; width: number } {
  const threads = graph.nodes.filter((n) => n.kind === "thread");
  const objects = graph.nodes.filter((n) => n.kind === "object");
  // Point scales with padding 0.5 over [0, width] put n nodes width / n apart: keep that ≥ a node and a gap.
  const spacing = NODE_W + 24;
  const width = Math.max(360, Math.max(threads.length, objects.length) * spacing);
  const x = scalePoint<string>()
    .domain(threads.map((n) => n.id))
    .range([0, width])
    .padding(0.5);
  const placedThreads = threads.map((n) => ({ ...n, x: x(n.id) ?? width / 2, y: TOP_Y }));
  const threadX = new Map(placedThreads.map((n) => [n.id, n.x]));
  // An object sits under the thread holding it (held-by edges run straight up),
  // otherwise under the mean of its waiters; a lock-order cycle then shows as an X.
  const anchor = (id: string) => {
    const holder = graph.edges.find((e) => e.from === id && e.kind === "held-by");
    if (holder) return threadX.get(holder.to) ?? 0;
    const xs = graph.edges.filter((e) => e.to === id).map((e) => threadX.get(e.from) ?? 0);
    return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0;
  };
  const ordered = [...objects].sort((a, b) => anchor(a.id) - anchor(b.id));
  // Each object as close to its anchor as the spacing allows (a left-to-right sweep), then shifted back inside.
  const xs: number[] = [];
  ordered.forEach((n, i) => {
    const want = anchor(n.id) || width / 2;
    xs.push(i === 0 ? Math.max(spacing / 2, want) : Math.max(want, (xs[i - 1] ?? 0) + spacing));
  });
  const overflow = Math.max(0, (xs[xs.length - 1] ?? 0) - (width - spacing / 2));
  const placedObjects = ordered.map((n, i) => ({
    ...n,
    x: Math.max(spacing / 2, (xs[i] ?? 0) - overflow),
    y: BOTTOM_Y,
  }));
  return { nodes: [...placedThreads, ...placedObjects], width };
}

/** A curved edge between the facing sides of two nodes (opposite edges bend apart) and its label point. */
function edgeGeometry(from: Placed, to: Placed, bend: number): { d: string; labelX: number; labelY: number } {
  const down = to.y > from.y;
  const y1 = from.y + (down ? NODE_H / 2 : -NODE_H / 2);
  const y2 = to.y + (down ? -NODE_H / 2 - 6 : NODE_H / 2 + 6);
  const x1 = from.x + bend * 12;
  const x2 = to.x + bend * 12;
  const cx = (x1 + x2) / 2 + bend * 36;
  const cy = (y1 + y2) / 2;
  // A point on the quadratic Bézier, a third of the way from the source, so
  // the labels of two crossing edges do not meet in the middle.
  const t = 0.32;
  const labelX = (1 - t) * (1 - t) * x1 + 2 * (1 - t) * t * cx + t * t * x2;
  const labelY = (1 - t) * (1 - t) * y1 + 2 * (1 - t) * t * cy + t * t * y2;
  return { d: `M${x1},${y1} Q${cx},${cy} ${x2},${y2}`, labelX, labelY };
}

export function WaitForGraph() {
  const snapshot = useSimulator((s) => s.snapshot);
  const markerId = useId().replace(/:/g, "");
  const graph = snapshot ? selectWaitForGraph(snapshot, selectDpcActivity(snapshot)) : null;
  const layout = useMemo(() => (graph ? layoutWaitGraph(graph) : null), [graph]);
  const objectCount = graph?.nodes.filter((n) => n.kind === "object").length ?? 0;
  return (
    <section
      className="ksl-panel ksl-graph"
      aria-labelledby="ksl-graph-h"
      data-testid="wait-graph"
      data-cycle={graph?.hasCycle ? "true" : "false"}
    >
      <header className="ksl-panel__head">
        <h2 id="ksl-graph-h">Wait-for graph</h2>
        {graph?.hasCycle && (
          <span className="ksl-alarm" data-testid="cycle-badge">
            Deadlock cycle
          </span>
        )}
      </header>
      {!graph || !layout || graph.edges.length === 0 ? (
        <p className="ksl-muted ksl-small ksl-graph__empty">
          {objectCount === 0 ? "No thread waits for or holds an object right now." : ""}
        </p>
      ) : (
        <svg
          className="ksl-graph__svg"
          viewBox={`0 0 ${layout.width} ${HEIGHT}`}
          role="img"
          aria-label={describeGraph(graph)}
        >
          <defs>
            <marker
              id={`${markerId}-a`}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="ksl-graph__arrow" />
            </marker>
            <marker
              id={`${markerId}-c`}
              viewBox="0 0 10 10"
              refX="8"
              refY="5"
              markerWidth="7"
              markerHeight="7"
              orient="auto-start-reverse"
            >
              <path d="M0,0 L10,5 L0,10 z" className="ksl-graph__arrow ksl-graph__arrow--cycle" />
            </marker>
          </defs>
          {graph.edges.map((edge) => {
            const from = layout.nodes.find((n) => n.id === edge.from);
            const to = layout.nodes.find((n) => n.id === edge.to);
            if (!from || !to) return null;
            const bend = edge.kind === "held-by" ? 1 : -1;
            const { d } = edgeGeometry(from, to, bend);
            return (
              <g
                key={edge.id}
                className={`ksl-graph__edge ksl-graph__edge--${edge.kind} ${edge.inCycle ? "ksl-graph__edge--cycle" : ""}`}
                data-edge={edge.id}
                data-in-cycle={edge.inCycle ? "true" : "false"}
              >
                <path d={d} markerEnd={`url(#${markerId}-${edge.inCycle ? "c" : "a"})`} />
                <title>{`${edge.from.slice(2)} ${edge.kind === "held-by" ? "is held by" : edge.kind === "spins-on" ? "spins on" : "waits for"} ${edge.to.slice(2)}`}</title>
              </g>
            );
          })}
          {layout.nodes.map((node) => (
            <g
              key={node.id}
              transform={`translate(${node.x},${node.y})`}
              className={`ksl-graph__node ksl-graph__node--${node.kind} ${node.inCycle ? "ksl-graph__node--cycle" : ""}`}
              data-node={node.id}
            >
              {node.kind === "thread" ? (
                <rect
                  x={-NODE_W / 2}
                  y={-NODE_H / 2}
                  width={NODE_W}
                  height={NODE_H}
                  rx={15}
                  style={{ ["--ksl-thread" as string]: node.lane < 0 ? DPC_COLOR : threadColor(node.lane) }}
                />
              ) : (
                <rect x={-NODE_W / 2} y={-NODE_H / 2} width={NODE_W} height={NODE_H} rx={4} />
              )}
              <text y={4} textAnchor="middle">
                {node.name.length > 12 ? `${node.name.slice(0, 11)}…` : node.name}
              </text>
              <title>{`${node.name} (${node.detail})`}</title>
            </g>
          ))}
        </svg>
      )}
      {graph && graph.edges.length > 0 && (
        <ul className="ksl-graph__legend" aria-hidden="true">
          <li>
            <svg width="26" height="8">
              <path d="M1,4 H19" className="ksl-graph__key" />
              <path d="M18,0 L25,4 L18,8 z" className="ksl-graph__arrow" />
            </svg>
            waits for
          </li>
          <li>
            <svg width="26" height="8">
              <path d="M1,4 H19" className="ksl-graph__key ksl-graph__key--dashed" />
              <path d="M18,0 L25,4 L18,8 z" className="ksl-graph__arrow" />
            </svg>
            held by
          </li>
          {graph.hasCycle && (
            <li>
              <svg width="26" height="8">
                <path d="M1,4 H25" className="ksl-graph__key ksl-graph__key--cycle" />
              </svg>
              deadlock cycle
            </li>
          )}
        </ul>
      )}
    </section>
  );
}

function describeGraph(graph: WaitGraph): string {
  const name = (id: string) => (id.startsWith("d:") ? `DPC ${id.slice(2)}` : id.slice(2));
  const parts = graph.edges.map(
    (e) =>
      `${name(e.from)} ${e.kind === "held-by" ? "is held by" : e.kind === "spins-on" ? "spins on" : "waits for"} ${name(e.to)}`,
  );
  return `${graph.hasCycle ? "Deadlock cycle. " : ""}${parts.join("; ")}.`;
}
