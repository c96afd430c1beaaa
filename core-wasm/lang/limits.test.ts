// Limits (program.ts) are enforced with clear errors, never a crash, a hang or a deep recursion.
import { describe, expect, it } from "vitest";
import { compileScenario } from "./index";
import { Limits } from "./program";
import { diagnosticsOf } from "./test-helpers";

const TOO_MANY_LOCALS = `too many locals in thread T (the limit is ${Limits.localsPerBody})`;

const messages = (source: string): string[] => compileScenario(source).diagnostics.map((d) => d.message);

describe("limits", () => {
  it("rejects a source over Limits.sourceBytes before lexing, counting UTF-8 bytes", () => {
    const big = `// ${"x".repeat(Limits.sourceBytes)}`;
    expect(diagnosticsOf(big)).toEqual([
      `1:1-1:1 the scenario is too large (at least ${big.length} bytes; the limit is ${Limits.sourceBytes})`,
    ]);
    // 100 000 three-byte characters: under the limit in UTF-16 units, over it in bytes.
    const wide = `// ${"€".repeat(100_000)}`;
    expect(messages(wide)).toEqual([`the scenario is too large (300003 bytes; the limit is ${Limits.sourceBytes})`]);
    expect(compileScenario(`// ${"x".repeat(Limits.sourceBytes - 10)}\n`).diagnostics).toEqual([]);
  });

  it("threads, objects, apcs, dpcs", () => {
    const threads = Array.from({ length: Limits.threads + 1 }, (_, i) => `thread T${i} { }`).join("\n");
    expect(diagnosticsOf(threads)).toEqual([
      `${Limits.threads + 1}:8-${Limits.threads + 1}:11 too many threads (the limit is ${Limits.threads})`,
    ]);
    const okThreads = Array.from({ length: Limits.threads }, (_, i) => `thread T${i} { }`).join("\n");
    expect(compileScenario(okThreads).program?.threads).toHaveLength(Limits.threads);

    const objects = `KSPIN_LOCK ${Array.from({ length: Limits.objects + 1 }, (_, i) => `S${i}`).join(", ")};`;
    expect(messages(objects)).toEqual([`too many objects (the limit is ${Limits.objects})`]);

    const apcs = `thread T { }\n${Array.from({ length: Limits.apcs + 1 }, (_, i) => `apc A${i} (user, target = T) { }`).join("\n")}`;
    expect(messages(apcs)).toEqual([`too many apcs (the limit is ${Limits.apcs})`]);

    const dpcs = Array.from({ length: Limits.dpcs + 1 }, (_, i) => `dpc D${i} { }`).join("\n");
    expect(messages(dpcs)).toEqual([`too many dpcs (the limit is ${Limits.dpcs})`]);
  });

  it("insertions", () => {
    const src = `thread T { }\ndpc D { }\n${"at (1) KeInsertQueueDpc(&D);\n".repeat(Limits.insertions + 1)}`;
    expect(diagnosticsOf(src)).toEqual([
      `${Limits.insertions + 3}:1-${Limits.insertions + 3}:3 too many at insertions (the limit is ${Limits.insertions})`,
    ]);
  });

  it("locals per body, counting the hidden repeat counters", () => {
    const locals = Array.from({ length: Limits.localsPerBody }, (_, i) => `KIRQL l${i};`).join(" ");
    expect(compileScenario(`thread T { ${locals} }`).diagnostics).toEqual([]);
    expect(messages(`thread T { ${locals} KIRQL extra; }`)).toEqual([TOO_MANY_LOCALS]);
    expect(messages(`thread T { ${locals} repeat (2) Work(1); }`)).toEqual([TOO_MANY_LOCALS]);
    // Each repeat has its own counter, even when loops follow one another.
    const loops = (n: number): string => `thread T { ${"repeat (2) Work(1); ".repeat(n)} }`;
    expect(compileScenario(loops(Limits.localsPerBody)).program!.threads[0]!.body.localNames).toEqual(
      Array.from({ length: Limits.localsPerBody }, () => "repeat@1"),
    );
    expect(messages(loops(Limits.localsPerBody + 1))).toEqual([TOO_MANY_LOCALS]);
  });

  it("nesting depth, with braces or single statements, without deep recursion", () => {
    const nested = (n: number): string => `${"repeat (1) { ".repeat(n)}Work(1);${" }".repeat(n)}`;
    expect(compileScenario(`thread T { ${nested(Limits.nestingDepth)} }`).diagnostics).toEqual([]);
    expect(messages(`thread T { ${nested(Limits.nestingDepth + 1)} }`)).toEqual([
      `statements nested more than ${Limits.nestingDepth} levels deep`,
    ]);
    // 100 000 levels: reported once and skipped iteratively.
    const deep = `KGUARDED_MUTEX M;\nthread T { ${"if (KeTryToAcquireGuardedMutex(&M)) ".repeat(5000)}Work(1); }`;
    expect(messages(deep)).toEqual([`statements nested more than ${Limits.nestingDepth} levels deep`]);
    const braces = `thread T { ${"{".repeat(100_000)} }`;
    const d = messages(braces);
    expect(d[0]).toBe("unbalanced braces: missing } to close the body of thread T");
    expect(d).toContain(`statements nested more than ${Limits.nestingDepth} levels deep`);
  });

  it("statements and instructions", () => {
    const statements = `thread T { ${"Work(1);".repeat(Limits.statements + 1)} }`;
    expect(messages(statements)).toEqual([`too many statements (the limit is ${Limits.statements})`]);
    // Fewer statements than the limit can still lower to too many instructions (each if/else adds a Jump).
    const elses = `FAST_MUTEX F;\nthread T { ${"if(ExTryToAcquireFastMutex(&F))Yield();else Yield();".repeat(4200)} }`;
    expect(messages(elses)).toEqual([`too many instructions (the limit is ${Limits.instructions})`]);
    // The limit counts all bodies together (the engine has one code area).
    const half = `{ ${"Yield();".repeat(Limits.instructions / 2)} }`;
    expect(messages(`thread T ${half}\nthread U ${half}`)).toEqual([
      `too many instructions (the limit is ${Limits.instructions})`,
    ]);
  });

  it("numbers too large for their field", () => {
    expect(messages(`thread T { Work(${"9".repeat(30)}); Delay(0x80000000); }`)).toEqual([
      `Work(n) needs n ≥ 1, got ${"9".repeat(30)}`,
      "Delay(n) needs n ≥ 0, got 0x80000000",
    ]);
  });
});
