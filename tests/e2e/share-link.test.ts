// Share links on the built site: a round trip reproduces the exact step and
// schedule; hostile or broken links open with a message and the editor.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";
import { decodeSharedView, encodeSharedView, shareTokenFromHash } from "../../web/share/share-link";

let page: Page;
const lab = pagePerTest({
  timeoutMs: 15_000,
  onPage: (p) => {
    page = p;
  },
});
const { pageErrors } = lab;

/** Everything the state panels show, to compare two pages. */
async function visibleState(p: Page): Promise<string> {
  return [
    await p.getByTestId("step-count").textContent(),
    await p.getByTestId("position").textContent(),
    await p.getByTestId("threads-panel").textContent(),
    await p.getByTestId("narration-text").textContent(),
  ].join(" | ");
}

async function shareLink(p: Page): Promise<string> {
  await p.getByTestId("share").click();
  const url = p.getByTestId("share-url");
  await url.waitFor();
  return (await url.inputValue()) ?? "";
}

test("a share link reopens the exact step, scheduler, seed and schedule", async () => {
  await page.goto(`${inject("baseUrl")}?scenario=lock-convoy-two-cpus`);
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  await page.getByTestId("scheduler").selectOption("random");
  await page.getByTestId("seed").fill("7");
  await expect.poll(() => page.getByTestId("seed").inputValue()).toBe("7");
  for (let i = 0; i < 17; i++) await page.getByTestId("step").click();
  await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("17");
  const before = await visibleState(page);
  const link = await shareLink(page);
  console.log(`share link for lock-convoy-two-cpus at step 17 (random, seed 7): ${link.length} characters`);

  const token = shareTokenFromHash(new URL(link).hash);
  expect(token).not.toBeNull();
  const view = await decodeSharedView(token!);
  expect(view).toMatchObject({ scheduler: "random", seed: 7, step: 17, fileName: "lock-convoy-two-cpus.ksync" });
  expect(view.schedule).toHaveLength(17);

  const reopened = await lab.browser.newPage();
  await reopened.goto(link);
  await expect.poll(() => reopened.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("17");
  expect(await reopened.getByTestId("scheduler").inputValue()).toBe("random");
  expect(await reopened.getByTestId("seed").inputValue()).toBe("7");
  expect(await visibleState(reopened)).toBe(before);
  // Sharing the reopened view gives the same view back: same step, same schedule.
  const again = await decodeSharedView(shareTokenFromHash(new URL(await shareLink(reopened)).hash)!);
  expect(again).toEqual(view);
  await reopened.close();
  expect(pageErrors).toEqual([]);
});

test("a forced schedule the scheduler would not pick is replayed as given", async () => {
  // The priority scheduler would run A first; the link forces B, B, then A (which finds M owned and waits).
  const scenario = `#title "Forced"\n#cpus 1\nKGUARDED_MUTEX M;\nthread A { KeAcquireGuardedMutex(&M); Work(2); KeReleaseGuardedMutex(&M); }\nthread B { KeAcquireGuardedMutex(&M); Work(2); KeReleaseGuardedMutex(&M); }\n`;
  const token = await encodeSharedView({
    source: scenario,
    fileName: "forced.ksync",
    scheduler: "manual",
    seed: null,
    schedule: ["B", "B", "A"],
    step: 3,
  });
  await page.goto(`${inject("baseUrl")}#ksl=${token}`);
  await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("3");
  expect(await page.getByTestId("owner-M").textContent()).toBe("B");
  expect(await page.getByTestId("state-A").textContent()).toBe("Waiting");
  expect(pageErrors).toEqual([]);
});

test("hostile and broken links open with a clear message and the editor, never a blank page", async () => {
  const base = inject("baseUrl");
  const validToken = await encodeSharedView({
    source: "thread T1 { Work(1); }\n",
    fileName: "x.ksync",
    scheduler: null,
    seed: null,
    schedule: [],
    step: 0,
  });
  const cases: [string, RegExp][] = [
    ["garbage", /could not be opened: the link is damaged: it does not start with a format version/],
    ["1.garbage!*<script>alert(1)</script>", /could not be opened: the link is damaged: it contains characters/],
    [validToken.slice(0, validToken.length - 6), /could not be opened: the link is damaged/],
    [`9${validToken.slice(1)}`, /newer Kernel Sync Lab \(link format 9/],
    [`1.${"A".repeat(250_000)}`, /too long/],
  ];
  for (const [token, message] of cases) {
    await page.goto(`${base}#ksl=${token}`);
    const notice = page.getByTestId("startup-notice");
    await notice.waitFor({ timeout: 15_000 });
    expect(await notice.textContent()).toMatch(message);
    await page.getByTestId("editor").waitFor();
    // The fallback scenario is loaded and usable.
    await expect.poll(() => page.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
    await page.goto("about:blank");
  }
  // A link to a scenario that does not compile: the text is in the editor with its errors.
  const broken = await encodeSharedView({
    source: "thread T1 { KeAcquireGuardedMutex(&Nope); }\n",
    fileName: "broken.ksync",
    scheduler: null,
    seed: null,
    schedule: [],
    step: 5,
  });
  await page.goto(`${base}#ksl=${broken}`);
  await page.getByTestId("invalid").waitFor({ timeout: 15_000 });
  expect(await page.getByTestId("diagnostics").textContent()).toMatch(/Nope/);
  expect(await page.getByTestId("editor").textContent()).toContain("KeAcquireGuardedMutex(&Nope)");
  expect(pageErrors).toEqual([]);
});
