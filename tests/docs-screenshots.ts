// `npm run screenshots`: retakes docs/screenshots/*.png, the pictures the
// README links to, from a production build of the site (tests/support/site.ts)
// in headless Chromium with the real engine. Not a test: pictures of a UI
// rendered in software differ from machine to machine (fonts, antialiasing),
// so nothing compares them; each shot first checks that the page shows what
// its name says and stops the script if it does not.
//   npm run screenshots                      writes docs/screenshots/
//   npm run screenshots -- --out <folder>    writes elsewhere (to look before replacing)
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { launchBrowser } from "./e2e/browser";
import { buildSite, serveSite } from "./support/site";

const DOCS_SCREENSHOTS = fileURLToPath(new URL("../docs/screenshots/", import.meta.url));

function outputFolder(args: readonly string[]): string {
  const at = args.indexOf("--out");
  if (at < 0) return DOCS_SCREENSHOTS;
  const folder = args[at + 1];
  if (folder === undefined) throw new Error("--out needs a folder");
  return resolve(folder);
}

/** Stops the script when the page does not show what the shot is meant to show. */
function expectShown(condition: boolean, what: string): void {
  if (!condition) throw new Error(`screenshot not taken: the page does not show ${what}`);
}

async function until(what: string, probe: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`screenshot not taken: waited ${timeoutMs} ms for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

interface Shot {
  /** File name without .png. */
  readonly name: string;
  /** Brings the page to the state to picture, checking it got there. */
  readonly stage: (page: Page, baseUrl: string) => Promise<void>;
  readonly viewport?: { readonly width: number; readonly height: number };
}

const stepCount = async (page: Page): Promise<number> => Number(await page.getByTestId("step-count").textContent());

async function open(page: Page, baseUrl: string, scenario: string, scheme: "light" | "dark" = "light"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.goto(`${baseUrl}?scenario=${scenario}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 20_000 });
  await until(`${scenario} at step 0`, async () => (await stepCount(page)) === 0);
}

async function stepTo(page: Page, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await page.keyboard.press("ArrowRight");
  await until(`step ${n}`, async () => (await stepCount(page)) === n);
}

/** Steps (→ key) until `selector` appears, at most `limit` times. */
async function stepUntil(page: Page, selector: string, limit = 30): Promise<void> {
  for (let i = 0; i < limit && (await page.getByTestId(selector).count()) === 0; i++)
    await page.keyboard.press("ArrowRight");
}

/** Opens the side-by-side page (?mode=compare&<query>) with both sides loaded. */
async function openCompare(page: Page, baseUrl: string, query: string, scheme: "light" | "dark"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.goto(`${baseUrl}?mode=compare&${query}`);
  await page.locator('[data-side="left"] tbody tr').first().waitFor({ timeout: 20_000 });
  await page.locator('[data-side="right"] tbody tr').first().waitFor({ timeout: 20_000 });
}

/** Steps both sides of the compare page together. */
async function stepCompare(page: Page, times: number): Promise<void> {
  for (let i = 0; i < times; i++) await page.getByTestId("compare-step").click();
  await until(
    `both sides at step ${times}`,
    async () => Number(await page.getByTestId("left-step").textContent()) === times,
  );
}

