// Token classes for syntax highlighting. `ksyncStreamParser` has the shape of a
// CodeMirror 6 StreamParser (wrap it with `StreamLanguage.define`); it needs no
// CodeMirror import, so the compiler stays dependency-free.
import { isIdentPart, isIdentStart } from "./lexer";
import { CONSTANTS, DIRECTIVES, IRQL_LEVELS, KEYWORDS, TYPE_NAMES, findRoutine } from "./routines";

export type TokenClass =
  | "keyword" // thread, apc, dpc, at, if, else, repeat, while, attribute names
  | "routine" // KeAcquireGuardedMutex, Work, ...
  | "type" // KGUARDED_MUTEX, FAST_MUTEX, KSPIN_LOCK, KEVENT, KIRQL
  | "irql" // PASSIVE_LEVEL ... HIGH_LEVEL, DIRQL
  | "constant" // TRUE, FALSE, NULL, Executive, KernelMode, NotificationEvent, ...
  | "directive" // #title, #cpus, ...
  | "number"
  | "string"
  | "comment"
  | "identifier" // declared names and locals
  | "operator" // & = - !
  | "punctuation" // { } ( ) , ;
  | "invalid";

/** Lezer highlight tag names for each class (what a StreamParser token function returns). */
export const HIGHLIGHT_TAGS: Readonly<Record<TokenClass, string>> = {
  keyword: "keyword",
  routine: "variableName.function",
  type: "typeName",
  irql: "atom",
  constant: "variableName.constant",
  directive: "meta",
  number: "number",
  string: "string",
  comment: "comment",
  identifier: "variableName",
  operator: "operator",
  punctuation: "punctuation",
  invalid: "invalid",
};

const KEYWORD_SET = new Set(KEYWORDS);
const TYPE_SET = new Set(TYPE_NAMES);

/** Class of an identifier-like word. */
export function classifyWord(word: string): TokenClass {
  if (KEYWORD_SET.has(word)) return "keyword";
  if (findRoutine(word) !== undefined) return "routine";
  if (TYPE_SET.has(word)) return "type";
  if (Object.hasOwn(IRQL_LEVELS, word) || word === "DIRQL") return "irql";
  if (Object.hasOwn(CONSTANTS, word)) return "constant";
  return "identifier";
}

/** Highlighter state carried from line to line: inside a `/* … *\/` comment or not. */
export interface HighlightState {
  inBlockComment: boolean;
}

/**
 * Scans one token of `line` starting at `pos`; returns where it ends and its
 * class (null for whitespace). Always advances by at least one character.
 */
export function scanToken(line: string, pos: number, state: HighlightState): { end: number; cls: TokenClass | null } {
  const n = line.length;
  if (state.inBlockComment) {
    const close = line.indexOf("*/", pos);
    if (close < 0) return { end: n, cls: "comment" };
    state.inBlockComment = false;
    return { end: close + 2, cls: "comment" };
  }
  const c = line.charCodeAt(pos);
  let i = pos;
  if (c === 32 || c === 9 || c === 13 || c === 11 || c === 12 || c === 10) {
    while (i < n && /[ \t\r\n\v\f]/.test(line[i] ?? "")) i++;
    return { end: i, cls: null };
  }
  if (line.startsWith("//", pos)) return { end: n, cls: "comment" };
  if (line.startsWith("/*", pos)) {
    const close = line.indexOf("*/", pos + 2);
    if (close < 0) {
      state.inBlockComment = true;
      return { end: n, cls: "comment" };
    }
    return { end: close + 2, cls: "comment" };
  }
  if (c === 34) {
    i++;
    while (i < n) {
      const d = line.charCodeAt(i);
      if (d === 92) i += 2;
      else if (d === 34) return { end: i + 1, cls: "string" };
      else i++;
    }
    return { end: n, cls: "string" };
  }
  if (c === 35) {
    i++;
    while (i < n && isIdentPart(line.charCodeAt(i))) i++;
    return { end: i, cls: DIRECTIVES.includes(line.slice(pos, i)) ? "directive" : "invalid" };
  }
  if (c >= 48 && c <= 57) {
    while (i < n && isIdentPart(line.charCodeAt(i))) i++;
    return { end: i, cls: /^(0[xX][0-9a-fA-F]+|[0-9]+)$/.test(line.slice(pos, i)) ? "number" : "invalid" };
  }
  if (isIdentStart(c)) {
    while (i < n && isIdentPart(line.charCodeAt(i))) i++;
    return { end: i, cls: classifyWord(line.slice(pos, i)) };
  }
  const ch = line[pos] ?? "";
  if ("&=-!>".includes(ch)) return { end: pos + 1, cls: "operator" };
  if ("{}(),;:".includes(ch)) return { end: pos + 1, cls: "punctuation" };
  return { end: pos + 1, cls: "invalid" };
}

export interface HighlightToken {
  readonly from: number;
  readonly to: number;
  readonly cls: TokenClass;
}

/** Classifies a whole source (for static rendering, e.g. docs or a read-only view). */
export function classifyTokens(source: string): HighlightToken[] {
  const tokens: HighlightToken[] = [];
  const state: HighlightState = { inBlockComment: false };
  let lineStart = 0;
  for (const line of source.split("\n")) {
    let pos = 0;
    while (pos < line.length) {
      const { end, cls } = scanToken(line, pos, state);
      if (cls !== null) tokens.push({ from: lineStart + pos, to: lineStart + end, cls });
      pos = Math.max(end, pos + 1);
    }
    lineStart += line.length + 1;
  }
  return tokens;
}

/** The part of CodeMirror's StringStream the highlighter uses. */
export interface StreamLike {
  string: string;
  pos: number;
}

/** A CodeMirror StreamParser for .ksync: `StreamLanguage.define(ksyncStreamParser)`. */
export const ksyncStreamParser = {
  name: "ksync",
  startState: (): HighlightState => ({ inBlockComment: false }),
  copyState: (state: HighlightState): HighlightState => ({ ...state }),
  token(stream: StreamLike, state: HighlightState): string | null {
    const { end, cls } = scanToken(stream.string, stream.pos, state);
    stream.pos = Math.max(end, stream.pos + 1);
    return cls === null ? null : HIGHLIGHT_TAGS[cls];
  },
  languageData: {
    commentTokens: { line: "//", block: { open: "/*", close: "*/" } },
    closeBrackets: { brackets: ["(", "{", '"'] },
  },
};
