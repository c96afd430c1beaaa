import { describe, expect, it } from "vitest";
import { parseEmbedOptions } from "./options";

const from = (values: Record<string, string>) => parseEmbedOptions((name) => values[name] ?? null);

describe("embed options", () => {
  it("defaults to a compact widget with controls, following the system theme", () => {
    expect(from({})).toEqual({
      options: {
        view: "compact",
        theme: "auto",
        controls: true,
        autoplay: false,
        step: null,
        speed: null,
        scenario: null,
        share: null,
        challenge: null,
        mode: "single",
        left: null,
        right: null,
        preset: null,
      },
      problems: [],
    });
  });

  it("reads every option", () => {
    const { options, problems } = from({
      view: "full",
      theme: "dark",
      controls: "0",
      autoplay: "1",
      step: "12",
      speed: "30",
      scenario: "abba-deadlock",
      share: "1.abc",
      challenge: "deadly-embrace",
      mode: "compare",
      left: "priority-inversion windows=2003",
      right: "priority-inversion windows=8",
      preset: "guarded-vs-fast",
    });
    expect(problems).toEqual([]);
    expect(options).toEqual({
      view: "full",
      theme: "dark",
      controls: false,
      autoplay: true,
      step: 12,
      speed: 30,
      scenario: "abba-deadlock",
      share: "1.abc",
      challenge: "deadly-embrace",
      mode: "compare",
      left: "priority-inversion windows=2003",
      right: "priority-inversion windows=8",
      preset: "guarded-vs-fast",
    });
  });

  it("falls back on bad values and says which", () => {
    const { options, problems } = from({
      view: "huge",
      theme: "pink",
      controls: "maybe",
      step: "-1",
      speed: "fast",
      mode: "split",
    });
    expect(options).toMatchObject({
      view: "compact",
      theme: "auto",
      controls: true,
      step: null,
      speed: null,
      mode: "single",
    });
    expect(problems).toHaveLength(6);
    expect(problems[5]).toMatch(/mode="split" is not one of single, compare; using single/);
    expect(problems[0]).toMatch(/view="huge" is not one of compact, timeline, full/);
    expect(from({ step: "100001" }).problems[0]).toMatch(/step="100001" is not a whole number from 0 to 100000/);
  });
});
