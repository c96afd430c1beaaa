// The shipped backend: the real .ksync compiler and the wasm engine facade.
import { compileScenario } from "../../core-wasm/lang";
import { SchedulerKind, VerifierMode, type ScenarioOptions } from "../../core-wasm/lang/program";
import { createSimulator } from "../../core-wasm/engine";
import type { ScenarioBackend, SchedulerMode, VerifierSetting } from "./backend";

const KIND: Record<SchedulerMode, SchedulerKind> = {
  priority: SchedulerKind.Priority,
  random: SchedulerKind.Random,
  manual: SchedulerKind.Manual,
};

const VERIFIER: Record<VerifierSetting, VerifierMode> = {
  off: VerifierMode.Off,
  on: VerifierMode.On,
  deadlock: VerifierMode.Deadlock,
};

export const realBackend: ScenarioBackend = {
  compile(source, fileName, overrides) {
    const options: Partial<ScenarioOptions> = {};
    if (overrides.scheduler) options.scheduler = KIND[overrides.scheduler];
    if (overrides.seed !== undefined) options.seed = overrides.seed;
    if (overrides.verifier) options.verifier = VERIFIER[overrides.verifier];
    if (overrides.windows !== undefined) options.windows = overrides.windows;
    if (overrides.cpus !== undefined) options.cpus = overrides.cpus;
    return compileScenario(source, { fileName, overrides: options });
  },
  createSimulator(program, settings) {
    return createSimulator(program, settings);
  },
};
