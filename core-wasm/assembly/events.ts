// Trace event codes. Routine events use the opcode of the statement (program.ts
// OP_*); engine events use the codes below. Mirrored in engine/events.ts.

export const EV_THREAD_STARTED: i32 = 200; // thread became Ready at its start tick
export const EV_THREAD_READY: i32 = 201; // x = priority, y = boost reason (BOOST_*)
export const EV_PREEMPTED: i32 = 202; // x = by thread
export const EV_CONTEXT_SWITCH: i32 = 203; // thread starts running on cpu
export const EV_APC_QUEUED: i32 = 204; // object = apc, x = target thread
export const EV_APC_DELIVERED: i32 = 205; // object = apc
export const EV_APC_COMPLETED: i32 = 206; // object = apc
export const EV_DPC_DELIVERED: i32 = 207; // object = dpc
export const EV_DPC_COMPLETED: i32 = 208;
export const EV_BUGCHECK: i32 = 209; // x = code, y = P1
export const EV_DEADLOCK: i32 = 210;
export const EV_THREAD_EXIT: i32 = 211;
export const EV_QUANTUM_END: i32 = 212; // x = new priority, y = 1 if it yielded the CPU
export const EV_WAIT_TIMEOUT: i32 = 213; // object = waited object or -1 (delay ended)
export const EV_BALANCE_BOOST: i32 = 214; // x = new priority
export const EV_AUTOBOOST: i32 = 215; // x = new priority, y = 1 raised / 0 restored
export const EV_STEP_LIMIT: i32 = 216;
export const EV_COMPLETED: i32 = 217;
export const EV_SPINNING: i32 = 218; // object = spin lock, x = owner context
export const EV_MUTEX_RETRY: i32 = 219; // woken waiter retries the Count loop; x = Count, y = owner
export const EV_STATEMENT_RESUMED: i32 = 220; // rest of a statement interrupted by preemption
export const EV_APC_UNWAIT: i32 = 221; // waiting thread briefly unwaited for a kernel APC
export const EV_WAKE: i32 = 222; // waiter removed from a wait list; object, x = new priority, y = wait status
export const EV_IRQL: i32 = 223; // IRQL change as part of a statement; x = new IRQL, y = old

// Results
export const R_NONE: i32 = 0;
export const R_ACQUIRED: i32 = 1;
export const R_BLOCKED: i32 = 2;
export const R_RELEASED: i32 = 3;
export const R_WOKEN: i32 = 4;
export const R_TRUE: i32 = 5;
export const R_FALSE: i32 = 6;
export const R_SIGNALED: i32 = 7;
export const R_DELIVERED: i32 = 8;
export const R_QUEUED: i32 = 9;
export const R_TIMEOUT: i32 = 10;
export const R_SPINNING: i32 = 11;
export const R_READY: i32 = 12;
export const R_PREEMPTED: i32 = 13;
export const R_WORKING: i32 = 14;
export const R_DONE: i32 = 15;
export const R_RAISED: i32 = 16;
export const R_LOWERED: i32 = 17;
export const R_ENTERED: i32 = 18;
export const R_LEFT: i32 = 19;
export const R_RESET: i32 = 20;
export const R_RETURNED: i32 = 21; // x = value returned
export const R_LATCHED: i32 = 22; // gate/event latched signaled, nobody waiting
export const R_USER_APC: i32 = 23;
export const R_BOOSTED: i32 = 24;
export const R_INITIALIZED: i32 = 25;
export const R_YIELDED: i32 = 26;
export const R_STARTED: i32 = 27;
export const R_EXITED: i32 = 28;
export const R_COMPLETED: i32 = 29;
export const R_DEADLOCK: i32 = 30;
export const R_BUGCHECK: i32 = 31;
export const R_STEP_LIMIT: i32 = 32;
export const R_RUNNING: i32 = 33;
export const R_CONTINUED: i32 = 34;
export const R_NOT_QUEUED: i32 = 35;
export const R_UNWAITED: i32 = 36;
export const R_RESTORED: i32 = 37;
export const R_WAITING: i32 = 38;

export const BOOST_NONE: i32 = 0;
export const BOOST_WAIT: i32 = 1; // wait boost: Base + Increment
export const BOOST_LOCK: i32 = 2; // lock boost: min(P + 1, 13)
