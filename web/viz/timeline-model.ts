// Pure layout of the timeline: turns the per-step history into drawable
// segments for the visible range only, sampling a bounded number of steps
// per pixel so the cost depends on the screen width, not on the run length.
import type { ScaleLinear } from "d3-scale";
import { Lane, type LaneCode, type TimelineHistory, type TimelineMarker } from "../store/timeline-history";

export interface LaneSegment {
  readonly x0: number;
  readonly x1: number;
  readonly state: LaneCode;
}

export interface IrqlPoint {
  readonly x: number;
  readonly irql: number;
}

/** Which state wins when several share one pixel: the most informative. */
const RANK: Record<LaneCode, number> = {
  [Lane.None]: 0,
  [Lane.Terminated]: 1,
  [Lane.Ready]: 2,
  [Lane.Standby]: 3,
  [Lane.Waiting]: 4,
  [Lane.Running]: 5,
  [Lane.Spinning]: 6,
};

const SAMPLES_PER_PIXEL = 8;

/** Column s (the state after step s) is drawn over [s − 1, s] on the step axis. */
export function laneSegments(history: TimelineHistory, lane: number, x: ScaleLinear<number, number>, width: number): LaneSegment[] {
  const data = history.lane(lane);
  if (!data) return [];
  const last = history.lastStep;
  const [d0, d1] = x.domain() as [number, number];
  const first = Math.max(1, Math.floor(d0) + 1);
  const end = Math.min(last, Math.ceil(d1));
  const segments: LaneSegment[] = [];
  const push = (x0: number, x1: number, state: LaneCode) => {
    const prev = segments[segments.length - 1];
    if (prev && prev.state === state && Math.abs(prev.x1 - x0) < 0.5) segments[segments.length - 1] = { x0: prev.x0, x1, state };
    else segments.push({ x0, x1, state });
  };
  if (end < first) return segments;
  const stepsPerPixel = (d1 - d0) / Math.max(1, width);
  if (stepsPerPixel <= 1) {
    for (let s = first; s <= end; s++) push(x(s - 1), x(s), data.states[s] as LaneCode);
    return segments;
  }
  const px0 = Math.max(0, Math.floor(x(first - 1)));
  const px1 = Math.min(width, Math.ceil(x(end)));
  for (let px = px0; px < px1; px++) {
    const s0 = Math.max(first, Math.floor(x.invert(px)) + 1);
    const s1 = Math.min(end, Math.floor(x.invert(px + 1)));
    if (s1 < s0) continue;
    const stride = Math.max(1, Math.floor((s1 - s0 + 1) / SAMPLES_PER_PIXEL));
    let best: LaneCode = data.states[s0] as LaneCode;
    for (let s = s0; s <= s1; s += stride) {
      const state = data.states[s] as LaneCode;
      if (RANK[state] > RANK[best]) best = state;
    }
    push(px, px + 1, best);
  }
  return segments;
}

/** The IRQL step line of one lane, one point per change (or per pixel when dense). */
export function irqlSteps(history: TimelineHistory, lane: number, x: ScaleLinear<number, number>, width: number): IrqlPoint[] {
  const data = history.lane(lane);
  if (!data) return [];
  const [d0, d1] = x.domain() as [number, number];
  const first = Math.max(1, Math.floor(d0) + 1);
  const end = Math.min(history.lastStep, Math.ceil(d1));
  const points: IrqlPoint[] = [];
  if (end < first) return points;
  const stepsPerPixel = (d1 - d0) / Math.max(1, width);
  const stride = stepsPerPixel <= 1 ? 1 : Math.max(1, Math.floor(stepsPerPixel));
  let prev = -1;
  for (let s = first; s <= end; s += stride) {
    // Within a pixel, show the highest level reached (a brief raise must not vanish).
    let irql = 0;
    for (let k = s; k < Math.min(s + stride, end + 1); k += Math.max(1, Math.floor(stride / SAMPLES_PER_PIXEL))) irql = Math.max(irql, data.irqls[k] ?? 0);
    if (irql !== prev) {
      points.push({ x: x(s - 1), irql });
      prev = irql;
    }
  }
  points.push({ x: x(end), irql: prev });
  return points;
}

/** Markers whose step lies in the visible domain (markers are sorted by step). */
export function visibleMarkers(history: TimelineHistory, x: ScaleLinear<number, number>, limit: number): TimelineMarker[] {
  const [d0, d1] = x.domain() as [number, number];
  const markers = history.markers;
  let lo = 0;
  let hi = markers.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((markers[mid]?.step ?? 0) < d0) lo = mid + 1;
    else hi = mid;
  }
  const out: TimelineMarker[] = [];
  for (let i = lo; i < markers.length && out.length < limit; i++) {
    const m = markers[i]!;
    if (m.step > d1 + 1) break;
    out.push(m);
  }
  return out;
}

/** Vertical position of an IRQL inside a lane: PASSIVE at the bottom; APC and DISPATCH get most of the room. */
export function irqlFraction(irql: number): number {
  if (irql <= 0) return 0;
  if (irql === 1) return 0.35;
  if (irql === 2) return 0.65;
  return 0.8 + (Math.min(irql, 15) - 3) * (0.2 / 12);
}

/** Lane height for a thread count: roomy for a few threads, compact for 64. */
export function laneHeightFor(threads: number): number {
  if (threads <= 6) return 28;
  if (threads <= 12) return 22;
  if (threads <= 24) return 14;
  return 8;
}
