// The goal of the challenge and where the student stands: each condition of
// the #goal ticked when it holds, then either "goal reached" (steps used, the
// shortest possible, a link to the solution) or, when the run ended another
// way, "not this way — step back".
import { useEffect, useId, useRef } from "react";
import { useCopiedLink } from "../share/useCopiedLink";
import { useShallow } from "zustand/react/shallow";
import { useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import { challengeStatus, endedWithout, termsMet } from "./challenge-status";
import { solutionUrl } from "./challenge-link";

/** What the panel knows about the shortest solution. */
export type Shortest =
  | { readonly kind: "known"; readonly steps: number }
  | { readonly kind: "searching" }
  | { readonly kind: "unknown"; readonly why: string };

export interface GoalPanelProps {
  /** The challenge's name, said when the scenario has no #description of the task. */
  readonly title: string;
  /** Catalog id; null for the student's own challenge. */
  readonly challengeId: string | null;
  readonly shortest: Shortest;
  /** The step at which the goal was reached on the way here (challenge-status.ts followGoal), or null. */
  readonly reachedAt: number | null;
  /** The student is watching a solution from a link, not playing. */
  readonly watching: boolean;
  /** The next challenge in the list, if there is one. */
  readonly next: { readonly title: string; readonly href: string } | null;
  /** The challenge list; null shows no link to it. */
  readonly listHref: string | null;
  /**
   * The app page a solution link opens (default: this page); null offers no
   * link. An embedded widget passes the full app's address.
   */
  readonly appUrl?: string | null;
  /** Opens the links in a new tab (an embedded widget must not navigate its host page away). */
  readonly newTab?: boolean;
}

function ShortestLine({ shortest, steps }: { readonly shortest: Shortest; readonly steps: number }) {
  if (shortest.kind === "searching") return <p data-testid="shortest">Looking for the shortest possible solution…</p>;
  if (shortest.kind === "unknown")
    return (
      <p className="ksl-muted" data-testid="shortest">
        {shortest.why}
      </p>
    );
  if (steps <= shortest.steps)
    return (
      <p data-testid="shortest">
        That is the shortest possible: no schedule reaches the goal in fewer than {shortest.steps} steps.
      </p>
    );
  return (
    <p data-testid="shortest">
      The shortest possible is <strong>{shortest.steps} steps</strong>. Can you find it? Press Start over and try again.
    </p>
  );
}

interface SolutionLinkProps {
  readonly challengeId: string | null;
  readonly reachedAt: number;
  readonly appUrl: string | undefined;
}

function SolutionLink({ challengeId, reachedAt, appUrl }: SolutionLinkProps) {
  const store = useSimulatorStoreApi();
  const shown = useCopiedLink();
  const make = async () => shown.show(await solutionUrl(store, challengeId, reachedAt, appUrl));
  return (
    <div className="ksl-goal__share">
      <button type="button" className="ksl-btn" onClick={() => void make()} data-testid="solution-link">
        Share my solution
      </button>
      {shown.link !== null && (
        <label className="ksl-goal__share-field">
          <span className="ksl-small">Link to your solution{shown.copied ? " (copied)" : ""}</span>
          <input readOnly value={shown.link} onFocus={(e) => e.currentTarget.select()} data-testid="solution-url" />
        </label>
      )}
    </div>
  );
}

export function GoalPanel(props: GoalPanelProps) {
  const { snapshot, step, actions, description } = useSimulator(
    useShallow((s) => ({ snapshot: s.snapshot, step: s.step, actions: s.actions, description: s.description })),
  );
  const id = useId();
  const status = challengeStatus(snapshot, props.reachedAt);
  const target = props.newTab ? { target: "_blank", rel: "noopener" } : {};
  const used = props.reachedAt ?? step;
  const goal = snapshot?.goal ?? null;
  const backRef = useRef<HTMLButtonElement>(null);
  // A run that ended the wrong way: the way out is one key press away.
  useEffect(() => {
    if (status === "failed" && !props.watching) backRef.current?.focus();
  }, [status, props.watching]);

  return (
    <section
      className={`ksl-goal ksl-goal--${status}`}
      aria-labelledby={`${id}-h`}
      data-testid="goal-panel"
      data-status={status}
    >
      <div className="ksl-goal__main">
        <h2 id={`${id}-h`} className="ksl-goal__label">
          Goal
        </h2>
        <p className="ksl-goal__task" data-testid="goal-task">
          {description || props.title}
        </p>
        {goal && (
          <ul className="ksl-goal__terms" aria-label="Conditions of the goal">
            {goal.terms.map((term) => (
              <li key={term.text} data-met={term.met} data-testid="goal-term">
                <span className="ksl-goal__check" aria-hidden="true">
                  {term.met ? "✓" : ""}
                </span>
                <code>{term.text}</code>
                <span className="ksl-visually-hidden">{term.met ? " (holds now)" : " (does not hold yet)"}</span>
              </li>
            ))}
          </ul>
        )}
        {status === "no-goal" && (
          <p className="ksl-muted" data-testid="goal-missing">
            This scenario has no <code>#goal</code> line, so there is nothing to reach. Add one, for example{" "}
            <code>#goal deadlock</code> or <code>#goal T1 at Inside and T2 at Inside</code>.
          </p>
        )}
      </div>
      <div className="ksl-goal__status" aria-live="polite" data-testid="goal-status">
        {status === "playing" && goal && (
          <p>
            <strong>{termsMet(goal)}</strong> of {goal.terms.length} condition{goal.terms.length === 1 ? "" : "s"} hold
            now · {step} step{step === 1 ? "" : "s"} used
          </p>
        )}
        {status === "failed" && snapshot && (
          <div className="ksl-goal__failed" data-testid="goal-failed">
            <p className="ksl-goal__headline">Not this way — step back.</p>
            <p>{endedWithout(snapshot)} Go back a step or two and pick another thread.</p>
            <div className="ksl-goal__buttons">
              <button
                ref={backRef}
                type="button"
                className="ksl-btn ksl-btn--primary"
                onClick={actions.stepBack}
                data-testid="goal-step-back"
              >
                ← Step back
              </button>
              <button type="button" className="ksl-btn" onClick={actions.reset} data-testid="goal-start-over">
                Start over
              </button>
            </div>
          </div>
        )}
        {status === "reached" && (
          <div className="ksl-goal__success" data-testid="goal-success">
            <p className="ksl-goal__headline">
              {props.watching ? "This solution reaches the goal" : "Goal reached"} in{" "}
              <strong data-testid="steps-used">{used}</strong> step{used === 1 ? "" : "s"}.
            </p>
            {step > used && !goal?.reached && (
              <p className="ksl-small ksl-muted">
                You have stepped on since; the goal held at step {used}. Step back to before it to try another way.
              </p>
            )}
            <ShortestLine shortest={props.shortest} steps={used} />
            {props.watching ? null : (
              <div className="ksl-goal__buttons">
                {props.appUrl !== null && (
                  <SolutionLink challengeId={props.challengeId} reachedAt={used} appUrl={props.appUrl} />
                )}
                {props.next ? (
                  <a
                    className="ksl-btn ksl-btn--primary"
                    href={props.next.href}
                    data-testid="next-challenge"
                    {...target}
                  >
                    Next: {props.next.title} →
                  </a>
                ) : (
                  props.listHref && (
                    <a className="ksl-btn ksl-btn--primary" href={props.listHref} {...target}>
                      All challenges
                    </a>
                  )
                )}
              </div>
            )}
          </div>
        )}
      </div>
    </section>
  );
}
