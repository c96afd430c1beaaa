// Draws the timeline on a canvas (the dense, live view) and writes the same
// picture as an SVG string (the export). Both consume timeline-model.ts.
import type { ScaleLinear } from "d3-scale";
import { threadColor } from "../lib/colors";
import { Lane, type LaneCode, type MarkerKind, type TimelineHistory } from "../store/timeline-history";
import { irqlFraction, irqlSteps, laneSegments, visibleMarkers } from "./timeline-model";

export interface TimelineTheme {
  readonly background: string;
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly waiting: string;
  readonly alarm: string;
  readonly cursor: string;
  readonly font: string;
}

export interface TimelineGeometry {
  readonly width: number; // CSS pixels, whole canvas
  readonly gutter: number; // label column
  readonly laneHeight: number;
  readonly top: number;
  readonly axisHeight: number;
}

const LANE_CODES = Object.values(Lane) as LaneCode[];

/** An APC body running on its target thread. */
export const APC_COLOR = "#8e44ad";

export const MARKER_COLORS: Record<MarkerKind, string> = {
  acquire: "#1a9850",
  release: "#4575b4",
  wait: "#e08214",
  wake: "#7fbc41",
  apc: "#8e44ad",
  dpc: "#b35806",
  bugcheck: "#d73027",
};

/** DPC lanes share one colour (they are not threads). */
export const DPC_LANE_COLOR = "#9c6b30";

export function laneColor(history: TimelineHistory, lane: number): string {
  return history.isDpcLane(lane) ? DPC_LANE_COLOR : threadColor(lane);
}

/** Fill for a lane state; Ready (or a queued DPC) is a pale tint of the lane's colour. */
export function laneFill(
  state: LaneCode,
  color: string,
  theme: TimelineTheme,
): { color: string; alpha: number } | null {
  switch (state) {
    case Lane.Running:
      return { color, alpha: 1 };
    case Lane.Spinning:
      return { color: theme.alarm, alpha: 0.75 };
    case Lane.RunningApc:
      return { color: APC_COLOR, alpha: 1 };
    case Lane.Ready:
    case Lane.Standby:
      return { color, alpha: 0.28 };
    case Lane.Waiting:
      return { color: theme.waiting, alpha: 1 };
    default:
      return null;
  }
}

