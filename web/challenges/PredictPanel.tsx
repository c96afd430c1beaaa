// "Predict, then reveal": before a step the student says who will run it
// and/or what a mutex's Count word will be after it; the step is taken (or,
// under the manual scheduler, the student takes it), then the answer is shown
// next to what happened and scored. Plain form controls, so every part works
// from the keyboard (Tab, arrow keys in a radio group, Enter to lock in).
import { useId, useState, type FormEvent } from "react";
import { useStore } from "zustand";
import { useShallow } from "zustand/react/shallow";
import type { Snapshot } from "../../core-wasm/engine/types";
import { useSimulator } from "../store/SimulatorProvider";
import { effectiveScheduler } from "../store/simulator-store";
import {
  countedMutexes,
  countRaw,
  describeCount,
  predictCandidates,
  type CountGuess,
  type Reveal,
  type Score,
} from "./predict-scoring";
import type { PredictStore } from "./predict-store";

const NO_MUTEX = "";

function countOf(snapshot: Snapshot | null, mutex: string): CountGuess {
  const count = snapshot?.objects.find((o) => o.name === mutex)?.count;
  return count
    ? { free: count.free, woken: count.woken, waiters: count.waiters }
    : { free: true, woken: false, waiters: 0 };
}

function ScoreLine({ score }: { readonly score: Score }) {
  if (score.asked === 0) return <span className="ksl-muted">No answers scored yet</span>;
  return (
    <span data-testid="predict-score">
      <strong>
        {score.right} / {score.asked}
      </strong>{" "}
      right{score.streak > 1 ? ` · ${score.streak} steps in a row` : ""}
      {score.bestStreak > 1 && score.bestStreak > score.streak ? ` · best run ${score.bestStreak}` : ""}
    </span>
  );
}

function Mark({ right }: { readonly right: boolean }) {
  return (
    <span
      className={right ? "ksl-predict__mark ksl-predict__mark--right" : "ksl-predict__mark ksl-predict__mark--wrong"}
    >
      {right ? "✓ right" : "✗ wrong"}
    </span>
  );
}

function RevealBox({ reveal }: { readonly reveal: Reveal }) {
  const { prediction, actualCount } = reveal;
  return (
    <div className="ksl-predict__reveal" data-testid="predict-reveal" role="status">
      <p className="ksl-predict__reveal-head">
        Step {reveal.step} revealed
        {prediction.practice && (
          <span className="ksl-tag" title="You had seen this step before (you stepped back), so it is not scored">
            practice, not scored
          </span>
        )}
      </p>
      <ul className="ksl-predict__answers">
        {reveal.threadRight !== null && (
          <li data-testid="reveal-thread" data-right={reveal.threadRight}>
            <Mark right={reveal.threadRight} /> <strong>{reveal.ran}</strong> ran
            {reveal.threadRight ? "" : `; you said ${prediction.thread}`}.
          </li>
        )}
        {reveal.countRight !== null && prediction.count && (
          <li data-testid="reveal-count" data-right={reveal.countRight}>
            <Mark right={reveal.countRight} /> {prediction.count.mutex}.Count is{" "}
            <strong className="ksl-mono">{actualCount ? describeCount(actualCount) : "gone"}</strong>
            {reveal.countRight ? "" : `; you said ${describeCount(prediction.count.guess)}`}.
          </li>
        )}
      </ul>
    </div>
  );
}

export interface PredictPanelProps {
  readonly predict: PredictStore;
}

