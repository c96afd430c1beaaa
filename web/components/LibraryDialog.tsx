// The scenario library: built-in scenarios with titles and descriptions, and
// the user's own ones (saved in localStorage) to open, save and delete.
import { useEffect, useId, useRef, useState } from "react";
import { useShallow } from "zustand/react/shallow";
import { loadSavedScenarios, newScenarioId, storeSavedScenarios, type SavedScenario } from "../library/saved-scenarios";
import { useSimulator } from "../store/SimulatorProvider";

export interface BuiltinScenario {
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly source: string;
}

export interface LibraryDialogProps {
  readonly builtins: readonly BuiltinScenario[];
  readonly onClose: () => void;
}

/** First sentence of a description, for the list. */
function summary(description: string): string {
  const m = /^(.{20,220}?[.!?])(\s|$)/.exec(description);
  return m?.[1] ?? (description.length > 220 ? `${description.slice(0, 217)}…` : description);
}

export function LibraryDialog({ builtins, onClose }: LibraryDialogProps) {
  const id = useId();
  const { source, title, actions } = useSimulator(
    useShallow((s) => ({ source: s.source, title: s.title, actions: s.actions })),
  );
  // Read once: reading corrupted data also sets it aside, so a second read would find nothing to report.
  const [initial] = useState(loadSavedScenarios);
  const [saved, setSaved] = useState<readonly SavedScenario[]>(initial.scenarios);
  const [problem, setProblem] = useState<string | null>(initial.problem);
  const [name, setName] = useState(title || "My scenario");
  const [message, setMessage] = useState<string | null>(null);
  const [filter, setFilter] = useState("");
  const words = filter.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = builtins.filter((b) => {
    const text = `${b.name} ${b.title} ${b.description}`.toLowerCase();
    return words.every((w) => text.includes(w));
  });
  const dialogRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    dialogRef.current?.querySelector<HTMLElement>("button, input")?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        e.stopPropagation();
        onClose();
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [onClose]);

  const open = (text: string, fileName: string) => {
    void actions.openScenario(text, fileName);
    onClose();
  };

  const save = () => {
    const trimmed = name.trim();
    if (!trimmed) {
      setMessage("Give the scenario a name first.");
      return;
    }
    const existing = saved.find((s) => s.name === trimmed);
    const entry: SavedScenario = {
      id: existing?.id ?? newScenarioId(),
      name: trimmed,
      source,
      savedAt: new Date().toISOString(),
    };
    const next = existing ? saved.map((s) => (s.id === existing.id ? entry : s)) : [...saved, entry];
    const error = storeSavedScenarios(next);
    if (error) setProblem(error);
    else {
      setSaved(next);
      setMessage(existing ? `Updated “${trimmed}”.` : `Saved “${trimmed}”.`);
    }
  };

  const remove = (entry: SavedScenario) => {
    const next = saved.filter((s) => s.id !== entry.id);
    const error = storeSavedScenarios(next);
    if (error) setProblem(error);
    else setSaved(next);
  };

  return (
    <div className="ksl-overlay" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        className="ksl-dialog ksl-library"
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-h`}
        ref={dialogRef}
        data-testid="library"
      >
        <header className="ksl-dialog__head">
          <h2 id={`${id}-h`}>Scenario library</h2>
          <button type="button" className="ksl-btn ksl-btn--small" onClick={onClose} aria-label="Close the library">
            ✕
          </button>
        </header>
        <div className="ksl-library__body">
          <section aria-labelledby={`${id}-mine`} className="ksl-library__mine">
            <h3 id={`${id}-mine`}>Your scenarios</h3>
            {problem && (
              <p className="ksl-notice" role="alert" data-testid="library-problem">
                {problem}
              </p>
            )}
            <form
              className="ksl-save-form"
              onSubmit={(e) => {
                e.preventDefault();
                save();
              }}
            >
              <label htmlFor={`${id}-name`}>Save the editor’s text as</label>
              <div className="ksl-save-form__row">
                <input
                  id={`${id}-name`}
                  value={name}
                  onChange={(e) => setName(e.target.value)}
                  maxLength={80}
                  data-testid="save-name"
                />
                <button type="submit" className="ksl-btn ksl-btn--primary" data-testid="save">
                  Save
                </button>
              </div>
              {message && (
                <p className="ksl-small ksl-ok" role="status">
                  {message}
                </p>
              )}
            </form>
            {saved.length === 0 ? (
              <p className="ksl-muted ksl-small">Nothing saved yet. Scenarios you save stay in this browser.</p>
            ) : (
              <ul className="ksl-library__list" data-testid="saved-list">
                {saved.map((s) => (
                  <li key={s.id} className="ksl-library__item">
                    <div>
                      <strong>{s.name}</strong>
                      <div className="ksl-small ksl-muted">saved {new Date(s.savedAt).toLocaleString()}</div>
                    </div>
                    <div className="ksl-library__actions">
                      <button
                        type="button"
                        className="ksl-btn ksl-btn--small"
                        onClick={() => open(s.source, `${s.name}.ksync`)}
                        data-testid={`open-saved-${s.name}`}
                      >
                        Open
                      </button>
                      <button
                        type="button"
                        className="ksl-btn ksl-btn--small"
                        onClick={() => remove(s)}
                        aria-label={`Delete ${s.name}`}
                      >
                        Delete
                      </button>
                    </div>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby={`${id}-builtin`} className="ksl-library__builtin">
            <h3 id={`${id}-builtin`}>Built-in scenarios</h3>
            <label htmlFor={`${id}-filter`} className="ksl-visually-hidden">
              Filter the built-in scenarios
            </label>
            <input
              id={`${id}-filter`}
              className="ksl-library__filter"
              type="search"
              placeholder="Filter: deadlock, APC, spin lock, 0xC4…"
              value={filter}
              onChange={(e) => setFilter(e.target.value)}
              data-testid="library-filter"
            />
            {shown.length === 0 && <p className="ksl-muted ksl-small">No built-in scenario mentions “{filter}”.</p>}
            <ul className="ksl-library__list">
              {shown.map((b) => (
                <li key={b.name} className="ksl-library__item">
                  <button
                    type="button"
                    className="ksl-library__open"
                    onClick={() => open(b.source, `${b.name}.ksync`)}
                    data-testid={`open-${b.name}`}
                  >
                    <strong>{b.title}</strong>
                    <span className="ksl-small ksl-muted">{summary(b.description)}</span>
                  </button>
                </li>
              ))}
            </ul>
          </section>
        </div>
      </div>
    </div>
  );
}
