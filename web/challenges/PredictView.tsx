// "Predict, then reveal" on any library scenario, outside the challenges:
// the usual transport (any scheduler — under the priority scheduler the
// question "who runs next?" is the interesting one), the predict panel on top
// of the state panels, and a picker for the scenario.
import { useCallback, useEffect, useId, useState } from "react";
import type { LibraryScenario } from "../../scenarios";
import { Controls } from "../components/Controls";
import { HelpOverlay } from "../components/HelpOverlay";
import { useKeyboard } from "../components/useKeyboard";
import { CodeView } from "../embed/CodeView";
import { useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import { challengeListUrl, predictUrl } from "./challenge-link";
import { SimulatorPanels } from "../components/SimulatorPanels";
import { PredictPanel } from "./PredictPanel";
import { createPredictStore } from "./predict-store";
import { HelpButton, Notice } from "../components/HeaderParts";

export interface PredictViewProps {
  readonly scenarios: readonly LibraryScenario[];
  readonly scenario: string;
  readonly notice: string | null;
}

const NOOP = () => undefined;

export function PredictView({ scenarios, scenario, notice }: PredictViewProps) {
  const id = useId();
  const simulator = useSimulatorStoreApi();
  const [predict] = useState(() => createPredictStore(simulator, true));
  const [current, setCurrent] = useState(scenario);
  const [help, setHelp] = useState(false);
  const [shownNotice, setShownNotice] = useState(notice);
  const toggleHelp = useCallback(() => setHelp((v) => !v), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const title = useSimulator((s) => s.title);
  useEffect(() => () => predict.getState().actions.dispose(), [predict]);
  useKeyboard(typeof document === "undefined" ? null : document, {
    onHelp: toggleHelp,
    onLibrary: NOOP,
    suspended: help,
  });

  const open = (name: string) => {
    const found = scenarios.find((s) => s.name === name);
    if (!found) return;
    setCurrent(name);
    window.history.replaceState(null, "", predictUrl(name));
    void simulator.getState().actions.openScenario(found.source, `${found.name}.ksync`);
  };

  return (
    <div className="ksl-root ksl-challenge" data-testid="predict-view">
      <header className="ksl-header">
        <a className="ksl-brand ksl-challenge__brand" href="./" aria-label="Kernel Sync Lab workbench">
          <span className="ksl-brand__mark" aria-hidden="true">
            ⟲
          </span>
          <span className="ksl-brand__name">Kernel Sync Lab</span>
        </a>
        <div className="ksl-header__scenario">
          <a className="ksl-challenge__crumb" href={challengeListUrl()}>
            Challenges
          </a>
          <span className="ksl-muted" aria-hidden="true">
            /
          </span>
          <h1 className="ksl-title" data-testid="scenario-title">
            Predict: {title || "…"}
          </h1>
        </div>
        <nav className="ksl-header__actions" aria-label="Scenario">
          <label className="ksl-field" htmlFor={`${id}-scenario`}>
            <span>Scenario</span>
            <select
              id={`${id}-scenario`}
              value={current}
              onChange={(e) => open(e.target.value)}
              data-testid="predict-scenario"
            >
              {scenarios.map((s) => (
                <option key={s.name} value={s.name}>
                  {s.title}
                </option>
              ))}
            </select>
          </label>
          <HelpButton onClick={toggleHelp} />
        </nav>
      </header>
      <Notice text={shownNotice} onDismiss={() => setShownNotice(null)} testId="challenge-notice" />
      <Controls />
      <SimulatorPanels code={<CodeView editable={false} />} aside={<PredictPanel predict={predict} />} />
      {help && <HelpOverlay onClose={closeHelp} />}
    </div>
  );
}
