// One side of a comparison: its own simulator store (and so its own engine
// instance) plus the directive overrides the store itself does not hold —
// #verifier, #windows and #cpus. They reach the compiler through a thin
// backend wrapper, which also remembers the verifier mode of the last
// program compiled, so the settings show what is in effect.
import { VerifierMode } from "../../core-wasm/lang/program";
import type { ScenarioBackend, ScenarioOverrides, VerifierSetting } from "../store/backend";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { captureSharedView } from "../share/restore";
import type { SharedSettings, SharedView } from "../share/share-link";
import type { Side } from "./snapshot-diff";

export const NO_SETTINGS: SharedSettings = { verifier: null, windows: null, cpus: null };

const VERIFIER_NAMES: Record<VerifierMode, VerifierSetting> = {
  [VerifierMode.Off]: "off",
  [VerifierMode.On]: "on",
  [VerifierMode.Deadlock]: "deadlock",
};

export class CompareSide {
  readonly store: SimulatorStore;
  private current: SharedSettings = NO_SETTINGS;
  private verifierInEffect: VerifierSetting | null = null;
  private readonly listeners = new Set<() => void>();

  constructor(
    readonly side: Side,
    backend: ScenarioBackend,
    compileDelayMs?: number,
  ) {
    const withSettings: ScenarioBackend = {
      compile: (source, fileName, overrides) => {
        const outcome = backend.compile(source, fileName, { ...overrides, ...this.overrides() });
        if (outcome.program) {
          const verifier = VERIFIER_NAMES[outcome.program.options.verifier] ?? null;
          if (verifier !== this.verifierInEffect) {
            this.verifierInEffect = verifier;
            this.notify();
          }
        }
        return outcome;
      },
      createSimulator: (program, settings) => backend.createSimulator(program, settings),
    };
    this.store = createSimulatorStore({
      backend: withSettings,
      source: "",
      fileName: "scenario.ksync",
      ...(compileDelayMs !== undefined ? { compileDelayMs } : {}),
    });
  }

  /** The overrides chosen for this side (null fields: the scenario's own directive). */
  get settings(): SharedSettings {
    return this.current;
  }

  /** The verifier mode of the program loaded now (after overrides), or null before the first compile. */
  get verifier(): VerifierSetting | null {
    return this.verifierInEffect;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Changes overrides and reloads this side from step 0. */
  async setSettings(change: Partial<SharedSettings>): Promise<void> {
    this.current = { ...this.current, ...change };
    this.notify();
    await this.store.getState().actions.recompile();
  }

  /** Loads a view (text, overrides, forced schedule, step) with these settings. */
  async restore(view: SharedView): Promise<void> {
    this.current = view.settings ?? NO_SETTINGS;
    this.notify();
    await this.store.getState().actions.restoreSession(view);
  }

  /** What a share link carries for this side: the forced steps up to the current one. */
  capture(): SharedView {
    const hasSettings = this.current.verifier !== null || this.current.windows !== null || this.current.cpus !== null;
    return { ...captureSharedView(this.store), ...(hasSettings ? { settings: this.current } : {}) };
  }

  dispose(): void {
    this.listeners.clear();
    this.store.getState().actions.dispose();
  }

  private overrides(): Partial<ScenarioOverrides> {
    const { verifier, windows, cpus } = this.current;
    return {
      ...(verifier !== null ? { verifier } : {}),
      ...(windows !== null ? { windows } : {}),
      ...(cpus !== null ? { cpus } : {}),
    };
  }

  private notify(): void {
    for (const listener of [...this.listeners]) listener();
  }
}
