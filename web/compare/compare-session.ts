// Two simulators side by side, independent of how they are shown: the app's
// compare page and the embed both drive one of these. Each side has its own
// store and engine instance; the session steps them together (the default)
// or one at a time, keeps one text on both sides when asked to, and reads
// and writes both sides as one share link.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { ScenarioBackend } from "../store/backend";
import type { SharedComparison, SharedSettings, SharedView } from "../share/share-link";
import { CompareSide, NO_SETTINGS } from "./compare-side";
import type { ComparePreset, SideSpec } from "./presets";
import type { Side } from "./snapshot-diff";

export interface CompareFlags {
  /** Step, back and reset move both sides. */
  readonly together: boolean;
  /** The right side follows the left side's text (one editor). */
  readonly sameScenario: boolean;
  /** The preset last loaded (the picker shows it), or null. */
  readonly preset: string | null;
  /** Why the last load failed (an unknown scenario, a bad link), or null. */
  readonly problem: string | null;
}

/** Finds a built-in scenario's text by name (the app's library, or the widget's inlined copies). */
export type ScenarioLookup = (name: string) => string | undefined;

export class CompareSession {
  readonly left: CompareSide;
  readonly right: CompareSide;
  readonly flags: StoreApi<CompareFlags>;
  private readonly unsubscribe: () => void;
  /** While a link or preset loads both sides, the left side's new text must not be copied over the right's. */
  private opening = false;

  constructor(
    backend: ScenarioBackend,
    private readonly lookup: ScenarioLookup,
    options: { compileDelayMs?: number } = {},
  ) {
    this.left = new CompareSide("left", backend, options.compileDelayMs);
    this.right = new CompareSide("right", backend, options.compileDelayMs);
    this.flags = createStore<CompareFlags>()(() => ({
      together: true,
      sameScenario: false,
      preset: null,
      problem: null,
    }));
    // One text: an edit on the left is an edit on the right (recompiled after the same pause, at the same step).
    this.unsubscribe = this.left.store.subscribe((state, previous) => {
      if (state.source === previous.source && state.fileName === previous.fileName) return;
      if (this.flags.getState().sameScenario && !this.opening)
        this.right.store.getState().actions.setSource(state.source, state.fileName);
    });
  }

  sideOf(side: Side): CompareSide {
    return side === "left" ? this.left : this.right;
  }

  /** Both sides when stepping together, else the one named. */
  private targets(side?: Side): CompareSide[] {
    return side === undefined || this.flags.getState().together ? [this.left, this.right] : [this.sideOf(side)];
  }

  /** One step on both sides (a side that has finished stays where it is), or on one side when apart. */
  step(side?: Side): void {
    for (const s of this.targets(side)) s.store.getState().actions.stepForward();
  }

  back(side?: Side): void {
    for (const s of this.targets(side)) s.store.getState().actions.stepBack();
  }

  reset(side?: Side): void {
    for (const s of this.targets(side)) s.store.getState().actions.reset();
  }

  setTogether(together: boolean): void {
    this.flags.setState({ together });
  }

  /** Turning it on copies the left side's text to the right (the right side's settings stay its own). */
  async setSameScenario(sameScenario: boolean): Promise<void> {
    this.flags.setState({ sameScenario });
    if (!sameScenario) return;
    const { source, fileName } = this.left.store.getState();
    const right = this.right.store.getState();
    if (right.source === source && right.fileName === fileName) return;
    right.actions.setSource(source, fileName);
    await right.actions.recompile();
  }

  /** Changes a side's #verifier / #windows / #cpus; that side starts again, and the other too when stepping together. */
  async setSettings(side: Side, change: Partial<SharedSettings>): Promise<void> {
    const other = this.sideOf(side === "left" ? "right" : "left");
    await this.sideOf(side).setSettings(change);
    if (this.flags.getState().together) other.store.getState().actions.reset();
  }

  /** Loads a preset (both sides at step 0). */
  async loadPreset(preset: ComparePreset): Promise<void> {
    await this.open(
      {
        left: this.viewOf(preset.left),
        right: this.viewOf(preset.right),
        sameScenario: preset.sameScenario,
        together: true,
      },
      preset.id,
    );
  }

  /** Two scenario specs (the embed's left= and right=); an unknown name is reported, not thrown. */
  async openSpecs(left: SideSpec, right: SideSpec): Promise<void> {
    let comparison: SharedComparison;
    try {
      comparison = { left: this.viewOf(left), right: this.viewOf(right), sameScenario: false, together: true };
    } catch (err) {
      this.flags.setState({ problem: err instanceof Error ? err.message : String(err) });
      return;
    }
    await this.open(comparison, null);
  }

  /** Opens both sides of a comparison (a share link) at their steps. */
  async open(comparison: SharedComparison, preset: string | null = null): Promise<void> {
    this.flags.setState({
      together: comparison.together,
      sameScenario: comparison.sameScenario,
      preset,
      problem: null,
    });
    this.opening = true;
    try {
      await Promise.all([this.left.restore(comparison.left), this.right.restore(comparison.right)]);
    } finally {
      this.opening = false;
    }
  }

  /** Reports a problem above both sides (a link that could not be opened). */
  setProblem(problem: string | null): void {
    this.flags.setState({ problem });
  }

  /** Both sides as a share link carries them. */
  capture(): SharedComparison {
    const { sameScenario, together } = this.flags.getState();
    return { left: this.left.capture(), right: this.right.capture(), sameScenario, together };
  }

  dispose(): void {
    this.unsubscribe();
    this.left.dispose();
    this.right.dispose();
  }

  private viewOf(spec: SideSpec): SharedView {
    const source = spec.source ?? (spec.scenario !== undefined ? this.lookup(spec.scenario) : undefined);
    if (source === undefined)
      throw new Error(
        spec.scenario !== undefined
          ? `There is no built-in scenario called "${spec.scenario.slice(0, 60)}".`
          : "A side names no scenario.",
      );
    const settings = { ...NO_SETTINGS, ...spec.settings };
    const hasSettings = settings.verifier !== null || settings.windows !== null || settings.cpus !== null;
    return {
      source,
      fileName: spec.fileName ?? (spec.scenario !== undefined ? `${spec.scenario}.ksync` : "scenario.ksync"),
      scheduler: spec.scheduler ?? null,
      seed: spec.seed ?? null,
      schedule: [],
      step: 0,
      ...(hasSettings ? { settings } : {}),
    };
  }
}
