// Derived data, computed from the current snapshot rather than stored twice.
// Each selector caches on the snapshot object (snapshots are immutable), so
// components can call them on every render.
import type { Snapshot, ThreadView } from "../../core-wasm/engine/types";
import type { SimulatorState } from "./simulator-store";

export interface WaitGraphNode {
  readonly id: string;
  readonly kind: "thread" | "object";
  readonly name: string;
  /** Thread index (colour) for threads; object type for objects. */
  readonly lane: number;
  readonly detail: string;
  readonly inCycle: boolean;
}

export interface WaitGraphEdge {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly kind: "waits-for" | "spins-on" | "held-by";
  readonly inCycle: boolean;
}

export interface WaitGraph {
  readonly nodes: readonly WaitGraphNode[];
  readonly edges: readonly WaitGraphEdge[];
  readonly hasCycle: boolean;
}

/** Beyond this many threads the graph shows only the threads that wait or hold. */
const ALL_THREADS_UP_TO = 12;

const graphCache = new WeakMap<Snapshot, WaitGraph>();

/** The wait-for graph: thread → object it waits (or spins) on, object → thread that holds it. */
export function selectWaitForGraph(snapshot: Snapshot, dpcs: readonly DpcActivity[] = []): WaitGraph {
  const cached = graphCache.get(snapshot);
  if (cached) return cached;
  const cycleEdges = new Set<string>();
  const cycleNodes = new Set<string>();
  for (const edge of snapshot.deadlock?.cycle ?? []) {
    cycleEdges.add(`t:${edge.thread}>o:${edge.waitsFor}`);
    cycleNodes.add(`t:${edge.thread}`).add(`o:${edge.waitsFor}`);
    if (edge.heldBy) {
      cycleEdges.add(`o:${edge.waitsFor}>t:${edge.heldBy}`);
      cycleNodes.add(`t:${edge.heldBy}`);
    }
  }
  const edges: WaitGraphEdge[] = [];
  const addEdge = (from: string, to: string, kind: WaitGraphEdge["kind"]) => {
    const id = `${from}>${to}`;
    if (!edges.some((e) => e.id === id)) edges.push({ id, from, to, kind, inCycle: cycleEdges.has(id) });
  };
  for (const thread of snapshot.threads) {
    if (thread.waitingOn)
      addEdge(`t:${thread.name}`, `o:${thread.waitingOn}`, thread.spinning ? "spins-on" : "waits-for");
  }
  for (const dpc of dpcs) {
    if (dpc.spinningOn) addEdge(`d:${dpc.dpc}`, `o:${dpc.spinningOn}`, "spins-on");
  }
  for (const object of snapshot.objects) {
    if (object.owner)
      addEdge(
        `o:${object.name}`,
        `${snapshot.threads.some((t) => t.name === object.owner) ? "t" : "d"}:${object.owner}`,
        "held-by",
      );
  }
  const touched = new Set(edges.flatMap((e) => [e.from, e.to]));
  const showAll = snapshot.threads.length <= ALL_THREADS_UP_TO;
  const nodes: WaitGraphNode[] = [];
  snapshot.threads.forEach((thread) => {
    const id = `t:${thread.name}`;
    if (showAll || touched.has(id)) {
      nodes.push({
        id,
        kind: "thread",
        name: thread.name,
        lane: thread.index,
        detail: thread.state,
        inCycle: cycleNodes.has(id),
      });
    }
  });
  for (const dpc of dpcs) {
    const id = `d:${dpc.dpc}`;
    if (touched.has(id))
      nodes.push({
        id,
        kind: "thread",
        name: `DPC ${dpc.dpc}`,
        lane: -1,
        detail: `DPC on CPU ${dpc.cpu}`,
        inCycle: false,
      });
  }
  snapshot.objects.forEach((object) => {
    const id = `o:${object.name}`;
    if (touched.has(id)) {
      nodes.push({
        id,
        kind: "object",
        name: object.name,
        lane: object.index,
        detail: object.type,
        inCycle: cycleNodes.has(id),
      });
    }
  });
  const graph: WaitGraph = { nodes, edges, hasCycle: cycleEdges.size > 0 };
  graphCache.set(snapshot, graph);
  return graph;
}

/** What a running DPC is doing (from its DpcView, i.e. the engine's state). */
export interface DpcActivity {
  readonly dpc: string;
  readonly cpu: number;
  readonly line: number;
  /** The spin lock it busy-waits on, or null. */
  readonly spinningOn: string | null;
}

const dpcCache = new WeakMap<Snapshot, readonly DpcActivity[]>();

/** DPC bodies running on the CPUs now, with their current line and the spin lock they spin on. */
export function selectDpcActivity(snapshot: Snapshot | null): readonly DpcActivity[] {
  if (!snapshot) return [];
  const cached = dpcCache.get(snapshot);
  if (cached) return cached;
  const out: DpcActivity[] = snapshot.dpcs
    .filter((d) => d.running)
    .map((d) => ({ dpc: d.name, cpu: d.cpu, line: d.line, spinningOn: d.spinning ? d.spinLock : null }));
  dpcCache.set(snapshot, out);
  return out;
}

/** Source line → threads currently on it (for the editor's line marks). */
export function selectCurrentLines(
  snapshot: Snapshot | null,
): readonly { line: number; threads: readonly ThreadView[] }[] {
  if (!snapshot) return [];
  const byLine = new Map<number, ThreadView[]>();
  for (const thread of snapshot.threads) {
    if (thread.line <= 0 || thread.state === "Terminated") continue;
    const list = byLine.get(thread.line) ?? [];
    list.push(thread);
    byLine.set(thread.line, list);
  }
  return [...byLine.entries()].sort((a, b) => a[0] - b[0]).map(([line, threads]) => ({ line, threads }));
}

/** A short description of why a thread is not running, for tooltips and the manual picker. */
export function blockedReasonFor(state: SimulatorState, thread: string): string | null {
  return state.blocked.find((b) => b.thread === thread)?.reason ?? null;
}

/** The run's outcome as one headline. */
export function outcomeHeadline(snapshot: Snapshot | null): string | null {
  if (!snapshot) return null;
  switch (snapshot.outcome) {
    case "completed":
      return "Completed: every thread ended.";
    case "deadlock": {
      const threads = snapshot.deadlock?.threads ?? [];
      return `Deadlock: ${threads.length ? threads.join(", ") : "the remaining threads"} can never run again.`;
    }
    case "bugcheck":
      return snapshot.bugcheck ? `Bug check ${snapshot.bugcheck.code} ${snapshot.bugcheck.name}` : "Bug check";
    case "step-limit":
      return "Step limit reached: the scenario did not finish.";
    default:
      return null;
  }
}
