// Checks a scenario's expected facts (expectations.ts) against a simulator's
// state. Used by the library's tests.
import type { Snapshot, TraceEvent } from "../core-wasm/engine/types";
import type { ExpectedBugCheck, Fact } from "./expectations";

/** Trace operations that are statements of the scenario (not engine events such as ThreadReady). */
const STATEMENT_OP = /^(Ke|Ex|Work$|Delay$|Yield$)/;

function differs(label: string, actual: unknown, expected: unknown): string | null {
  return JSON.stringify(actual) === JSON.stringify(expected)
    ? null
    : `${label} is ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`;
}

/** Order in which `threads` execute their first statement after `afterTick`. */
export function firstRunOrder(events: readonly TraceEvent[], afterTick: number, threads: readonly string[]): string[] {
  const wanted = new Set(threads);
  const order: string[] = [];
  for (const e of events) {
    if (e.tick <= afterTick || !wanted.has(e.thread) || !STATEMENT_OP.test(e.op) || order.includes(e.thread)) continue;
    order.push(e.thread);
  }
  return order;
}

/** The problems with one fact; empty when it holds. `events` is needed for run-order facts. */
export function checkFact(fact: Fact, snapshot: Snapshot, events: readonly TraceEvent[] = []): string[] {
  const problems: (string | null)[] = [];
  switch (fact.kind) {
    case "thread": {
      const t = snapshot.threads.find((x) => x.name === fact.name);
      if (t === undefined) return [`no thread ${fact.name}`];
      const p = `thread ${fact.name}:`;
      if (fact.state !== undefined) problems.push(differs(`${p} state`, t.state, fact.state));
      if (fact.waitingOn !== undefined) problems.push(differs(`${p} waitingOn`, t.waitingOn, fact.waitingOn));
      if (fact.owns !== undefined) problems.push(differs(`${p} owns`, [...t.owns].sort(), [...fact.owns].sort()));
      if (fact.priority !== undefined) problems.push(differs(`${p} priority`, t.priority, fact.priority));
      if (fact.irql !== undefined) problems.push(differs(`${p} irql`, t.irql, fact.irql));
      if (fact.kernelApcDisable !== undefined)
        problems.push(differs(`${p} kernelApcDisable`, t.kernelApcDisable, fact.kernelApcDisable));
      if (fact.specialApcDisable !== undefined)
        problems.push(differs(`${p} specialApcDisable`, t.specialApcDisable, fact.specialApcDisable));
      break;
    }
    case "object": {
      const o = snapshot.objects.find((x) => x.name === fact.name);
      if (o === undefined) return [`no object ${fact.name}`];
      const p = `object ${fact.name}:`;
      if (fact.owner !== undefined) problems.push(differs(`${p} owner`, o.owner, fact.owner));
      if (fact.count !== undefined) {
        const c = o.count === null ? null : { free: o.count.free, woken: o.count.woken, waiters: o.count.waiters };
        problems.push(differs(`${p} count`, c, fact.count));
      }
      if (fact.contention !== undefined) problems.push(differs(`${p} contention`, o.contention, fact.contention));
      if (fact.signaled !== undefined) problems.push(differs(`${p} signaled`, o.signaled, fact.signaled));
      if (fact.waiters !== undefined) problems.push(differs(`${p} waiters`, o.waiters, fact.waiters));
      break;
    }
    case "apc": {
      const a = snapshot.apcs.find((x) => x.name === fact.name);
      if (a === undefined) return [`no APC ${fact.name}`];
      problems.push(differs(`APC ${fact.name}: deliveredAt`, a.deliveredAt, fact.deliveredAt));
      break;
    }
    case "apc-order": {
      const ticks = fact.order.map((name) => snapshot.apcs.find((x) => x.name === name)?.deliveredAt ?? null);
      const ok = ticks.every((t, i) => t !== null && (i === 0 || t > (ticks[i - 1] as number)));
      if (!ok)
        problems.push(
          `APCs ${fact.order.join(", ")} were delivered at ticks ${JSON.stringify(ticks)}, expected in that order`,
        );
      break;
    }
    case "run-order":
      problems.push(
        differs(
          `first statements after tick ${fact.afterTick}: order`,
          firstRunOrder(events, fact.afterTick, fact.order),
          fact.order,
        ),
      );
      break;
  }
  return problems.filter((p): p is string => p !== null);
}

/** 1-based line of the statement an expected bug check names (its `at` text), if it names one. */
export function expectedBugCheckLine(source: string, bugcheck: ExpectedBugCheck): number | null {
  if (bugcheck.at === undefined) return null;
  const index = source.split("\n").findIndex((line) => line.includes(bugcheck.at as string));
  return index < 0 ? null : index + 1;
}
