// Turns raw trace records (TRACE_EVENT_WORDS i32 each, layout in
// assembly/trace.ts) into TraceEvent objects with names and one plain-English
// sentence. Pure functions of the record and the scenario's names.
import { Op } from "../lang/program";
import { DPC_CONTEXT, TRACE_EVENT_WORDS, TraceWord } from "./abi";
import {
  BUGCHECK_NAMES,
  ENGINE_EVENT_NAMES,
  EngineEvent,
  hex,
  irqlName,
  Result,
  RESULT_NAMES,
  ROUTINE_NAMES,
} from "./names";
import type { TraceEvent, TraceOp } from "./types";

export interface ScenarioNames {
  readonly threads: readonly string[];
  readonly objects: readonly string[];
  readonly apcs: readonly string[];
  readonly dpcs: readonly string[];
}

/** A decoded record before the sentence is written. */
export interface RawEvent {
  readonly step: number;
  readonly tick: number;
  readonly cpu: number;
  readonly context: number;
  readonly result: number;
  readonly line: number;
  readonly op: number;
  readonly object: number;
  readonly x: number;
  readonly y: number;
}

export function readRaw(words: Int32Array, index: number): RawEvent {
  const at = index * TRACE_EVENT_WORDS;
  const packed = words[at + TraceWord.Packed] ?? 0;
  const cpu = packed & 0xff;
  return {
    step: words[at + TraceWord.Step] ?? 0,
    tick: words[at + TraceWord.Tick] ?? 0,
    cpu: cpu === 0xff ? -1 : cpu,
    context: ((packed >> 8) & 0xff) - 1,
    result: packed >>> 16,
    line: words[at + TraceWord.Line] ?? 0,
    op: words[at + TraceWord.Op] ?? 0,
    object: words[at + TraceWord.Object] ?? -1,
    x: words[at + TraceWord.X] ?? 0,
    y: words[at + TraceWord.Y] ?? 0,
  };
}

export function contextName(names: ScenarioNames, context: number): string {
  if (context < 0) return "";
  if (context >= DPC_CONTEXT) return names.dpcs[context - DPC_CONTEXT] ?? `DPC${context - DPC_CONTEXT}`;
  return names.threads[context] ?? `T${context}`;
}

const APC_OPS = new Set<number>([
  EngineEvent.ApcQueued,
  EngineEvent.ApcDelivered,
  EngineEvent.ApcCompleted,
  EngineEvent.ApcUnwait,
  Op.InsertQueueApc,
]);
const DPC_OPS = new Set<number>([EngineEvent.DpcDelivered, EngineEvent.DpcCompleted, Op.InsertQueueDpc]);

function objectName(names: ScenarioNames, op: number, object: number): string | null {
  if (object < 0) return null;
  if (APC_OPS.has(op)) return names.apcs[object] ?? null;
  if (DPC_OPS.has(op)) return names.dpcs[object] ?? null;
  return names.objects[object] ?? null;
}

export function opName(op: number): string {
  return ROUTINE_NAMES[op as Op] ?? ENGINE_EVENT_NAMES[op] ?? `op${op}`;
}

export function resultName(raw: RawEvent): string {
  if (raw.result === Result.Returned) return String(raw.x);
  return RESULT_NAMES[raw.result as Result] ?? "";
}

