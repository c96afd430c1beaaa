// Recursive-descent parser for .ksync. It builds the syntax tree only; names,
// types and ranges are checked by check.ts. Errors inside a statement unwind to
// the enclosing block, which skips to the next `;` or `}` and goes on, so one
// run reports several errors. Recursion depth is bounded: a statement nested
// deeper than Limits.nestingDepth is reported and skipped without recursing.
import type {
  Arg,
  AtInsertion,
  Attribute,
  Block,
  BodyDeclaration,
  Call,
  Declaration,
  Directive,
  ObjectDeclaration,
  ObjectItem,
  ScenarioFile,
  Span,
  Statement,
} from "./ast";
import { TokenKind, type Token } from "./lexer";
import { Limits } from "./program";
import { DIRECTIVES, ROUTINES, TYPE_NAMES, findRoutine } from "./routines";
import { didYouMean } from "./suggest";

export interface ParseError {
  readonly start: number;
  readonly end: number;
  readonly message: string;
  readonly hint: string | null;
}

/** Thrown to unwind to the nearest recovery point. */
class ParseFailure extends Error {}
/** Thrown after the offending tokens have already been skipped: no further recovery needed. */
class AlreadySkipped extends ParseFailure {}
/** Thrown when the error cap or a size limit ends parsing. */
class StopParsing extends Error {}

const OBJECT_TYPES = new Set(["KGUARDED_MUTEX", "FAST_MUTEX", "KSPIN_LOCK", "KEVENT"]);
const BODY_KEYWORDS = new Set(["thread", "apc", "dpc"]);

function describe(token: Token): string {
  switch (token.kind) {
    case TokenKind.EOF:
      return "the end of the file";
    case TokenKind.String:
      return "a string";
    case TokenKind.Number:
      return token.text.length > 20 ? "a number" : token.text;
    default:
      return token.text.length > 40 ? `${token.text.slice(0, 40)}…` : token.text;
  }
}

export class Parser {
  private pos = 0;
  private statements = 0;
  private sawDeclaration = false;
  readonly errors: ParseError[] = [];

  constructor(
    private readonly tokens: readonly Token[],
    private readonly maxErrors: number,
  ) {}

  parseFile(): ScenarioFile {
    const directives: Directive[] = [];
    const declarations: Declaration[] = [];
    try {
      while (!this.atEOF()) {
        const before = this.pos;
        try {
          this.parseTopLevel(directives, declarations);
        } catch (e) {
          if (!(e instanceof ParseFailure)) throw e;
          this.syncTopLevel();
        }
        if (this.pos === before) this.pos++; // never loop without progress
      }
    } catch (e) {
      if (!(e instanceof StopParsing)) throw e;
    }
    return { directives, declarations };
  }

  // ---- tokens --------------------------------------------------------------

  private peek(k = 0): Token {
    const t = this.tokens[Math.min(this.pos + k, this.tokens.length - 1)];
    if (t === undefined) throw new Error("token list is empty"); // lex() always ends with EOF
    return t;
  }

  private previous(): Token {
    return this.tokens[Math.max(0, this.pos - 1)] ?? this.peek();
  }

  private next(): Token {
    const t = this.peek();
    if (this.pos < this.tokens.length - 1) this.pos++;
    return t;
  }

  private atEOF(): boolean {
    return this.peek().kind === TokenKind.EOF;
  }

  private isPunct(c: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === TokenKind.Punct && t.text === c;
  }

  private isWord(word: string, k = 0): boolean {
    const t = this.peek(k);
    return t.kind === TokenKind.Identifier && t.text === word;
  }

  private error(span: Span, message: string, hint: string | null = null): void {
    if (this.errors.length >= this.maxErrors) throw new StopParsing();
    this.errors.push({ start: span.start, end: span.end, message, hint });
  }

  /** Reports and unwinds to the enclosing recovery point. */
  private fail(span: Span, message: string, hint: string | null = null): never {
    this.error(span, message, hint);
    throw new ParseFailure(message);
  }

