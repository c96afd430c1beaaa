// One challenge: the goal and the student's standing on top, the transport
// (start over, step back), then the workbench's panels with the thread table
// as the scheduler's picker. Solving it records the progress, unless the
// student is only watching a solution someone shared.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useStore } from "zustand";
import { HelpOverlay } from "../components/HelpOverlay";
import type { ExplorerChannelFactory } from "../explore/explorer-channel";
import { useKeyboard } from "../components/useKeyboard";
import { useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import { challengeStatus } from "./challenge-status";
import type { ChallengeModeStore } from "./challenge-store";
import { ChallengeControls } from "./ChallengeControls";
import { GoalPanel, type Shortest } from "./GoalPanel";
import { SimulatorPanels } from "../components/SimulatorPanels";
import { PredictPanel } from "./PredictPanel";
import { createPredictStore } from "./predict-store";
import { useShortestSolution } from "./shortest-search";
import { useReachedAt } from "./use-reached-at";
import { HelpButton, Notice } from "../components/HeaderParts";

export interface ChallengeViewProps {
  /** Catalog id; null for the student's own challenge (not recorded in the progress). */
  readonly challengeId: string | null;
  readonly title: string;
  /** "easy", "medium", ...: shown as a tag; null for the student's own. */
  readonly difficulty: string | null;
  readonly topic: string | null;
  /** The catalog's shortest solution, or "search" to have the explorer find it once the goal is reached. */
  readonly shortest: Shortest | "search";
  readonly mode: ChallengeModeStore;
  /** The scenario text pane (read-only for a built-in challenge, the editor for one's own). */
  readonly code: ReactNode;
  readonly watching: boolean;
  readonly onSolveYourself: () => void;
  readonly next: { readonly title: string; readonly href: string } | null;
  readonly listHref: string;
  readonly notice: string | null;
  /** Where the shortest-solution search runs (default: a Web Worker; tests pass a fake). */
  readonly explorerChannel?: ExplorerChannelFactory;
}

const NOOP = () => undefined;

export function ChallengeView(props: ChallengeViewProps) {
  const simulator = useSimulatorStoreApi();
  const [predict] = useState(() => createPredictStore(simulator, false));
  const predicting = useStore(predict, (s) => s.enabled);
  const [help, setHelp] = useState(false);
  const [dismissed, setDismissed] = useState<string | null>(null);
  const notice = props.notice !== dismissed ? props.notice : null;
  const toggleHelp = useCallback(() => setHelp((v) => !v), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const modeProblem = useStore(props.mode, (s) => s.problem);
  const { challengeId, watching, mode } = props;
  // Record a solve the moment the goal first holds after a step the student took (not while watching a link).
  const recordSolve = useCallback(
    (step: number) => {
      if (!watching && challengeId !== null) mode.getState().actions.recordSolved(challengeId, step);
    },
    [watching, challengeId, mode],
  );
  const reachedAt = useReachedAt(simulator, recordSolve);
  const status = useSimulator((s) => challengeStatus(s.snapshot, reachedAt));
  // One's own challenge is named by its #title.
  const scenarioTitle = useSimulator((s) => s.title);
  const title = props.challengeId === null && scenarioTitle ? scenarioTitle : props.title;
  const shortest = useShortestSolution(props.shortest, reachedAt !== null, props.explorerChannel);

  useEffect(() => () => predict.getState().actions.dispose(), [predict]);
  useKeyboard(typeof document === "undefined" ? null : document, {
    onHelp: toggleHelp,
    onLibrary: NOOP,
    suspended: help,
  });

  return (
    <div className="ksl-root ksl-challenge" data-testid="challenge-view" data-status={status}>
      <header className="ksl-header">
        <a className="ksl-brand ksl-challenge__brand" href="./" aria-label="Kernel Sync Lab workbench">
          <span className="ksl-brand__mark" aria-hidden="true">
            ⟲
          </span>
          <span className="ksl-brand__name">Kernel Sync Lab</span>
        </a>
        <div className="ksl-header__scenario">
          <a className="ksl-challenge__crumb" href={props.listHref} data-testid="all-challenges">
            Challenges
          </a>
          <span className="ksl-muted" aria-hidden="true">
            /
          </span>
          <h1 className="ksl-title" data-testid="challenge-title">
            {title}
          </h1>
          {props.difficulty && (
            <span className={`ksl-level ksl-level--${props.difficulty}`} data-testid="challenge-difficulty">
              {props.difficulty}
            </span>
          )}
          {props.topic && <span className="ksl-muted ksl-small">{props.topic}</span>}
        </div>
        <nav className="ksl-header__actions" aria-label="Challenge">
          <button
            type="button"
            className="ksl-btn"
            aria-pressed={predicting}
            onClick={() => predict.getState().actions.setEnabled(!predicting)}
            data-testid="predict-toggle"
            title="Before each step, predict what it will do; then see and score it"
          >
            Predict mode {predicting ? "on" : "off"}
          </button>
          <HelpButton onClick={toggleHelp} />
        </nav>
      </header>
      <Notice
        text={notice ?? modeProblem}
        onDismiss={() => (notice ? setDismissed(notice) : mode.getState().actions.dismissProblem())}
        testId="challenge-notice"
      />
      {watching && (
        <p className="ksl-banner" data-testid="watching">
          You are watching a solution someone shared. Move through it with the slider, or solve it yourself.
        </p>
      )}
      <GoalPanel
        title={title}
        reachedAt={reachedAt}
        challengeId={challengeId}
        shortest={shortest}
        watching={watching}
        next={props.next}
        listHref={props.listHref}
      />
      <ChallengeControls watching={watching} onSolveYourself={props.onSolveYourself} />
      <SimulatorPanels code={props.code} aside={predicting ? <PredictPanel predict={predict} /> : null} />
      {help && <HelpOverlay onClose={closeHelp} />}
    </div>
  );
}
