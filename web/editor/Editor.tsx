// The scenario editor (CodeMirror 6): .ksync highlighting, the compiler's
// diagnostics as squiggles, each thread's current line in its colour. Edits go
// to the store, which recompiles after a short pause; the text is never lost.
// standardKeymap (not defaultKeymap): the editing basics without pulling every command into the bundle.
import { history, historyKeymap, standardKeymap } from "@codemirror/commands";
import { bracketMatching, indentOnInput } from "@codemirror/language";
import { lintGutter, setDiagnostics, type Diagnostic as CmDiagnostic } from "@codemirror/lint";
import { EditorState, type StateEffect } from "@codemirror/state";
import { drawSelection, EditorView, highlightActiveLineGutter, keymap, lineNumbers } from "@codemirror/view";
import { useEffect, useId, useRef } from "react";
import type { Diagnostic } from "../../core-wasm/lang/diagnostics";
import type { Snapshot } from "../../core-wasm/engine/types";
import { threadColor, threadTextColor } from "../lib/colors";
import { selectCurrentLines, selectDpcActivity, type DpcActivity } from "../store/selectors";
import { useSimulator, useSimulatorStoreApi } from "../store/SimulatorProvider";
import type { SimulatorState } from "../store/simulator-store";
import { ksyncHighlight, ksyncLanguage } from "./ksync-language";
import { collapseDescription } from "./description-fold";
import { setThreadLines, threadLines, type ThreadLineMark } from "./thread-lines";

function toCmDiagnostics(state: EditorState, diagnostics: readonly Diagnostic[]): CmDiagnostic[] {
  const doc = state.doc;
  const offset = (line: number, column: number) => {
    if (line < 1) return 0;
    if (line > doc.lines) return doc.length;
    const l = doc.line(line);
    return Math.min(l.to, l.from + Math.max(0, column - 1));
  };
  return diagnostics.map((d) => {
    const from = offset(d.line, d.column);
    let to = offset(d.endLine, d.endColumn);
    if (to <= from) to = Math.min(doc.length, from + 1);
    return {
      from,
      to,
      severity: "error",
      message: d.hint ? `${d.message} (${d.hint})` : d.message,
      source: `line ${d.line}:${d.column}`,
    };
  });
}

/** DPC bodies have no thread colour: one neutral brown (white text passes contrast on it). */
const DPC_MARK = { color: "#8a5a1f", text: "#ffffff" };

function marksOf(snapshot: Snapshot | null, dpcs: readonly DpcActivity[]): ThreadLineMark[] {
  const marks = new Map<number, ThreadLineMark["threads"][number][]>();
  for (const { line, threads } of selectCurrentLines(snapshot)) {
    marks.set(
      line,
      threads.map((t) => ({
        name: t.name,
        color: threadColor(t.index),
        text: threadTextColor(t.index),
        state: t.spinning ? "Spinning" : t.state,
      })),
    );
  }
  for (const d of dpcs) {
    if (d.line <= 0) continue;
    const list = marks.get(d.line) ?? [];
    list.push({
      name: `DPC ${d.dpc}`,
      ...DPC_MARK,
      state: d.spinningOn ? `spinning on ${d.spinningOn}, CPU ${d.cpu}` : `running on CPU ${d.cpu}`,
    });
    marks.set(d.line, list);
  }
  return [...marks.entries()].map(([line, threads]) => ({ line, threads }));
}

const editorTheme = EditorView.theme({
  "&": { height: "100%", fontSize: "13px", backgroundColor: "var(--ksl-surface)", color: "var(--ksl-fg)" },
  ".cm-scroller": { fontFamily: "var(--ksl-mono)", lineHeight: "1.55" },
  ".cm-content": { caretColor: "var(--ksl-fg)" },
  ".cm-gutters": {
    backgroundColor: "var(--ksl-surface-2)",
    color: "var(--ksl-muted)",
    borderRight: "1px solid var(--ksl-border)",
  },
  "&.cm-focused": { outline: "2px solid var(--ksl-focus)", outlineOffset: "-2px" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": {
    backgroundColor: "var(--ksl-selection) !important",
  },
  ".cm-tooltip": {
    backgroundColor: "var(--ksl-surface)",
    color: "var(--ksl-fg)",
    border: "1px solid var(--ksl-border)",
  },
});

