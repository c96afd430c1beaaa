// The built-in scenario library is a chunk of its own (its texts would weigh
// on every page that never opens it); the pages that need it fetch it here.
import type { LibraryScenario } from "../../scenarios";
import { useChunk } from "../lib/useChunk";

export function useScenarioLibrary() {
  return useChunk<readonly LibraryScenario[]>(
    () => import("../../scenarios").then((m) => m.scenarios),
    "The scenario library",
  );
}