export function PredictPanel({ predict }: PredictPanelProps) {
  const id = useId();
  const { pending, reveal, score, withdrawn, actions } = useStore(
    predict,
    useShallow((s) => ({
      pending: s.pending,
      reveal: s.reveal,
      score: s.score,
      withdrawn: s.withdrawn,
      actions: s.actions,
    })),
  );
  const sim = useSimulator(
    useShallow((s) => ({
      snapshot: s.snapshot,
      step: s.step,
      manual: effectiveScheduler(s) === "manual",
      ready: s.status === "ready",
    })),
  );
  const [thread, setThread] = useState<string | null>(null);
  const [mutex, setMutex] = useState<string>(NO_MUTEX);
  const [edited, setEdited] = useState<{ step: number; mutex: string; guess: CountGuess } | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  // Each step starts the Count guess from the word as it is now: the question is what one step changes.
  const guess =
    edited && edited.step === sim.step && edited.mutex === mutex ? edited.guess : countOf(sim.snapshot, mutex);
  const setGuess = (next: CountGuess) => setEdited({ step: sim.step, mutex, guess: next });

  const candidates = predictCandidates(sim.snapshot);
  const mutexes = countedMutexes(sim.snapshot);
  const over = (sim.snapshot?.outcome ?? "running") !== "running";
  const askThread = !sim.manual;
  const maxWaiters = Math.max(1, sim.snapshot?.threads.length ?? 1);
  const nothingToAsk = !askThread && mutexes.length === 0;
  const nextStep = sim.step + 1;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const answerThread = askThread && thread !== null && candidates.includes(thread) ? thread : null;
    const count = mutex !== NO_MUTEX && mutexes.includes(mutex) ? { mutex, guess } : null;
    const refused = actions.lockIn({ thread: answerThread, count });
    setProblem(refused);
    if (!refused) setThread(null);
  };

  return (
    <section className="ksl-panel ksl-predict" aria-labelledby={`${id}-h`} data-testid="predict-panel">
      <header className="ksl-panel__head ksl-predict__head">
        <h2 id={`${id}-h`}>Predict, then reveal</h2>
        <p className="ksl-predict__score" aria-live="polite">
          <ScoreLine score={score} />
        </p>
      </header>
      {reveal && <RevealBox reveal={reveal} />}
      {withdrawn && !reveal && (
        <p className="ksl-muted ksl-small" data-testid="predict-withdrawn">
          {withdrawn}
        </p>
      )}
      {pending ? (
        <div className="ksl-predict__pending" data-testid="predict-pending">
          <p>
            Your prediction for step {pending.atStep + 1} is locked in.{" "}
            {sim.manual ? (
              <strong>Now run a thread: click it in the Threads table or press its number.</strong>
            ) : (
              "Taking the step…"
            )}
          </p>
          <button type="button" className="ksl-linkbtn" onClick={actions.withdraw}>
            Take it back
          </button>
        </div>
      ) : over ? (
        <p className="ksl-muted" data-testid="predict-over">
          The run has ended. Step back to predict again.
        </p>
      ) : nothingToAsk ? (
        <p className="ksl-muted" data-testid="predict-nothing">
          You are the scheduler here, and this scenario has no guarded or fast mutex whose Count you could predict.
          Switch the scheduler to priority or random to predict who runs.
        </p>
      ) : (
        <form className="ksl-predict__form" onSubmit={submit} data-testid="predict-form">
          {askThread ? (
            <fieldset className="ksl-predict__question">
              <legend>Who runs step {nextStep}?</legend>
              <div className="ksl-predict__options">
                {candidates.map((name) => (
                  <label key={name} className="ksl-predict__option">
                    <input
                      type="radio"
                      name={`${id}-thread`}
                      value={name}
                      checked={thread === name}
                      onChange={() => setThread(name)}
                      data-testid={`predict-thread-${name}`}
                    />
                    {name}
                  </label>
                ))}
                <label className="ksl-predict__option ksl-muted">
                  <input
                    type="radio"
                    name={`${id}-thread`}
                    value=""
                    checked={thread === null}
                    onChange={() => setThread(null)}
                  />
                  no guess
                </label>
              </div>
            </fieldset>
          ) : (
            <p className="ksl-small ksl-muted">You are the scheduler: you decide who runs. Predict what it does.</p>
          )}
          {mutexes.length > 0 && (
            <fieldset className="ksl-predict__question">
              <legend>
                <label htmlFor={`${id}-mutex`}>Count word after step {nextStep} of </label>
                <select
                  id={`${id}-mutex`}
                  value={mutex}
                  onChange={(e) => setMutex(e.target.value)}
                  data-testid="predict-mutex"
                >
                  <option value={NO_MUTEX}>— no guess —</option>
                  {mutexes.map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </select>
              </legend>
              {mutex !== NO_MUTEX && (
                <div className="ksl-predict__count" data-testid="predict-count">
                  <div role="radiogroup" aria-label="Lock bit (bit 0)" className="ksl-predict__options">
                    <label className="ksl-predict__option">
                      <input
                        type="radio"
                        name={`${id}-lock`}
                        checked={guess.free}
                        onChange={() => setGuess({ ...guess, free: true })}
                        data-testid="predict-free"
                      />
                      free (LOCK bit 1)
                    </label>
                    <label className="ksl-predict__option">
                      <input
                        type="radio"
                        name={`${id}-lock`}
                        checked={!guess.free}
                        onChange={() => setGuess({ ...guess, free: false })}
                        data-testid="predict-held"
                      />
                      held (LOCK bit 0)
                    </label>
                  </div>
                  <label className="ksl-predict__option">
                    <input
                      type="checkbox"
                      checked={guess.woken}
                      onChange={(e) => setGuess({ ...guess, woken: e.target.checked })}
                      data-testid="predict-woken"
                    />
                    a waiter was woken (WAITER_WOKEN, bit 1)
                  </label>
                  <label className="ksl-predict__option">
                    waiters (from bit 2)
                    <input
                      type="number"
                      min={0}
                      max={maxWaiters}
                      value={guess.waiters}
                      onChange={(e) => {
                        const n = Number(e.target.value);
                        if (Number.isInteger(n) && n >= 0 && n <= maxWaiters) setGuess({ ...guess, waiters: n });
                      }}
                      className="ksl-predict__waiters"
                      data-testid="predict-waiters"
                    />
                  </label>
                  <output className="ksl-predict__value ksl-mono" data-testid="predict-value">
                    = 0x{countRaw(guess).toString(16).toUpperCase()}
                  </output>
                </div>
              )}
            </fieldset>
          )}
          <div className="ksl-predict__actions">
            <button type="submit" className="ksl-btn ksl-btn--primary" disabled={!sim.ready} data-testid="predict-lock">
              {sim.manual ? "Lock in my prediction" : `Lock in and take step ${nextStep}`}
            </button>
            {score.asked > 0 && (
              <button type="button" className="ksl-linkbtn ksl-small" onClick={actions.resetScore}>
                Reset score
              </button>
            )}
          </div>
          {problem && (
            <p className="ksl-predict__problem" role="alert">
              {problem}
            </p>
          )}
        </form>
      )}
    </section>
  );
}
