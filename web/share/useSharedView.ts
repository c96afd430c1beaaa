// Opens the share link in the page's hash, if there is one: a store of its
// own (with the forced-schedule backend), filled asynchronously because
// unpacking uses the browser's streams. A link that cannot be opened leaves
// the fallback scenario loaded and a sentence saying why.
import { useEffect, useState } from "react";
import type { ScenarioBackend } from "../store/backend";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { restoreSharedView, withForcedSchedule, type ScheduledBackend } from "./restore";
import { decodeSharedView, SharePayloadError, shareTokenFromHash } from "./share-link";

export interface SharedStart {
  /** The store holding the shared view; null when the page has no share link (the provider makes its own). */
  readonly store: SimulatorStore | null;
  /** Why the link could not be opened, or null. */
  readonly problem: string | null;
}

export interface ScenarioText {
  readonly source: string;
  readonly fileName: string;
}

/** Explains a failed link in one sentence for a banner. */
export function shareProblemText(err: unknown, fallbackTitle: string): string {
  const reason = err instanceof SharePayloadError ? err.message : "the link could not be read";
  return `This share link could not be opened: ${reason}. Showing ${fallbackTitle} instead.`;
}

export function useSharedView(
  backend: ScenarioBackend,
  fallback: ScenarioText,
  hash: string = window.location.hash,
): SharedStart {
  const [token] = useState(() => shareTokenFromHash(hash));
  const [holder] = useState<{ store: SimulatorStore; backend: ScheduledBackend } | null>(() => {
    if (token === null) return null;
    const scheduled = withForcedSchedule(backend);
    return {
      backend: scheduled,
      store: createSimulatorStore({ backend: scheduled, source: "", fileName: fallback.fileName }),
    };
  });
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!holder || token === null) return;
    let cancelled = false;
    const { store } = holder;
    decodeSharedView(token).then(
      (view) => (cancelled ? undefined : restoreSharedView(store, holder.backend, view)),
      (err: unknown) => {
        if (cancelled) return;
        setProblem(shareProblemText(err, `the ${fallback.fileName.replace(/\.ksync$/, "")} scenario`));
        store.setState({ source: fallback.source, fileName: fallback.fileName });
        return store.getState().actions.recompile();
      },
    );
    return () => {
      cancelled = true;
      store.getState().actions.dispose();
    };
  }, [holder, token, fallback.source, fallback.fileName]);

  // A different link pasted into the address bar changes only the hash: open it like a fresh page.
  useEffect(() => {
    const onHash = () => {
      const next = shareTokenFromHash(window.location.hash);
      if (next !== null && next !== token) window.location.reload();
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [token]);

  return { store: holder?.store ?? null, problem };
}
