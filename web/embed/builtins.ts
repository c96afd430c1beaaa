// The built-in scenarios a widget can name (scenario="abba-deadlock"): the
// library's .ksync texts inlined by Vite. Not scenarios/index.ts: its catalog
// (expectations, facts) is not needed here, and its top-level await cannot go
// into the widget's classic-script (IIFE) bundle.
const files = import.meta.glob<string>("../../scenarios/*.ksync", { query: "?raw", import: "default", eager: true });

const byName = new Map(
  Object.entries(files).map(([path, source]) => [path.slice(path.lastIndexOf("/") + 1, -".ksync".length), source]),
);

/** The text of the built-in scenario `name` (with or without `.ksync`), if there is one. */
export function builtinScenarioSource(name: string): string | undefined {
  return byName.get(name.endsWith(".ksync") ? name.slice(0, -".ksync".length) : name);
}

export function builtinScenarioNames(): readonly string[] {
  return [...byName.keys()].sort();
}
