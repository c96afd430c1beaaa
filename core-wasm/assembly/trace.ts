// Trace events: fixed-size records appended at TRACE_BASE for the host to
// drain after each run(). Recording can be switched off (benchmarks,
// replay of steps whose events the host already holds).
import { G_STEP, G_TICK, TRACE_BASE, TRACE_BYTES, TRACE_EVENT_WORDS, TRACE_MARGIN_EVENTS } from "./abi";
import { F_PC, STEP_LOG_BASE, STEP_LOG_ENTRIES, STEP_LOG_WORDS } from "./abi";
import { contextId, curCpu, curLine, topFrameOf } from "./context";
import { insLine } from "./program";
import { gGet } from "./state";

export let recording: bool = true;
export let traceCount: i32 = 0;
const TRACE_CAPACITY: i32 = TRACE_BYTES / (TRACE_EVENT_WORDS << 2);

export function setRecording(on: bool): void {
  recording = on;
}
export let stepLogCount: i32 = 0;

export function clearTrace(): void {
  traceCount = 0;
  stepLogCount = 0;
}
export function traceNearlyFull(): bool {
  return recording && (traceCount > TRACE_CAPACITY - TRACE_MARGIN_EVENTS || stepLogCount >= STEP_LOG_ENTRIES - 1);
}

/** Records which context runs the step about to execute, and where its own events start. */
export function logStep(context: i32, cpu: i32): void {
  if (!recording || stepLogCount >= STEP_LOG_ENTRIES) return;
  const at = STEP_LOG_BASE + stepLogCount * (STEP_LOG_WORDS << 2);
  store<i32>(at, traceCount);
  store<i32>(at + 4, (((context + 1) & 0xff) << 8) | (cpu & 0xff));
  stepLogCount++;
}

/**
 * Appends one event in the current context. Layout: step (1-based, of the step
 * being executed), tick, cpu | (context + 1) << 8 | result << 16, line, op,
 * object (-1 none), x, y (op-specific details, see engine/decode-events.ts).
 */
export function emit(op: i32, result: i32, object: i32, x: i32, y: i32): void {
  if (recording) emitRecord(op, result, object, x, y);
}

function emitRecord(op: i32, result: i32, object: i32, x: i32, y: i32): void {
  if (traceCount >= TRACE_CAPACITY) return;
  const at = TRACE_BASE + traceCount * (TRACE_EVENT_WORDS << 2);
  store<i32>(at, gGet(G_STEP) + 1);
  store<i32>(at + 4, gGet(G_TICK));
  store<i32>(at + 8, (curCpu & 0xff) | (((contextId() + 1) & 0xff) << 8) | (result << 16));
  store<i32>(at + 12, curLine);
  store<i32>(at + 16, op);
  store<i32>(at + 20, object);
  store<i32>(at + 24, x);
  store<i32>(at + 28, y);
  traceCount++;
}

/** Like emit(), for another thread than the current context (ThreadReady, Preempted, ...). */
export function emitFor(context: i32, cpu: i32, line: i32, op: i32, result: i32, object: i32, x: i32, y: i32): void {
  if (recording) emitForRecord(context, cpu, line, op, result, object, x, y);
}

function emitForRecord(context: i32, cpu: i32, line: i32, op: i32, result: i32, object: i32, x: i32, y: i32): void {
  if (traceCount >= TRACE_CAPACITY) return;
  const at = TRACE_BASE + traceCount * (TRACE_EVENT_WORDS << 2);
  store<i32>(at, gGet(G_STEP) + 1);
  store<i32>(at + 4, gGet(G_TICK));
  store<i32>(at + 8, (cpu & 0xff) | (((context + 1) & 0xff) << 8) | (result << 16));
  store<i32>(at + 12, line);
  store<i32>(at + 16, op);
  store<i32>(at + 20, object);
  store<i32>(at + 24, x);
  store<i32>(at + 28, y);
  traceCount++;
}

/** emitFor() for thread t at the line of its current statement (computed only when recording). */
export function emitThread(t: i32, cpu: i32, op: i32, result: i32, object: i32, x: i32, y: i32): void {
  if (recording) emitThreadRecord(t, cpu, op, result, object, x, y);
}

function emitThreadRecord(t: i32, cpu: i32, op: i32, result: i32, object: i32, x: i32, y: i32): void {
  emitForRecord(t, cpu, insLine(load<i32>(topFrameOf(t) + (F_PC << 2))), op, result, object, x, y);
}
