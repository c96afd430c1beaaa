// Root of the challenge and predict modes' chunk (loaded by ModeEntry).
import "../embed/embed.css"; // the read-only code view's styles (CodeView)
import "./challenges.css";
import type { LabMode } from "./ModeEntry";
import { PredictMode } from "./PredictMode";

export function ChallengesMode({ mode }: { readonly mode: LabMode }) {
  switch (mode) {
    case "predict":
      return <PredictMode />;
  }
}
