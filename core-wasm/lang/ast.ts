// The syntax tree the parser builds and the checker lowers to a Program.
// Every node keeps source offsets (start inclusive, end exclusive) for errors.
import type { Token } from "./lexer";

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** One argument of a call, as written. */
export type Arg =
  | (Span & { kind: "address"; name: Token }) // &Name
  | (Span & { kind: "name"; name: Token }) // Name (a constant, a local, ...)
  | (Span & { kind: "number"; value: number; text: string }) // 12, 0x10, -1
  | (Span & { kind: "dirql"; value: number; valueSpan: Token }); // DIRQL(n)

export interface Call extends Span {
  readonly name: Token;
  readonly args: Arg[];
}

export type Statement =
  | (Span & { kind: "call"; call: Call }) // Routine(args);
  | (Span & { kind: "assign"; target: Token; call: Call }) // old = KeRaiseIrqlToDpcLevel();
  | (Span & { kind: "local"; type: Token; names: Token[]; init: Call | null }) // KIRQL a, b; / KIRQL old = KeRaiseIrqlToDpcLevel();
  | (Span & {
      kind: "if";
      keyword: Token;
      condition: Call;
      then: Statement;
      elseKeyword: Token | null;
      otherwise: Statement | null;
    })
  | (Span & { kind: "repeat"; keyword: Token; count: Arg; body: Statement })
  | (Span & { kind: "while"; keyword: Token; body: Statement })
  | (Span & { kind: "block"; statements: Statement[]; close: Token })
  | (Span & { kind: "labelled"; label: Token; statement: Statement }) // Inside: Work(3);
  | (Span & { kind: "empty" });

export interface Block extends Span {
  readonly statements: Statement[];
  readonly open: Token;
  /** The closing brace (or the EOF token when it is missing). */
  readonly close: Token;
}

export interface Attribute {
  readonly name: Token;
  /** `= value`, absent for flags (`syscall`, `special`, ...). */
  readonly value: Arg | null;
}

export interface Directive extends Span {
  readonly name: Token;
  readonly argument: Token | null;
  /** `#goal` only: every token after the name on its line (the goal's terms). */
  readonly terms: readonly Token[];
  /** True when a declaration came before it (an error). */
  readonly afterDeclaration: boolean;
}

export interface ObjectItem {
  readonly name: Token;
  /** KEVENT initializer `{ Type, State }`. */
  readonly init: { type: Arg; state: Arg; span: Span } | null;
}

export interface ObjectDeclaration extends Span {
  readonly kind: "objects";
  readonly type: Token;
  readonly items: ObjectItem[];
}

export interface BodyDeclaration extends Span {
  readonly kind: "thread" | "apc" | "dpc";
  readonly keyword: Token;
  readonly name: Token;
  readonly attributes: Attribute[];
  readonly attributeSpan: Span | null;
  readonly body: Block;
}

export interface AtInsertion extends Span {
  readonly kind: "at";
  readonly keyword: Token;
  readonly tick: Arg;
  readonly call: Call;
}

export type Declaration = ObjectDeclaration | BodyDeclaration | AtInsertion;

export interface ScenarioFile {
  readonly directives: Directive[];
  readonly declarations: Declaration[];
}
