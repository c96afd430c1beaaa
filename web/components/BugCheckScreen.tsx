// The blue screen: shown over the workbench when the run ends in a bug check.
// One click (or Escape) steps back to the state before the fatal step.
import { useEffect, useRef } from "react";
import { useShallow } from "zustand/react/shallow";
import { useSimulator } from "../store/SimulatorProvider";

/** 0xC4 → 0x000000C4, as the classic STOP line prints it. */
function stopCode(code: string): string {
  const n = Number.parseInt(code, 16);
  return Number.isFinite(n) ? `0x${n.toString(16).toUpperCase().padStart(8, "0")}` : code;
}

/**
 * With several simulators on a page (embedded widgets, maybe in shadow roots),
 * Escape belongs to the one holding the focus; with the focus nowhere, to the
 * first blue screen.
 */
function ownsEscape(button: HTMLElement): boolean {
  const screen = button.closest(".ksl-bsod");
  const scope = button.closest(".ksl-root") ?? screen;
  let active: Element | null = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  if (active && active !== document.body) return !!scope?.contains(active);
  const first =
    document.querySelector(".ksl-bsod") ?? (button.getRootNode() as Document | ShadowRoot).querySelector(".ksl-bsod");
  return first === screen;
}

export function BugCheckScreen() {
  const { bugcheck, source, actions } = useSimulator(
    useShallow((s) => ({ bugcheck: s.snapshot?.bugcheck ?? null, source: s.source, actions: s.actions })),
  );
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!bugcheck) return;
    buttonRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape" && buttonRef.current && ownsEscape(buttonRef.current)) {
        e.preventDefault();
        actions.stepBack();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [bugcheck, actions]);
  if (!bugcheck) return null;
  const lineText = source.split("\n")[bugcheck.line - 1]?.trim() ?? "";
  return (
    <div
      className="ksl-bsod"
      role="alertdialog"
      aria-modal="false"
      aria-labelledby="ksl-bsod-title"
      aria-describedby="ksl-bsod-explain"
      data-testid="bugcheck"
    >
      <div className="ksl-bsod__inner">
        <div className="ksl-bsod__face" aria-hidden="true">
          :(
        </div>
        <p className="ksl-bsod__lead">
          Your simulated PC ran into a problem and stopped. The kernel called KeBugCheckEx:
        </p>
        <h2 id="ksl-bsod-title" className="ksl-bsod__name" data-testid="bugcheck-name">
          {bugcheck.name}
        </h2>
        <pre className="ksl-bsod__stop" data-testid="bugcheck-stop">
          {`*** STOP: ${stopCode(bugcheck.code)} (${bugcheck.parameters.join(", ")})`}
        </pre>
        <dl className="ksl-bsod__facts">
          <div>
            <dt>Stop code</dt>
            <dd data-testid="bugcheck-code">{bugcheck.code}</dd>
          </div>
          {bugcheck.rule && (
            <div>
              <dt>DDI compliance rule</dt>
              <dd data-testid="bugcheck-rule">{bugcheck.rule}</dd>
            </div>
          )}
          {bugcheck.parameters.map((p, i) => (
            <div key={i}>
              <dt>Parameter {i + 1}</dt>
              <dd className="ksl-mono">{p}</dd>
            </div>
          ))}
          <div>
            <dt>In</dt>
            <dd>
              {bugcheck.thread}, line {bugcheck.line}, tick {bugcheck.tick}
            </dd>
          </div>
        </dl>
        {lineText && (
          <pre className="ksl-bsod__line" aria-label={`Offending line ${bugcheck.line}`}>
            <span className="ksl-bsod__lineno">{bugcheck.line}</span>
            {lineText}
          </pre>
        )}
        <p id="ksl-bsod-explain" className="ksl-bsod__explain">
          {bugcheck.explanation}
        </p>
        <button
          ref={buttonRef}
          type="button"
          className="ksl-bsod__back"
          onClick={actions.stepBack}
          data-testid="bugcheck-back"
        >
          ◀ Step back out of the bug check <kbd>Esc</kbd>
        </button>
      </div>
    </div>
  );
}
