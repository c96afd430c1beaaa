// The built-in library is complete and well-formed: every file has metadata,
// compiles, documents itself, and §9's teaching scenarios S1–S21 are all there.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileScenario } from "../core-wasm/lang/index";
import { CATALOG, readDirective, scenarios as browserLibrary, TOPICS } from "./index";
import { expectationNames, expectationsOf } from "./library-expectations";
import { findScenario, loadLibrary, scenarioFileNames } from "./node";

const library = loadLibrary();

describe("scenario library", () => {
  it("has at least 26 scenarios with kebab-case names and one catalog entry per .ksync file", () => {
    expect(library.length).toBeGreaterThanOrEqual(26);
    for (const s of library) expect(s.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
    expect(CATALOG.map((m) => m.name).sort()).toEqual(scenarioFileNames());
    expect(new Set(CATALOG.map((m) => m.name)).size).toBe(CATALOG.length);
  });

  it("has one <name>.expect.ts beside each .ksync file, and none without one", () => {
    expect(expectationNames()).toEqual(scenarioFileNames());
  });

  it("includes the scenarios the course refers to by name", () => {
    const required = [
      "abba-deadlock",
      "simple-contention",
      "recursive-acquire",
      "try-acquire-fails",
      "apc-guarded-region",
      "critical-region-apcs",
      "fast-mutex-irql",
      "guarded-mutex-under-spinlock",
      "wait-at-dispatch",
      "release-by-non-owner",
      "release-free-mutex",
      "convoy-woken-waiter",
      "barging-two-cpus",
      "priority-inversion",
      "priority-inversion-autoboost",
      "event-handoff",
      "notification-broadcast",
      "set-event-wait-true",
      "exit-holding-guarded-mutex",
      "unsafe-apc-reentry",
      "fast-mutex-out-of-order",
      "unbalanced-leave",
    ];
    for (const name of required) expect(findScenario(name), name).toBeDefined();
  });

  it("covers every teaching scenario S1–S21 of docs/kernel-semantics.md §9", () => {
    const covered = new Set(CATALOG.map((m) => m.spec).filter((s) => s !== null));
    for (let i = 1; i <= 21; i++) expect(covered.has(`S${i}`), `S${i}`).toBe(true);
  });

  it("files every scenario under one of the topics, and every topic has scenarios", () => {
    for (const topic of TOPICS)
      expect(
        CATALOG.some((m) => m.topic === topic),
        topic,
      ).toBe(true);
    for (const m of CATALOG) expect(TOPICS).toContain(m.topic);
  });

  it("gives the browser (Vite glob) and Node (fs) the same scenarios", () => {
    expect(browserLibrary.map((s) => [s.name, s.source])).toEqual(library.map((s) => [s.name, s.source]));
  });

  it("loads the same list from index.ts in plain Node, where there is no Vite glob", () => {
    const script =
      "const m = await import('./scenarios/index.ts'); console.log(JSON.stringify(m.scenarios.map((s) => s.name)));";
    const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toEqual(library.map((s) => s.name));
  }, 60_000);

  it("finds a scenario with or without the .ksync extension", () => {
    expect(findScenario("abba-deadlock.ksync")?.name).toBe("abba-deadlock");
    expect(findScenario("no-such-scenario")).toBeUndefined();
  });

  describe.each(library.map((s) => [s.name, s] as const))("%s", (name, scenario) => {
    it("compiles without diagnostics, and its title and description are the compiler's", () => {
      const result = compileScenario(scenario.source, { fileName: `${name}.ksync` });
      expect(result.diagnostics).toEqual([]);
      expect(result.program).not.toBeNull();
      expect(scenario.title).toBe(result.title);
      expect(scenario.description).toBe(result.description);
    });

    it("documents itself: #title, a one-paragraph #description, comments", () => {
      expect(readDirective(scenario.source, "title")).not.toBeNull();
      expect(scenario.description.length).toBeGreaterThan(150);
      expect(scenario.source).toMatch(/^\/\/ /m);
      expect(scenario.source.split("\n").filter((l) => l.includes("//")).length).toBeGreaterThanOrEqual(3);
    });

    it("writes out the directives §9 assumes instead of relying on the language defaults", () => {
      for (const directive of ["#cpus", "#verifier", "#windows", "#scheduler"])
        expect(scenario.source).toContain(`${directive} `);
    });

    it("names, in its expected bug checks, lines that occur exactly once", () => {
      const { expected, variants } = expectationsOf(name);
      const expectations = [expected, ...(variants ?? []).map((v) => v.expected)];
      for (const at of expectations.map((e) => e.bugcheck?.at)) {
        if (at !== undefined) expect(scenario.source.split(at).length - 1, at).toBe(1);
      }
    });
  });
});
