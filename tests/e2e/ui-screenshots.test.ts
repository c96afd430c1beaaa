// Screenshots for the docs (docs/screenshots/*.png), taken from the built site
// with the real engine. Each shot first checks the page shows what its name says.
import { mkdirSync } from "node:fs";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser, screenshotDir } from "./browser";

const outDir = screenshotDir;

let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  mkdirSync(outDir, { recursive: true });
  browser = await launchBrowser();
  page = await browser.newPage();
});
afterAll(async () => {
  await browser?.close();
});

async function open(scenario: string, scheme: "light" | "dark" = "light"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.goto(`${inject("baseUrl")}?scenario=${scenario}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
}

async function stepTo(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(async () => Number(await page.getByTestId("step-count").textContent())).toBe(n);
}

async function shoot(name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.waitForTimeout(300); // let the canvas redraw and transitions settle
  await page.screenshot({ path: `${outDir}${name}.png`, fullPage: true });
}

test("stepping: simple contention mid-run", async () => {
  await open("simple-contention");
  await stepTo(4);
  expect(await page.getByTestId("state-H").textContent()).toBe("Waiting");
  await shoot("stepping");
});

test("deadlock: ABBA with the wait-for cycle", async () => {
  await open("abba-deadlock");
  for (let i = 0; i < 30 && (await page.getByTestId("outcome").count()) === 0; i++)
    await page.keyboard.press("ArrowRight");
  expect(await page.getByTestId("wait-graph").getAttribute("data-cycle")).toBe("true");
  await shoot("deadlock");
});

test("bug check: guarded mutex under a spin lock", async () => {
  await open("guarded-mutex-under-spinlock");
  for (let i = 0; i < 30 && (await page.getByTestId("bugcheck").count()) === 0; i++)
    await page.keyboard.press("ArrowRight");
  expect(await page.getByTestId("bugcheck-code").textContent()).toBe("0xC4");
  await shoot("bugcheck");
});

test("dark theme: APC held back by a guarded region", async () => {
  await open("apc-guarded-region", "dark");
  await stepTo(5);
  expect(await page.locator(".ksl-root").evaluate((el) => getComputedStyle(el).colorScheme)).toBe("dark");
  await shoot("dark-theme");
});

test("manual scheduler: you pick who runs on two CPUs", async () => {
  await open("barging-two-cpus");
  await page.getByTestId("scheduler").selectOption("manual");
  await page.getByTestId("manual-hint").waitFor();
  for (const pick of ["A", "A", "W", "B"]) {
    const before = Number(await page.getByTestId("step-count").textContent());
    await page.getByTestId(`pick-${pick}`).click();
    await expect.poll(async () => Number(await page.getByTestId("step-count").textContent())).toBe(before + 1);
  }
  expect(await page.locator("[data-testid=threads-panel] tr[data-runnable=true]").count()).toBeGreaterThan(0);
  await shoot("manual");
});

test("narrow screen: the panels stack", async () => {
  await page.setViewportSize({ width: 420, height: 900 });
  await open("abba-deadlock");
  await stepTo(2);
  const editor = (await page.getByTestId("editor").boundingBox())!;
  const threads = (await page.getByTestId("threads-panel").boundingBox())!;
  expect(threads.y).toBeGreaterThan(editor.y + editor.height - 1);
  await shoot("narrow");
  await page.setViewportSize({ width: 1440, height: 900 });
});
