// The widget's scenario pane: a read-only listing (the compiler's own token
// classes for colour, each thread's current line marked in its colour). A
// scenario that does not compile, or a link that could not be opened, turns
// it into a plain text editor with the errors listed, so the reader can fix
// it in place. Deliberately not CodeMirror: it would double the widget's size.
import { Fragment, useEffect, useMemo, useRef, type ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import { scanToken, type HighlightState } from "../../core-wasm/lang";
import { threadColor } from "../lib/colors";
import { selectCurrentLines } from "../store/selectors";
import { useSimulator } from "../store/SimulatorProvider";

function highlightLines(source: string): ReactNode[][] {
  const state: HighlightState = { inBlockComment: false };
  return source.split("\n").map((line) => {
    const parts: ReactNode[] = [];
    let pos = 0;
    let plainFrom = 0;
    while (pos < line.length) {
      const { end, cls } = scanToken(line, pos, state);
      const to = Math.max(end, pos + 1);
      if (cls !== null && cls !== "identifier" && cls !== "punctuation" && cls !== "operator") {
        if (plainFrom < pos) parts.push(line.slice(plainFrom, pos));
        parts.push(
          <span key={pos} className={`ksl-syn ksl-syn--${cls}`}>
            {line.slice(pos, to)}
          </span>,
        );
        plainFrom = to;
      }
      pos = to;
    }
    if (plainFrom < line.length) parts.push(line.slice(plainFrom));
    return parts;
  });
}

function SourceEditor() {
  const { source, diagnostics, actions } = useSimulator(
    useShallow((s) => ({ source: s.source, diagnostics: s.diagnostics, actions: s.actions })),
  );
  return (
    <div className="ksl-code ksl-code--editing" data-testid="embed-editor">
      {diagnostics.length > 0 && (
        <ul className="ksl-diagnostics" data-testid="diagnostics" aria-label="Errors in the scenario">
          {diagnostics.slice(0, 6).map((d, i) => (
            <li key={i}>
              <strong>
                {d.line}:{d.column}
              </strong>{" "}
              {d.message}
              {d.hint && <span className="ksl-muted"> — {d.hint}</span>}
            </li>
          ))}
          {diagnostics.length > 6 && <li className="ksl-muted">and {diagnostics.length - 6} more</li>}
        </ul>
      )}
      <textarea
        className="ksl-code__textarea"
        aria-label="Scenario source (.ksync)"
        spellCheck={false}
        value={source}
        placeholder="Write a scenario here, e.g. KGUARDED_MUTEX A; thread T1 { KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); }"
        onChange={(e) => actions.setSource(e.target.value)}
      />
    </div>
  );
}

export function CodeView({ editable }: { readonly editable: boolean }) {
  const { source, snapshot, status } = useSimulator(
    useShallow((s) => ({ source: s.source, snapshot: s.snapshot, status: s.status })),
  );
  const lines = useMemo(() => highlightLines(source), [source]);
  const marks = useMemo(() => new Map(selectCurrentLines(snapshot).map((m) => [m.line, m.threads])), [snapshot]);
  const boxRef = useRef<HTMLDivElement>(null);

  // Keep the running thread's line in view by scrolling this box only: scrollIntoView would scroll the host page too.
  useEffect(() => {
    const box = boxRef.current;
    const running = snapshot?.threads.find((t) => t.state === "Running")?.line ?? 0;
    const row = running > 0 ? box?.querySelector<HTMLElement>(`[data-line="${running}"]`) : null;
    if (!box || !row) return;
    const top = row.offsetTop - box.offsetTop;
    if (top < box.scrollTop || top + row.offsetHeight > box.scrollTop + box.clientHeight)
      box.scrollTop = Math.max(0, top - box.clientHeight / 3);
  }, [snapshot]);

  if (editable || status === "invalid") return <SourceEditor />;
  return (
    <div
      className="ksl-code"
      ref={boxRef}
      data-testid="code-view"
      role="region"
      aria-label="Scenario source"
      tabIndex={0}
    >
      <ol className="ksl-code__lines">
        {lines.map((parts, i) => {
          const threads = marks.get(i + 1);
          return (
            <li key={i} className={`ksl-code__line${threads ? " ksl-code__line--current" : ""}`} data-line={i + 1}>
              <span className="ksl-code__no" aria-hidden="true">
                {i + 1}
              </span>
              <code className="ksl-code__text">
                {parts.length > 0 ? parts.map((p, j) => <Fragment key={j}>{p}</Fragment>) : " "}
              </code>
              {threads && (
                <span className="ksl-code__marks">
                  {threads.map((t) => (
                    <span
                      key={t.name}
                      className="ksl-chip ksl-code__mark"
                      data-thread-mark={t.name}
                      style={{ ["--ksl-thread" as string]: threadColor(t.index) }}
                    >
                      {t.name}
                    </span>
                  ))}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </div>
  );
}
