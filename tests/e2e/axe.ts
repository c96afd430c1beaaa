// axe-core in the page under test: the serious and critical violations of the
// whole document, as one line each ("serious color-contrast: … at <targets>"),
// so a failing expect(...).toEqual([]) says what and where.
import { createRequire } from "node:module";
import type { Page } from "playwright-core";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

interface AxeViolation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

export async function seriousViolations(page: Page): Promise<string[]> {
  // Judge the settled page: an entry fading in (a wait queue's, 260 ms) has low contrast mid-animation.
  // Endless animations (the deadlock cycle's marching dashes) do not change colours.
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
    null,
    { timeout: 5_000 },
  );
  await page.addScriptTag({ path: axePath });
  const violations: AxeViolation[] = await page.evaluate(async () => {
    type Result = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.map((n) => n.target.join(" ")),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.impact} ${v.id}: ${v.help} at ${v.targets.slice(0, 3).join(", ")}`);
}
