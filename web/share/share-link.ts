// The share-link format: everything needed to reopen a view of the simulator
// (scenario text, scheduler and seed overrides, the forced schedule, the
// step) packed into the URL's hash fragment, which browsers never send to a
// server. Layout: `#ksl=<format version>.<base64url(deflate-raw(JSON))>`.
// A side-by-side comparison is the left view plus an optional `r` field
// holding the right one, so any page reads it: one that does not compare
// opens the left side, and links made before the field open unchanged.
// Every limit is checked before or while unpacking, so a hostile link costs
// at most MAX_UNPACKED_BYTES of memory and ends in a readable message.
import { DEFAULT_MAX_STEPS } from "../../core-wasm/shared/limits";
import type { SchedulerMode, VerifierSetting } from "../store/backend";
import type { SessionToRestore } from "../store/simulator-state";
import { deflateRaw, fromBase64Url, inflateRaw, SharePayloadError, toBase64Url } from "./compression";

export { SharePayloadError } from "./compression";

/** Version of the payload layout; bump it when the JSON below changes incompatibly. */
export const SHARE_FORMAT_VERSION = 1;
/** Hash parameter that carries the payload. */
export const SHARE_PARAM = "ksl";
/** Longest payload accepted (characters after `ksl=`), checked before any decoding. */
export const MAX_LINK_CHARS = 200_000;
/** Most bytes the payload may unpack to (the compiler's source limit is 256 KiB). */
export const MAX_UNPACKED_BYTES = 1024 * 1024;
/** Longest forced schedule and furthest step accepted: the default scenario step limit. */
export const MAX_SHARED_STEPS = DEFAULT_MAX_STEPS;
const MAX_FILE_NAME = 200;
/** A schedule label in `--schedule` syntax: a thread or DPC name, optionally `@cpu`. */
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,63}(@[0-9]{1,2})?$/;
const SCHEDULERS: readonly SchedulerMode[] = ["priority", "random", "manual"];
const VERIFIERS: readonly VerifierSetting[] = ["off", "on", "deadlock"];
const MAX_CPUS = 64;

/** Directive overrides beyond the scheduler: null = the scenario's own directive. */
export interface SharedSettings {
  readonly verifier: VerifierSetting | null;
  readonly windows: 2003 | 8 | null;
  readonly cpus: number | null;
}

/**
 * One view of the simulator, as a share link carries it: what the store restores (text, scheduler and seed
 * overrides, the choice taken at every step so far as a forced schedule, the step shown) and more.
 */
export interface SharedView extends SessionToRestore {
  /** #verifier, #windows and #cpus chosen in the UI; absent when none is. */
  readonly settings?: SharedSettings;
}

/** Two views side by side (the app's and the embed's compare mode). */
export interface SharedComparison {
  readonly left: SharedView;
  readonly right: SharedView;
  /** The right side follows the left side's text (one editor). */
  readonly sameScenario: boolean;
  /** Step buttons move both sides at once. */
  readonly together: boolean;
}

/** What a link holds: always one view (the left side of a comparison), and the comparison when it is one. */
export interface SharedLink {
  readonly view: SharedView;
  readonly comparison: SharedComparison | null;
}

/** The JSON inside the payload; short keys because every byte ends up in the URL. */
interface Wire {
  t: string; // source text
  f?: string; // file name
  s?: SchedulerMode; // scheduler override
  e?: number; // seed override
  q?: string; // schedule labels joined by spaces
  n?: number; // step
  v?: VerifierSetting; // #verifier override
  w?: 2003 | 8; // #windows override
  c?: number; // #cpus override
  r?: SideWire; // the right side of a comparison
  same?: 1; // comparison: the right side follows the left side's text
  apart?: 1; // comparison: sides step one at a time
}

/** The right side: a view whose text may be left out when it is the left side's. */
type SideWire = Omit<Wire, "t" | "r" | "same" | "apart"> & { t?: string };

function wireOf(view: SharedView): Wire {
  const wire: Wire = { t: view.source };
  if (view.fileName && view.fileName !== "scenario.ksync") wire.f = view.fileName;
  if (view.scheduler) wire.s = view.scheduler;
  if (view.seed !== null) wire.e = view.seed;
  if (view.schedule.length > 0) wire.q = view.schedule.join(" ");
  if (view.step > 0) wire.n = view.step;
  if (view.settings?.verifier) wire.v = view.settings.verifier;
  if (view.settings?.windows) wire.w = view.settings.windows;
  if (view.settings?.cpus) wire.c = view.settings.cpus;
  return wire;
}

async function pack(wire: Wire): Promise<string> {
  const packed = await deflateRaw(new TextEncoder().encode(JSON.stringify(wire)));
  return `${SHARE_FORMAT_VERSION}.${toBase64Url(packed)}`;
}

/** Packs a view into the text after `ksl=` (version, dot, base64url data). */
export function encodeSharedView(view: SharedView): Promise<string> {
  return pack(wireOf(view));
}

/** Packs a comparison; the right side's text travels once when it equals the left side's. */
export function encodeSharedComparison(comparison: SharedComparison): Promise<string> {
  const wire = wireOf(comparison.left);
  const right: SideWire = wireOf(comparison.right);
  if (right.t === wire.t) delete right.t;
  wire.r = right;
  if (comparison.sameScenario) wire.same = 1;
  if (!comparison.together) wire.apart = 1;
  return pack(wire);
}

/** Unpacks the text after `ksl=` (the left side of a comparison); throws SharePayloadError with a sentence for the user. */
export async function decodeSharedView(token: string): Promise<SharedView> {
  return validateWire(await unpack(token));
}

