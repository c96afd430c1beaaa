// Explore on the built site in Chromium: the search runs in a module Web
// Worker (the real explorer and wasm engine), reports its outcome, and a found
// deadlock replays into the simulator with the cycle in the wait-for graph.
// Cancel on a scenario too big to finish, with the page responsive meanwhile;
// the site served from a sub-path. (docs/screenshots/explore.png is taken by
// `npm run screenshots`, tests/docs-screenshots.ts.)
import { createRequire } from "node:module";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";

let page: Page;
const workers: string[] = [];
const { pageErrors } = pagePerTest({
  timeoutMs: 20_000,
  onPage: (p) => {
    page = p;
    workers.length = 0;
    page.on("worker", (worker) => workers.push(worker.url()));
  },
});

/** Serves the built site under /lab/ (a sub-path) by forwarding to the preview server. */
let subPathServer: Server;
let SUB_PATH = "";

beforeAll(async () => {
  const base = inject("baseUrl");
  subPathServer = createServer((request, response) => {
    const path = new URL(request.url ?? "/", "http://x").pathname;
    if (!path.startsWith("/lab/")) {
      response.writeHead(404).end("outside the sub-path");
      return;
    }
    fetch(new URL(path.slice("/lab/".length), base)).then(
      async (upstream) => {
        const type = upstream.headers.get("content-type");
        response
          .writeHead(upstream.status, type ? { "content-type": type } : {})
          .end(Buffer.from(await upstream.arrayBuffer()));
      },
      () => response.writeHead(502).end(),
    );
  });
  await new Promise<void>((resolve) => subPathServer.listen(0, "127.0.0.1", resolve));
  SUB_PATH = `http://127.0.0.1:${(subPathServer.address() as AddressInfo).port}/lab/`;
});
afterAll(async () => {
  await new Promise((resolve) => subPathServer?.close(resolve));
});

async function open(scenario: string, base = inject("baseUrl")): Promise<void> {
  await page.goto(`${base}?scenario=${scenario}`);
  await page.getByTestId("threads-panel").locator("tbody tr").first().waitFor({ timeout: 15_000 });
  await expect.poll(() => page.getByTestId("step-count").textContent()).toBe("0");
}

const stepCount = async () => Number(await page.getByTestId("step-count").textContent());

/** Waits for the search to end and returns its data-outcome. */
async function outcome(timeout = 30_000): Promise<string | null> {
  const box = page.getByTestId("explore-outcome");
  await box.waitFor({ timeout });
  return box.getAttribute("data-outcome");
}

test("ABBA: explore finds the deadlock; replay steps to it and the wait-for graph shows the cycle", async () => {
  await open("abba-deadlock");
  await page.getByTestId("explore-button").click();
  expect(await outcome()).toBe("error-found");
  expect(workers.some((url) => /\/assets\/explorer-worker-[\w-]+\.js$/.test(url))).toBe(true);
  expect(await page.getByTestId("explore-headline").textContent()).toBe("Deadlock after 6 steps");
  expect(await page.getByTestId("explore-outcome").textContent()).toContain(
    "T1 waits for B, held by T2; T2 waits for A, held by T1.",
  );
  const labels = await page.locator("[data-testid=explore-schedule] code").allTextContents();
  expect(labels).toEqual(["T1", "T1", "T2", "T2", "T1", "T2"]);
  await page.getByTestId("explore-replay").click();
  await page.getByTestId("explore-replayed").waitFor();
  expect(await stepCount()).toBe(6);
  expect(await page.getByTestId("outcome").textContent()).toMatch(/^Deadlock/);
  const graph = page.getByTestId("wait-graph");
  expect(await graph.getAttribute("data-cycle")).toBe("true");
  expect(await graph.locator('[data-in-cycle="true"]').count()).toBe(4);
  expect(await page.getByTestId("owner-A").textContent()).toBe("T1");
  expect(await page.getByTestId("owner-B").textContent()).toBe("T2");
  // The timeline holds all six steps; stepping back walks through how it happened.
  expect(await page.getByTestId("position").textContent()).toContain("/ 6");
  await page.keyboard.press("ArrowLeft");
  await expect.poll(stepCount).toBe(5);
  expect(await graph.getAttribute("data-cycle")).toBe("false");
  await page.keyboard.press("End");
  await expect.poll(stepCount).toBe(6);
  expect(await graph.getAttribute("data-cycle")).toBe("true");
  // Reset then Run plays the same schedule again (it stays forced).
  await page.getByTestId("reset").click();
  await page.getByTestId("speed").selectOption("Infinity");
  await page.getByTestId("run").click();
  await expect.poll(() => graph.getAttribute("data-cycle")).toBe("true");
  expect(await stepCount()).toBe(6);
  expect(pageErrors).toEqual([]);
});

