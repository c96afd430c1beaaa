// Per-thread history for the timeline: one byte of state and one byte of IRQL
// per thread per step, grown incrementally as the simulator advances. Kept
// outside React state (the canvas reads it through the store's subscribe), so
// 64 threads × 100 000 steps cost ~13 MB and no re-render.
import { EngineEvent, Op, Result } from "../../core-wasm/engine";
import type { Snapshot, ThreadState, ThreadView, TraceEvent, TraceOp } from "../../core-wasm/engine/types";

/** Lane colour codes (one byte per thread per step). */
export const Lane = {
  None: 0, // not started yet (Initialized) or unknown
  Ready: 1,
  Running: 2,
  Waiting: 3,
  Spinning: 4, // Running, busy-waiting on a spin lock
  Terminated: 5,
  Standby: 6,
  RunningApc: 7, // Running, inside an APC body (docs/kernel-semantics.md §2)
} as const;
export type LaneCode = (typeof Lane)[keyof typeof Lane];

export const LANE_LABELS: Record<LaneCode, string> = {
  0: "not started",
  1: "Ready",
  2: "Running",
  3: "Waiting",
  4: "Spinning",
  5: "Terminated",
  6: "Standby",
  7: "Running an APC",
};

/** Which state wins when several share a pixel: the most informative one (a one-step Running burst must not vanish). */
export const LANE_RANK: Readonly<Record<LaneCode, number>> = {
  [Lane.None]: 0,
  [Lane.Terminated]: 1,
  [Lane.Ready]: 2,
  [Lane.Standby]: 3,
  [Lane.Waiting]: 4,
  [Lane.Running]: 5,
  [Lane.RunningApc]: 6,
  [Lane.Spinning]: 7,
};

/** Columns per summary block: the dense timeline reads one byte per block instead of 16 columns. */
export const BLOCK = 16;

export type MarkerKind = "acquire" | "release" | "wait" | "wake" | "apc" | "dpc" | "bugcheck";

export interface TimelineMarker {
  readonly step: number;
  readonly thread: number; // lane index, -1 when the event is not a thread's (a DPC)
  readonly kind: MarkerKind;
  readonly label: string;
}

const STATE_CODES: Record<ThreadState, LaneCode> = {
  Initialized: Lane.None,
  Ready: Lane.Ready,
  Running: Lane.Running,
  Standby: Lane.Standby,
  Waiting: Lane.Waiting,
  Terminated: Lane.Terminated,
};

export function laneCodeOf(thread: ThreadView): LaneCode {
  if (thread.spinning) return Lane.Spinning;
  if (thread.runningApc && thread.state === "Running") return Lane.RunningApc;
  return STATE_CODES[thread.state];
}

/** Ops that take a lock: a marker when they get it (Result.Acquired, or TRUE from a try). */
const ACQUIRE_OPS: ReadonlySet<TraceOp> = new Set<TraceOp>([
  Op.AcquireGuardedMutex,
  Op.TryToAcquireGuardedMutex,
  Op.AcquireGuardedMutexUnsafe,
  Op.AcquireFastMutex,
  Op.TryToAcquireFastMutex,
  Op.AcquireFastMutexUnsafe,
  Op.AcquireSpinLock,
  Op.AcquireSpinLockAtDpcLevel,
  EngineEvent.MutexRetry, // a woken waiter that finds the mutex free on its retry takes it
]);

const RELEASE_OPS: ReadonlySet<TraceOp> = new Set<TraceOp>([
  Op.ReleaseGuardedMutex,
  Op.ReleaseGuardedMutexUnsafe,
  Op.ReleaseFastMutex,
  Op.ReleaseFastMutexUnsafe,
  Op.ReleaseSpinLock,
  Op.ReleaseSpinLockFromDpcLevel,
]);

/** Classifies a trace event as a timeline marker, or null for plain steps. */
export function markerKindOf(event: TraceEvent): MarkerKind | null {
  const { code, resultCode } = event;
  if (code === EngineEvent.BugCheck) return "bugcheck";
  if (code === EngineEvent.ApcDelivered) return "apc";
  if (code === EngineEvent.DpcDelivered || code === EngineEvent.DpcCompleted) return "dpc";
  // Spinning shows as the lane's colour, every step, not as a marker.
  if (resultCode === Result.Blocked || resultCode === Result.Waiting) return "wait";
  if (resultCode === Result.Woken) return "wake";
  if (RELEASE_OPS.has(code)) return "release";
  if (ACQUIRE_OPS.has(code) && (resultCode === Result.Acquired || resultCode === Result.True)) return "acquire";
  return null;
}

