// The .ksync lexer: one pass over the source, no regular expressions with
// backtracking, so time is linear in the input. Positions are UTF-16 offsets
// (what editors such as CodeMirror count); lines and columns are derived from
// them by `SourceMap`.

export enum TokenKind {
  Identifier,
  Number,
  String,
  Directive, // `#title`, `#cpus`, ...: the text includes the `#`
  Punct, // one of { } ( ) , ; = & - ! : > (`!` only to explain that negation is unsupported; `:` ends a label, `>` is for #goal … waits > N)
  EOF,
}

export interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly start: number; // offset of the first character
  readonly end: number; // offset after the last character
  /** Numbers: the value (Infinity when too large to matter); strings: unused. */
  readonly value: number;
  /** Strings: the unescaped contents. */
  readonly stringValue: string;
  /** True when a newline separates this token from the previous one (directives are line-oriented). */
  readonly newlineBefore: boolean;
}

export interface LexError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly hint: string | null;
}

/** Maps offsets to 1-based line and column. */
export class SourceMap {
  private readonly lineStarts: number[] = [0];

  constructor(readonly source: string) {
    for (let i = 0; i < source.length; i++) {
      if (source.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
    }
  }

  /** 1-based line and column of an offset (binary search over line starts). */
  position(offset: number): { line: number; column: number } {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - (starts[lo] ?? 0) + 1 };
  }

  line(offset: number): number {
    return this.position(offset).line;
  }
}

const PUNCT = "{}(),;=&-!:>";
/** Digits beyond this make a number "too large" for every field of the language. */
const MAX_NUMBER_DIGITS = 12;

export function isIdentStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95;
}

export function isIdentPart(c: number): boolean {
  return isIdentStart(c) || (c >= 48 && c <= 57);
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isHexDigit(c: number): boolean {
  return isDigit(c) || (c >= 65 && c <= 70) || (c >= 97 && c <= 102);
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12;
}

export interface LexResult {
  tokens: Token[];
  errors: LexError[];
}

/**
 * Splits the source into tokens. Never throws; unknown characters, unterminated
 * strings and comments become errors and lexing goes on. A run of consecutive
 * bad characters is one error.
 */
export function lex(source: string, maxErrors: number): LexResult {
  const tokens: Token[] = [];
  const errors: LexError[] = [];
  const n = source.length;
  // A leading byte-order mark (some Windows editors write one) is not part of the text.
  let i = source.charCodeAt(0) === 0xfeff ? 1 : 0;
  let newlineBefore = true;

  const error = (start: number, end: number, message: string, hint: string | null = null): void => {
    if (errors.length < maxErrors) errors.push({ start, end, message, hint });
  };
  const push = (kind: TokenKind, start: number, end: number, value = 0, stringValue = ""): void => {
    tokens.push({ kind, text: source.slice(start, end), start, end, value, stringValue, newlineBefore });
    newlineBefore = false;
  };

  while (i < n) {
    const c = source.charCodeAt(i);
    if (isSpace(c)) {
      if (c === 10) newlineBefore = true;
      i++;
      continue;
    }
    const next = i + 1 < n ? source.charCodeAt(i + 1) : -1;
    if (c === 47 && next === 47) {
      // `//` comment up to the end of the line
      while (i < n && source.charCodeAt(i) !== 10) i++;
      continue;
    }
    if (c === 47 && next === 42) {
      const close = source.indexOf("*/", i + 2);
      if (close < 0) {
        error(i, i + 2, "unterminated /* comment", "close it with */");
        for (let k = i; k < n; k++) if (source.charCodeAt(k) === 10) newlineBefore = true;
        i = n;
      } else {
        for (let k = i; k < close; k++) if (source.charCodeAt(k) === 10) newlineBefore = true;
        i = close + 2;
      }
      continue;
    }
    if (isIdentStart(c)) {
      const start = i;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      push(TokenKind.Identifier, start, i);
      continue;
    }
    if (isDigit(c)) {
      const start = i;
      let value: number;
      if (c === 48 && (next === 120 || next === 88)) {
        i += 2;
        const digitsStart = i;
        while (i < n && isHexDigit(source.charCodeAt(i))) i++;
        const digits = i - digitsStart;
        if (digits === 0) {
          error(start, i, "0x needs hexadecimal digits");
          value = 0;
        } else {
          value = digits > MAX_NUMBER_DIGITS ? Infinity : parseInt(source.slice(digitsStart, i), 16);
        }
      } else {
        while (i < n && isDigit(source.charCodeAt(i))) i++;
        value = i - start > MAX_NUMBER_DIGITS ? Infinity : parseInt(source.slice(start, i), 10);
      }
      if (i < n && isIdentPart(source.charCodeAt(i))) {
        // `12abc`, `1UL`, `0x1G`: C suffixes and malformed numbers are not part of the language.
        const badStart = i;
        while (i < n && isIdentPart(source.charCodeAt(i))) i++;
        error(
          start,
          i,
          `malformed number ${source.slice(start, Math.min(i, start + 40))}`,
          badStart > start ? "integer suffixes are not supported" : null,
        );
      }
      push(TokenKind.Number, start, i, value);
      continue;
    }
    if (c === 34) {
      // "string": one line, with \" and \\ escapes
      const start = i;
      i++;
      let text = "";
      let closed = false;
      while (i < n) {
        const d = source.charCodeAt(i);
        if (d === 34) {
          closed = true;
          i++;
          break;
        }
        if (d === 10) break;
        if (d === 92 && i + 1 < n && source.charCodeAt(i + 1) !== 10) {
          const e = source[i + 1];
          text += e === "n" ? "\n" : e === "t" ? "\t" : e;
          i += 2;
          continue;
        }
        text += source[i];
        i++;
      }
      if (!closed) error(start, i, "unterminated string", 'close it with " on the same line');
      push(TokenKind.String, start, i, 0, text);
      continue;
    }
    if (c === 35) {
      // `#name`: a directive
      const start = i;
      i++;
      while (i < n && isIdentPart(source.charCodeAt(i))) i++;
      if (i === start + 1) error(start, i, "# must be followed by a directive name such as #title");
      else push(TokenKind.Directive, start, i);
      continue;
    }
    if (PUNCT.includes(source[i] ?? "")) {
      push(TokenKind.Punct, i, i + 1);
      i++;
      continue;
    }
    // A run of characters the language does not use: one error for the run.
    const start = i;
    while (i < n) {
      const d = source.charCodeAt(i);
      if (
        isSpace(d) ||
        isIdentStart(d) ||
        isDigit(d) ||
        d === 34 ||
        d === 35 ||
        d === 47 ||
        PUNCT.includes(source[i] ?? "")
      )
        break;
      i++;
    }
    if (i === start) i++; // a lone `/`
    const shown = source.slice(start, Math.min(i, start + 20));
    error(start, i, `unexpected character${i - start > 1 ? "s" : ""} ${JSON.stringify(shown)}`);
  }
  tokens.push({ kind: TokenKind.EOF, text: "", start: n, end: n, value: 0, stringValue: "", newlineBefore: true });
  return { tokens, errors };
}
