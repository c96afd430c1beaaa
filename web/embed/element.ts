// <kernel-sync-lab>: the simulator as a custom element for documentation
// pages. Each element owns a controller (store + engine instance) and renders
// into an open shadow root whose styles are constructable stylesheets, so
// nothing leaks in or out of the page and a strict CSP has nothing to block.
//
//   <kernel-sync-lab scenario="abba-deadlock" step="12" view="compact"></kernel-sync-lab>
//   <kernel-sync-lab><script type="text/x-ksync">thread T1 { ... }</script></kernel-sync-lab>
//   <kernel-sync-lab mode="compare" left="abba-deadlock" right="abba-deadlock seed=3"></kernel-sync-lab>
// mode="compare" hands the element to a CompareWidget (web/compare): two simulators side by side.
import { createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import appCss from "../styles.css?inline";
import compareCss from "../compare/compare.css?inline";
import goalCss from "../challenges/goal.css?inline";
import { CompareWidget, type CompareState } from "../compare/compare-widget";
import { realBackend } from "../store/real-backend";
import { EmbedController, type LoadRequest, type WidgetEvent, type WidgetState } from "./controller";
import { EmbedApp } from "./EmbedApp";
import embedCss from "./embed.css?inline";
import { parseEmbedOptions, type EmbedOptions } from "./options";
import { themedSheet } from "./theme";

export const ELEMENT_NAME = "kernel-sync-lab";

/** Attributes that reload the scenario when they change. */
const SOURCE_ATTRIBUTES = ["scenario", "share", "challenge", "left", "right", "preset"];
/** Attributes that only change how the widget looks. */
const LOOK_ATTRIBUTES = ["view", "theme", "controls", "app-url"];

let defaultAppUrl: string | null = null;

/** Where "Open in Kernel Sync Lab" points unless an element says otherwise (set by the widget script from its own URL). */
export function setDefaultAppUrl(url: string | null): void {
  defaultAppUrl = url;
}

export class KernelSyncLabElement extends HTMLElement {
  static readonly observedAttributes = [...SOURCE_ATTRIBUTES, ...LOOK_ATTRIBUTES, "step", "mode"];

  private controller: EmbedController | null = null;
  private compare: CompareWidget | null = null;
  private reactRoot: Root | null = null;
  private options: EmbedOptions | null = null;
  private problems: readonly string[] = [];

  constructor() {
    super();
    this.attachShadow({ mode: "open" });
  }

  connectedCallback(): void {
    if (this.controller || this.compare) return; // moved within the page: keep the running simulator
    if (this.getAttribute("mode") === "compare") {
      this.connectCompare();
      return;
    }
    const controller = new EmbedController(realBackend);
    this.controller = controller;
    controller.on((event) => this.forward(event));
    this.readOptions();
    const mount = document.createElement("div");
    this.shadowRoot!.append(mount);
    this.reactRoot = createRoot(mount);
    this.render();
    const start = () =>
      void this.loadFromAttributes().then(() => {
        if (this.options?.autoplay && this.controller === controller) controller.play();
      });
    // Upgraded while the parser is still inside the element (the script came first): its inline text is not parsed yet.
    const inline = !this.options?.scenario && !this.options?.share && !this.options?.challenge;
    if (inline && document.readyState === "loading")
      document.addEventListener("DOMContentLoaded", start, { once: true });
    else start();
  }

  disconnectedCallback(): void {
    // A move (remove + insert in one task) reconnects before this runs; only a real removal tears down.
    queueMicrotask(() => {
      if (this.isConnected) return;
      this.teardown();
    });
  }

  private teardown(): void {
    this.compare?.dispose();
    this.compare = null;
    if (this.controller) {
      this.reactRoot?.unmount();
      this.reactRoot = null;
      this.controller.dispose();
      this.controller = null;
    }
    this.shadowRoot!.replaceChildren();
  }

  private connectCompare(): void {
    this.readOptions();
    const mount = document.createElement("div");
    this.shadowRoot!.append(mount);
    const compare = new CompareWidget(mount, realBackend, (name, detail) => this.forwardCompare(name, detail));
    this.compare = compare;
    this.render();
    void this.loadCompare().then(() => {
      if (this.options?.autoplay && this.compare === compare) compare.play();
    });
  }

  private loadCompare(): Promise<CompareState | void> {
    const o = this.options!;
    this.toggleAttribute("data-ready", false);
    const loaded = this.compare!.load({ left: o.left, right: o.right, preset: o.preset, share: o.share, step: o.step });
    this.render(); // problems with left= / right= are known now
    return loaded.then(() => this.render()).catch(() => undefined);
  }

  private forwardCompare(name: "ready" | "step", detail: CompareState): void {
    if (name === "ready") this.setAttribute("data-ready", "");
    this.dispatchEvent(new CustomEvent(name, { detail: { state: detail }, bubbles: true, composed: true }));
  }

  attributeChangedCallback(name: string, previous: string | null, value: string | null): void {
    if ((!this.controller && !this.compare) || previous === value) return;
    if (name === "mode") {
      // Another kind of widget: start over in the new mode.
      this.teardown();
      this.connectedCallback();
      return;
    }
    this.readOptions();
    if (this.compare) {
      if (SOURCE_ATTRIBUTES.includes(name)) void this.loadCompare();
      else if (name === "step" && this.options?.step !== null && this.options?.step !== undefined)
        this.compare.goto(this.options.step);
      else this.render();
      return;
    }
    if (SOURCE_ATTRIBUTES.includes(name)) void this.loadFromAttributes().catch(() => undefined);
    else if (name === "step" && this.options?.step !== null && this.options?.step !== undefined)
      this.live().goto(this.options.step);
    else this.render();
  }

  // ---- Host API ----

  /** Loads a built-in scenario by name, scenario text, or `{ scenario | source | share, step?, scheduler?, seed? }`. */
  load(what: string | LoadRequest): Promise<WidgetState> {
    if (this.compare)
      return Promise.reject(new Error("load() opens one scenario; in compare mode set left= and right="));
    const request: LoadRequest =
      typeof what === "string" ? (/^[a-z0-9-]{1,100}$/.test(what) ? { scenario: what } : { source: what }) : what;
    return this.live().load(request);
  }

  /** Runs `count` steps (default 1). */
  step(count = 1): WidgetState {
    return this.compare ? this.compare.step(count) : this.live().step(count);
  }

  /** Shows the state after `step` steps (backward or forward). */
  goto(step: number): WidgetState {
    return this.compare ? this.compare.goto(step) : this.live().goto(step);
  }

  play(): WidgetState {
    return this.compare ? this.compare.play() : this.live().play();
  }

  pause(): WidgetState {
    return this.compare ? this.compare.pause() : this.live().pause();
  }

  /** Where the widget is: step, tick, outcome, status, scheduler, title (compare mode: the left side's, plus `left` and `right`). */
  get state(): WidgetState | null {
    return this.compare?.state() ?? this.controller?.state() ?? null;
  }

  // ---- internals ----

  private live(): EmbedController {
    if (!this.controller) throw new Error("<kernel-sync-lab> is not in the document");
    return this.controller;
  }

  private readOptions(): void {
    const parsed = parseEmbedOptions((name) => this.getAttribute(name));
    this.options = parsed.options;
    this.problems = parsed.problems;
    this.shadowRoot!.adoptedStyleSheets = [
      themedSheet(appCss, parsed.options.theme, "app"),
      themedSheet(embedCss, parsed.options.theme, "embed"),
      ...(parsed.options.mode === "compare" ? [themedSheet(compareCss, parsed.options.theme, "compare")] : []),
      ...(parsed.options.challenge ? [themedSheet(goalCss, parsed.options.theme, "goal")] : []),
    ];
  }

  private appUrl(): string | null {
    const given = this.getAttribute("app-url");
    if (given === "none") return null;
    if (given) {
      try {
        return new URL(given, document.baseURI).href;
      } catch {
        return null;
      }
    }
    return defaultAppUrl;
  }

  private render(): void {
    if (this.compare && this.options) {
      const { view, controls } = this.options;
      this.compare.render({ view, controls, optionProblems: this.problems, appUrl: this.appUrl() });
      return;
    }
    if (!this.reactRoot || !this.controller || !this.options) return;
    this.reactRoot.render(
      createElement(EmbedApp, {
        controller: this.controller,
        options: this.options,
        optionProblems: this.problems,
        appUrl: this.appUrl(),
      }),
    );
  }

  /** The scenario named by the attributes, else the element's text (a `<script type="text/x-ksync">` child keeps `<` and `&` literal). */
  private loadFromAttributes(): Promise<WidgetState | void> {
    const controller = this.live();
    const options = this.options!;
    const step = options.step ?? undefined;
    let request: LoadRequest;
    if (options.share) request = { share: options.share, ...(step !== undefined ? { step } : {}) };
    else if (options.scenario) request = { scenario: options.scenario, ...(step !== undefined ? { step } : {}) };
    else if (options.challenge) request = { challenge: options.challenge, ...(step !== undefined ? { step } : {}) };
    else {
      const script = this.querySelector('script[type="text/x-ksync"], script[type="text/plain"]');
      const text = dedent((script ?? this).textContent ?? "");
      request = { source: text, fileName: "inline.ksync", ...(step !== undefined ? { step } : {}) };
    }
    this.toggleAttribute("data-ready", false);
    return controller.load(request).catch(() => undefined);
  }

  private forward(event: WidgetEvent): void {
    if (event.type === "ready") {
      this.setAttribute("data-ready", "");
      // First interactive paint, for the benchmark: the frame after the engine's first state is rendered.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => this.setAttribute("data-ready-at", String(Math.round(performance.now())))),
      );
    }
    const { type, ...detail } = event;
    const name = type === "error" ? "load-error" : type;
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

/** Inline scenario text is usually indented with the page's HTML: remove the common indentation. */
function dedent(text: string): string {
  const lines = text
    .replace(/^\s*\n/, "")
    .replace(/\s+$/, "")
    .split("\n");
  const indents = lines.filter((l) => l.trim() !== "").map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join("\n") + "\n";
}

/** Registers the element once per page (a second copy of the script is harmless). */
export function defineKernelSyncLab(): void {
  if (!customElements.get(ELEMENT_NAME)) customElements.define(ELEMENT_NAME, KernelSyncLabElement);
}

declare global {
  interface HTMLElementTagNameMap {
    "kernel-sync-lab": KernelSyncLabElement;
  }
}
