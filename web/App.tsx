// The Kernel Sync Lab page: the workbench on the real compiler and wasm
// engine, starting with a library scenario (or the one named in ?scenario=).
// The scenario library (every .ksync source with its title and topic; the
// expected outcomes stay with the tests) is a chunk of its own, fetched
// while the engine compiles, so the main bundle stays small.
import { useState } from "react";
import type { LibraryScenario } from "../scenarios";
import { Workbench } from "./components/Workbench";
import { labModeOf, ModeEntry } from "./challenges/ModeEntry";
import { CompareEntry, isCompareMode } from "./compare/CompareEntry";
import { loadSavedScenarios } from "./library/saved-scenarios";
import { useScenarioLibrary } from "./library/useScenarioLibrary";
import { PendingPage } from "./components/PendingPage";
import { realBackend } from "./store/real-backend";
import { SimulatorProvider } from "./store/SimulatorProvider";
import { useSharedView } from "./share/useSharedView";
import "./styles.css";

const DEFAULT_SCENARIO = "abba-deadlock";

function initialScenario(scenarios: readonly LibraryScenario[]): { source: string; fileName: string } {
  const wanted = new URLSearchParams(window.location.search).get("scenario") ?? DEFAULT_SCENARIO;
  const found =
    scenarios.find((s) => s.name === wanted) ?? scenarios.find((s) => s.name === DEFAULT_SCENARIO) ?? scenarios[0];
  return found ? { source: found.source, fileName: `${found.name}.ksync` } : { source: "", fileName: "scenario.ksync" };
}

export function App() {
  // ?mode=challenges and ?mode=predict: other pages of the app, in a chunk of their own.
  const mode = labModeOf(window.location.search);
  if (isCompareMode(window.location.search)) return <CompareEntry />;
  return mode ? <ModeEntry mode={mode} /> : <WorkbenchApp />;
}

function WorkbenchApp() {
  const { value: library, failure } = useScenarioLibrary();
  if (!library) return <PendingPage failure={failure} loading="Loading Kernel Sync Lab…" />;
  return <LabPage scenarios={library} />;
}

function LabPage({ scenarios }: { readonly scenarios: readonly LibraryScenario[] }) {
  const [start] = useState(() => initialScenario(scenarios));
  // Read once at startup so a corrupted store is reported on the page, not only inside the library.
  const [savedProblem] = useState(() => loadSavedScenarios().problem);
  // A share link in the hash (#ksl=...) brings its own store; a link that cannot be opened says why.
  const shared = useSharedView(realBackend, start);
  return (
    <SimulatorProvider
      backend={realBackend}
      source={start.source}
      fileName={start.fileName}
      store={shared.store ?? undefined}
    >
      <Workbench
        key={shared.problem ? "share-problem" : "main"}
        builtins={scenarios}
        startupNotice={shared.problem ?? savedProblem}
      />
    </SimulatorProvider>
  );
}
