// The stepping UI on the built site with the real compiler and wasm engine.
import { readFileSync } from "node:fs";
import { expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";

let page: Page;
const { pageErrors } = pagePerTest({
  onPage: (p) => {
    page = p;
  },
});

/** Opens the app on a built-in scenario and waits until the engine shows step 0. */
async function open(scenario: string): Promise<void> {
  await page.goto(`${inject("baseUrl")}?scenario=${scenario}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("0");
}

async function stepCount(): Promise<number> {
  return Number(await page.getByTestId("step-count").textContent());
}

/** Presses → until `done` holds, at most `limit` times. (The step that finds a deadlock adds no step: nothing ran.) */
async function stepUntil(done: () => Promise<boolean>, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await done()) return;
    const before = await stepCount();
    await page.keyboard.press("ArrowRight");
    await expect.poll(async () => (await stepCount()) !== before || (await done())).toBe(true);
  }
  throw new Error(`condition not reached after ${limit} steps`);
}

test("ABBA deadlock from the library: step to the deadlock and see the cycle", async () => {
  await open("simple-contention");
  await page.getByTestId("open-library").click();
  await page.getByTestId("open-abba-deadlock").click();
  await expect.poll(() => page.getByTestId("scenario-title").textContent()).toBe("ABBA deadlock");
  await stepUntil(async () => (await page.getByTestId("outcome").count()) > 0);
  expect(await page.getByTestId("outcome").textContent()).toMatch(/^Deadlock/);
  const graph = page.getByTestId("wait-graph");
  expect(await graph.getAttribute("data-cycle")).toBe("true");
  expect(await graph.locator('[data-in-cycle="true"]').count()).toBe(4);
  expect(await page.getByTestId("state-T1").textContent()).toBe("Waiting");
  expect(await page.getByTestId("state-T2").textContent()).toBe("Waiting");
  expect(await page.getByTestId("owner-A").textContent()).toBe("T1");
  expect(await page.getByTestId("owner-B").textContent()).toBe("T2");
  // The step button is off once nothing can run.
  expect(await page.getByTestId("step").isDisabled()).toBe(true);
  expect(pageErrors).toEqual([]);
});

test("keyboard stepping: → / j forward, ← / k back, Home and End", async () => {
  await open("abba-deadlock");
  await page.keyboard.press("j");
  await page.keyboard.press("ArrowRight");
  await page.keyboard.press("j");
  await expect.poll(stepCount).toBe(3);
  await page.keyboard.press("k");
  await expect.poll(stepCount).toBe(2);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(stepCount).toBe(1);
  await page.keyboard.press("End");
  await expect.poll(stepCount).toBe(3);
  await page.keyboard.press("Home");
  await expect.poll(stepCount).toBe(0);
  // The narration of step 1 is the engine's sentence, also in the live region.
  await page.keyboard.press("j");
  const sentence = await page.getByTestId("narration-text").textContent();
  expect(sentence).toMatch(/^Step 1.{10,}/);
  expect(await page.getByTestId("live-region").textContent()).toContain("Step 1.");
  // The thread that ran is marked on its line in the editor.
  expect(await page.locator(".ksl-cm-thread-line").count()).toBeGreaterThan(0);
  await page.keyboard.press("?");
  expect(await page.getByTestId("help").textContent()).toContain("Step forward");
  await page.keyboard.press("Escape");
  expect(await page.getByTestId("help").count()).toBe(0);
});

test("APC held back by a guarded region is delivered at the release", async () => {
  await open("apc-guarded-region");
  const worker = page.locator('tr[data-thread="Worker1"]');
  // While Worker1 holds Lock (a guarded region) the APC stays queued.
  expect(await worker.textContent()).not.toContain("in APC");
  await stepUntil(async () => ((await worker.textContent()) ?? "").includes("in APC Audit"));
  // The step that delivers it is the release: KeReleaseGuardedMutex leaves the region at PASSIVE_LEVEL.
  const current = page.locator("[data-testid=event-log] li.ksl-log__item--current");
  const ops = await current.evaluateAll((items) => items.map((li) => li.getAttribute("data-op")));
  expect(ops).toContain("KeReleaseGuardedMutex");
  expect(ops).toContain("ApcDelivered");
  expect(ops.indexOf("KeReleaseGuardedMutex")).toBeLessThan(ops.indexOf("ApcDelivered"));
  expect(await worker.textContent()).toContain("in APC Audit");
  expect(await worker.textContent()).toContain("APC_LEVEL");
  const releaseTick = Number(await current.first().getAttribute("data-tick"));
  // deliveredAt is the tick of the body's first step, right after the release.
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => page.getByTestId("apc-delivered-Audit").textContent()).toBe(`tick ${releaseTick + 1}`);
  expect(pageErrors).toEqual([]);
});

test("a bug check shows the blue screen; one click steps back out of it", async () => {
  await open("guarded-mutex-under-spinlock");
  await stepUntil(async () => (await page.getByTestId("bugcheck").count()) > 0);
  const at = await stepCount();
  expect(await page.getByTestId("bugcheck-code").textContent()).toBe("0xC4");
  expect(await page.getByTestId("bugcheck-rule").textContent()).toBe("IrqlKeApcLte1");
  expect(await page.getByTestId("bugcheck-name").textContent()).toBe("DRIVER_VERIFIER_DETECTED_VIOLATION");
  expect(await page.getByTestId("bugcheck-stop").textContent()).toMatch(/^\*\*\* STOP: 0x000000C4 \(0x2000F, /);
  await page.getByTestId("bugcheck-back").click();
  expect(await page.getByTestId("bugcheck").count()).toBe(0);
  expect(await stepCount()).toBe(at - 1);
  // Escape works too.
  await page.keyboard.press("ArrowRight");
  await page.getByTestId("bugcheck").waitFor();
  await page.keyboard.press("Escape");
  await expect.poll(() => page.getByTestId("bugcheck").count()).toBe(0);
});

test("manual scheduler: runnable threads are highlighted, blocked ones explain why, a click picks", async () => {
  await open("simple-contention");
  await page.getByTestId("scheduler").selectOption("manual");
  await page.getByTestId("manual-hint").waitFor();
  const runnable = page.locator("[data-testid=threads-panel] tr[data-runnable=true]");
  await expect.poll(() => runnable.count()).toBeGreaterThan(0);
  // H starts at tick 1, so at step 0 only L can run; H says why.
  expect(await page.getByTestId("why-H").textContent()).not.toBe("");
  await page.getByTestId("pick-L").click();
  await expect.poll(stepCount).toBe(1);
  // Digit keys pick thread N: H is thread 2.
  await expect.poll(() => page.getByTestId("pick-H").count()).toBe(1);
  await page.keyboard.press("2");
  await expect.poll(stepCount).toBe(2);
  expect(await page.getByTestId("state-H").textContent()).toMatch(/Waiting|Running|Ready/);
  expect(pageErrors).toEqual([]);
});

test("switching to the manual scheduler mid-run keeps the step and the state", async () => {
  await open("abba-deadlock");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(stepCount).toBe(3);
  const owners = async () => [
    await page.getByTestId("owner-A").textContent(),
    await page.getByTestId("owner-B").textContent(),
  ];
  expect(await owners()).toEqual(["T1", "T2"]);
  await page.getByTestId("scheduler").selectOption("manual");
  await page.getByTestId("manual-hint").waitFor();
  await expect.poll(stepCount).toBe(3);
  expect(await owners()).toEqual(["T1", "T2"]);
  // Stepping back still works through the replayed prefix.
  await page.keyboard.press("ArrowLeft");
  await expect.poll(stepCount).toBe(2);
});

test("live editing: after an edit the new program runs back to the same step", async () => {
  await open("abba-deadlock");
  const program = (work: number) =>
    `#title "Edit me"\nKGUARDED_MUTEX M;\nthread T1 {\n    KeAcquireGuardedMutex(&M);\n    Work(${work});\n    KeReleaseGuardedMutex(&M);\n}\n`;
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(program(5));
  await expect.poll(() => page.getByTestId("scenario-title").textContent(), { timeout: 10_000 }).toBe("Edit me");
  await page.locator("body").click({ position: { x: 5, y: 5 } }); // leave the editor so → steps
  for (let i = 0; i < 4; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(stepCount).toBe(4);
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(program(6));
  await expect.poll(() => page.locator(".cm-content").textContent()).toContain("Work(6)");
  // The engine's sentence for step 4 now counts to 6: the new program ran back to step 4.
  await expect.poll(() => page.getByTestId("narration-text").textContent(), { timeout: 10_000 }).toMatch(/\/6\)/);
  expect(await stepCount()).toBe(4);
  expect(await page.getByTestId("state-T1").textContent()).toBe("Running");
  // A shorter program stops at its own end instead.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(program(1));
  await expect.poll(() => page.getByTestId("outcome").count(), { timeout: 10_000 }).toBe(1);
  expect(await page.getByTestId("outcome").textContent()).toMatch(/^Completed/);
  expect(await page.getByTestId("state-T1").textContent()).toBe("Terminated");
});

test("a malformed scenario shows errors in the editor, not a crash", async () => {
  await open("abba-deadlock");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText("KGUARDED_MUTEX A;\nthread T1 {\n    KeAcquireGuardedMutx(&A);\n    Work(\n}\n");
  await page.getByTestId("error-count").waitFor({ timeout: 10_000 });
  expect(Number((await page.getByTestId("error-count").textContent())?.split(" ")[0])).toBeGreaterThan(0);
  await expect.poll(() => page.locator(".cm-lintRange-error").count()).toBeGreaterThan(0);
  expect(await page.getByTestId("diagnostics").textContent()).toContain("3:");
  expect(await page.getByTestId("invalid").count()).toBe(1);
  // The text is still there and the page still works.
  expect(await page.locator(".cm-content").textContent()).toContain("KeAcquireGuardedMutx");
  expect(await page.getByTestId("threads-panel").count()).toBe(1);
  // Fixing it runs again.
  await page.keyboard.press("Control+a");
  await page.keyboard.insertText(
    "KGUARDED_MUTEX A;\nthread T1 {\n    KeAcquireGuardedMutex(&A);\n    KeReleaseGuardedMutex(&A);\n}\n",
  );
  await expect.poll(() => page.getByTestId("error-count").count(), { timeout: 10_000 }).toBe(0);
  await expect.poll(() => page.getByTestId("state-T1").count()).toBe(1);
  expect(pageErrors).toEqual([]);
});

test("exports the trace as JSON (replayable schedule) and the timeline as SVG and PNG", async () => {
  await open("abba-deadlock");
  for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
  await expect.poll(stepCount).toBe(3);
  const read = async (testId: string) => {
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(testId).click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: readFileSync(path) };
  };
  const trace = await read("export-trace");
  expect(trace.name).toBe("abba-deadlock-trace.json");
  const json = JSON.parse(trace.bytes.toString("utf8"));
  expect(json.schedule).toHaveLength(3);
  expect(json.step).toBe(3);
  expect(json.events.length).toBeGreaterThan(0);
  expect(json.snapshot.threads.map((t: { name: string }) => t.name)).toEqual(["T1", "T2"]);
  const svg = await read("export-svg");
  expect(svg.bytes.toString("utf8")).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" viewBox="0 0 \d+ \d+"/);
  expect(svg.bytes.toString("utf8")).toContain(">T2</text>");
  const png = await read("export-png");
  expect([...png.bytes.subarray(1, 4)].map((c) => String.fromCharCode(c)).join("")).toBe("PNG");
});
