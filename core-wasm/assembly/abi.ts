// The engine's view of the host boundary: the memory map and record layouts
// come from core-wasm/shared/memory-map.ts, which the host compiles too.
export * from "../shared/memory-map";

// ---- Enumerations ---------------------------------------------------------------
export const THREAD_INITIALIZED: i32 = 0;
export const THREAD_READY: i32 = 1;
export const THREAD_RUNNING: i32 = 2;
export const THREAD_STANDBY: i32 = 3;
export const THREAD_TERMINATED: i32 = 4;
export const THREAD_WAITING: i32 = 5;

export const APC_IDLE: i32 = 0;
export const APC_QUEUED: i32 = 1;
export const APC_RUNNING: i32 = 2;

export const BODY_THREAD: i32 = 0;
export const BODY_SPECIAL_APC: i32 = 1;
export const BODY_NORMAL_APC: i32 = 2;
export const BODY_USER_APC: i32 = 3;

export const OUTCOME_RUNNING: i32 = 0;
export const OUTCOME_COMPLETED: i32 = 1;
export const OUTCOME_DEADLOCK: i32 = 2;
export const OUTCOME_BUGCHECK: i32 = 3;
export const OUTCOME_STEP_LIMIT: i32 = 4;

export const STOP_BUDGET: i32 = 0;
export const STOP_COMPLETED: i32 = 1;
export const STOP_DEADLOCK: i32 = 2;
export const STOP_BUGCHECK: i32 = 3;
export const STOP_STEP_LIMIT: i32 = 4;
export const STOP_CHOICE_NEEDED: i32 = 5;
export const STOP_TRACE_FULL: i32 = 6;

/** Bug-check parameter kinds: how the host formats the value. */
export const PARAM_NUMBER: i32 = 0;
export const PARAM_OBJECT: i32 = 1; // "&Name" of object index
export const PARAM_CONTEXT: i32 = 2; // "&Name" of a thread or DPC context id
export const PARAM_RULE: i32 = 3; // "&RuleName" of the DDI rule in P1

// ---- Continuations: the rest of a statement, run as a step of its own -----------
export const CONT_NONE: i32 = 0;
export const CONT_MUTEX_RETRY: i32 = 1; // woken mutex waiter re-runs the Count loop (timing rule 4)
export const CONT_LEAVE_GUARDED: i32 = 2; // KeReleaseGuardedMutex preempted before leaving its region (rule 3)
export const CONT_LOWER_IRQL: i32 = 3; // ExReleaseFastMutex preempted before KeLowerIrql(OldIrql); arg = IRQL
export const CONT_SPIN: i32 = 4; // spinning on a spin lock
export const CONT_REWAIT: i32 = 5; // unwaited for a kernel APC: wait again when it returns

// ---- Wait kinds -------------------------------------------------------------------
export const WAIT_NONE: i32 = 0;
export const WAIT_OBJECT: i32 = 1; // KeWaitForSingleObject on an event
export const WAIT_DELAY: i32 = 2; // KeDelayExecutionThread
export const WAIT_MUTEX: i32 = 3; // guarded-mutex gate / fast-mutex event
