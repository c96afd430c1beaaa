// One column of the comparison: the side's title, position and outcome, its
// own settings (scheduler and seed, Windows generation, Driver Verifier,
// processors), its own Step / Back when the sides step apart, what its last
// step did, the compact state and the scenario text.
import { useId, useSyncExternalStore, type ComponentType } from "react";
import { useShallow } from "zustand/react/shallow";
import type { VerifierSetting } from "../store/backend";
import { useSimulator } from "../store/SimulatorProvider";
import { effectiveScheduler } from "../store/simulator-store";
import type { CompareSide } from "./compare-side";
import type { CompareSession } from "./compare-session";
import { useDiffCell } from "./diff-marks";
import { SideState } from "./SideState";
import { diffKey, type Side } from "./snapshot-diff";
import { SeedField } from "../components/Controls";

const CPU_CHOICES = [1, 2, 3, 4];

function useSideSettings(side: CompareSide) {
  const settings = useSyncExternalStore(
    (listener) => side.subscribe(listener),
    () => side.settings,
  );
  const verifier = useSyncExternalStore(
    (listener) => side.subscribe(listener),
    () => side.verifier,
  );
  return { settings, verifier };
}

function Settings({ session, side }: { readonly session: CompareSession; readonly side: CompareSide }) {
  const id = useId();
  const { verifier } = useSideSettings(side);
  const s = useSimulator(
    useShallow((st) => ({
      ready: st.status !== "loading",
      scheduler: effectiveScheduler(st),
      seed: st.seedOverride ?? st.fileSeed,
      windows: st.windows,
      cpus: st.cpuCount,
      actions: st.actions,
    })),
  );
  const label = side.side === "left" ? "Left" : "Right";
  const cpuChoices = CPU_CHOICES.includes(s.cpus) ? CPU_CHOICES : [...CPU_CHOICES, s.cpus];
  return (
    <div className="ksl-cmp-settings" role="group" aria-label={`${label} side settings`}>
      <label className="ksl-field" htmlFor={`${id}-sched`}>
        <span>Scheduler</span>
        <select
          id={`${id}-sched`}
          value={s.scheduler}
          disabled={!s.ready}
          onChange={(e) => s.actions.setScheduler(e.target.value as "priority" | "random")}
          data-testid={`${side.side}-scheduler`}
        >
          <option value="priority">priority</option>
          <option value="random">random</option>
          {s.scheduler === "manual" && (
            <option value="manual" disabled>
              manual (use the workbench)
            </option>
          )}
        </select>
      </label>
      {s.scheduler === "random" && (
        <SeedField
          id={`${id}-seed`}
          seed={s.seed}
          onSeed={(seed) => s.actions.setScheduler("random", seed)}
          className="ksl-field"
          inputClassName="ksl-cmp-seed"
          testId={`${side.side}-seed`}
        />
      )}
      <label className="ksl-field" htmlFor={`${id}-win`}>
        <span>Windows</span>
        <select
          id={`${id}-win`}
          value={String(s.windows)}
          disabled={!s.ready}
          onChange={(e) => void session.setSettings(side.side, { windows: Number(e.target.value) as 2003 | 8 })}
          data-testid={`${side.side}-windows`}
        >
          <option value="2003">2003 – 7</option>
          <option value="8">8 and later</option>
        </select>
      </label>
      <label className="ksl-field" htmlFor={`${id}-ver`}>
        <span>Verifier</span>
        <select
          id={`${id}-ver`}
          value={verifier ?? "off"}
          disabled={!s.ready}
          onChange={(e) => void session.setSettings(side.side, { verifier: e.target.value as VerifierSetting })}
          data-testid={`${side.side}-verifier`}
        >
          <option value="off">off</option>
          <option value="on">on</option>
          <option value="deadlock">on + deadlocks</option>
        </select>
      </label>
      <label className="ksl-field" htmlFor={`${id}-cpus`}>
        <span>CPUs</span>
        <select
          id={`${id}-cpus`}
          value={String(s.cpus)}
          disabled={!s.ready}
          onChange={(e) => void session.setSettings(side.side, { cpus: Number(e.target.value) })}
          data-testid={`${side.side}-cpus`}
        >
          {cpuChoices.map((n) => (
            <option key={n} value={String(n)}>
              {n}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}

function outcomeText(outcome: string, code: string | undefined): string {
  switch (outcome) {
    case "running":
      return "running";
    case "bugcheck":
      return `bug check ${code ?? ""}`.trim();
    case "step-limit":
      return "step limit";
    default:
      return outcome;
  }
}

function Status() {
  const { status, failure, errors, notice } = useSimulator(
    useShallow((s) => ({ status: s.status, failure: s.failure, errors: s.diagnostics.length, notice: s.notice })),
  );
  if (status === "loading") return <p className="ksl-banner ksl-small">Loading…</p>;
  if (status === "failed")
    return (
      <p className="ksl-banner ksl-banner--error" role="alert">
        {failure}
      </p>
    );
  if (status === "invalid")
    return (
      <p className="ksl-banner ksl-banner--warn" role="status">
        The scenario has {errors} error{errors === 1 ? "" : "s"}; the state shows the last version that compiled.
      </p>
    );
  return notice ? <p className="ksl-banner ksl-small">{notice}</p> : null;
}

function LastStep({ side }: { readonly side: Side }) {
  const { events, bugcheck, deadlock } = useSimulator(
    useShallow((s) => ({
      events: s.currentEvents,
      bugcheck: s.snapshot?.bugcheck ?? null,
      deadlock: (s.snapshot?.outcome ?? "running") === "deadlock",
    })),
  );
  return (
    <div className="ksl-cmp-narration" data-testid={`${side}-narration`}>
      {bugcheck ? (
        <p className="ksl-cmp-stop">
          <strong>
            STOP {bugcheck.code} {bugcheck.name}
          </strong>{" "}
          {bugcheck.explanation}
        </p>
      ) : deadlock ? (
        <p className="ksl-cmp-stop">
          <strong>Deadlock:</strong> no thread can ever run again.
        </p>
      ) : events.length > 0 ? (
        <p>{events.map((e) => e.text.replace(/\.?$/, ".")).join(" ")}</p>
      ) : (
        <p className="ksl-muted">Step 0: nothing has run yet.</p>
      )}
    </div>
  );
}

export interface SideColumnProps {
  readonly session: CompareSession;
  readonly side: CompareSide;
  /** Step and Back for this side alone (stepping apart). */
  readonly sideControls: boolean;
  /** The scenario text: the app's editor or the widget's listing. */
  readonly CodePane: ComponentType<{ readonly side: Side }>;
  readonly showSettings: boolean;
}

export function SideColumn({ session, side, sideControls, CodePane, showSettings }: SideColumnProps) {
  const name = side.side;
  const headingId = useId();
  const label = name === "left" ? "Left" : "Right";
  const s = useSimulator(
    useShallow((st) => ({
      title: st.title,
      ready: st.status === "ready",
      step: st.step,
      tick: st.snapshot?.tick ?? 0,
      outcome: st.snapshot?.outcome ?? "running",
      code: st.snapshot?.bugcheck?.code,
    })),
  );
  const outcomeCell = useDiffCell(diffKey.outcome);
  const over = s.outcome !== "running";
  return (
    <section className={`ksl-cmp-side ksl-cmp-side--${name}`} data-side={name} aria-labelledby={headingId}>
      <header className="ksl-cmp-side__head">
        <h2 id={headingId}>
          <span className="ksl-cmp-side__label">{label}</span> {s.title || "…"}
        </h2>
        <span className="ksl-cmp-side__pos ksl-muted" data-testid={`${name}-position`}>
          step <strong data-testid={`${name}-step`}>{s.step}</strong> · tick {s.tick}
        </span>
        <span
          {...outcomeCell.props}
          className={`ksl-cmp-outcome ksl-cmp-outcome--${s.outcome} ${outcomeCell.props.className}`}
          data-testid={`${name}-outcome`}
        >
          {outcomeCell.mark}
          {outcomeText(s.outcome, s.code)}
        </span>
      </header>
      {showSettings && <Settings session={session} side={side} />}
      {sideControls && (
        <div className="ksl-cmp-side__controls" role="toolbar" aria-label={`${label} side controls`}>
          <button
            type="button"
            className="ksl-btn ksl-btn--small"
            onClick={() => session.back(name)}
            disabled={!s.ready || s.step === 0}
            data-testid={`${name}-back`}
          >
            ◀ Back
          </button>
          <button
            type="button"
            className="ksl-btn ksl-btn--small ksl-btn--primary"
            onClick={() => session.step(name)}
            disabled={!s.ready || over}
            data-testid={`${name}-step-alone`}
          >
            Step {name} ▶
          </button>
        </div>
      )}
      <Status />
      <LastStep side={name} />
      <SideState side={name} />
      <CodePane side={name} />
    </section>
  );
}
