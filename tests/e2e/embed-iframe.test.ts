// embed.html in an <iframe> on a host page of another origin, driven through
// postMessage: commands with replies to the sender's origin, events, message
// validation, the origin= allow-list and auto-resize.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, expect, inject, test } from "vitest";
import type { Page } from "playwright-core";
import { pagePerTest } from "./browser";
import { encodeSharedView } from "../../web/share/share-link";

let page: Page;
const embedRequests: string[] = [];
const { pageErrors } = pagePerTest({
  timeoutMs: 15_000,
  onPage: (p) => {
    page = p;
    embedRequests.length = 0;
    page.on("request", (request) => {
      // Requests made by the embedded widget (not the test's host page).
      if (request.frame() !== page.mainFrame()) embedRequests.push(request.url());
    });
  },
});

/** Host pages by path, served by a second server: another port is another origin, and a real loopback one
 * (Chromium's local-network checks refuse an intercepted "public" page that frames 127.0.0.1). */
const hostPages = new Map<string, string>();
let hostServer: Server;
let HOST = "";
let OTHER = "";

beforeAll(async () => {
  hostServer = createServer((request, response) => {
    const body = hostPages.get(new URL(request.url ?? "/", "http://x").pathname);
    response.writeHead(body ? 200 : 404, { "content-type": "text/html; charset=utf-8" }).end(body ?? "not found");
  });
  await new Promise<void>((resolve) => hostServer.listen(0, "127.0.0.1", resolve));
  const port = (hostServer.address() as AddressInfo).port;
  // Two origins on one server: 127.0.0.1 and localhost differ as origins.
  HOST = `http://127.0.0.1:${port}`;
  OTHER = `http://localhost:${port}`;
});
afterAll(async () => {
  await new Promise((resolve) => hostServer?.close(resolve));
});

/** A host page on `origin` (served by the test, so the widget really is cross-origin) with one iframe of embed.html. */
async function openHost(origin: string, embedQuery: string): Promise<void> {
  const src = `${inject("baseUrl")}embed.html?${embedQuery}`;
  const body = `<!doctype html><html><head><meta charset="utf-8"><title>host</title></head><body>
<iframe id="w" src="${src}" style="width: 900px; height: 200px; border: 0"></iframe>
<script>
  window.kslMessages = [];
  window.addEventListener("message", (e) => {
    if (!e.data || typeof e.data.type !== "string" || !e.data.type.startsWith("ksl:")) return;
    window.kslMessages.push({ origin: e.origin, data: e.data });
    // Auto-resize: the height the widget reports becomes the iframe's height.
    if (e.data.type === "ksl:event" && e.data.event === "resize") document.getElementById("w").style.height = e.data.detail.height + "px";
  });
  window.send = (message) => document.getElementById("w").contentWindow.postMessage(message, "*");
</script></body></html>`;
  const path = `/host-${hostPages.size}.html`;
  hostPages.set(path, body);
  await page.goto(`${origin}${path}`);
}

interface Logged {
  readonly origin: string;
  readonly data: {
    type: string;
    id?: unknown;
    ok?: boolean;
    error?: string;
    event?: string;
    state?: { step: number };
    detail?: { state?: { step: number }; height?: number };
  };
}

function messages(): Promise<Logged[]> {
  return page.evaluate(() => (window as unknown as { kslMessages: Logged[] }).kslMessages);
}

async function send(message: unknown): Promise<void> {
  await page.evaluate((m) => (window as unknown as { send: (m: unknown) => void }).send(m), message);
}

async function reply(id: unknown): Promise<Logged["data"]> {
  await expect
    .poll(async () => (await messages()).some((m) => m.data.type === "ksl:reply" && m.data.id === id), {
      timeout: 15_000,
    })
    .toBe(true);
  return (await messages()).find((m) => m.data.type === "ksl:reply" && m.data.id === id)!.data;
}

test("a host on another origin drives the iframe and receives its events", async () => {
  await openHost(HOST, `scenario=abba-deadlock&origin=${encodeURIComponent(HOST)}`);
  const frame = page.frameLocator("#w");
  await expect
    .poll(async () => (await messages()).some((m) => m.data.event === "ready"), { timeout: 15_000 })
    .toBe(true);
  // Events come from the widget's origin, not the host's.
  expect((await messages())[0]!.origin).toBe(new URL(inject("baseUrl")).origin);

  await send({ type: "ksl:command", id: 1, command: "step" });
  expect(await reply(1)).toMatchObject({
    type: "ksl:reply",
    version: 1,
    ok: true,
    state: { step: 1, status: "ready" },
  });
  await expect.poll(() => frame.getByTestId("step-count").textContent()).toBe("1");

  await send({ type: "ksl:command", id: "two", command: "goto", step: 100 });
  expect(await reply("two")).toMatchObject({ ok: true, state: { outcome: "deadlock" } });
  await expect.poll(async () => (await messages()).some((m) => m.data.event === "deadlock")).toBe(true);
  expect((await messages()).some((m) => m.data.event === "step" && (m.data.detail?.state?.step ?? 0) > 1)).toBe(true);

  // load another scenario, straight to a step that has bug-checked.
  await send({ type: "ksl:command", id: 3, command: "load", scenario: "wait-at-dispatch", step: 500 });
  expect(await reply(3)).toMatchObject({ ok: true, state: { outcome: "bugcheck" } });
  await expect.poll(async () => (await messages()).some((m) => m.data.event === "bugcheck")).toBe(true);
  await send({ type: "ksl:command", id: 4, command: "load", scenario: "no-such-thing" });
  expect(await reply(4)).toMatchObject({ ok: false, error: expect.stringMatching(/no built-in scenario/) });

  // play then pause.
  await send({ type: "ksl:command", id: 5, command: "load", scenario: "simple-contention" });
  await reply(5);
  await send({ type: "ksl:command", id: 6, command: "play" });
  await reply(6);
  await send({ type: "ksl:command", id: 7, command: "pause" });
  expect(await reply(7)).toMatchObject({ ok: true });

  // Auto-resize: the widget posted its height and the host applied it.
  const heights = (await messages()).filter((m) => m.data.event === "resize").map((m) => m.data.detail?.height ?? 0);
  expect(heights.length).toBeGreaterThan(0);
  expect(heights.at(-1)).toBeGreaterThan(200);
  await expect
    .poll(() => page.locator("#w").evaluate((f) => (f as HTMLIFrameElement).getBoundingClientRect().height))
    .toBe(heights.at(-1));

  expect(embedRequests.every((url) => url.startsWith(inject("baseUrl")))).toBe(true);
  expect(pageErrors).toEqual([]);
});

