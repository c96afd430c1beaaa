// `#goal` (docs/scenario-language.md, "Goals"): parses the terms on the
// directive's line and resolves their names against the checked scenario.
//
//   goal := term { "and" term }
//   term := "deadlock" | "completed" | "bugcheck" CODE [P1]
//         | THREAD "at" LABEL | THREAD "waits" ">" N | THREAD "owns" OBJECT | APC "delivered"
//
// Runs after every body is lowered, so labels (statement ranges) are known.
import type { Directive, Span } from "./ast";
import { TokenKind, type Token } from "./lexer";
import { GoalKind, Limits, ObjectType, type Goal, type GoalTerm, type ThreadDecl } from "./program";
import { entityDescription, type Entity, type LazyHint } from "./scope";
import { didYouMean } from "./suggest";

const MAX_I32 = 0x7fffffff;
const MAX_U32 = 0xffffffff;
/** Terms that are whole-run outcomes: at most one of them can hold in a state. */
const OUTCOME_WORDS = ["deadlock", "completed", "bugcheck"];
const THREAD_VERBS = ["at", "waits", "owns"];
const EXAMPLE = "for example #goal deadlock, #goal bugcheck 0xC4 or #goal T1 at Inside and T2 at Inside";

export interface GoalScope {
  readonly globals: ReadonlyMap<string, Entity>;
  /** Threads as lowered (labels included); holes where a declaration had errors. */
  readonly threads: readonly (ThreadDecl | undefined)[];
  namesOf(kind: Entity["kind"]): string[];
  error(span: Span, message: string, hint?: LazyHint): void;
  lineOf(offset: number): number;
}

/** Thrown to abandon the goal after its first error (one error per #goal keeps the messages clear). */
class GoalError extends Error {}

function hex(n: number): string {
  return `0x${n.toString(16).toUpperCase()}`;
}

function describe(t: Token): string {
  return t.kind === TokenKind.String ? "a string" : t.text;
}

/** The scenario's goal from its (first, well-placed) #goal directive; null when it has none or it has errors. */
export function resolveGoal(directives: readonly Directive[], scope: GoalScope): Goal | null {
  const directive = directives.find((d) => d.name.text === "#goal");
  // Misplaced or duplicate #goal directives are reported by options.ts.
  if (directive === undefined || directive.afterDeclaration) return null;
  try {
    return new GoalReader(directive, scope).read();
  } catch (e) {
    if (e instanceof GoalError) return null;
    throw e;
  }
}

class GoalReader {
  private pos = 0;
  private readonly tokens: readonly Token[];

  constructor(
    private readonly directive: Directive,
    private readonly scope: GoalScope,
  ) {
    this.tokens = directive.terms;
  }

  private fail(span: Span, message: string, hint: LazyHint = null): never {
    this.scope.error(span, message, hint);
    throw new GoalError(message);
  }

  private peek(): Token | undefined {
    return this.tokens[this.pos];
  }

  /** The next token, or an error just after the last one read. */
  private expect(what: string, hint: LazyHint = null): Token {
    const t = this.tokens[this.pos];
    if (t !== undefined) {
      this.pos++;
      return t;
    }
    const last = this.tokens[this.pos - 1];
    const at = last === undefined ? this.directive.name.end : last.end;
    return this.fail({ start: at, end: at }, `expected ${what} at the end of #goal`, hint);
  }

  read(): Goal {
    if (this.tokens.length === 0) this.fail(this.directive.name, "#goal needs a condition", EXAMPLE);
    const terms: GoalTerm[] = [];
    const spans: Span[] = [];
    let outcome: { text: string; span: Span } | null = null;
    for (;;) {
      const first = this.peek();
      const term = this.term();
      const span: Span = { start: first?.start ?? 0, end: this.tokens[this.pos - 1]?.end ?? 0 };
      if (terms.length >= Limits.goalTerms) this.fail(span, `a goal has at most ${Limits.goalTerms} conditions`);
      const same = terms.findIndex((t) => t.text === term.text);
      if (same >= 0) this.fail(span, `${term.text} is already a condition of this goal`);
      if (term.kind === GoalKind.Deadlock || term.kind === GoalKind.Completed || term.kind === GoalKind.BugCheck) {
        if (outcome !== null)
          this.fail(
            span,
            `${term.text} and ${outcome.text} cannot both hold`,
            "a run ends one way: in a deadlock, completed, or with one bug check",
          );
        outcome = { text: term.text, span };
      }
      terms.push(term);
      spans.push(span);
      const next = this.peek();
      if (next === undefined) break;
      if (next.kind !== TokenKind.Identifier || next.text !== "and")
        this.fail(next, `expected and between goal conditions, found ${describe(next)}`);
      this.pos++;
      if (this.peek() === undefined) this.fail(next, "expected a goal condition after and");
    }
    return {
      text: terms.map((t) => t.text).join(" and "),
      terms,
      line: this.scope.lineOf(this.directive.name.start),
    };
  }

  private term(): GoalTerm {
    const word = this.expect("a goal condition");
    if (word.kind !== TokenKind.Identifier)
      this.fail(word, `expected a goal condition, found ${describe(word)}`, EXAMPLE);
    switch (word.text) {
      case "deadlock":
        return { kind: GoalKind.Deadlock, text: "deadlock", a: 0, b: 0, c: 0 };
      case "completed":
        return { kind: GoalKind.Completed, text: "completed", a: 0, b: 0, c: 0 };
      case "bugcheck":
        return this.bugcheck();
      default:
        return this.named(word);
    }
  }

