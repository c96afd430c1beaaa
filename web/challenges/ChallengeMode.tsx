// ?mode=challenges: the list, or one challenge (&challenge=<id>), or the
// student's own (&challenge=own), each optionally opened from a solution
// link (#ksl=…). Progress is read once here and shared by every view.
import { useEffect, useState } from "react";
import { Editor } from "../editor/Editor";
import { CodeView } from "../embed/CodeView";
import { shareTokenFromHash } from "../share/share-link";
import { CHALLENGE_PARAM, challengeListUrl, challengeUrl, OWN_CHALLENGE } from "./challenge-link";
import { createChallengeModeStore } from "./challenge-store";
import { ChallengeList, type ChallengeCard } from "./ChallengeList";
import { ChallengeSession } from "./ChallengeSession";
import ownChallengeStarter from "./own-challenge-starter.ksync?raw";

/** A built-in challenge as the mode uses it: the card plus its scenario text. */
export interface PlayableChallenge extends ChallengeCard {
  readonly source: string;
}

export interface ChallengeModeProps {
  /** Built-in challenges, easy to hard. */
  readonly challenges: readonly PlayableChallenge[];
  /** Difficulty names from easy to hard. */
  readonly levels: readonly string[];
  /** Library scenario the "practise predicting" link opens. */
  readonly predictScenario: string;
}

interface Route {
  readonly id: string | null;
  readonly token: string | null;
}

function routeOf(location: Location): Route {
  return {
    id: new URLSearchParams(location.search).get(CHALLENGE_PARAM),
    token: shareTokenFromHash(location.hash),
  };
}

export function ChallengeMode({ challenges, levels, predictScenario }: ChallengeModeProps) {
  const [mode] = useState(() => createChallengeModeStore());
  const [route] = useState(() => routeOf(window.location));
  const listHref = challengeListUrl();

  // Another solution link pasted into the address bar changes only the hash: open it like a fresh page.
  useEffect(() => {
    const onHash = () => {
      if (shareTokenFromHash(window.location.hash) !== route.token) window.location.reload();
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [route.token]);

  // A solution link without a challenge id is one's own challenge (its text travels in the link).
  if (route.id === OWN_CHALLENGE || (route.id === null && route.token !== null))
    return (
      <ChallengeSession
        challengeId={null}
        title="Your own challenge"
        difficulty={null}
        topic={null}
        source={ownChallengeStarter}
        fileName="my-challenge.ksync"
        shortest="search"
        token={route.token}
        mode={mode}
        code={<Editor />}
        next={null}
        listHref={listHref}
      />
    );

  const index = route.id === null ? -1 : challenges.findIndex((c) => c.id === route.id);
  const challenge = challenges[index];
  if (!challenge)
    return (
      <ChallengeList
        challenges={challenges}
        levels={levels}
        mode={mode}
        predictScenario={predictScenario}
        notice={
          route.id === null ? null : `There is no challenge called “${route.id.slice(0, 60)}”. Here are all of them.`
        }
      />
    );
  const next = challenges[index + 1];
  return (
    <ChallengeSession
      key={challenge.id}
      challengeId={challenge.id}
      title={challenge.title}
      difficulty={challenge.difficulty}
      topic={challenge.topic}
      source={challenge.source}
      fileName={`${challenge.id}.ksync`}
      shortest={{ kind: "known", steps: challenge.shortest }}
      token={route.token}
      mode={mode}
      code={<CodeView editable={false} />}
      next={next ? { title: next.title, href: challengeUrl(next.id) } : null}
      listHref={listHref}
    />
  );
}
