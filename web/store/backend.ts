// What the store needs from the compiler and the engine, as an injectable
// dependency: the shipped app passes the real compiler + wasm engine
// (real-backend.ts); component tests pass a fake so they never load wasm.
import type { Diagnostic } from "../../core-wasm/lang/diagnostics";
import type { Program } from "../../core-wasm/lang/program";
import type { SimulationSettings, Simulator } from "../../core-wasm/engine/types";

export type SchedulerMode = "priority" | "random" | "manual";

/** Directive overrides the UI applies on top of the file (like the CLI's options). */
export interface ScenarioOverrides {
  readonly scheduler?: SchedulerMode;
  readonly seed?: number;
  /** `#verifier`: Driver Verifier off, on, or on with deadlock detection. */
  readonly verifier?: VerifierSetting;
  /** `#windows`: 2003 (Server 2003 SP1 … Windows 7) or 8 (Windows 8 and later). */
  readonly windows?: 2003 | 8;
  /** `#cpus`: processors, 1..64. */
  readonly cpus?: number;
}

export type VerifierSetting = "off" | "on" | "deadlock";

export interface CompileOutcome {
  /** null when the source has errors. */
  readonly program: Program | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly title: string;
  readonly description: string;
}

export interface ScenarioBackend {
  compile(source: string, fileName: string, overrides: ScenarioOverrides): CompileOutcome;
  createSimulator(program: Program, settings: SimulationSettings): Promise<Simulator> | Simulator;
}

/** The scheduler named by a compiled program's options (SchedulerKind: 0 priority, 1 random, 2 manual). */
export function schedulerOf(program: Program): SchedulerMode {
  const kinds: readonly SchedulerMode[] = ["priority", "random", "manual"];
  return kinds[program.options.scheduler] ?? "priority";
}