/** Count word in the (free, woken, waiters) form of docs/kernel-semantics.md §3.2 (the Count word). */
export function countText(count: number): string {
  return `${count} = (${count & 1}, ${(count >> 1) & 1}, ${count >>> 2})`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

const MUTEX_OPS = new Set<number>([
  Op.AcquireGuardedMutex,
  Op.ReleaseGuardedMutex,
  Op.TryToAcquireGuardedMutex,
  Op.AcquireGuardedMutexUnsafe,
  Op.ReleaseGuardedMutexUnsafe,
  Op.AcquireFastMutex,
  Op.ReleaseFastMutex,
  Op.TryToAcquireFastMutex,
  Op.AcquireFastMutexUnsafe,
  Op.ReleaseFastMutexUnsafe,
]);

function describe(names: ScenarioNames, raw: RawEvent, who: string, obj: string): string {
  const r = RESULT_NAMES[raw.result as Result] ?? "";
  const owner = contextName(names, (raw.y & 0xff) - 1) || "nobody";
  const routine = ROUTINE_NAMES[raw.op as Op];
  if (MUTEX_OPS.has(raw.op)) {
    if (raw.result === Result.Acquired) return `${who} acquires ${obj}; Count = ${countText(raw.x)}`;
    if (raw.result === Result.Blocked)
      return `${who} blocks on ${obj} (owned by ${owner}); Contention = ${raw.y >> 8}; Count = ${countText(raw.x)}`;
    if (raw.result === Result.Released) return `${who} releases ${obj}; Count = ${countText(raw.x)}`;
    if (raw.result === Result.Latched)
      return `${obj} has no waiter: its gate latches signaled; Count = ${countText(raw.x)}`;
    if (raw.result === Result.True) return `${routine}(&${obj}) returns TRUE: ${who} owns ${obj}`;
    if (raw.result === Result.False) return `${routine}(&${obj}) returns FALSE: ${obj} is owned by ${owner}`;
  }
  switch (raw.op) {
    case Op.EnterGuardedRegion:
      return `${who} enters a guarded region (SpecialApcDisable = ${raw.x})`;
    case Op.LeaveGuardedRegion:
      return `${who} leaves a guarded region (SpecialApcDisable = ${raw.x})`;
    case Op.EnterCriticalRegion:
      return `${who} enters a critical region (KernelApcDisable = ${raw.x})`;
    case Op.LeaveCriticalRegion:
      return `${who} leaves a critical region (KernelApcDisable = ${raw.x})`;
    case Op.RaiseIrql:
    case Op.RaiseIrqlToDpcLevel:
      return `${who} raises IRQL from ${irqlName(raw.y)} to ${irqlName(raw.x)}`;
    case Op.LowerIrql:
      return `${who} lowers IRQL from ${irqlName(raw.y)} to ${irqlName(raw.x)}`;
    case Op.AcquireSpinLock:
    case Op.AcquireSpinLockAtDpcLevel:
      return raw.result === Result.Spinning
        ? `${who} spins on ${obj} (held by ${contextName(names, raw.x) || "nobody"})`
        : `${who} acquires spin lock ${obj}`;
    case Op.ReleaseSpinLock:
      return `${who} releases spin lock ${obj} and lowers IRQL to ${irqlName(raw.x)}`;
    case Op.ReleaseSpinLockFromDpcLevel:
      return `${who} releases spin lock ${obj}`;
    case Op.SetEvent:
      return `${who} sets ${obj}; KeSetEvent returns ${raw.x} (previous state)`;
    case Op.ResetEvent:
    case Op.ClearEvent:
      return `${who} resets ${obj} to not-signaled (previous state ${raw.x})`;
    case Op.WaitForSingleObject:
      if (raw.result === Result.Signaled) return `${who}'s wait on ${obj} is satisfied (STATUS_SUCCESS)`;
      if (raw.result === Result.Blocked)
        return `${who} waits on ${obj}${raw.x > 0 ? ` for at most ${plural(raw.x, "tick")}` : ""}`;
      if (raw.result === Result.Timeout) return `${who}'s poll of ${obj} returns STATUS_TIMEOUT`;
      return `${who}'s wait on ${obj} returns STATUS_USER_APC`;
    case Op.InsertQueueApc:
      return `${who} queues APC ${obj}: KeInsertQueueApc returns ${r}`;
    case Op.InsertQueueDpc:
      return raw.result === Result.Queued
        ? `DPC ${obj} is queued on CPU ${raw.x}`
        : `${who} queues DPC ${obj}: KeInsertQueueDpc returns ${r}`;
    case Op.Work:
      return `${who} works (${raw.x}/${raw.y})`;
    case Op.Delay:
      return `${who} sleeps for ${plural(raw.x, "tick")} (KeDelayExecutionThread)`;
    case Op.Yield:
      return `${who} yields the rest of its quantum`;
    case Op.InitializeGuardedMutex:
    case Op.InitializeFastMutex:
    case Op.InitializeSpinLock:
    case Op.InitializeEvent:
      return `${who} initializes ${obj}`;
    case EngineEvent.ThreadStarted:
      return `${who} starts at priority ${raw.x}`;
    case EngineEvent.ThreadReady:
      return `${who} is Ready at priority ${raw.x}${raw.y === 1 ? " (wait boost)" : raw.y === 2 ? " (lock boost)" : ""}`;
    case EngineEvent.Preempted:
      return `${who} is preempted by ${contextName(names, raw.x)}`;
    case EngineEvent.ContextSwitch:
      return `${who} runs on CPU ${raw.cpu} at priority ${raw.x}`;
    case EngineEvent.ApcQueued:
      return `APC ${obj} is queued to ${contextName(names, raw.x)}`;
    case EngineEvent.ApcDelivered:
      return `APC ${obj} is delivered to ${who}`;
    case EngineEvent.ApcCompleted:
      return `APC ${obj} returns on ${who}`;
    case EngineEvent.ApcUnwait:
      return `${who} is briefly unwaited to run APC ${obj}`;
    case EngineEvent.DpcDelivered:
      return `DPC ${obj} runs on CPU ${raw.x} at DISPATCH_LEVEL`;
    case EngineEvent.DpcCompleted:
      return `DPC ${obj} returns`;
    case EngineEvent.BugCheck:
      return `Bug check ${hex(raw.x)} ${BUGCHECK_NAMES[raw.x] ?? ""} (P1 ${hex(raw.y)})`;
    case EngineEvent.Deadlock:
      return "Deadlock: no thread can ever run again";
    case EngineEvent.ThreadExit:
      return `${who} ends`;
    case EngineEvent.QuantumEnd:
      return `${who}'s quantum ends (priority ${raw.x})${raw.y ? "; it goes to the tail of its ready queue" : ""}`;
    case EngineEvent.WaitTimeout:
      return raw.result === Result.Done ? `${who}'s delay ends` : `${who}'s wait on ${obj} times out`;
    case EngineEvent.BalanceSetBoost:
      return `The balance-set manager boosts starved ${who} from priority ${raw.y} to ${raw.x}`;
    case EngineEvent.AutoBoost:
      return raw.y === 1
        ? `AutoBoost raises ${who}, owner of ${obj}, to priority ${raw.x}`
        : `${who} drops back to priority ${raw.x} (AutoBoost ends)`;
    case EngineEvent.StepLimit:
      return "The step limit is reached";
    case EngineEvent.Completed:
      return "Every thread has ended";
    case EngineEvent.Spinning:
      return `${who} spins on ${obj} (held by ${contextName(names, raw.x) || "nobody"})`;
    case EngineEvent.MutexRetry:
      return raw.result === Result.Acquired
        ? `${who} retries and acquires ${obj}; Count = ${countText(raw.x)}`
        : `${who} retries, finds ${obj} owned by ${owner} and waits again; Count = ${countText(raw.x)}`;
    case EngineEvent.StatementResumed:
      return `${who} resumes the rest of its release of ${obj}`;
    case EngineEvent.Wake:
      return `${who} wakes ${contextName(names, raw.x)}, waiting on ${obj}`;
    default:
      return `${who}: ${opName(raw.op)} ${obj} ${r}`.trim();
  }
}

export function decodeEvent(names: ScenarioNames, raw: RawEvent): TraceEvent {
  const who = contextName(names, raw.context);
  const obj = objectName(names, raw.op, raw.object);
  return Object.freeze({
    step: raw.step,
    tick: raw.tick,
    cpu: raw.cpu,
    thread: who,
    line: raw.line,
    op: opName(raw.op),
    code: raw.op as TraceOp,
    object: obj,
    result: resultName(raw),
    resultCode: raw.result as Result,
    text: describe(names, raw, who || "The system", obj ?? ""),
  });
}
