// Runaway scenarios never freeze the tab: the run goes in slices between
// frames, stops at the step budget with a visible message, and the timeline
// stays responsive with 64 threads over 100 000 steps.
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

/** Records the longest gap between animation frames while `action` runs. */
async function longestFrameGap(action: () => Promise<void>): Promise<number> {
  await page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __stop: boolean };
    w.__gaps = [];
    w.__stop = false;
    let last = performance.now();
    const tick = (now: number) => {
      w.__gaps.push(now - last);
      last = now;
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  await action();
  return page.evaluate(() => {
    const w = window as unknown as { __gaps: number[]; __stop: boolean };
    w.__stop = true;
    return Math.max(...w.__gaps);
  });
}

function manyThreads(count: number): string {
  const threads = Array.from(
    { length: count },
    (_, i) => `thread W${i + 1} (priority = ${1 + (i % 15)}) {\n    while (TRUE) {\n        Work(1);\n    }\n}\n`,
  );
  return `#title "Sixty-four spinners"\n#cpus 4\n#scheduler random\n${threads.join("")}`;
}

test("64 looping threads run to the step budget without freezing; zoom stays smooth", async () => {
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
  const gap = await longestFrameGap(async () => {
    await page.getByTestId("run").click();
    await page.getByTestId("notice").waitFor({ timeout: 120_000 });
  });
  expect(await page.getByTestId("notice").textContent()).toMatch(/step budget/);
  expect(Number(await page.getByTestId("step-count").textContent())).toBe(100_000);
  // Slices are bounded by wall time, so frames keep coming while it runs (one synchronous run of
  // 100 000 steps would block for seconds; the bound leaves room for a machine shared with other work).
  expect(gap, `longest gap between frames while running: ${gap.toFixed(0)} ms`).toBeLessThan(1000);

  // Zoom and pan over the whole run: each redraw only touches the visible range.
  const canvas = page.getByTestId("timeline-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  const zoomGap = await longestFrameGap(async () => {
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, -240);
    for (let i = 0; i < 12; i++) await page.mouse.wheel(0, 240);
  });
  expect(zoomGap, `longest gap between frames while zooming: ${zoomGap.toFixed(0)} ms`).toBeLessThan(500);
  // Clicking the timeline jumps there.
  await page.mouse.click(box.x + 96 + (box.width - 112) / 2, box.y + 20);
  await expect.poll(async () => Number(await page.getByTestId("step-count").textContent())).toBeLessThan(100_000);
});