  private expectPunct(c: string, context: string): Token {
    if (this.isPunct(c)) return this.next();
    if (c === ";" || c === ")") {
      // Point just after the previous token, where the character is missing.
      const prev = this.previous();
      const t = this.peek();
      if (c === ";" && (t.newlineBefore || (t.kind === TokenKind.Punct && t.text === "}"))) {
        // A forgotten `;` at the end of a line: report it and go on as if it were there.
        this.error({ start: prev.end, end: prev.end }, `expected ${c} ${context}`);
        return prev;
      }
      this.fail({ start: prev.end, end: prev.end }, `expected ${c} ${context}`);
    }
    const t = this.peek();
    return this.fail(t, `expected ${c} ${context}, found ${describe(t)}`);
  }

  private expectIdentifier(what: string): Token {
    const t = this.peek();
    if (t.kind === TokenKind.Identifier) return this.next();
    return this.fail(t, `expected ${what}, found ${describe(t)}`);
  }

  // ---- recovery ------------------------------------------------------------

  private isTopLevelStart(t: Token): boolean {
    return (
      t.kind === TokenKind.Directive ||
      (t.kind === TokenKind.Identifier && (OBJECT_TYPES.has(t.text) || BODY_KEYWORDS.has(t.text) || t.text === "at"))
    );
  }

  /** Skips to just after a `;` or a balanced `}`, or to the next declaration keyword. */
  private syncTopLevel(): void {
    let nesting = 0;
    while (!this.atEOF()) {
      const t = this.peek();
      if (nesting === 0 && this.isTopLevelStart(t) && t.newlineBefore) return;
      this.next();
      if (t.kind !== TokenKind.Punct) continue;
      if (t.text === "{") nesting++;
      else if (t.text === "}") {
        nesting = Math.max(0, nesting - 1);
        if (nesting === 0) {
          if (this.isPunct(";")) this.next(); // `KEVENT E = { … };`
          return;
        }
      } else if (t.text === ";" && nesting === 0) return;
    }
  }

  /**
   * Skips the rest of a statement: to just after `;` or a balanced `{ … }`
   * (with a following `else` part), stopping before a `}` that closes the
   * enclosing block or a keyword that starts the next body.
   */
  private skipStatement(): void {
    let nesting = 0;
    while (!this.atEOF()) {
      const t = this.peek();
      if (nesting === 0 && t.kind === TokenKind.Punct && t.text === "}") return;
      if (
        nesting === 0 &&
        t.kind === TokenKind.Identifier &&
        BODY_KEYWORDS.has(t.text) &&
        this.peek(1).kind === TokenKind.Identifier
      )
        return;
      this.next();
      if (t.kind !== TokenKind.Punct) continue;
      if (t.text === "{") nesting++;
      else if ((t.text === "}" && --nesting === 0) || (t.text === ";" && nesting === 0)) {
        if (!this.isWord("else")) return;
      }
    }
  }

  private countStatement(at: Span): void {
    if (++this.statements > Limits.statements) {
      this.error(at, `too many statements (the limit is ${Limits.statements})`);
      throw new StopParsing();
    }
  }

  // ---- top level -----------------------------------------------------------

