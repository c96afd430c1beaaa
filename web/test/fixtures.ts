// Hand-written snapshots and a scripted Simulator for component tests: the
// store and the panels run against these without loading the wasm engine.
// Never used by the shipped app.
import { resultNamed, traceOpNamed } from "../../core-wasm/engine/names";
import type { Program } from "../../core-wasm/lang/program";
import type {
  BlockedReason,
  Choice,
  ObjectView,
  Simulator,
  Snapshot,
  StopReason,
  ThreadView,
  TraceEvent,
} from "../../core-wasm/engine/types";
import type { CompileOutcome, ScenarioBackend } from "../store/backend";
import type { FrameScheduler } from "../store/frames";

export function thread(name: string, index: number, over: Partial<ThreadView> = {}): ThreadView {
  return {
    index,
    name,
    state: "Ready",
    priority: 8,
    basePriority: 8,
    irql: 0,
    line: 0,
    cpu: null,
    waitingOn: null,
    spinning: false,
    owns: [],
    kernelApcDisable: 0,
    specialApcDisable: 0,
    queuedApcs: [],
    runningApc: null,
    quantumLeft: 3,
    syscall: false,
    ...over,
  };
}

export function guardedMutex(name: string, index: number, over: Partial<ObjectView> = {}): ObjectView {
  return {
    index,
    name,
    type: "KGUARDED_MUTEX",
    owner: null,
    waiters: [],
    contention: 0,
    count: { free: true, woken: false, waiters: 0, raw: 1 },
    oldIrql: null,
    signaled: null,
    eventType: null,
    gateSignaled: false,
    ...over,
  };
}

export function snapshot(step: number, over: Partial<Snapshot> = {}): Snapshot {
  return {
    step,
    tick: step,
    outcome: "running",
    threads: [],
    objects: [],
    cpus: [{ index: 0, thread: null, irql: 0, dpc: null, queuedDpcs: [] }],
    apcs: [],
    dpcs: [],
    bugcheck: null,
    deadlock: null,
    goal: null,
    ...over,
  };
}

export function event(
  step: number,
  thread: string,
  op: string,
  object: string | null,
  result: string,
  text: string,
): TraceEvent {
  const code = traceOpNamed(op);
  const resultCode = resultNamed(result);
  if (code === undefined || resultCode === undefined) throw new Error(`no trace codes for ${op} / "${result}"`);
  return { step, tick: step, cpu: 0, thread, line: 10 + step, op, code, object, result, resultCode, text };
}

