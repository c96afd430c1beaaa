// The widget opened from file:// (course notes on a laptop, a downloaded
// slide deck): Chromium refuses module scripts and fetch() there, so the
// widget is a classic script with the engine inlined. A copy of the built
// files in a temporary folder stands in for the reader's disk.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { BrowserContext } from "playwright-core";
import { launchBrowser } from "./browser";

let browser: BrowserContext;
let folder: string;

beforeAll(async () => {
  browser = await launchBrowser();
  folder = mkdtempSync(join(tmpdir(), "ksl-file-"));
  for (const file of ["kernel-sync-lab.js", "embed.html"])
    copyFileSync(join(inject("siteDir"), file), join(folder, file));
  writeFileSync(
    join(folder, "notes.html"),
    `<!doctype html><html><head><meta charset="utf-8"><script src="kernel-sync-lab.js" defer></script></head><body>
<kernel-sync-lab id="el" scenario="abba-deadlock" step="2"></kernel-sync-lab>
<iframe id="frame" src="embed.html?scenario=simple-contention" style="width: 900px; height: 500px"></iframe>
<script>
  window.replies = [];
  addEventListener("message", (e) => { if (e.data && e.data.type === "ksl:reply") replies.push(e.data); });
</script></body></html>`,
  );
});
afterAll(async () => {
  await browser?.close();
});

test("the element and embed.html work from file://, including postMessage", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const errors: string[] = [];
  page.on("pageerror", (err) => errors.push(err.message));
  await page.goto(pathToFileURL(join(folder, "notes.html")).href);
  await expect.poll(() => page.locator("#el").getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("2");
  await page.locator("#el").getByTestId("step").click();
  await expect.poll(() => page.locator("#el").getByTestId("step-count").textContent()).toBe("3");

  const frame = page.frameLocator("#frame");
  await expect.poll(() => frame.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  // A file:// host has the opaque origin "null": without origin= the widget answers to "*".
  await page.evaluate(() =>
    document
      .querySelector<HTMLIFrameElement>("#frame")!
      .contentWindow!.postMessage({ type: "ksl:command", id: 1, command: "goto", step: 3 }, "*"),
  );
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { replies: { id: number; ok: boolean }[] }).replies))
    .toEqual([expect.objectContaining({ id: 1, ok: true })]);
  await expect.poll(() => frame.getByTestId("step-count").textContent()).toBe("3");
  expect(errors).toEqual([]);
  await page.close();
});

test("embed.html and the script work from a deep sub-path of a site (relative URLs only)", async () => {
  const page = await browser.newPage();
  page.setDefaultTimeout(15_000);
  const base = `${inject("baseUrl")}courses/os/week-3/lab/`;
  // The site's files, as a host that publishes dist/ under a sub-path would serve them.
  await page.route(`${base}**`, (route) => {
    const name = new URL(route.request().url()).pathname.slice(new URL(base).pathname.length);
    if (name !== "embed.html" && name !== "kernel-sync-lab.js") return route.fulfill({ status: 404, body: "not here" });
    return route.fulfill({
      contentType: name.endsWith(".js") ? "text/javascript" : "text/html",
      body: readFileSync(join(inject("siteDir"), name)),
    });
  });
  const requested: string[] = [];
  page.on("request", (request) => requested.push(new URL(request.url()).pathname));
  await page.goto(`${base}embed.html?scenario=abba-deadlock&step=3`);
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("3");
  expect(requested).toEqual(["/courses/os/week-3/lab/embed.html", "/courses/os/week-3/lab/kernel-sync-lab.js"]);
  // "Open in Kernel Sync Lab" points at the app in the same folder.
  const popupPromise = page.waitForEvent("popup");
  await page.getByTestId("open-in-app").click();
  expect((await popupPromise).url()).toMatch(/\/courses\/os\/week-3\/lab\/index\.html#ksl=1\./);
  await page.close();
});
