// The expectations of every built-in scenario, read from the <name>.expect.ts
// files beside the .ksync files. Tests only: Vite's import.meta.glob gathers
// them under Vitest; the app and the CLI never import this module.
import type { ScenarioExpectations } from "./expectations";

const files = import.meta.glob<ScenarioExpectations>("./*.expect.ts", { import: "default", eager: true });

const byName = new Map(
  Object.entries(files).map(([path, expectations]) => [path.slice("./".length, -".expect.ts".length), expectations]),
);

/** The expectations of scenarios/<name>.ksync; throws when its .expect.ts file is missing. */
export function expectationsOf(name: string): ScenarioExpectations {
  const expectations = byName.get(name);
  if (expectations === undefined) throw new Error(`scenario library: ${name}.expect.ts is missing`);
  return expectations;
}

/** Names of the scenarios that have a .expect.ts file, sorted. */
export function expectationNames(): string[] {
  return [...byName.keys()].sort();
}
