// The challenge and predict modes on the built site with the real compiler,
// engine and explorer worker: a challenge solved (steps used, the shortest
// from the explorer, a solution link that reopens it to watch), one failed and
// stepped back, predict-then-reveal scoring, progress kept and damaged
// progress set aside, and axe in light and dark. (The docs/ pictures of these
// modes are taken by tests/docs-screenshots.ts.)
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { seriousViolations as violationsIn } from "./axe";
import { pagePerTest } from "./browser";

let page: Page;
const lab = pagePerTest({
  timeoutMs: 15_000,
  onPage: (p) => {
    page = p;
  },
});

async function open(query: string, scheme: "light" | "dark" = "light"): Promise<void> {
  await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
  await page.goto(`${inject("baseUrl")}?${query}`);
}

/** Opens a challenge and waits for step 0 of its simulator. */
async function openChallenge(id: string, scheme: "light" | "dark" = "light", hash = ""): Promise<void> {
  await open(`mode=challenges&challenge=${id}${hash}`, scheme);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor();
  await page.getByTestId("goal-panel").waitFor();
}

const stepCount = async () => Number(await page.getByTestId("step-count").textContent());
const goalStatus = () => page.getByTestId("goal-panel").getAttribute("data-status");

/** Runs `thread`'s next step as the scheduler, by clicking it in the threads table. */
async function pick(thread: string): Promise<void> {
  const before = await stepCount();
  await page.getByTestId(`pick-${thread}`).click();
  await expect.poll(stepCount).toBe(before + 1);
}

async function seriousViolations(options: { readonly keepMouse?: boolean } = {}): Promise<string[]> {
  // The mouse out of the way unless the hover is what is checked.
  if (!options.keepMouse) await page.mouse.move(0, 0);
  return violationsIn(page);
}

