import { describe, expect, it } from "vitest";
import { findScenario } from "../../scenarios";
import { deflateRaw, toBase64Url } from "./compression";
import {
  decodeSharedLink,
  decodeSharedView,
  encodeSharedComparison,
  encodeSharedView,
  MAX_LINK_CHARS,
  MAX_UNPACKED_BYTES,
  SHARE_FORMAT_VERSION,
  shareTokenFromHash,
  shareUrl,
  type SharedComparison,
  type SharedView,
} from "./share-link";

const ABBA = `#title "ABBA deadlock"
KGUARDED_MUTEX A, B;
thread T1 (priority = 8) { KeAcquireGuardedMutex(&A); Delay(2); KeAcquireGuardedMutex(&B); }
thread T2 (priority = 8, start = 1) { KeAcquireGuardedMutex(&B); Delay(2); KeAcquireGuardedMutex(&A); }
`;

const VIEW: SharedView = {
  source: ABBA,
  fileName: "abba-deadlock.ksync",
  scheduler: "random",
  seed: 4_000_000_000,
  schedule: ["T1", "T1", "T2", "T2@1", "DpcA"],
  step: 5,
};

async function tokenOf(json: unknown): Promise<string> {
  return `${SHARE_FORMAT_VERSION}.${toBase64Url(await deflateRaw(new TextEncoder().encode(JSON.stringify(json))))}`;
}

describe("share link codec", () => {
  it("round-trips a view exactly, including non-ASCII text", async () => {
    const token = await encodeSharedView(VIEW);
    expect(token).toMatch(/^1\.[A-Za-z0-9_-]+$/);
    expect(await decodeSharedView(token)).toEqual(VIEW);
    const unicode = {
      ...VIEW,
      source: `// «Ünïcødé» ✓ 🚦\n${ABBA}`,
      scheduler: null,
      seed: null,
      schedule: [],
      step: 0,
    };
    expect(await decodeSharedView(await encodeSharedView(unicode))).toEqual(unicode);
  });

  it("keeps a typical scenario link short: a library scenario with 40 steps packs to well under its text size", async () => {
    const scenario = findScenario("abba-deadlock");
    expect(scenario).toBeDefined();
    const source = scenario!.source;
    const schedule = Array.from({ length: 40 }, (_, i) => (i % 7 < 4 ? "T1" : "T2"));
    const token = await encodeSharedView({
      source,
      fileName: "abba-deadlock.ksync",
      scheduler: null,
      seed: null,
      schedule,
      step: 40,
    });
    expect(token.length).toBeLessThan(source.length * 0.75);
  });

  it("refuses a truncated link with a readable reason", async () => {
    const token = await encodeSharedView(VIEW);
    await expect(decodeSharedView(token.slice(0, Math.floor(token.length / 2)))).rejects.toThrow(/damaged/);
  });

  it("refuses garbage: wrong alphabet, no version, random bytes, not JSON, JSON of the wrong shape", async () => {
    await expect(decodeSharedView("1.<script>alert(1)</script>")).rejects.toThrow(/characters a share link never has/);
    await expect(decodeSharedView("hello")).rejects.toThrow(/format version/);
    await expect(decodeSharedView("")).rejects.toThrow(/format version/);
    await expect(
      decodeSharedView(`1.${toBase64Url(new Uint8Array([0xff, 0x00, 0x13, 0x37, 0x42, 0x99, 0x11]))}`),
    ).rejects.toThrow(/damaged/);
    const notJson = `1.${toBase64Url(await deflateRaw(new TextEncoder().encode("not json {")))}`;
    await expect(decodeSharedView(notJson)).rejects.toThrow(/not a saved view/);
    await expect(decodeSharedView(await tokenOf([1, 2, 3]))).rejects.toThrow(/not a saved view/);
    await expect(decodeSharedView(await tokenOf({ f: "x" }))).rejects.toThrow(/no scenario text/);
    await expect(decodeSharedView(await tokenOf({ t: "", s: "fifo" }))).rejects.toThrow(/unknown scheduler/);
    await expect(decodeSharedView(await tokenOf({ t: "", e: -1 }))).rejects.toThrow(/seed/);
    await expect(decodeSharedView(await tokenOf({ t: "", n: 1e9 }))).rejects.toThrow(/step/);
    await expect(decodeSharedView(await tokenOf({ t: "", q: "T1 <img>" }))).rejects.toThrow(/schedule has an entry/);
    await expect(decodeSharedView(await tokenOf({ t: "", f: "a\nb" }))).rejects.toThrow(/file name/);
  });

  it("refuses a gigantic link before decoding it", async () => {
    await expect(decodeSharedView(`1.${"A".repeat(MAX_LINK_CHARS)}`)).rejects.toThrow(/too long/);
  });

  it("stops unpacking a small link that inflates past the byte cap (a zip bomb)", async () => {
    const bomb = await deflateRaw(new Uint8Array(MAX_UNPACKED_BYTES * 8)); // 8 MiB of zeros packs into a few KB
    const token = `1.${toBase64Url(bomb)}`;
    expect(token.length).toBeLessThan(MAX_LINK_CHARS);
    await expect(decodeSharedView(token)).rejects.toThrow(/more than 1024 KB/);
  });

  it("names the format version it cannot read", async () => {
    const token = await encodeSharedView(VIEW);
    await expect(decodeSharedView(`2${token.slice(1)}`)).rejects.toThrow(
      /newer Kernel Sync Lab \(link format 2; this page reads format 1\)/,
    );
    await expect(decodeSharedView(`0${token.slice(1)}`)).rejects.toThrow(/format 0, which this page no longer reads/);
  });

  it("finds the payload among other hash parameters and builds links on any page", async () => {
    expect(shareTokenFromHash("#ksl=1.abc")).toBe("1.abc");
    expect(shareTokenFromHash("#view=compact&ksl=1.a-b_c")).toBe("1.a-b_c");
    expect(shareTokenFromHash("#section-2")).toBeNull();
    expect(shareTokenFromHash("")).toBeNull();
    expect(shareUrl("https://example.org/notes/lab/index.html?x=1#old", "1.abc")).toBe(
      "https://example.org/notes/lab/index.html?x=1#ksl=1.abc",
    );
  });
});