export function Editor() {
  const store = useSimulatorStoreApi();
  // Two editors on one page (the side-by-side mode) need their own heading ids.
  const headingId = useId();
  const hostRef = useRef<HTMLDivElement>(null);
  const viewRef = useRef<EditorView | null>(null);
  const source = useSimulator((s) => s.source);
  const diagnostics = useSimulator((s) => s.diagnostics);
  const status = useSimulator((s) => s.status);

  useEffect(() => {
    const host = hostRef.current;
    if (!host) return;
    const view = new EditorView({
      parent: host,
      state: EditorState.create({
        doc: store.getState().source,
        extensions: [
          lineNumbers(),
          highlightActiveLineGutter(),
          history(),
          drawSelection(),
          indentOnInput(),
          bracketMatching(),
          keymap.of([...standardKeymap, ...historyKeymap]),
          ksyncLanguage,
          ksyncHighlight,
          lintGutter(),
          threadLines(),
          collapseDescription(),
          editorTheme,
          EditorView.lineWrapping,
          // tabindex: axe wants the scroll region reachable by keyboard; the content is that focus stop.
          EditorView.contentAttributes.of({ "aria-label": "Scenario source (.ksync)", tabindex: "0" }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) store.getState().actions.setSource(update.state.doc.toString());
          }),
        ],
      }),
    });
    viewRef.current = view;
    return () => {
      view.destroy();
      viewRef.current = null;
    };
  }, [store]);

  // A scenario opened from the library replaces the text.
  useEffect(() => {
    const view = viewRef.current;
    if (view && view.state.doc.toString() !== source) {
      view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: source } });
    }
  }, [source]);

  useEffect(() => {
    const view = viewRef.current;
    if (view) view.dispatch(setDiagnostics(view.state, toCmDiagnostics(view.state, diagnostics)));
  }, [diagnostics]);

  // Thread lines follow the store directly (like the timeline's canvas), not a React effect: the
  // editor no longer re-renders with every step, and from an effect its update forced a layout of
  // the whole page inside the click (several ms on a slow machine).
  useEffect(() => {
    let shown: string | null = null;
    const showLines = ({ snapshot, status }: SimulatorState) => {
      const view = viewRef.current;
      if (!view) return;
      const marks = status === "ready" ? marksOf(snapshot, selectDpcActivity(snapshot)) : [];
      // A step that leaves every thread on its line in the same state (Work(n), a spin) changes nothing here.
      const key = marks
        .map((m) => `${m.line}:${m.threads.map((t) => `${t.name}/${t.state}/${t.color}`).join(",")}`)
        .join(";");
      if (key === shown) return;
      shown = key;
      // Keep the running thread's line in view while stepping (only scrolls when it is off screen).
      const focus = marks.find((m) => m.threads.some((t) => t.state === "Running")) ?? marks[0];
      const effects: StateEffect<unknown>[] = [setThreadLines.of(marks)];
      if (focus && focus.line <= view.state.doc.lines && view.hasFocus === false) {
        effects.push(EditorView.scrollIntoView(view.state.doc.line(focus.line).from, { y: "nearest", yMargin: 48 }));
      }
      view.dispatch({ effects });
    };
    // Once per frame, in the frame: CodeMirror reads the DOM selection on every update, which makes
    // Chromium bring style and layout up to date; inside the animation frame that is the frame's own
    // layout, not an extra one in the click handler (and a fast run updates the lines once per frame).
    let frame: number | undefined;
    showLines(store.getState());
    const unsubscribe = store.subscribe((state, prev) => {
      if (frame !== undefined) return;
      if (state.snapshot !== prev.snapshot || state.status !== prev.status) {
        frame = requestAnimationFrame(() => {
          frame = undefined;
          showLines(store.getState());
        });
      }
    });
    return () => {
      unsubscribe();
      if (frame !== undefined) cancelAnimationFrame(frame);
    };
  }, [store]);

  return (
    <section className="ksl-panel ksl-editor" aria-labelledby={headingId} data-testid="editor">
      <header className="ksl-panel__head">
        <h2 id={headingId}>Scenario</h2>
        {diagnostics.length > 0 ? (
          <span className="ksl-alarm" data-testid="error-count">
            {diagnostics.length} error{diagnostics.length === 1 ? "" : "s"}
          </span>
        ) : (
          status === "ready" && <span className="ksl-ok">compiled</span>
        )}
      </header>
      <div className="ksl-editor__host" ref={hostRef} />
      {diagnostics.length > 0 && (
        <ul className="ksl-diagnostics" data-testid="diagnostics" aria-label="Errors in the scenario">
          {diagnostics.slice(0, 6).map((d, i) => (
            <li key={i}>
              <button
                type="button"
                className="ksl-linkbtn"
                onClick={() => {
                  const view = viewRef.current;
                  if (!view) return;
                  const [cm] = toCmDiagnostics(view.state, [d]);
                  if (cm) view.dispatch({ selection: { anchor: cm.from }, scrollIntoView: true });
                  view.focus();
                }}
              >
                {d.line}:{d.column}
              </button>{" "}
              {d.message}
              {d.hint && <span className="ksl-muted"> — {d.hint}</span>}
            </li>
          ))}
          {diagnostics.length > 6 && <li className="ksl-muted">and {diagnostics.length - 6} more</li>}
        </ul>
      )}
    </section>
  );
}
