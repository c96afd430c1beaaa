// "Share": packs the current view (scenario, scheduler, seed, schedule, step)
// into a link, copies it when the browser allows, and shows it to select.
import { useState } from "react";
import { useSimulatorStoreApi } from "../store/SimulatorProvider";
import { captureSharedView } from "./restore";
import { encodeSharedView, shareUrl } from "./share-link";
import "./share.css";

export interface ShareButtonProps {
  /** Page the link opens (default: this page without its hash). */
  readonly appUrl?: string;
}

/** This page without its query (?scenario=... would only mislead: the link carries the scenario) or hash. */
function pageWithoutQuery(): string {
  const url = new URL(window.location.href);
  url.search = "";
  url.hash = "";
  return url.href;
}

export function ShareButton({ appUrl }: ShareButtonProps) {
  const store = useSimulatorStoreApi();
  const [link, setLink] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const share = async () => {
    store.getState().actions.pause();
    const token = await encodeSharedView(captureSharedView(store));
    const url = shareUrl(appUrl ?? pageWithoutQuery(), token);
    setLink(url);
    setCopied(false);
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard permission (an iframe, an insecure origin): the field below is selectable.
    }
  };

  return (
    <>
      <button
        type="button"
        className="ksl-btn"
        onClick={() => void share()}
        data-testid="share"
        title="Copy a link to this exact view"
      >
        Share
      </button>
      {link && (
        <div
          className="ksl-share"
          role="dialog"
          aria-label="Share link"
          data-testid="share-panel"
          onKeyDown={(e) => {
            if (e.key === "Escape") setLink(null);
          }}
        >
          <label className="ksl-share__label">
            <span>
              Link to this step ({link.length.toLocaleString("en-US")} characters){copied ? " — copied" : ""}
            </span>
            <input
              className="ksl-share__url"
              readOnly
              value={link}
              onFocus={(e) => e.currentTarget.select()}
              data-testid="share-url"
            />
          </label>
          <button type="button" className="ksl-linkbtn" onClick={() => setLink(null)}>
            Close
          </button>
        </div>
      )}
    </>
  );
}
