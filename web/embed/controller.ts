// One widget's simulator, independent of how it is shown: its own store and
// engine instance (the compiled wasm module is shared page-wide by the
// loader), the load/step/goto/play/pause API behind both the custom element's
// methods and the iframe's postMessage commands, and the events they report.
import { DEFAULT_MAX_STEPS } from "../../core-wasm/engine";
import type { BugCheck, Deadlock, Outcome } from "../../core-wasm/engine/types";
import type { ScenarioBackend, SchedulerMode } from "../store/backend";
import { createSimulatorStore, effectiveScheduler, type SimulatorStore } from "../store/simulator-store";
import { restoreSharedView } from "../share/restore";
import { decodeSharedView, SharePayloadError, type SharedView } from "../share/share-link";
import { builtinScenarioSource } from "./builtins";
import { findChallenge } from "../../scenarios/challenges";

/** What to load: one of a built-in scenario's name, scenario text, or a share-link payload. */
export interface LoadRequest {
  readonly scenario?: string;
  readonly source?: string;
  readonly fileName?: string;
  readonly share?: string;
  /** A built-in challenge's id: its scenario under the manual scheduler (the reader is the scheduler). */
  readonly challenge?: string;
  /** Step to show after loading (default: the share link's step, else 0). */
  readonly step?: number;
  readonly scheduler?: SchedulerMode;
  readonly seed?: number;
}

/** The position a widget reports with every event and reply. */
export interface WidgetState {
  readonly step: number;
  readonly tick: number;
  readonly outcome: Outcome | null;
  readonly status: "loading" | "ready" | "invalid" | "failed";
  readonly scheduler: SchedulerMode;
  readonly title: string;
}

export type WidgetEvent =
  | { readonly type: "ready"; readonly state: WidgetState }
  | { readonly type: "step"; readonly state: WidgetState }
  | { readonly type: "deadlock"; readonly state: WidgetState; readonly deadlock: Deadlock }
  | { readonly type: "bugcheck"; readonly state: WidgetState; readonly bugcheck: BugCheck }
  | { readonly type: "error"; readonly state: WidgetState; readonly message: string };

/** Most steps one step() or goto() request moves: no run goes past the scenario step limit anyway. */
export const MAX_STEPS_PER_CALL = DEFAULT_MAX_STEPS;

export class EmbedController {
  readonly store: SimulatorStore;
  private readonly listeners = new Set<(event: WidgetEvent) => void>();
  private problemText: string | null = null;
  private readonly problemListeners = new Set<() => void>();
  private readonly unsubscribe: () => void;
  private loads = 0;

  constructor(backend: ScenarioBackend) {
    this.store = createSimulatorStore({ backend, source: "", fileName: "scenario.ksync" });
    this.unsubscribe = this.store.subscribe((s, prev) => {
      const state = this.state();
      if (s.status === "ready" && prev.status !== "ready") this.emit({ type: "ready", state });
      else if (s.step !== prev.step && s.status === "ready") this.emit({ type: "step", state });
      const outcome = s.snapshot?.outcome;
      if (outcome !== prev.snapshot?.outcome) {
        if (outcome === "deadlock" && s.snapshot?.deadlock)
          this.emit({ type: "deadlock", state, deadlock: s.snapshot.deadlock });
        if (outcome === "bugcheck" && s.snapshot?.bugcheck)
          this.emit({ type: "bugcheck", state, bugcheck: s.snapshot.bugcheck });
      }
    });
  }

  /** A sentence shown above the widget when the last load failed (a bad link, an unknown scenario). */
  get problem(): string | null {
    return this.problemText;
  }

  subscribeProblem(listener: () => void): () => void {
    this.problemListeners.add(listener);
    return () => this.problemListeners.delete(listener);
  }

