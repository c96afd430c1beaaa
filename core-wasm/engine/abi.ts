// Host-side mirror of core-wasm/assembly/abi.ts: the fixed memory map, the
// state record layouts and the engine enumerations. Same names, same values,
// same order; abi.test.ts checks every one against the engine's abiConstant().

// ---- Regions (byte addresses) ----------------------------------------------
export const PROGRAM_BASE = 0x10000;
export const PROGRAM_MAX_BYTES = 0x70000;
export const STATE_BASE = 0x80000;
export const STATE_MAX_BYTES = 0x80000;
export const EXPORT_BASE = 0x100000;
export const EXPORT_BYTES = 0x10000;
export const TRACE_BASE = 0x110000;
export const TRACE_BYTES = 0x2b0000;
export const TRACE_EVENT_WORDS = 8;
export const STEP_LOG_BASE = 0x3c0000;
export const STEP_LOG_ENTRIES = 0x8000;
export const STEP_LOG_WORDS = 2;
export const TRACE_MARGIN_EVENTS = 1024;

// ---- State region: header (word indices) ------------------------------------
export const G_TICK = 0;
export const G_STEP = 1;
export const G_OUTCOME = 2;
export const G_CPU_TURN = 3;
export const G_RNG = 4;
export const G_INSERTION_CURSOR = 5;
export const G_ALIVE = 6; // threads not yet terminated
export const G_READY_MASK = 7; // bit p set: ready queue of priority p non-empty
export const G_BC_CODE = 8;
export const G_BC_PARAMS = 9; // 4 × (kind, value)
export const G_BC_CONTEXT = 17; // context id (thread index, or DPC_CONTEXT + dpc)
export const G_BC_LINE = 18;
export const G_BC_TICK = 19;
export const G_NEXT_WAKE = 20; // lower bound of the earliest pending timer (0x7fffffff none)
export const G_DPCS_QUEUED = 21; // DPCs queued on any CPU
export const G_NOT_STARTED = 22; // threads still Initialized
export const G_NEXT_BALANCE = 23; // next tick at which the balance-set scan may run
export const G_READY_HEAD = 32; // 32 words: head thread per priority (-1 none)
export const G_READY_TAIL = 64; // 32 words
export const HEADER_WORDS = 96;

// ---- CPU record --------------------------------------------------------------
export const CPU_WORDS = 16;
export const C_THREAD = 0; // current thread (-1 idle)
export const C_DPC_HEAD = 1; // DPC queue (-1 empty)
export const C_DPC_TAIL = 2;
export const C_DPC = 3; // DPC whose body runs now (-1)
export const C_DPC_FRAME = 4; // FRAME_WORDS: the running DPC's frame; F_SAVED_IRQL holds its IRQL
export const C_DPC_SPIN = 10; // spin lock the DPC spins on (-1)

