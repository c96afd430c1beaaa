// The `ksync run --json` report (docs/cli.md, "The run report"): a projection of the facade's Snapshot and TraceEvents. Field names
// and their order are fixed here, in one place, so the CLI, the docs and any
// future "download report" button in the UI print the same bytes for the same
// run. Nothing in it depends on the wall clock.
import { irqlName } from "./names";
import type { DeadlockEdge, ObjectTypeName, Simulator, Snapshot, ThreadState, TraceEvent } from "./types";

/** IRQL names as the report spells them (one table for the report, the events and the UI). */
export { irqlName };

export type ReportOutcome = "completed" | "deadlock" | "bugcheck" | "step-limit";

export interface ReportBugCheck {
  readonly code: string;
  readonly name: string;
  readonly rule: string | null;
  readonly parameters: readonly [string, string, string, string];
  readonly thread: string;
  readonly line: number;
  readonly tick: number;
}

export interface ReportThread {
  readonly name: string;
  readonly state: ThreadState;
  readonly priority: number;
  readonly irql: string;
  readonly line: number;
  readonly waitingOn: string | null;
  readonly owns: readonly string[];
  readonly kernelApcDisable: number;
  readonly specialApcDisable: number;
}

export interface ReportCount {
  readonly free: boolean;
  readonly woken: boolean;
  readonly waiters: number;
}

export interface ReportObject {
  readonly name: string;
  readonly type: ObjectTypeName;
  readonly owner: string | null;
  readonly waiters: readonly string[];
  readonly contention: number;
  readonly signaled: boolean | null;
  /** Guarded and fast mutexes only (docs/kernel-semantics.md §3.2, the Count word). */
  readonly count?: ReportCount;
}

export interface ReportApc {
  readonly name: string;
  readonly target: string;
  readonly queuedAt: number | null;
  readonly deliveredAt: number | null;
}

export interface ReportTraceEvent {
  readonly tick: number;
  readonly cpu: number;
  readonly thread: string;
  readonly line: number;
  readonly op: string;
  readonly object: string | null;
  readonly result: string;
}

export interface RunReport {
  readonly scenario: string;
  readonly outcome: ReportOutcome;
  readonly ticks: number;
  readonly deadlock?: { readonly cycle: readonly DeadlockEdge[] };
  readonly bugcheck?: ReportBugCheck;
  readonly threads: readonly ReportThread[];
  readonly objects: readonly ReportObject[];
  readonly apcs: readonly ReportApc[];
  readonly trace?: readonly ReportTraceEvent[];
}

function isMutex(type: ObjectTypeName): boolean {
  return type === "KGUARDED_MUTEX" || type === "FAST_MUTEX";
}

/** Builds the report from a final snapshot and, when wanted, the run's trace events. */
export function buildRunReport(title: string, snapshot: Snapshot, trace?: readonly TraceEvent[]): RunReport {
  if (snapshot.outcome === "running") throw new Error("buildRunReport: the run has not ended");
  const report: {
    -readonly [K in keyof RunReport]: RunReport[K];
  } = { scenario: title, outcome: snapshot.outcome, ticks: snapshot.tick } as RunReport;

  if (snapshot.outcome === "deadlock") {
    const cycle = snapshot.deadlock?.cycle ?? [];
    report.deadlock = { cycle: cycle.map((e) => ({ thread: e.thread, waitsFor: e.waitsFor, heldBy: e.heldBy })) };
  }
  if (snapshot.outcome === "bugcheck" && snapshot.bugcheck !== null) {
    const b = snapshot.bugcheck;
    report.bugcheck = {
      code: b.code,
      name: b.name,
      rule: b.rule,
      parameters: [b.parameters[0], b.parameters[1], b.parameters[2], b.parameters[3]],
      thread: b.thread,
      line: b.line,
      tick: b.tick,
    };
  }
  report.threads = snapshot.threads.map((t) => ({
    name: t.name,
    state: t.state,
    priority: t.priority,
    irql: irqlName(t.irql),
    line: t.line,
    waitingOn: t.waitingOn,
    owns: [...t.owns],
    kernelApcDisable: t.kernelApcDisable,
    specialApcDisable: t.specialApcDisable,
  }));
  report.objects = snapshot.objects.map((o) => {
    const object: { -readonly [K in keyof ReportObject]: ReportObject[K] } = {
      name: o.name,
      type: o.type,
      owner: o.owner,
      waiters: [...o.waiters],
      contention: o.contention,
      signaled: o.type === "KEVENT" ? o.signaled : null,
    };
    if (isMutex(o.type) && o.count !== null)
      object.count = { free: o.count.free, woken: o.count.woken, waiters: o.count.waiters };
    return object;
  });
  report.apcs = snapshot.apcs.map((a) => ({
    name: a.name,
    target: a.target,
    queuedAt: a.queuedAt,
    deliveredAt: a.deliveredAt,
  }));
  if (trace !== undefined) {
    report.trace = trace.map((e) => ({
      tick: e.tick,
      cpu: e.cpu,
      thread: e.thread,
      line: e.line,
      op: e.op,
      object: e.object,
      result: e.result,
    }));
  }
  return report;
}

/** The report of a simulator whose run has ended; the trace only when asked for. */
export function runReport(simulator: Simulator, options: { readonly trace?: boolean } = {}): RunReport {
  return buildRunReport(simulator.title, simulator.snapshot(), options.trace ? simulator.events() : undefined);
}

/** The report as ksync prints it: two-space indented JSON and a final newline. */
export function formatRunReport(report: RunReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
