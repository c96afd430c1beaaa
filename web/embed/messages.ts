// The iframe's postMessage protocol, validated field by field: a host page
// may send anything (and other scripts on it post their own messages), so a
// message is either ignored (not addressed to us), answered with an error
// (addressed to us but malformed), or turned into a typed command.
import type { SchedulerMode } from "../store/backend";
import { MAX_LINK_CHARS } from "../share/share-link";
import { MAX_STEPS_PER_CALL, type LoadRequest, type WidgetState } from "./controller";

/** `type` of a host-to-widget command. */
export const COMMAND = "ksl:command";
/** `type` of the widget's answer to a command (sent to the command's origin only). */
export const REPLY = "ksl:reply";
/** `type` of a widget event (step, deadlock, bugcheck, ready, load-error, resize). */
export const EVENT = "ksl:event";
/** Version of this protocol, sent with every reply and event; bump it when a message changes incompatibly. */
export const PROTOCOL_VERSION = 1;

export type MessageId = string | number | null;

export type HostCommand =
  | { readonly command: "load"; readonly request: LoadRequest }
  | { readonly command: "step"; readonly count: number }
  | { readonly command: "goto"; readonly step: number }
  | { readonly command: "play" }
  | { readonly command: "pause" }
  | { readonly command: "state" };

export type ParsedMessage =
  | { readonly kind: "ignore" }
  | { readonly kind: "invalid"; readonly id: MessageId; readonly error: string }
  | { readonly kind: "command"; readonly id: MessageId; readonly command: HostCommand };

export interface ReplyMessage {
  readonly type: typeof REPLY;
  readonly version: typeof PROTOCOL_VERSION;
  readonly id: MessageId;
  readonly ok: boolean;
  readonly state?: WidgetState;
  readonly error?: string;
}

export interface EventMessage {
  readonly type: typeof EVENT;
  readonly version: typeof PROTOCOL_VERSION;
  readonly event: string;
  readonly detail: unknown;
}

const COMMANDS = ["load", "step", "goto", "play", "pause", "state"] as const;
const SCHEDULERS: readonly SchedulerMode[] = ["priority", "random", "manual"];
const MAX_SOURCE_CHARS = 256 * 1024;

function isWhole(value: unknown, min: number, max: number): value is number {
  return typeof value === "number" && Number.isInteger(value) && value >= min && value <= max;
}

/** Classifies one `message` event's data. */
export function parseHostMessage(data: unknown): ParsedMessage {
  if (typeof data !== "object" || data === null || Array.isArray(data)) return { kind: "ignore" };
  const m = data as Record<string, unknown>;
  if (m.type !== COMMAND) return { kind: "ignore" };
  const id: MessageId =
    (typeof m.id === "string" && m.id.length <= 100) || (typeof m.id === "number" && Number.isFinite(m.id))
      ? m.id
      : null;
  const invalid = (error: string): ParsedMessage => ({ kind: "invalid", id, error });
  if (m.id !== undefined && id === null)
    return invalid("id must be a string of at most 100 characters or a finite number");
  if (typeof m.command !== "string" || !(COMMANDS as readonly string[]).includes(m.command)) {
    return invalid(`command must be one of ${COMMANDS.join(", ")}`);
  }
  switch (m.command as (typeof COMMANDS)[number]) {
    case "load": {
      const given = (["scenario", "source", "share"] as const).filter((k) => m[k] !== undefined);
      if (given.length !== 1)
        return invalid(
          "load needs exactly one of scenario (a built-in name), source (scenario text) or share (a share-link payload)",
        );
      const key = given[0]!;
      const value = m[key];
      const max = key === "source" ? MAX_SOURCE_CHARS : key === "share" ? MAX_LINK_CHARS : 100;
      if (typeof value !== "string" || value.length > max)
        return invalid(`${key} must be a string of at most ${max} characters`);
      if (m.step !== undefined && !isWhole(m.step, 0, MAX_STEPS_PER_CALL))
        return invalid(`step must be a whole number from 0 to ${MAX_STEPS_PER_CALL}`);
      if (m.scheduler !== undefined && !SCHEDULERS.includes(m.scheduler as SchedulerMode))
        return invalid(`scheduler must be one of ${SCHEDULERS.join(", ")}`);
      if (m.seed !== undefined && !isWhole(m.seed, 0, 0xffffffff))
        return invalid("seed must be a 32-bit unsigned whole number");
      const request: LoadRequest = {
        [key]: value,
        ...(m.step !== undefined ? { step: m.step as number } : {}),
        ...(m.scheduler !== undefined ? { scheduler: m.scheduler as SchedulerMode } : {}),
        ...(m.seed !== undefined ? { seed: m.seed as number } : {}),
      };
      return { kind: "command", id, command: { command: "load", request } };
    }
    case "step":
      if (m.count !== undefined && !isWhole(m.count, 1, MAX_STEPS_PER_CALL))
        return invalid(`count must be a whole number from 1 to ${MAX_STEPS_PER_CALL}`);
      return { kind: "command", id, command: { command: "step", count: (m.count as number | undefined) ?? 1 } };
    case "goto":
      if (!isWhole(m.step, 0, MAX_STEPS_PER_CALL))
        return invalid(`goto needs step, a whole number from 0 to ${MAX_STEPS_PER_CALL}`);
      return { kind: "command", id, command: { command: "goto", step: m.step } };
    default:
      return { kind: "command", id, command: { command: m.command as "play" | "pause" | "state" } };
  }
}

/**
 * The `origin=` parameter: origins allowed to send commands (comma-separated,
 * e.g. `https://docs.example.org,https://notes.example.org`). Returns null
 * when absent (any origin may command the widget) and skips malformed entries.
 */
export function parseAllowedOrigins(raw: string | null): {
  readonly origins: readonly string[] | null;
  readonly problems: readonly string[];
} {
  if (raw === null || raw.trim() === "") return { origins: null, problems: [] };
  const origins: string[] = [];
  const problems: string[] = [];
  for (const part of raw
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    try {
      const url = new URL(part);
      if ((url.protocol === "http:" || url.protocol === "https:") && url.origin === part.replace(/\/$/, ""))
        origins.push(url.origin);
      else problems.push(`origin "${part.slice(0, 80)}" is not an http(s) origin such as https://docs.example.org`);
    } catch {
      problems.push(`origin "${part.slice(0, 80)}" is not an http(s) origin such as https://docs.example.org`);
    }
  }
  return { origins, problems };
}
