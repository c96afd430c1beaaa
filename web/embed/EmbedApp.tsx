// The widget's React tree: the UI helper's panels arranged compactly around a
// lightweight code view, for one controller's store. The same tree serves the
// custom element (inside its shadow root) and the iframe page embed.html.
import { useState, useSyncExternalStore } from "react";
import { useShallow } from "zustand/react/shallow";
import { BugCheckScreen } from "../components/BugCheckScreen";
import { Controls } from "../components/Controls";
import { CpuPanel } from "../components/CpuPanel";
import { EventLog, Narration } from "../components/EventLog";
import { ApcDpcPanel, ObjectsPanel } from "../components/ObjectsPanel";
import { ThreadsPanel } from "../components/ThreadsPanel";
import { Timeline } from "../components/Timeline";
import { useKeyboard } from "../components/useKeyboard";
import { WaitForGraph } from "../components/WaitForGraph";
import { captureSharedView } from "../share/restore";
import { encodeSharedView, shareUrl } from "../share/share-link";
import type { ScenarioBackend } from "../store/backend";
import { SimulatorProvider, useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import { CodeView } from "./CodeView";
import { EmbedGoal } from "../challenges/EmbedGoal";
import type { EmbedController } from "./controller";
import type { EmbedOptions } from "./options";

export interface EmbedAppProps {
  readonly controller: EmbedController;
  readonly options: EmbedOptions;
  /** Problems with the widget's own attributes or parameters. */
  readonly optionProblems: readonly string[];
  /** The full app (index.html) next to the widget script, for "Open in Kernel Sync Lab"; null hides the link. */
  readonly appUrl: string | null;
}

/** The provider is handed the controller's store, so it never builds one from a backend. */
const UNUSED_BACKEND: ScenarioBackend = {
  compile: () => {
    throw new Error("the embed's store has its own backend");
  },
  createSimulator: () => {
    throw new Error("the embed's store has its own backend");
  },
};
const NOOP = () => undefined;

function Status() {
  const { status, failure, errors } = useSimulator(
    useShallow((s) => ({ status: s.status, failure: s.failure, errors: s.diagnostics.length })),
  );
  if (status === "failed")
    return (
      <p className="ksl-banner ksl-banner--error" role="alert" data-testid="failure">
        {failure}
      </p>
    );
  if (status === "invalid")
    return (
      <p className="ksl-banner ksl-banner--warn" role="status" data-testid="invalid">
        The scenario does not compile ({errors} error{errors === 1 ? "" : "s"}, listed below). Fix the text to run it.
      </p>
    );
  return null;
}

function OpenInApp({ appUrl }: { readonly appUrl: string }) {
  const store = useSimulatorStoreApi();
  const open = async () => {
    const token = await encodeSharedView(captureSharedView(store));
    window.open(shareUrl(appUrl, token), "_blank", "noopener");
  };
  return (
    <button
      type="button"
      className="ksl-linkbtn ksl-small"
      onClick={() => void open()}
      data-testid="open-in-app"
      title="Open this exact step in the full Kernel Sync Lab, with the editor"
    >
      Open in Kernel Sync Lab ↗
    </button>
  );
}

function EmbedLayout({ controller, options, optionProblems, appUrl }: EmbedAppProps) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const problem = useSyncExternalStore(
    (listener) => controller.subscribeProblem(listener),
    () => controller.problem,
  );
  const { title, status, hasSource, hasBugcheck } = useSimulator(
    useShallow((s) => ({
      title: s.title,
      status: s.status,
      hasSource: s.source.trim() !== "",
      hasBugcheck: s.snapshot?.bugcheck != null,
    })),
  );
  useKeyboard(root, { onHelp: NOOP, onLibrary: NOOP, suspended: false });
  const full = options.view === "full";
  return (
    <div
      className={`ksl-root ksl-embed ksl-embed--${options.view}`}
      ref={setRoot}
      tabIndex={0}
      data-testid="embed"
      data-status={status}
    >
      <header className="ksl-embed__head">
        <span className="ksl-embed__brand" aria-hidden="true">
          ⟲
        </span>
        <h2 className="ksl-embed__title" data-testid="scenario-title">
          {title || (status === "loading" && !problem ? "Loading…" : "Kernel Sync Lab")}
        </h2>
        {appUrl && status === "ready" && <OpenInApp appUrl={appUrl} />}
      </header>
      {problem && (
        <p className="ksl-banner ksl-banner--error" role="alert" data-testid="embed-problem">
          {problem}
        </p>
      )}
      {optionProblems.length > 0 && (
        <p className="ksl-banner ksl-banner--warn" data-testid="option-problems">
          {optionProblems.join("; ")}.
        </p>
      )}
      {options.challenge && <EmbedGoal challengeId={options.challenge} appUrl={appUrl} />}
      {options.controls && <Controls />}
      <Status />
      <Narration />
      <div className="ksl-embed__main">
        <CodeView editable={problem !== null && !hasSource} />
        <div className="ksl-embed__state">
          <ThreadsPanel />
          <ObjectsPanel />
          {full && (
            <>
              <CpuPanel />
              <ApcDpcPanel />
              <WaitForGraph />
              <EventLog />
            </>
          )}
        </div>
        {full && hasBugcheck && <BugCheckScreen />}
      </div>
      {(options.view === "timeline" || full) && <Timeline />}
    </div>
  );
}

export function EmbedApp(props: EmbedAppProps) {
  return (
    <SimulatorProvider backend={UNUSED_BACKEND} source="" store={props.controller.store}>
      <EmbedLayout {...props} />
    </SimulatorProvider>
  );
}
