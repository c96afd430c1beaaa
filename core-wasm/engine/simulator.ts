// The Simulator facade (types.ts): one engine instance per simulator, the
// program written into its PROGRAM region, a timeline of steps with
// snapshots every SNAPSHOT_INTERVAL steps (a snapshot is a byte copy of the
// state region) so goTo() can move backward by restoring and replaying, and
// the event log decoded on demand.
import { SchedulerKind, type Program } from "../lang/program";
import * as A from "./abi";
import { OutcomeCode, StopCode } from "./abi";
import { contextName, decodeEvent, readRaw, type ScenarioNames } from "./decode-events";
import { StateReader } from "./decode-state";
import { openProgramInstance } from "./facade";
import type { EngineInstance } from "./loader";
import type { BlockedReason, Choice, SimulationSettings, Simulator, Snapshot, StopReason, TraceEvent } from "./types";

/** Steps between two timeline snapshots. */
export const SNAPSHOT_INTERVAL = 2048;
import { DEFAULT_MAX_STEPS } from "../shared/limits";

export { DEFAULT_MAX_STEPS };

/** What each engine stop code means to the host. */
const STOP_REASONS: Readonly<Record<StopCode, StopReason>> = {
  [StopCode.Budget]: "budget",
  [StopCode.Completed]: "completed",
  [StopCode.Deadlock]: "deadlock",
  [StopCode.Bugcheck]: "bugcheck",
  [StopCode.StepLimit]: "step-limit",
  [StopCode.ChoiceNeeded]: "choice-needed",
  [StopCode.TraceFull]: "budget", // the host drains the trace and runs on
  [StopCode.Goal]: "goal",
};

/** The stop reason an ended run reports again on every later call; null while it runs. */
const OUTCOME_STOPS: Readonly<Record<OutcomeCode, StopReason | null>> = {
  [OutcomeCode.Running]: null,
  [OutcomeCode.Completed]: "completed",
  [OutcomeCode.Deadlock]: "deadlock",
  [OutcomeCode.Bugcheck]: "bugcheck",
  [OutcomeCode.StepLimit]: "step-limit",
};

/**
 * A growable log of raw trace records, in fixed-size chunks: appending never
 * copies what is already logged (a doubling array re-copied hundreds of MiB
 * over a long recorded run).
 */
class EventLog {
  private static readonly CHUNK_SHIFT = 16;
  private static readonly CHUNK_EVENTS = 1 << EventLog.CHUNK_SHIFT;
  private readonly chunks: Int32Array[] = [];
  count = 0;

  append(source: Int32Array, events: number): void {
    const W = A.TRACE_EVENT_WORDS;
    let from = 0;
    while (from < events) {
      const chunk = this.count >> EventLog.CHUNK_SHIFT;
      const at = this.count & (EventLog.CHUNK_EVENTS - 1);
      const words = this.chunks[chunk] ?? this.addChunk();
      const n = Math.min(events - from, EventLog.CHUNK_EVENTS - at);
      words.set(source.subarray(from * W, (from + n) * W), at * W);
      from += n;
      this.count += n;
    }
  }

  private addChunk(): Int32Array {
    const words = new Int32Array(EventLog.CHUNK_EVENTS * A.TRACE_EVENT_WORDS);
    this.chunks.push(words);
    return words;
  }

  /** The chunk holding event i and i's index in it (for readRaw). */
  chunkOf(i: number): Int32Array {
    const words = this.chunks[i >> EventLog.CHUNK_SHIFT];
    if (!words) throw new Error("event index out of range");
    return words;
  }

  indexInChunk(i: number): number {
    return i & (EventLog.CHUNK_EVENTS - 1);
  }

  stepOf(i: number): number {
    return this.chunkOf(i)[this.indexInChunk(i) * A.TRACE_EVENT_WORDS] ?? 0;
  }

  /** Index of the first event whose step is >= step. */
  lowerBound(step: number): number {
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.stepOf(mid) < step) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** Per executed step: where its own events start in the EventLog, and who ran it. */
class StepLog {
  words = new Int32Array(4096 * 2);
  count = 0;

  push(eventStart: number, packed: number): void {
    if ((this.count + 1) * 2 > this.words.length) {
      const grown = new Int32Array(this.words.length * 2);
      grown.set(this.words);
      this.words = grown;
    }
    this.words[this.count * 2] = eventStart;
    this.words[this.count * 2 + 1] = packed;
    this.count++;
  }

  eventStart(step: number): number | undefined {
    return step >= 1 && step <= this.count ? this.words[(step - 1) * 2] : undefined;
  }

  packed(step: number): number {
    return this.words[(step - 1) * 2 + 1] ?? 0;
  }
}

class EngineSimulator implements Simulator {
  readonly title: string;
  readonly cpuCount: number;
  readonly threadNames: readonly string[];
  readonly objectNames: readonly string[];