const MAX_MARKERS = 250_000;

/** A statement the thread itself executed (an Op), vs. an engine event such as ThreadReady or Preempted. */
function isStatement(code: TraceOp): boolean {
  return code < EngineEvent.ThreadStarted;
}

/** Classifications by (op, result) code: a long run has a handful of distinct pairs and hundreds of thousands of events. */
const laneCache = new Map<number, LaneCode | -1>();
const markerCache = new Map<number, MarkerKind | null>();

function pairKey(event: TraceEvent): number {
  return event.code * 65536 + event.resultCode;
}

function cachedLane(event: TraceEvent, current: LaneCode): LaneCode {
  const key = pairKey(event);
  let code = laneCache.get(key);
  if (code === undefined) {
    const sentinel = 255 as LaneCode; // not a lane code: "keeps its current state"
    const computed = laneAfter(event, sentinel);
    code = computed === sentinel ? -1 : computed;
    laneCache.set(key, code);
  }
  return code === -1 ? current : code;
}

function cachedMarker(event: TraceEvent): MarkerKind | null {
  const key = pairKey(event);
  let kind = markerCache.get(key);
  if (kind === undefined) {
    kind = markerKindOf(event);
    markerCache.set(key, kind);
  }
  return kind;
}

/** The lane state of the event's thread (or DPC) after the event (used inside multi-step slices). */
export function laneAfter(event: TraceEvent, current: LaneCode): LaneCode {
  const { code, resultCode } = event;
  if (resultCode === Result.Blocked || resultCode === Result.Waiting) return Lane.Waiting;
  if (resultCode === Result.Spinning) return Lane.Spinning;
  if (code === EngineEvent.ThreadExit) return Lane.Terminated;
  if (code === EngineEvent.DpcCompleted) return Lane.None; // the DPC body returned; its lane is empty until queued again
  if (isStatement(code)) return Lane.Running;
  switch (code) {
    case EngineEvent.ThreadStarted:
    case EngineEvent.ThreadReady:
    case EngineEvent.Preempted:
      return Lane.Ready;
    case EngineEvent.WaitTimeout: // a wait's timeout readies the thread (a delay's end comes with ThreadReady)
      return resultCode === Result.Timeout ? Lane.Ready : current;
    case EngineEvent.ContextSwitch:
    case EngineEvent.StatementResumed:
    case EngineEvent.ApcDelivered:
    case EngineEvent.DpcDelivered:
      return resultCode === Result.UserApc ? current : Lane.Running;
    // Wake is the waker's event (its thread runs on; the woken thread gets ThreadReady); the rest do not change the lane.
    default:
      return current;
  }
}

export class TimelineHistory {
  /** One lane per thread, in declaration order, then one per DPC. */
  readonly laneNames: readonly string[];
  /** Index of the first DPC lane (= the number of threads). */
  readonly dpcFrom: number;
  private readonly laneOf = new Map<string, number>();
  private states: Uint8Array[];
  /** Per lane, per BLOCK columns: the highest-ranked state in the block. */
  private blocks: Uint8Array[];
  /** CPU each lane was running on at the last exact column (-1: not running). */
  private readonly cpuAtEnd: Int16Array;
  private irqls: Uint8Array[];
  private capacity: number;
  /** Number of recorded columns: column s is the state during step s (column 0 = before the first step). */
  length = 0;
  readonly markers: TimelineMarker[] = [];
  /** Bumped on every change, so subscribers can tell whether to redraw. */
  version = 0;

