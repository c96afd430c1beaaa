// The Kernel Sync Lab page: the workbench on the real compiler and wasm
// engine, starting with a library scenario (or the one named in ?scenario=).
import { useState } from "react";
import { scenarios } from "../scenarios";
import { Workbench } from "./components/Workbench";
import { loadSavedScenarios } from "./library/saved-scenarios";
import { realBackend } from "./store/real-backend";
import { SimulatorProvider } from "./store/SimulatorProvider";
import { useSharedView } from "./share/useSharedView";
import "./styles.css";

const DEFAULT_SCENARIO = "abba-deadlock";

function initialScenario(): { source: string; fileName: string } {
  const wanted = new URLSearchParams(window.location.search).get("scenario") ?? DEFAULT_SCENARIO;
  const found = scenarios.find((s) => s.name === wanted) ?? scenarios.find((s) => s.name === DEFAULT_SCENARIO) ?? scenarios[0];
  return found ? { source: found.source, fileName: `${found.name}.ksync` } : { source: "", fileName: "scenario.ksync" };
}

export function App() {
  const [start] = useState(initialScenario);
  // Read once at startup so a corrupted store is reported on the page, not only inside the library.
  const [savedProblem] = useState(() => loadSavedScenarios().problem);
  // A share link in the hash (#ksl=...) brings its own store; a link that cannot be opened says why.
  const shared = useSharedView(realBackend, start);
  return (
    <SimulatorProvider backend={realBackend} source={start.source} fileName={start.fileName} store={shared.store ?? undefined}>
      <Workbench key={shared.problem ? "share-problem" : "main"} builtins={scenarios} startupNotice={shared.problem ?? savedProblem} />
    </SimulatorProvider>
  );
}