  private parseTopLevel(directives: Directive[], declarations: Declaration[]): void {
    const t = this.peek();
    if (t.kind === TokenKind.Directive) {
      directives.push(this.parseDirective());
      return;
    }
    if (t.kind === TokenKind.Punct && t.text === "}") {
      this.next();
      this.fail(t, "unbalanced braces: this } has no matching {");
    }
    if (t.kind !== TokenKind.Identifier) this.fail(t, `expected a declaration, found ${describe(t)}`);
    if (OBJECT_TYPES.has(t.text)) {
      declarations.push(this.parseObjects());
      this.sawDeclaration = true;
      return;
    }
    if (BODY_KEYWORDS.has(t.text)) {
      declarations.push(this.parseBody());
      this.sawDeclaration = true;
      return;
    }
    if (t.text === "at") {
      declarations.push(this.parseAt());
      this.sawDeclaration = true;
      return;
    }
    if (t.text === "KIRQL") this.fail(t, "KIRQL variables are locals", "declare them inside a thread, apc or dpc body");
    if (findRoutine(t.text) !== undefined || t.text === "if" || t.text === "repeat" || t.text === "while") {
      this.fail(t, `${t.text} is a statement; statements go inside a thread, apc or dpc body`);
    }
    const hint = didYouMean(t.text, [...TYPE_NAMES, "thread", "apc", "dpc", "at"]);
    this.fail(
      t,
      `expected a declaration (KGUARDED_MUTEX, FAST_MUTEX, KSPIN_LOCK, KEVENT, thread, apc, dpc or at), found ${describe(t)}`,
      hint,
    );
  }

  private parseDirective(): Directive {
    const name = this.next();
    const arg = this.peek();
    const hasArgument =
      !arg.newlineBefore &&
      (arg.kind === TokenKind.String || arg.kind === TokenKind.Number || arg.kind === TokenKind.Identifier);
    if (!DIRECTIVES.includes(name.text)) {
      if (hasArgument) this.next();
      this.fail(
        name,
        `unknown directive ${name.text}`,
        didYouMean(name.text, DIRECTIVES) ?? `directives: ${DIRECTIVES.join(" ")}`,
      );
    }
    if (name.text === "#goal") {
      // The goal's terms are the rest of the line, whatever they are; goal.ts parses them.
      const terms: Token[] = [];
      while (!this.atEOF() && !this.peek().newlineBefore) terms.push(this.next());
      const last = terms[terms.length - 1];
      return {
        name,
        argument: null,
        terms,
        afterDeclaration: this.sawDeclaration,
        start: name.start,
        end: last?.end ?? name.end,
      };
    }
    if (hasArgument) this.next();
    return {
      name,
      argument: hasArgument ? arg : null,
      terms: [],
      afterDeclaration: this.sawDeclaration,
      start: name.start,
      end: hasArgument ? arg.end : name.end,
    };
  }

  private parseObjects(): ObjectDeclaration {
    const type = this.next();
    const items: ObjectItem[] = [];
    for (;;) {
      const name = this.expectIdentifier(`a name for the ${type.text}`);
      let init: ObjectItem["init"] = null;
      if (this.isPunct("=")) {
        const eq = this.next();
        if (type.text !== "KEVENT")
          this.fail(eq, `a ${type.text} takes no initializer`, "it is declared initialized and free");
        const open = this.expectPunct("{", "to start the event initializer { Type, State }");
        const eventType = this.parseArg();
        this.expectPunct(",", "between the event type and the initial state");
        const state = this.parseArg();
        const close = this.expectPunct("}", "to end the event initializer");
        init = { type: eventType, state, span: { start: open.start, end: close.end } };
      }
      items.push({ name, init });
      if (!this.isPunct(",")) break;
      this.next();
    }
    const semi = this.expectPunct(";", `after the ${type.text} declaration`);
    return { kind: "objects", type, items, start: type.start, end: semi.end };
  }

  private parseBody(): BodyDeclaration {
    const keyword = this.next();
    const name = this.expectIdentifier(`a name for the ${keyword.text}`);
    const attributes: Attribute[] = [];
    let attributeSpan: Span | null = null;
    if (this.isPunct("(")) {
      const open = this.next();
      if (!this.isPunct(")")) {
        for (;;) {
          const attrName = this.expectIdentifier("an attribute");
          let value: Arg | null = null;
          if (this.isPunct("=")) {
            this.next();
            value = this.parseArg();
          }
          attributes.push({ name: attrName, value });
          if (!this.isPunct(",")) break;
          this.next();
        }
      }
      const close = this.expectPunct(")", "to end the attribute list");
      attributeSpan = { start: open.start, end: close.end };
    }
    if (!this.isPunct("{")) {
      const t = this.peek();
      this.fail(t, `expected { to start the body of ${keyword.text} ${name.text}, found ${describe(t)}`);
    }
    const body = this.parseBlock(0, `the body of ${keyword.text} ${name.text}`);
    return {
      kind: keyword.text as "thread" | "apc" | "dpc",
      keyword,
      name,
      attributes,
      attributeSpan,
      body,
      start: keyword.start,
      end: body.end,
    };
  }