  private readonly names: ScenarioNames;
  private readonly reader: StateReader;
  private readonly stateBase: number;
  private readonly stateSize: number;
  private readonly log = new EventLog();
  /** Who ran every recorded step and where its events start. */
  private steps = new StepLog();
  /** Forced choices by step index (step - 1): the settings' schedule, then manual choose() calls. */
  private forced: (string | undefined)[] = [];
  /** Steps whose events are in the log (replayed steps are not recorded twice). */
  private recordedSteps = 0;
  /**
   * Step count at which the run reached its outcome (-1 before). The priority
   * scheduler can find a deadlock in a call that runs no step (a tick passes
   * with nothing to run), so the state after that step and the final state
   * share a step number; goTo() of it shows the final state.
   */
  private endStep = -1;
  /** The events of that outcome-finding call are in the log (not to be recorded twice). */
  private outcomeRecorded = false;
  private readonly snapshots = new Map<number, Uint8Array>();
  private readonly recordTrace: boolean;
  private readonly manual: boolean;
  private disposed = false;
  private readonly traceView: Int32Array;
  private readonly stepView: Int32Array;

  constructor(
    private readonly engine: EngineInstance,
    private readonly program: Program,
    encoded: Int32Array,
    private readonly settings: SimulationSettings,
  ) {
    const e = engine.exports;
    this.title = program.title;
    this.cpuCount = program.options.cpus;
    this.names = {
      threads: program.threads.map((t) => t.name),
      objects: program.objects.map((o) => o.name),
      apcs: program.apcs.map((a) => a.name),
      dpcs: program.dpcs.map((d) => d.name),
    };
    this.threadNames = Object.freeze([...this.names.threads]);
    this.objectNames = Object.freeze([...this.names.objects]);
    this.reader = new StateReader(e, engine.memory, program, encoded, this.names);
    this.stateBase = e.stateBase();
    this.stateSize = e.stateSize();
    this.recordTrace = settings.recordTrace ?? true;
    this.manual = program.options.scheduler === SchedulerKind.Manual;
    this.traceView = new Int32Array(engine.memory.buffer, A.TRACE_BASE, A.TRACE_BYTES / 4);
    this.stepView = new Int32Array(engine.memory.buffer, A.STEP_LOG_BASE, A.STEP_LOG_ENTRIES * A.STEP_LOG_WORDS);
    this.forced = [...(settings.schedule ?? [])];
    e.setRecording(this.recordTrace ? 1 : 0);
    this.drain(true);
    this.snapshots.set(0, this.copyState());
  }

  get stepCount(): number {
    return this.engine.exports.stepCount();
  }

  private copyState(): Uint8Array {
    return this.engine.bytes.slice(this.stateBase, this.stateBase + this.stateSize);
  }

  private restoreState(snapshot: Uint8Array): void {
    this.engine.bytes.set(snapshot, this.stateBase);
    this.engine.exports.stateRestored();
  }

  /** Moves recorded events and step records from the engine's buffers to the logs. */
  private drain(record: boolean): void {
    const e = this.engine.exports;
    const n = e.traceCount();
    const steps = e.stepLogCount();
    if (record) {
      const base = this.log.count;
      for (let i = 0; i < steps; i++) {
        this.steps.push(base + (this.stepView[i * 2] ?? 0), this.stepView[i * 2 + 1] ?? 0);
      }
      if (n > 0) this.log.append(this.traceView, n);
    }
    e.clearTrace();
  }

  private labelOfStep(step: number): string {
    const packed = this.steps.packed(step);
    return this.label(((packed >> 8) & 0xff) - 1, packed & 0xff);
  }

  private label(context: number, cpu: number): string {
    const name = contextName(this.names, context);
    return this.cpuCount > 1 ? `${name}@${cpu}` : name;
  }

  private checkAlive(): void {
    if (this.disposed) throw new Error("the simulator was disposed");
  }

  private outcomeReason(): StopReason | null {
    return OUTCOME_STOPS[this.engine.exports.outcome()] ?? null;
  }

  /** Runs one step with a forced or chosen label. */
  private stepLabel(label: string): StopReason {
    const e = this.engine.exports;
    const index = this.findChoice(label);
    if (index < 0)
      throw new Error(
        `"${label}" cannot run the next step; choices: ${
          this.choices()
            .map((c) => c.label)
            .join(", ") || "none"
        }`,
      );
    const position = e.stepCount();
    const replay = position < this.recordedSteps;
    e.setRecording(this.recordTrace && !replay ? 1 : 0);
    const goalBefore = this.goalReached();
    e.stepWithChoice(index);
    this.afterSteps(position, replay);
    // As the engine's run(): "goal" when this step made the goal hold, even if it also ended the run.
    if (!goalBefore && this.goalReached()) return "goal";
    return this.outcomeReason() ?? "budget";
  }

