// The challenge's transport bar. The student is the scheduler, so there is
// no Run and no scheduler choice: Start over, Step back, where the run is,
// and what to do next. Watching a shared solution instead gives a slider
// through its steps and the way to try it oneself.
import { useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { Icon } from "../components/icons";
import { useSimulator } from "../store/SimulatorProvider";

export interface ChallengeControlsProps {
  readonly watching: boolean;
  readonly onSolveYourself: () => void;
}

export function ChallengeControls({ watching, onSolveYourself }: ChallengeControlsProps) {
  const id = useId();
  const s = useSimulator(
    useShallow((st) => ({
      ready: st.status === "ready",
      step: st.step,
      furthest: st.furthestStep,
      over: (st.snapshot?.outcome ?? "running") !== "running",
      choices: st.choices.length,
      actions: st.actions,
    })),
  );
  return (
    <div className="ksl-controls ksl-challenge-controls" role="toolbar" aria-label="Challenge controls">
      <div className="ksl-controls__group">
        <button
          type="button"
          className="ksl-btn"
          onClick={s.actions.reset}
          disabled={!s.ready || s.step === 0 || watching}
          title="Back to step 0 (r)"
          data-testid="reset"
        >
          <Icon name="reset" /> Start over
        </button>
        <button
          type="button"
          className="ksl-btn"
          onClick={s.actions.stepBack}
          disabled={!s.ready || s.step === 0}
          title="Undo the last step (← or k)"
          data-testid="step-back"
        >
          <Icon name="back" /> Step back
        </button>
      </div>
      {watching ? (
        <div className="ksl-controls__scrub">
          <label htmlFor={`${id}-slider`} className="ksl-visually-hidden">
            Step of the solution
          </label>
          <input
            id={`${id}-slider`}
            type="range"
            min={0}
            max={Math.max(s.furthest, 1)}
            value={s.step}
            disabled={!s.ready}
            onChange={(e) => s.actions.goTo(Number(e.target.value))}
            data-testid="step-slider"
            aria-valuetext={`step ${s.step} of ${s.furthest}`}
          />
          <output className="ksl-controls__position" data-testid="position">
            step <strong data-testid="step-count">{s.step}</strong>
            <span className="ksl-muted"> / {s.furthest}</span>
          </output>
          <button type="button" className="ksl-btn ksl-btn--primary" onClick={onSolveYourself}>
            Solve it yourself
          </button>
        </div>
      ) : (
        <p className="ksl-challenge-controls__hint" data-testid="challenge-hint">
          <output className="ksl-controls__position" data-testid="position">
            step <strong data-testid="step-count">{s.step}</strong>
          </output>
          <span>
            {!s.ready
              ? "Loading…"
              : s.over
                ? "The run has ended. Step back to try another way."
                : s.choices > 0
                  ? "You are the scheduler: click the thread that runs next in the Threads table, or press its number."
                  : "No thread can be picked: the next step lets time pass."}
          </span>
        </p>
      )}
    </div>
  );
}
