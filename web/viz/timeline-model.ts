// Pure layout of the timeline: turns the per-step history into drawable
// segments for the visible range only, sampling a bounded number of steps
// per pixel so the cost depends on the screen width, not on the run length.
import type { ScaleLinear } from "d3-scale";
import { BLOCK, LANE_RANK, type LaneCode, type TimelineHistory, type TimelineMarker } from "../store/timeline-history";

export interface LaneSegment {
  readonly x0: number;
  readonly x1: number;
  readonly state: LaneCode;
}

export interface IrqlPoint {
  readonly x: number;
  readonly irql: number;
}

/** Steps read per pixel of the IRQL line when dense (a brief raise may be skipped; the lanes are exact). */
const SAMPLES_PER_PIXEL = 8;

interface MutableSegment {
  x0: number;
  x1: number;
  state: LaneCode;
}

/** Column s (the state after step s) is drawn over [s − 1, s] on the step axis. */
export function laneSegments(
  history: TimelineHistory,
  lane: number,
  x: ScaleLinear<number, number>,
  width: number,
): LaneSegment[] {
  const data = history.lane(lane);
  if (!data) return [];
  const states = data.states;
  const blocks = data.blocks;
  const [d0, d1] = x.domain() as [number, number];
  const [r0, r1] = x.range() as [number, number];
  // Plain arithmetic instead of scale calls: this loop runs lanes × pixels times per frame.
  const k = (r1 - r0) / (d1 - d0);
  const toPx = (step: number) => r0 + (step - d0) * k;
  const toStep = (px: number) => d0 + (px - r0) / k;
  const first = Math.max(1, Math.floor(d0) + 1);
  const end = Math.min(history.lastStep, Math.ceil(d1));
  const segments: MutableSegment[] = [];
  let last: MutableSegment | undefined;
  const push = (x0: number, x1: number, state: LaneCode) => {
    if (last && last.state === state && Math.abs(last.x1 - x0) < 0.5) last.x1 = x1;
    else {
      last = { x0, x1, state };
      segments.push(last);
    }
  };
  if (end < first) return segments;
  if ((d1 - d0) / Math.max(1, width) <= 1) {
    for (let s = first; s <= end; s++) push(toPx(s - 1), toPx(s), states[s] as LaneCode);
    return segments;
  }
  const blockOnly = (d1 - d0) / Math.max(1, width) >= 4 * BLOCK;
  const px0 = Math.max(0, Math.floor(toPx(first - 1)));
  const px1 = Math.min(width, Math.ceil(toPx(end)));
  for (let px = px0; px < px1; px++) {
    const s0 = Math.max(first, Math.floor(toStep(px)) + 1);
    const s1 = Math.min(end, Math.floor(toStep(px + 1)));
    if (s1 < s0) continue;
    let best = states[s0] as LaneCode;
    if (blockOnly) {
      // Four or more blocks per pixel: whole blocks only; a burst moves by less than a quarter pixel, never vanishes.
      for (let b = Math.floor(s0 / BLOCK), bEnd = Math.floor(s1 / BLOCK); b <= bEnd; b++) {
        const state = blocks[b] as LaneCode;
        if (LANE_RANK[state] > LANE_RANK[best]) best = state;
      }
      push(px, px + 1, best);
      continue;
    }
    // Exact: the partial blocks at both ends column by column, the whole blocks in between from the summary.
    let s = s0;
    while (s <= s1 && s % BLOCK !== 0) {
      const state = states[s++] as LaneCode;
      if (LANE_RANK[state] > LANE_RANK[best]) best = state;
    }
    while (s + BLOCK - 1 <= s1) {
      const state = blocks[s / BLOCK] as LaneCode;
      if (LANE_RANK[state] > LANE_RANK[best]) best = state;
      s += BLOCK;
    }
    while (s <= s1) {
      const state = states[s++] as LaneCode;
      if (LANE_RANK[state] > LANE_RANK[best]) best = state;
    }
    push(px, px + 1, best);
  }
  return segments;
}

/** The IRQL step line of one lane, one point per change (the highest level per pixel when dense). */
export function irqlSteps(
  history: TimelineHistory,
  lane: number,
  x: ScaleLinear<number, number>,
  width: number,
): IrqlPoint[] {
  const data = history.lane(lane);
  if (!data) return [];
  const irqls = data.irqls;
  const [d0, d1] = x.domain() as [number, number];
  const [r0, r1] = x.range() as [number, number];
  const k = (r1 - r0) / (d1 - d0);
  const toPx = (step: number) => r0 + (step - d0) * k;
  const first = Math.max(1, Math.floor(d0) + 1);
  const end = Math.min(history.lastStep, Math.ceil(d1));
  const points: IrqlPoint[] = [];
  if (end < first) return points;
  const stride = Math.max(1, Math.floor((d1 - d0) / Math.max(1, width)));
  const inner = Math.max(1, Math.floor(stride / SAMPLES_PER_PIXEL));
  let prev = -1;
  for (let s = first; s <= end; s += stride) {
    // Within a pixel, show the highest level reached (a brief raise must not vanish).
    let irql = 0;
    const stop = Math.min(s + stride, end + 1);
    for (let j = s; j < stop; j += inner) if ((irqls[j] ?? 0) > irql) irql = irqls[j] ?? 0;
    if (irql !== prev) {
      points.push({ x: toPx(s - 1), irql });
      prev = irql;
    }
  }
  points.push({ x: toPx(end), irql: prev });
  return points;
}

/** Markers whose step lies in the visible domain (markers are sorted by step). */
export function visibleMarkers(
  history: TimelineHistory,
  x: ScaleLinear<number, number>,
  limit: number,
): TimelineMarker[] {
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
