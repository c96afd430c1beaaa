// Widget options, read the same way from a custom element's attributes and
// from embed.html's URL parameters. Unknown values fall back to defaults and
// are reported, so a typo in a docs page shows up instead of failing quietly.
import { DEFAULT_MAX_STEPS } from "../../core-wasm/shared/limits";
import type { EmbedTheme } from "./theme";

/** compact: code, controls, threads and wait queues; timeline: compact plus the timeline; full: every panel except the editor. */
export type EmbedView = "compact" | "timeline" | "full";
/** single: one simulator; compare: two side by side (web/compare). */
export type EmbedMode = "single" | "compare";

export interface EmbedOptions {
  readonly view: EmbedView;
  readonly theme: EmbedTheme;
  readonly controls: boolean;
  readonly autoplay: boolean;
  /** Step to show once loaded (null = 0, or the share link's own step). */
  readonly step: number | null;
  /** Steps per second while playing. */
  readonly speed: number | null;
  /** A built-in scenario's name. */
  readonly scenario: string | null;
  /** A share-link payload (the text after `#ksl=`). */
  readonly share: string | null;
  /** A built-in challenge's id: its scenario, the reader as the scheduler, and the goal panel. */
  readonly challenge: string | null;
  readonly mode: EmbedMode;
  /** Compare mode: each side's built-in scenario and settings ("priority-inversion windows=8"). */
  readonly left: string | null;
  readonly right: string | null;
  /** Compare mode: a ready-made comparison's id ("guarded-vs-fast"). */
  readonly preset: string | null;
}

export interface ParsedOptions {
  readonly options: EmbedOptions;
  readonly problems: readonly string[];
}

const VIEWS: readonly EmbedView[] = ["compact", "timeline", "full"];
const THEMES: readonly EmbedTheme[] = ["light", "dark", "auto"];
const MODES: readonly EmbedMode[] = ["single", "compare"];
/** Furthest `step` a widget opens at: the scenario step limit. */
const MAX_STEP = DEFAULT_MAX_STEPS;

/** Reads options through `get` (an attribute or URL parameter lookup). */
export function parseEmbedOptions(get: (name: string) => string | null): ParsedOptions {
  const problems: string[] = [];
  const pick = <T extends string>(name: string, allowed: readonly T[], fallback: T): T => {
    const raw = get(name);
    if (raw === null || raw === "") return fallback;
    if ((allowed as readonly string[]).includes(raw)) return raw as T;
    problems.push(`${name}="${raw.slice(0, 40)}" is not one of ${allowed.join(", ")}; using ${fallback}`);
    return fallback;
  };
  const flag = (name: string, fallback: boolean): boolean => {
    const raw = get(name);
    if (raw === null || raw === "") return fallback;
    if (raw === "1" || raw === "true") return true;
    if (raw === "0" || raw === "false") return false;
    problems.push(`${name}="${raw.slice(0, 40)}" is not 0 or 1`);
    return fallback;
  };
  const count = (name: string, max: number): number | null => {
    const raw = get(name);
    if (raw === null || raw === "") return null;
    const n = Number(raw);
    if (/^[0-9]+$/.test(raw) && n <= max) return n;
    problems.push(`${name}="${raw.slice(0, 40)}" is not a whole number from 0 to ${max}`);
    return null;
  };
  return {
    options: {
      view: pick("view", VIEWS, "compact"),
      theme: pick("theme", THEMES, "auto"),
      controls: flag("controls", true),
      autoplay: flag("autoplay", false),
      step: count("step", MAX_STEP),
      speed: count("speed", 10_000),
      scenario: get("scenario") || null,
      share: get("share") || null,
      challenge: get("challenge") || null,
      mode: pick("mode", MODES, "single"),
      left: get("left") || null,
      right: get("right") || null,
      preset: get("preset") || null,
    },
    problems,
  };
}