  constructor(initial: Snapshot) {
    this.laneNames = [...initial.threads.map((t) => t.name), ...initial.dpcs.map((d) => d.name)];
    this.dpcFrom = initial.threads.length;
    this.laneNames.forEach((name, i) => this.laneOf.set(name, i));
    this.capacity = 1024;
    this.states = this.laneNames.map(() => new Uint8Array(this.capacity));
    this.blocks = this.laneNames.map(() => new Uint8Array(this.capacity / BLOCK));
    this.cpuAtEnd = new Int16Array(this.laneNames.length).fill(-1);
    this.irqls = this.laneNames.map(() => new Uint8Array(this.capacity));
    this.writeExact(0, initial);
    this.summarize(0, 0);
    this.length = 1;
  }

  /** The last recorded step. */
  get lastStep(): number {
    return this.length - 1;
  }

  isDpcLane(lane: number): boolean {
    return lane >= this.dpcFrom;
  }

  laneIndex(thread: string): number {
    return this.laneOf.get(thread) ?? -1;
  }

  stateAt(lane: number, step: number): LaneCode {
    return (this.states[lane]?.[step] ?? Lane.None) as LaneCode;
  }

  irqlAt(lane: number, step: number): number {
    return this.irqls[lane]?.[step] ?? 0;
  }

  /** Raw column arrays for the canvas (valid until the next record()). */
  lane(lane: number): { states: Uint8Array; irqls: Uint8Array; blocks: Uint8Array } | null {
    const states = this.states[lane];
    const irqls = this.irqls[lane];
    const blocks = this.blocks[lane];
    return states && irqls && blocks ? { states, irqls, blocks } : null;
  }

  /** Recomputes the summary blocks that cover columns [from, to]. */
  private summarize(from: number, to: number): void {
    for (let t = 0; t < this.laneNames.length; t++) {
      const states = this.states[t]!;
      const blocks = this.blocks[t]!;
      for (let b = Math.floor(from / BLOCK); b <= Math.floor(to / BLOCK); b++) {
        let best = states[b * BLOCK] as LaneCode;
        const end = Math.min(to, b * BLOCK + BLOCK - 1);
        for (let c = b * BLOCK + 1; c <= end; c++) {
          const state = states[c] as LaneCode;
          if (LANE_RANK[state] > LANE_RANK[best]) best = state;
        }
        blocks[b] = best;
      }
    }
  }

  /** Forgets everything after `step` (a different choice was made there). */
  truncate(step: number): void {
    if (step >= this.lastStep) return;
    this.length = Math.max(1, step + 1);
    let keep = this.markers.length;
    while (keep > 0 && (this.markers[keep - 1]?.step ?? 0) > step) keep -= 1;
    this.markers.length = keep;
    this.version += 1;
  }

