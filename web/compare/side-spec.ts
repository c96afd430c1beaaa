// One side of an embedded comparison as a page author writes it in an
// attribute or URL parameter: a built-in scenario's name, then settings as
// words — left="priority-inversion windows=2003" right="priority-inversion
// windows=8". A word it does not understand is reported, never ignored.
import type { SchedulerMode, VerifierSetting } from "../store/backend";
import type { SideSpec } from "./presets";

export interface ParsedSideSpec {
  readonly spec: SideSpec;
  readonly problems: readonly string[];
}

const SCENARIO_NAME = /^[a-z0-9][a-z0-9-]{0,99}$/;

export function parseSideSpec(attribute: string, text: string): ParsedSideSpec {
  const problems: string[] = [];
  const [name = "", ...words] = text.trim().split(/\s+/);
  if (!SCENARIO_NAME.test(name))
    problems.push(`${attribute}="${text.slice(0, 40)}" does not start with a built-in scenario's name`);
  let scheduler: SchedulerMode | undefined;
  let seed: number | undefined;
  let verifier: VerifierSetting | undefined;
  let windows: 2003 | 8 | undefined;
  let cpus: number | undefined;
  for (const word of words) {
    const [key, value = ""] = word.split("=", 2) as [string, string?];
    const bad = (allowed: string) => problems.push(`${attribute}: ${key}=${value.slice(0, 20)} is not ${allowed}`);
    switch (key) {
      case "scheduler":
        if (value === "priority" || value === "random") scheduler = value;
        else bad("priority or random");
        break;
      case "seed":
        if (/^[0-9]{1,10}$/.test(value) && Number(value) <= 0xffffffff) seed = Number(value);
        else bad("a number from 0 to 4294967295");
        break;
      case "verifier":
        if (value === "off" || value === "on" || value === "deadlock") verifier = value;
        else bad("off, on or deadlock");
        break;
      case "windows":
        if (value === "2003" || value === "8") windows = Number(value) as 2003 | 8;
        else bad("2003 or 8");
        break;
      case "cpus":
        if (/^[0-9]{1,2}$/.test(value) && Number(value) >= 1 && Number(value) <= 64) cpus = Number(value);
        else bad("a number from 1 to 64");
        break;
      default:
        problems.push(
          `${attribute}: "${word.slice(0, 30)}" is not a setting (scheduler=, seed=, verifier=, windows=, cpus=)`,
        );
    }
  }
  // A seed matters only to the random scheduler, so a seed alone asks for it.
  if (seed !== undefined && scheduler === undefined) scheduler = "random";
  return {
    spec: {
      scenario: name,
      ...(scheduler ? { scheduler } : {}),
      ...(seed !== undefined ? { seed } : {}),
      settings: {
        ...(verifier ? { verifier } : {}),
        ...(windows ? { windows } : {}),
        ...(cpus ? { cpus } : {}),
      },
    },
    problems,
  };
}
