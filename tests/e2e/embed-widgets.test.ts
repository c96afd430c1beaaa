// <kernel-sync-lab> on a host page: several widgets stepped independently,
// inline scenario text, themes, style isolation, events, and a broken link.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";
import type { KernelSyncLabElement } from "../../web/embed/element";

let page: Page;
const otherHosts: string[] = [];
const { pageErrors } = pagePerTest({
  timeoutMs: 15_000,
  onPage: (p) => {
    page = p;
    otherHosts.length = 0;
    page.on("request", (request) => {
      if (new URL(request.url()).host !== new URL(inject("baseUrl")).host) otherHosts.push(request.url());
    });
  },
});

/** Serves `body` as an HTML page at `path` on the built site's origin (next to kernel-sync-lab.js). */
async function hostPage(path: string, body: string): Promise<string> {
  const url = `${inject("baseUrl")}${path}`;
  await page.route(url, (route) => route.fulfill({ contentType: "text/html; charset=utf-8", body }));
  return url;
}

const TWO_WIDGETS = `<!doctype html>
<html><head><meta charset="utf-8"><title>two widgets</title>
<script src="./kernel-sync-lab.js"></script>
<style>
  button { background: rgb(255, 0, 0) !important; }
  .ksl-root { display: none; }
</style></head>
<body>
  <button class="ksl-btn" id="outside">host button</button>
  <kernel-sync-lab id="a" scenario="abba-deadlock" view="compact" theme="light"></kernel-sync-lab>
  <kernel-sync-lab id="b" scenario="abba-deadlock" view="timeline" theme="dark"></kernel-sync-lab>
  <kernel-sync-lab id="c" step="2" controls="0">
    <script type="text/x-ksync">
      #title "Inline"
      KGUARDED_MUTEX M;
      thread Solo { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
    </script>
  </kernel-sync-lab>
</body></html>`;

function stepCount(id: string) {
  return page.locator(`#${id}`).getByTestId("step-count").textContent();
}

test("two widgets on one page step independently, with their own events", async () => {
  await page.goto(await hostPage("test-two-widgets.html", TWO_WIDGETS));
  await page.evaluate(() => {
    const log: string[] = [];
    (window as unknown as { kslLog: string[] }).kslLog = log;
    for (const el of document.querySelectorAll("kernel-sync-lab")) {
      for (const type of ["ready", "step", "deadlock", "bugcheck"]) {
        el.addEventListener(type, (e) =>
          log.push(`${el.id}:${type}:${(e as CustomEvent<{ state: { step: number } }>).detail.state.step}`),
        );
      }
    }
  });
  await expect.poll(() => stepCount("a"), { timeout: 15_000 }).toBe("0");
  await expect.poll(() => stepCount("b")).toBe("0");

  for (let i = 0; i < 3; i++) await page.locator("#a").getByTestId("step").click();
  await expect.poll(() => stepCount("a")).toBe("3");
  expect(await stepCount("b")).toBe("0");

  // The host API: methods on the element.
  const bState = await page.evaluate(() => document.querySelector<KernelSyncLabElement>("kernel-sync-lab#b")!.step());
  expect(bState.step).toBe(1);
  await expect.poll(() => stepCount("b")).toBe("1");
  expect(await stepCount("a")).toBe("3");
  expect(await page.locator("#b").getByTestId("state-T1").textContent()).toBe("Running");
  expect(await page.locator("#a").getByTestId("state-T1").textContent()).not.toBe("Running");

  // Run widget a into its deadlock: only a reports it.
  await page.evaluate(() => document.querySelector<KernelSyncLabElement>("kernel-sync-lab#a")!.goto(100));
  await expect.poll(() => page.locator("#a").getByTestId("outcome").textContent()).toMatch(/Deadlock/);
  const log = await page.evaluate(() => (window as unknown as { kslLog: string[] }).kslLog);
  expect(log.filter((e) => e.includes(":deadlock:"))).toEqual([expect.stringMatching(/^a:deadlock:\d+$/)]);
  expect(log).toContain("b:step:1");
  expect(log.filter((e) => e.startsWith("a:step:")).length).toBeGreaterThanOrEqual(3);
  expect(await stepCount("b")).toBe("1");

  // Inline scenario text, shown at its step attribute, without controls.
  await expect.poll(() => page.locator("#c").getByTestId("scenario-title").textContent()).toBe("Inline");
  await expect.poll(() => page.locator("#c").getByTestId("owner-M").textContent()).toBe("Solo");
  expect(await page.locator("#c").getByTestId("controls").count()).toBe(0);
  // view=timeline adds the timeline; compact has none.
  expect(await page.locator("#b").locator("canvas").count()).toBe(1);
  expect(await page.locator("#a").locator("canvas").count()).toBe(0);

  expect(pageErrors).toEqual([]);
  expect(otherHosts).toEqual([]);
});

