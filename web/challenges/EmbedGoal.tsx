// A challenge in an embedded widget (<kernel-sync-lab challenge="deadly-embrace">):
// the goal panel above the widget's own panels. Nothing is recorded (a
// documentation page is not the student's progress), and its links open the
// full app in a new tab rather than navigating the host page.
import { findChallenge } from "../../scenarios/challenges";
import { useSimulatorStoreApi } from "../store/SimulatorProvider";
import { challengeListUrl } from "./challenge-link";
import { GoalPanel } from "./GoalPanel";
import { useReachedAt } from "./use-reached-at";

export interface EmbedGoalProps {
  readonly challengeId: string;
  /** The full app next to the widget script, for the solution link and the list; null offers neither. */
  readonly appUrl: string | null;
}

export function EmbedGoal({ challengeId, appUrl }: EmbedGoalProps) {
  const reachedAt = useReachedAt(useSimulatorStoreApi());
  const challenge = findChallenge(challengeId);
  // An unknown id: the widget's banner already says so (EmbedController.load).
  if (!challenge) return null;
  return (
    <GoalPanel
      title={challenge.title}
      challengeId={challengeId}
      reachedAt={reachedAt}
      shortest={{ kind: "known", steps: challenge.shortest }}
      watching={false}
      next={null}
      listHref={appUrl ? challengeListUrl(appUrl) : null}
      appUrl={appUrl}
      newTab
    />
  );
}