// ---- Thread record -------------------------------------------------------------
export const THREAD_WORDS = 128;
export const T_STATE = 0; // ThreadState values of the trace enum
export const T_PRIORITY = 1;
export const T_BASE_PRIORITY = 2;
export const T_PRIORITY_DECREMENT = 3; // lock/balance boost still to be removed at quantum end
export const T_QUANTUM = 4;
export const T_IRQL = 5;
export const T_CPU = 6;
export const T_WAIT_OBJECT = 7; // object waited on (-1)
export const T_WAIT_NEXT = 8; // next thread in the object's wait list (-1)
export const T_WAKE_TICK = 9; // timer: tick at which the wait/delay ends (-1 none)
export const T_READY_NEXT = 10;
export const T_READY_TICK = 11;
export const T_KERNEL_APC_DISABLE = 12;
export const T_SPECIAL_APC_DISABLE = 13;
export const T_KERNEL_APC_HEAD = 14; // APC list: specials before normals (-1)
export const T_USER_APC_HEAD = 15;
export const T_APC_IN_PROGRESS = 16; // a normal kernel APC's routine is running
export const T_DEPTH = 17; // frames in use (1 = the thread body)
export const T_SPIN_OBJECT = 18; // spin lock it spins on (-1)
export const T_SET_EVENT_WAIT = 19; // KeSetEvent(…, TRUE) pending: saved IRQL + 1, else 0
export const T_AUTOBOOST_SAVED = 20; // AutoBoost: priority before the boost + 1, else 0
export const T_HELD_COUNT = 21; // verifier deadlock detection: locks held
export const T_WAIT_MODE = 22; // bit 0 UserMode, bit 1 alertable
export const T_BALANCE_BOOSTED = 23;
export const T_WAIT_KIND = 24; // 0 none, 1 object, 2 delay, 3 mutex gate/event
export const T_FRAMES = 32; // MAX_FRAMES × FRAME_WORDS
export const FRAME_WORDS = 6;
export const MAX_FRAMES = 4;
export const F_BODY = 0; // kind << 8 | index (kinds: BODY_*)
export const F_PC = 1; // absolute instruction index
export const F_WORK = 2; // Work() ticks still to burn after this one
export const F_CONT = 3; // continuation of an interrupted statement (CONT_*)
export const F_ARG = 4;
export const F_SAVED_IRQL = 5; // IRQL to restore when an APC frame returns
export const T_HELD = 56; // 16 words: locks held, in acquisition order
export const MAX_HELD = 16;
export const T_LOCALS = 72; // 32 words
export const MAX_LOCALS = 32;

// ---- Object record -------------------------------------------------------------
export const OBJECT_WORDS = 16;
export const O_TYPE = 0;
export const O_COUNT = 1; // mutex lock word; event signal state
export const O_OWNER = 2; // context id + 1 (0 = none)
export const O_CONTENTION = 3;
export const O_GATE = 4; // mutex gate/event latched signaled
export const O_WAIT_HEAD = 5;
export const O_WAIT_TAIL = 6;
export const O_OLD_IRQL = 7;
export const O_EVENT_TYPE = 8;
export const O_SNAPSHOT = 9; // guarded mutex: owner's SpecialApcDisable at acquire
export const O_UNSAFE = 10; // acquired with an Unsafe variant

// ---- APC and DPC records -------------------------------------------------------------
export const APC_WORDS = 40;
export const A_STATE = 0; // APC_IDLE, APC_QUEUED, APC_RUNNING
export const A_QUEUED_AT = 1;
export const A_DELIVERED_AT = 2;
export const A_COMPLETED_AT = 3;
export const A_NEXT = 4;
export const A_LOCALS = 8;
export const DPC_WORDS = 40;
export const D_QUEUED = 0;
export const D_QUEUED_AT = 1;
export const D_DELIVERED_AT = 2;
export const D_NEXT = 3;
export const D_LOCALS = 8;

// ---- Enumerations ---------------------------------------------------------------
export const THREAD_INITIALIZED = 0;
export const THREAD_READY = 1;
export const THREAD_RUNNING = 2;
export const THREAD_STANDBY = 3;
export const THREAD_TERMINATED = 4;
export const THREAD_WAITING = 5;
export const APC_IDLE = 0;
export const APC_QUEUED = 1;
export const APC_RUNNING = 2;
export const BODY_THREAD = 0;
export const BODY_SPECIAL_APC = 1;
export const BODY_NORMAL_APC = 2;
export const BODY_USER_APC = 3;
export const DPC_CONTEXT = 64;
export const OUTCOME_RUNNING = 0;
export const OUTCOME_COMPLETED = 1;
export const OUTCOME_DEADLOCK = 2;
export const OUTCOME_BUGCHECK = 3;
export const OUTCOME_STEP_LIMIT = 4;
export const STOP_BUDGET = 0;
export const STOP_COMPLETED = 1;
export const STOP_DEADLOCK = 2;
export const STOP_BUGCHECK = 3;
export const STOP_STEP_LIMIT = 4;
export const STOP_CHOICE_NEEDED = 5;
export const STOP_TRACE_FULL = 6;
export const PARAM_NUMBER = 0;
export const PARAM_OBJECT = 1; // "&Name" of object index
export const PARAM_CONTEXT = 2; // "&Name" of a thread or DPC context id
export const PARAM_RULE = 3; // "&RuleName" of the DDI rule in P1

