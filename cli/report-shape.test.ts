// Every built-in scenario, under several schedulers and CPU counts, gives a
// report that follows docs/cli.md ("The run report") field by field: types, enumerations,
// 0x-hex and &Name formats, fields present only for their outcome, and an exit
// code that matches the outcome.
import { describe, expect, it } from "vitest";
import { loadLibrary } from "../scenarios/node";
import { main } from "./main";

const OUTCOME_CODES: Record<string, number> = { completed: 0, deadlock: 1, bugcheck: 2, "step-limit": 3 };
const STATES = ["Initialized", "Ready", "Running", "Standby", "Waiting", "Terminated"];
const TYPES = ["KGUARDED_MUTEX", "FAST_MUTEX", "KSPIN_LOCK", "KEVENT"];
const IRQL = /^(PASSIVE_LEVEL|APC_LEVEL|DISPATCH_LEVEL|DIRQL\(([3-9]|1[0-2])\)|CLOCK_LEVEL|IPI_LEVEL|HIGH_LEVEL)$/;
const HEX = /^0x(0|[1-9A-F][0-9A-F]*)$/;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const PARAMETER = /^(0x(0|[1-9A-F][0-9A-F]*)|&[A-Za-z_][A-Za-z0-9_]*)$/;

type Json = Record<string, unknown>;

function isIntegerOrNull(v: unknown): boolean {
  return v === null || Number.isInteger(v);
}

