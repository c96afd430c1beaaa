// The execution context of the statement being executed: which thread (or
// DPC) on which CPU, its current frame and locals. Set by the step loop before
// each step; every primitive reads it instead of taking it as parameters.
import {
  APC_WORDS,
  A_LOCALS,
  BODY_THREAD,
  CPU_WORDS,
  C_DPC_FRAME,
  DPC_CONTEXT,
  DPC_WORDS,
  D_LOCALS,
  FRAME_WORDS,
  F_BODY,
  F_SAVED_IRQL,
  THREAD_WORDS,
  T_DEPTH,
  T_FRAMES,
  T_IRQL,
  T_LOCALS,
} from "./abi";
import { apcsBase, cpusBase, dpcsBase, tGet, threadsBase, stateStore } from "./state";

/** Thread index running the statement, or -1 in a DPC or outside any context. */
export let curThread: i32 = -1;
/** DPC index running the statement, or -1. */
export let curDpc: i32 = -1;
/** CPU executing the statement, or -1 for tick-start work (timers, `at` insertions). */
export let curCpu: i32 = -1;
/** Source line shown for events of this step. */
export let curLine: i32 = 0;
/** Address of the current frame (thread frame or the CPU's DPC frame). */
export let curFrame: i32 = 0;

export function contextId(): i32 {
  if (curThread >= 0) return curThread;
  if (curDpc >= 0) return DPC_CONTEXT + curDpc;
  return -1;
}

/** Thread frame address of frame `depth - 1`, i.e. the top frame. */
export function topFrameOf(t: i32): i32 {
  const depth = tGet(t, T_DEPTH);
  return threadsBase + t * (THREAD_WORDS << 2) + ((T_FRAMES + (depth - 1) * FRAME_WORDS) << 2);
}

export function enterThread(t: i32, cpu: i32): void {
  curThread = t;
  curDpc = -1;
  curCpu = cpu;
  curFrame = topFrameOf(t);
}

export function enterDpc(d: i32, cpu: i32): void {
  curThread = -1;
  curDpc = d;
  curCpu = cpu;
  curFrame = cpusBase + cpu * (CPU_WORDS << 2) + (C_DPC_FRAME << 2);
}

export function enterOutside(): void {
  curThread = -1;
  curDpc = -1;
  curCpu = -1;
  curLine = 0;
  curFrame = 0;
}

/** Re-reads the top frame after a frame was pushed or popped. */
export function refreshFrame(): void {
  if (curThread >= 0) curFrame = topFrameOf(curThread);
}

export function setLine(line: i32): void {
  curLine = line;
}

export function fGet(f: i32): i32 {
  return load<i32>(curFrame + (f << 2));
}
export function fSet(f: i32, v: i32): void {
  stateStore(curFrame + (f << 2), v);
}

/** Address of local `slot` of the current frame's body. */
export function localAddr(slot: i32): i32 {
  if (curDpc >= 0) return dpcsBase + curDpc * (DPC_WORDS << 2) + ((D_LOCALS + slot) << 2);
  const body = fGet(F_BODY);
  if (body >> 8 == BODY_THREAD) return threadsBase + curThread * (THREAD_WORDS << 2) + ((T_LOCALS + slot) << 2);
  return apcsBase + (body & 0xff) * (APC_WORDS << 2) + ((A_LOCALS + slot) << 2);
}

/** IRQL of the current context: the thread's, or the DPC's (DISPATCH_LEVEL or above). */
export function currentIrql(): i32 {
  if (curThread >= 0) return tGet(curThread, T_IRQL);
  if (curDpc >= 0) return load<i32>(curFrame + (F_SAVED_IRQL << 2));
  return 15;
}
