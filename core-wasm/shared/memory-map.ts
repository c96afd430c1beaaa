// The fixed memory map and state record layouts of the engine: the one
// definition both sides compile. The AssemblyScript engine (core-wasm/assembly)
// and the TypeScript hosts (core-wasm/engine) import this file, so the two
// cannot disagree; a wasm built from an older copy is refused by the ABI
// version check (ABI_VERSION, assembly/index.ts) and caught by abi.test.ts.
//
// Portable syntax only: `export const NAME = <integer expression>;` (an i32 in
// AssemblyScript, a number in TypeScript) and plain `export enum`. No i32/u32
// annotations, no imports. Addresses below memoryBase (4 MiB, asconfig.json)
// belong to these regions; the AssemblyScript runtime never allocates there.

// ---- Regions (byte addresses) ----------------------------------------------
/** The encoded program (core-wasm/lang/program.ts), written by the host before load(). */
export const PROGRAM_BASE = 0x10000;
export const PROGRAM_MAX_BYTES = 0x70000;
/** All mutable simulation state, one contiguous block with canonical contents (unused words zero). */
export const STATE_BASE = 0x80000;
export const STATE_MAX_BYTES = 0x80000;
/** Results the host asks for on demand (choices, deadlock analysis); not part of the state. */
export const EXPORT_BASE = 0x100000;
export const EXPORT_BYTES = 0x10000;
/** Trace events of the steps since the host last drained them; not part of the state. */
export const TRACE_BASE = 0x110000;
export const TRACE_BYTES = 0x2b0000;
export const TRACE_EVENT_WORDS = 8;
/** Step log of the same steps: per step (trace events recorded before the step's own events, (context + 1) << 8 | cpu). */
export const STEP_LOG_BASE = 0x3c0000;
export const STEP_LOG_ENTRIES = 0x8000;
export const STEP_LOG_WORDS = 2;
/** run() stops with STOP_TRACE_FULL when fewer free event slots remain than this. */
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
export const T_WAIT_SINCE = 25; // tick its current wait or spin began; kept only when a #goal has a `waits` term (else 0)
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

// ---- Export area -------------------------------------------------------------------
/** Choices: count at word 0, then (context id, cpu) pairs. */
export const X_CHOICES = 0;
export const MAX_CHOICES = 4160;
/** Deadlock analysis: cycle length, then (thread, object, owner context or -1) triples; then the stuck-thread bitmap (2 words). */
export const X_DEADLOCK = 8448;
export const X_SCRATCH = 12288; // words of scratch space for graph searches

/** Context ids: thread index, or DPC_CONTEXT + dpc index; -1 = outside (interrupt, timer). */
export const DPC_CONTEXT = 64;

// ---- IRQL values (x64) ------------------------------------------------------------
export const PASSIVE_LEVEL_VALUE = 0;
export const APC_LEVEL_VALUE = 1;
export const DISPATCH_LEVEL_VALUE = 2;
export const HIGH_LEVEL_VALUE = 15;

// ---- Write map -------------------------------------------------------------------
/**
 * One byte per 16-byte block of the state region, set to 1 by every write to
 * that block (state.ts); the byte of the block at address a is a >>> 4, because
 * WRITE_MAP_BASE = STATE_BASE >> 4. Not part of the state: the explorer reads
 * and clears it to compare and restore only the blocks a step wrote.
 */
export const WRITE_MAP_BASE = STATE_BASE >> 4;
export const WRITE_MAP_BYTES = STATE_MAX_BYTES >> 4;

// ---- Explorer region -------------------------------------------------------------
/**
 * Fixed start of the explorer's region (assembly/explorer/store.ts): above the
 * 4 MiB memory base, the static data and the (unused) heap. The explorer host
 * (engine/explorer.ts) sizes the instance's memory as EXPLORER_BASE + budget.
 */
export const EXPLORER_BASE = 0x800000;
