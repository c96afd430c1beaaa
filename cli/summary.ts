// The human-readable side of `ksync run` (without --json): a short summary of
// how the run ended, built from the same RunReport as the JSON so the two never
// disagree, plus a readable event log for --trace.
import type { ReportObject, ReportThread, RunReport } from "../core-wasm/engine/report";
import type { TraceEvent } from "../core-wasm/engine/types";

function table(rows: readonly (readonly string[])[], indent = "  "): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    (indent + row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join("  ")).trimEnd(),
  );
}

function list(names: readonly string[]): string {
  return names.length === 0 ? "-" : names.join(",");
}

function threadRow(t: ReportThread): string[] {
  return [
    t.name,
    t.state,
    `pri ${t.priority}`,
    t.irql,
    t.line > 0 ? `line ${t.line}` : "",
    t.waitingOn !== null ? `waiting on ${t.waitingOn}` : "",
    t.owns.length > 0 ? `owns ${list(t.owns)}` : "",
    `KernelApcDisable ${t.kernelApcDisable}`,
    `SpecialApcDisable ${t.specialApcDisable}`,
  ];
}

function objectRow(o: ReportObject): string[] {
  const row = [o.name, o.type];
  if (o.type === "KEVENT") {
    row.push(`signaled ${o.signaled ? "TRUE" : "FALSE"}`, `waiters ${list(o.waiters)}`);
    return row;
  }
  row.push(`owner ${o.owner ?? "-"}`, `waiters ${list(o.waiters)}`);
  if (o.count !== undefined) {
    const c = o.count;
    row.push(
      `contention ${o.contention}`,
      `Count (free ${c.free ? 1 : 0}, woken ${c.woken ? 1 : 0}, waiters ${c.waiters})`,
    );
  }
  return row;
}

const OUTCOME_TEXT: Record<RunReport["outcome"], string> = {
  completed: "completed: every thread finished",
  deadlock: "DEADLOCK: no thread can ever run again",
  bugcheck: "BUG CHECK: the machine stopped",
  "step-limit": "step limit reached",
};

/** Summary printed by `ksync run` without --json. `explanation` is the engine's one-sentence account of a bug check. */
export function formatSummary(report: RunReport, explanation: string | null, maxSteps: number): string {
  const lines: string[] = [];
  lines.push(`${report.scenario}`);
  const limit = report.outcome === "step-limit" ? ` (--max-steps ${maxSteps})` : "";
  lines.push(`Outcome: ${OUTCOME_TEXT[report.outcome]}${limit}, at tick ${report.ticks}`);

  if (report.bugcheck !== undefined) {
    const b = report.bugcheck;
    lines.push("");
    lines.push(`*** STOP: ${b.code} ${b.name} (${b.parameters.join(", ")})`);
    if (b.rule !== null) lines.push(`    DDI rule: ${b.rule}`);
    lines.push(`    in ${b.thread}, line ${b.line}, tick ${b.tick}`);
    if (explanation) lines.push(`    ${explanation}`);
  }
  if (report.deadlock !== undefined) {
    lines.push("");
    const cycle = report.deadlock.cycle;
    if (cycle.length === 0)
      lines.push("Deadlock: the waited-on object has no owner (nobody will ever signal or release it)");
    else {
      lines.push("Deadlock cycle:");
      for (const e of cycle) lines.push(`  ${e.thread} waits for ${e.waitsFor}, held by ${e.heldBy ?? "nobody"}`);
    }
  }

  lines.push("", "Threads:");
  lines.push(...table(report.threads.map(threadRow)));
  if (report.objects.length > 0) {
    lines.push("", "Objects:");
    lines.push(...table(report.objects.map(objectRow)));
  }
  if (report.apcs.length > 0) {
    lines.push("", "APCs:");
    lines.push(
      ...table(
        report.apcs.map((a) => [
          a.name,
          `-> ${a.target}`,
          a.queuedAt === null ? "never queued" : `queued at ${a.queuedAt}`,
          a.deliveredAt === null ? "not delivered" : `delivered at ${a.deliveredAt}`,
        ]),
      ),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** The --trace event log: one line per event, in step order. */
export function formatTrace(events: readonly TraceEvent[]): string {
  const rows = events.map((e) => [
    `tick ${e.tick}`,
    e.cpu >= 0 ? `cpu ${e.cpu}` : "",
    `${e.thread}:${e.line}`,
    `${e.op}${e.object !== null ? `(${e.object})` : ""}`,
    e.result,
    e.text,
  ]);
  return `Trace:\n${table(rows).join("\n")}\n`;
}
