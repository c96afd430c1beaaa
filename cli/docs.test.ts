// docs/cli.md promises that its examples are real output. Every example that
// runs a built-in scenario (no pipe, no comment, no file of its own) is re-run
// here and must print exactly what the page shows, exit code included.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { main } from "./main";

interface Example {
  readonly args: string[];
  readonly shown: string;
  readonly exitCode: number | null;
}

function examples(markdown: string): Example[] {
  const found: Example[] = [];
  for (const block of markdown.matchAll(/```console\n([\s\S]*?)```/g)) {
    const lines = (block[1] ?? "").split("\n");
    let current: { args: string[]; shown: string[]; exitCode: number | null } | null = null;
    const flush = (): void => {
      if (current !== null)
        found.push({ args: current.args, shown: current.shown.join("\n"), exitCode: current.exitCode });
      current = null;
    };
    for (let i = 0; i < lines.length; i++) {
      const line = lines[i] as string;
      if (line === "$ echo $?") {
        const code = Number(lines[++i]);
        if (current !== null) (current as { exitCode: number | null }).exitCode = code;
        continue;
      }
      if (line.startsWith("$ ")) {
        flush();
        const command = line.slice(2);
        const self = /^ksync ([a-z0-9 -]+)$/.test(command) && !/\.ksync\b/.test(command);
        current = { args: self ? command.split(" ").slice(1) : [], shown: [], exitCode: null };
        if (!self) current = null;
        continue;
      }
      if (current !== null) (current as { shown: string[] }).shown.push(line);
    }
    flush();
  }
  return found;
}

const page = readFileSync(new URL("../docs/cli.md", import.meta.url), "utf8");
// The list example is abbreviated; explore reports wall-clock seconds, so its output is not reproducible.
const runnable = examples(page).filter((e) => e.args[0] !== "list" && e.args[0] !== "explore");

describe("docs/cli.md examples", () => {
  it("has examples to check", () => {
    expect(runnable.length).toBeGreaterThanOrEqual(4);
  });

  it.each(runnable.map((e) => [e.args.join(" "), e] as const))(
    "ksync %s prints what the page shows",
    async (_label, example) => {
      let printed = "";
      const code = await main(example.args, { out: (t) => void (printed += t), err: (t) => void (printed += t) });
      expect(printed.trimEnd()).toBe(example.shown.trimEnd());
      if (example.exitCode !== null) expect(code).toBe(example.exitCode);
    },
  );
});
