// <kernel-sync-lab mode="compare">: what the custom element delegates to in
// compare mode. Owns a CompareSession (two stores, two engine instances),
// renders it into the element's shadow root, opens what the attributes name
// (share= a link; else left= and right=; else preset=), and gives the host
// API — step, goto, play, pause, state — for both sides at once.
import { createElement } from "react";
import { createRoot, type Root } from "react-dom/client";
import type { Outcome } from "../../core-wasm/engine/types";
import type { SchedulerMode, ScenarioBackend } from "../store/backend";
import { effectiveScheduler, type SimulatorStore } from "../store/simulator-store";
import { decodeSharedLink, SharePayloadError } from "../share/share-link";
import { builtinScenarioSource } from "../embed/builtins";
import { CompareEmbed, type CompareEmbedProps } from "./CompareEmbed";
import { CompareSession } from "./compare-session";
import { DEFAULT_PRESET, findPreset } from "./presets";
import { parseSideSpec } from "./side-spec";

/** The attributes (or embed.html parameters) compare mode reads. */
export interface CompareAttributes {
  readonly left: string | null;
  readonly right: string | null;
  readonly preset: string | null;
  readonly share: string | null;
  readonly step: number | null;
}

/** One side's position, as the element reports it. */
export interface SideState {
  readonly step: number;
  readonly tick: number;
  readonly outcome: Outcome | null;
  readonly status: "loading" | "ready" | "invalid" | "failed";
  readonly scheduler: SchedulerMode;
  readonly title: string;
}

/** Both sides; the top-level fields are the left side's, so hosts written for one widget keep working. */
export type CompareState = SideState & { readonly left: SideState; readonly right: SideState };

/** Longest step or goto request honoured (the store's step budget). */
const MAX_STEPS_PER_CALL = 100_000;

function sideState(store: SimulatorStore): SideState {
  const s = store.getState();
  return {
    step: s.step,
    tick: s.snapshot?.tick ?? 0,
    outcome: s.status === "ready" ? (s.snapshot?.outcome ?? null) : null,
    status: s.status,
    scheduler: effectiveScheduler(s),
    title: s.title,
  };
}

export class CompareWidget {
  readonly session: CompareSession;
  private readonly root: Root;
  private readonly unsubscribe: () => void;
  private problems: readonly string[] = [];

  constructor(
    mount: HTMLElement,
    backend: ScenarioBackend,
    /** Reports "ready" (both sides loaded) and "step" (either side moved) to the element. */
    private readonly emit: (name: "ready" | "step", detail: CompareState) => void,
  ) {
    this.session = new CompareSession(backend, builtinScenarioSource);
    this.root = createRoot(mount);
    const { left, right } = this.session;
    let wasReady = false;
    const changed = () => {
      const ready = left.store.getState().status === "ready" && right.store.getState().status === "ready";
      if (ready && !wasReady) this.emit("ready", this.state());
      wasReady = ready;
    };
    const stepped = (s: { step: number }, prev: { step: number }) => {
      if (s.step !== prev.step && wasReady) this.emit("step", this.state());
    };
    const offs = [left.store, right.store].flatMap((store) => [store.subscribe(changed), store.subscribe(stepped)]);
    this.unsubscribe = () => offs.forEach((off) => off());
  }

  render(props: Omit<CompareEmbedProps, "session" | "optionProblems"> & { optionProblems: readonly string[] }): void {
    this.root.render(
      createElement(CompareEmbed, {
        ...props,
        session: this.session,
        optionProblems: [...props.optionProblems, ...this.problems],
      }),
    );
  }

  /** Opens what the attributes name; problems with left= / right= are shown, not thrown. */
  async load(attributes: CompareAttributes): Promise<CompareState> {
    const session = this.session;
    this.problems = [];
    if (attributes.share) {
      try {
        const link = await decodeSharedLink(attributes.share);
        await session.open(
          link.comparison ?? { left: link.view, right: link.view, sameScenario: true, together: true },
        );
      } catch (err) {
        session.setProblem(
          `This share link could not be opened: ${err instanceof SharePayloadError ? err.message : "it could not be read"}.`,
        );
      }
    } else if (attributes.left || attributes.right) {
      const left = parseSideSpec("left", attributes.left ?? attributes.right ?? "");
      const right = parseSideSpec("right", attributes.right ?? attributes.left ?? "");
      this.problems = [...left.problems, ...right.problems];
      await session.openSpecs(left.spec, right.spec);
    } else {
      const preset = findPreset(attributes.preset ?? DEFAULT_PRESET);
      if (!preset)
        this.problems = [`preset="${(attributes.preset ?? "").slice(0, 40)}" is not a comparison this widget knows`];
      await session.loadPreset(preset ?? findPreset(DEFAULT_PRESET)!);
    }
    if (attributes.step !== null) this.goto(attributes.step);
    return this.state();
  }

  /** Runs `count` steps on both sides (a side that has finished stays). */
  step(count = 1): CompareState {
    const n = Math.max(0, Math.min(MAX_STEPS_PER_CALL, Math.floor(count)));
    this.pause();
    if (n === 1) this.session.step();
    else
      for (const side of [this.session.left, this.session.right]) {
        const { actions, step } = side.store.getState();
        actions.goTo(step + n);
      }
    return this.state();
  }

  goto(step: number): CompareState {
    const target = Math.max(0, Math.min(MAX_STEPS_PER_CALL, Math.floor(step)));
    for (const side of [this.session.left, this.session.right]) side.store.getState().actions.goTo(target);
    return this.state();
  }

  play(): CompareState {
    for (const side of [this.session.left, this.session.right]) {
      const s = side.store.getState();
      if (!s.running) s.actions.toggleRun();
    }
    return this.state();
  }

  pause(): CompareState {
    for (const side of [this.session.left, this.session.right]) side.store.getState().actions.pause();
    return this.state();
  }

  state(): CompareState {
    const left = sideState(this.session.left.store);
    return { ...left, left, right: sideState(this.session.right.store) };
  }

  dispose(): void {
    this.unsubscribe();
    this.root.unmount();
    this.session.dispose();
  }
}