  on(listener: (event: WidgetEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  state(): WidgetState {
    const s = this.store.getState();
    return {
      step: s.step,
      tick: s.snapshot?.tick ?? 0,
      outcome: s.status === "ready" ? (s.snapshot?.outcome ?? null) : null,
      status: s.status,
      scheduler: effectiveScheduler(s),
      title: s.title,
    };
  }

  /**
   * Loads a scenario. Resolves once it is compiled and at its step; rejects
   * (and shows the reason in the widget) when the request cannot be honoured.
   */
  async load(request: LoadRequest): Promise<WidgetState> {
    const ticket = ++this.loads;
    let view: SharedView;
    try {
      view = await this.resolve(request);
    } catch (err) {
      const message =
        err instanceof SharePayloadError
          ? `This share link could not be opened: ${err.message}.`
          : err instanceof Error
            ? err.message
            : String(err);
      if (ticket === this.loads) this.setProblem(message);
      this.emit({ type: "error", state: this.state(), message });
      throw new Error(message, { cause: err });
    }
    if (ticket !== this.loads) return this.state();
    this.setProblem(null);
    await restoreSharedView(this.store, view);
    const s = this.store.getState();
    if (s.status === "invalid") {
      const first = s.diagnostics[0];
      const message = `The scenario does not compile (${s.diagnostics.length} error${s.diagnostics.length === 1 ? "" : "s"}${first ? `; line ${first.line}: ${first.message}` : ""}).`;
      this.emit({ type: "error", state: this.state(), message });
    } else if (s.status === "failed") {
      this.emit({ type: "error", state: this.state(), message: s.failure ?? "The engine could not start." });
    }
    return this.state();
  }

  private async resolve(request: LoadRequest): Promise<SharedView> {
    let view: SharedView;
    if (request.share !== undefined) view = await decodeSharedView(request.share);
    else if (request.source !== undefined) {
      view = {
        source: request.source,
        fileName: request.fileName ?? "scenario.ksync",
        scheduler: null,
        seed: null,
        schedule: [],
        step: 0,
      };
    } else if (request.scenario !== undefined) {
      const source = builtinScenarioSource(request.scenario);
      if (source === undefined)
        throw new Error(`There is no built-in scenario called "${request.scenario.slice(0, 60)}".`);
      view = {
        source,
        fileName: `${request.scenario.replace(/\.ksync$/, "")}.ksync`,
        scheduler: null,
        seed: null,
        schedule: [],
        step: 0,
      };
    } else if (request.challenge !== undefined) {
      const challenge = findChallenge(request.challenge);
      if (challenge === undefined)
        throw new Error(`There is no built-in challenge called "${request.challenge.slice(0, 60)}".`);
      view = {
        source: challenge.source,
        fileName: `${challenge.id}.ksync`,
        scheduler: "manual",
        seed: null,
        schedule: [],
        step: 0,
      };
    } else throw new Error("Nothing to load: give a scenario name, scenario text or a share link.");
    return {
      ...view,
      ...(request.scheduler !== undefined ? { scheduler: request.scheduler } : {}),
      ...(request.seed !== undefined ? { seed: request.seed } : {}),
      ...(request.step !== undefined ? { step: Math.min(request.step, MAX_STEPS_PER_CALL) } : {}),
    };
  }

  /** Runs `count` steps (stops early at the end of the run or when the manual scheduler needs a choice). */
  step(count = 1): WidgetState {
    const { actions } = this.store.getState();
    actions.pause();
    const target = this.store.getState().step + Math.max(0, Math.min(MAX_STEPS_PER_CALL, Math.floor(count)));
    if (count === 1) actions.stepForward();
    else actions.goTo(target);
    return this.state();
  }

  goto(step: number): WidgetState {
    this.store.getState().actions.goTo(Math.max(0, Math.min(MAX_STEPS_PER_CALL, Math.floor(step))));
    return this.state();
  }

  play(): WidgetState {
    if (!this.store.getState().running) this.store.getState().actions.toggleRun();
    return this.state();
  }

  pause(): WidgetState {
    this.store.getState().actions.pause();
    return this.state();
  }

  dispose(): void {
    this.loads += 1;
    this.unsubscribe();
    this.listeners.clear();
    this.problemListeners.clear();
    this.store.getState().actions.dispose();
  }

  private setProblem(text: string | null): void {
    this.problemText = text;
    this.problemListeners.forEach((listener) => listener());
  }

  private emit(event: WidgetEvent): void {
    for (const listener of [...this.listeners]) listener(event);
  }
}
