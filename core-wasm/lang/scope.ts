// The names a scenario declares, as the checker sees them while it lowers a body.
import type { Span } from "./ast";
import type { Token } from "./lexer";
import { ObjectType } from "./program";
import { objectTypeName } from "./routines";

/** A hint, or a function computing it (evaluated only if the error is kept; see Limits.errors). */
export type LazyHint = string | null | (() => string | null);

/** A global name: an object, a thread, an apc or a dpc, with its index in the Program. */
export type Entity =
  | { kind: "object"; index: number; type: ObjectType; token: Token }
  | { kind: "thread"; index: number; token: Token }
  | { kind: "apc"; index: number; token: Token }
  | { kind: "dpc"; index: number; token: Token };

/** A KIRQL local of the body being lowered. */
export interface Local {
  slot: number;
  token: Token;
}

export interface Scope {
  readonly globals: ReadonlyMap<string, Entity>;
  /** Locals of the body being lowered, declared so far. */
  readonly locals: ReadonlyMap<string, Local>;
  namesOf(kind: Entity["kind"], type?: ObjectType): string[];
  error(span: Span, message: string, hint?: LazyHint): void;
}

/** "a KGUARDED_MUTEX", "a thread", "an apc", ... */
export function entityDescription(e: Entity): string {
  switch (e.kind) {
    case "object":
      return `a ${objectTypeName(e.type)}`;
    case "thread":
      return "a thread";
    case "apc":
      return "an apc";
    case "dpc":
      return "a dpc";
  }
}
