// The widget's side-by-side layout (<kernel-sync-lab mode="compare">,
// embed.html?mode=compare): the compare view with the widget's light code
// listing instead of the app's editor, and "Open in Kernel Sync Lab" taking
// both sides to the app's compare page.
import { useSyncExternalStore } from "react";
import { CodeView } from "../embed/CodeView";
import { encodeSharedComparison, shareUrl } from "../share/share-link";
import type { CompareSession } from "./compare-session";
import { CompareView } from "./CompareView";
import { findPreset } from "./presets";

function EmbedCodePane() {
  return <CodeView editable={false} />;
}

export interface CompareEmbedProps {
  readonly session: CompareSession;
  /** compact: no code listings; timeline and full: with them (the compare view has no timeline). */
  readonly view: "compact" | "timeline" | "full";
  readonly controls: boolean;
  /** Problems with the widget's own attributes or parameters. */
  readonly optionProblems: readonly string[];
  /** The full app (index.html) next to the widget script; null hides the link. */
  readonly appUrl: string | null;
}

function OpenInApp({ session, appUrl }: { readonly session: CompareSession; readonly appUrl: string }) {
  const open = async () => {
    const url = new URL(appUrl);
    url.search = "?mode=compare";
    window.open(shareUrl(url.href, await encodeSharedComparison(session.capture())), "_blank", "noopener");
  };
  return (
    <button
      type="button"
      className="ksl-linkbtn ksl-small"
      onClick={() => void open()}
      data-testid="open-in-app"
      title="Open both sides at these steps in the full Kernel Sync Lab, with editors"
    >
      Open in Kernel Sync Lab ↗
    </button>
  );
}

const NoCode = () => null;

export function CompareEmbed({ session, view, controls, optionProblems, appUrl }: CompareEmbedProps) {
  const preset = useSyncExternalStore(
    (listener) => session.flags.subscribe(listener),
    () => session.flags.getState().preset,
  );
  const title = (preset && findPreset(preset)?.title) ?? "Side by side";
  return (
    <div
      className={`ksl-root ksl-embed ksl-embed--${view} ksl-embed--compare${controls ? "" : " ksl-embed--no-controls"}`}
      tabIndex={-1}
      data-testid="embed"
    >
      <header className="ksl-embed__head">
        <span className="ksl-embed__brand" aria-hidden="true">
          ⟲
        </span>
        <h2 className="ksl-embed__title" data-testid="scenario-title">
          {title}
        </h2>
        {appUrl && <OpenInApp session={session} appUrl={appUrl} />}
      </header>
      {optionProblems.length > 0 && (
        <p className="ksl-banner ksl-banner--warn" data-testid="option-problems">
          {optionProblems.join("; ")}.
        </p>
      )}
      <CompareView
        session={session}
        CodePane={view === "compact" ? NoCode : EmbedCodePane}
        showSettings={controls}
        offerSameScenario={false}
      />
    </div>
  );
}
