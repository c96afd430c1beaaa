import { describe, expect, it } from "vitest";
import { classifyTokens, classifyWord, HIGHLIGHT_TAGS, ksyncStreamParser, ROUTINES, type StreamLike } from "./index";

describe("token classifier for the editor", () => {
  it("classifies every kind of token", () => {
    const src = `#title "T" // c
KEVENT E = { NotificationEvent, TRUE };
thread W (priority = 0x8) { KIRQL o; KeRaiseIrql(DIRQL(3), &o); @ }`;
    const shown = classifyTokens(src).map((t) => `${src.slice(t.from, t.to)}:${t.cls}`);
    expect(shown).toEqual([
      "#title:directive",
      '"T":string',
      "// c:comment",
      "KEVENT:type",
      "E:identifier",
      "=:operator",
      "{:punctuation",
      "NotificationEvent:constant",
      ",:punctuation",
      "TRUE:constant",
      "}:punctuation",
      ";:punctuation",
      "thread:keyword",
      "W:identifier",
      "(:punctuation",
      "priority:keyword",
      "=:operator",
      "0x8:number",
      "):punctuation",
      "{:punctuation",
      "KIRQL:type",
      "o:identifier",
      ";:punctuation",
      "KeRaiseIrql:routine",
      "(:punctuation",
      "DIRQL:irql",
      "(:punctuation",
      "3:number",
      "):punctuation",
      ",:punctuation",
      "&:operator",
      "o:identifier",
      "):punctuation",
      ";:punctuation",
      "@:invalid",
      "}:punctuation",
    ]);
  });

  it("every routine is classified as a routine; routine names are case-sensitive", () => {
    for (const r of ROUTINES) expect(classifyWord(r.name)).toBe("routine");
    expect(classifyWord("keacquireguardedmutex")).toBe("identifier");
    expect(classifyWord("HIGH_LEVEL")).toBe("irql");
    expect(classifyWord("repeat")).toBe("keyword");
    expect(classifyWord("toString")).toBe("identifier");
  });

  it("works as a CodeMirror StreamParser, carrying block comments across lines", () => {
    const lines = ["thread T { /* a", "still comment", "end */ Work(1); }"];
    const state = ksyncStreamParser.startState();
    const styles: string[][] = [];
    for (const line of lines) {
      const stream: StreamLike = { string: line, pos: 0 };
      const row: string[] = [];
      while (stream.pos < line.length) {
        const start = stream.pos;
        const style = ksyncStreamParser.token(stream, state);
        expect(stream.pos).toBeGreaterThan(start);
        if (style !== null) row.push(`${line.slice(start, stream.pos)}=${style}`);
      }
      styles.push(row);
    }
    expect(styles).toEqual([
      ["thread=keyword", "T=variableName", "{=punctuation", "/* a=comment"],
      ["still comment=comment"],
      [
        "end */=comment",
        "Work=variableName.function",
        "(=punctuation",
        "1=number",
        ")=punctuation",
        ";=punctuation",
        "}=punctuation",
      ],
    ]);
    expect(ksyncStreamParser.copyState(state)).toEqual(state);
    expect(Object.keys(HIGHLIGHT_TAGS)).toHaveLength(13);
  });

  it("routine list carries signatures for hints", () => {
    const wait = ROUTINES.find((r) => r.name === "KeWaitForSingleObject")!;
    expect(wait.signature).toBe("KeWaitForSingleObject(&E, Executive, KernelMode, Alertable, Timeout)");
    expect(ROUTINES.find((r) => r.name === "KeRaiseIrqlToDpcLevel")!.signature).toBe("old = KeRaiseIrqlToDpcLevel()");
    expect(ROUTINES.find((r) => r.name === "KeTryToAcquireGuardedMutex")!.isTry).toBe(true);
    expect(new Set(ROUTINES.map((r) => r.name)).size).toBe(ROUTINES.length);
  });
});
