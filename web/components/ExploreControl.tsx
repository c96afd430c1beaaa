// Explore's part of the start page: one explore session per workbench, the
// header button (with the search's progress while the panel is closed) and the
// `e` key's action. The panel itself (ExplorePanel.tsx) is a chunk loaded when
// it first opens, so a page that never explores does not download it.
import { useCallback, useEffect, useMemo, useState } from "react";
import { useStore } from "zustand";
import { createWorkerChannel, type ExplorerChannelFactory } from "../explore/explorer-channel";
import { createExploreSession, type ExploreSession } from "../explore/explore-session";
import { useSimulatorStoreApi } from "../store/SimulatorProvider";

/** The workbench's handle on its explore session and panel. */
export interface ExploreControl {
  readonly session: ExploreSession;
  readonly open: boolean;
  /** Opens the panel and starts a search of the current text, unless one is running (`e`, the header button). */
  readonly openAndStart: () => void;
  /** Closes the panel; a running search is cancelled. */
  readonly close: () => void;
}

/** One explore session for the nearest simulator; its worker is stopped when the workbench unmounts. */
export function useExplore(createChannel: ExplorerChannelFactory = createWorkerChannel): ExploreControl {
  const simulator = useSimulatorStoreApi();
  const [session] = useState(() => createExploreSession({ createChannel }));
  const [open, setOpen] = useState(false);
  useEffect(() => () => session.getState().actions.dispose(), [session]);
  const openAndStart = useCallback(() => {
    setOpen(true);
    const { source, fileName } = simulator.getState();
    session.getState().actions.start(source, fileName);
  }, [session, simulator]);
  const close = useCallback(() => {
    session.getState().actions.cancel();
    setOpen(false);
  }, [session]);
  return useMemo(() => ({ session, open, openAndStart, close }), [session, open, openAndStart, close]);
}

/** The header's Explore button: shows the search's progress while the panel is closed. */
export function ExploreButton({ explore }: { readonly explore: ExploreControl }) {
  const phase = useStore(explore.session, (s) => s.phase);
  const busy = phase === "running" || phase === "cancelling";
  return (
    <button
      type="button"
      className={`ksl-btn ${busy ? "ksl-explore-btn--busy" : ""}`}
      onClick={explore.openAndStart}
      data-testid="explore-button"
      aria-expanded={explore.open}
      title="Search every schedule for a deadlock or a bug check (e)"
    >
      {busy ? "Exploring…" : "Explore"}
    </button>
  );
}
