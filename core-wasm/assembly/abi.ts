// The engine's view of the host boundary: the memory map and record layouts
// come from core-wasm/shared/memory-map.ts and the state codes from
// core-wasm/shared/engine-codes.ts, which the host compiles too.
import {
  ApcStateCode,
  BodyKind,
  Continuation,
  OutcomeCode,
  ParamKind,
  StopCode,
  ThreadStateCode,
  WaitKind,
} from "../shared/engine-codes";
export * from "../shared/memory-map";
export * from "../shared/engine-codes";

// ---- The engine's spellings of the shared codes (values from engine-codes.ts) ----
export const THREAD_INITIALIZED: i32 = ThreadStateCode.Initialized;
export const THREAD_READY: i32 = ThreadStateCode.Ready;
export const THREAD_RUNNING: i32 = ThreadStateCode.Running;
export const THREAD_STANDBY: i32 = ThreadStateCode.Standby;
export const THREAD_TERMINATED: i32 = ThreadStateCode.Terminated;
export const THREAD_WAITING: i32 = ThreadStateCode.Waiting;

export const APC_IDLE: i32 = ApcStateCode.Idle;
export const APC_QUEUED: i32 = ApcStateCode.Queued;
export const APC_RUNNING: i32 = ApcStateCode.Running;

export const BODY_THREAD: i32 = BodyKind.Thread;
export const BODY_SPECIAL_APC: i32 = BodyKind.SpecialApc;
export const BODY_NORMAL_APC: i32 = BodyKind.NormalApc;
export const BODY_USER_APC: i32 = BodyKind.UserApc;

export const OUTCOME_RUNNING: i32 = OutcomeCode.Running;
export const OUTCOME_COMPLETED: i32 = OutcomeCode.Completed;
export const OUTCOME_DEADLOCK: i32 = OutcomeCode.Deadlock;
export const OUTCOME_BUGCHECK: i32 = OutcomeCode.Bugcheck;
export const OUTCOME_STEP_LIMIT: i32 = OutcomeCode.StepLimit;

export const STOP_BUDGET: i32 = StopCode.Budget;
export const STOP_COMPLETED: i32 = StopCode.Completed;
export const STOP_DEADLOCK: i32 = StopCode.Deadlock;
export const STOP_BUGCHECK: i32 = StopCode.Bugcheck;
export const STOP_STEP_LIMIT: i32 = StopCode.StepLimit;
export const STOP_CHOICE_NEEDED: i32 = StopCode.ChoiceNeeded;
export const STOP_TRACE_FULL: i32 = StopCode.TraceFull;

/** Bug-check parameter kinds: how the host formats the value. */
export const PARAM_NUMBER: i32 = ParamKind.Number;
export const PARAM_OBJECT: i32 = ParamKind.Object; // "&Name" of object index
export const PARAM_CONTEXT: i32 = ParamKind.Context; // "&Name" of a thread or DPC context id
export const PARAM_RULE: i32 = ParamKind.Rule; // "&RuleName" of the DDI rule in P1

// ---- Continuations: the rest of a statement, run as a step of its own -----------
export const CONT_NONE: i32 = Continuation.None;
export const CONT_MUTEX_RETRY: i32 = Continuation.MutexRetry; // woken mutex waiter re-runs the Count loop (timing rule 4)
export const CONT_LEAVE_GUARDED: i32 = Continuation.LeaveGuarded; // KeReleaseGuardedMutex preempted before leaving its region (rule 3)
export const CONT_LOWER_IRQL: i32 = Continuation.LowerIrql; // ExReleaseFastMutex preempted before KeLowerIrql(OldIrql); arg = IRQL
export const CONT_SPIN: i32 = Continuation.Spin; // spinning on a spin lock
export const CONT_REWAIT: i32 = Continuation.Rewait; // unwaited for a kernel APC: wait again when it returns

// ---- Wait kinds -------------------------------------------------------------------
export const WAIT_NONE: i32 = WaitKind.None;
export const WAIT_OBJECT: i32 = WaitKind.Object; // KeWaitForSingleObject on an event
export const WAIT_DELAY: i32 = WaitKind.Delay; // KeDelayExecutionThread
export const WAIT_MUTEX: i32 = WaitKind.Mutex; // guarded-mutex gate / fast-mutex event
