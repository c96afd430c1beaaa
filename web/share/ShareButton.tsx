// "Share": packs the current view (scenario, scheduler, seed, schedule, step)
// into a link, copies it when the browser allows, and shows it to select.
import { useSimulatorStoreApi } from "../store/SimulatorProvider";
import { captureSharedView } from "./restore";
import { encodeSharedView, shareUrl } from "./share-link";
import { SharePanel, useCopiedLink } from "./useCopiedLink";
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
  const shown = useCopiedLink();

  const share = async () => {
    store.getState().actions.pause();
    const token = await encodeSharedView(captureSharedView(store));
    await shown.show(shareUrl(appUrl ?? pageWithoutQuery(), token));
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
      <SharePanel shown={shown} what="this step" urlTestId="share-url" panelTestId="share-panel" />
    </>
  );
}