test("no error: the e key explores and says so for every state", async () => {
  await open("simple-contention");
  await page.keyboard.press("e");
  expect(await outcome()).toBe("no-errors");
  expect(await page.getByTestId("explore-headline").textContent()).toMatch(
    /^No deadlock or bug check in any of [\d,]+ states$/,
  );
  expect(await page.getByTestId("explore-replay").count()).toBe(0);
  await page.keyboard.press("?");
  expect(await page.getByTestId("help").textContent()).toContain("Explore every schedule");
  expect(pageErrors).toEqual([]);
});

test("an endless run: the step-limit schedule replays all its 10,000 steps onto the timeline", async () => {
  await open("priority-inversion");
  await page.keyboard.press("e");
  expect(await outcome()).toBe("error-found");
  expect(await page.getByTestId("explore-headline").textContent()).toBe(
    "A schedule runs 10,000 steps without finishing",
  );
  const started = Date.now();
  await page.getByTestId("explore-replay").click();
  await page.getByTestId("explore-replayed").waitFor();
  expect(Date.now() - started).toBeLessThan(10_000);
  expect(await stepCount()).toBe(10_000);
  expect(await page.getByTestId("position").textContent()).toContain("/ 10000");
  expect(await page.getByTestId("explore-replayed").textContent()).toMatch(
    /^Step 10,000 is where the explorer's 10,000-step limit stopped this run/,
  );
  // Mid spins on the CPU while L, who owns M, never runs again.
  expect(await page.getByTestId("state-Mid").textContent()).toBe("Running");
  expect(await page.getByTestId("owner-M").textContent()).toBe("L");
  expect(pageErrors).toEqual([]);
});

test("cancel on a scenario too big to finish; the page answers clicks while it searches", async () => {
  await open("lock-convoy-two-cpus");
  await page.getByTestId("explore-button").click();
  await expect
    .poll(
      async () =>
        Number(
          (
            (await page
              .getByTestId("explore-states")
              .textContent()
              .catch(() => "0")) ?? "0"
          ).replace(/\D/g, ""),
        ),
      { timeout: 20_000 },
    )
    .toBeGreaterThan(1000);
  expect(await page.getByTestId("explore-memory").textContent()).toMatch(/MiB of 256 MiB$/);
  expect(await page.getByTestId("explore-rate").textContent()).toMatch(/states\/s$/);
  // Steps still run on the page while the worker searches: each click answers within a frame or two.
  for (let i = 1; i <= 3; i++) {
    const started = Date.now();
    await page.getByTestId("step").click();
    await expect.poll(stepCount).toBe(i);
    expect(Date.now() - started).toBeLessThan(1500);
  }
  // No long task on the page while the worker searches: animation frames keep coming.
  const longestGap = await page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let last = performance.now();
        let longest = 0;
        const end = last + 1000;
        const tick = (now: number) => {
          longest = Math.max(longest, now - last);
          last = now;
          if (now < end) requestAnimationFrame(tick);
          else resolve(longest);
        };
        requestAnimationFrame(tick);
      }),
  );
  expect(longestGap).toBeLessThan(250);
  expect(await page.getByTestId("explore-panel").getAttribute("data-phase")).toBe("running");
  await page.getByTestId("explore-cancel").click();
  expect(await outcome(10_000)).toBe("cancelled");
  expect(await page.getByTestId("explore-headline").textContent()).toMatch(/^Searched [\d,]+ states, cancelled$/);
  expect(await page.getByTestId("explore-outcome").textContent()).toContain("not complete");
  expect(pageErrors).toEqual([]);
});

