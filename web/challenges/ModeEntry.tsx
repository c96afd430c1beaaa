// The app's door to the challenge and predict modes (?mode=challenges,
// ?mode=predict). Only this small file is in the app's start bundle: the modes
// themselves are a chunk of their own, fetched when the address asks for one,
// so the workbench does not load any of it.
import { useEffect, useState, type ComponentType } from "react";

export const MODE_PARAM = "mode";
export const LAB_MODES = ["challenges", "predict"] as const;
export type LabMode = (typeof LAB_MODES)[number];

/** The mode a query string (`?mode=...`) asks for, or null for the workbench. */
export function labModeOf(search: string): LabMode | null {
  const mode = new URLSearchParams(search).get(MODE_PARAM);
  return (LAB_MODES as readonly string[]).includes(mode ?? "") ? (mode as LabMode) : null;
}

export function ModeEntry({ mode }: { readonly mode: LabMode }) {
  const [Mode, setMode] = useState<ComponentType<{ mode: LabMode }> | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    import("./ChallengesMode").then(
      (module) => setMode(() => module.ChallengesMode),
      (err: unknown) =>
        setFailure(
          `This part of Kernel Sync Lab could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
        ),
    );
  }, []);
  if (Mode) return <Mode mode={mode} />;
  return (
    <div className="ksl-root">
      <p className={failure ? "ksl-banner ksl-banner--error" : "ksl-banner"} role={failure ? "alert" : "status"}>
        {failure ?? "Loading Kernel Sync Lab…"}
      </p>
    </div>
  );
}
