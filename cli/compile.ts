// Compiles a scenario for a command; scenario errors go to stderr as
// FILE:line:col: message (docs/cli.md, "Exit codes"), and the caller exits with 65.
import { compileScenario } from "../core-wasm/lang/index";
import { formatDiagnostic } from "../core-wasm/lang/diagnostics";
import type { Program, ScenarioOptions } from "../core-wasm/lang/program";
import type { Io } from "./io";
import type { ScenarioSource } from "./source";

/** The compiled program, or null after printing its errors. */
export function compileOrReport(source: ScenarioSource, overrides: Partial<ScenarioOptions>, io: Io): Program | null {
  const result = compileScenario(source.text, { fileName: source.fileName, overrides });
  if (result.diagnostics.length > 0 || result.program === null) {
    for (const d of result.diagnostics) io.err(`${formatDiagnostic(source.fileName, d)}\n`);
    if (result.diagnostics.length === 0) io.err(`${source.fileName}: the scenario could not be compiled\n`);
    return null;
  }
  return result.program;
}
