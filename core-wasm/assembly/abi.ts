// The fixed memory map and record layouts shared with the host. Mirrored word
// for word by core-wasm/engine/abi.ts; abi.test.ts compares the two through
// abiConstant(). Addresses below memoryBase (4 MiB, asconfig.json) belong to
// these regions; the AssemblyScript runtime never allocates there.

// ---- Regions (byte addresses) ----------------------------------------------
/** The encoded program (core-wasm/lang/program.ts), written by the host before load(). */
export const PROGRAM_BASE: i32 = 0x10000;
export const PROGRAM_MAX_BYTES: i32 = 0x70000;
/** All mutable simulation state, one contiguous block with canonical contents (unused words zero). */
export const STATE_BASE: i32 = 0x80000;
export const STATE_MAX_BYTES: i32 = 0x80000;
/** Results the host asks for on demand (choices, deadlock analysis); not part of the state. */
export const EXPORT_BASE: i32 = 0x100000;
export const EXPORT_BYTES: i32 = 0x10000;
/** Trace events of the steps since the host last drained them; not part of the state. */
export const TRACE_BASE: i32 = 0x110000;
export const TRACE_BYTES: i32 = 0x2b0000;
export const TRACE_EVENT_WORDS: i32 = 8;
/** Step log of the same steps: per step (trace events recorded before the step's own events, (context + 1) << 8 | cpu). */
export const STEP_LOG_BASE: i32 = 0x3c0000;
export const STEP_LOG_ENTRIES: i32 = 0x8000;
export const STEP_LOG_WORDS: i32 = 2;
/** run() stops with STOP_TRACE_FULL when fewer free event slots remain than this. */
export const TRACE_MARGIN_EVENTS: i32 = 1024;

// ---- State region: header (word indices) ------------------------------------
export const G_TICK: i32 = 0;
export const G_STEP: i32 = 1;
export const G_OUTCOME: i32 = 2;
export const G_CPU_TURN: i32 = 3;
export const G_RNG: i32 = 4;
export const G_INSERTION_CURSOR: i32 = 5;
export const G_ALIVE: i32 = 6; // threads not yet terminated
export const G_READY_MASK: i32 = 7; // bit p set: ready queue of priority p non-empty
export const G_BC_CODE: i32 = 8;
export const G_BC_PARAMS: i32 = 9; // 4 × (kind, value)
export const G_BC_CONTEXT: i32 = 17; // context id (thread index, or DPC_CONTEXT + dpc)
export const G_BC_LINE: i32 = 18;
export const G_BC_TICK: i32 = 19;
export const G_NEXT_WAKE: i32 = 20; // lower bound of the earliest pending timer (0x7fffffff none)
export const G_DPCS_QUEUED: i32 = 21; // DPCs queued on any CPU
export const G_NOT_STARTED: i32 = 22; // threads still Initialized
export const G_NEXT_BALANCE: i32 = 23; // next tick at which the balance-set scan may run
export const G_READY_HEAD: i32 = 32; // 32 words: head thread per priority (-1 none)
export const G_READY_TAIL: i32 = 64; // 32 words
export const HEADER_WORDS: i32 = 96;

// ---- CPU record --------------------------------------------------------------
export const CPU_WORDS: i32 = 16;
export const C_THREAD: i32 = 0; // current thread (-1 idle)
export const C_DPC_HEAD: i32 = 1; // DPC queue (-1 empty)
export const C_DPC_TAIL: i32 = 2;
export const C_DPC: i32 = 3; // DPC whose body runs now (-1)
export const C_DPC_FRAME: i32 = 4; // FRAME_WORDS: the running DPC's frame; F_SAVED_IRQL holds its IRQL
export const C_DPC_SPIN: i32 = 10; // spin lock the DPC spins on (-1)