  private parseAt(): AtInsertion {
    const keyword = this.next();
    this.expectPunct("(", "after at");
    const tick = this.parseArg();
    this.expectPunct(")", "after the tick");
    const name = this.expectIdentifier("KeInsertQueueApc(&Name) or KeInsertQueueDpc(&Name)");
    const call = this.parseCallAfterName(name);
    const semi = this.expectPunct(";", `after ${name.text}(…)`);
    return { kind: "at", keyword, tick, call, start: keyword.start, end: semi.end };
  }

  // ---- bodies and statements -----------------------------------------------

  /** Parses `{ statements }`; the current token is `{`. */
  private parseBlock(depth: number, what: string): Block {
    const open = this.next();
    const statements: Statement[] = [];
    for (;;) {
      const t = this.peek();
      if (t.kind === TokenKind.Punct && t.text === "}") {
        this.next();
        return { statements, open, close: t, start: open.start, end: t.end };
      }
      const startsBody =
        t.kind === TokenKind.Identifier && BODY_KEYWORDS.has(t.text) && this.peek(1).kind === TokenKind.Identifier;
      if (t.kind === TokenKind.EOF || startsBody) {
        // Report at the unclosed `{`; the next declaration (or EOF) ends the block.
        this.error(
          open,
          `unbalanced braces: missing } to close ${what}`,
          startsBody ? `${t.text} ${this.peek(1).text} starts before it is closed` : null,
        );
        return { statements, open, close: t, start: open.start, end: t.start };
      }
      const before = this.pos;
      try {
        const s = this.parseStatement(depth);
        if (s !== null) statements.push(s);
      } catch (e) {
        if (!(e instanceof ParseFailure)) throw e;
        if (!(e instanceof AlreadySkipped)) this.skipStatement();
      }
      if (this.pos === before) this.next(); // never loop without progress
    }
  }

  /** Parses the body of an if/else/repeat/while: one statement or a block. */
  private parseNested(depth: number, what: string): Statement {
    const t = this.peek();
    if (depth + 1 > Limits.nestingDepth) {
      this.error(t, `statements nested more than ${Limits.nestingDepth} levels deep`);
      this.skipStatement();
      throw new AlreadySkipped("nesting");
    }
    if (t.kind === TokenKind.Punct && t.text === "}") this.fail(t, `expected a statement as ${what}, found }`);
    if (t.kind === TokenKind.Punct && t.text === "{") {
      // `repeat (N) { … }`: the braces are the body itself, not one more level.
      this.countStatement(t);
      const block = this.parseBlock(depth + 1, what);
      return { kind: "block", statements: block.statements, close: block.close, start: block.start, end: block.end };
    }
    const s = this.parseStatement(depth + 1);
    if (s === null) this.fail(t, `expected a statement as ${what}`);
    return s;
  }