  /** The scenario has a #goal and every term holds now (assembly/goals.ts). */
  private goalReached(): boolean {
    const terms = this.program.goal?.terms.length ?? 0;
    return terms > 0 && this.engine.exports.goalMask() === (1 << terms) - 1;
  }

  private findChoice(label: string): number {
    const e = this.engine.exports;
    const at = label.lastIndexOf("@");
    const name = at >= 0 ? label.slice(0, at) : label;
    const cpu = at >= 0 ? Number(label.slice(at + 1)) : -1;
    const count = e.choiceCount();
    for (let i = 0; i < count; i++) {
      const context = e.choiceContext(i);
      if (contextName(this.names, context) === name && (cpu < 0 || e.choiceCpu(i) === cpu)) return i;
    }
    return -1;
  }

  private afterSteps(from: number, replay: boolean): void {
    const to = this.engine.exports.stepCount();
    this.drain(this.recordTrace && !replay);
    if (!replay) this.recordedSteps = Math.max(this.recordedSteps, to);
    if (this.engine.exports.outcome() !== OutcomeCode.Running) {
      this.endStep = to;
      if (!replay) this.outcomeRecorded = true;
    }
    for (let s = Math.floor(from / SNAPSHOT_INTERVAL + 1) * SNAPSHOT_INTERVAL; s <= to; s += SNAPSHOT_INTERVAL) {
      if (s === to && !this.snapshots.has(s)) this.snapshots.set(s, this.copyState());
    }
  }

  step(): StopReason {
    return this.run(1);
  }

  run(maxSteps: number): StopReason {
    this.checkAlive();
    const e = this.engine.exports;
    let remaining = Math.max(0, Math.floor(maxSteps));
    while (remaining > 0) {
      const done = this.outcomeReason();
      if (done) return done;
      const position = e.stepCount();
      const forced = this.forced[position];
      if (forced !== undefined) {
        const reason = this.stepLabel(forced);
        remaining--;
        if (reason !== "budget") return reason;
        continue;
      }
      if (this.manual) return "choice-needed";
      // Run up to the next forced step, snapshot boundary or end of the replayed part.
      let batch = Math.min(remaining, SNAPSHOT_INTERVAL - (position % SNAPSHOT_INTERVAL));
      const nextForced = this.nextForcedAfter(position);
      if (nextForced >= 0) batch = Math.min(batch, nextForced - position);
      const replay = position < this.recordedSteps || (position === this.endStep && this.outcomeRecorded);
      if (replay) batch = Math.min(batch, Math.max(1, this.recordedSteps - position));
      e.setRecording(this.recordTrace && !replay ? 1 : 0);
      const code = e.run(batch);
      this.afterSteps(position, replay);
      remaining -= e.stepCount() - position;
      if (code === StopCode.TraceFull || code === StopCode.Budget) continue;
      return STOP_REASONS[code] ?? "budget";
    }
    return this.outcomeReason() ?? "budget";
  }

  private nextForcedAfter(position: number): number {
    for (let i = position; i < this.forced.length; i++) if (this.forced[i] !== undefined) return i;
    return -1;
  }

  goTo(step: number): void {
    this.checkAlive();
    const target = Math.max(0, Math.floor(step));
    const e = this.engine.exports;
    if (target < e.stepCount()) {
      let base = Math.floor(target / SNAPSHOT_INTERVAL) * SNAPSHOT_INTERVAL;
      while (base > 0 && !this.snapshots.has(base)) base -= SNAPSHOT_INTERVAL;
      const snap = this.snapshots.get(base);
      if (!snap) throw new Error("timeline snapshot missing");
      this.restoreState(snap);
    }
    // Replaying is not playing: a "goal" stop on the way does not end the move.
    while (target > e.stepCount()) {
      const from = e.stepCount();
      if (this.run(target - from) !== "goal" || e.stepCount() === from) break;
    }
    // The recorded run ended at this step: find its outcome again (no step runs, see endStep).
    if (target === this.endStep && e.outcome() === OutcomeCode.Running) this.run(1);
  }

  reset(): void {
    this.checkAlive();
    const first = this.snapshots.get(0);
    if (!first) throw new Error("timeline snapshot missing");
    this.restoreState(first);
    this.snapshots.clear();
    this.snapshots.set(0, first);
    this.log.count = 0;
    this.steps = new StepLog();
    this.recordedSteps = 0;
    this.outcomeRecorded = false;
    this.forced = [...(this.settings.schedule ?? [])];
    // Tick-0 events (thread starts) are re-created by a fresh reset of the engine.
    this.engine.exports.setRecording(this.recordTrace ? 1 : 0);
    this.engine.exports.reset();
    this.drain(true);
  }

