// The Kernel Sync Lab page: the workbench on the real compiler and wasm
// engine, starting with a library scenario (or the one named in ?scenario=).
import { useState } from "react";
import { scenarios } from "../scenarios";
import { Workbench } from "./components/Workbench";
import { loadSavedScenarios } from "./library/saved-scenarios";
import { realBackend } from "./store/real-backend";
import { SimulatorProvider } from "./store/SimulatorProvider";
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
  return (
    <SimulatorProvider backend={realBackend} source={start.source} fileName={start.fileName}>
      <Workbench builtins={scenarios} startupNotice={savedProblem} />
    </SimulatorProvider>
  );
}
