// The scenario library, for every consumer: under Vite (the app, the widget,
// Vitest) the .ksync files of this folder are inlined as strings by
// import.meta.glob; in plain Node (tsx scripts) they are read from disk, as
// node.ts does for the CLI. Both join the same catalog, so every consumer
// lists the same scenarios. How each must end (<name>.expect.ts) is for tests
// only: library-expectations.ts.
import { assembleLibrary, type LibraryScenario } from "./catalog";

export { CATALOG, TOPICS, readDirective } from "./catalog";
export type { LibraryScenario, ScenarioMeta, Topic } from "./catalog";

function sourceReader(): (name: string) => string | undefined {
  // import.meta.env exists only where Vite transformed this module.
  if (import.meta.env !== undefined) {
    const files = import.meta.glob<string>("./*.ksync", { query: "?raw", import: "default", eager: true });
    return (name) => files[`./${name}.ksync`];
  }
  // Plain Node: read the files next to this module. getBuiltinModule (Node >= 20.16)
  // instead of an import keeps node:fs out of browser bundles and needs no
  // top-level await, so the module also fits classic-script (IIFE) builds.
  const fs = process.getBuiltinModule("node:fs");
  return (name) => {
    try {
      return fs.readFileSync(new URL(`./${name}.ksync`, import.meta.url), "utf8");
    } catch {
      return undefined;
    }
  };
}

/** Every built-in scenario, in catalog order. */
export const scenarios: readonly LibraryScenario[] = assembleLibrary(sourceReader());

/** The built-in scenario called `name` (with or without `.ksync`), if there is one. */
export function findScenario(name: string): LibraryScenario | undefined {
  const bare = name.endsWith(".ksync") ? name.slice(0, -".ksync".length) : name;
  return scenarios.find((s) => s.name === bare);
}
