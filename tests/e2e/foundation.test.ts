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

test("the built page loads the engine through the facade and shows its ABI version", async () => {
  await page.goto(inject("baseUrl"));
  await expect.poll(() => page.getByTestId("engine-status").textContent(), { timeout: 10_000 }).toBe("Engine ready (ABI 1)");
  expect(otherHostRequests).toEqual([]);
});