  /**
   * Appends the steps after lastStep up to `snapshot.step`; `events` are the
   * trace events of those steps. Column s is the state after step s. Only the
   * last column is exact (the snapshot); columns inside a multi-step slice are
   * reconstructed from the events: the thread that executed a step is Running
   * on its CPU (the one it displaced there becomes Ready), Waiting after a
   * "blocked" result, Terminated after its exit.
   * Simplification: inside a slice a woken thread keeps showing Waiting until
   * it runs; single steps (the normal stepping case) are always exact.
   */
  record(snapshot: Snapshot, events: readonly TraceEvent[]): void {
    const from = this.length;
    const to = snapshot.step;
    if (to < from) return;
    this.ensureCapacity(to + 1);
    const lanes = this.laneNames.length;
    // Each lane keeps its state from `since[t]` on; a change fills the finished run at once.
    const cur = new Uint8Array(lanes);
    const inApc = new Uint8Array(lanes);
    const since = new Int32Array(lanes).fill(from);
    /** Lane running on each CPU inside this slice (-1 none): the one a new runner displaces. */
    const onCpu = new Int16Array(64).fill(-1);
    this.cpuAtEnd.forEach((cpu, t) => {
      if (cpu >= 0) onCpu[cpu & 63] = t;
    });
    for (let t = 0; t < lanes; t++) {
      cur[t] = this.stateAt(t, from - 1);
      inApc[t] = cur[t] === Lane.RunningApc ? 1 : 0;
      // Simplification: IRQL is exact at slice ends only; inside a slice it keeps its last value.
      this.irqls[t]!.fill(this.irqlAt(t, from - 1), from, to);
    }
    const change = (t: number, state: LaneCode, step: number) => {
      if (cur[t] === state) return;
      if (step > since[t]!) this.states[t]!.fill(cur[t]!, since[t]!, step);
      cur[t] = state;
      since[t] = step;
    };
    let e = 0;
    while (e < events.length && (events[e]?.step ?? 0) < from) e += 1;
    for (; e < events.length; e++) {
      const event = events[e]!;
      if (event.step > to) break;
      const t = this.laneIndex(event.thread);
      if (t >= 0) {
        if (event.code === EngineEvent.ApcDelivered) inApc[t] = 1;
        else if (event.code === EngineEvent.ApcCompleted) inApc[t] = 0;
        let next = cachedLane(event, cur[t] as LaneCode);
        if (next === Lane.Running && inApc[t]) next = Lane.RunningApc;
        // A DPC runs on top of its CPU's thread (which stays that CPU's thread): only threads displace threads.
        if (
          (next === Lane.Running || next === Lane.Spinning || next === Lane.RunningApc) &&
          event.cpu >= 0 &&
          t < this.dpcFrom
        ) {
          const cpu = event.cpu & 63;
          const previous = onCpu[cpu]!;
          if (
            previous >= 0 &&
            previous !== t &&
            (cur[previous] === Lane.Running || cur[previous] === Lane.Spinning || cur[previous] === Lane.RunningApc)
          ) {
            change(previous, Lane.Ready, event.step);
          }
          onCpu[cpu] = t;
        }
        change(t, next, event.step);
      }
      this.addMarker(event, t);
    }
    for (let t = 0; t < lanes; t++) if (to > since[t]!) this.states[t]!.fill(cur[t]!, since[t]!, to);
    this.writeExact(to, snapshot);
    if (snapshot.bugcheck && to > 0) {
      this.pushMarker({
        step: to,
        thread: this.laneIndex(snapshot.bugcheck.thread),
        kind: "bugcheck",
        label: `Bug check ${snapshot.bugcheck.code}`,
      });
    }
    this.summarize(from, to);
    this.length = to + 1;
    this.version += 1;
  }

  private addMarker(event: TraceEvent, thread: number): void {
    const kind = cachedMarker(event);
    if (!kind || kind === "bugcheck") return; // the bug check marker comes from the snapshot
    this.pushMarker({
      step: event.step,
      thread,
      kind,
      label: event.object ? `${event.op}(${event.object}): ${event.result}` : `${event.op}: ${event.result}`,
    });
  }

  private pushMarker(marker: TimelineMarker): void {
    if (this.markers.length < MAX_MARKERS) this.markers.push(marker);
  }

  private writeExact(column: number, snapshot: Snapshot): void {
    for (const dpc of snapshot.dpcs) {
      const t = this.laneIndex(dpc.name);
      if (t < 0) continue;
      const queued = snapshot.cpus.some((c) => c.queuedDpcs.includes(dpc.name));
      this.states[t]![column] = dpc.spinning
        ? Lane.Spinning
        : dpc.running
          ? Lane.Running
          : queued
            ? Lane.Ready
            : Lane.None;
      this.irqls[t]![column] = dpc.running ? (snapshot.cpus[dpc.cpu]?.irql ?? 0) : 0;
    }
    snapshot.threads.forEach((thread) => {
      const t = this.laneIndex(thread.name);
      if (t < 0) return;
      this.cpuAtEnd[t] = thread.state === "Running" && thread.cpu !== null ? thread.cpu : -1;
      this.states[t]![column] = laneCodeOf(thread);
      this.irqls[t]![column] = thread.irql;
    });
  }

  private ensureCapacity(columns: number): void {
    if (columns <= this.capacity) return;
    let next = this.capacity;
    while (next < columns) next *= 2;
    const grow = (arrays: Uint8Array[]) =>
      arrays.map((old) => {
        const fresh = new Uint8Array(next);
        fresh.set(old.subarray(0, this.length));
        return fresh;
      });
    this.states = grow(this.states);
    this.irqls = grow(this.irqls);
    this.blocks = this.blocks.map((old) => {
      const fresh = new Uint8Array(next / BLOCK);
      fresh.set(old.subarray(0, Math.ceil(this.length / BLOCK)));
      return fresh;
    });
    this.capacity = next;
  }
}