export function readTheme(element: Element): TimelineTheme {
  const css = getComputedStyle(element);
  const v = (name: string, fallback: string) => css.getPropertyValue(name).trim() || fallback;
  return {
    background: v("--ksl-surface", "#ffffff"),
    text: v("--ksl-fg", "#1b1f24"),
    muted: v("--ksl-muted", "#667085"),
    grid: v("--ksl-grid", "#e4e7ec"),
    waiting: v("--ksl-wait", "#98a2b3"),
    alarm: v("--ksl-alarm", "#d92d20"),
    cursor: v("--ksl-cursor", "#111827"),
    font: v("font-family", "system-ui, sans-serif"),
  };
}

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  history: TimelineHistory,
  x: ScaleLinear<number, number>,
  geometry: TimelineGeometry,
  theme: TimelineTheme,
  cursorStep: number,
): void {
  const { width, gutter, laneHeight, top, axisHeight } = geometry;
  const lanes = history.laneNames.length;
  const plotW = width - gutter;
  const height = top + lanes * laneHeight + axisHeight;
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);

  // Grid and axis ticks.
  const ticks = x.ticks(Math.max(2, Math.floor(plotW / 90))).filter((t) => Number.isInteger(t));
  ctx.strokeStyle = theme.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = theme.muted;
  ctx.font = `11px ${theme.font}`;
  ctx.textAlign = "center";
  ctx.textBaseline = "top";
  for (const t of ticks) {
    const px = Math.round(gutter + x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(px, top);
    ctx.lineTo(px, top + lanes * laneHeight);
    ctx.stroke();
    // Keep the last label inside the canvas (it has a little room right of the plot).
    const label = String(t);
    const half = ctx.measureText(label).width / 2;
    ctx.fillText(label, Math.min(px, width + 14 - half), top + lanes * laneHeight + 5);
  }

  ctx.textAlign = "right";
  ctx.fillText("step", gutter - 8, top + lanes * laneHeight + 5);

  ctx.save();
  ctx.beginPath();
  ctx.rect(gutter, 0, plotW, height);
  ctx.clip();
  for (let lane = 0; lane < lanes; lane++) {
    const y = top + lane * laneHeight;
    const pad = laneHeight >= 14 ? 3 : 1;
    const color = laneColor(history, lane);
    // One path and one fill per lane state, not a fillRect (and a style change) per segment: a dense
    // lane has a segment every pixel or two, and the per-call cost dominated a redraw at 64 lanes.
    const segments = laneSegments(history, lane, x, plotW);
    for (const state of LANE_CODES) {
      const fill = laneFill(state, color, theme);
      if (!fill) continue;
      let any = false;
      for (const seg of segments) {
        if (seg.state !== state) continue;
        if (!any) ctx.beginPath();
        any = true;
        ctx.rect(gutter + seg.x0, y + pad, Math.max(1, seg.x1 - seg.x0), laneHeight - 2 * pad);
      }
      if (!any) continue;
      ctx.globalAlpha = fill.alpha;
      ctx.fillStyle = fill.color;
      ctx.fill();
    }
    ctx.globalAlpha = 1;
    if (laneHeight >= 14) {
      // IRQL step line, PASSIVE at the lane's bottom.
      const points = irqlSteps(history, lane, x, plotW);
      if (points.some((p) => p.irql > 0)) {
        ctx.strokeStyle = theme.text;
        ctx.lineWidth = 1.25;
        ctx.beginPath();
        const yOf = (irql: number) => y + laneHeight - pad - irqlFraction(irql) * (laneHeight - 2 * pad - 2) - 0.5;
        points.forEach((p, i) => {
          if (i === 0) ctx.moveTo(gutter + p.x, yOf(p.irql));
          else {
            ctx.lineTo(gutter + p.x, yOf(points[i - 1]!.irql));
            ctx.lineTo(gutter + p.x, yOf(p.irql));
          }
        });
        ctx.stroke();
      }
    }
  }

  // Markers: a small glyph at the top of the lane; bug checks as a full-height line.
  const markers = visibleMarkers(history, x, 4000);
  for (const m of markers) {
    const px = gutter + x(m.step - 0.5);
    ctx.fillStyle = MARKER_COLORS[m.kind];
    if (m.kind === "bugcheck") {
      ctx.fillRect(px - 1, top, 2, lanes * laneHeight);
      continue;
    }
    if (m.thread < 0) continue;
    const y = top + m.thread * laneHeight + 1;
    const r = Math.max(2, Math.min(4, laneHeight / 5));
    ctx.beginPath();
    if (m.kind === "acquire" || m.kind === "wait") {
      ctx.moveTo(px - r, y);
      ctx.lineTo(px + r, y);
      ctx.lineTo(px, y + r * 1.6);
    } else if (m.kind === "release" || m.kind === "wake") {
      ctx.moveTo(px - r, y + r * 1.6);
      ctx.lineTo(px + r, y + r * 1.6);
      ctx.lineTo(px, y);
    } else {
      ctx.moveTo(px, y);
      ctx.lineTo(px + r, y + r);
      ctx.lineTo(px, y + 2 * r);
      ctx.lineTo(px - r, y + r);
    }
    ctx.closePath();
    ctx.fill();
  }

  // Cursor at the current step.
  const cx = Math.round(gutter + x(cursorStep)) + 0.5;
  ctx.strokeStyle = theme.cursor;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(cx, top - 4);
  ctx.lineTo(cx, top + lanes * laneHeight + 2);
  ctx.stroke();
  ctx.restore();

  // Lane labels in the gutter.
  ctx.textAlign = "right";
  ctx.textBaseline = "middle";
  ctx.font = `${laneHeight >= 14 ? 12 : 9}px ${theme.font}`;
  for (let lane = 0; lane < lanes; lane++) {
    if (laneHeight < 9 && lane % 2 === 1) continue;
    const y = top + lane * laneHeight + laneHeight / 2;
    const name = (history.isDpcLane(lane) ? "DPC " : "") + (history.laneNames[lane] ?? "");
    const label = name.length > 11 ? `${name.slice(0, 10)}…` : name;
    ctx.fillStyle = theme.text;
    ctx.fillText(label, gutter - 8, y);
    ctx.fillStyle = laneColor(history, lane);
    ctx.fillRect(gutter - 8 - ctx.measureText(label).width - 12, y - 4, 8, 8);
  }
  ctx.restore();
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}

