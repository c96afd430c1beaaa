// The timeline: one swimlane per thread coloured by state over steps, the
// IRQL step line, markers and a cursor. One <canvas> owned through a ref,
// redrawn from the store's subscribe (not React renders); d3-zoom supplies
// the zoom/pan math, d3-scale the axis. Click to jump to a step.
import { scaleLinear, type ScaleLinear } from "d3-scale";
import { select } from "d3-selection";
import { zoom, zoomIdentity, type ZoomBehavior, type ZoomTransform } from "d3-zoom";
import { useCallback, useEffect, useLayoutEffect, useRef, useState } from "react";
import { irqlName } from "../lib/irql";
import { useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import { LANE_LABELS } from "../store/timeline-history";
import { downloadBlob, safeFileName } from "../lib/download";
import { laneHeightFor } from "../viz/timeline-model";
import { drawTimeline, readTheme, timelineToSvg, type TimelineGeometry } from "../viz/timeline-render";

const GUTTER = 96;
const TOP = 8;
const AXIS = 22;
const MIN_STEPS_SHOWN = 24;
/** Room right of the plot so the last axis label is not cut. */
const RIGHT_PAD = 16;

interface Hover {
  readonly left: number;
  readonly top: number;
  readonly text: string;
}

export function Timeline() {
  const store = useSimulatorStoreApi();
  const lanes = useSimulator((s) => s.history?.laneNames.length ?? 0);
  const title = useSimulator((s) => s.title);
  const wrapRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const [width, setWidth] = useState(800);
  const [hover, setHover] = useState<Hover | null>(null);
  const transformRef = useRef<ZoomTransform>(zoomIdentity);
  /** Step range of the un-zoomed view; frozen while zoomed so the zoom transform keeps its meaning. */
  const baseEndRef = useRef(MIN_STEPS_SHOWN);
  const zoomRef = useRef<ZoomBehavior<HTMLCanvasElement, unknown> | null>(null);
  const frameRef = useRef<number | undefined>(undefined);
  const laneHeight = laneHeightFor(lanes);
  const height = TOP + lanes * laneHeight + AXIS;
  const geometry: TimelineGeometry = {
    width: width - RIGHT_PAD,
    gutter: GUTTER,
    laneHeight,
    top: TOP,
    axisHeight: AXIS,
  };
  const geometryRef = useRef(geometry);
  useLayoutEffect(() => {
    geometryRef.current = { width: width - RIGHT_PAD, gutter: GUTTER, laneHeight, top: TOP, axisHeight: AXIS };
  }, [width, laneHeight]);

  /** The step scale in plot coordinates (0 = left edge of the lanes). */
  const plotScale = useCallback((): ScaleLinear<number, number> => {
    const { width: w, gutter } = geometryRef.current;
    const state = store.getState();
    const full = Math.max(MIN_STEPS_SHOWN, state.furthestStep, state.step);
    if (transformRef.current.k === 1 && transformRef.current.x === 0) baseEndRef.current = full;
    const base = scaleLinear().domain([0, baseEndRef.current]).range([gutter, w]);
    const zoomed = transformRef.current.rescaleX(base);
    return scaleLinear()
      .domain(zoomed.domain())
      .range([0, w - gutter]);
  }, [store]);

  const draw = useCallback(() => {
    frameRef.current = undefined;
    const canvas = canvasRef.current;
    const history = store.getState().history;
    if (!canvas || !history) return;
    const g = geometryRef.current;
    const dpr = window.devicePixelRatio || 1;
    const h = g.top + history.laneNames.length * g.laneHeight + g.axisHeight;
    if (canvas.width !== Math.round((g.width + RIGHT_PAD) * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round((g.width + RIGHT_PAD) * dpr);
      canvas.height = Math.round(h * dpr);
    }
    const ctx = canvas.getContext("2d");
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    drawTimeline(ctx, history, plotScale(), g, readTheme(canvas), store.getState().step);
  }, [store, plotScale]);

  const requestDraw = useCallback(() => {
    if (frameRef.current === undefined) frameRef.current = requestAnimationFrame(draw);
  }, [draw]);

  useEffect(() => {
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.history !== prev.history) {
        // A new scenario: zoom back out.
        transformRef.current = zoomIdentity;
        if (canvasRef.current && zoomRef.current)
          select(canvasRef.current).call(zoomRef.current.transform, zoomIdentity);
      }
      if (
        s.historyVersion !== prev.historyVersion ||
        s.step !== prev.step ||
        s.history !== prev.history ||
        s.furthestStep !== prev.furthestStep
      )
        requestDraw();
    });
    requestDraw();
    const media = window.matchMedia?.("(prefers-color-scheme: dark)");
    media?.addEventListener?.("change", requestDraw);
    return () => {
      unsubscribe();
      media?.removeEventListener?.("change", requestDraw);
      if (frameRef.current !== undefined) cancelAnimationFrame(frameRef.current);
      frameRef.current = undefined;
    };
  }, [store, requestDraw]);

  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver((entries) => {
      const w = Math.floor(entries[0]?.contentRect.width ?? 0);
      if (w > 0) setWidth(w);
    });
    observer.observe(wrap);
    return () => observer.disconnect();
  }, []);

  useEffect(requestDraw, [width, lanes, requestDraw]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const behaviour = zoom<HTMLCanvasElement, unknown>()
      .scaleExtent([1, 4000])
      .extent([
        [GUTTER, 0],
        [width - RIGHT_PAD, height],
      ])
      .translateExtent([
        [GUTTER, 0],
        [width - RIGHT_PAD, height],
      ])
      // d3-zoom's default gestures (wheel, drag, pinch) minus double-click, which would fight with click-to-jump.
      .filter((event: MouseEvent) => !event.button && event.type !== "dblclick")
      .on("zoom", (event: { transform: ZoomTransform }) => {
        transformRef.current = event.transform;
        requestDraw();
      });
    zoomRef.current = behaviour;
    const selection = select(canvas);
    selection.call(behaviour).call(behaviour.transform, transformRef.current);
    return () => {
      selection.on(".zoom", null);
    };
  }, [width, height, requestDraw]);

  const stepAt = (clientX: number): number => {
    const canvas = canvasRef.current;
    if (!canvas) return 0;
    const rect = canvas.getBoundingClientRect();
    return Math.round(plotScale().invert(clientX - rect.left - GUTTER));
  };

  const onClick = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    if (e.clientX - rect.left < GUTTER) return;
    const state = store.getState();
    const step = Math.max(0, Math.min(state.furthestStep, stepAt(e.clientX)));
    state.actions.goTo(step);
  };

  const onMove = (e: React.MouseEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const history = store.getState().history;
    const lane = Math.floor((e.clientY - rect.top - TOP) / laneHeight);
    const step = Math.ceil(plotScale().invert(e.clientX - rect.left - GUTTER));
    if (
      !history ||
      e.clientX - rect.left < GUTTER ||
      lane < 0 ||
      lane >= lanes ||
      step < 1 ||
      step > history.lastStep
    ) {
      setHover(null);
      return;
    }
    const name = (history.isDpcLane(lane) ? "DPC " : "") + (history.laneNames[lane] ?? "");
    setHover({
      left: e.clientX - rect.left + 12,
      top: TOP + lane * laneHeight + laneHeight + 4,
      text: `${name} · step ${step}: ${LANE_LABELS[history.stateAt(lane, step)]}, ${irqlName(history.irqlAt(lane, step))}`,
    });
  };

  const zoomBy = (factor: number) => {
    const canvas = canvasRef.current;
    if (canvas && zoomRef.current)
      select(canvas).call(zoomRef.current.scaleBy, factor, [GUTTER + (width - RIGHT_PAD - GUTTER) / 2, 0]);
  };
  const fit = () => {
    const canvas = canvasRef.current;
    if (canvas && zoomRef.current) select(canvas).call(zoomRef.current.transform, zoomIdentity);
  };

  const exportSvg = () => {
    const history = store.getState().history;
    const canvas = canvasRef.current;
    if (!history || !canvas) return;
    const svg = timelineToSvg(
      history,
      plotScale(),
      geometryRef.current,
      readTheme(canvas),
      store.getState().step,
      title,
    );
    downloadBlob(new Blob([svg], { type: "image/svg+xml" }), `${safeFileName(title)}-timeline.svg`);
  };
  const exportPng = () => {
    canvasRef.current?.toBlob((blob) => {
      if (blob) downloadBlob(blob, `${safeFileName(title)}-timeline.png`);
    }, "image/png");
  };

  return (
    <section className="ksl-panel ksl-timeline" aria-labelledby="ksl-timeline-h" data-testid="timeline">
      <header className="ksl-panel__head">
        <h2 id="ksl-timeline-h">Timeline</h2>
        <ul className="ksl-legend" aria-label="Legend">
          <li>
            <span className="ksl-legend__sw ksl-legend__sw--running" /> Running
          </li>
          <li>
            <span className="ksl-legend__sw ksl-legend__sw--ready" /> Ready
          </li>
          <li>
            <span className="ksl-legend__sw ksl-legend__sw--waiting" /> Waiting
          </li>
          <li>
            <span className="ksl-legend__sw ksl-legend__sw--apc" /> in APC
          </li>
          <li>
            <span className="ksl-legend__sw ksl-legend__sw--spinning" /> Spinning
          </li>
          <li>
            <span className="ksl-legend__line" /> IRQL
          </li>
          <li>
            <span className="ksl-legend__mark" style={{ color: "#1a9850" }}>
              ▼
            </span>{" "}
            acquire
          </li>
          <li>
            <span className="ksl-legend__mark" style={{ color: "#4575b4" }}>
              ▲
            </span>{" "}
            release
          </li>
          <li>
            <span className="ksl-legend__mark" style={{ color: "#8e44ad" }}>
              ◆
            </span>{" "}
            APC/DPC
          </li>
        </ul>
        <div className="ksl-panel__tools">
          <button type="button" className="ksl-btn ksl-btn--small" onClick={() => zoomBy(2)} aria-label="Zoom in">
            +
          </button>
          <button type="button" className="ksl-btn ksl-btn--small" onClick={() => zoomBy(0.5)} aria-label="Zoom out">
            −
          </button>
          <button type="button" className="ksl-btn ksl-btn--small" onClick={fit} data-testid="timeline-fit">
            Fit
          </button>
          <button type="button" className="ksl-btn ksl-btn--small" onClick={exportSvg} data-testid="export-svg">
            SVG
          </button>
          <button type="button" className="ksl-btn ksl-btn--small" onClick={exportPng} data-testid="export-png">
            PNG
          </button>
        </div>
      </header>
      <div className="ksl-timeline__wrap" ref={wrapRef}>
        <canvas
          ref={canvasRef}
          className="ksl-timeline__canvas"
          style={{ width: `${width}px`, height: `${height}px` }}
          role="img"
          aria-label={`Timeline of ${lanes} threads; click a position to jump to that step, scroll to zoom, drag to pan.`}
          onClick={onClick}
          onMouseMove={onMove}
          onMouseLeave={() => setHover(null)}
          data-testid="timeline-canvas"
        />
        {hover && (
          <div className="ksl-tooltip" style={{ left: hover.left, top: hover.top }}>
            {hover.text}
          </div>
        )}
      </div>
    </section>
  );
}
