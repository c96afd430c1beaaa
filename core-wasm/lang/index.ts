// The .ksync compiler: source text → Program (program.ts) plus diagnostics.
// Used by the command line (`ksync run/check`), the UI and the scenario tests.
import type { Diagnostic } from "./diagnostics";
import { checkScenario, type LazyHint } from "./check";
import { lex, SourceMap } from "./lexer";
import { resolveOptions } from "./options";
import { parse } from "./parser";
import { Limits, type Program, type ScenarioOptions } from "./program";

export type { Diagnostic } from "./diagnostics";
export { formatDiagnostic } from "./diagnostics";
export type { Program, ScenarioOptions } from "./program";
export {
  ROUTINES,
  KEYWORDS,
  TYPE_NAMES,
  DIRECTIVES,
  IRQL_LEVELS,
  CONSTANTS,
  findRoutine,
  type RoutineInfo,
  type Param,
  type ParamKind,
} from "./routines";
export {
  classifyWord,
  classifyTokens,
  scanToken,
  ksyncStreamParser,
  HIGHLIGHT_TAGS,
  type TokenClass,
  type HighlightState,
  type HighlightToken,
  type StreamLike,
} from "./highlight";
export { DEFAULT_OPTIONS } from "./options";

export interface CompileOptions {
  /** Shown as the title when the file has no #title (without directory and extension). */
  fileName?: string;
  /** Command-line options; they win over the file's directives. */
  overrides?: Partial<ScenarioOptions>;
}

export interface CompileResult {
  /** Null when there is any error. */
  program: Program | null;
  /** Sorted by position; at most Limits.errors. */
  diagnostics: Diagnostic[];
  title: string;
  description: string;
}

interface RawError {
  start: number;
  end: number;
  message: string;
  hint: string | null;
}

/** Title from a file name: `scenarios/abba-deadlock.ksync` → `abba-deadlock`. */
function titleFromFileName(fileName: string | undefined): string {
  if (fileName === undefined || fileName === "") return "Untitled scenario";
  const base = fileName.split(/[\\/]/).pop() ?? fileName;
  const dot = base.lastIndexOf(".");
  const stem = dot > 0 ? base.slice(0, dot) : base;
  return stem === "" ? "Untitled scenario" : stem;
}

/** UTF-8 size of the source, stopping as soon as it exceeds `limit`. */
function utf8LengthExceeds(source: string, limit: number): number | null {
  if (source.length > limit) return source.length; // at least one byte per UTF-16 unit
  let bytes = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes > limit ? bytes : null;
}

/** Compiles a scenario. Never throws: every problem is a diagnostic. */
export function compileScenario(source: string, options: CompileOptions = {}): CompileResult {
  const defaultTitle = titleFromFileName(options.fileName);
  const tooBig = utf8LengthExceeds(source, Limits.sourceBytes);
  if (tooBig !== null) {
    const diagnostic: Diagnostic = {
      line: 1,
      column: 1,
      endLine: 1,
      endColumn: 1,
      message: `the scenario is too large (${source.length > Limits.sourceBytes ? "at least " : ""}${tooBig} bytes; the limit is ${Limits.sourceBytes})`,
      hint: null,
    };
    return { program: null, diagnostics: [diagnostic], title: defaultTitle, description: "" };
  }

  const map = new SourceMap(source);
  const lineOf = (offset: number): number => map.line(offset);
  const errors: RawError[] = [];
  // Each phase may add up to Limits.errors; the merged list is cut below.
  const { tokens, errors: lexErrors } = lex(source, Limits.errors + 1);
  errors.push(...lexErrors);
  const { file, errors: parseErrors } = parse(tokens, Limits.errors + 1);
  errors.push(...parseErrors);

  let checkErrors = 0;
  const add = (span: { start: number; end: number }, message: string, hint: LazyHint): void => {
    if (checkErrors++ > Limits.errors) return;
    errors.push({ start: span.start, end: span.end, message, hint: typeof hint === "function" ? hint() : hint });
  };
  const resolved = resolveOptions(file.directives, options.overrides, (e) => add(e.span, e.message, e.hint), lineOf);
  const title = resolved.title !== null && resolved.title.trim() !== "" ? resolved.title : defaultTitle;
  const description = resolved.description ?? "";
  const hadSyntaxErrors = lexErrors.length + parseErrors.length > 0;
  const lowered = checkScenario(file, resolved.options, lineOf, (e) => add(e.span, e.message, e.hint), hadSyntaxErrors);

  const diagnostics = toDiagnostics(errors, map);
  if (diagnostics.length > 0) return { program: null, diagnostics, title, description };
  const program: Program = { title, description, options: resolved.options, ...lowered };
  return { program, diagnostics, title, description };
}

/** Messages are one line, and a pathological 200 KB identifier is shown shortened. */
function oneLine(text: string): string {
  return text.replace(/[\r\n]+/g, " ").replace(/[A-Za-z0-9_]{65,}/g, (word) => `${word.slice(0, 40)}…`);
}

function toDiagnostics(errors: RawError[], map: SourceMap): Diagnostic[] {
  // Stable sort by position; identical reports (same place, same text) once.
  const sorted = errors.map((e, i) => ({ e, i })).sort((x, y) => x.e.start - y.e.start || x.i - y.i);
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const { e } of sorted) {
    const key = `${e.start}:${e.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (out.length === Limits.errors - 1 && sorted.length > Limits.errors) {
      const p = map.position(e.start);
      out.push({
        line: p.line,
        column: p.column,
        endLine: p.line,
        endColumn: p.column,
        message: `too many errors; only the first ${Limits.errors - 1} are shown`,
        hint: null,
      });
      break;
    }
    const from = map.position(e.start);
    const hint = e.hint === null ? null : oneLine(e.hint);
    const to = map.position(Math.max(e.start, e.end));
    out.push({
      line: from.line,
      column: from.column,
      endLine: to.line,
      endColumn: to.column,
      message: oneLine(e.message),
      hint,
    });
  }
  return out;
}