/** Unpacks a link that may hold a comparison. */
export async function decodeSharedLink(token: string): Promise<SharedLink> {
  const json = await unpack(token);
  const view = validateWire(json);
  const right = (json as Record<string, unknown>).r;
  if (right === undefined) return { view, comparison: null };
  if (typeof right !== "object" || right === null || Array.isArray(right))
    throw new SharePayloadError("the link is damaged: its right side is not a saved view");
  const side = right as Record<string, unknown>;
  const w = json as Record<string, unknown>;
  return {
    view,
    comparison: {
      left: view,
      right: validateWire(side.t === undefined ? { ...side, t: view.source } : side, "its right side: "),
      sameScenario: w.same === 1,
      together: w.apart !== 1,
    },
  };
}

async function unpack(token: string): Promise<unknown> {
  if (token.length > MAX_LINK_CHARS) {
    throw new SharePayloadError(
      `the link is too long (${token.length.toLocaleString("en-US")} characters; a share link holds at most ${MAX_LINK_CHARS.toLocaleString("en-US")})`,
    );
  }
  const dot = token.indexOf(".");
  const version = dot > 0 ? token.slice(0, dot) : "";
  if (!/^[0-9]{1,6}$/.test(version))
    throw new SharePayloadError("the link is damaged: it does not start with a format version");
  if (Number(version) !== SHARE_FORMAT_VERSION) {
    throw new SharePayloadError(
      Number(version) > SHARE_FORMAT_VERSION
        ? `the link was made by a newer Kernel Sync Lab (link format ${version}; this page reads format ${SHARE_FORMAT_VERSION})`
        : `the link uses format ${version}, which this page no longer reads (it reads format ${SHARE_FORMAT_VERSION})`,
    );
  }
  const bytes = await inflateRaw(fromBase64Url(token.slice(dot + 1)), MAX_UNPACKED_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new SharePayloadError("the link is damaged: its data is not a saved view");
  }
  if (typeof json !== "object" || json === null || Array.isArray(json))
    throw new SharePayloadError("the link is damaged: its data is not a saved view");
  return json;
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

/** `where` prefixes each complaint, so a bad right side says so. */
function validateWire(json: unknown, where = ""): SharedView {
  const fail = (what: string): never => {
    throw new SharePayloadError(`the link is damaged: ${where}${what}`);
  };
  if (typeof json !== "object" || json === null || Array.isArray(json)) return fail("its data is not a saved view");
  const w = json as Record<string, unknown>;
  if (typeof w.t !== "string") return fail("it carries no scenario text");
  if (w.f !== undefined && (typeof w.f !== "string" || w.f.length > MAX_FILE_NAME || hasControlCharacter(w.f)))
    return fail("its file name is invalid");
  if (w.s !== undefined && !SCHEDULERS.includes(w.s as SchedulerMode)) return fail("it names an unknown scheduler");
  if (w.e !== undefined && !(Number.isInteger(w.e) && (w.e as number) >= 0 && (w.e as number) <= 0xffffffff))
    return fail("its seed is not a 32-bit unsigned number");
  if (w.n !== undefined && !(Number.isInteger(w.n) && (w.n as number) >= 0 && (w.n as number) <= MAX_SHARED_STEPS))
    return fail(`its step is not between 0 and ${MAX_SHARED_STEPS}`);
  let schedule: string[] = [];
  if (w.q !== undefined) {
    if (typeof w.q !== "string") return fail("its schedule is not a list of thread names");
    schedule = w.q === "" ? [] : w.q.split(" ");
    if (schedule.length > MAX_SHARED_STEPS) return fail(`its schedule is longer than ${MAX_SHARED_STEPS} steps`);
    const bad = schedule.find((label) => !LABEL.test(label));
    if (bad !== undefined) return fail(`its schedule has an entry that is not a thread name ("${bad.slice(0, 40)}")`);
  }
  if (w.v !== undefined && !VERIFIERS.includes(w.v as VerifierSetting))
    return fail("it names an unknown verifier mode");
  if (w.w !== undefined && w.w !== 2003 && w.w !== 8) return fail("its Windows generation is not 2003 or 8");
  if (w.c !== undefined && !(Number.isInteger(w.c) && (w.c as number) >= 1 && (w.c as number) <= MAX_CPUS))
    return fail(`its processor count is not between 1 and ${MAX_CPUS}`);
  const settings: SharedSettings | null =
    w.v !== undefined || w.w !== undefined || w.c !== undefined
      ? {
          verifier: (w.v as VerifierSetting | undefined) ?? null,
          windows: (w.w as 2003 | 8 | undefined) ?? null,
          cpus: (w.c as number | undefined) ?? null,
        }
      : null;
  return {
    source: w.t,
    fileName: (w.f as string | undefined) || "scenario.ksync",
    scheduler: (w.s as SchedulerMode | undefined) ?? null,
    seed: (w.e as number | undefined) ?? null,
    schedule,
    step: (w.n as number | undefined) ?? 0,
    ...(settings ? { settings } : {}),
  };
}

/** The share payload in a URL hash (`#ksl=...`, possibly among other hash parameters), or null. */
export function shareTokenFromHash(hash: string): string | null {
  const text = hash.startsWith("#") ? hash.slice(1) : hash;
  if (!text) return null;
  // Not URLSearchParams: it would turn the payload's characters into others ("+" to " ") and scan a huge hash twice.
  for (const part of text.split("&")) {
    if (part.startsWith(`${SHARE_PARAM}=`)) return part.slice(SHARE_PARAM.length + 1);
  }
  return null;
}

/** `base` (a page URL) with its hash replaced by the share payload. */
export function shareUrl(base: string, token: string): string {
  const url = new URL(base);
  url.hash = `${SHARE_PARAM}=${token}`;
  return url.href;
}
