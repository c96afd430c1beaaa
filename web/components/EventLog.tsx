// Narration (the current step in plain English, also announced to screen
// readers) and the event log of the last steps; clicking an entry jumps there.
import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { outcomeHeadline } from "../store/selectors";
import { useSimulator } from "../store/SimulatorProvider";
import { effectiveScheduler } from "../store/simulator-store";

/** Routines the scenario calls, as opposed to the engine's own events (ThreadReady, ContextSwitch, ...). */
const STATEMENT = /^(Ke|Ex)[A-Z]|^(Work|Delay|Yield)$/;

/** Engine sentences come without a full stop; the narration reads them as prose. */
function sentenceOf(text: string): string {
  const t = text.trim();
  return /[.!?:]$/.test(t) ? t : `${t}.`;
}

export function Narration() {
  const { events, step, snapshot, notice, running, actions, status, manual } = useSimulator(
    useShallow((s) => ({
      events: s.currentEvents,
      step: s.step,
      snapshot: s.snapshot,
      notice: s.notice,
      running: s.running,
      actions: s.actions,
      status: s.status,
      manual: effectiveScheduler(s) === "manual",
    })),
  );
  const headline = outcomeHeadline(snapshot);
  const sentences =
    status !== "ready"
      ? []
      : step === 0
        ? [
            manual
              ? "Step 0: nothing has run yet. You are the scheduler: pick the thread that runs the first statement."
              : "Step 0: nothing has run yet. Press Step (→) to run the first statement.",
          ]
        : events.map((e) => sentenceOf(e.text));
  const sentence = sentences.join(" ");
  return (
    <div className="ksl-narration" data-testid="narration">
      <p className="ksl-narration__text" data-testid="narration-text">
        {step > 0 && <span className="ksl-narration__step">Step {step}</span>}
        {step === 0
          ? sentence
          : events.map((e, i) => (
              <span key={i} className={STATEMENT.test(e.op) ? "ksl-narration__main" : "ksl-narration__aside"}>
                {sentences[i]}{" "}
              </span>
            ))}
      </p>
      {headline && (
        <p className={`ksl-outcome ksl-outcome--${snapshot?.outcome}`} data-testid="outcome">
          {headline}
        </p>
      )}
      {notice && (
        <p className="ksl-notice" role="status" data-testid="notice">
          {notice}
          <button type="button" className="ksl-linkbtn" onClick={actions.dismissNotice} aria-label="Dismiss message">
            ✕
          </button>
        </p>
      )}
      {/* Screen readers hear each step once, not every frame of a fast run. */}
      <div className="ksl-visually-hidden" aria-live="polite" aria-atomic="true" data-testid="live-region">
        {running ? "" : [step > 0 ? `Step ${step}.` : "", sentence, headline ?? ""].join(" ").trim()}
      </div>
    </div>
  );
}

export function EventLog() {
  const { events, step, actions } = useSimulator(
    useShallow((s) => ({ events: s.recentEvents, step: s.step, actions: s.actions })),
  );
  const listRef = useRef<HTMLOListElement>(null);
  useEffect(() => {
    // In the next frame, not here: reading scrollHeight right after React's commit forces a layout of
    // the whole page inside the click handler; in the frame it is the layout the frame does anyway.
    const frame = requestAnimationFrame(() => {
      const list = listRef.current;
      if (list) list.scrollTop = list.scrollHeight;
    });
    return () => cancelAnimationFrame(frame);
  }, [events]);
  return (
    <section className="ksl-panel ksl-log" aria-labelledby="ksl-log-h" data-testid="event-log">
      <header className="ksl-panel__head">
        <h2 id="ksl-log-h">Event log</h2>
      </header>
      {events.length === 0 ? (
        <p className="ksl-muted ksl-small">Events appear here as the threads run.</p>
      ) : (
        <ol className="ksl-log__list" ref={listRef}>
          {events.map((e, i) => (
            <li
              key={`${e.step}-${i}`}
              className={`ksl-log__item ${e.step === step ? "ksl-log__item--current" : ""} ${STATEMENT.test(e.op) ? "" : "ksl-log__item--engine"}`}
              data-step={e.step}
              data-tick={e.tick}
              data-op={e.op}
              data-thread={e.thread}
              data-result={e.result}
            >
              <button
                type="button"
                className="ksl-log__btn"
                onClick={() => actions.goTo(e.step)}
                title={`Go to step ${e.step}`}
              >
                <span className="ksl-log__step">{e.step}</span>
                <span className="ksl-log__thread">{e.thread}</span>
                <span className="ksl-log__text">{e.text}</span>
              </button>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
