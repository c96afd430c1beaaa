// axe-core on the main page, in the states people see most: no serious or
// critical violations, in light and dark colour schemes.
import { createRequire } from "node:module";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser";

const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

async function seriousViolations(): Promise<string[]> {
  // Judge the settled page: a wait-queue entry fading in (260 ms) has low contrast mid-animation.
  // (Endless ones, such as the deadlock cycle's marching dashes, do not change colours.)
  await page.waitForFunction(
    () =>
      document
        .getAnimations()
        .every((a) => a.playState !== "running" || a.effect?.getComputedTiming().endTime === Infinity),
    null,
    { timeout: 5_000 },
  );
  await page.addScriptTag({ path: axePath });
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }
    ).axe;
    const result = await axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target })),
    }));
  });
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} at ${v.nodes
          .map((n) => n.target.join(" "))
          .slice(0, 3)
          .join(", ")}`,
    );
}

async function openAndStep(steps: number): Promise<void> {
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
  for (let i = 0; i < steps; i++) await page.keyboard.press("ArrowRight");
  await expect
    .poll(async () => Number(await page.getByTestId("step-count").textContent()))
    .toBeGreaterThanOrEqual(Math.min(steps, 1));
}

test("main page, mid-run, light theme: no serious or critical axe violations", async () => {
  await page.emulateMedia({ colorScheme: "light" });
  await openAndStep(3);
  expect(await seriousViolations()).toEqual([]);
});

test("deadlocked, dark theme: no serious or critical axe violations", async () => {
  await page.emulateMedia({ colorScheme: "dark" });
  await openAndStep(12);
  expect(await seriousViolations()).toEqual([]);
});

test("library dialog and help overlay: no serious or critical axe violations", async () => {
  await page.emulateMedia({ colorScheme: "light" });
  await openAndStep(0);
  await page.getByTestId("open-library").click();
  expect(await seriousViolations()).toEqual([]);
  await page.keyboard.press("Escape");
  await page.keyboard.press("?");
  await page.getByTestId("help").waitFor();
  expect(await seriousViolations()).toEqual([]);
});

test("blue screen: no serious or critical axe violations", async () => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto(`${inject("baseUrl")}?scenario=guarded-mutex-under-spinlock`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
  for (let i = 0; i < 20 && (await page.getByTestId("bugcheck").count()) === 0; i++)
    await page.keyboard.press("ArrowRight");
  await page.getByTestId("bugcheck").waitFor();
  expect(await seriousViolations()).toEqual([]);
});
