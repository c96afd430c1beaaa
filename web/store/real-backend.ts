// The shipped backend: the real .ksync compiler and the wasm engine facade.
import { compileScenario } from "../../core-wasm/lang";
import { SchedulerKind, type ScenarioOptions } from "../../core-wasm/lang/program";
import { createSimulator } from "../../core-wasm/engine";
import type { ScenarioBackend, SchedulerMode } from "./backend";

const KIND: Record<SchedulerMode, SchedulerKind> = {
  priority: SchedulerKind.Priority,
  random: SchedulerKind.Random,
  manual: SchedulerKind.Manual,
};

export const realBackend: ScenarioBackend = {
  compile(source, fileName, overrides) {
    const options: Partial<ScenarioOptions> = {};
    if (overrides.scheduler) options.scheduler = KIND[overrides.scheduler];
    if (overrides.seed !== undefined) options.seed = overrides.seed;
    return compileScenario(source, { fileName, overrides: options });
  },
  createSimulator(program, settings) {
    return createSimulator(program, settings);
  },
};
