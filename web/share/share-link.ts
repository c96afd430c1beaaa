// The share-link format: everything needed to reopen a view of the simulator
// (scenario text, scheduler and seed overrides, the forced schedule, the
// step) packed into the URL's hash fragment, which browsers never send to a
// server. Layout: `#ksl=<format version>.<base64url(deflate-raw(JSON))>`.
// Every limit is checked before or while unpacking, so a hostile link costs
// at most MAX_UNPACKED_BYTES of memory and ends in a readable message.
import type { SchedulerMode } from "../store/backend";
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
/** Longest forced schedule and furthest step accepted: the store's default step budget. */
export const MAX_SHARED_STEPS = 100_000;
const MAX_FILE_NAME = 200;
/** A schedule label in `--schedule` syntax: a thread or DPC name, optionally `@cpu`. */
const LABEL = /^[A-Za-z_][A-Za-z0-9_]{0,63}(@[0-9]{1,2})?$/;
const SCHEDULERS: readonly SchedulerMode[] = ["priority", "random", "manual"];

/** One view of the simulator, as a share link carries it. */
export interface SharedView {
  readonly source: string;
  readonly fileName: string;
  /** Scheduler chosen in the UI; null = the scenario's own #scheduler directive. */
  readonly scheduler: SchedulerMode | null;
  /** Seed chosen in the UI; null = the scenario's #seed directive. */
  readonly seed: number | null;
  /** Choice taken at every step so far (`ksync run --schedule` syntax); replayed as a forced schedule. */
  readonly schedule: readonly string[];
  /** The step shown. */
  readonly step: number;
}

/** The JSON inside the payload; short keys because every byte ends up in the URL. */
interface Wire {
  t: string; // source text
  f?: string; // file name
  s?: SchedulerMode; // scheduler override
  e?: number; // seed override
  q?: string; // schedule labels joined by spaces
  n?: number; // step
}

/** Packs a view into the text after `ksl=` (version, dot, base64url data). */
export async function encodeSharedView(view: SharedView): Promise<string> {
  const wire: Wire = { t: view.source };
  if (view.fileName && view.fileName !== "scenario.ksync") wire.f = view.fileName;
  if (view.scheduler) wire.s = view.scheduler;
  if (view.seed !== null) wire.e = view.seed;
  if (view.schedule.length > 0) wire.q = view.schedule.join(" ");
  if (view.step > 0) wire.n = view.step;
  const packed = await deflateRaw(new TextEncoder().encode(JSON.stringify(wire)));
  return `${SHARE_FORMAT_VERSION}.${toBase64Url(packed)}`;
}

/** Unpacks the text after `ksl=`; throws SharePayloadError with a sentence for the user. */
export async function decodeSharedView(token: string): Promise<SharedView> {
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
  return validateWire(json);
}

function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) < 0x20) return true;
  return false;
}

function validateWire(json: unknown): SharedView {
  const fail = (what: string): never => {
    throw new SharePayloadError(`the link is damaged: ${what}`);
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
  return {
    source: w.t,
    fileName: (w.f as string | undefined) || "scenario.ksync",
    scheduler: (w.s as SchedulerMode | undefined) ?? null,
    seed: (w.e as number | undefined) ?? null,
    schedule,
    step: (w.n as number | undefined) ?? 0,
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
