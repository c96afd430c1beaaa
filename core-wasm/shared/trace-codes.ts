// The trace record the engine appends at TRACE_BASE (assembly/trace.ts) and the
// host decodes (engine/decode-events.ts): its word layout, the engine-event
// ops and the result codes. One definition compiled by both sides (see
// memory-map.ts for the portable-syntax rule).

/** Words of one trace record (TRACE_EVENT_WORDS of them). */
export enum TraceWord {
  Step = 0, // 1-based index of the step being executed
  Tick = 1,
  Packed = 2, // cpu (0xff: none) | (context + 1) << 8 | result << 16
  Line = 3,
  Op = 4, // Op of the statement, or EngineEvent
  Object = 5, // object, APC or DPC index; -1 none
  X = 6, // op-specific details (decode-events.ts)
  Y = 7,
}

/** Trace ops of engine events (routine events use the statement's Op). The member name is the op's name in the trace and the report. */
export enum EngineEvent {
  ThreadStarted = 200, // thread became Ready at its start tick
  ThreadReady = 201, // x = priority, y = boost reason (BoostReason)
  Preempted = 202, // x = by thread
  ContextSwitch = 203, // thread starts running on cpu
  ApcQueued = 204, // object = apc, x = target thread
  ApcDelivered = 205, // object = apc
  ApcCompleted = 206, // object = apc
  DpcDelivered = 207, // object = dpc
  DpcCompleted = 208,
  BugCheck = 209, // x = code, y = P1
  Deadlock = 210,
  ThreadExit = 211,
  QuantumEnd = 212, // x = new priority, y = 1 if it yielded the CPU
  WaitTimeout = 213, // object = waited object or -1 (delay ended)
  BalanceSetBoost = 214, // x = new priority
  AutoBoost = 215, // x = new priority, y = 1 raised / 0 restored
  StepLimit = 216,
  Completed = 217,
  Spinning = 218, // object = spin lock, x = owner context
  MutexRetry = 219, // woken waiter retries the Count loop; x = Count, y = owner
  StatementResumed = 220, // rest of a statement interrupted by preemption
  ApcUnwait = 221, // waiting thread briefly unwaited for a kernel APC
  Wake = 222, // waiter removed from a wait list; object, x = new priority, y = wait status
  Irql = 223, // IRQL change as part of a statement; x = new IRQL, y = old
}

/** Result of a trace event (packed in its third word, bits 16..31). */
export enum Result {
  None = 0,
  Acquired = 1,
  Blocked = 2,
  Released = 3,
  Woken = 4,
  True = 5,
  False = 6,
  Signaled = 7,
  Delivered = 8,
  Queued = 9,
  Timeout = 10,
  Spinning = 11,
  Ready = 12,
  Preempted = 13,
  Working = 14,
  Done = 15,
  Raised = 16,
  Lowered = 17,
  Entered = 18,
  Left = 19,
  Reset = 20,
  Returned = 21, // x = value returned
  Latched = 22, // gate/event latched signaled, nobody waiting
  UserApc = 23,
  Boosted = 24,
  Initialized = 25,
  Yielded = 26,
  Started = 27,
  Exited = 28,
  Completed = 29,
  Deadlock = 30,
  Bugcheck = 31,
  StepLimit = 32,
  Running = 33,
  Continued = 34,
  NotQueued = 35,
  Unwaited = 36,
  Restored = 37,
  Waiting = 38,
}

/** Why a thread became Ready (EngineEvent.ThreadReady, y). */
export enum BoostReason {
  None = 0,
  Wait = 1, // wait boost: Base + Increment
  Lock = 2, // lock boost: min(P + 1, 13)
}
