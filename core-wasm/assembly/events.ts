// Trace event codes. Routine events use the opcode of the statement (program.ts
// OP_*); engine events use the codes below. The values come from
// core-wasm/shared/trace-codes.ts, which the host decodes with.
import { BoostReason, EngineEvent, Result } from "../shared/trace-codes";

export const EV_THREAD_STARTED: i32 = EngineEvent.ThreadStarted; // thread became Ready at its start tick
export const EV_THREAD_READY: i32 = EngineEvent.ThreadReady; // x = priority, y = boost reason (BOOST_*)
export const EV_PREEMPTED: i32 = EngineEvent.Preempted; // x = by thread
export const EV_CONTEXT_SWITCH: i32 = EngineEvent.ContextSwitch; // thread starts running on cpu
export const EV_APC_QUEUED: i32 = EngineEvent.ApcQueued; // object = apc, x = target thread
export const EV_APC_DELIVERED: i32 = EngineEvent.ApcDelivered; // object = apc
export const EV_APC_COMPLETED: i32 = EngineEvent.ApcCompleted; // object = apc
export const EV_DPC_DELIVERED: i32 = EngineEvent.DpcDelivered; // object = dpc
export const EV_DPC_COMPLETED: i32 = EngineEvent.DpcCompleted;
export const EV_BUGCHECK: i32 = EngineEvent.BugCheck; // x = code, y = P1
export const EV_DEADLOCK: i32 = EngineEvent.Deadlock;
export const EV_THREAD_EXIT: i32 = EngineEvent.ThreadExit;
export const EV_QUANTUM_END: i32 = EngineEvent.QuantumEnd; // x = new priority, y = 1 if it yielded the CPU
export const EV_WAIT_TIMEOUT: i32 = EngineEvent.WaitTimeout; // object = waited object or -1 (delay ended)
export const EV_BALANCE_BOOST: i32 = EngineEvent.BalanceSetBoost; // x = new priority
export const EV_AUTOBOOST: i32 = EngineEvent.AutoBoost; // x = new priority, y = 1 raised / 0 restored
export const EV_STEP_LIMIT: i32 = EngineEvent.StepLimit;
export const EV_COMPLETED: i32 = EngineEvent.Completed;
export const EV_SPINNING: i32 = EngineEvent.Spinning; // object = spin lock, x = owner context
export const EV_MUTEX_RETRY: i32 = EngineEvent.MutexRetry; // woken waiter retries the Count loop; x = Count, y = owner
export const EV_STATEMENT_RESUMED: i32 = EngineEvent.StatementResumed; // rest of a statement interrupted by preemption
export const EV_APC_UNWAIT: i32 = EngineEvent.ApcUnwait; // waiting thread briefly unwaited for a kernel APC
export const EV_WAKE: i32 = EngineEvent.Wake; // waiter removed from a wait list; object, x = new priority, y = wait status
export const EV_IRQL: i32 = EngineEvent.Irql; // IRQL change as part of a statement; x = new IRQL, y = old

// Results
export const R_NONE: i32 = Result.None;
export const R_ACQUIRED: i32 = Result.Acquired;
export const R_BLOCKED: i32 = Result.Blocked;
export const R_RELEASED: i32 = Result.Released;
export const R_WOKEN: i32 = Result.Woken;
export const R_TRUE: i32 = Result.True;
export const R_FALSE: i32 = Result.False;
export const R_SIGNALED: i32 = Result.Signaled;
export const R_DELIVERED: i32 = Result.Delivered;
export const R_QUEUED: i32 = Result.Queued;
export const R_TIMEOUT: i32 = Result.Timeout;
export const R_SPINNING: i32 = Result.Spinning;
export const R_READY: i32 = Result.Ready;
export const R_PREEMPTED: i32 = Result.Preempted;
export const R_WORKING: i32 = Result.Working;
export const R_DONE: i32 = Result.Done;
export const R_RAISED: i32 = Result.Raised;
export const R_LOWERED: i32 = Result.Lowered;
export const R_ENTERED: i32 = Result.Entered;
export const R_LEFT: i32 = Result.Left;
export const R_RESET: i32 = Result.Reset;
export const R_RETURNED: i32 = Result.Returned; // x = value returned
export const R_LATCHED: i32 = Result.Latched; // gate/event latched signaled, nobody waiting
export const R_USER_APC: i32 = Result.UserApc;
export const R_BOOSTED: i32 = Result.Boosted;
export const R_INITIALIZED: i32 = Result.Initialized;
export const R_YIELDED: i32 = Result.Yielded;
export const R_STARTED: i32 = Result.Started;
export const R_EXITED: i32 = Result.Exited;
export const R_COMPLETED: i32 = Result.Completed;
export const R_DEADLOCK: i32 = Result.Deadlock;
export const R_BUGCHECK: i32 = Result.Bugcheck;
export const R_STEP_LIMIT: i32 = Result.StepLimit;
export const R_RUNNING: i32 = Result.Running;
export const R_CONTINUED: i32 = Result.Continued;
export const R_NOT_QUEUED: i32 = Result.NotQueued;
export const R_UNWAITED: i32 = Result.Unwaited;
export const R_RESTORED: i32 = Result.Restored;
export const R_WAITING: i32 = Result.Waiting;

export const BOOST_NONE: i32 = BoostReason.None;
export const BOOST_WAIT: i32 = BoostReason.Wait; // wait boost: Base + Increment
export const BOOST_LOCK: i32 = BoostReason.Lock; // lock boost: min(P + 1, 13)
