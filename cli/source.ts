// Where a scenario comes from: FILE is a path to a .ksync file, or else the
// name of a built-in scenario (docs/cli.md, "Commands": `ksync run abba-deadlock`).
// A path that exists wins over a built-in of the same name.
import { readFileSync, statSync } from "node:fs";
import { findScenario } from "../scenarios/node";
import { UsageError } from "./args";

export interface ScenarioSource {
  /** Name used in diagnostics (FILE:line:col): the path as typed, or `<name>.ksync` for a built-in. */
  readonly fileName: string;
  readonly text: string;
  readonly builtIn: boolean;
}

export function loadScenarioSource(file: string): ScenarioSource {
  let isFile: boolean;
  try {
    isFile = statSync(file).isFile();
  } catch {
    isFile = false;
  }
  if (isFile) {
    try {
      return { fileName: file, text: readFileSync(file, "utf8"), builtIn: false };
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as Error).message}`);
    }
  }
  const builtIn = findScenario(file);
  if (builtIn !== undefined) return { fileName: `${builtIn.name}.ksync`, text: builtIn.source, builtIn: true };
  throw new UsageError(`no such file or built-in scenario: ${file} (ksync list shows the built-in ones)`);
}
