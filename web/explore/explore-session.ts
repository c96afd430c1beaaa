// One explore session per workbench: the options, the running search's
// progress and its outcome, as a small zustand store next to the simulator's
// own. Only the actions here talk to the worker (through an ExplorerChannel);
// the search itself never touches the simulator store — replaying a found
// schedule is the simulator store's replaySchedule action.
import { createStore, type StoreApi } from "zustand/vanilla";
import type { Diagnostic } from "../../core-wasm/lang/diagnostics";
import type { ExploreProgress, ExploreReport } from "../../core-wasm/engine";
import type { ExplorerResponse, ExplorerWorkerOptions } from "../explorer-worker";
import type { ExplorerChannel, ExplorerChannelFactory } from "./explorer-channel";

/** The options the panel offers; null = off (no preemption bound; the exhaustive search instead of walks). */
export interface ExploreSettings {
  readonly maxStates: number;
  readonly maxSeconds: number;
  readonly memoryMiB: number;
  readonly preemptionBound: number | null;
  readonly randomWalks: number | null;
  readonly seed: number;
}

/**
 * Browser defaults: a minute and 256 MiB (the CLI's), but 64 MiB when the page
 * is framed into another one (an embed), whose tab the host page shares.
 */
export function defaultExploreSettings(framed: boolean): ExploreSettings {
  return {
    maxStates: 10_000_000,
    maxSeconds: 60,
    memoryMiB: framed ? 64 : 256,
    preemptionBound: null,
    randomWalks: null,
    seed: 1,
  };
}

/** Whether this page runs inside another page's frame. */
export function isFramed(): boolean {
  try {
    return typeof window !== "undefined" && window.self !== window.top;
  } catch {
    return true; // a cross-origin parent refuses the comparison
  }
}

export type ExplorePhase = "idle" | "running" | "cancelling" | "done" | "failed";

/** What the search covered: the source it compiled, so a replay is refused once the text changed. */
export interface ExploredScenario {
  readonly source: string;
  readonly fileName: string;
  readonly settings: ExploreSettings;
}

export interface ExploreState {
  readonly phase: ExplorePhase;
  readonly settings: ExploreSettings;
  readonly progress: ExploreProgress | null;
  readonly report: ExploreReport | null;
  /** A scenario error, a refused start or a worker that failed. */
  readonly failure: { readonly message: string; readonly diagnostics: readonly Diagnostic[] } | null;
  readonly explored: ExploredScenario | null;
  /** Cancelled by stopping the worker (it did not answer in time): the last progress is all there is. */
  readonly stopped: boolean;
  /** Counts the searches started (a new outcome is a new replay offer). */
  readonly run: number;
  readonly actions: ExploreActions;
}

export interface ExploreActions {
  setSettings(settings: Partial<ExploreSettings>): void;
  /** Starts a search of `source` in a fresh worker; ignored while one runs. */
  start(source: string, fileName: string): void;
  /** Asks the worker to stop at its next slice; stops the worker outright if it does not answer soon. */
  cancel(): void;
  /** Back to idle (forgets the last outcome). */
  clear(): void;
  dispose(): void;
}

export type ExploreSession = StoreApi<ExploreState>;

export interface ExploreSessionProps {
  readonly createChannel: ExplorerChannelFactory;
  readonly settings?: ExploreSettings;
  /** How long a cancelled worker may take to report before it is stopped, in ms. */
  readonly cancelGraceMs?: number;
}

export function createExploreSession(props: ExploreSessionProps): ExploreSession {
  const grace = props.cancelGraceMs ?? 2000;
  let channel: ExplorerChannel | null = null;
  let graceTimer: ReturnType<typeof setTimeout> | undefined;

  return createStore<ExploreState>()((set, get) => {
    /** Ends the current worker: each search gets a fresh one, so its memory budget is returned at once. */
    function closeChannel(): void {
      if (graceTimer !== undefined) clearTimeout(graceTimer);
      graceTimer = undefined;
      channel?.terminate();
      channel = null;
    }

    function onMessage(mine: ExplorerChannel, response: ExplorerResponse): void {
      if (mine !== channel) return; // a worker already let go
      switch (response.type) {
        case "progress": {
          const { type: _type, ...progress } = response;
          set({ progress });
          break;
        }
        case "done":
          closeChannel();
          set({ phase: "done", report: response.report });
          break;
        case "error":
          closeChannel();
          set({ phase: "failed", failure: { message: response.message, diagnostics: response.diagnostics ?? [] } });
          break;
      }
    }

    function onFailure(mine: ExplorerChannel, message: string): void {
      if (mine !== channel) return;
      closeChannel();
      set({ phase: "failed", failure: { message, diagnostics: [] } });
    }

    const actions: ExploreActions = {
      setSettings(settings) {
        set({ settings: { ...get().settings, ...settings } });
      },
      start(source, fileName) {
        const phase = get().phase;
        if (phase === "running" || phase === "cancelling") return;
        const settings = get().settings;
        let next: ExplorerChannel;
        try {
          next = props.createChannel();
        } catch (err) {
          set({
            phase: "failed",
            failure: { message: `The explorer worker could not start: ${messageOf(err)}`, diagnostics: [] },
          });
          return;
        }
        channel = next;
        next.listen(
          (response) => onMessage(next, response),
          (message) => onFailure(next, message),
        );
        const options: ExplorerWorkerOptions = {
          maxStates: settings.maxStates,
          maxSeconds: settings.maxSeconds,
          memoryMiB: settings.memoryMiB,
          preemptionBound: settings.preemptionBound,
          randomWalks: settings.randomWalks,
          seed: settings.seed,
        };
        set({
          phase: "running",
          progress: null,
          report: null,
          failure: null,
          stopped: false,
          explored: { source, fileName, settings },
          run: get().run + 1,
        });
        next.post({ type: "start", source, fileName, options });
      },
      cancel() {
        if (get().phase !== "running" || !channel) return;
        channel.post({ type: "cancel" });
        set({ phase: "cancelling" });
        // The facade polls for cancel between slices (every ~50 ms); a worker that stays silent is stopped.
        graceTimer = setTimeout(() => {
          graceTimer = undefined;
          if (get().phase !== "cancelling") return;
          closeChannel();
          set({ phase: "done", stopped: true });
        }, grace);
      },
      clear() {
        if (get().phase === "running" || get().phase === "cancelling") return;
        set({ phase: "idle", progress: null, report: null, failure: null, stopped: false, explored: null });
      },
      dispose() {
        closeChannel();
        if (get().phase === "running" || get().phase === "cancelling") set({ phase: "idle" });
      },
    };

    return {
      phase: "idle",
      settings: props.settings ?? defaultExploreSettings(isFramed()),
      progress: null,
      report: null,
      failure: null,
      explored: null,
      stopped: false,
      run: 0,
      actions,
    };
  });
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
