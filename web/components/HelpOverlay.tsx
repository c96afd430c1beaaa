// The ? overlay: every keyboard shortcut, plus how to read the panels.
import { useEffect, useId, useRef } from "react";
import { SHORTCUTS } from "./useKeyboard";

export function HelpOverlay({ onClose }: { readonly onClose: () => void }) {
  const id = useId();
  const closeRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" || e.key === "?") {
        e.preventDefault();
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);
  return (
    <div className="ksl-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="ksl-dialog ksl-help"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-h`}
        data-testid="help"
      >
        <header className="ksl-dialog__head">
          <h2 id={`${id}-h`}>Keyboard shortcuts</h2>
          <button
            ref={closeRef}
            type="button"
            className="ksl-btn ksl-btn--small"
            onClick={onClose}
            aria-label="Close help"
          >
            ✕
          </button>
        </header>
        <table className="ksl-table ksl-help__table">
          <tbody>
            {SHORTCUTS.map((s) => (
              <tr key={s.action}>
                <td>
                  {s.keys.map((k, i) => (
                    <span key={i}>
                      {k === "…" ? " … " : <kbd className="ksl-kbd">{k}</kbd>}
                      {i < s.keys.length - 1 && k !== "…" && s.keys[i + 1] !== "…" ? " " : ""}
                    </span>
                  ))}
                </td>
                <td>{s.action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="ksl-small ksl-muted">
          Shortcuts work whenever the focus is not in the editor or a form field (<kbd className="ksl-kbd">Tab</kbd>{" "}
          leaves the editor). On the timeline, scroll to zoom, drag to pan and click to jump to a step. In the editor,
          errors are underlined as you type; hover one to read it.
        </p>
      </div>
    </div>
  );
}