/** Opens a challenge (?mode=challenges&challenge=<id>) at step 0. */
async function openChallenge(
  page: Page,
  baseUrl: string,
  id: string,
  scheme: "light" | "dark" = "light",
): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.goto(`${baseUrl}?mode=challenges&challenge=${id}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 20_000 });
  await until(`${id} at step 0`, async () => (await stepCount(page)) === 0);
}

const goalStatus = (page: Page) => page.getByTestId("goal-panel").getAttribute("data-status");

/** Runs `thread`'s next step as the challenge's scheduler. */
async function pick(page: Page, thread: string): Promise<void> {
  const before = await stepCount(page);
  await page.getByTestId(`pick-${thread}`).click();
  await until(`the step picking ${thread}`, async () => (await stepCount(page)) === before + 1);
}

const SHOTS: readonly Shot[] = [
  {
    name: "stepping",
    stage: async (page, base) => {
      await open(page, base, "simple-contention");
      await stepTo(page, 4);
      expectShown((await page.getByTestId("state-H").textContent()) === "Waiting", "H waiting for the mutex");
    },
  },
  {
    name: "deadlock",
    stage: async (page, base) => {
      await open(page, base, "abba-deadlock");
      await stepUntil(page, "outcome");
      expectShown(
        (await page.getByTestId("wait-graph").getAttribute("data-cycle")) === "true",
        "the wait-for cycle of the ABBA deadlock",
      );
    },
  },
  {
    name: "bugcheck",
    stage: async (page, base) => {
      await open(page, base, "guarded-mutex-under-spinlock");
      await stepUntil(page, "bugcheck");
      expectShown((await page.getByTestId("bugcheck-code").textContent()) === "0xC4", "bug check 0xC4");
    },
  },
  {
    name: "dark-theme",
    stage: async (page, base) => {
      await open(page, base, "apc-guarded-region", "dark");
      await stepTo(page, 5);
      const scheme = await page.locator(".ksl-root").evaluate((el) => getComputedStyle(el).colorScheme);
      expectShown(scheme === "dark", "the dark colour scheme");
    },
  },
  {
    name: "manual",
    stage: async (page, base) => {
      await open(page, base, "barging-two-cpus");
      await page.getByTestId("scheduler").selectOption("manual");
      await page.getByTestId("manual-hint").waitFor();
      for (const pick of ["A", "A", "W", "B"]) {
        const before = await stepCount(page);
        await page.getByTestId(`pick-${pick}`).click();
        await until(`the step picking ${pick}`, async () => (await stepCount(page)) === before + 1);
      }
      const runnable = await page.locator("[data-testid=threads-panel] tr[data-runnable=true]").count();
      expectShown(runnable > 0, "threads to pick from");
    },
  },
  {
    name: "narrow",
    viewport: { width: 420, height: 900 },
    stage: async (page, base) => {
      await open(page, base, "abba-deadlock");
      await stepTo(page, 2);
      const editor = await page.getByTestId("editor").boundingBox();
      const threads = await page.getByTestId("threads-panel").boundingBox();
      expectShown(
        editor !== null && threads !== null && threads.y > editor.y + editor.height - 1,
        "the panels stacked below the editor",
      );
    },
  },
  {
    name: "explore",
    stage: async (page, base) => {
      await open(page, base, "abba-deadlock");
      await page.getByTestId("explore-button").click();
      const outcome = page.getByTestId("explore-outcome");
      await outcome.waitFor({ timeout: 30_000 });
      expectShown((await outcome.getAttribute("data-outcome")) === "error-found", "the deadlock the search found");
      await page.getByTestId("explore-replay").click();
      await page.getByTestId("explore-replayed").waitFor();
      expectShown(
        (await page.getByTestId("wait-graph").getAttribute("data-cycle")) === "true",
        "the replayed deadlock's wait-for cycle",
      );
    },
  },
  {
    name: "challenge-list",
    stage: async (page, base) => {
      await page.goto(`${base}?mode=challenges`);
      // A student part-way through: two easy ones done, one of them in the fewest steps.
      await page.evaluate(() =>
        localStorage.setItem(
          "ksl:challenge-progress:v1",
          JSON.stringify({
            "wait-your-turn": { solvedAt: "2026-03-02T10:00:00.000Z", bestSteps: 4 },
            "deadly-embrace": { solvedAt: "2026-03-02T10:20:00.000Z", bestSteps: 6 },
          }),
        ),
      );
      await page.reload();
      await page.getByTestId("done-deadly-embrace").waitFor({ timeout: 20_000 });
      expectShown((await page.locator('[data-done="true"]').count()) === 2, "two challenges marked done");
    },
  },
  {
    name: "challenge-solved",
    stage: async (page, base) => {
      await openChallenge(page, base, "deadly-embrace");
      for (const thread of ["T1", "T2", "T1", "T2"]) await pick(page, thread);
      expectShown((await goalStatus(page)) === "reached", "the goal reached");
    },
  },
  {
    name: "challenge-failed-dark",
    stage: async (page, base) => {
      await openChallenge(page, base, "deadly-embrace", "dark");
      // T1 all the way through first, then T2: no one ever waits, and the run completes without the deadlock.
      while ((await page.getByTestId("pick-T1").count()) > 0) await pick(page, "T1");
      while ((await goalStatus(page)) === "playing") await pick(page, "T2");
      expectShown((await goalStatus(page)) === "failed", "the run ended without the goal");
    },
  },
  {
    name: "challenge-predict",
    stage: async (page, base) => {
      await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
      await page.goto(`${base}?mode=predict&scenario=simple-contention`);
      await page.getByTestId("predict-thread-L").check({ timeout: 20_000 });
      await page.getByTestId("predict-mutex").selectOption("M");
      await page.getByTestId("predict-held").check();
      await page.getByTestId("predict-lock").click();
      await page.getByTestId("predict-thread-L").check();
      await page.getByTestId("predict-lock").click();
      await page.getByTestId("reveal-thread").waitFor();
      await page.getByTestId("predict-thread-H").check();
      expectShown((await page.getByTestId("predict-score").textContent())?.includes("2 / 4") === true, "a score");
    },
  },
  {
    name: "compare-light",
    stage: async (page, base) => {
      await openCompare(page, base, "preset=windows-2003-vs-8", "light");
      await stepCompare(page, 6);
      expectShown((await page.locator('[data-differs="true"]').count()) > 0, "a marked difference");
    },
  },
  {
    name: "compare-dark",
    stage: async (page, base) => {
      await openCompare(page, base, "preset=verifier-off-vs-on", "dark");
      for (let i = 0; i < 10 && (await page.getByTestId("right-outcome").textContent()) === "running"; i++)
        await page.getByTestId("compare-step").click();
      expectShown(
        (await page.getByTestId("right-outcome").textContent())?.includes("bug check 0xC4") === true,
        "the verifier's bug check on the right",
      );
      await page.getByTestId("compare-together").uncheck();
    },
  },
  {
    name: "compare-narrow",
    viewport: { width: 420, height: 900 },
    stage: async (page, base) => {
      await openCompare(page, base, "preset=guarded-vs-fast", "light");
      await stepCompare(page, 2);
    },
  },
  {
    name: "compare-embed",
    viewport: { width: 1100, height: 800 },
    stage: async (page, base) => {
      await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
      await page.goto(`${base}embed.html?mode=compare&preset=windows-2003-vs-8&step=6&theme=light`);
      await page.waitForSelector("kernel-sync-lab[data-ready]");
      await until(
        "a marked difference in the widget",
        async () => (await page.locator("kernel-sync-lab").locator('[data-differs="true"]').count()) > 0,
      );
    },
  },
];

async function main(): Promise<void> {
  const folder = outputFolder(process.argv.slice(2));
  mkdirSync(folder, { recursive: true });
  const site = await buildSite();
  const served = await serveSite(site.dir);
  const browser = await launchBrowser();
  try {
    for (const shot of SHOTS) {
      const page = await browser.newPage();
      // tsx compiles this file with esbuild's keepNames: callbacks sent to the page may call __name().
      await page.addInitScript({ content: "globalThis.__name = (fn) => fn;" });
      try {
        if (shot.viewport) await page.setViewportSize(shot.viewport);
        await shot.stage(page, served.baseUrl);
        await page.mouse.move(0, 0);
        await page.waitForTimeout(300); // let the canvas redraw and transitions settle
        const file = join(folder, `${shot.name}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
      } finally {
        await page.close();
      }
    }
  } finally {
    await browser.close();
    await served.close();
    site.dispose();
  }
}

await main();
