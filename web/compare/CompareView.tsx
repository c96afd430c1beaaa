// Two simulators side by side for one CompareSession: the shared controls
// (step both, back, reset; together or apart; same scenario), the list of
// differences in words, and the two columns with every difference marked on
// both. Used by the app's compare page and by the widget; the host supplies
// the code pane (the app's editor, the widget's listing) and its header.
import { useId, useMemo, useSyncExternalStore, type ComponentType, type ReactNode } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { Snapshot } from "../../core-wasm/engine/types";
import type { ScenarioBackend } from "../store/backend";
import type { EngineStatus } from "../store/simulator-store";
import { SimulatorProvider } from "../store/SimulatorProvider";
import type { CompareSession } from "./compare-session";
import { DiffProvider } from "./diff-marks";
import { SideColumn } from "./SideColumn";
import { diffSnapshots, type Side, type SnapshotDiff } from "./snapshot-diff";

/** The providers are handed ready stores, so they never build one from a backend. */
const UNUSED_BACKEND: ScenarioBackend = {
  compile: () => {
    throw new Error("each side's store has its own backend");
  },
  createSimulator: () => {
    throw new Error("each side's store has its own backend");
  },
};

export interface CompareViewProps {
  readonly session: CompareSession;
  readonly CodePane: ComponentType<{ readonly side: Side }>;
  /** Scheduler, Windows, verifier and CPU choices per side (the app); the widget shows them fixed. */
  readonly showSettings?: boolean;
  /** Offer the "same scenario" toggle (only useful with an editor). */
  readonly offerSameScenario?: boolean;
  /** Extra controls at the end of the toolbar (preset picker, share). */
  readonly toolbarExtra?: ReactNode;
  /** Step buttons and toggles; off when a host page drives the widget itself. */
  readonly controls?: boolean;
}

const pick = (s: { snapshot: Snapshot | null; step: number; status: EngineStatus }) => ({
  snapshot: s.snapshot,
  step: s.step,
  status: s.status,
});

function useBothSides(session: CompareSession) {
  // One useShallow per store: each keeps its own previous result.
  const left = useStore(session.left.store, useShallow(pick));
  const right = useStore(session.right.store, useShallow(pick));
  return { left, right };
}

function DiffList({ diff, steps }: { readonly diff: SnapshotDiff; readonly steps: readonly [number, number] }) {
  const headingId = useId();
  const count = diff.differences.length;
  const where = steps[0] === steps[1] ? `at step ${steps[0]}` : `left at step ${steps[0]}, right at step ${steps[1]}`;
  return (
    <section
      className={`ksl-cmp-diffs${count === 0 ? " ksl-cmp-diffs--none" : ""}`}
      aria-labelledby={headingId}
      data-testid="differences"
    >
      <h2 id={headingId} aria-live="polite">
        {count === 0 ? (
          <>No differences {where}</>
        ) : (
          <>
            <span className="ksl-cmp-mark" aria-hidden="true">
              ≠
            </span>{" "}
            {count} difference{count === 1 ? "" : "s"} {where}
          </>
        )}
      </h2>
      {count > 0 && (
        <ul className="ksl-cmp-diffs__list">
          {diff.differences.map((d) => (
            <li key={d.key} data-diff-key={d.key}>
              {d.text}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export function CompareView({
  session,
  CodePane,
  showSettings = true,
  offerSameScenario = true,
  toolbarExtra,
  controls = true,
}: CompareViewProps) {
  const flags = useSyncExternalStore(
    (listener) => session.flags.subscribe(listener),
    () => session.flags.getState(),
  );
  const { left, right } = useBothSides(session);
  const diff = useMemo(() => diffSnapshots(left.snapshot, right.snapshot), [left.snapshot, right.snapshot]);
  const ready = left.status === "ready" && right.status === "ready";
  const bothOver =
    (left.snapshot?.outcome ?? "running") !== "running" && (right.snapshot?.outcome ?? "running") !== "running";
  return (
    <div className="ksl-cmp" data-testid="compare">
      {controls && (
        <div className="ksl-controls ksl-cmp-bar" role="toolbar" aria-label="Compare controls">
          <div className="ksl-controls__group">
            <button
              type="button"
              className="ksl-btn"
              onClick={() => session.reset()}
              disabled={!ready || (left.step === 0 && right.step === 0)}
              data-testid="compare-reset"
            >
              ⟲ Reset
            </button>
            {flags.together && (
              <>
                <button
                  type="button"
                  className="ksl-btn"
                  onClick={() => session.back()}
                  disabled={!ready || (left.step === 0 && right.step === 0)}
                  data-testid="compare-back"
                >
                  ◀ Back
                </button>
                <button
                  type="button"
                  className="ksl-btn ksl-btn--primary"
                  onClick={() => session.step()}
                  disabled={!ready || bothOver}
                  data-testid="compare-step"
                >
                  Step both ▶
                </button>
              </>
            )}
          </div>
          <div className="ksl-controls__group">
            <label className="ksl-cmp-toggle">
              <input
                type="checkbox"
                checked={flags.together}
                onChange={(e) => session.setTogether(e.target.checked)}
                data-testid="compare-together"
              />
              Step together
            </label>
            {offerSameScenario && (
              <label className="ksl-cmp-toggle">
                <input
                  type="checkbox"
                  checked={flags.sameScenario}
                  onChange={(e) => void session.setSameScenario(e.target.checked)}
                  data-testid="compare-same"
                />
                Same scenario
              </label>
            )}
          </div>
          {toolbarExtra && <div className="ksl-controls__group ksl-cmp-bar__extra">{toolbarExtra}</div>}
        </div>
      )}
      {flags.problem && (
        <p className="ksl-banner ksl-banner--error" role="alert" data-testid="compare-problem">
          {flags.problem}
        </p>
      )}
      <DiffList diff={diff} steps={[left.step, right.step]} />
      <div className="ksl-cmp-sides">
        {([session.left, session.right] as const).map((side) => (
          <SimulatorProvider key={side.side} backend={UNUSED_BACKEND} source="" store={side.store}>
            <DiffProvider diff={diff} side={side.side}>
              <SideColumn
                session={session}
                side={side}
                sideControls={controls && !flags.together}
                CodePane={CodePane}
                showSettings={showSettings}
              />
            </DiffProvider>
          </SimulatorProvider>
        ))}
      </div>
    </div>
  );
}
