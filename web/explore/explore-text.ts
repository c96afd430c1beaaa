// What the explore panel says: the outcome of a search in plain sentences
// (never claiming more than the search covered), and the running figures.
import type { ExploreProgress, ExploreReport } from "../../core-wasm/engine";
import type { ExploreSettings } from "./explore-session";

const MIB = 1024 * 1024;

export type OutcomeTone = "alarm" | "ok" | "limit";

export interface OutcomeText {
  readonly tone: OutcomeTone;
  readonly headline: string;
  /** Supporting lines: what was searched, why it stopped, what to try next. */
  readonly details: readonly string[];
}

export function count(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${count(n)} ${n === 1 ? one : many}`;
}

export function seconds(s: number): string {
  if (s < 0.01) return "under 10 ms";
  if (s < 1) return `${Math.round(s * 1000)} ms`;
  return s < 10 ? `${s.toFixed(2)} s` : `${s.toFixed(1)} s`;
}

export function mebibytes(bytes: number): string {
  const mib = bytes / MIB;
  return mib < 10 ? `${mib.toFixed(1)} MiB` : `${Math.round(mib)} MiB`;
}

export function rate(statesPerSecond: number): string {
  if (statesPerSecond >= 1e6) return `${(statesPerSecond / 1e6).toFixed(2)} M states/s`;
  if (statesPerSecond >= 1e3) return `${Math.round(statesPerSecond / 1e3)} k states/s`;
  return `${Math.round(statesPerSecond)} states/s`;
}

/**
 * How far the search is toward the first limit it will hit (0..1): the search
 * has no known end, so the bar shows the nearest of states, time and memory.
 */
export function progressFraction(progress: ExploreProgress, settings: ExploreSettings): number {
  const parts = [
    progress.states / settings.maxStates,
    progress.seconds / settings.maxSeconds,
    progress.memoryBytes / (settings.memoryMiB * MIB),
  ];
  return Math.max(0, Math.min(1, Math.max(...parts.filter(Number.isFinite))));
}

/** Which limit the progress bar is measuring against, for its label. */
export function nearestLimit(progress: ExploreProgress, settings: ExploreSettings): string {
  const parts: [number, string][] = [
    [progress.states / settings.maxStates, `${count(settings.maxStates)} states`],
    [progress.seconds / settings.maxSeconds, `${count(settings.maxSeconds)} s`],
    [progress.memoryBytes / (settings.memoryMiB * MIB), `${count(settings.memoryMiB)} MiB`],
  ];
  parts.sort((a, b) => b[0] - a[0]);
  return parts[0]?.[1] ?? "";
}

function scope(report: ExploreReport): string[] {
  const lines: string[] = [];
  if (report.preemptionBound !== null)
    lines.push(`Only schedules with at most ${plural(report.preemptionBound, "preemption")} were searched.`);
  if (report.respectPriorities) lines.push("Only choices the priority scheduler could make were searched.");
  return lines;
}

function limitText(report: ExploreReport, settings: ExploreSettings | null): string {
  switch (report.limit) {
    case "time":
      return `the time limit${settings ? ` of ${count(settings.maxSeconds)} s` : ""}`;
    case "memory":
      return `the memory budget${settings ? ` of ${count(settings.memoryMiB)} MiB` : ""}`;
    case "cancelled":
      return "Cancel";
    default:
      return `the state limit${settings ? ` of ${count(settings.maxStates)}` : ""}`;
  }
}

/** The outcome of a finished search, worded for the panel. */
export function describeReport(report: ExploreReport, settings: ExploreSettings | null): OutcomeText {
  const walks = report.mode === "random-walks";
  const searched = walks
    ? `${plural(report.walks ?? 0, "random walk")} (seed ${report.seed ?? 1}), ${plural(report.transitions, "step")} in ${seconds(report.seconds)}`
    : `${plural(report.states, "state")}, ${plural(report.transitions, "transition")} in ${seconds(report.seconds)}`;
  const ce = report.counterexample;
  if (report.outcome === "error-found" && ce) {
    const steps = plural(ce.schedule.length, "step");
    const details: string[] = [];
    let headline: string;
    if (ce.outcome === "deadlock") {
      headline = `Deadlock after ${steps}`;
      const cycle = ce.deadlock?.cycle ?? [];
      if (cycle.length === 0) details.push("The waited-on object has no owner: nobody will ever signal it.");
      else
        details.push(
          cycle.map((e) => `${e.thread} waits for ${e.waitsFor}${e.heldBy ? `, held by ${e.heldBy}` : ""}`).join("; ") +
            ".",
        );
    } else if (ce.outcome === "bugcheck") {
      const b = ce.bugcheck;
      headline = `Bug check ${b?.code ?? ""} after ${steps}`;
      if (b) details.push(`${b.name}${b.rule ? ` (${b.rule})` : ""} in ${b.thread} at line ${b.line}.`);
    } else {
      headline = `A schedule runs ${plural(report.maxSteps, "step")} without finishing`;
      details.push("Some thread never ends in it: an endless loop or a livelock.");
    }
    details.push(`Found after searching ${searched}; the shortest schedule found is shown.`);
    return { tone: "alarm", headline, details: [...details, ...scope(report)] };
  }
  if (report.outcome === "no-errors") {
    if (walks)
      return {
        tone: "ok",
        headline: `No deadlock or bug check in ${plural(report.walks ?? 0, "random walk")}`,
        details: [
          `Searched ${searched}.`,
          "Random walks sample schedules: this is not a proof for the schedules they did not try.",
          ...scope(report),
        ],
      };
    return {
      tone: "ok",
      headline: `No deadlock or bug check in any of ${plural(report.states, "state")}`,
      details: [`Every schedule was searched: ${searched}.`, ...scope(report)],
    };
  }
  const cancelled = report.limit === "cancelled";
  return {
    tone: "limit",
    headline: walks
      ? `Tried ${plural(report.walks ?? 0, "random walk")}, ${cancelled ? "cancelled" : "limit reached"}`
      : `Searched ${plural(report.states, "state")}, ${cancelled ? "cancelled" : "limit reached"}`,
    details: [
      `${cancelled ? "Cancelled" : `Stopped by ${limitText(report, settings)}`} after ${searched}${walks ? "" : `, ${plural(report.frontier, "state")} left to explore`}.`,
      "No deadlock or bug check so far, but the search is not complete: it proves nothing about the rest.",
      ...(cancelled ? [] : ["To go further: raise the limit, set a preemption bound, or sample with random walks."]),
      ...scope(report),
    ],
  };
}

/** A search whose worker was stopped before it could report: the last progress is all we know. */
export function describeStopped(progress: ExploreProgress | null): OutcomeText {
  return {
    tone: "limit",
    headline: progress ? `Searched about ${plural(progress.states, "state")}, cancelled` : "Cancelled",
    details: ["No deadlock or bug check so far, but the search is not complete: it proves nothing about the rest."],
  };
}
