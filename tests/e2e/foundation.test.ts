import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser";

let browser: BrowserContext;
let page: Page;
const otherHostRequests: string[] = [];

beforeAll(async () => {
  browser = await launchBrowser();
  page = await browser.newPage();
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.hostname !== "127.0.0.1" && url.protocol !== "data:") otherHostRequests.push(request.url());
  });
});

afterAll(async () => {
  await browser?.close();
});

test("the built page runs a scenario in the wasm engine and shows its state after a step", async () => {
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  // Step 0 comes from the engine's first snapshot: T1 can run, T2 starts at tick 1.
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  await page.getByTestId("step").click();
  // After KeAcquireGuardedMutex(&A) the engine reports T1 running and owning A.
  await expect.poll(() => page.getByTestId("state-T1").textContent()).toBe("Running");
  expect(await page.getByTestId("owner-A").textContent()).toBe("T1");
  expect(await page.getByTestId("count-A").getAttribute("aria-label")).toMatch(/^Count 0x0: LOCK clear, owned/);
  expect(otherHostRequests).toEqual([]);
});