test("one's own challenge: solved in the fewest steps, the explorer agrees, and the solution link replays it", async () => {
  await openChallenge("own");
  expect(await page.getByTestId("challenge-title").textContent()).toBe("My challenge: both workers inside");
  expect(await page.getByTestId("goal-term").allTextContents()).toEqual([
    "Worker1 at Inside (does not hold yet)",
    "Worker2 at Inside (does not hold yet)",
  ]);
  await pick("Worker1");
  expect(await goalStatus()).toBe("playing");
  expect(await page.getByTestId("goal-status").textContent()).toContain("1 of 2 conditions hold now");
  await pick("Worker2");
  expect(await goalStatus()).toBe("reached");
  expect(await page.getByTestId("steps-used").textContent()).toBe("2");
  // The explorer's breadth-first goal search, in its worker, finds no shorter schedule.
  await expect
    .poll(() => page.getByTestId("shortest").textContent(), { timeout: 30_000 })
    .toContain("That is the shortest possible");

  await page.getByTestId("solution-link").click();
  const link = await page.getByTestId("solution-url").inputValue();
  expect(link).toMatch(/\?mode=challenges&challenge=own#ksl=1\./);
  await page.goto(link);
  await page.getByTestId("watching").waitFor();
  await expect.poll(goalStatus).toBe("reached");
  expect(await stepCount()).toBe(2);
  expect(await page.getByTestId("state-Worker2").textContent()).toBe("Running");
  expect(await page.getByTestId("state-Worker1").textContent()).toBe("Ready");
  expect(lab.pageErrors).toEqual([]);
});

test("a run that ends without the goal says so; stepping back resumes the challenge", async () => {
  await openChallenge("own");
  // Worker1 alone through its critical section: it leaves before Worker2 gets in.
  for (let i = 0; i < 4; i++) await pick("Worker1");
  await pick("Worker2");
  await pick("Worker2");
  await pick("Worker2");
  await expect.poll(goalStatus).toBe("failed");
  expect(await page.getByTestId("goal-failed").textContent()).toContain("Not this way — step back.");
  expect(await page.getByTestId("goal-failed").textContent()).toContain("Every thread finished");
  // The way out has the focus: Enter steps back.
  await page.keyboard.press("Enter");
  await expect.poll(stepCount).toBe(6);
  expect(await goalStatus()).toBe("playing");
  // Back to where Worker1 was still inside, then the other order.
  for (let i = 0; i < 4; i++) await page.getByTestId("step-back").click();
  await expect.poll(stepCount).toBe(2);
  await pick("Worker2");
  await expect.poll(goalStatus).toBe("reached");
  expect(await page.getByTestId("steps-used").textContent()).toBe("3");
  await expect
    .poll(() => page.getByTestId("shortest").textContent(), { timeout: 30_000 })
    .toContain("The shortest possible is 2 steps");
  expect(lab.pageErrors).toEqual([]);
});

test("predict, then reveal: who runs and the Count word, scored as the steps are taken", async () => {
  await open("mode=predict&scenario=simple-contention");
  await page.getByTestId("predict-form").waitFor();
  // Step 1: L runs and takes M by the fast path (Count 0x1 → 0x0).
  await page.getByTestId("predict-thread-L").check();
  await page.getByTestId("predict-mutex").selectOption("M");
  await page.getByTestId("predict-held").check();
  await page.getByTestId("predict-lock").click();
  await page.getByTestId("predict-reveal").waitFor();
  expect(await page.getByTestId("reveal-thread").getAttribute("data-right")).toBe("true");
  expect(await page.getByTestId("reveal-count").getAttribute("data-right")).toBe("true");
  expect(await page.getByTestId("predict-score").textContent()).toContain("2 / 2");
  // Step 2, keyboard only: the guess "L again, M unchanged" (the Count fields start from the word as it is).
  expect(await page.getByTestId("predict-value").textContent()).toBe("= 0x0");
  await page.getByTestId("predict-thread-L").focus();
  await page.keyboard.press("Space");
  await page.keyboard.press("Enter");
  // But the higher-priority H starts, preempts L and blocks on M: a waiter (0x0 → 0x4).
  await expect.poll(() => page.getByTestId("reveal-thread").textContent()).toContain("H ran; you said L.");
  expect(await page.getByTestId("reveal-thread").getAttribute("data-right")).toBe("false");
  expect(await page.getByTestId("reveal-count").textContent()).toContain("M.Count is 0x4: held, 1 waiter");
  expect(await page.getByTestId("reveal-count").getAttribute("data-right")).toBe("false");
  expect(await page.getByTestId("predict-value").textContent()).toBe("= 0x4");
  expect(await page.getByTestId("predict-score").textContent()).toContain("2 / 4");
  expect(await page.getByTestId("step-count").textContent()).toBe("2");
  expect(lab.pageErrors).toEqual([]);
});

test("predict mode inside a challenge asks only about the Count: the student is the scheduler", async () => {
  await openChallenge("own");
  await page.getByTestId("predict-toggle").click();
  await page.getByTestId("predict-panel").waitFor();
  expect(await page.getByRole("group", { name: /Who runs/ }).count()).toBe(0);
  await page.getByTestId("predict-mutex").selectOption("Lock");
  await page.getByTestId("predict-held").check();
  await page.getByTestId("predict-lock").click();
  expect(await page.getByTestId("predict-pending").textContent()).toContain("Now run a thread");
  await pick("Worker1");
  expect(await page.getByTestId("reveal-count").getAttribute("data-right")).toBe("true");
  expect(lab.pageErrors).toEqual([]);
});

test("axe: the list, a challenge playing (light), failed (dark), solved (dark), and predict mode (light and dark)", async () => {
  for (const scheme of ["light", "dark"] as const) {
    await open("mode=challenges", scheme);
    await page.getByTestId("challenge-list").waitFor();
    expect(await seriousViolations()).toEqual([]);
  }
  await openChallenge("own", "light");
  await pick("Worker1");
  expect(await seriousViolations()).toEqual([]);

  await openChallenge("own", "dark");
  // A runnable row under the mouse (the manual picker's hover) keeps its name readable.
  await page.getByTestId("pick-Worker1").hover();
  expect(await seriousViolations({ keepMouse: true })).toEqual([]);
  for (let i = 0; i < 4; i++) await pick("Worker1");
  for (let i = 0; i < 3; i++) await pick("Worker2");
  await expect.poll(goalStatus).toBe("failed");
  expect(await seriousViolations()).toEqual([]);
  await page.getByTestId("reset").click();
  await pick("Worker1");
  await pick("Worker2");
  await expect.poll(goalStatus).toBe("reached");
  expect(await seriousViolations()).toEqual([]);

  for (const scheme of ["light", "dark"] as const) {
    await open("mode=predict&scenario=simple-contention", scheme);
    await page.getByTestId("predict-thread-H").check();
    await page.getByTestId("predict-mutex").selectOption("M");
    await page.getByTestId("predict-lock").click();
    await page.getByTestId("predict-reveal").waitFor();
    expect(await seriousViolations()).toEqual([]);
  }
});

test("a built-in challenge solved in the fewest steps is marked done in the list, with the next one offered", async () => {
  // From the workbench to the list to the challenge, as a student finds it.
  await open("scenario=abba-deadlock");
  await page.getByTestId("open-challenges").click();
  await page.getByTestId("challenge-deadly-embrace").click();
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor();
  expect(await page.getByTestId("challenge-title").textContent()).toBe("Deadly embrace");
  expect(await page.getByTestId("challenge-difficulty").textContent()).toBe("easy");
  for (const thread of ["T1", "T2", "T1"]) await pick(thread);
  expect(await goalStatus()).toBe("playing");
  await pick("T2");
  await expect.poll(goalStatus).toBe("reached");
  expect(await page.getByTestId("steps-used").textContent()).toBe("4");
  expect(await page.getByTestId("shortest").textContent()).toContain("That is the shortest possible");
  expect(await page.getByTestId("next-challenge").textContent()).toBe("Next: Too late to try →");

  await page.getByTestId("all-challenges").click();
  await page.getByTestId("challenge-list").waitFor();
  expect(await page.getByTestId("challenge-count").textContent()).toBe("1 of 13 done");
  expect(await page.getByTestId("done-deadly-embrace").textContent()).toBe("Done in 4 steps — the shortest");
  expect(await page.locator('[data-done="true"]').count()).toBe(1);
  expect(lab.pageErrors).toEqual([]);
});

test("damaged progress is set aside and reported; the list starts over", async () => {
  await open("mode=challenges");
  await page.getByTestId("challenge-list").waitFor();
  await page.evaluate(() => localStorage.setItem("ksl:challenge-progress:v1", "{ this is not json"));
  await page.reload();
  const notice = page.getByTestId("challenge-notice");
  await notice.waitFor();
  expect(await notice.textContent()).toMatch(
    /corrupted.*set aside in localStorage under “ksl:challenge-progress:corrupt:/,
  );
  expect(await page.getByTestId("challenge-count").textContent()).toBe("0 of 13 done");
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith("ksl:challenge-progress:corrupt:"))
      .map((k) => localStorage.getItem(k)),
  );
  expect(kept).toEqual(["{ this is not json"]);
  expect(lab.pageErrors).toEqual([]);
});

