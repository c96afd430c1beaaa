// ?mode=predict&scenario=<name>: predict-then-reveal on a library scenario.
// The library is its own chunk (as in the workbench), fetched here.
import { useState } from "react";
import type { LibraryScenario } from "../../scenarios";
import { realBackend } from "../store/real-backend";
import { SimulatorProvider } from "../store/SimulatorProvider";
import { useScenarioLibrary } from "../library/useScenarioLibrary";
import { PendingPage } from "../components/PendingPage";
import { PredictView } from "./PredictView";

/** Where predicting starts: two threads of equal priority on one CPU, so who runs next is a real question. */
export const DEFAULT_PREDICT_SCENARIO = "simple-contention";

export function PredictMode() {
  const { value: library, failure } = useScenarioLibrary();
  if (!library) return <PendingPage failure={failure} loading="Loading the scenarios…" />;
  return <PredictStart library={library} />;
}

function PredictStart({ library }: { readonly library: readonly LibraryScenario[] }) {
  const [start] = useState(() => {
    const wanted = new URLSearchParams(window.location.search).get("scenario");
    const found = library.find((s) => s.name === wanted);
    const fallback = library.find((s) => s.name === DEFAULT_PREDICT_SCENARIO) ?? library[0]!;
    return {
      scenario: found ?? fallback,
      notice:
        wanted !== null && !found
          ? `There is no scenario called “${wanted.slice(0, 60)}”; showing ${fallback.title} instead.`
          : null,
    };
  });
  return (
    <SimulatorProvider backend={realBackend} source={start.scenario.source} fileName={`${start.scenario.name}.ksync`}>
      <PredictView scenarios={library} scenario={start.scenario.name} notice={start.notice} />
    </SimulatorProvider>
  );
}
