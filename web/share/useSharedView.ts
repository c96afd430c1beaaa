// Opens the share link in the page's hash, if there is one: a store of its
// own, filled asynchronously because unpacking uses the browser's streams. A
// link that cannot be opened leaves the fallback scenario loaded and a
// sentence saying why.
import { useEffect, useState } from "react";
import type { ScenarioBackend } from "../store/backend";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { restoreSharedView } from "./restore";
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
  const [store] = useState<SimulatorStore | null>(() =>
    token === null ? null : createSimulatorStore({ backend, source: "", fileName: fallback.fileName }),
  );
  const [problem, setProblem] = useState<string | null>(null);

  useEffect(() => {
    if (!store || token === null) return;
    let cancelled = false;
    decodeSharedView(token).then(
      (view) => (cancelled ? undefined : restoreSharedView(store, view)),
      (err: unknown) => {
        if (cancelled) return;
        setProblem(shareProblemText(err, `the ${fallback.fileName.replace(/\.ksync$/, "")} scenario`));
        return store.getState().actions.openScenario(fallback.source, fallback.fileName);
      },
    );
    return () => {
      cancelled = true;
      store.getState().actions.dispose();
    };
  }, [store, token, fallback.source, fallback.fileName]);

  // A different link pasted into the address bar changes only the hash: open it like a fresh page.
  useEffect(() => {
    const onHash = () => {
      const next = shareTokenFromHash(window.location.hash);
      if (next !== null && next !== token) window.location.reload();
    };
    window.addEventListener("hashchange", onHash);
    return () => window.removeEventListener("hashchange", onHash);
  }, [token]);

  return { store, problem };
}