/** The problems with one report; empty when it follows the spec. */
function problems(r: Json, names: { threads: Set<string>; objects: Set<string> }): string[] {
  const p: string[] = [];
  const need = (ok: boolean, what: string): void => void (ok || p.push(what));
  need(typeof r.scenario === "string" && r.scenario !== "", "scenario");
  need(typeof r.outcome === "string" && r.outcome in OUTCOME_CODES, `outcome ${String(r.outcome)}`);
  need(Number.isInteger(r.ticks) && (r.ticks as number) >= 0, "ticks");
  need("deadlock" in r === (r.outcome === "deadlock"), "deadlock only for a deadlock");
  need("bugcheck" in r === (r.outcome === "bugcheck"), "bugcheck only for a bug check");
  need(!("trace" in r), "no trace without --trace");
  if (r.outcome === "deadlock") {
    const cycle = (r.deadlock as Json).cycle as Json[];
    need(Array.isArray(cycle), "deadlock.cycle");
    for (const e of cycle) {
      need(Object.keys(e).join() === "thread,waitsFor,heldBy", "cycle edge fields");
      need(typeof e.thread === "string" && typeof e.waitsFor === "string", "cycle edge names");
      need(e.heldBy === null || typeof e.heldBy === "string", "cycle heldBy");
    }
  }
  if (r.outcome === "bugcheck") {
    const b = r.bugcheck as Json;
    need(Object.keys(b).join() === "code,name,rule,parameters,thread,line,tick", "bugcheck fields");
    need(HEX.test(String(b.code)), `bugcheck code ${String(b.code)}`);
    need(/^[A-Z0-9_]+$/.test(String(b.name)), "bugcheck name");
    need(b.rule === null || (typeof b.rule === "string" && NAME.test(b.rule)), "bugcheck rule");
    const params = b.parameters as unknown[];
    need(Array.isArray(params) && params.length === 4, "four parameters");
    for (const x of params) need(typeof x === "string" && PARAMETER.test(x), `parameter ${String(x)}`);
    need(typeof b.thread === "string", "bugcheck thread");
    need(Number.isInteger(b.line) && (b.line as number) > 0, "bugcheck line");
    need(Number.isInteger(b.tick) && (b.tick as number) <= (r.ticks as number), "bugcheck tick");
  }
  const threads = r.threads as Json[];
  need(threads.map((t) => t.name).join() === [...names.threads].join(), "every thread, in declaration order");
  for (const t of threads) {
    need(
      Object.keys(t).join() === "name,state,priority,irql,line,waitingOn,owns,kernelApcDisable,specialApcDisable",
      "thread fields",
    );
    need(STATES.includes(String(t.state)), `thread state ${String(t.state)}`);
    need(
      Number.isInteger(t.priority) && (t.priority as number) >= 1 && (t.priority as number) <= 31,
      "thread priority",
    );
    need(IRQL.test(String(t.irql)), `thread irql ${String(t.irql)}`);
    need(Number.isInteger(t.line) && (t.line as number) >= 0, "thread line");
    need(t.waitingOn === null || names.objects.has(String(t.waitingOn)), "waitingOn names an object");
    need(
      Array.isArray(t.owns) && (t.owns as unknown[]).every((o) => names.objects.has(String(o))),
      "owns names objects",
    );
    need(Number.isInteger(t.kernelApcDisable) && Number.isInteger(t.specialApcDisable), "APC-disable counts");
  }
  const objects = r.objects as Json[];
  need(objects.map((o) => o.name).join() === [...names.objects].join(), "every object, in declaration order");
  for (const o of objects) {
    const mutex = o.type === "KGUARDED_MUTEX" || o.type === "FAST_MUTEX";
    const fields = "name,type,owner,waiters,contention,signaled" + (mutex ? ",count" : "");
    need(Object.keys(o).join() === fields, `object fields of ${String(o.name)}`);
    need(TYPES.includes(String(o.type)), "object type");
    need(o.owner === null || typeof o.owner === "string", "object owner");
    need(Array.isArray(o.waiters), "object waiters");
    need(Number.isInteger(o.contention) && (o.contention as number) >= 0, "object contention");
    need(o.type === "KEVENT" ? typeof o.signaled === "boolean" : o.signaled === null, "signaled for events only");
    if (mutex) {
      const c = o.count as Json;
      need(Object.keys(c).join() === "free,woken,waiters", "count fields");
      need(typeof c.free === "boolean" && typeof c.woken === "boolean" && Number.isInteger(c.waiters), "count types");
    }
  }
  for (const a of r.apcs as Json[]) {
    need(Object.keys(a).join() === "name,target,queuedAt,deliveredAt", "APC fields");
    need(names.threads.has(String(a.target)), "APC target is a thread");
    need(isIntegerOrNull(a.queuedAt) && isIntegerOrNull(a.deliveredAt), "APC ticks");
    if (a.deliveredAt !== null)
      need(a.queuedAt !== null && (a.deliveredAt as number) >= (a.queuedAt as number), "delivered after queued");
  }
  return p;
}

const OPTION_SETS = [
  [],
  ["--scheduler", "random", "--seed", "3"],
  ["--cpus", "2", "--scheduler", "random", "--seed", "11"],
];

describe("run --json report shape", () => {
  it("follows the spec for every built-in scenario under several schedulers", async () => {
    let checked = 0;
    for (const scenario of loadLibrary()) {
      const names = {
        threads: new Set([...scenario.source.matchAll(/^thread\s+([A-Za-z_]\w*)/gm)].map((m) => m[1] as string)),
        objects: new Set<string>(),
      };
      for (const m of scenario.source.matchAll(/^(KGUARDED_MUTEX|FAST_MUTEX|KSPIN_LOCK|KEVENT)\s+([^;=]+)/gm)) {
        for (const n of (m[2] as string).split(",")) names.objects.add(n.trim());
      }
      for (const options of OPTION_SETS) {
        let out = "";
        const code = await main(["run", scenario.name, ...options, "--json"], {
          out: (t) => void (out += t),
          err: () => undefined,
        });
        const report = JSON.parse(out) as Json;
        expect(problems(report, names), `${scenario.name} ${options.join(" ")}`).toEqual([]);
        expect(code).toBe(OUTCOME_CODES[String(report.outcome)]);
        checked++;
      }
    }
    expect(checked).toBe(loadLibrary().length * OPTION_SETS.length);
  }, 120_000);
});
