// The whole simulator UI for one store: header, transport, editor, state
// panels, wait-for graph, log and timeline, plus the blue screen and dialogs.
import { Suspense, useCallback, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { downloadBlob, safeFileName } from "../lib/download";
import { useSimulator } from "../store/SimulatorProvider";
import { Editor } from "../editor/Editor";
import { Controls } from "./Controls";
import { HelpOverlay } from "./HelpOverlay";
import { SimulatorPanels } from "./SimulatorPanels";
import type { BuiltinScenario } from "./LibraryDialog";
import { useKeyboard } from "./useKeyboard";
import { ShareButton } from "../share/ShareButton";
import type { ExplorerChannelFactory } from "../explore/explorer-channel";
import { ExploreButton, useExplore } from "./ExploreControl";
import { lazyPart } from "../lib/lazy-part";
import { HelpButton, Notice } from "./HeaderParts";

// Parts a visitor opens on demand load as chunks of their own, so the start page (often embedded in a
// document) stays light: the Explore panel and the scenario library.
const explorePanel = lazyPart(() => import("./ExplorePanel").then((m) => m.ExplorePanel));
const libraryDialog = lazyPart(() => import("./LibraryDialog").then((m) => m.LibraryDialog));
const ExplorePanel = explorePanel.Component;
const LibraryDialog = libraryDialog.Component;

/** Fetches the on-demand parts now (tests; a visitor gets each when first opened). */
export function preloadWorkbenchParts(): Promise<unknown> {
  return Promise.all([explorePanel.preload(), libraryDialog.preload()]);
}

export interface WorkbenchProps {
  readonly builtins: readonly BuiltinScenario[];
  /** Where keyboard shortcuts listen: the document for the app, the widget root for an embed. */
  readonly keyboardScope?: "document" | "root";
  /** A message to show once (e.g. saved data that could not be read). */
  readonly startupNotice?: string | null;
  /** Where Explore runs its searches (default: a Web Worker; tests pass a fake). */
  readonly explorerChannel?: ExplorerChannelFactory;
}

function StatusBanner() {
  const { status, failure, diagnostics } = useSimulator(
    useShallow((s) => ({ status: s.status, failure: s.failure, diagnostics: s.diagnostics.length })),
  );
  if (status === "loading")
    return (
      <p className="ksl-banner" data-testid="loading">
        Loading the engine…
      </p>
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
        The scenario has {diagnostics} error{diagnostics === 1 ? "" : "s"} (underlined in the editor). The panels show
        the last version that compiled; fix the errors to run again.
      </p>
    );
  return null;
}

export function Workbench({
  builtins,
  keyboardScope = "document",
  startupNotice = null,
  explorerChannel,
}: WorkbenchProps) {
  const [root, setRoot] = useState<HTMLDivElement | null>(null);
  const [help, setHelp] = useState(false);
  const [library, setLibrary] = useState(false);
  const [startup, setStartup] = useState(startupNotice);
  const [aboutOpen, setAboutOpen] = useState(false);
  const { title, description, actions, fileName } = useSimulator(
    useShallow((s) => ({
      title: s.title,
      description: s.description,
      actions: s.actions,
      fileName: s.fileName,
    })),
  );
  const toggleHelp = useCallback(() => setHelp((v) => !v), []);
  const openLibrary = useCallback(() => setLibrary(true), []);
  const closeLibrary = useCallback(() => setLibrary(false), []);
  const closeHelp = useCallback(() => setHelp(false), []);
  const explore = useExplore(explorerChannel);
  useKeyboard(keyboardScope === "document" ? (typeof document === "undefined" ? null : document) : root, {
    onHelp: toggleHelp,
    onLibrary: openLibrary,
    onExplore: explore.openAndStart,
    suspended: help || library,
  });

  const exportTrace = () => {
    const trace = actions.exportTrace();
    if (trace)
      downloadBlob(
        new Blob([JSON.stringify(trace, null, 2)], { type: "application/json" }),
        `${safeFileName(trace.scenario || fileName)}-trace.json`,
      );
  };

  return (
    <div className="ksl-root" ref={setRoot} tabIndex={keyboardScope === "root" ? 0 : undefined} data-testid="workbench">
      <header className="ksl-header">
        <div className="ksl-brand" aria-label="Kernel Sync Lab">
          <span className="ksl-brand__mark" aria-hidden="true">
            ⟲
          </span>
          <span className="ksl-brand__name">Kernel Sync Lab</span>
        </div>
        <div className="ksl-header__scenario">
          <h1 className="ksl-title" data-testid="scenario-title">
            {title || "…"}
          </h1>
        </div>
        <nav className="ksl-header__actions" aria-label="Scenario">
          <button
            type="button"
            className="ksl-btn"
            onClick={openLibrary}
            // Fetch the dialog's chunk as the pointer or focus arrives, so the click opens it at once.
            onPointerEnter={libraryDialog.preload}
            onFocus={libraryDialog.preload}
            data-testid="open-library"
            title="Scenario library (l)"
          >
            Library
          </button>
          <ExploreButton explore={explore} />
          <a
            className="ksl-btn"
            href="?mode=challenges"
            data-testid="open-challenges"
            title="Challenges: be the scheduler and find the bug"
          >
            Challenges
          </a>
          <ShareButton />
          <button
            type="button"
            className="ksl-btn"
            onClick={exportTrace}
            data-testid="export-trace"
            title="Download the trace as JSON"
          >
            Export trace
          </button>
          <HelpButton onClick={toggleHelp} testId="help-button" />
        </nav>
      </header>
      {description && (
        <div className={`ksl-about ${aboutOpen ? "ksl-about--open" : ""}`}>
          <p className="ksl-about__text" data-testid="description">
            {description}
          </p>
          {description.length > 160 && (
            <button
              type="button"
              className="ksl-linkbtn ksl-small"
              aria-expanded={aboutOpen}
              onClick={() => setAboutOpen((v) => !v)}
            >
              {aboutOpen ? "Less" : "More"}
            </button>
          )}
        </div>
      )}
      <Notice text={startup} onDismiss={() => setStartup(null)} testId="startup-notice" />
      <Controls />
      {explore.open && (
        <Suspense fallback={<p className="ksl-banner">Loading Explore…</p>}>
          <ExplorePanel explore={explore} />
        </Suspense>
      )}
      <StatusBanner />
      <SimulatorPanels code={<Editor />} />
      {help && <HelpOverlay onClose={closeHelp} />}
      {library && (
        <Suspense fallback={null}>
          <LibraryDialog builtins={builtins} onClose={closeLibrary} />
        </Suspense>
      )}
    </div>
  );
}
