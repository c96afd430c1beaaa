// The scenario library read from disk, for Node code without Vite (the ksync
// CLI, the benchmark). index.ts uses it there too; under Vite it inlines the
// files instead. Synchronous, so the CLI needs no top-level await.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assembleLibrary, type LibraryScenario } from "./catalog";

export type { LibraryScenario } from "./catalog";

/** Absolute path of the folder that holds the library's .ksync files. */
export const SCENARIO_DIRECTORY = fileURLToPath(new URL(".", import.meta.url));

/** The text of scenarios/<name>.ksync, or undefined if there is no such file. */
export function readScenarioSource(name: string): string | undefined {
  try {
    return readFileSync(new URL(`./${name}.ksync`, import.meta.url), "utf8");
  } catch {
    return undefined;
  }
}

let library: readonly LibraryScenario[] | undefined;

/** Every built-in scenario, in catalog order (read once per process). */
export function loadLibrary(): readonly LibraryScenario[] {
  library ??= assembleLibrary(readScenarioSource);
  return library;
}

/** The built-in scenario called `name` (with or without `.ksync`), if there is one. */
export function findScenario(name: string): LibraryScenario | undefined {
  const bare = name.endsWith(".ksync") ? name.slice(0, -".ksync".length) : name;
  return loadLibrary().find((s) => s.name === bare);
}

/** Names of the .ksync files actually present in the folder (the tests compare them with the catalog). */
export function scenarioFileNames(): string[] {
  return readdirSync(SCENARIO_DIRECTORY)
    .filter((f) => f.endsWith(".ksync"))
    .map((f) => f.slice(0, -".ksync".length))
    .sort();
}