/** The ABBA deadlock as four snapshots: T1 takes A, T2 takes B, T1 blocks on B, T2 blocks on A. */
export function abbaScript(): { snapshots: Snapshot[]; events: TraceEvent[] } {
  const A = (over: Partial<ObjectView>) => guardedMutex("A", 0, over);
  const B = (over: Partial<ObjectView>) => guardedMutex("B", 1, over);
  const owned = { free: false, woken: false, waiters: 0, raw: 0 };
  const ownedWaiter = { free: false, woken: false, waiters: 1, raw: 4 };
  const snapshots: Snapshot[] = [
    snapshot(0, {
      threads: [thread("T1", 0, { line: 11 }), thread("T2", 1, { state: "Initialized" })],
      objects: [A({}), B({})],
    }),
    snapshot(1, {
      threads: [
        thread("T1", 0, { state: "Running", cpu: 0, line: 12, owns: ["A"], specialApcDisable: -1 }),
        thread("T2", 1, { line: 20 }),
      ],
      objects: [A({ owner: "T1", count: owned }), B({})],
      cpus: [{ index: 0, thread: "T1", irql: 0, dpc: null, queuedDpcs: [] }],
    }),
    snapshot(2, {
      threads: [
        thread("T1", 0, { state: "Waiting", line: 13, owns: ["A"], specialApcDisable: -1 }),
        thread("T2", 1, { state: "Running", cpu: 0, line: 21, owns: ["B"], specialApcDisable: -1 }),
      ],
      objects: [A({ owner: "T1", count: owned }), B({ owner: "T2", count: owned })],
      cpus: [{ index: 0, thread: "T2", irql: 0, dpc: null, queuedDpcs: [] }],
    }),
    snapshot(3, {
      threads: [
        thread("T1", 0, { state: "Waiting", line: 13, owns: ["A"], waitingOn: "B", specialApcDisable: -2 }),
        thread("T2", 1, { state: "Running", cpu: 0, line: 22, owns: ["B"], specialApcDisable: -1 }),
      ],
      objects: [
        A({ owner: "T1", count: owned }),
        B({ owner: "T2", count: ownedWaiter, waiters: ["T1"], contention: 1 }),
      ],
      cpus: [{ index: 0, thread: "T2", irql: 0, dpc: null, queuedDpcs: [] }],
    }),
    snapshot(4, {
      outcome: "deadlock",
      threads: [
        thread("T1", 0, { state: "Waiting", line: 13, owns: ["A"], waitingOn: "B", specialApcDisable: -2 }),
        thread("T2", 1, { state: "Waiting", line: 22, owns: ["B"], waitingOn: "A", specialApcDisable: -2 }),
      ],
      objects: [
        A({ owner: "T1", count: ownedWaiter, waiters: ["T2"], contention: 1 }),
        B({ owner: "T2", count: ownedWaiter, waiters: ["T1"], contention: 1 }),
      ],
      cpus: [{ index: 0, thread: null, irql: 0, dpc: null, queuedDpcs: [] }],
      deadlock: {
        cycle: [
          { thread: "T1", waitsFor: "B", heldBy: "T2" },
          { thread: "T2", waitsFor: "A", heldBy: "T1" },
        ],
        threads: ["T1", "T2"],
      },
    }),
  ];
  const events: TraceEvent[] = [
    event(1, "T1", "KeAcquireGuardedMutex", "A", "acquired", "T1 acquires A (fast path)."),
    event(2, "T2", "KeAcquireGuardedMutex", "B", "acquired", "T2 acquires B (fast path)."),
    event(3, "T1", "KeAcquireGuardedMutex", "B", "blocked", "T1 waits for B, owned by T2."),
    event(4, "T2", "KeAcquireGuardedMutex", "A", "blocked", "T2 waits for A, owned by T1: deadlock."),
  ];
  return { snapshots, events };
}

/** A bug check after one step. */
export function bugcheckScript(): { snapshots: Snapshot[]; events: TraceEvent[] } {
  const base = snapshot(0, { threads: [thread("T", 0, { line: 5 })] });
  const dead = snapshot(1, {
    outcome: "bugcheck",
    threads: [thread("T", 0, { state: "Running", cpu: 0, line: 5, irql: 2 })],
    bugcheck: {
      code: "0xC4",
      name: "DRIVER_VERIFIER_DETECTED_VIOLATION",
      rule: "IrqlKeApcLte1",
      parameters: ["0x2000F", "&IrqlKeApcLte1", "&M", "0x0"],
      thread: "T",
      line: 5,
      tick: 1,
      explanation: "KeAcquireGuardedMutex was called at DISPATCH_LEVEL; it requires IRQL <= APC_LEVEL.",
    },
  });
  return {
    snapshots: [base, dead],
    events: [
      event(
        1,
        "T",
        "KeAcquireGuardedMutex",
        "M",
        "bugcheck",
        "T calls KeAcquireGuardedMutex at DISPATCH_LEVEL: bug check 0xC4.",
      ),
    ],
  };
}

export interface ScriptOptions {
  readonly manual?: boolean;
}