describe("share links of a side-by-side comparison", () => {
  const COMPARISON: SharedComparison = {
    left: { ...VIEW, settings: { verifier: "off", windows: 2003, cpus: null } },
    right: {
      source: `${ABBA}// changed\n`,
      fileName: "other.ksync",
      scheduler: null,
      seed: null,
      schedule: [],
      step: 3,
      settings: { verifier: "deadlock", windows: 8, cpus: 2 },
    },
    sameScenario: false,
    together: false,
  };

  it("round-trips both sides with their settings and the stepping mode", async () => {
    const token = await encodeSharedComparison(COMPARISON);
    expect(await decodeSharedLink(token)).toEqual({ view: COMPARISON.left, comparison: COMPARISON });
  });

  it("carries a shared text once, and reads as its left side on a page that opens single views", async () => {
    const same: SharedComparison = {
      left: { ...VIEW, scheduler: null, seed: null, schedule: [], step: 2 },
      right: { ...VIEW, scheduler: "random", seed: 7, schedule: ["T2", "T1"], step: 2 },
      sameScenario: true,
      together: true,
    };
    const token = await encodeSharedComparison(same);
    const single = await encodeSharedView(same.left);
    // The text travels once: the comparison costs a few dozen characters more than one view.
    expect(token.length - single.length).toBeLessThan(60);
    expect((await decodeSharedLink(token)).comparison).toEqual(same);
    expect(await decodeSharedView(token)).toEqual(same.left);
  });

  it("opens a link made before comparisons as one view, with no settings", async () => {
    const old = await tokenOf({ t: ABBA, s: "random", e: 3, q: "T1 T2", n: 2 });
    const link = await decodeSharedLink(old);
    expect(link.comparison).toBeNull();
    expect(link.view).toEqual({
      source: ABBA,
      fileName: "scenario.ksync",
      scheduler: "random",
      seed: 3,
      schedule: ["T1", "T2"],
      step: 2,
    });
  });

  it("refuses a damaged right side or bad settings, saying which", async () => {
    await expect(decodeSharedLink(await tokenOf({ t: "", r: [1] }))).rejects.toThrow(/right side is not a saved view/);
    await expect(decodeSharedLink(await tokenOf({ t: "", r: { s: "fifo" } }))).rejects.toThrow(
      /its right side: it names an unknown scheduler/,
    );
    await expect(decodeSharedView(await tokenOf({ t: "", v: "maybe" }))).rejects.toThrow(/unknown verifier/);
    await expect(decodeSharedView(await tokenOf({ t: "", w: 7 }))).rejects.toThrow(/2003 or 8/);
    await expect(decodeSharedView(await tokenOf({ t: "", c: 65 }))).rejects.toThrow(/processor count/);
  });
});
