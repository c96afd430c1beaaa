// Saved scenarios live in localStorage: they survive a reload, and corrupted
// data is reported and set aside instead of breaking the page.
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser";

let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function ready(): Promise<void> {
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
}

test("a saved scenario survives a reload and opens again", async () => {
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  await ready();
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(
    '#title "My lock test"\nKGUARDED_MUTEX M;\nthread Solo {\n    KeAcquireGuardedMutex(&M);\n    KeReleaseGuardedMutex(&M);\n}\n',
  );
  await expect.poll(() => page.getByTestId("scenario-title").textContent(), { timeout: 10_000 }).toBe("My lock test");
  await page.getByTestId("open-library").click();
  await page.getByTestId("save-name").fill("My lock test");
  await page.getByTestId("save").click();
  await page.getByTestId("saved-list").waitFor();

  await page.reload();
  await ready();
  expect(await page.getByTestId("scenario-title").textContent()).toBe("ABBA deadlock");
  await page.getByTestId("open-library").click();
  await page.getByTestId("open-saved-My lock test").click();
  await expect.poll(() => page.getByTestId("scenario-title").textContent()).toBe("My lock test");
  await expect.poll(() => page.getByTestId("state-Solo").count()).toBe(1);
  expect(await page.locator(".cm-content").textContent()).toContain("thread Solo");
});

test("corrupted saved data is reported and set aside, never a blank page", async () => {
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  // Corrupt the data only once this page has read it, so the reload below is the first to find it broken.
  await ready();
  await page.evaluate(() => localStorage.setItem("ksl:saved-scenarios:v1", "[{]broken"));
  await page.reload();
  await ready();
  expect(await page.getByTestId("startup-notice").textContent()).toMatch(/corrupted/);
  const keys = await page.evaluate(() => Object.keys(localStorage));
  expect(keys).not.toContain("ksl:saved-scenarios:v1");
  expect(keys.some((k) => k.startsWith("ksl:saved-scenarios:corrupt:"))).toBe(true);
});