test("a time limit reached is reported as such", async () => {
  await open("lock-convoy-two-cpus");
  await page.keyboard.press("e");
  await page.getByTestId("explore-cancel").click();
  await outcome(10_000);
  await page.locator("[data-testid=explore-options] summary").click();
  await page.getByTestId("explore-opt-maxSeconds").fill("1");
  await page.getByTestId("explore-start").click();
  await expect
    .poll(
      () =>
        page
          .getByTestId("explore-outcome")
          .getAttribute("data-outcome")
          .catch(() => null),
      { timeout: 15_000 },
    )
    .toBe("limit-reached");
  expect(await page.getByTestId("explore-headline").textContent()).toMatch(/^Searched [\d,]+ states, limit reached$/);
  expect(await page.getByTestId("explore-outcome").textContent()).toContain("Stopped by the time limit of 1 s");
  expect(pageErrors).toEqual([]);
});

test("scenario errors come back from the worker as a message", async () => {
  await open("abba-deadlock");
  await page.locator(".cm-content").click();
  await page.keyboard.press("Control+End");
  await page.keyboard.insertText("\nthread Broken { KeNoSuchRoutine(); }\n");
  await page.getByTestId("invalid").waitFor();
  await page.getByTestId("explore-button").click();
  expect(await outcome()).toBe("failed");
  expect(await page.getByTestId("explore-failure").textContent()).toMatch(/^The scenario has errors/);
  expect(await page.getByTestId("explore-outcome").textContent()).toMatch(/Line \d+: /);
  expect(pageErrors).toEqual([]);
});

test("the panel passes axe in both colour schemes: progress with options, cancelled, a deadlock replayed", async () => {
  const axePath = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
  const serious = async (): Promise<string[]> => {
    await page.addScriptTag({ path: axePath });
    return page.evaluate(async () => {
      type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
      const axe = (
        window as unknown as { axe: { run: (ctx: Element, opts: object) => Promise<{ violations: Violation[] }> } }
      ).axe;
      const panel = document.querySelector("[data-testid=explore-panel]");
      if (!panel) return ["no explore panel"];
      const { violations } = await axe.run(panel, { resultTypes: ["violations"] });
      return violations
        .filter((v) => v.impact === "serious" || v.impact === "critical")
        .map((v) => `${v.impact} ${v.id} at ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
    });
  };
  for (const scheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await open("lock-convoy-two-cpus");
    await page.keyboard.press("e");
    await page.getByTestId("explore-states").waitFor();
    await page.locator("[data-testid=explore-options] summary").click();
    expect(await serious()).toEqual([]);
    await page.getByTestId("explore-cancel").click();
    expect(await outcome(10_000)).toBe("cancelled");
    expect(await serious()).toEqual([]);
    await open("abba-deadlock");
    await page.keyboard.press("e");
    expect(await outcome()).toBe("error-found");
    await page.getByTestId("explore-replay").click();
    await page.getByTestId("explore-replayed").waitFor();
    expect(await serious()).toEqual([]);
  }
});

test("from a sub-path the worker and its engine load next to the page", async () => {
  await open("abba-deadlock", SUB_PATH);
  await page.getByTestId("explore-button").click();
  expect(await outcome()).toBe("error-found");
  expect(workers.some((url) => url.startsWith(`${SUB_PATH}assets/explorer-worker-`))).toBe(true);
  expect(pageErrors).toEqual([]);
});
