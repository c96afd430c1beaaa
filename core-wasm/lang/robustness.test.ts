// Property tests: no input, however malformed, makes the compiler throw, hang or
// produce an inconsistent result. Every run either yields diagnostics (and no
// program) or a program that satisfies the engine's structural invariants.
import fc from "fast-check";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { encodeProgram } from "./encode";
import { compileScenario } from "./index";
import { Limits } from "./program";
import { programViolations } from "./test-helpers";

const VALID_SCENARIOS = [
  `// A special kernel APC is queued to Worker1 while it holds a guarded mutex.
#title   "APC held back by a guarded region"
#cpus    1
KGUARDED_MUTEX Lock;
apc Audit (special, target = Worker1) {
    Work(1);
}
thread Worker1 (priority = 8) {
    KeAcquireGuardedMutex(&Lock);
    KeInsertQueueApc(&Audit);      // pending: special APCs are disabled here
    Work(2);
    KeReleaseGuardedMutex(&Lock);  /* leaving the guarded region delivers it */
    Work(1);
}
`,
  `#title "ABBA deadlock"
#verifier deadlock
#windows 2003
KGUARDED_MUTEX A, B;
thread T1 { KeAcquireGuardedMutex(&A); Delay(2); KeAcquireGuardedMutex(&B); KeReleaseGuardedMutex(&B); KeReleaseGuardedMutex(&A); }
thread T2 (start = 1) { KeAcquireGuardedMutex(&B); Delay(2); KeAcquireGuardedMutex(&A); KeReleaseGuardedMutex(&A); KeReleaseGuardedMutex(&B); }
`,
  `#cpus 2
#scheduler random
#seed 0x2A
KSPIN_LOCK S;
FAST_MUTEX F;
KEVENT Ready = { NotificationEvent, FALSE }, Item = { SynchronizationEvent, TRUE };
dpc Tick (cpu = 1) { KeAcquireSpinLockAtDpcLevel(&S); Work(1); KeReleaseSpinLockFromDpcLevel(&S); KeSetEvent(&Ready, 0, FALSE); }
apc Note (user, target = Waiter) { Work(1); }
thread Waiter (priority = 10, affinity = 0, syscall) {
    KIRQL old;
    KeWaitForSingleObject(&Ready, Executive, UserMode, TRUE, NULL);
    KeAcquireSpinLock(&S, &old);
    KeReleaseSpinLock(&S, old);
    if (ExTryToAcquireFastMutex(&F)) { ExReleaseFastMutex(&F); } else Yield();
    repeat (3) { KeWaitForSingleObject(&Item, Executive, KernelMode, FALSE, 5); }
}
thread Spinner (priority = 4) {
    KIRQL old = KeRaiseIrqlToDpcLevel();
    KeLowerIrql(old);
    KeRaiseIrql(DIRQL(5), &old);
    KeLowerIrql(PASSIVE_LEVEL);
    while (TRUE) { Work(1); KeInsertQueueDpc(&Tick); }
}
at (3) KeInsertQueueDpc(&Tick);
at (1) KeInsertQueueApc(&Note);
`,
];

/** The built-in scenario library (scenarios/*.ksync), when present, widens the corpus. */
function libraryScenarios(): string[] {
  const folder = fileURLToPath(new URL("../../scenarios/", import.meta.url));
  if (!existsSync(folder)) return [];
  return readdirSync(folder)
    .filter((f) => f.endsWith(".ksync"))
    .sort()
    .map((f) => readFileSync(join(folder, f), "utf8"));
}

const CORPUS = [...VALID_SCENARIOS, ...libraryScenarios()];