test("the widget's controls work: slider, scheduler and manual picks", async () => {
  await page.goto(await hostPage("test-two-widgets.html", TWO_WIDGETS));
  await expect.poll(() => stepCount("a"), { timeout: 15_000 }).toBe("0");
  const a = page.locator("#a");
  for (let i = 0; i < 4; i++) await a.getByTestId("step").click();
  await expect.poll(() => stepCount("a")).toBe("4");
  await a.getByTestId("step-slider").fill("1");
  await expect.poll(() => stepCount("a")).toBe("1");
  await a.getByTestId("scheduler").selectOption("manual");
  await a.getByTestId("pick-T1").first().click();
  await expect.poll(() => stepCount("a")).toBe("2");
  expect(await stepCount("b")).toBe("0");
  expect(pageErrors).toEqual([]);
});

test("Open in Kernel Sync Lab opens the app at the widget's exact view", async () => {
  await page.goto(await hostPage("test-two-widgets.html", TWO_WIDGETS));
  await expect.poll(() => stepCount("a"), { timeout: 15_000 }).toBe("0");
  for (let i = 0; i < 3; i++) await page.locator("#a").getByTestId("step").click();
  await expect.poll(() => stepCount("a")).toBe("3");
  const popupPromise = page.waitForEvent("popup");
  await page.locator("#a").getByTestId("open-in-app").click();
  const popup = await popupPromise;
  expect(popup.url()).toMatch(/\/index\.html#ksl=1\./);
  await expect.poll(() => popup.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("3");
  expect(await popup.getByTestId("state-T1").textContent()).toBe(
    await page.locator("#a").getByTestId("state-T1").textContent(),
  );
  await popup.close();
});

test("styles do not leak in or out of a widget, and theme= picks the palette", async () => {
  await page.goto(await hostPage("test-two-widgets.html", TWO_WIDGETS));
  await expect.poll(() => stepCount("a"), { timeout: 15_000 }).toBe("0");
  // The host's `button { background: red !important }` and `.ksl-root { display: none }` stay outside.
  const inside = await page
    .locator("#a")
    .getByTestId("step")
    .evaluate((b) => getComputedStyle(b).backgroundColor);
  expect(inside).not.toBe("rgb(255, 0, 0)");
  expect(await page.locator("#a").getByTestId("embed").isVisible()).toBe(true);
  // The widget's .ksl-btn rules do not style the host's button of the same class.
  const outside = await page
    .locator("#outside")
    .evaluate((b) => ({ radius: getComputedStyle(b).borderRadius, padding: getComputedStyle(b).paddingLeft }));
  const widgetButton = await page
    .locator("#a")
    .getByTestId("step")
    .evaluate((b) => ({ radius: getComputedStyle(b).borderRadius, padding: getComputedStyle(b).paddingLeft }));
  expect(outside).not.toEqual(widgetButton);
  // No <style> element was added to the host document.
  expect(await page.evaluate(() => document.querySelectorAll("style").length)).toBe(1);
  const light = await page
    .locator("#a")
    .getByTestId("embed")
    .evaluate((e) => getComputedStyle(e).backgroundColor);
  const dark = await page
    .locator("#b")
    .getByTestId("embed")
    .evaluate((e) => getComputedStyle(e).backgroundColor);
  expect(light).toBe("rgb(244, 245, 247)");
  expect(dark).toBe("rgb(14, 17, 22)");
});

test("a widget with a broken share link says why and offers an editor that recovers", async () => {
  await page.goto(
    await hostPage(
      "test-broken.html",
      `<!doctype html><html><head><script src="./kernel-sync-lab.js"></script></head><body><kernel-sync-lab id="x" share="1.AAAA%%%"></kernel-sync-lab><kernel-sync-lab id="y" scenario="no-such-scenario"></kernel-sync-lab></body></html>`,
    ),
  );
  const problem = page.locator("#x").getByTestId("embed-problem");
  await problem.waitFor({ timeout: 15_000 });
  expect(await problem.textContent()).toMatch(/share link could not be opened: the link is damaged/);
  expect(await page.locator("#y").getByTestId("embed-problem").textContent()).toMatch(
    /no built-in scenario called "no-such-scenario"/,
  );
  const editor = page.locator("#x").getByTestId("embed-editor").locator("textarea");
  await editor.fill("KGUARDED_MUTEX M;\nthread T1 { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }\n");
  await expect.poll(() => stepCount("x"), { timeout: 15_000 }).toBe("0");
  await page.locator("#x").getByTestId("step").click();
  await expect.poll(() => page.locator("#x").getByTestId("owner-M").textContent()).toBe("T1");
  expect(pageErrors).toEqual([]);
});
