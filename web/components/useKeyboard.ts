// Keyboard control of one simulator. The app listens on the document; an
// embedded widget passes its own root element so two widgets do not both react.
import { useEffect } from "react";
import { useSimulatorStoreApi } from "../store/SimulatorProvider";
import { effectiveScheduler } from "../store/simulator-store";

export interface Shortcut {
  readonly keys: readonly string[];
  readonly action: string;
}

/** The table the ? overlay shows; keep in step with the handler below. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: ["→", "j"], action: "Step forward" },
  { keys: ["←", "k"], action: "Step back" },
  { keys: ["Space"], action: "Run / pause" },
  { keys: ["r"], action: "Reset to step 0" },
  { keys: ["Home"], action: "Go to the first step" },
  { keys: ["End"], action: "Go to the furthest step recorded" },
  { keys: ["1", "…", "9"], action: "Manual scheduler: run thread N's next step" },
  { keys: ["l"], action: "Open the scenario library" },
  { keys: ["e"], action: "Explore every schedule for a deadlock or bug check" },
  { keys: ["Esc"], action: "Step back out of a bug check; close a dialog" },
  { keys: ["?"], action: "Show or hide this help" },
];

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.closest(".cm-editor")) return true;
  return ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

export interface KeyboardHandlers {
  readonly onHelp: () => void;
  readonly onLibrary: () => void;
  /** Opens the explore panel and starts a search (the app; an embed has none). */
  readonly onExplore?: () => void;
  /** While a dialog is open, only Escape-type keys reach it; the simulator ignores keys. */
  readonly suspended: boolean;
}

export function useKeyboard(scope: HTMLElement | Document | null, handlers: KeyboardHandlers): void {
  const store = useSimulatorStoreApi();
  const { onHelp, onLibrary, onExplore, suspended } = handlers;
  useEffect(() => {
    if (!scope) return;
    const onKey = (event: Event) => {
      const e = event as KeyboardEvent;
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || suspended) return;
      if (isTyping(e.target)) return;
      const state = store.getState();
      const a = state.actions;
      const onButton =
        e.target instanceof HTMLElement &&
        (e.target.tagName === "BUTTON" || e.target.getAttribute("role") === "button");
      let handled = true;
      switch (e.key) {
        case "ArrowRight":
        case "j":
          a.stepForward();
          break;
        case "ArrowLeft":
        case "k":
          a.stepBack();
          break;
        case " ":
          if (onButton) return; // Space on a focused button presses that button
          a.toggleRun();
          break;
        case "r":
          a.reset();
          break;
        case "Home":
          a.goTo(0);
          break;
        case "End":
          a.goToEnd();
          break;
        case "?":
          onHelp();
          break;
        case "l":
          onLibrary();
          break;
        case "e":
          if (!onExplore) return;
          onExplore();
          break;
        default:
          if (/^[1-9]$/.test(e.key) && effectiveScheduler(state) === "manual") {
            const thread = state.snapshot?.threads[Number(e.key) - 1];
            if (thread) a.chooseThread(thread.name);
          } else handled = false;
      }
      if (handled) e.preventDefault();
    };
    scope.addEventListener("keydown", onKey);
    return () => scope.removeEventListener("keydown", onKey);
  }, [scope, store, onHelp, onLibrary, onExplore, suspended]);
}