  private number(what: string, max: number): { value: number; token: Token } {
    const t = this.expect(what);
    if (t.kind !== TokenKind.Number) this.fail(t, `expected ${what}, found ${describe(t)}`);
    if (!(t.value <= max))
      this.fail(t, `${what} must be at most ${max === MAX_U32 ? "0xFFFFFFFF" : max}, got ${t.text}`);
    return { value: t.value, token: t };
  }

  private bugcheck(): GoalTerm {
    const code = this.number("a bug-check code such as 0xC4", MAX_U32).value;
    const next = this.peek();
    if (next !== undefined && next.kind === TokenKind.Number) {
      const p1 = this.number("the first bug-check parameter", MAX_U32).value;
      return { kind: GoalKind.BugCheck, text: `bugcheck ${hex(code)} ${hex(p1)}`, a: code | 0, b: 1, c: p1 | 0 };
    }
    return { kind: GoalKind.BugCheck, text: `bugcheck ${hex(code)}`, a: code | 0, b: 0, c: 0 };
  }

  /** `T at L`, `T waits > N`, `T owns M`, `A delivered`. */
  private named(name: Token): GoalTerm {
    const verb = this.peek();
    const entity = this.scope.globals.get(name.text);
    if (
      verb === undefined ||
      verb.kind !== TokenKind.Identifier ||
      ![...THREAD_VERBS, "delivered"].includes(verb.text)
    ) {
      if (entity === undefined) {
        this.fail(name, `unknown goal condition ${name.text}`, () => {
          const names = [...OUTCOME_WORDS, ...this.scope.namesOf("thread"), ...this.scope.namesOf("apc")];
          return didYouMean(name.text, names) ?? EXAMPLE;
        });
      }
      const verbs = entity.kind === "apc" ? "delivered" : "at, waits or owns";
      const at = verb ?? name;
      this.fail(
        at,
        verb === undefined
          ? `expected ${verbs} after ${name.text}`
          : `expected ${verbs} after ${name.text}, found ${describe(verb)}`,
        entity.kind === "thread" || entity.kind === "apc"
          ? () => (verb !== undefined ? didYouMean(verb.text, [...THREAD_VERBS, "delivered"]) : null)
          : `${name.text} is ${entityDescription(entity)}; goal conditions name a thread or an apc`,
      );
    }
    this.pos++;
    if (verb.text === "delivered") {
      const apc = this.resolve(name, "apc");
      return { kind: GoalKind.Delivered, text: `${name.text} delivered`, a: apc, b: 0, c: 0 };
    }
    const thread = this.resolve(name, "thread");
    if (verb.text === "at") return this.at(name, thread);
    if (verb.text === "waits") {
      const gt = this.expect(">", `write ${name.text} waits > 5`);
      if (gt.kind !== TokenKind.Punct || gt.text !== ">")
        this.fail(gt, `expected > after waits, found ${describe(gt)}`, `write ${name.text} waits > 5`);
      const ticks = this.number("a number of ticks", MAX_I32).value;
      return { kind: GoalKind.Waits, text: `${name.text} waits > ${ticks}`, a: thread, b: ticks, c: 0 };
    }
    return this.owns(name, thread);
  }

  /** Index of the thread (or apc) `name`, or an error with a did-you-mean hint. */
  private resolve(name: Token, kind: "thread" | "apc"): number {
    const e = this.scope.globals.get(name.text);
    if (e === undefined)
      this.fail(name, `undeclared ${kind} ${name.text}`, () => didYouMean(name.text, this.scope.namesOf(kind)));
    if (e.kind !== kind)
      this.fail(name, `${name.text} is ${entityDescription(e)}, not ${kind === "apc" ? "an apc" : "a thread"}`);
    return e.index;
  }

  private at(name: Token, thread: number): GoalTerm {
    const label = this.expect("a label", `label a statement of ${name.text}: Inside: Work(1);`);
    if (label.kind !== TokenKind.Identifier) this.fail(label, `expected a label after at, found ${describe(label)}`);
    const labels = this.scope.threads[thread]?.body.labels ?? [];
    const found = labels.find((l) => l.name === label.text);
    if (found === undefined) {
      this.fail(label, `thread ${name.text} has no label ${label.text}`, () => {
        const near = didYouMean(
          label.text,
          labels.map((l) => l.name),
        );
        if (near !== null) return near;
        const owner = this.scope.threads.find((t) => t?.body.labels.some((l) => l.name === label.text));
        if (owner !== undefined) return `${label.text} labels a statement of thread ${owner.name}`;
        return labels.length > 0
          ? `its labels: ${labels.map((l) => l.name).join(", ")}`
          : `label a statement in its body: ${label.text}: Work(1);`;
      });
    }
    return { kind: GoalKind.At, text: `${name.text} at ${label.text}`, a: thread, b: found.start, c: found.end };
  }

  private owns(name: Token, thread: number): GoalTerm {
    const object = this.expect("an object");
    if (object.kind !== TokenKind.Identifier)
      this.fail(object, `expected a mutex or spin lock after owns, found ${describe(object)}`);
    const e = this.scope.globals.get(object.text);
    if (e === undefined)
      this.fail(object, `undeclared object ${object.text}`, () =>
        didYouMean(object.text, this.scope.namesOf("object")),
      );
    if (e.kind !== "object") this.fail(object, `${object.text} is ${entityDescription(e)}, not a lock`);
    if (e.type === ObjectType.Event)
      this.fail(
        object,
        `KEVENT ${object.text} has no owner`,
        "owns names a guarded mutex, a fast mutex or a spin lock",
      );
    return { kind: GoalKind.Owns, text: `${name.text} owns ${object.text}`, a: thread, b: e.index, c: 0 };
  }
}
