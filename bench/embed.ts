// `npm run bench` section "embed": the figures of the README's "Embedding"
// section, from a production build (tests/support/site.ts) — what one widget
// transfers (its script, gzipped; the engine is inlined in it), the first
// interactive paint of embed.html on a cold cache in headless Chromium, and
// the length of a typical share link. Prints; asserts no time.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "../tests/e2e/browser";
import { check, kib, load, newPage, percentile, until } from "./chromium";

const FIRST_PAINT_LOADS = 5;
const SHARE_SCENARIO = "abba-deadlock";
const SHARE_AT_STEP = 5;
const WIDGET_BUDGET_BYTES = 150 * 1000;

function widgetSize(siteDir: string): void {
  const script = readFileSync(join(siteDir, "kernel-sync-lab.js"));
  const gzipped = gzipSync(script, { level: constants.Z_BEST_COMPRESSION }).length;
  const wasm = /data:application\/wasm;base64,([A-Za-z0-9+/=]+)/.exec(script.toString("latin1"))?.[1] ?? "";
  check(wasm.length > 1000, "kernel-sync-lab.js holds no inlined engine");
  console.log(
    `\nOne widget, transferred: kernel-sync-lab.js ${kib(script.length)} raw, ${kib(gzipped)} gzipped ` +
      `(target < 150 KB: ${(gzipped / WIDGET_BUDGET_BYTES).toFixed(2)}x); of which the inlined engine: ` +
      `${kib((wasm.length * 3) / 4)} of wasm as ${kib(wasm.length)} base64, ${kib(gzipSync(wasm).length)} gzipped; ` +
      `nothing else is fetched`,
  );
}

/** performance.now() at which each of FIRST_PAINT_LOADS cold loads of embed.html was interactive. */
async function firstPaint(baseUrl: string): Promise<void> {
  const times: number[] = [];
  for (let run = 0; run < FIRST_PAINT_LOADS; run++) {
    // A fresh profile each time: nothing cached, the engine compiled from scratch.
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}embed.html?scenario=${SHARE_SCENARIO}`);
      // data-ready-at: performance.now() two frames after the engine's first state rendered (Step enabled).
      const at = await page
        .locator("kernel-sync-lab[data-ready-at]")
        .getAttribute("data-ready-at", { timeout: 20_000 });
      check(await page.getByTestId("step").isEnabled(), "embed.html is ready but Step is disabled");
      times.push(Number(at));
    } finally {
      await context.close();
    }
  }
  check(
    times.every((t) => t > 0),
    `embed.html reported ready at ${times.join(", ")} ms`,
  );
  console.log(
    `First interactive paint of embed.html, cold cache (engine's first state rendered, Step enabled; target < 1 s): ` +
      `median ${percentile(times, 50).toFixed(0)} ms of ${FIRST_PAINT_LOADS} loads (${times.map((t) => t.toFixed(0)).join(", ")} ms)`,
  );
}

async function shareLinkLength(browser: BrowserContext, baseUrl: string): Promise<void> {
  const page = await newPage(browser);
  await page.goto(`${baseUrl}?scenario=${SHARE_SCENARIO}`);
  const stepCount = async (): Promise<number> => Number(await page.getByTestId("step-count").textContent());
  await until(`${SHARE_SCENARIO} to load`, async () => (await page.getByTestId("step-count").count()) > 0);
  await until(`${SHARE_SCENARIO} at step 0`, async () => (await stepCount()) === 0);
  for (let i = 0; i < SHARE_AT_STEP; i++) await page.getByTestId("step").click();
  await until(`step ${SHARE_AT_STEP}`, async () => (await stepCount()) === SHARE_AT_STEP);
  await page.getByTestId("share").click();
  const link = await page.getByTestId("share-url").inputValue();
  await page.close();
  check(/#ksl=1\./.test(link), `the share link has no #ksl=1. payload: ${link.slice(0, 80)}`);
  const source = readFileSync(`scenarios/${SHARE_SCENARIO}.ksync`, "utf8");
  console.log(
    `A typical share link (${SHARE_SCENARIO}, ${source.length} characters of scenario text, at step ${SHARE_AT_STEP}): ` +
      `${new URL(link).hash.length} characters of hash, ${link.length} with the page address`,
  );
}

/** Runs the section against the built site in `siteDir`, served at `baseUrl`. */
export async function embedBenchmark(browser: BrowserContext, siteDir: string, baseUrl: string): Promise<void> {
  console.log(`\nEmbedding: the widget in headless Chromium, production build; load average ${load()}`);
  widgetSize(siteDir);
  await firstPaint(baseUrl);
  await shareLinkLength(browser, baseUrl);
}
