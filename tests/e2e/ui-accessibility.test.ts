// axe-core on the main page, in the states people see most: no serious or
// critical violations, in light and dark colour schemes.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { seriousViolations as violationsIn } from "./axe";
import { launchBrowser } from "./browser";

const seriousViolations = () => violationsIn(page);

let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

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
  // The dialog is a chunk of its own, fetched on first open.
  await page.getByTestId("library").waitFor();
  expect(await seriousViolations()).toEqual([]);
  await page.keyboard.press("Escape");
  await page.getByTestId("library").waitFor({ state: "detached" });
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
