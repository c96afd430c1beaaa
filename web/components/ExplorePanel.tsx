// The Explore panel: progress and Cancel of a search of every schedule for a
// deadlock or a bug check (run in a Web Worker, web/explorer-worker.ts), its
// verdict, and the replay of a schedule it finds in this simulator (as forced
// choices) so the timeline and the wait-for graph show how it happened. The
// Workbench loads this file only when the panel first opens (ExploreControl.tsx
// holds the session and the header button, which the start page needs).
import { useId, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { ExploreSession, ExploreSettings } from "../explore/explore-session";
import type { ExploreControl } from "./ExploreControl";
import {
  count,
  describeReport,
  describeStopped,
  mebibytes,
  nearestLimit,
  progressFraction,
  rate,
  seconds,
  type OutcomeText,
} from "../explore/explore-text";
import { useSimulator } from "../store/SimulatorProvider";
import { threadColor } from "../lib/colors";
import "../explore/explore.css";

export function ExplorePanel({ explore }: { readonly explore: ExploreControl }) {
  const id = useId();
  const s = useStore(
    explore.session,
    useShallow((st) => ({
      phase: st.phase,
      settings: st.settings,
      progress: st.progress,
      report: st.report,
      failure: st.failure,
      explored: st.explored,
      stopped: st.stopped,
      run: st.run,
      actions: st.actions,
    })),
  );
  const source = useSimulator((st) => st.source);
  const busy = s.phase === "running" || s.phase === "cancelling";
  // A result for text that has since changed (an edit, another scenario) must say so.
  const staleFor = s.explored && s.explored.source !== source ? s.report?.scenario || s.explored.fileName : null;
  return (
    <section className="ksl-explore" aria-labelledby={`${id}-h`} data-testid="explore-panel" data-phase={s.phase}>
      <header className="ksl-explore__head">
        <h2 id={`${id}-h`}>Explore every schedule</h2>
        <p className="ksl-small ksl-muted ksl-explore__what">
          Every order in which the threads could run, searched in the background for a deadlock, a bug check or a run
          that never ends.
        </p>
        {!busy && (
          <button
            type="button"
            className="ksl-btn ksl-btn--primary ksl-btn--small"
            onClick={explore.openAndStart}
            data-testid="explore-start"
          >
            {s.phase === "idle" ? "Start" : "Explore again"}
          </button>
        )}
        <button
          type="button"
          className="ksl-btn ksl-btn--small"
          onClick={explore.close}
          aria-label="Close the explore panel"
          title="Close (cancels a running search)"
          data-testid="explore-close"
        >
          ✕
        </button>
      </header>
      {busy && <Progress session={explore.session} />}
      {s.phase === "done" && (s.report || s.stopped) && (
        <Outcome
          text={s.report ? describeReport(s.report, s.explored?.settings ?? null) : describeStopped(s.progress)}
          outcome={s.report ? (s.report.limit === "cancelled" ? "cancelled" : s.report.outcome) : "cancelled"}
        >
          {s.report?.counterexample ? (
            <Replay key={s.run} session={explore.session} />
          ) : (
            staleFor && (
              <p className="ksl-small ksl-muted ksl-explore__stale" data-testid="explore-stale">
                This is for “{staleFor}” as it was when the search started; the text has changed since.
              </p>
            )
          )}
        </Outcome>
      )}
      {s.phase === "failed" && s.failure && (
        <div
          className="ksl-explore__outcome ksl-explore__outcome--alarm"
          role="alert"
          data-testid="explore-outcome"
          data-outcome="failed"
        >
          <p className="ksl-explore__headline" data-testid="explore-failure">
            {failureHeadline(s.failure.message, s.explored?.settings ?? s.settings)}
          </p>
          {s.failure.diagnostics.length > 0 && (
            <ul className="ksl-explore__details">
              {s.failure.diagnostics.slice(0, 5).map((d, i) => (
                <li key={i}>
                  Line {d.line}: {d.message}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <Options settings={s.settings} disabled={busy} onChange={s.actions.setSettings} />
    </section>
  );
}

/** A worker's message, with what to do about it for the failures a user can fix. */
function failureHeadline(message: string, settings: ExploreSettings): string {
  if (message === "the scenario has errors")
    return "The scenario has errors: fix them (they are underlined in the editor), then explore again.";
  if (/could not allocate|out of memory|allocation failed/i.test(message))
    return `The explorer could not get its memory budget of ${count(settings.memoryMiB)} MiB (${message}). Try a smaller budget under Options.`;
  return `The explorer failed: ${message}`;
}

function Progress({ session }: { readonly session: ExploreSession }) {
  const { progress, settings, phase, actions } = useStore(
    session,
    useShallow((st) => ({
      progress: st.progress,
      settings: st.explored?.settings ?? st.settings,
      phase: st.phase,
      actions: st.actions,
    })),
  );
  const fraction = progress ? progressFraction(progress, settings) : 0;
  return (
    <div className="ksl-explore__progress" data-testid="explore-progress">
      <div className="ksl-explore__bar-row">
        <progress
          className="ksl-explore__bar"
          max={1}
          value={progress ? fraction : undefined}
          aria-label={
            progress
              ? `Searching: ${Math.round(fraction * 100)}% of the way to the limit of ${nearestLimit(progress, settings)}`
              : "Starting the search"
          }
          data-testid="explore-bar"
        />
        {progress && (
          <span className="ksl-small ksl-explore__limit" data-testid="explore-limit">
            {Math.round(fraction * 100)}% of the {nearestLimit(progress, settings)} limit
          </span>
        )}
        <button
          type="button"
          className="ksl-btn ksl-btn--small"
          onClick={actions.cancel}
          disabled={phase === "cancelling"}
          data-testid="explore-cancel"
        >
          {phase === "cancelling" ? "Cancelling…" : "Cancel"}
        </button>
      </div>
      <p className="ksl-explore__figures ksl-small" aria-live="off">
        {progress ? (
          <>
            <span data-testid="explore-states">{count(progress.states)} states</span>
            <span data-testid="explore-rate">{rate(progress.statesPerSecond)}</span>
            <span data-testid="explore-memory">
              {mebibytes(progress.memoryBytes)} of {count(settings.memoryMiB)} MiB
            </span>
            <span>{seconds(progress.seconds)}</span>
          </>
        ) : (
          <span className="ksl-muted">Starting the search…</span>
        )}
      </p>
    </div>
  );
}

function Outcome({
  text,
  outcome,
  children,
}: {
  readonly text: OutcomeText;
  readonly outcome: string;
  readonly children?: ReactNode;
}) {
  return (
    <div
      className={`ksl-explore__outcome ksl-explore__outcome--${text.tone}`}
      role="status"
      data-testid="explore-outcome"
      data-outcome={outcome}
    >
      <p className="ksl-explore__headline" data-testid="explore-headline">
        {text.headline}
      </p>
      <ul className="ksl-explore__details">
        {text.details.map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {children}
    </div>
  );
}

/** Schedules longer than this show their start and end only. */
const SHOWN_LABELS = 24;

function Replay({ session }: { readonly session: ExploreSession }) {
  const { report, explored } = useStore(
    session,
    useShallow((st) => ({ report: st.report, explored: st.explored })),
  );
  const { source, actions, step } = useSimulator(
    useShallow((st) => ({ source: st.source, actions: st.actions, step: st.step })),
  );
  const threads = useSimulator(useShallow((st) => st.snapshot?.threads.map((t) => t.name) ?? []));
  const [replayed, setReplayed] = useState<"no" | "busy" | "yes" | "failed">("no");
  const ce = report?.counterexample;
  if (!ce) return null;
  const stale = explored !== null && explored.source !== source;
  const labels = ce.schedule;
  const shown =
    labels.length <= SHOWN_LABELS ? labels : [...labels.slice(0, SHOWN_LABELS - 4), "…", ...labels.slice(-3)];
  const replay = async () => {
    setReplayed("busy");
    setReplayed((await actions.replaySchedule(ce.schedule)) ? "yes" : "failed");
  };
  const what =
    ce.outcome === "deadlock" ? "the deadlock" : ce.outcome === "bugcheck" ? "the bug check" : "the step limit";
  return (
    <div className="ksl-explore__replay">
      <p className="ksl-explore__schedule" data-testid="explore-schedule" title={labels.join(",")}>
        <span className="ksl-muted">Schedule ({count(labels.length)} steps):</span>{" "}
        {shown.map((label, i) =>
          label === "…" ? (
            <span key={i} className="ksl-muted">
              {" "}
              …{" "}
            </span>
          ) : (
            <code key={i} className="ksl-explore__label" style={labelColor(threads, label)}>
              {label}
            </code>
          ),
        )}
      </p>
      <div className="ksl-explore__replay-row">
        <button
          type="button"
          className="ksl-btn ksl-btn--primary"
          onClick={() => void replay()}
          disabled={stale || replayed === "busy"}
          data-testid="explore-replay"
        >
          {replayed === "yes" ? "Replay again" : `Replay to ${what}`}
        </button>
        {stale ? (
          <span className="ksl-small ksl-muted" data-testid="explore-stale">
            The scenario text changed since this search: explore again to replay.
          </span>
        ) : replayed === "yes" ? (
          <span className="ksl-small" data-testid="explore-replayed">
            {ce.outcome === "step-limit"
              ? `Step ${count(labels.length)} is where the explorer's ${count(report.maxSteps)}-step limit stopped this run; it would go on.`
              : step === labels.length
                ? `Step ${count(step)} shows ${what}.`
                : `Replayed ${count(labels.length)} steps.`}{" "}
            Step back (←) or click the timeline to see how it happened; Reset then Run plays it again.
          </span>
        ) : replayed === "failed" ? (
          <span className="ksl-small ksl-alarm">
            The replay did not reach {what}: see the message under the narration.
          </span>
        ) : (
          <span className="ksl-small ksl-muted">
            Loads this schedule into the simulator as forced choices and steps to {what}.
          </span>
        )}
      </div>
    </div>
  );
}

/** A schedule label in its thread's colour (as in the thread rows and the timeline); DPCs stay neutral. */
function labelColor(threads: readonly string[], label: string): { borderLeftColor: string } | undefined {
  const at = label.lastIndexOf("@");
  const lane = threads.indexOf(at >= 0 ? label.slice(0, at) : label);
  return lane >= 0 ? { borderLeftColor: threadColor(lane) } : undefined;
}

interface FieldSpec {
  readonly key: keyof ExploreSettings;
  readonly label: string;
  readonly min: number;
  readonly max: number;
  /** Empty means off (null) for these. */
  readonly optional?: string;
  readonly title: string;
}

const FIELDS: readonly FieldSpec[] = [
  { key: "maxSeconds", label: "Seconds", min: 1, max: 3600, title: "Stop after this many seconds" },
  { key: "maxStates", label: "States", min: 1, max: 2_000_000_000, title: "Stop after this many distinct states" },
  {
    key: "memoryMiB",
    label: "Memory MiB",
    min: 2,
    max: 2000,
    title: "Memory the search may use (its whole state store)",
  },
  {
    key: "preemptionBound",
    label: "Preemptions",
    min: 0,
    max: 1000,
    optional: "any",
    title: "At most this many preemptions per schedule (CHESS-style bound); empty = unbounded",
  },
  {
    key: "randomWalks",
    label: "Random walks",
    min: 1,
    max: 100_000_000,
    optional: "off",
    title: "Sample this many random schedules instead of searching them all; empty = exhaustive search",
  },
  { key: "seed", label: "Seed", min: 0, max: 4294967295, title: "Seed of the random walks" },
];

function Options({
  settings,
  disabled,
  onChange,
}: {
  readonly settings: ExploreSettings;
  readonly disabled: boolean;
  readonly onChange: (s: Partial<ExploreSettings>) => void;
}) {
  const summary = [
    `${count(settings.maxSeconds)} s`,
    `${count(settings.maxStates)} states`,
    `${count(settings.memoryMiB)} MiB`,
    settings.preemptionBound !== null ? `≤ ${settings.preemptionBound} preemptions` : null,
    settings.randomWalks !== null ? `${count(settings.randomWalks)} random walks` : "exhaustive",
  ].filter(Boolean);
  return (
    <details className="ksl-explore__options" data-testid="explore-options">
      <summary className="ksl-small">
        Options <span className="ksl-muted">({summary.join(", ")})</span>
      </summary>
      <div className="ksl-explore__fields">
        {FIELDS.filter((f) => f.key !== "seed" || settings.randomWalks !== null).map((f) => (
          <NumberField
            key={f.key}
            spec={f}
            value={settings[f.key] as number | null}
            disabled={disabled}
            onChange={(v) => onChange({ [f.key]: v })}
          />
        ))}
      </div>
    </details>
  );
}

function NumberField({
  spec,
  value,
  disabled,
  onChange,
}: {
  readonly spec: FieldSpec;
  readonly value: number | null;
  readonly disabled: boolean;
  readonly onChange: (v: number | null) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState(value === null ? "" : String(value));
  const [invalid, setInvalid] = useState(false);
  const commit = (text: string) => {
    setDraft(text);
    const trimmed = text.trim();
    if (trimmed === "" && spec.optional) {
      setInvalid(false);
      onChange(null);
      return;
    }
    const n = Number(trimmed);
    const ok = trimmed !== "" && Number.isInteger(n) && n >= spec.min && n <= spec.max;
    setInvalid(!ok);
    if (ok) onChange(n);
  };
  return (
    <label className="ksl-field ksl-explore__field" htmlFor={id} title={spec.title}>
      <span>{spec.label}</span>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={spec.min}
        max={spec.max}
        placeholder={spec.optional}
        value={draft}
        disabled={disabled}
        aria-invalid={invalid}
        onChange={(e) => commit(e.target.value)}
        onBlur={() => {
          if (invalid) {
            setDraft(value === null ? "" : String(value));
            setInvalid(false);
          }
        }}
        data-testid={`explore-opt-${spec.key}`}
      />
    </label>
  );
}
