// The app's side-by-side page (?mode=compare), a chunk of its own: two
// simulators with their own editors and settings, a preset picker, and a
// share link that carries both sides. Opens, in order of precedence: a share
// link in the hash (#ksl=…; a single-view link fills both sides), the
// scenarios named by ?left= and ?right=, ?preset=, else the first preset.
import { createContext, useContext, useEffect, useState, useSyncExternalStore } from "react";
import type { LibraryScenario } from "../../scenarios";
import { Editor } from "../editor/Editor";
import {
  decodeSharedLink,
  encodeSharedComparison,
  SharePayloadError,
  shareTokenFromHash,
  shareUrl,
} from "../share/share-link";
import { realBackend } from "../store/real-backend";
import { CompareSession } from "./compare-session";
import { CompareView } from "./CompareView";
import { COMPARE_PRESETS, DEFAULT_PRESET, findPreset } from "./presets";
import { parseSideSpec } from "./side-spec";
import type { Side } from "./snapshot-diff";
import { SharePanel, useCopiedLink } from "../share/useCopiedLink";
import "../share/share.css";
import "./compare.css";

async function openFromAddress(session: CompareSession): Promise<void> {
  const token = shareTokenFromHash(window.location.hash);
  if (token !== null) {
    try {
      const link = await decodeSharedLink(token);
      await session.open(link.comparison ?? { left: link.view, right: link.view, sameScenario: true, together: true });
      return;
    } catch (err) {
      const reason = err instanceof SharePayloadError ? err.message : "the link could not be read";
      await session.loadPreset(findPreset(DEFAULT_PRESET)!);
      session.setProblem(`This share link could not be opened: ${reason}. Showing a ready-made comparison instead.`);
      return;
    }
  }
  const params = new URLSearchParams(window.location.search);
  const left = params.get("left");
  const right = params.get("right");
  if (left || right) {
    // The same syntax as the widget's attributes: ?left=priority-inversion+windows=2003&right=…
    const l = parseSideSpec("left", left ?? right ?? "");
    const r = parseSideSpec("right", right ?? left ?? "");
    await session.openSpecs(l.spec, r.spec);
    const problems = [...l.problems, ...r.problems];
    if (problems.length > 0 && !session.flags.getState().problem) session.setProblem(`${problems.join("; ")}.`);
    return;
  }
  const wanted = params.get("preset");
  const preset = (wanted && findPreset(wanted)) || findPreset(DEFAULT_PRESET)!;
  await session.loadPreset(preset);
  if (wanted && preset.id !== wanted) session.setProblem(`There is no comparison called "${wanted.slice(0, 60)}".`);
}

function ShareComparison({ session }: { readonly session: CompareSession }) {
  const shown = useCopiedLink();
  const share = async () => {
    const url = new URL(window.location.href);
    url.search = "?mode=compare";
    await shown.show(shareUrl(url.href, await encodeSharedComparison(session.capture())));
  };
  return (
    <>
      <button type="button" className="ksl-btn" onClick={() => void share()} data-testid="compare-share">
        Share
      </button>
      <SharePanel shown={shown} what="both sides at these steps" urlTestId="compare-share-url" />
    </>
  );
}

function PresetPicker({ session }: { readonly session: CompareSession }) {
  const preset = useSyncExternalStore(
    (listener) => session.flags.subscribe(listener),
    () => session.flags.getState().preset,
  );
  return (
    <label className="ksl-field" htmlFor="ksl-cmp-preset">
      <span>Compare</span>
      <select
        id="ksl-cmp-preset"
        value={preset ?? ""}
        onChange={(e) => {
          const chosen = findPreset(e.target.value);
          if (chosen) void session.loadPreset(chosen);
        }}
        data-testid="compare-preset"
      >
        {preset === null && <option value="">your own comparison</option>}
        {COMPARE_PRESETS.map((p) => (
          <option key={p.id} value={p.id}>
            {p.title}
          </option>
        ))}
      </select>
    </label>
  );
}

function PresetAbout({ session }: { readonly session: CompareSession }) {
  const preset = useSyncExternalStore(
    (listener) => session.flags.subscribe(listener),
    () => session.flags.getState().preset,
  );
  const about = preset ? findPreset(preset)?.description : null;
  if (!about) return null;
  return (
    <div className="ksl-about ksl-about--open">
      <p className="ksl-about__text" data-testid="compare-about">
        {about}
      </p>
    </div>
  );
}

const SessionContext = createContext<CompareSession | null>(null);

/** Each side's editor; with "same scenario" on, the right side is edited through the left one. */
function AppCodePane({ side }: { readonly side: Side }) {
  const session = useContext(SessionContext);
  const sameScenario = useSyncExternalStore(
    (listener) => session?.flags.subscribe(listener) ?? (() => undefined),
    () => session?.flags.getState().sameScenario ?? false,
  );
  if (side === "right" && sameScenario)
    return (
      <p className="ksl-cmp-same-note ksl-muted" data-testid="right-same-note">
        Same scenario text as the left side: edit it there.
      </p>
    );
  return (
    <div className="ksl-cmp-code">
      <Editor />
    </div>
  );
}

export function ComparePage() {
  const [session, setSession] = useState<CompareSession | null>(null);
  useEffect(() => {
    let disposed = false;
    let created: CompareSession | null = null;
    // The library (for presets and ?left= / ?right= that name a built-in scenario) is its own chunk.
    void import("../../scenarios").then(
      ({ scenarios }: { scenarios: readonly LibraryScenario[] }) => {
        if (disposed) return;
        created = new CompareSession(realBackend, (name) => scenarios.find((s) => s.name === name)?.source);
        setSession(created);
        void openFromAddress(created);
      },
      (err: unknown) => {
        if (disposed) return;
        created = new CompareSession(realBackend, () => undefined);
        created.setProblem(
          `The scenario library could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
        );
        setSession(created);
      },
    );
    return () => {
      disposed = true;
      created?.dispose();
    };
  }, []);

  if (!session)
    return (
      <div className="ksl-root">
        <p className="ksl-banner" role="status">
          Loading Kernel Sync Lab…
        </p>
      </div>
    );

  const workbench = new URL(window.location.href);
  workbench.search = "";
  workbench.hash = "";
  return (
    <div className="ksl-root ksl-cmp-page" data-testid="compare-page">
      <header className="ksl-header">
        <div className="ksl-brand" aria-label="Kernel Sync Lab">
          <span className="ksl-brand__mark" aria-hidden="true">
            ⟲
          </span>
          <span className="ksl-brand__name">Kernel Sync Lab</span>
        </div>
        <div className="ksl-header__scenario">
          <h1 className="ksl-title">Side by side</h1>
        </div>
        <nav className="ksl-header__actions" aria-label="Comparison">
          <PresetPicker session={session} />
          <ShareComparison session={session} />
          <a className="ksl-btn" href={workbench.href}>
            Workbench
          </a>
        </nav>
      </header>
      <PresetAbout session={session} />
      <SessionContext.Provider value={session}>
        <CompareView session={session} CodePane={AppCodePane} />
      </SessionContext.Provider>
    </div>
  );
}