  snapshot(): Snapshot {
    this.checkAlive();
    return this.reader.snapshot();
  }

  events(fromStep = 1, toStep = Number.MAX_SAFE_INTEGER): readonly TraceEvent[] {
    const out: TraceEvent[] = [];
    const last = Math.min(toStep, this.engine.exports.stepCount());
    for (let i = this.log.lowerBound(fromStep); i < this.log.count; i++) {
      const raw = readRaw(this.log.chunkOf(i), this.log.indexInChunk(i));
      if (raw.step > last) break;
      out.push(decodeEvent(this.names, raw));
    }
    return Object.freeze(out);
  }

  choices(): readonly Choice[] {
    this.checkAlive();
    const e = this.engine.exports;
    const count = e.choiceCount();
    const out: Choice[] = [];
    for (let i = 0; i < count; i++) {
      const context = e.choiceContext(i);
      const cpu = e.choiceCpu(i);
      out.push(Object.freeze({ thread: contextName(this.names, context), cpu, label: this.label(context, cpu) }));
    }
    return Object.freeze(out);
  }

  blocked(): readonly BlockedReason[] {
    const snap = this.reader.snapshot();
    const choosable = new Set(this.choices().map((c) => c.thread));
    const out: BlockedReason[] = [];
    for (const t of snap.threads) {
      if (choosable.has(t.name)) continue;
      let reason: string;
      if (t.state === "Terminated") reason = "has ended";
      else if (t.state === "Initialized") reason = `starts at tick ${this.program.threads[t.index]?.start ?? 0}`;
      else if (t.state === "Waiting" && t.waitingOn) {
        const owner = snap.objects.find((o) => o.name === t.waitingOn)?.owner;
        reason = `waiting on ${t.waitingOn}${owner ? `, owned by ${owner}` : ""}`;
      } else if (t.state === "Waiting") reason = "sleeping (KeDelayExecutionThread)";
      else if (t.cpu !== null) reason = `its CPU ${t.cpu} is busy at DISPATCH_LEVEL or above`;
      else reason = "every CPU it may run on is held at DISPATCH_LEVEL or above";
      out.push(Object.freeze({ thread: t.name, reason }));
    }
    return Object.freeze(out);
  }

  choose(label: string): StopReason {
    this.checkAlive();
    const e = this.engine.exports;
    const position = e.stepCount();
    if (this.findChoice(label) < 0) {
      throw new Error(
        `"${label}" cannot run the next step; choices: ${
          this.choices()
            .map((c) => c.label)
            .join(", ") || "none"
        }`,
      );
    }
    if (position < this.recordedSteps && this.labelOfStep(position + 1) !== label) this.truncateFuture(position);
    this.forced[position] = label;
    return this.stepLabel(label);
  }

  /** A different choice at `position`: the recorded future is no longer this run's. */
  private truncateFuture(position: number): void {
    // Keep the tick-start events of step position + 1 that precede its own events.
    const cut = this.steps.eventStart(position + 1);
    if (cut !== undefined) this.log.count = cut;
    this.steps.count = Math.min(this.steps.count, position);
    this.recordedSteps = position;
    this.forced.length = Math.min(this.forced.length, position);
    for (const step of [...this.snapshots.keys()]) if (step > position) this.snapshots.delete(step);
  }

  schedule(): readonly string[] {
    const n = Math.min(this.steps.count, this.engine.exports.stepCount());
    const out: string[] = [];
    for (let step = 1; step <= n; step++) out.push(this.labelOfStep(step));
    return Object.freeze(out);
  }

  reproducingSchedule(): readonly string[] {
    if (this.program.options.scheduler !== SchedulerKind.Priority) return this.schedule();
    const done = this.engine.exports.stepCount();
    let end = Math.min(this.forced.length, done);
    while (end > 0 && this.forced[end - 1] === undefined) end--;
    const prefix = this.forced.slice(0, end);
    // A scheduler step between two forced ones cannot be written as a forced
    // step; fall back to the full record (replays under choice rules).
    if (prefix.some((label) => label === undefined)) return this.schedule();
    return Object.freeze(prefix as string[]);
  }

  dispose(): void {
    this.disposed = true;
    this.snapshots.clear();
  }
}

/** Loads a fresh engine instance with the program and returns its Simulator. */
export async function createSimulator(program: Program, settings: SimulationSettings = {}): Promise<Simulator> {
  const { engine, encoded } = await openProgramInstance(program);
  const e = engine.exports;
  e.setStepLimit(settings.maxSteps ?? DEFAULT_MAX_STEPS);
  e.setRecording(settings.recordTrace === false ? 0 : 1);
  const size = e.load();
  if (size < 0) throw new Error(`the engine rejected the program (error ${size})`);
  return new EngineSimulator(engine, program, encoded, settings);
}
