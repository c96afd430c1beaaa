// What the Chromium sections of `npm run bench` share (ui-chromium.ts,
// embed.ts): waiting for a page condition, and the statistics they print.
// They measure; a check here only makes sure the measurement happened (the
// page reached the state being timed), never that a figure is good enough.
import { loadavg } from "node:os";
import type { BrowserContext, Page } from "playwright-core";

/**
 * A new page ready for page.evaluate callbacks written in this TypeScript: tsx compiles with esbuild's
 * keepNames, which wraps named functions in a __name() helper that exists only in Node, so the page gets a
 * stand-in that returns the function as is.
 */
export async function newPage(browser: BrowserContext): Promise<Page> {
  const page = await browser.newPage();
  await page.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
  return page;
}

/** Throws `message` when a measurement did not happen as planned. */
export function check(condition: boolean, message: string): void {
  if (!condition) throw new Error(`measurement failed: ${message}`);
}

/** Polls `probe` every 50 ms until it returns true; throws after `timeoutMs` naming what it waited for. */
export async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`measurement failed: waited ${timeoutMs} ms for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The p-th percentile (nearest rank) of `values`. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

export const ms = (v: number): string => `${v.toFixed(1)} ms`;
export const kib = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KiB`;

/** The load average, one decimal: other work on the machine slows every browser figure. */
export function load(): string {
  return loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");
}