// ---- Thread record -------------------------------------------------------------
export const THREAD_WORDS: i32 = 128;
export const T_STATE: i32 = 0; // ThreadState values of the trace enum
export const T_PRIORITY: i32 = 1;
export const T_BASE_PRIORITY: i32 = 2;
export const T_PRIORITY_DECREMENT: i32 = 3; // lock/balance boost still to be removed at quantum end
export const T_QUANTUM: i32 = 4;
export const T_IRQL: i32 = 5;
export const T_CPU: i32 = 6;
export const T_WAIT_OBJECT: i32 = 7; // object waited on (-1)
export const T_WAIT_NEXT: i32 = 8; // next thread in the object's wait list (-1)
export const T_WAKE_TICK: i32 = 9; // timer: tick at which the wait/delay ends (-1 none)
export const T_READY_NEXT: i32 = 10;
export const T_READY_TICK: i32 = 11;
export const T_KERNEL_APC_DISABLE: i32 = 12;
export const T_SPECIAL_APC_DISABLE: i32 = 13;
export const T_KERNEL_APC_HEAD: i32 = 14; // APC list: specials before normals (-1)
export const T_USER_APC_HEAD: i32 = 15;
export const T_APC_IN_PROGRESS: i32 = 16; // a normal kernel APC's routine is running
export const T_DEPTH: i32 = 17; // frames in use (1 = the thread body)
export const T_SPIN_OBJECT: i32 = 18; // spin lock it spins on (-1)
export const T_SET_EVENT_WAIT: i32 = 19; // KeSetEvent(…, TRUE) pending: saved IRQL + 1, else 0
export const T_AUTOBOOST_SAVED: i32 = 20; // AutoBoost: priority before the boost + 1, else 0
export const T_HELD_COUNT: i32 = 21; // verifier deadlock detection: locks held
export const T_WAIT_MODE: i32 = 22; // bit 0 UserMode, bit 1 alertable
export const T_BALANCE_BOOSTED: i32 = 23;
export const T_WAIT_KIND: i32 = 24; // 0 none, 1 object, 2 delay, 3 mutex gate/event
export const T_FRAMES: i32 = 32; // MAX_FRAMES × FRAME_WORDS
export const FRAME_WORDS: i32 = 6;
export const MAX_FRAMES: i32 = 4;
export const F_BODY: i32 = 0; // kind << 8 | index (kinds: BODY_*)
export const F_PC: i32 = 1; // absolute instruction index
export const F_WORK: i32 = 2; // Work() ticks still to burn after this one
export const F_CONT: i32 = 3; // continuation of an interrupted statement (CONT_*)
export const F_ARG: i32 = 4;
export const F_SAVED_IRQL: i32 = 5; // IRQL to restore when an APC frame returns
export const T_HELD: i32 = 56; // 16 words: locks held, in acquisition order
export const MAX_HELD: i32 = 16;
export const T_LOCALS: i32 = 72; // 32 words
export const MAX_LOCALS: i32 = 32;

// ---- Object record -------------------------------------------------------------
export const OBJECT_WORDS: i32 = 16;
export const O_TYPE: i32 = 0;
export const O_COUNT: i32 = 1; // mutex lock word; event signal state
export const O_OWNER: i32 = 2; // context id + 1 (0 = none)
export const O_CONTENTION: i32 = 3;
export const O_GATE: i32 = 4; // mutex gate/event latched signaled
export const O_WAIT_HEAD: i32 = 5;
export const O_WAIT_TAIL: i32 = 6;
export const O_OLD_IRQL: i32 = 7;
export const O_EVENT_TYPE: i32 = 8;
export const O_SNAPSHOT: i32 = 9; // guarded mutex: owner's SpecialApcDisable at acquire
export const O_UNSAFE: i32 = 10; // acquired with an Unsafe variant

// ---- APC and DPC records -------------------------------------------------------------
export const APC_WORDS: i32 = 40;
export const A_STATE: i32 = 0; // APC_IDLE, APC_QUEUED, APC_RUNNING
export const A_QUEUED_AT: i32 = 1;
export const A_DELIVERED_AT: i32 = 2;
export const A_COMPLETED_AT: i32 = 3;
export const A_NEXT: i32 = 4;
export const A_LOCALS: i32 = 8;
export const DPC_WORDS: i32 = 40;
export const D_QUEUED: i32 = 0;
export const D_QUEUED_AT: i32 = 1;
export const D_DELIVERED_AT: i32 = 2;
export const D_NEXT: i32 = 3;
export const D_LOCALS: i32 = 8;

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

/** Context ids: thread index, or DPC_CONTEXT + dpc index; -1 = outside (interrupt, timer). */
export const DPC_CONTEXT: i32 = 64;

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

// ---- Export area -------------------------------------------------------------------
/** Choices: count at word 0, then (context id, cpu) pairs. */
export const X_CHOICES: i32 = 0;
export const MAX_CHOICES: i32 = 4160;
/** Deadlock analysis: cycle length, then (thread, object, owner context or -1) triples; then the stuck-thread bitmap (2 words). */
export const X_DEADLOCK: i32 = 8448;

// ---- IRQL values (x64) ------------------------------------------------------------
export const PASSIVE_LEVEL_VALUE: i32 = 0;
export const APC_LEVEL_VALUE: i32 = 1;
export const DISPATCH_LEVEL_VALUE: i32 = 2;
export const HIGH_LEVEL_VALUE: i32 = 15;

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

export const X_SCRATCH: i32 = 12288; // words of scratch space for graph searches

// ---- Write map -------------------------------------------------------------------
/**
 * One byte per 16-byte block of the state region, set to 1 by every write to
 * that block (state.ts); the byte of the block at address a is a >>> 4, because
 * WRITE_MAP_BASE = STATE_BASE >> 4. Not part of the state: the explorer reads
 * and clears it to compare and restore only the blocks a step wrote.
 */
export const WRITE_MAP_BASE: i32 = STATE_BASE >> 4;
export const WRITE_MAP_BYTES: i32 = STATE_MAX_BYTES >> 4;