  private parseStatement(depth: number): Statement | null {
    const t = this.peek();
    this.countStatement(t);
    if (t.kind === TokenKind.Punct) {
      if (t.text === ";") {
        this.next();
        return { kind: "empty", start: t.start, end: t.end };
      }
      if (t.text === "{") {
        if (depth + 1 > Limits.nestingDepth) {
          this.error(t, `statements nested more than ${Limits.nestingDepth} levels deep`);
          this.skipStatement();
          return null;
        }
        const block = this.parseBlock(depth + 1, "this block");
        return { kind: "block", statements: block.statements, close: block.close, start: block.start, end: block.end };
      }
      this.fail(t, `expected a statement, found ${describe(t)}`);
    }
    if (t.kind !== TokenKind.Identifier) this.fail(t, `expected a statement, found ${describe(t)}`);
    if (this.isPunct(":", 1)) return this.parseLabelled(depth);
    switch (t.text) {
      case "if":
        return this.parseIf(depth);
      case "repeat":
        return this.parseRepeat(depth);
      case "while":
        return this.parseWhile(depth);
      case "else":
        return this.fail(t, "else without a matching if");
      case "KIRQL":
        return this.parseLocal();
      case "at":
        return this.fail(
          t,
          "at (T) … is written at top level, outside thread bodies",
          "inside a body, call KeInsertQueueApc(&Name); directly",
        );
      default:
        break;
    }
    if (OBJECT_TYPES.has(t.text)) {
      this.fail(t, `${t.text} objects are global: declare them at top level, before the threads`);
    }
    const after = this.peek(1);
    if (after.kind === TokenKind.Punct && after.text === "=") {
      this.next();
      this.next();
      const callName = this.expectIdentifier("KeRaiseIrqlToDpcLevel()");
      const call = this.parseCallAfterName(callName);
      const semi = this.expectPunct(";", `after ${callName.text}(…)`);
      return { kind: "assign", target: t, call, start: t.start, end: semi.end };
    }
    if (after.kind === TokenKind.Punct && after.text === "(") {
      this.next();
      const call = this.parseCallAfterName(t);
      const semi = this.expectPunct(";", `after ${t.text}(…)`);
      return { kind: "call", call, start: t.start, end: semi.end };
    }
    const routineHint =
      findRoutine(t.text) === undefined
        ? didYouMean(
            t.text,
            ROUTINES.map((r) => r.name),
          )
        : `write ${t.text}(…);`;
    this.fail(t, `expected a statement, found ${describe(t)}`, routineHint);
  }

  /** `Name: statement` — a C label naming the statement that follows (a #goal refers to it). */
  private parseLabelled(depth: number): Statement {
    const label = this.next();
    this.next(); // the `:`
    const t = this.peek();
    if ((t.kind === TokenKind.Punct && t.text === "}") || t.kind === TokenKind.EOF) {
      this.fail(t, `label ${label.text} must be followed by a statement`, `write ${label.text}: Work(1);`);
    }
    const statement = this.parseStatement(depth);
    if (statement === null) this.fail(t, `label ${label.text} must be followed by a statement`);
    return { kind: "labelled", label, statement, start: label.start, end: statement.end };
  }

  private parseIf(depth: number): Statement {
    const keyword = this.next();
    this.expectPunct("(", "after if");
    const c = this.peek();
    if (c.kind === TokenKind.Punct && c.text === "!") {
      this.fail(c, "negated conditions are not supported", "swap the then and else branches");
    }
    if (c.kind !== TokenKind.Identifier || !this.isPunct("(", 1)) {
      this.fail(
        c,
        `expected KeTryToAcquireGuardedMutex(&M) or ExTryToAcquireFastMutex(&F) as the condition, found ${describe(c)}`,
      );
    }
    this.next();
    const condition = this.parseCallAfterName(c);
    this.expectPunct(")", "to end the if condition");
    const then = this.parseNested(depth, "the then branch");
    let elseKeyword: Token | null = null;
    let otherwise: Statement | null = null;
    if (this.isWord("else")) {
      elseKeyword = this.next();
      otherwise = this.parseNested(depth, "the else branch");
    }
    return {
      kind: "if",
      keyword,
      condition,
      then,
      elseKeyword,
      otherwise,
      start: keyword.start,
      end: (otherwise ?? then).end,
    };
  }

  private parseRepeat(depth: number): Statement {
    const keyword = this.next();
    this.expectPunct("(", "after repeat");
    const count = this.parseArg();
    this.expectPunct(")", "to end the repeat count");
    const body = this.parseNested(depth, "the repeat body");
    return { kind: "repeat", keyword, count, body, start: keyword.start, end: body.end };
  }