const TOKENS = [
  "{",
  "}",
  "(",
  ")",
  ";",
  ",",
  "&",
  "=",
  "-",
  "!",
  "#",
  "/*",
  "*/",
  "//",
  '"',
  "\n",
  "thread",
  "apc",
  "dpc",
  "at",
  "if",
  "else",
  "repeat",
  "while",
  "KIRQL",
  "KEVENT",
  "KGUARDED_MUTEX",
  "FAST_MUTEX",
  "KSPIN_LOCK",
  "TRUE",
  "FALSE",
  "NULL",
  "0",
  "1",
  "-1",
  "0x10",
  "99999999999999",
  "DIRQL(4)",
  "DISPATCH_LEVEL",
  "old",
  "Lock",
  "A",
  "T1",
  "KeAcquireGuardedMutex(&Lock);",
  "KeLowerIrql(old);",
  "Work(1);",
  "priority = 8",
  "target = Worker1",
  "#cpus 2",
  "€",
  "\u0000",
];

function check(source: string): void {
  const started = performance.now();
  const r = compileScenario(source);
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(2000);
  expect(Array.isArray(r.diagnostics)).toBe(true);
  expect(r.diagnostics.length).toBeLessThanOrEqual(Limits.errors);
  expect(typeof r.title).toBe("string");
  const lines = source.split("\n").length;
  for (const d of r.diagnostics) {
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines);
    expect(d.column).toBeGreaterThanOrEqual(1);
    expect(d.endLine * 1e7 + d.endColumn).toBeGreaterThanOrEqual(d.line * 1e7 + d.column);
    expect(d.message).not.toMatch(/[\r\n]/);
    expect(d.message.length).toBeGreaterThan(0);
  }
  if (r.diagnostics.length > 0) {
    expect(r.program).toBeNull();
  } else {
    expect(r.program).not.toBeNull();
    expect(programViolations(r.program!, lines)).toEqual([]);
    expect(() => encodeProgram(r.program!)).not.toThrow();
  }
}

type Mutation = {
  kind: "delete" | "insert" | "replace" | "token" | "duplicate";
  at: number;
  length: number;
  text: string;
};

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom("delete", "insert", "replace", "token", "duplicate"),
  at: fc.nat(),
  length: fc.integer({ min: 1, max: 40 }),
  text: fc.oneof(fc.string({ maxLength: 4 }), fc.constantFrom(...TOKENS)),
});

function mutate(source: string, m: Mutation): string {
  const at = source.length === 0 ? 0 : m.at % source.length;
  switch (m.kind) {
    case "delete":
      return source.slice(0, at) + source.slice(at + m.length);
    case "insert":
      return source.slice(0, at) + m.text + source.slice(at);
    case "replace":
      return source.slice(0, at) + m.text + source.slice(at + Math.min(m.length, m.text.length || 1));
    case "token": {
      // Replace the word at `at` with a token of the language.
      let start = at;
      while (start > 0 && /\w/.test(source[start - 1] ?? "")) start--;
      let end = at;
      while (end < source.length && /\w/.test(source[end] ?? "")) end++;
      return source.slice(0, start) + TOKENS[m.length % TOKENS.length] + source.slice(end);
    }
    case "duplicate":
      return source.slice(0, at + m.length) + source.slice(at, at + m.length) + source.slice(at + m.length);
  }
}

describe("robustness", () => {
  it("the valid corpus compiles", () => {
    for (const s of CORPUS) {
      expect(compileScenario(s).diagnostics).toEqual([]);
      check(s);
    }
  });

  it("random strings never throw", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 400 }), (s) => check(s)),
      { numRuns: 500 },
    );
  });

  it("random bytes decoded as UTF-8 never throw", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => check(new TextDecoder().decode(bytes))),
      { numRuns: 500 },
    );
  });

  it("random sequences of the language's own tokens never throw", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }), (tokens) => check(tokens.join(" "))),
      { numRuns: 500 },
    );
  });

  it("mutated valid files (deleted, inserted, replaced characters and tokens) never throw", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...VALID_SCENARIOS),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (base, mutations) => check(mutations.reduce(mutate, base)),
      ),
      { numRuns: 500 },
    );
  });

  it("a whole valid file with one character deleted, at every position", () => {
    const base = VALID_SCENARIOS[2]!;
    for (let i = 0; i < base.length; i++) check(base.slice(0, i) + base.slice(i + 1));
  });
});
