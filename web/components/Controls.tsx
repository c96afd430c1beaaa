// Transport bar: step, step back, run/pause with speed, reset, the step
// slider and the scheduler choice.
import { useId } from "react";
import { useShallow } from "zustand/react/shallow";
import { Icon } from "./icons";
import { useSimulator } from "../store/SimulatorProvider";
import { effectiveScheduler, SPEEDS } from "../store/simulator-store";
import type { SchedulerMode } from "../store/backend";

function speedLabel(speed: number): string {
  return speed === Infinity ? "max" : `${speed.toLocaleString("en-US")}/s`;
}

export function Controls() {
  const id = useId();
  const s = useSimulator(
    useShallow((st) => ({
      status: st.status,
      step: st.step,
      tick: st.snapshot?.tick ?? 0,
      furthest: st.furthestStep,
      running: st.running,
      speed: st.speed,
      outcome: st.snapshot?.outcome ?? "running",
      scheduler: effectiveScheduler(st),
      seed: st.seedOverride ?? st.fileSeed,
      actions: st.actions,
    })),
  );
  const ready = s.status === "ready";
  const over = s.outcome !== "running";
  const manual = s.scheduler === "manual";
  const sliderMax = Math.max(s.furthest, s.step, 1);
  return (
    <div className="ksl-controls" role="toolbar" aria-label="Simulation controls" data-testid="controls">
      <div className="ksl-controls__group">
        <button
          type="button"
          className="ksl-btn"
          onClick={s.actions.reset}
          disabled={!ready || s.step === 0}
          title="Reset to step 0 (r)"
          data-testid="reset"
        >
          <Icon name="reset" /> Reset
        </button>
        <button
          type="button"
          className="ksl-btn"
          onClick={s.actions.stepBack}
          disabled={!ready || s.step === 0}
          title="Step back (← or k)"
          data-testid="step-back"
        >
          <Icon name="back" /> Back
        </button>
        <button
          type="button"
          className="ksl-btn ksl-btn--primary"
          onClick={s.actions.toggleRun}
          disabled={!ready || ((over || manual) && !s.running)}
          title={manual ? "Run is off in manual mode: pick threads" : "Run / pause (space)"}
          data-testid="run"
          aria-pressed={s.running}
        >
          <Icon name={s.running ? "pause" : "run"} /> {s.running ? "Pause" : "Run"}
        </button>
        <button
          type="button"
          className="ksl-btn ksl-btn--primary"
          onClick={s.actions.stepForward}
          disabled={!ready || over}
          title={manual ? "Manual mode: click a runnable thread (or press its number)" : "Step (→ or j)"}
          data-testid="step"
        >
          Step <Icon name="step" />
        </button>
        <label className="ksl-field" htmlFor={`${id}-speed`}>
          <span>Speed</span>
          <select
            id={`${id}-speed`}
            value={String(s.speed)}
            onChange={(e) => s.actions.setSpeed(Number(e.target.value))}
            data-testid="speed"
          >
            {SPEEDS.map((v) => (
              <option key={String(v)} value={String(v)}>
                {speedLabel(v)}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="ksl-controls__scrub">
        <label htmlFor={`${id}-slider`} className="ksl-visually-hidden">
          Jump to step
        </label>
        <input
          id={`${id}-slider`}
          type="range"
          min={0}
          max={sliderMax}
          value={s.step}
          disabled={!ready}
          onChange={(e) => s.actions.goTo(Number(e.target.value))}
          data-testid="step-slider"
          aria-valuetext={`step ${s.step} of ${s.furthest}`}
        />
        <output className="ksl-controls__position" data-testid="position" aria-live="off">
          step <strong data-testid="step-count">{s.step}</strong>
          <span className="ksl-muted"> / {s.furthest}</span> · tick {s.tick}
        </output>
      </div>
      <div className="ksl-controls__group">
        <label className="ksl-field" htmlFor={`${id}-sched`}>
          <span>Scheduler</span>
          <select
            id={`${id}-sched`}
            value={s.scheduler}
            disabled={s.status === "loading"}
            onChange={(e) => s.actions.setScheduler(e.target.value as SchedulerMode)}
            data-testid="scheduler"
          >
            <option value="priority">priority (Windows)</option>
            <option value="random">random (seeded)</option>
            <option value="manual">manual (you pick)</option>
          </select>
        </label>
        {s.scheduler === "random" && (
          <SeedField
            id={`${id}-seed`}
            seed={s.seed}
            onSeed={(seed) => s.actions.setScheduler("random", seed)}
            className="ksl-field ksl-field--narrow"
            testId="seed"
          />
        )}
      </div>
    </div>
  );
}

export interface SeedFieldProps {
  readonly id: string;
  readonly seed: number;
  /** Called with a valid seed only (a whole number in 0..2^32-1); anything else typed is left unapplied. */
  readonly onSeed: (seed: number) => void;
  readonly className: string;
  readonly inputClassName?: string;
  readonly testId: string;
}

/** The random scheduler's seed, as the workbench and each side-by-side column offer it. */
export function SeedField({ id, seed, onSeed, className, inputClassName, testId }: SeedFieldProps) {
  return (
    <label className={className} htmlFor={id}>
      <span>Seed</span>
      <input
        id={id}
        className={inputClassName}
        type="number"
        min={0}
        max={4294967295}
        value={seed}
        onChange={(e) => {
          const next = Number(e.target.value);
          if (Number.isInteger(next) && next >= 0 && next <= 4294967295) onSeed(next);
        }}
        data-testid={testId}
      />
    </label>
  );
}