/** The visible timeline as a standalone SVG document (viewBox, no external styles). */
export function timelineToSvg(
  history: TimelineHistory,
  x: ScaleLinear<number, number>,
  geometry: TimelineGeometry,
  theme: TimelineTheme,
  cursorStep: number,
  title: string,
): string {
  const { width, gutter, laneHeight, top, axisHeight } = geometry;
  const lanes = history.laneNames.length;
  const plotW = width - gutter;
  const height = top + lanes * laneHeight + axisHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" font-family="system-ui, sans-serif" font-size="11">`,
  );
  parts.push(`<title>${escapeXml(title)} — timeline</title>`);
  parts.push(`<rect width="${width}" height="${height}" fill="${theme.background}"/>`);
  for (const t of x.ticks(Math.max(2, Math.floor(plotW / 90))).filter((v) => Number.isInteger(v))) {
    const px = (gutter + x(t)).toFixed(1);
    parts.push(`<line x1="${px}" x2="${px}" y1="${top}" y2="${top + lanes * laneHeight}" stroke="${theme.grid}"/>`);
    parts.push(
      `<text x="${px}" y="${top + lanes * laneHeight + 16}" text-anchor="middle" fill="${theme.muted}">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${gutter - 8}" y="${top + lanes * laneHeight + 16}" text-anchor="end" fill="${theme.muted}">step</text>`,
  );
  parts.push(
    `<clipPath id="ksl-plot"><rect x="${gutter}" y="0" width="${plotW}" height="${height}"/></clipPath><g clip-path="url(#ksl-plot)">`,
  );
  for (let lane = 0; lane < lanes; lane++) {
    const y = top + lane * laneHeight;
    const pad = laneHeight >= 14 ? 3 : 1;
    const color = laneColor(history, lane);
    for (const seg of laneSegments(history, lane, x, plotW)) {
      const fill = laneFill(seg.state, color, theme);
      if (!fill) continue;
      parts.push(
        `<rect x="${(gutter + seg.x0).toFixed(1)}" y="${y + pad}" width="${Math.max(1, seg.x1 - seg.x0).toFixed(1)}" height="${laneHeight - 2 * pad}" fill="${fill.color}"${fill.alpha < 1 ? ` fill-opacity="${fill.alpha}"` : ""}/>`,
      );
    }
  }
  for (const m of visibleMarkers(history, x, 4000)) {
    const px = (gutter + x(m.step - 0.5)).toFixed(1);
    if (m.kind === "bugcheck")
      parts.push(
        `<rect x="${px}" y="${top}" width="2" height="${lanes * laneHeight}" fill="${MARKER_COLORS.bugcheck}"><title>${escapeXml(m.label)}</title></rect>`,
      );
    else if (m.thread >= 0)
      parts.push(
        `<circle cx="${px}" cy="${top + m.thread * laneHeight + 4}" r="2.5" fill="${MARKER_COLORS[m.kind]}"><title>${escapeXml(`step ${m.step}: ${m.label}`)}</title></circle>`,
      );
  }
  const cx = (gutter + x(cursorStep)).toFixed(1);
  parts.push(
    `<line x1="${cx}" x2="${cx}" y1="${top - 4}" y2="${top + lanes * laneHeight + 2}" stroke="${theme.cursor}" stroke-width="2"/></g>`,
  );
  history.laneNames.forEach((name, lane) => {
    const y = top + lane * laneHeight + laneHeight / 2;
    parts.push(`<rect x="4" y="${y - 4}" width="8" height="8" fill="${laneColor(history, lane)}"/>`);
    parts.push(
      `<text x="${gutter - 8}" y="${y + 4}" text-anchor="end" fill="${theme.text}">${escapeXml((history.isDpcLane(lane) ? "DPC " : "") + name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}