// ---- Export area -------------------------------------------------------------------
export const X_CHOICES = 0;
export const MAX_CHOICES = 4160;
export const X_DEADLOCK = 8448;

// ---- IRQL values (x64) ------------------------------------------------------------
export const PASSIVE_LEVEL_VALUE = 0;
export const APC_LEVEL_VALUE = 1;
export const DISPATCH_LEVEL_VALUE = 2;
export const HIGH_LEVEL_VALUE = 15;

// ---- Continuations: the rest of a statement, run as a step of its own -----------
export const CONT_NONE = 0;
export const CONT_MUTEX_RETRY = 1; // woken mutex waiter re-runs the Count loop (timing rule 4)
export const CONT_LEAVE_GUARDED = 2; // KeReleaseGuardedMutex preempted before leaving its region (rule 3)
export const CONT_LOWER_IRQL = 3; // ExReleaseFastMutex preempted before KeLowerIrql(OldIrql); arg = IRQL
export const CONT_SPIN = 4; // spinning on a spin lock
export const CONT_REWAIT = 5; // unwaited for a kernel APC: wait again when it returns

// ---- Wait kinds -------------------------------------------------------------------
export const WAIT_NONE = 0;
export const WAIT_OBJECT = 1; // KeWaitForSingleObject on an event
export const WAIT_DELAY = 2; // KeDelayExecutionThread
export const WAIT_MUTEX = 3; // guarded-mutex gate / fast-mutex event
export const X_SCRATCH = 12288; // words of scratch space for graph searches

// ---- Write map -------------------------------------------------------------------
/** One byte per 16-byte block of the state region, set by every engine write to it (the explorer's dirty map); not state. */
export const WRITE_MAP_BASE = STATE_BASE >> 4;
export const WRITE_MAP_BYTES = STATE_MAX_BYTES >> 4;