test("malformed commands get an error reply; unrelated messages are ignored", async () => {
  await openHost(HOST, "scenario=abba-deadlock");
  await expect
    .poll(async () => (await messages()).some((m) => m.data.event === "ready"), { timeout: 15_000 })
    .toBe(true);
  await send({ type: "ksl:command", id: 10, command: "explode" });
  expect(await reply(10)).toMatchObject({ ok: false, error: expect.stringMatching(/command must be one of/) });
  await send({ type: "ksl:command", id: 11, command: "goto", step: -3 });
  expect(await reply(11)).toMatchObject({ ok: false, error: expect.stringMatching(/whole number/) });
  await send({ type: "ksl:command", id: 12, command: "load", scenario: "abba-deadlock", source: "thread T {}" });
  expect(await reply(12)).toMatchObject({ ok: false, error: expect.stringMatching(/exactly one of/) });
  await send({ type: "ksl:command", id: 13, command: "load", share: "1.!!!" });
  expect(await reply(13)).toMatchObject({ ok: false, error: expect.stringMatching(/share link could not be opened/) });
  const before = (await messages()).length;
  await send({ hello: "world" });
  await send("ksl:command");
  await send({ type: "other-library", id: 99 });
  await page.waitForTimeout(300);
  expect((await messages()).filter((m) => m.data.type === "ksl:reply").length).toBe(
    (await messages()).slice(0, before).filter((m) => m.data.type === "ksl:reply").length,
  );
  expect(await page.frameLocator("#w").getByTestId("step-count").textContent()).toBe("0");
});

test("origin= refuses commands from any other origin", async () => {
  await openHost(OTHER, `scenario=abba-deadlock&origin=${encodeURIComponent(HOST)}`);
  const frame = page.frameLocator("#w");
  await expect.poll(() => frame.getByTestId("step-count").textContent(), { timeout: 15_000 }).toBe("0");
  await send({ type: "ksl:command", id: 1, command: "step" });
  await send({ type: "ksl:command", id: 2, command: "explode" });
  await page.waitForTimeout(500);
  expect(await frame.getByTestId("step-count").textContent()).toBe("0");
  // Neither replies nor events reach a host that is not on the list.
  expect(await messages()).toEqual([]);
});

test("a share link in the frame's hash opens, and a new hash switches the view without a reload", async () => {
  const token = await encodeSharedView({
    source:
      '#title "Hash one"\nKGUARDED_MUTEX M;\nthread T { KeAcquireGuardedMutex(&M); Work(3); KeReleaseGuardedMutex(&M); }\n',
    fileName: "one.ksync",
    scheduler: null,
    seed: null,
    schedule: [],
    step: 1,
  });
  await openHost(HOST, `view=compact#ksl=${token}`);
  const frame = page.frameLocator("#w");
  await expect.poll(() => frame.getByTestId("scenario-title").textContent(), { timeout: 15_000 }).toBe("Hash one");
  await expect.poll(() => frame.getByTestId("step-count").textContent()).toBe("1");
  const second = await encodeSharedView({
    source: '#title "Hash two"\nthread U { Work(2); }\n',
    fileName: "two.ksync",
    scheduler: null,
    seed: null,
    schedule: [],
    step: 0,
  });
  const embedFrame = page.frames().find((f) => f.url().includes("embed.html"))!;
  await embedFrame.evaluate(() => ((window as unknown as { kslMarker: number }).kslMarker = 42));
  await page.evaluate((hash) => {
    const iframe = document.querySelector<HTMLIFrameElement>("#w")!;
    iframe.src = iframe.src.replace(/#.*$/, "") + hash;
  }, `#ksl=${second}`);
  await expect.poll(() => frame.getByTestId("scenario-title").textContent()).toBe("Hash two");
  // Same document (no reload): the marker set before the change is still there.
  expect(await embedFrame.evaluate(() => (window as unknown as { kslMarker?: number }).kslMarker)).toBe(42);
});
