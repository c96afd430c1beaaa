// Runaway scenarios never freeze the tab: the run goes in slices between
// frames (it can be paused part-way), stops at the step budget with a visible
// message, and the timeline zooms over 64 threads × 100 000 steps.
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

const stepCount = async () => Number(await page.getByTestId("step-count").textContent());

function manyThreads(count: number): string {
  const threads = Array.from(
    { length: count },
    (_, i) => `thread W${i + 1} (priority = ${1 + (i % 15)}) {\n    while (TRUE) {\n        Work(1);\n    }\n}\n`,
  );
  return `#title "Sixty-four spinners"\n#cpus 4\n#scheduler random\n${threads.join("")}`;
}

test("64 looping threads run to the step budget without freezing; the timeline zooms over them", async () => {
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(manyThreads(64));
  await expect
    .poll(() => page.getByTestId("scenario-title").textContent(), { timeout: 15_000 })
    .toBe("Sixty-four spinners");
  await expect.poll(() => page.locator("[data-testid=threads-panel] tbody tr").count()).toBe(64);
  await page.getByTestId("speed").selectOption("Infinity");
  // The run goes in slices between frames: part-way through, the page shows where it is and a Pause
  // click is handled (one synchronous run of 100 000 steps would show nothing until the end, and the
  // click would land after it). How smooth it is, in frames per second, is `npm run bench -- ui`.
  await page.getByTestId("run").click();
  await expect.poll(stepCount, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByTestId("run").click();
  await expect.poll(() => page.getByTestId("run").getAttribute("aria-pressed")).toBe("false");
  const paused = await stepCount();
  expect(paused).toBeGreaterThan(0);
  expect(paused).toBeLessThan(100_000);
  expect(await page.getByTestId("notice").count()).toBe(0);

  await page.getByTestId("run").click();
  await page.getByTestId("notice").waitFor({ timeout: 120_000 });
  expect(await page.getByTestId("notice").textContent()).toMatch(/step budget/);
  expect(await stepCount()).toBe(100_000);

  // Zoom and pan over the whole run: each redraw only touches the visible range.
  const canvas = page.getByTestId("timeline-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const before = await canvas.screenshot();
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, -240);
  await expect.poll(async () => (await canvas.screenshot()).equals(before)).toBe(false);
  for (let i = 0; i < 6; i++) await page.mouse.wheel(0, 240);
  // Clicking the timeline jumps there.
  await page.mouse.click(box.x + 96 + (box.width - 112) / 2, box.y + 20);
  await expect.poll(async () => Number(await page.getByTestId("step-count").textContent())).toBeLessThan(100_000);
});
