// The challenge list: every built-in challenge grouped from easy to hard,
// each marked done (with the student's best step count) or not yet, plus the
// way to write one's own and to practise predicting on any scenario.
import { useStore } from "zustand";
import type { ChallengeModeStore } from "./challenge-store";
import { challengeUrl, predictUrl } from "./challenge-link";
import { Notice } from "../components/HeaderParts";

/** What the list and the view need from a catalog entry. */
export interface ChallengeCard {
  readonly id: string;
  readonly title: string;
  readonly difficulty: string;
  readonly topic: string;
  /** One or two sentences saying what to do (the scenario's #description). */
  readonly summary: string;
  /** Fewest steps that reach the goal (found by the explorer). */
  readonly shortest: number;
}

export interface ChallengeListProps {
  readonly challenges: readonly ChallengeCard[];
  /** Difficulty names from easy to hard, in the order the groups are shown. */
  readonly levels: readonly string[];
  readonly mode: ChallengeModeStore;
  readonly notice: string | null;
  /** Scenario used by the "predict on any scenario" link. */
  readonly predictScenario: string;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

export function ChallengeList({ challenges, levels, mode, notice, predictScenario }: ChallengeListProps) {
  const { progress, problem, actions } = useStore(mode);
  const done = challenges.filter((c) => progress[c.id]).length;
  const groups = levels
    .map((level) => ({ level, items: challenges.filter((c) => c.difficulty === level) }))
    .filter((g) => g.items.length > 0);
  return (
    <div className="ksl-root ksl-challenges" data-testid="challenge-list">
      <header className="ksl-header">
        <a className="ksl-brand ksl-challenge__brand" href="./" aria-label="Kernel Sync Lab workbench">
          <span className="ksl-brand__mark" aria-hidden="true">
            ⟲
          </span>
          <span className="ksl-brand__name">Kernel Sync Lab</span>
        </a>
        <div className="ksl-header__scenario">
          <h1 className="ksl-title">Challenges</h1>
          <span className="ksl-muted" data-testid="challenge-count">
            {done} of {challenges.length} done
          </span>
        </div>
        <nav className="ksl-header__actions" aria-label="Modes">
          <a className="ksl-btn" href="./">
            Workbench
          </a>
        </nav>
      </header>
      <Notice
        text={notice ?? problem}
        onDismiss={notice ? undefined : actions.dismissProblem}
        testId="challenge-notice"
      />
      <p className="ksl-challenges__intro">
        You are the scheduler. Each challenge is a small driver scenario and a goal — a deadlock, a bug check, two
        threads inside the same critical section. Pick which thread runs each step until the goal holds. You can always
        step back.
      </p>
      <div
        className="ksl-challenges__meter"
        role="progressbar"
        aria-label="Challenges done"
        aria-valuemin={0}
        aria-valuemax={challenges.length}
        aria-valuenow={done}
      >
        <span style={{ width: `${challenges.length ? (100 * done) / challenges.length : 0}%` }} />
      </div>
      {groups.map(({ level, items }) => (
        <section key={level} className="ksl-challenges__group" aria-labelledby={`ksl-level-${level}`}>
          <h2 id={`ksl-level-${level}`} className="ksl-challenges__level">
            <span className={`ksl-level ksl-level--${level}`}>{capitalized(level)}</span>
          </h2>
          <ol className="ksl-challenges__cards">
            {items.map((c) => {
              const solved = progress[c.id];
              return (
                <li key={c.id} className="ksl-challenge-card" data-done={solved ? "true" : "false"}>
                  <a
                    className="ksl-challenge-card__link"
                    href={challengeUrl(c.id)}
                    data-testid={`challenge-${c.id}`}
                    aria-describedby={`ksl-card-${c.id}`}
                  >
                    <span className="ksl-challenge-card__mark" aria-hidden="true">
                      {solved ? "✓" : ""}
                    </span>
                    <span className="ksl-challenge-card__title">{c.title}</span>
                    <span className="ksl-visually-hidden">{solved ? ", done" : ", not done yet"}</span>
                  </a>
                  <p id={`ksl-card-${c.id}`} className="ksl-challenge-card__summary">
                    {c.summary}
                  </p>
                  <p className="ksl-challenge-card__meta ksl-small">
                    <span className="ksl-muted">{c.topic}</span>
                    {solved ? (
                      <span className="ksl-challenge-card__best" data-testid={`done-${c.id}`}>
                        Done in {solved.bestSteps} step{solved.bestSteps === 1 ? "" : "s"}
                        {solved.bestSteps <= c.shortest ? " — the shortest" : ` (shortest: ${c.shortest})`}
                      </span>
                    ) : (
                      <span className="ksl-muted">Not done yet</span>
                    )}
                  </p>
                </li>
              );
            })}
          </ol>
        </section>
      ))}
      <section className="ksl-challenges__more" aria-label="More to do">
        <div className="ksl-panel">
          <h2>Your own challenge</h2>
          <p>
            Write a scenario with a <code>#goal</code> line (for example{" "}
            <code>#goal T1 at Inside and T2 at Inside</code>) and play it as a challenge. The explorer works out the
            shortest solution.
          </p>
          <a className="ksl-btn" href={challengeUrl(null)} data-testid="own-challenge">
            Write a challenge
          </a>
        </div>
        <div className="ksl-panel">
          <h2>Predict, then reveal</h2>
          <p>
            On any scenario, say before each step which thread will run and what a mutex&rsquo;s Count word will be;
            then see what happened and keep score.
          </p>
          <a className="ksl-btn" href={predictUrl(predictScenario)} data-testid="predict-link">
            Practise predicting
          </a>
        </div>
      </section>
      {done > 0 && (
        <p className="ksl-small">
          <button
            type="button"
            className="ksl-linkbtn"
            onClick={() => {
              if (window.confirm("Forget which challenges you have done?")) actions.clearProgress();
            }}
          >
            Clear my progress
          </button>
        </p>
      )}
    </div>
  );
}
