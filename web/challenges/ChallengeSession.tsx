// One challenge's simulator: its own store, loaded under the manual scheduler
// (the student is the scheduler), either fresh at step 0 or — from a
// solution link (#ksl=…) — replaying the shared choices, to watch. "Solve it
// yourself" reloads the challenge unforced, at step 0.
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { shareProblemText } from "../share/useSharedView";
import { decodeSharedView } from "../share/share-link";
import { realBackend } from "../store/real-backend";
import { createSimulatorStore } from "../store/simulator-store";
import type { SessionToRestore } from "../store/simulator-state";
import { SimulatorProvider } from "../store/SimulatorProvider";
import type { ChallengeModeStore } from "./challenge-store";
import { challengeUrl } from "./challenge-link";
import { ChallengeView } from "./ChallengeView";
import type { Shortest } from "./GoalPanel";

export interface ChallengeSessionProps {
  /** Catalog id; null for the student's own challenge. */
  readonly challengeId: string | null;
  readonly title: string;
  readonly difficulty: string | null;
  readonly topic: string | null;
  readonly source: string;
  readonly fileName: string;
  /** The shortest solution (the catalog's), or "search" to have the explorer find it (one's own challenge). */
  readonly shortest: Shortest | "search";
  /** A solution link's payload (the text after `#ksl=`), or null. */
  readonly token: string | null;
  readonly mode: ChallengeModeStore;
  /** Renders the scenario text pane. */
  readonly code: ReactNode;
  readonly next: { readonly title: string; readonly href: string } | null;
  readonly listHref: string;
}

/** The challenge at step 0 under the manual scheduler, nothing forced. */
function freshSession(source: string, fileName: string): SessionToRestore {
  return { source, fileName, scheduler: "manual", seed: null, schedule: [], step: 0 };
}

export function ChallengeSession(props: ChallengeSessionProps) {
  const { challengeId, source, fileName, token, title } = props;
  const [store] = useState(() => createSimulatorStore({ backend: realBackend, source: "", fileName }));
  const [watching, setWatching] = useState(token !== null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    const { actions } = store.getState();
    if (token === null) void actions.restoreSession(freshSession(source, fileName));
    else
      decodeSharedView(token).then(
        (view) => {
          if (cancelled) return;
          // A link at step 0 shares the challenge itself (one's own), not a solution: play it.
          if (view.step === 0) setWatching(false);
          if (challengeId !== null && view.source !== source)
            setNotice("This link carries its own version of the challenge's text; that is the one shown.");
          return actions.restoreSession({ ...view, scheduler: "manual" });
        },
        (err: unknown) => {
          if (cancelled) return;
          setWatching(false);
          setNotice(shareProblemText(err, `the challenge “${title}” from the start`));
          return actions.restoreSession(freshSession(source, fileName));
        },
      );
    return () => {
      cancelled = true;
      store.getState().actions.dispose();
    };
  }, [store, token, source, fileName, challengeId, title]);

  const solveYourself = useCallback(() => {
    setWatching(false);
    // Drop the link from the address, so a reload starts the challenge rather than the solution again.
    window.history.replaceState(null, "", challengeUrl(challengeId));
    const current = store.getState();
    // One's own challenge has no catalog text: the link's text is the challenge.
    void current.actions.restoreSession(freshSession(challengeId === null ? current.source : source, current.fileName));
  }, [store, challengeId, source]);

  return (
    <SimulatorProvider backend={realBackend} source="" store={store}>
      <ChallengeView
        challengeId={challengeId}
        title={props.title}
        difficulty={props.difficulty}
        topic={props.topic}
        shortest={props.shortest}
        mode={props.mode}
        code={props.code}
        watching={watching}
        onSolveYourself={solveYourself}
        next={props.next}
        listHref={props.listHref}
        notice={notice}
      />
    </SimulatorProvider>
  );
}
