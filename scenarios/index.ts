// The scenario library, for every consumer: under Vite (the app, Vitest) the
// .ksync files of this folder are inlined as strings by import.meta.glob; in
// plain Node (tsx: the ksync CLI, the benchmark, scripts) they are read from
// disk through node.ts. Both join the same catalog, so every consumer lists
// the same scenarios with the same expectations.
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

async function sourceReader(): Promise<(name: string) => string | undefined> {
  // import.meta.env exists only where Vite transformed this module.
  if (import.meta.env !== undefined) {
    const files = import.meta.glob<string>("./*.ksync", { query: "?raw", import: "default", eager: true });
    return (name) => files[`./${name}.ksync`];
  }
  // Hidden from Vite's import analysis: the browser bundle never loads node:fs.
  const nodeEntry = "./node.ts";
  const node = (await import(/* @vite-ignore */ nodeEntry)) as typeof import("./node");
  return node.readScenarioSource;
}

/** Every built-in scenario, in catalog order. */
export const scenarios: readonly LibraryScenario[] = assembleLibrary(await sourceReader());

/** The built-in scenario called `name` (with or without `.ksync`), if there is one. */
export function findScenario(name: string): LibraryScenario | undefined {
  const bare = name.endsWith(".ksync") ? name.slice(0, -".ksync".length) : name;
  return scenarios.find((s) => s.name === bare);
}
