// The widget under a strict Content-Security-Policy: embed.html, a host page
// with <kernel-sync-lab>, and docs.html (every live example) served with the
// policy header; no violation is reported and the widgets work.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";

/** Stricter than the widget needs (script-src 'self' 'wasm-unsafe-eval'): nothing else is allowed at all. */
const CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; connect-src 'self'; frame-src 'self'; base-uri 'none'; form-action 'none'";

let page: Page;
const problems: string[] = [];

// Its own `problems` rather than the helper's pageErrors: page errors and CSP console messages, labelled, in one list.
pagePerTest({
  timeoutMs: 15_000,
  onPage: async (p) => {
    page = p;
    problems.length = 0;
    page.on("pageerror", (err) => problems.push(`pageerror: ${err.message}`));
    page.on("console", (message) => {
      if (/Content[- ]Security[- ]Policy|Refused to/i.test(message.text())) problems.push(`console: ${message.text()}`);
    });
    // Reported in every frame, before any page script runs.
    await page.addInitScript(() => {
      document.addEventListener("securitypolicyviolation", (e) => {
        (window as unknown as { cspViolations: string[] }).cspViolations ??= [];
        (window as unknown as { cspViolations: string[] }).cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
      });
    });
    // Every page of the built site gets the policy header.
    await page.route(`${inject("baseUrl")}**/*.html*`, async (route) => {
      const response = await route.fetch();
      await route.fulfill({ response, headers: { ...response.headers(), "content-security-policy": CSP } });
    });
  },
});

async function violations(p: Page): Promise<string[]> {
  const all: string[] = [];
  for (const frame of p.frames())
    all.push(...(await frame.evaluate(() => (window as unknown as { cspViolations?: string[] }).cspViolations ?? [])));
  return all;
}

test("embed.html works under the strict CSP with no violation", async () => {
  const response = await page.goto(`${inject("baseUrl")}embed.html?scenario=abba-deadlock&view=full&step=2`);
  expect(response?.headers()["content-security-policy"]).toBe(CSP);
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("2");
  await page.getByTestId("step").click();
  await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("3");
  // The styles applied (constructable stylesheets are not blocked): the primary button is coloured.
  expect(await page.getByTestId("step").evaluate((b) => getComputedStyle(b).backgroundColor)).not.toBe(
    "rgba(0, 0, 0, 0)",
  );
  await page.evaluate(() =>
    document.querySelector<HTMLElement & { goto(n: number): unknown }>("kernel-sync-lab")!.goto(100),
  );
  await expect.poll(() => page.getByTestId("outcome").textContent()).toMatch(/Deadlock/);
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("a host page with <kernel-sync-lab> and the same CSP", async () => {
  const url = `${inject("baseUrl")}test-csp-host.html`;
  await page.route(url, (route) =>
    route.fulfill({
      contentType: "text/html; charset=utf-8",
      headers: { "content-security-policy": CSP },
      body: `<!doctype html><html><head><meta charset="utf-8"><script src="./kernel-sync-lab.js" defer></script></head><body>
<kernel-sync-lab id="one" scenario="wait-at-dispatch" view="full" theme="dark"></kernel-sync-lab>
<kernel-sync-lab id="two"><script type="text/x-ksync">KGUARDED_MUTEX M;
thread T { KeAcquireGuardedMutex(&M); KeReleaseGuardedMutex(&M); }</script></kernel-sync-lab></body></html>`,
    }),
  );
  await page.goto(url);
  await expect.poll(() => page.locator("#one").getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  await page.evaluate(() => document.querySelector<HTMLElement & { goto(n: number): unknown }>("#one")!.goto(500));
  await expect
    .poll(() => page.locator("#one").getByTestId("outcome").textContent())
    .toMatch(/0xC4|bug check|Bug check/i);
  await page.locator("#two").getByTestId("step").click();
  await expect.poll(() => page.locator("#two").getByTestId("owner-M").textContent()).toBe("T");
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});

test("docs.html: every live example runs under the strict CSP", async () => {
  await page.goto(`${inject("baseUrl")}docs.html`);
  const widgets = page.locator("kernel-sync-lab");
  // Four in the page, two side-by-side ones (section 8) and the share-link demo.
  await expect.poll(() => widgets.count(), { timeout: 15_000 }).toBe(7);
  for (let i = 0; i < 7; i++)
    await expect.poll(() => widgets.nth(i).getAttribute("data-ready"), { timeout: 15_000 }).toBe("");
  // The first example opens at its step attribute (12), past the step where ABBA deadlocks: it shows the deadlock.
  expect(await page.locator("#demo-element").getByTestId("outcome").textContent()).toMatch(/Deadlock/);
  // The share-link demo: the forced schedule B, B, A leaves B owning M and A waiting.
  const shared = page.locator("#demo-share-slot kernel-sync-lab");
  await expect.poll(() => shared.getByTestId("owner-M").textContent()).toBe("B");
  expect(await page.getByTestId("docs-share-link").getAttribute("href")).toMatch(/index\.html#ksl=1\./);
  // Host API buttons drive the element and log its events.
  await page.locator('[data-element-action="step"]').click();
  const apiStep = () =>
    page.evaluate(() => document.querySelector<HTMLElement & { state: { step: number } }>("#demo-api")!.state.step);
  await expect.poll(apiStep).toBe(1);
  await page.locator('[data-element-action="goto100"]').click();
  await expect.poll(() => page.locator("#demo-api-log").textContent()).toMatch(/deadlock: step \d+/);
  // postMessage buttons drive the iframe; the reply and the malformed-command error are logged.
  // (That frame has controls=0: its position is read from the reply.)
  const frame = page.frameLocator("#demo-frame-api");
  await frame.getByTestId("threads-panel").waitFor();
  await page.locator('[data-frame-command="step"]').click();
  await expect
    .poll(() => page.locator("#demo-frame-log").textContent())
    .toMatch(/"type":"ksl:reply","version":1,"id":1,"ok":true,"state":\{"step":1,/);
  expect(await frame.getByTestId("narration-text").textContent()).toMatch(/^Step 1/);
  await page.locator('[data-frame-command="bad"]').click();
  await expect.poll(() => page.locator("#demo-frame-log").textContent()).toMatch(/"ok":false,"error":"goto needs step/);
  // The iframes were sized from their resize events.
  expect(await page.locator("#demo-iframe").getAttribute("height")).toMatch(/^\d+$/);
  expect(await violations(page)).toEqual([]);
  expect(problems).toEqual([]);
});
