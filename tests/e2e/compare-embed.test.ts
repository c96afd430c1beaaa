// Side by side in the widget: <kernel-sync-lab mode="compare"> on docs.html
// (driven through the host API) and embed.html?mode=compare (configured by
// the URL), with the difference marked inside the shadow root, attribute
// problems reported, and axe in light and dark.
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations } from "./axe";
import { pagePerTest } from "./browser";

let page: Page;
const lab = pagePerTest({
  timeoutMs: 20_000,
  onPage: (p) => {
    page = p;
  },
});

interface SideState {
  step: number;
  outcome: string | null;
}
type CompareState = SideState & { left: SideState; right: SideState };

test("docs.html: the element compares a hang with a verifier bug check, driven by the host API", async () => {
  await page.goto(`${inject("baseUrl")}docs.html#compare`);
  const widget = page.locator("#demo-compare-sides");
  await page.waitForSelector("#demo-compare-sides[data-ready]");
  const ready = await widget.evaluate((el) => (el as unknown as { state: CompareState }).state);
  expect(ready.left.step).toBe(0);
  expect(ready.right.step).toBe(0);

  const after = await widget.evaluate((el) => (el as unknown as { step(n: number): CompareState }).step(12));
  // Each side stops where its run ends: a deadlock on the left, 0xC4 on the right.
  expect(after.left.outcome).toBe("deadlock");
  expect(after.right.outcome).toBe("bugcheck");
  expect(after.step).toBe(after.left.step);

  const outcome = widget.locator('[data-side="right"] [data-diff-key="outcome"]');
  expect(await outcome.getAttribute("data-differs")).toBe("true");
  expect(await outcome.textContent()).toContain("bug check 0xC4");
  expect(await widget.locator('[data-testid="differences"] li').first().textContent()).toBe(
    "Outcome: deadlock vs bug check 0xC4",
  );

  // The preset example on the same page is independent of this one.
  const preset = page.locator("#demo-compare");
  await page.waitForSelector("#demo-compare[data-ready]");
  expect(await preset.evaluate((el) => (el as unknown as { state: CompareState }).state.right.step)).toBe(2);
  expect(
    await preset.locator('[data-side="left"] [data-diff-key="thread:Worker:irql"]').getAttribute("data-differs"),
  ).toBe("true");
  expect(lab.pageErrors).toEqual([]);
});

test("embed.html?mode=compare: sides from the URL, settings as words, stepping and the step event", async () => {
  await page.goto(
    `${inject("baseUrl")}embed.html?mode=compare&left=priority-inversion-autoboost+windows=2003&right=priority-inversion-autoboost+windows=8+verifier=on&view=full`,
  );
  const widget = page.locator("kernel-sync-lab");
  await page.waitForSelector("kernel-sync-lab[data-ready]");
  expect(await widget.locator('[data-testid="right-windows"]').inputValue()).toBe("8");
  expect(await widget.locator('[data-testid="right-verifier"]').inputValue()).toBe("on");
  expect(await widget.locator('[data-testid="left-windows"]').inputValue()).toBe("2003");
  await widget.evaluate((el) => {
    el.addEventListener(
      "step",
      (e) => ((window as unknown as { lastStep: unknown }).lastStep = (e as CustomEvent).detail),
    );
  });
  await widget.locator('[data-testid="compare-step"]').click();
  await expect
    .poll(() =>
      page.evaluate(() => (window as unknown as { lastStep?: { state: CompareState } }).lastStep?.state.right.step),
    )
    .toBe(1);
  expect(await widget.locator('[data-testid="code-view"]').count()).toBe(2);
  expect(lab.pageErrors).toEqual([]);
});

test("embed.html: a side that names no built-in scenario, or a bad setting, is reported", async () => {
  await page.goto(`${inject("baseUrl")}embed.html?mode=compare&left=abba-deadlock+windows=7&right=no-such-scenario`);
  const widget = page.locator("kernel-sync-lab");
  await widget.locator('[data-testid="compare-problem"]').waitFor();
  expect(await widget.locator('[data-testid="compare-problem"]').textContent()).toBe(
    'There is no built-in scenario called "no-such-scenario".',
  );
  expect(await widget.locator('[data-testid="option-problems"]').textContent()).toContain(
    "left: windows=7 is not 2003 or 8",
  );
});

test("axe: the compare widget has no serious or critical violations, light and dark", async () => {
  for (const theme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.goto(`${inject("baseUrl")}embed.html?mode=compare&preset=windows-2003-vs-8&step=6&theme=${theme}`);
    await page.waitForSelector("kernel-sync-lab[data-ready]");
    const widget = page.locator("kernel-sync-lab");
    await expect.poll(() => widget.locator('[data-differs="true"]').count()).toBeGreaterThan(0);
    expect(await seriousViolations(page), theme).toEqual([]);
  }
});
