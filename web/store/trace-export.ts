// "Export trace": the run so far as one JSON-ready document that
// `ksync run FILE --schedule ...` can replay.
import type { Simulator, Snapshot, TraceEvent } from "../../core-wasm/engine/types";
import type { SchedulerMode } from "./backend";

/** What "Export trace" downloads: replayable with `ksync run FILE --schedule ...`. */
export interface TraceExport {
  readonly scenario: string;
  readonly fileName: string;
  readonly scheduler: SchedulerMode;
  readonly step: number;
  readonly outcome: Snapshot["outcome"];
  /** Who ran each step, in --schedule syntax (Simulator.schedule). */
  readonly schedule: readonly string[];
  /** Forced choices that, with `scheduler`, reproduce this run exactly (Simulator.reproducingSchedule). */
  readonly forcedSchedule: readonly string[];
  readonly events: readonly TraceEvent[];
  readonly snapshot: Snapshot;
}

/** The trace of `sim` up to its current step, labelled with the scenario it came from. */
export function traceExportOf(
  sim: Simulator,
  scenario: { readonly title: string; readonly fileName: string; readonly scheduler: SchedulerMode },
): TraceExport {
  const snapshot = sim.snapshot();
  return {
    scenario: scenario.title,
    fileName: scenario.fileName,
    scheduler: scenario.scheduler,
    step: snapshot.step,
    outcome: snapshot.outcome,
    schedule: sim.schedule(),
    forcedSchedule: sim.reproducingSchedule(),
    events: snapshot.step > 0 ? sim.events(1, snapshot.step) : [],
    snapshot,
  };
}