test("a challenge in the embed: the goal panel, the reader as the scheduler, a solution link into the app", async () => {
  await page.emulateMedia({ colorScheme: "light", reducedMotion: "reduce" });
  await page.goto(`${inject("baseUrl")}embed.html?challenge=deadly-embrace&theme=dark`);
  await page.getByTestId("goal-panel").waitFor();
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor();
  expect(await page.getByTestId("goal-task").textContent()).toContain("T1 takes A then B");
  expect(await page.getByTestId("scheduler").inputValue()).toBe("manual");
  for (const thread of ["T1", "T2", "T1", "T2"]) await pick(thread);
  await expect.poll(goalStatus).toBe("reached");
  expect(await page.getByTestId("shortest").textContent()).toContain("That is the shortest possible");
  expect(await seriousViolations()).toEqual([]);
  await page.getByTestId("solution-link").click();
  const link = await page.getByTestId("solution-url").inputValue();
  expect(link).toMatch(/\/index\.html\?mode=challenges&challenge=deadly-embrace#ksl=1\./);
  // The link opens the app's challenge view on the same step, watching.
  await page.goto(link);
  await page.getByTestId("watching").waitFor();
  await expect.poll(goalStatus).toBe("reached");
  expect(await stepCount()).toBe(4);
  expect(lab.pageErrors).toEqual([]);
});