/** The constants in the order of the engine's ABI table (assembly/abi-table.ts). */
export const ABI_ORDER: readonly (readonly [string, number])[] = [
  ["PROGRAM_BASE", PROGRAM_BASE],
  ["PROGRAM_MAX_BYTES", PROGRAM_MAX_BYTES],
  ["STATE_BASE", STATE_BASE],
  ["STATE_MAX_BYTES", STATE_MAX_BYTES],
  ["EXPORT_BASE", EXPORT_BASE],
  ["EXPORT_BYTES", EXPORT_BYTES],
  ["TRACE_BASE", TRACE_BASE],
  ["TRACE_BYTES", TRACE_BYTES],
  ["TRACE_EVENT_WORDS", TRACE_EVENT_WORDS],
  ["STEP_LOG_BASE", STEP_LOG_BASE],
  ["STEP_LOG_ENTRIES", STEP_LOG_ENTRIES],
  ["STEP_LOG_WORDS", STEP_LOG_WORDS],
  ["TRACE_MARGIN_EVENTS", TRACE_MARGIN_EVENTS],
  ["G_TICK", G_TICK],
  ["G_STEP", G_STEP],
  ["G_OUTCOME", G_OUTCOME],
  ["G_CPU_TURN", G_CPU_TURN],
  ["G_RNG", G_RNG],
  ["G_INSERTION_CURSOR", G_INSERTION_CURSOR],
  ["G_ALIVE", G_ALIVE],
  ["G_READY_MASK", G_READY_MASK],
  ["G_BC_CODE", G_BC_CODE],
  ["G_BC_PARAMS", G_BC_PARAMS],
  ["G_BC_CONTEXT", G_BC_CONTEXT],
  ["G_BC_LINE", G_BC_LINE],
  ["G_BC_TICK", G_BC_TICK],
  ["G_NEXT_WAKE", G_NEXT_WAKE],
  ["G_DPCS_QUEUED", G_DPCS_QUEUED],
  ["G_NOT_STARTED", G_NOT_STARTED],
  ["G_NEXT_BALANCE", G_NEXT_BALANCE],
  ["G_READY_HEAD", G_READY_HEAD],
  ["G_READY_TAIL", G_READY_TAIL],
  ["HEADER_WORDS", HEADER_WORDS],
  ["CPU_WORDS", CPU_WORDS],
  ["C_THREAD", C_THREAD],
  ["C_DPC_HEAD", C_DPC_HEAD],
  ["C_DPC_TAIL", C_DPC_TAIL],
  ["C_DPC", C_DPC],
  ["C_DPC_FRAME", C_DPC_FRAME],
  ["C_DPC_SPIN", C_DPC_SPIN],
  ["THREAD_WORDS", THREAD_WORDS],
  ["T_STATE", T_STATE],
  ["T_PRIORITY", T_PRIORITY],
  ["T_BASE_PRIORITY", T_BASE_PRIORITY],
  ["T_PRIORITY_DECREMENT", T_PRIORITY_DECREMENT],
  ["T_QUANTUM", T_QUANTUM],
  ["T_IRQL", T_IRQL],
  ["T_CPU", T_CPU],
  ["T_WAIT_OBJECT", T_WAIT_OBJECT],
  ["T_WAIT_NEXT", T_WAIT_NEXT],
  ["T_WAKE_TICK", T_WAKE_TICK],
  ["T_READY_NEXT", T_READY_NEXT],
  ["T_READY_TICK", T_READY_TICK],
  ["T_KERNEL_APC_DISABLE", T_KERNEL_APC_DISABLE],
  ["T_SPECIAL_APC_DISABLE", T_SPECIAL_APC_DISABLE],
  ["T_KERNEL_APC_HEAD", T_KERNEL_APC_HEAD],
  ["T_USER_APC_HEAD", T_USER_APC_HEAD],
  ["T_APC_IN_PROGRESS", T_APC_IN_PROGRESS],
  ["T_DEPTH", T_DEPTH],
  ["T_SPIN_OBJECT", T_SPIN_OBJECT],
  ["T_SET_EVENT_WAIT", T_SET_EVENT_WAIT],
  ["T_AUTOBOOST_SAVED", T_AUTOBOOST_SAVED],
  ["T_HELD_COUNT", T_HELD_COUNT],
  ["T_WAIT_MODE", T_WAIT_MODE],
  ["T_BALANCE_BOOSTED", T_BALANCE_BOOSTED],
  ["T_WAIT_KIND", T_WAIT_KIND],
  ["T_FRAMES", T_FRAMES],
  ["FRAME_WORDS", FRAME_WORDS],
  ["MAX_FRAMES", MAX_FRAMES],
  ["F_BODY", F_BODY],
  ["F_PC", F_PC],
  ["F_WORK", F_WORK],
  ["F_CONT", F_CONT],
  ["F_ARG", F_ARG],
  ["F_SAVED_IRQL", F_SAVED_IRQL],
  ["T_HELD", T_HELD],
  ["MAX_HELD", MAX_HELD],
  ["T_LOCALS", T_LOCALS],
  ["MAX_LOCALS", MAX_LOCALS],
  ["OBJECT_WORDS", OBJECT_WORDS],
  ["O_TYPE", O_TYPE],
  ["O_COUNT", O_COUNT],
  ["O_OWNER", O_OWNER],
  ["O_CONTENTION", O_CONTENTION],
  ["O_GATE", O_GATE],
  ["O_WAIT_HEAD", O_WAIT_HEAD],
  ["O_WAIT_TAIL", O_WAIT_TAIL],
  ["O_OLD_IRQL", O_OLD_IRQL],
  ["O_EVENT_TYPE", O_EVENT_TYPE],
  ["O_SNAPSHOT", O_SNAPSHOT],
  ["O_UNSAFE", O_UNSAFE],
  ["APC_WORDS", APC_WORDS],
  ["A_STATE", A_STATE],
  ["A_QUEUED_AT", A_QUEUED_AT],
  ["A_DELIVERED_AT", A_DELIVERED_AT],
  ["A_COMPLETED_AT", A_COMPLETED_AT],
  ["A_NEXT", A_NEXT],
  ["A_LOCALS", A_LOCALS],
  ["DPC_WORDS", DPC_WORDS],
  ["D_QUEUED", D_QUEUED],
  ["D_QUEUED_AT", D_QUEUED_AT],
  ["D_DELIVERED_AT", D_DELIVERED_AT],
  ["D_NEXT", D_NEXT],
  ["D_LOCALS", D_LOCALS],
  ["THREAD_INITIALIZED", THREAD_INITIALIZED],
  ["THREAD_READY", THREAD_READY],
  ["THREAD_RUNNING", THREAD_RUNNING],
  ["THREAD_STANDBY", THREAD_STANDBY],
  ["THREAD_TERMINATED", THREAD_TERMINATED],
  ["THREAD_WAITING", THREAD_WAITING],
  ["APC_IDLE", APC_IDLE],
  ["APC_QUEUED", APC_QUEUED],
  ["APC_RUNNING", APC_RUNNING],
  ["BODY_THREAD", BODY_THREAD],
  ["BODY_SPECIAL_APC", BODY_SPECIAL_APC],
  ["BODY_NORMAL_APC", BODY_NORMAL_APC],
  ["BODY_USER_APC", BODY_USER_APC],
  ["DPC_CONTEXT", DPC_CONTEXT],
  ["OUTCOME_RUNNING", OUTCOME_RUNNING],
  ["OUTCOME_COMPLETED", OUTCOME_COMPLETED],
  ["OUTCOME_DEADLOCK", OUTCOME_DEADLOCK],
  ["OUTCOME_BUGCHECK", OUTCOME_BUGCHECK],
  ["OUTCOME_STEP_LIMIT", OUTCOME_STEP_LIMIT],
  ["STOP_BUDGET", STOP_BUDGET],
  ["STOP_COMPLETED", STOP_COMPLETED],
  ["STOP_DEADLOCK", STOP_DEADLOCK],
  ["STOP_BUGCHECK", STOP_BUGCHECK],
  ["STOP_STEP_LIMIT", STOP_STEP_LIMIT],
  ["STOP_CHOICE_NEEDED", STOP_CHOICE_NEEDED],
  ["STOP_TRACE_FULL", STOP_TRACE_FULL],
  ["PARAM_NUMBER", PARAM_NUMBER],
  ["PARAM_OBJECT", PARAM_OBJECT],
  ["PARAM_CONTEXT", PARAM_CONTEXT],
  ["PARAM_RULE", PARAM_RULE],
  ["X_CHOICES", X_CHOICES],
  ["MAX_CHOICES", MAX_CHOICES],
  ["X_DEADLOCK", X_DEADLOCK],
  ["PASSIVE_LEVEL_VALUE", PASSIVE_LEVEL_VALUE],
  ["APC_LEVEL_VALUE", APC_LEVEL_VALUE],
  ["DISPATCH_LEVEL_VALUE", DISPATCH_LEVEL_VALUE],
  ["HIGH_LEVEL_VALUE", HIGH_LEVEL_VALUE],
  ["CONT_NONE", CONT_NONE],
  ["CONT_MUTEX_RETRY", CONT_MUTEX_RETRY],
  ["CONT_LEAVE_GUARDED", CONT_LEAVE_GUARDED],
  ["CONT_LOWER_IRQL", CONT_LOWER_IRQL],
  ["CONT_SPIN", CONT_SPIN],
  ["CONT_REWAIT", CONT_REWAIT],
  ["WAIT_NONE", WAIT_NONE],
  ["WAIT_OBJECT", WAIT_OBJECT],
  ["WAIT_DELAY", WAIT_DELAY],
  ["WAIT_MUTEX", WAIT_MUTEX],
  ["X_SCRATCH", X_SCRATCH],
  ["WRITE_MAP_BASE", WRITE_MAP_BASE],
  ["WRITE_MAP_BYTES", WRITE_MAP_BYTES],
];
