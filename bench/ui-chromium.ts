// `npm run bench` section "ui": the app in headless Chromium, against a
// production build (tests/support/site.ts) — the figures of the README's
// "Performance" section. One Step click to the next frame for library
// scenarios, the timeline's frame rate while zooming and panning 64 threads
// over the whole step limit, and the scripts index.html loads before it is
// interactive. Prints; asserts no time (the machine is shared).
import { constants, gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { DEFAULT_MAX_STEPS } from "../core-wasm/engine/index";
import { check, kib, load, newPage, ms, percentile, until } from "./chromium";
import { printTable } from "./table";

const STEP_SCENARIOS = [
  "simple-contention",
  "abba-deadlock",
  "apc-guarded-region",
  "convoy-woken-waiter",
  "lock-convoy-two-cpus",
];
const STEPS_PER_SCENARIO = 30;
const TIMELINE_THREADS = 64;
const GESTURE_SECONDS = 2;

const stepCount = async (page: Page): Promise<number> => Number(await page.getByTestId("step-count").textContent());

async function openScenario(page: Page, baseUrl: string, name: string): Promise<void> {
  await page.goto(`${baseUrl}?scenario=${name}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 20_000 });
  await until(`${name} to load at step 0`, async () => (await stepCount(page)) === 0);
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

const samplesTaken = (page: Page): Promise<number> =>
  page.evaluate(() => (window as unknown as { __steps: unknown[] }).__steps.length);

/** Step click → DOM, → next frame, → after its paint, per scenario (median / p95 of STEPS_PER_SCENARIO steps). */
async function stepLatency(browser: BrowserContext, baseUrl: string): Promise<void> {
  const page = await newPage(browser);
  const rows: string[][] = [];
  const all: number[] = [];
  for (const name of STEP_SCENARIOS) {
    await openScenario(page, baseUrl, name);
    await installStepProbe(page);
    const step = page.getByTestId("step");
    // A warm-up step (JIT, first layout of the panels), not counted.
    await step.click();
    await until("the warm-up step", async () => (await samplesTaken(page)) === 1);
    let taken = 1;
    let restarts = 0;
    while (taken < STEPS_PER_SCENARIO + 1) {
      if (!(await step.isEnabled())) {
        // The run ended (a deadlock after a few steps): start over and keep stepping — not a measured click.
        await page.getByTestId("reset").click();
        await until("Reset to step 0", async () => (await stepCount(page)) === 0);
        restarts += 1;
        continue;
      }
      await step.click();
      // A click that finds the run already decided (a deadlock detected without a new step) changes no counter.
      await until("the step's frame", async () => (await samplesTaken(page)) > taken || !(await step.isEnabled()));
      taken = await samplesTaken(page);
    }
    const samples = (await page.evaluate(() => (window as unknown as { __steps: StepSample[] }).__steps)).slice(
      1,
      STEPS_PER_SCENARIO + 1,
    );
    check(samples.length === STEPS_PER_SCENARIO, `${name}: ${samples.length} of ${STEPS_PER_SCENARIO} steps timed`);
    check(
      samples.every((s) => s.input <= s.dom && s.dom <= s.frame && s.frame <= s.painted),
      `${name}: probe times out of order`,
    );
    const toDom = samples.map((s) => s.dom - s.input);
    const toFrame = samples.map((s) => s.frame - s.input);
    const toPaint = samples.map((s) => s.painted - s.input);
    all.push(...toPaint);
    const both = (v: number[]): string => `${ms(percentile(v, 50))} / ${ms(percentile(v, 95))}`;
    rows.push([
      name,
      `${samples.length}${restarts ? ` (${restarts} resets)` : ""}`,
      both(toDom),
      both(toFrame),
      both(toPaint),
    ]);
  }
  await page.close();
  console.log(`\nStep click → frame (median / p95; target < 16 ms to the next frame)\n`);
  printTable(["scenario", "steps", "click → DOM updated", "click → next frame", "click → after paint"], rows);
  console.log(
    `all: click → after paint median ${ms(percentile(all, 50))}, p95 ${ms(percentile(all, 95))}, ` +
      `${all.filter((v) => v < 16).length} of ${all.length} under 16 ms`,
  );
}

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

/** Wheel zoom and drag pan over the timeline of 64 threads run to the step limit: frames per second, redraw times. */
async function timelineFrameRate(browser: BrowserContext, baseUrl: string): Promise<void> {
  const page = await newPage(browser);
  await openScenario(page, baseUrl, "abba-deadlock");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(manyThreads(TIMELINE_THREADS));
  await until(
    "the 64-thread scenario to compile",
    async () => (await page.getByTestId("scenario-title").textContent()) === "Sixty-four contenders",
  );
  await until(
    "64 thread rows",
    async () => (await page.locator("[data-testid=threads-panel] tbody tr").count()) === TIMELINE_THREADS,
  );
  await page.getByTestId("speed").selectOption("Infinity");
  const runStart = Date.now();
  await page.getByTestId("run").click();
  await page.getByTestId("notice").waitFor({ timeout: 240_000 });
  const runSeconds = (Date.now() - runStart) / 1000;
  check((await stepCount(page)) === DEFAULT_MAX_STEPS, `the run stopped at ${await stepCount(page)} steps`);

  const canvas = page.getByTestId("timeline-canvas");
  await canvas.scrollIntoViewIfNeeded();
  const box = await canvas.boundingBox();
  check(box !== null, "no timeline canvas on the page");
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
  const { x, y, width, height } = box!;
  const cx = x + 96 + (width - 112) / 2;
  const cy = y + height / 2;
  await page.mouse.move(cx, cy);
  const started = Date.now();
  let gestures = 0;
  while (Date.now() - started < GESTURE_SECONDS * 1000) {
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
  await page.close();
  check(frames.length > 10, `only ${frames.length} frames recorded`);
  check(draws.length > 5, `only ${draws.length} timeline redraws recorded`);
  const seconds = (frames.at(-1)! - frames[0]!) / 1000;
  const intervals = frames.slice(1).map((t, i) => t - frames[i]!);
  console.log(
    `\nTimeline, ${TIMELINE_THREADS} threads × ${DEFAULT_MAX_STEPS.toLocaleString("en-US")} steps (run to the step limit ` +
      `in ${runSeconds.toFixed(1)} s at full speed), ${gestures} round${gestures === 1 ? "" : "s"} of wheel zoom + drag pan over ${seconds.toFixed(2)} s ` +
      `(target ≥ 30 fps):\n` +
      `  ${frames.length - 1} frames → ${((frames.length - 1) / seconds).toFixed(1)} fps; frame interval median ` +
      `${ms(percentile(intervals, 50))}, p95 ${ms(percentile(intervals, 95))}, max ${ms(Math.max(...intervals))}\n` +
      `  ${draws.length} timeline redraws; drawTimeline median ${ms(percentile(draws, 50))}, ` +
      `p95 ${ms(percentile(draws, 95))}, max ${ms(Math.max(...draws))}`,
  );
}

/** The scripts index.html fetches before it is interactive, as the network saw them (bench/ui-size.ts splits them by package). */
async function scriptsLoaded(browser: BrowserContext, baseUrl: string): Promise<void> {
  const page = await newPage(browser);
  const scripts: { file: string; raw: number; gzipped: number }[] = [];
  const pending: Promise<void>[] = [];
  page.on("response", (response) => {
    const url = response.url();
    if (!/\.m?js(\?|$)/.test(url)) return;
    pending.push(
      response.body().then((body) => {
        scripts.push({
          file: new URL(url).pathname.split("/").pop()!,
          raw: body.length,
          gzipped: gzipSync(body, { level: constants.Z_BEST_COMPRESSION }).length,
        });
      }),
    );
  });
  await openScenario(page, baseUrl, "abba-deadlock");
  await page.waitForLoadState("networkidle");
  await Promise.all(pending);
  await page.close();
  check(scripts.length > 0, "index.html loaded no script");
  const raw = scripts.reduce((n, s) => n + s.raw, 0);
  const gzipped = scripts.reduce((n, s) => n + s.gzipped, 0);
  console.log(`\nScripts index.html fetches before it is interactive (as Chromium received them; gzip -9 per file)\n`);
  printTable(
    ["file", "minified", "gzipped"],
    [...scripts.map((s) => [s.file, kib(s.raw), kib(s.gzipped)]), ["total", kib(raw), kib(gzipped)]],
  );
}

/** Runs the section against the site at `baseUrl` in `browser` (headless Chromium, 1440×900). */
export async function uiChromiumBenchmark(browser: BrowserContext, baseUrl: string): Promise<void> {
  console.log(
    `\nThe app in headless Chromium (1440×900, software rendering), production build; load average ${load()}`,
  );
  await stepLatency(browser, baseUrl);
  await timelineFrameRate(browser, baseUrl);
  await scriptsLoaded(browser, baseUrl);
}