  private parseWhile(depth: number): Statement {
    const keyword = this.next();
    this.expectPunct("(", "after while");
    const condition = this.parseArg();
    const forever =
      (condition.kind === "name" && condition.name.text === "TRUE") ||
      (condition.kind === "number" && condition.value === 1);
    if (!forever)
      this.error(condition, "only while (TRUE) loops are supported", "use repeat (N) { … } for a bounded loop");
    this.expectPunct(")", "to end the while condition");
    const body = this.parseNested(depth, "the while body");
    return { kind: "while", keyword, body, start: keyword.start, end: body.end };
  }

  private parseLocal(): Statement {
    const type = this.next();
    const names: Token[] = [];
    for (;;) {
      names.push(this.expectIdentifier("a name for the KIRQL local"));
      if (!this.isPunct(",")) break;
      this.next();
    }
    let init: Call | null = null;
    if (this.isPunct("=")) {
      const eq = this.next();
      if (names.length > 1) this.fail(eq, "only a single KIRQL local can be initialized in one declaration");
      const callName = this.expectIdentifier("KeRaiseIrqlToDpcLevel()");
      init = this.parseCallAfterName(callName);
    }
    const semi = this.expectPunct(";", "after the KIRQL declaration");
    return { kind: "local", type, names, init, start: type.start, end: semi.end };
  }

  /** Parses `( args )` after a routine name. */
  private parseCallAfterName(name: Token): Call {
    this.expectPunct("(", `after ${name.text}`);
    const args: Arg[] = [];
    if (!this.isPunct(")")) {
      for (;;) {
        args.push(this.parseArg());
        if (!this.isPunct(",")) break;
        this.next();
      }
    }
    const close = this.expectPunct(")", `to end the arguments of ${name.text}`);
    return { name, args, start: name.start, end: close.end };
  }

  private parseArg(): Arg {
    const t = this.peek();
    if (t.kind === TokenKind.Punct && t.text === "&") {
      this.next();
      const name = this.peek();
      if (name.kind !== TokenKind.Identifier) this.fail(name, `expected a name after &, found ${describe(name)}`);
      this.next();
      return { kind: "address", name, start: t.start, end: name.end };
    }
    if (t.kind === TokenKind.Punct && t.text === "-") {
      this.next();
      const n = this.peek();
      if (n.kind !== TokenKind.Number) this.fail(n, `expected a number after -, found ${describe(n)}`);
      this.next();
      return { kind: "number", value: -n.value, text: `-${n.text}`, start: t.start, end: n.end };
    }
    if (t.kind === TokenKind.Number) {
      this.next();
      return { kind: "number", value: t.value, text: t.text, start: t.start, end: t.end };
    }
    if (t.kind === TokenKind.Identifier) {
      this.next();
      if (t.text === "DIRQL" && this.isPunct("(")) {
        this.next();
        const n = this.peek();
        if (n.kind !== TokenKind.Number)
          this.fail(n, `expected a device level 3..12 in DIRQL(n), found ${describe(n)}`);
        this.next();
        const close = this.expectPunct(")", "after the DIRQL level");
        return { kind: "dirql", value: n.value, valueSpan: n, start: t.start, end: close.end };
      }
      if (this.isPunct("(")) {
        this.fail(
          t,
          `calls cannot be nested inside arguments`,
          t.text === "KeRaiseIrqlToDpcLevel" ? "write old = KeRaiseIrqlToDpcLevel(); first" : null,
        );
      }
      return { kind: "name", name: t, start: t.start, end: t.end };
    }
    return this.fail(t, `expected an argument, found ${describe(t)}`);
  }
}

export function parse(tokens: readonly Token[], maxErrors: number): { file: ScenarioFile; errors: ParseError[] } {
  const parser = new Parser(tokens, maxErrors);
  const file = parser.parseFile();
  return { file, errors: parser.errors };
}
