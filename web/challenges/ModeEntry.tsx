// The app's door to the challenge and predict modes (?mode=challenges,
// ?mode=predict). Only this small file is in the app's start bundle: the modes
// themselves are a chunk of their own, fetched when the address asks for one,
// so the workbench does not load any of it.
import { PendingPage } from "../components/PendingPage";
import { useChunk } from "../lib/useChunk";

export const MODE_PARAM = "mode";
export const LAB_MODES = ["challenges", "predict"] as const;
export type LabMode = (typeof LAB_MODES)[number];

/** The mode a query string (`?mode=...`) asks for, or null for the workbench. */
export function labModeOf(search: string): LabMode | null {
  const mode = new URLSearchParams(search).get(MODE_PARAM);
  return (LAB_MODES as readonly string[]).includes(mode ?? "") ? (mode as LabMode) : null;
}

export function ModeEntry({ mode }: { readonly mode: LabMode }) {
  const { value: Mode, failure } = useChunk(
    () => import("./ChallengesMode").then((m) => m.ChallengesMode),
    "This part of Kernel Sync Lab",
  );
  return Mode ? <Mode mode={mode} /> : <PendingPage failure={failure} loading="Loading Kernel Sync Lab…" />;
}
