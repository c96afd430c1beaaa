// Prints the figures the README's "Embedding" section reports: what one
// widget transfers (the script, gzipped; the engine is inside it), the first
// interactive paint of an embed in headless Chromium, and a typical share
// link's length. Figures only: nothing here asserts a time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync, constants } from "node:zlib";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "./browser";

let browser: BrowserContext;

beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

test("size of one widget: the embed script (engine included), gzipped", async () => {
  const script = readFileSync(join(inject("siteDir"), "kernel-sync-lab.js"));
  const gzipped = gzipSync(script, { level: constants.Z_BEST_COMPRESSION }).length;
  const wasm = /data:application\/wasm;base64,([A-Za-z0-9+/=]+)/.exec(script.toString("latin1"))?.[1] ?? "";
  console.log(
    `[measure] kernel-sync-lab.js: ${(script.length / 1024).toFixed(1)} KiB raw, ${(gzipped / 1024).toFixed(1)} KiB gzipped ` +
      `(of which the inlined engine: ${((wasm.length * 3) / 4 / 1024).toFixed(1)} KiB of wasm as ${(wasm.length / 1024).toFixed(1)} KiB base64, ` +
      `${(gzipSync(wasm).length / 1024).toFixed(1)} KiB gzipped); nothing else is fetched`,
  );
  expect(gzipped).toBeGreaterThan(0);
  expect(wasm.length).toBeGreaterThan(1000);
});

test("first interactive paint of embed.html (cold cache, median of 5)", async () => {
  const times: number[] = [];
  for (let run = 0; run < 5; run++) {
    const context = await launchBrowser();
    const page = await context.newPage();
    await page.goto(`${inject("baseUrl")}embed.html?scenario=abba-deadlock`);
    // data-ready-at: performance.now() two frames after the engine's first state rendered (Step enabled).
    const at = await page.locator("kernel-sync-lab[data-ready-at]").getAttribute("data-ready-at", { timeout: 20_000 });
    expect(await page.getByTestId("step").isEnabled()).toBe(true);
    times.push(Number(at));
    await context.close();
  }
  console.log(
    `[measure] embed.html first interactive paint: median ${median(times)} ms (runs: ${times.join(", ")} ms; headless Chromium, this machine, local server)`,
  );
  expect(times.every((t) => t > 0)).toBe(true);
});

test("length of a typical share link", async () => {
  const page = await browser.newPage();
  await page.goto(`${inject("baseUrl")}?scenario=abba-deadlock`);
  await page.getByTestId("step").waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  for (let i = 0; i < 5; i++) await page.getByTestId("step").click();
  await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("5");
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-url").inputValue();
  const source = readFileSync("scenarios/abba-deadlock.ksync", "utf8");
  console.log(
    `[measure] share link of abba-deadlock (${source.length} characters of scenario text) at step 5: ${new URL(link).hash.length} characters of hash, ${link.length} with the page address`,
  );
  expect(link).toMatch(/#ksl=1\./);
  await page.close();
});
