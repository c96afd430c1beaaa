// The scenario library for the browser (and anything else Vite builds, such as
// Vitest): Vite inlines every .ksync file of this folder as a string. Node
// code without Vite (the ksync CLI, the benchmark) uses node.ts instead; both
// join the same catalog, so they list the same scenarios.
import { assembleLibrary, type LibraryScenario } from "./catalog";

export { CATALOG, TOPICS, readDirective, variantArguments } from "./catalog";
export { checkFact, expectedBugCheckLine, firstRunOrder } from "./facts";
export type {
  Expected,
  ExpectedBugCheck,
  ExpectedOutcome,
  Fact,
  LibraryScenario,
  ScenarioMeta,
  Topic,
  Variant,
  VariantOptions,
} from "./catalog";

const files = import.meta.glob<string>("./*.ksync", { query: "?raw", import: "default", eager: true });

/** Every built-in scenario, in catalog order. */
export const scenarios: readonly LibraryScenario[] = assembleLibrary((name) => files[`./${name}.ksync`]);

/** The built-in scenario called `name`, if there is one. */
export function findScenario(name: string): LibraryScenario | undefined {
  return scenarios.find((s) => s.name === name);
}
