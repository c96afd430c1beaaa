// Errors in a scenario: FILE:line:col: message, with an optional hint.
export interface Diagnostic {
  readonly line: number; // 1-based
  readonly column: number; // 1-based
  readonly endLine: number;
  readonly endColumn: number; // exclusive
  readonly message: string; // one line
  readonly hint: string | null; // "did you mean KeReleaseGuardedMutex?"
}

/** `FILE:line:col: message (hint)` — the CLI's stderr format. */
export function formatDiagnostic(file: string, d: Diagnostic): string {
  return `${file}:${d.line}:${d.column}: ${d.message}${d.hint ? ` (${d.hint})` : ""}`;
}
