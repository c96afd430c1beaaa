// Prints the figures the README's "Performance" section reports: one Step
// click to the next frame for library scenarios, the timeline's frame rate
// while zooming and panning 64 threads × 100 000 steps, and the JavaScript
// the app page loads (gzipped). Figures only: the machine is shared, so
// nothing here asserts a time — only that the measurement itself happened.
//
// The site the other e2e tests share (global-setup.ts) is built inside Vitest,
// where NODE_ENV is "test", so it bundles React's development build. The
// figures here are for what users get: this file builds the app once more in
// production mode into a temporary folder and serves that
// (KSYNC_MEASURE_SITE=shared measures the shared site instead).
import { mkdtempSync, rmSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { constants, gzipSync } from "node:zlib";
import { build, preview, type PreviewServer } from "vite";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { launchBrowser } from "./browser";

let browser: BrowserContext;
let server: PreviewServer | undefined;
let outDir: string | undefined;
let baseUrl = "";
const useShared = process.env.KSYNC_MEASURE_SITE === "shared";

beforeAll(async () => {
  if (useShared) baseUrl = inject("baseUrl");
  else {
    outDir = mkdtempSync(join(tmpdir(), "ksync-ui-measure-"));
    // Vite and the React plugin read NODE_ENV itself (a define alone leaves the JSX runtime in development mode).
    const nodeEnv = process.env.NODE_ENV;
    process.env.NODE_ENV = "production";
    try {
      await build({ logLevel: "error", mode: "production", build: { outDir, emptyOutDir: true } });
    } finally {
      if (nodeEnv === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = nodeEnv;
    }
    server = await preview({
      build: { outDir },
      preview: { port: 0, host: "127.0.0.1", strictPort: false },
      logLevel: "warn",
    });
    const address = server.httpServer.address();
    if (!address || typeof address === "string") throw new Error("preview server has no port");
    baseUrl = `http://127.0.0.1:${address.port}/`;
  }
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

const site = () => (useShared ? "the shared e2e site (React development build)" : "a production build");

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

const ms = (v: number) => `${v.toFixed(1)} ms`;
const load = () =>
  loadavg()
    .map((l) => l.toFixed(1))
    .join(" ");

async function openScenario(page: Page, name: string): Promise<void> {
  await page.goto(`${baseUrl}?scenario=${name}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 20_000 });
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 20_000 }).toBe("0");
}

interface StepSample {
  /** Event.timeStamp of the click (when the input reached the page). */
  readonly input: number;
  /** The step counter's text changed (React committed). */
  readonly dom: number;
  /** The next animation frame callback after that commit (the frame that paints it). */
  readonly frame: number;
  /** A task posted from that frame callback: runs once the frame's paint has been produced. */
  readonly painted: number;
}

/** Installs the step probe: a click on Step is followed to the DOM update, the next frame and past its paint. */
async function installStepProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __steps: StepSample[] };
    w.__steps = [];
    let pending: MutationObserver | undefined;
    document.addEventListener(
      "click",
      (event) => {
        // A Step click that changed nothing (the run was already decided) must not claim the next change (a Reset).
        pending?.disconnect();
        const button = (event.target as Element | null)?.closest?.("[data-testid=step]");
        const counter = document.querySelector("[data-testid=step-count]");
        if (!button || !counter) return;
        const input = event.timeStamp;
        const before = counter.textContent;
        const observer = new MutationObserver(() => {
          if (counter.textContent === before) return;
          observer.disconnect();
          const dom = performance.now();
          requestAnimationFrame(() => {
            const frame = performance.now();
            const channel = new MessageChannel();
            channel.port1.onmessage = () => w.__steps.push({ input, dom, frame, painted: performance.now() });
            channel.port2.postMessage(0);
          });
        });
        pending = observer;
        observer.observe(counter, { characterData: true, childList: true, subtree: true });
      },
      { capture: true },
    );
  });
}

const STEP_SCENARIOS = [
  "simple-contention",
  "abba-deadlock",
  "apc-guarded-region",
  "convoy-woken-waiter",
  "lock-convoy-two-cpus",
];
const STEPS_PER_SCENARIO = 30;

test("Step click to painted frame, library scenarios (median and p95 of 30 steps each)", async () => {
  const page = await browser.newPage();
  const rows: string[] = [];
  const all: number[] = [];
  for (const name of STEP_SCENARIOS) {
    await openScenario(page, name);
    await installStepProbe(page);
    const step = page.getByTestId("step");
    // A warm-up step (JIT, first layout of the panels), not counted.
    await step.click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __steps: unknown[] }).__steps.length)).toBe(1);
    let taken = 1;
    let restarts = 0;
    while (taken < STEPS_PER_SCENARIO + 1) {
      if (!(await step.isEnabled())) {
        // The run ended (a deadlock after a few steps): start over and keep stepping — not a measured click.
        await page.getByTestId("reset").click();
        await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("0");
        restarts += 1;
        continue;
      }
      await step.click();
      // A click that finds the run already decided (a deadlock detected without a new step) changes no counter.
      await expect
        .poll(
          async () =>
            (await page.evaluate(() => (window as unknown as { __steps: unknown[] }).__steps.length)) > taken ||
            !(await step.isEnabled()),
        )
        .toBe(true);
      taken = await page.evaluate(() => (window as unknown as { __steps: unknown[] }).__steps.length);
    }
    const samples = (await page.evaluate(() => (window as unknown as { __steps: StepSample[] }).__steps)).slice(
      1,
      STEPS_PER_SCENARIO + 1,
    );
    const toDom = samples.map((s) => s.dom - s.input);
    const toFrame = samples.map((s) => s.frame - s.input);
    const toPaint = samples.map((s) => s.painted - s.input);
    all.push(...toPaint);
    rows.push(
      `| ${name} | ${samples.length}${restarts ? ` (${restarts} resets)` : ""} | ${ms(percentile(toDom, 50))} / ${ms(percentile(toDom, 95))} | ` +
        `${ms(percentile(toFrame, 50))} / ${ms(percentile(toFrame, 95))} | ${ms(percentile(toPaint, 50))} / ${ms(percentile(toPaint, 95))} |`,
    );
    expect(samples).toHaveLength(STEPS_PER_SCENARIO);
    expect(samples.every((s) => s.input <= s.dom && s.dom <= s.frame && s.frame <= s.painted)).toBe(true);
  }
  console.log(
    `[measure] Step click → frame (median / p95; ${site()}, headless Chromium 1440×900, load average ${load()}):\n` +
      `| scenario | steps | click → DOM updated | click → next frame | click → after paint |\n|---|---|---|---|---|\n${rows.join("\n")}\n` +
      `all: click → after paint median ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, ` +
      `${all.filter((v) => v < 16).length} of ${all.length} under 16 ms`,
  );
  await page.close();
}, 180_000);

function manyThreads(count: number): string {
  // Contention, not just spinning: every thread takes one of four guarded mutexes in a loop.
  const mutexes = Array.from({ length: 4 }, (_, i) => `KGUARDED_MUTEX M${i};\n`).join("");
  const threads = Array.from(
    { length: count },
    (_, i) =>
      `thread W${i + 1} (priority = ${1 + (i % 15)}) {\n    while (TRUE) {\n        KeAcquireGuardedMutex(&M${i % 4});\n        Work(1);\n        KeReleaseGuardedMutex(&M${i % 4});\n    }\n}\n`,
  );
  return `#title "Sixty-four contenders"\n#cpus 4\n#scheduler random\n${mutexes}${threads.join("")}`;
}

test("timeline zoom and pan, 64 threads × 100 000 steps: frames per second", async () => {
  const page = await browser.newPage();
  await openScenario(page, "abba-deadlock");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(manyThreads(64));
  await expect
    .poll(() => page.getByTestId("scenario-title").textContent(), { timeout: 20_000 })
    .toBe("Sixty-four contenders");
  await expect.poll(() => page.locator("[data-testid=threads-panel] tbody tr").count()).toBe(64);
  await page.getByTestId("speed").selectOption("Infinity");
  const runStart = Date.now();
  await page.getByTestId("run").click();
  await page.getByTestId("notice").waitFor({ timeout: 240_000 });
  const runSeconds = (Date.now() - runStart) / 1000;
  expect(Number(await page.getByTestId("step-count").textContent())).toBe(100_000);

  const canvas = page.getByTestId("timeline-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = (await canvas.boundingBox())!;
  // Frame probe: every animation frame's time, and every timeline redraw (getContext at its start; a
  // microtask queued there runs when that frame callback returns, so the pair spans one drawTimeline).
  await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __draws: number[]; __stop: boolean };
    w.__frames = [];
    w.__draws = [];
    w.__stop = false;
    const element = document.querySelector("[data-testid=timeline-canvas]") as HTMLCanvasElement;
    const getContext = element.getContext.bind(element) as (id: string) => RenderingContext | null;
    (element as unknown as { getContext: (id: string) => RenderingContext | null }).getContext = (id: string) => {
      const start = performance.now();
      queueMicrotask(() => w.__draws.push(performance.now() - start));
      return getContext(id);
    };
    const tick = (now: number) => {
      w.__frames.push(now);
      if (!w.__stop) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
  const cx = box.x + 96 + (box.width - 112) / 2;
  const cy = box.y + box.height / 2;
  await page.mouse.move(cx, cy);
  const started = Date.now();
  let gestures = 0;
  while (Date.now() - started < 2000) {
    // Zoom in around the centre, pan left and right by dragging, zoom back out.
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, -200);
    await page.mouse.down();
    await page.mouse.move(cx - 200, cy, { steps: 10 });
    await page.mouse.move(cx + 200, cy, { steps: 10 });
    await page.mouse.up();
    await page.mouse.move(cx, cy);
    for (let i = 0; i < 4; i++) await page.mouse.wheel(0, 200);
    gestures += 1;
  }
  const { frames, draws } = await page.evaluate(() => {
    const w = window as unknown as { __frames: number[]; __draws: number[]; __stop: boolean };
    w.__stop = true;
    return { frames: w.__frames, draws: w.__draws };
  });
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  console.log(
    `[measure] timeline, 64 threads × 100 000 steps (run to the budget in ${runSeconds.toFixed(1)} s at full speed), ` +
      `${gestures} rounds of wheel zoom + drag pan over ${seconds.toFixed(2)} s, ${site()}, load average ${load()}:\n` +
      `  ${frames.length - 1} frames → ${((frames.length - 1) / seconds).toFixed(1)} fps; frame interval median ${ms(percentile(intervals, 50))}, ` +
      `p95 ${ms(percentile(intervals, 95))}, max ${ms(Math.max(...intervals))}\n` +
      `  ${draws.length} timeline redraws; drawTimeline median ${ms(percentile(draws, 50))}, p95 ${ms(percentile(draws, 95))}, max ${ms(Math.max(...draws))}`,
  );
  expect(frames.length).toBeGreaterThan(10);
  expect(draws.length).toBeGreaterThan(5);
  await page.close();
}, 300_000);

test("JavaScript the app page loads, gzipped", async () => {
  const page = await browser.newPage();
  const scripts: { url: string; raw: number; gzipped: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const url = response.url();
    if (!/\.m?js(\?|$)/.test(url)) return;
    pending.push(
      response.body().then((body) => {
        scripts.push({
          url: new URL(url).pathname.split("/").pop()!,
          raw: body.length,
          gzipped: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length,
        });
      }),
    );
  });
  await openScenario(page, "abba-deadlock");
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  const total = scripts.reduce((n, s) => n + s.gzipped, 0);
  const raw = scripts.reduce((n, s) => n + s.raw, 0);
  console.log(
    `[measure] index.html (${site()}) loads ${scripts.length} scripts before it is interactive: ${(raw / 1024).toFixed(1)} KiB minified, ${(total / 1024).toFixed(1)} KiB gzipped (-9)\n` +
      scripts
        .map((s) => `  ${s.url}: ${(s.raw / 1024).toFixed(1)} KiB, ${(s.gzipped / 1024).toFixed(1)} KiB gzipped`)
        .join("\n") +
      "\n  (what each package contributes: npx tsx bench/ui-size.ts)",
  );
  expect(scripts.length).toBeGreaterThan(0);
  expect(total).toBeGreaterThan(0);
  await page.close();
});