/** A Simulator that replays a fixed list of snapshots (one per step). */
export function scriptedSimulator(
  script: { snapshots: Snapshot[]; events: TraceEvent[] },
  options: ScriptOptions = {},
): Simulator & { calls: string[] } {
  let position = 0;
  const last = script.snapshots.length - 1;
  const calls: string[] = [];
  const chosen: string[] = [];
  const current = () => script.snapshots[position]!;
  const stopAfter = (): StopReason => {
    const outcome = current().outcome;
    if (outcome === "running") return options.manual ? "choice-needed" : "budget";
    return outcome === "completed"
      ? "completed"
      : outcome === "deadlock"
        ? "deadlock"
        : outcome === "bugcheck"
          ? "bugcheck"
          : "step-limit";
  };
  const advance = (label?: string): StopReason => {
    if (current().outcome !== "running" || position >= last) return stopAfter();
    position += 1;
    chosen.push(label ?? script.events.find((e) => e.step === position)?.thread ?? "?");
    return stopAfter();
  };
  const sim = {
    calls,
    title: "scripted",
    cpuCount: 1,
    threadNames: script.snapshots[0]!.threads.map((t) => t.name),
    objectNames: script.snapshots[0]!.objects.map((o) => o.name),
    get stepCount() {
      return position;
    },
    step() {
      calls.push("step");
      if (options.manual) return "choice-needed" as StopReason;
      return advance();
    },
    run(maxSteps: number) {
      calls.push(`run(${maxSteps})`);
      let stop: StopReason = "budget";
      for (let i = 0; i < maxSteps; i++) {
        stop = advance();
        if (stop !== "budget") break;
      }
      return stop;
    },
    goTo(step: number) {
      calls.push(`goTo(${step})`);
      position = Math.max(0, Math.min(last, step));
      chosen.length = position;
    },
    reset() {
      calls.push("reset");
      position = 0;
      chosen.length = 0;
    },
    snapshot: () => current(),
    events: (from = 1, to = Number.MAX_SAFE_INTEGER) =>
      script.events.filter((e) => e.step >= from && e.step <= Math.min(to, position)),
    choices(): readonly Choice[] {
      if (current().outcome !== "running") return [];
      const next = script.events.find((e) => e.step === position + 1);
      return next ? [{ thread: next.thread, cpu: 0, label: next.thread }] : [];
    },
    blocked(): readonly BlockedReason[] {
      const runnable = new Set(sim.choices().map((c) => c.thread));
      return current()
        .threads.filter((t) => !runnable.has(t.name))
        .map((t) => ({
          thread: t.name,
          reason: t.waitingOn ? `waiting on ${t.waitingOn}` : "not its turn in this script",
        }));
    },
    choose(label: string) {
      calls.push(`choose(${label})`);
      if (!sim.choices().some((c) => c.label === label)) throw new Error(`impossible choice ${label}`);
      return advance(label);
    },
    schedule: () => [...chosen],
    reproducingSchedule: () => [...chosen],
    dispose() {
      calls.push("dispose");
    },
  };
  return sim;
}

const emptyProgram = (scheduler: number): Program => ({
  title: "scripted",
  description: "",
  options: { cpus: 1, quantum: 3, seed: 1, scheduler, verifier: 1, windows: 8, boosts: true, autoboost: true },
  objects: [],
  threads: [],
  apcs: [],
  dpcs: [],
  insertions: [],
  goal: null,
});

/**
 * A backend whose compiler accepts any text without "ERROR" in it and whose
 * simulators replay `script`. Source lines containing ERROR become diagnostics.
 */
export function fakeBackend(
  script: () => { snapshots: Snapshot[]; events: TraceEvent[] },
): ScenarioBackend & { created: ReturnType<typeof scriptedSimulator>[] } {
  const created: ReturnType<typeof scriptedSimulator>[] = [];
  return {
    created,
    compile(source, _fileName, overrides): CompileOutcome {
      const lines = source.split("\n");
      const diagnostics = lines.flatMap((text, i) => {
        const column = text.indexOf("ERROR");
        return column < 0
          ? []
          : [
              {
                line: i + 1,
                column: column + 1,
                endLine: i + 1,
                endColumn: column + 6,
                message: "unknown routine ERROR",
                hint: "did you mean Work?",
              },
            ];
      });
      const title = /#title "([^"]*)"/.exec(source)?.[1] ?? "Untitled";
      if (diagnostics.length) return { program: null, diagnostics, title, description: "" };
      const scheduler =
        overrides.scheduler === "manual"
          ? 2
          : overrides.scheduler === "random"
            ? 1
            : /#scheduler manual/.test(source)
              ? 2
              : 0;
      return { program: emptyProgram(scheduler), diagnostics: [], title, description: "A scripted scenario." };
    },
    createSimulator(program) {
      const sim = scriptedSimulator(script(), { manual: program.options.scheduler === 2 });
      created.push(sim);
      return sim;
    },
  };
}

/** Frames that only advance when the test says so. */
export function manualFrames(): FrameScheduler & { tick(ms?: number): void; pending(): number } {
  let now = 0;
  let next = 1;
  const queue = new Map<number, () => void>();
  return {
    request(callback) {
      const id = next++;
      queue.set(id, callback);
      return id;
    },
    cancel(id) {
      queue.delete(id);
    },
    now: () => now,
    tick(ms = 16) {
      now += ms;
      const callbacks = [...queue.values()];
      queue.clear();
      callbacks.forEach((cb) => cb());
    },
    pending: () => queue.size,
  };
}
