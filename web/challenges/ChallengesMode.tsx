// Root of the challenge and predict modes' chunk (loaded by ModeEntry).
import "../embed/embed.css"; // the read-only code view's styles (CodeView)
import "./goal.css";
import "./challenges.css";
import { challenges, DIFFICULTIES } from "../../scenarios/challenges";
import type { LabMode } from "./ModeEntry";
import { ChallengeMode } from "./ChallengeMode";
import { DEFAULT_PREDICT_SCENARIO, PredictMode } from "./PredictMode";

export function ChallengesMode({ mode }: { readonly mode: LabMode }) {
  switch (mode) {
    case "predict":
      return <PredictMode />;
    case "challenges":
      return <ChallengeMode challenges={challenges} levels={DIFFICULTIES} predictScenario={DEFAULT_PREDICT_SCENARIO} />;
  }
}
