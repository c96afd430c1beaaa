// A fast-check arbitrary producing valid .ksync scenarios for the engine's
// property tests (core-wasm/engine/invariants*.test.ts): 1–4 CPUs, 1–6 threads with
// priorities, start ticks and affinity, guarded and fast mutexes, spin locks,
// events, APCs of the three kinds and DPCs, priority or seeded random
// scheduling, verifier off or on.
//
// Bodies are built from a list of small integer "moves" by a builder that keeps
// a stack of open constructs (held mutexes, regions, raised IRQL, spin locks,
// repeat loops, try-acquire ifs) and closes them in LIFO order, so a balanced
// body is balanced by construction. A body marked unbalanced may also emit lone
// releases/leaves/lowers, leave constructs open and close them out of order —
// the misuse of docs/kernel-semantics.md §8 — and the scenario records which
// properties still apply (facts below), derived from what was emitted.
import fc from "fast-check";

export type Scheduler = "priority" | "random";

/** A lock section: from the acquire line to the release line of one construct in one body. */
export interface Section {
  readonly object: string;
  readonly acquireLine: number;
  readonly releaseLine: number;
}

/** What the generator knows about a scenario it produced. */
export interface GeneratedScenario {
  readonly source: string;
  readonly cpus: number;
  readonly scheduler: Scheduler;
  readonly seed: number;
  readonly threads: readonly string[];
  /** Threads that call Yield() (in their body or an APC targeting them): ZwYieldExecution may hand the CPU to a lower priority. */
  readonly yielders: readonly string[];
  /** Special kernel APCs whose bodies are balanced. */
  readonly balancedSpecialApcs: readonly string[];
  /** Per thread: the CPU its affinity pins it to, or null. */
  readonly affinity: Readonly<Record<string, number | null>>;
  readonly guardedMutexes: readonly string[];
  readonly fastMutexes: readonly string[];
  readonly spinLocks: readonly string[];
  /** Every body (threads, APCs, DPCs) is balanced: each acquire/enter/raise has its release/leave/lower, in LIFO order. */
  readonly balanced: boolean;
  /** Threads whose own body and whose APCs' bodies are balanced. */
  readonly cleanThreads: readonly string[];
  /**
   * Some unbalanced body releases a mutex it may not hold, acquires Unsafe
   * outside APC_LEVEL/a guarded region, leaves a region it did not enter,
   * lowers or raises IRQL without its pair, or closes constructs out of order.
   * Without it, an unbalanced body only leaves constructs open.
   */
  readonly mutexMisuse: boolean;
  /** Per thread: mutexes (and spin locks) the thread may legitimately wait (spin) on while owning them: an acquire emitted while it may already be held. */
  readonly selfWaitAllowed: Readonly<Record<string, readonly string[]>>;
  /** Per thread: fast mutexes it (or an APC targeting it) acquires with ExAcquireFastMutexUnsafe. */
  readonly unsafeFast: Readonly<Record<string, readonly string[]>>;
  /** Lock sections of balanced bodies (mutexes and spin locks), lines 1-based. */
  readonly sections: readonly Section[];
  /** Lines of the acquire statements (including try and Unsafe) of each guarded/fast mutex. */
  readonly acquireLines: Readonly<Record<string, readonly number[]>>;
}

// ---- the raw shape fast-check generates -------------------------------------------------------

/** One move of a body: what to do, which object/value to use, a small number. */
type Move = readonly [kind: number, pick: number, n: number];

interface ThreadShape {
  readonly priority: number;
  readonly start: number;
  readonly affinity: number | null;
  readonly syscall: boolean;
  readonly unbalanced: boolean;
  readonly moves: readonly Move[];
}

interface ApcShape {
  readonly kind: "special" | "normal" | "user";
  readonly target: number;
  readonly at: number | null;
  readonly unbalanced: boolean;
  readonly moves: readonly Move[];
}

interface DpcShape {
  readonly cpu: number;
  readonly at: number | null;
  readonly moves: readonly Move[];
}

interface Shape {
  readonly cpus: number;
  readonly scheduler: Scheduler;
  readonly seed: number;
  readonly verifier: "off" | "on" | "deadlock";
  readonly windows: 2003 | 8;
  readonly boosts: "on" | "off" | null;
  readonly autoboost: "on" | "off" | null;
  readonly quantum: number;
  readonly guarded: number;
  readonly fast: number;
  readonly spin: number;
  readonly events: readonly { readonly sync: boolean; readonly signaled: boolean }[];
  readonly threads: readonly ThreadShape[];
  readonly apcs: readonly ApcShape[];
  readonly dpcs: readonly DpcShape[];
}

const MOVE_KINDS = 22;

const moves = (max: number): fc.Arbitrary<Move[]> =>
  fc.array(fc.tuple(fc.nat(MOVE_KINDS - 1), fc.nat(11), fc.integer({ min: 1, max: 3 })), {
    minLength: 1,
    maxLength: max,
  });

const shapes: fc.Arbitrary<Shape> = fc.record({
  cpus: fc.integer({ min: 1, max: 4 }),
  scheduler: fc.constantFrom<Scheduler>("priority", "random"),
  seed: fc.integer({ min: 1, max: 100_000 }),
  verifier: fc.constantFrom<"off" | "on" | "deadlock">("off", "on", "off", "on", "deadlock"),
  windows: fc.constantFrom<2003 | 8>(2003, 8),
  boosts: fc.constantFrom<"on" | "off" | null>(null, null, "off"),
  autoboost: fc.constantFrom<"on" | "off" | null>(null, null, "on", "off"),
  quantum: fc.integer({ min: 1, max: 4 }),
  guarded: fc.integer({ min: 0, max: 2 }),
  fast: fc.integer({ min: 0, max: 2 }),
  spin: fc.integer({ min: 0, max: 2 }),
  events: fc.array(fc.record({ sync: fc.boolean(), signaled: fc.boolean() }), { maxLength: 2 }),
  threads: fc.array(
    fc.record({
      priority: fc.oneof(
        { weight: 6, arbitrary: fc.integer({ min: 6, max: 12 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1, max: 31 }) },
      ),
      start: fc.oneof(
        { weight: 3, arbitrary: fc.constant(0) },
        { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }) },
      ),
      affinity: fc.option(fc.nat(3), { freq: 3 }),
      syscall: fc.boolean(),
      unbalanced: fc.oneof({ weight: 3, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      moves: moves(10),
    }),
    { minLength: 1, maxLength: 6 },
  ),
  apcs: fc.array(
    fc.record({
      kind: fc.constantFrom<"special" | "normal" | "user">("special", "normal", "user"),
      target: fc.nat(5),
      at: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 2 }),
      unbalanced: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      moves: moves(4),
    }),
    { maxLength: 3 },
  ),
  dpcs: fc.array(
    fc.record({ cpu: fc.nat(3), at: fc.option(fc.integer({ min: 0, max: 8 }), { freq: 2 }), moves: moves(3) }),
    { maxLength: 2 },
  ),
});

// ---- the body builder -------------------------------------------------------------------------

type Level = 0 | 1 | 2; // PASSIVE, APC, DISPATCH as the builder knows it statically

interface Frame {
  readonly kind: "mutex" | "region" | "irql" | "spin" | "repeat" | "try";
  readonly object: string | null;
  /** Text that closes the frame in order (release, leave, lower, or a brace). */
  readonly close: string;
  /** Closing text that keeps the syntax but skips the release (unbalanced bodies only). */
  readonly drop: string | null;
  readonly level: Level;
  /** The frame disables special APCs (guarded region or guarded mutex). */
  readonly guarded: boolean;
  readonly acquireLine: number;
  readonly isFast: boolean;
}

interface Objects {
  readonly guarded: readonly string[];
  readonly fast: readonly string[];
  readonly spin: readonly string[];
  readonly events: readonly string[];
  readonly apcs: readonly string[];
  readonly dpcs: readonly string[];
}

/** Results of building one body, merged into the scenario facts. */
interface BodyFacts {
  readonly lines: string[];
  selfWait: Set<string>;
  unsafeFast: Set<string>;
  acquired: Set<string>;
  mutexMisuse: boolean;
  yields: boolean;
  sections: Section[];
  acquireLines: Map<string, number[]>;
}

type BodyKind = "thread" | "special" | "normal" | "user" | "dpc";

class BodyBuilder {
  private readonly stack: Frame[] = [];
  private readonly locals: string[] = [];
  private readonly out: string[] = [];
  readonly facts: BodyFacts;
  /** Mutexes acquired anywhere (each acquire inside a loop or after an unmatched one may be re-executed while held). */
  private readonly everAcquired = new Set<string>();

  constructor(
    private readonly objects: Objects,
    private readonly kind: BodyKind,
    private readonly unbalanced: boolean,
    /** Line number (1-based) of the first body line. */
    private readonly firstLine: number,
    /** The whole body is the body of an outer repeat loop. */
    private readonly looped = false,
  ) {
    this.facts = {
      lines: [],
      selfWait: new Set(),
      unsafeFast: new Set(),
      acquired: new Set(),
      mutexMisuse: false,
      yields: false,
      sections: [],
      acquireLines: new Map(),
    };
  }

  private get level(): Level {
    let l: Level = this.kind === "dpc" ? 2 : this.kind === "special" ? 1 : 0;
    for (const f of this.stack) if (f.level > l) l = f.level;
    return l;
  }

  private get specialApcsOff(): boolean {
    return this.kind === "special" || this.stack.some((f) => f.guarded);
  }

  private get nextLine(): number {
    // +1 for the KIRQL declaration line written before the statements.
    return this.firstLine + 1 + this.out.length;
  }

  private emit(text: string): number {
    const line = this.nextLine;
    this.out.push("    ".repeat(1 + this.stack.length) + text);
    return line;
  }

  private local(): string {
    const name = `o${this.locals.length}`;
    this.locals.push(name);
    return name;
  }

  private held(object: string): boolean {
    return this.stack.some((f) => f.object === object);
  }

  /**
   * Re-acquiring while it may be held: statically held now, or an earlier
   * unmatched acquire in an unbalanced body, or any acquire inside a loop
   * whose iteration may leave it held.
   */
  private noteReacquire(m: string): void {
    if (
      this.held(m) ||
      (this.unbalanced && (this.everAcquired.has(m) || this.looped || this.stack.some((f) => f.kind === "repeat")))
    ) {
      this.facts.selfWait.add(m);
    }
    this.everAcquired.add(m);
  }

  private noteAcquire(m: string, line: number): void {
    this.noteReacquire(m);
    this.facts.acquired.add(m);
    const lines = this.facts.acquireLines.get(m) ?? [];
    lines.push(line);
    this.facts.acquireLines.set(m, lines);
  }

  private push(frame: Omit<Frame, "level" | "guarded" | "isFast"> & Partial<Frame>): void {
    this.stack.push({ level: 0, guarded: false, isFast: false, ...frame });
  }

  private pick<T>(list: readonly T[], n: number): T | undefined {
    return list.length === 0 ? undefined : list[n % list.length];
  }

  private work(n: number): void {
    this.emit(`Work(${n});`);
  }

  /** Closes the top frame; `dropIt` leaves a lock/region/IRQL frame open (unbalanced bodies). */
  private close(dropIt: boolean): void {
    const f = this.stack.pop();
    if (f === undefined) return;
    const drop = dropIt && this.unbalanced && f.drop !== null;
    // A fast mutex left held under an enclosing one that is released later is
    // uncovered by that release's KeLowerIrql(OldIrql) (S20).
    if (drop && f.isFast) this.facts.mutexMisuse = true;
    const text = drop ? f.drop : f.close;
    if (text === null || text === "") return;
    // Indentation after the pop: the closing text belongs to the enclosing level.
    const line = this.nextLine;
    this.out.push("    ".repeat(1 + this.stack.length) + text);
    if (
      !drop &&
      f.object !== null &&
      (f.kind === "mutex" || f.kind === "spin" || f.kind === "try") &&
      !this.unbalanced
    ) {
      this.facts.sections.push({ object: f.object, acquireLine: f.acquireLine, releaseLine: line });
    }
  }

  /** Closes a frame that is not on top (unbalanced bodies: out-of-order release). */
  private closeOutOfOrder(n: number): void {
    const candidates = this.stack
      .map((f, i) => [f, i] as const)
      .filter(([f]) => f.kind !== "repeat" && f.kind !== "try");
    const chosen = this.pick(candidates, n);
    if (chosen === undefined) return;
    const [f, i] = chosen;
    this.stack.splice(i, 1);
    if (f.close !== "") this.emit(f.close);
    // Out of order: a fast mutex restores an OldIrql that is not the caller's
    // (S20), a lowered IRQL uncovers a fast mutex taken after the raise.
    this.facts.mutexMisuse = true;
  }

  private acquireMutex(m: string, fast: boolean, n: number): void {
    const safeContext = this.level >= 1 || this.specialApcsOff;
    const wantUnsafe = n === 3;
    if (this.level >= 2 && !this.unbalanced) {
      this.work(1);
      return;
    }
    if (wantUnsafe && !safeContext) {
      if (this.unbalanced) {
        this.facts.mutexMisuse = true;
      } else {
        // Unsafe variants need APC_LEVEL or a guarded region [AGMU] [AFMU]: enter one first.
        this.emit("KeEnterGuardedRegion();");
        this.push({
          kind: "region",
          object: null,
          close: "KeLeaveGuardedRegion();",
          drop: "",
          acquireLine: 0,
          guarded: true,
        });
      }
    }
    const unsafe = wantUnsafe ? "Unsafe" : "";
    const routine = fast ? `ExAcquireFastMutex${unsafe}` : `KeAcquireGuardedMutex${unsafe}`;
    const release = fast ? `ExReleaseFastMutex${unsafe}` : `KeReleaseGuardedMutex${unsafe}`;
    const line = this.emit(`${routine}(&${m});`);
    this.noteAcquire(m, line);
    if (fast && wantUnsafe) this.facts.unsafeFast.add(m);
    this.push({
      kind: "mutex",
      object: m,
      close: `${release}(&${m});`,
      drop: "",
      acquireLine: line,
      level: fast && !wantUnsafe ? 1 : 0,
      guarded: !fast && !wantUnsafe,
      isFast: fast,
    });
  }

  private tryMutex(m: string, fast: boolean): void {
    if (this.level >= 2 && !this.unbalanced) {
      this.work(1);
      return;
    }
    const routine = fast ? "ExTryToAcquireFastMutex" : "KeTryToAcquireGuardedMutex";
    const line = this.emit(`if (${routine}(&${m})) {`);
    this.noteAcquire(m, line);
    this.push({
      kind: "try",
      object: m,
      close: `} else { Work(1); }`,
      drop: `} else { Work(1); }`,
      acquireLine: line,
      level: fast ? 1 : 0,
      guarded: !fast,
      isFast: fast,
    });
    // The release is the last statement of the then-branch: written by closeTop.
  }

  private closeTop(dropIt: boolean): void {
    const f = this.stack[this.stack.length - 1];
    if (f?.kind === "try" && f.object !== null) {
      const release = f.isFast ? "ExReleaseFastMutex" : "KeReleaseGuardedMutex";
      const releaseLine = this.unbalanced && dropIt ? null : this.emit(`${release}(&${f.object});`);
      if (releaseLine === null && f.isFast) this.facts.mutexMisuse = true;
      this.stack.pop();
      this.out.push("    ".repeat(1 + this.stack.length) + f.close);
      if (releaseLine !== null && !this.unbalanced) {
        this.facts.sections.push({ object: f.object, acquireLine: f.acquireLine, releaseLine });
      }
      return;
    }
    this.close(dropIt);
  }

  private spin(s: string): void {
    if (this.held(s)) {
      this.work(1); // a recursive spin-lock acquire spins forever; not generated
      return;
    }
    this.noteReacquire(s); // but an unbalanced loop may still leave it held
    this.facts.acquired.add(s);
    if (this.level >= 2) {
      const line = this.emit(`KeAcquireSpinLockAtDpcLevel(&${s});`);
      this.push({
        kind: "spin",
        object: s,
        close: `KeReleaseSpinLockFromDpcLevel(&${s});`,
        drop: "",
        acquireLine: line,
        level: 2,
      });
      return;
    }
    const o = this.local();
    const line = this.emit(`KeAcquireSpinLock(&${s}, &${o});`);
    this.push({
      kind: "spin",
      object: s,
      close: `KeReleaseSpinLock(&${s}, ${o});`,
      drop: "",
      acquireLine: line,
      level: 2,
    });
  }

  private raise(n: number): void {
    const o = this.local();
    if (n === 1) this.emit(`${o} = KeRaiseIrqlToDpcLevel();`);
    else this.emit(`KeRaiseIrql(DISPATCH_LEVEL, &${o});`);
    this.push({ kind: "irql", object: null, close: `KeLowerIrql(${o});`, drop: "", acquireLine: 0, level: 2 });
  }

  private wait(e: string, n: number, pick: number): void {
    if (this.level >= 2) {
      this.emit(`KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, 0);`); // a poll is legal at DISPATCH
      return;
    }
    if (pick % 4 === 0) this.emit(`KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, NULL);`);
    else if (pick % 4 === 1) this.emit(`KeWaitForSingleObject(&${e}, Executive, UserMode, TRUE, ${n + 1});`);
    else if (pick % 4 === 2) this.emit(`KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, 0);`);
    else this.emit(`KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, ${n});`);
  }

  /** An unbalanced move: misuse of §8 (lone release, lone leave, lowering, leaving a frame open). */
  private misuse(pick: number, n: number): void {
    const o = this.objects;
    const which = pick % 6;
    if (which === 0 || which === 1) {
      const fast = which === 1;
      const m = this.pick(fast ? o.fast : o.guarded, n);
      if (m === undefined) return this.work(1);
      const unsafe = n === 3 ? "Unsafe" : "";
      this.emit(fast ? `ExReleaseFastMutex${unsafe}(&${m});` : `KeReleaseGuardedMutex${unsafe}(&${m});`);
      this.facts.mutexMisuse = true;
      return;
    }
    if (which === 2) {
      this.emit(n % 2 === 0 ? "KeLeaveGuardedRegion();" : "KeLeaveCriticalRegion();");
      this.facts.mutexMisuse = true;
      return;
    }
    if (which === 3) {
      this.emit(n === 1 ? "KeLowerIrql(PASSIVE_LEVEL);" : "KeLowerIrql(APC_LEVEL);");
      this.facts.mutexMisuse = true;
      return;
    }
    if (which === 4) {
      const local = this.local();
      this.emit(`KeRaiseIrql(APC_LEVEL, &${local});`);
      this.facts.mutexMisuse = true;
      return;
    }
    this.closeOutOfOrder(n);
  }

  move([kind, pick, n]: Move): void {
    const o = this.objects;
    const dpc = this.kind === "dpc";
    const atDispatch = this.level >= 2 && !this.unbalanced;
    switch (kind) {
      case 0:
      case 1: {
        const m = this.pick(o.guarded, pick);
        if (m === undefined || dpc) return this.work(n);
        return this.acquireMutex(m, false, n);
      }
      case 2:
      case 3: {
        const m = this.pick(o.fast, pick);
        if (m === undefined || dpc) return this.work(n);
        return this.acquireMutex(m, true, n);
      }
      case 4: {
        const m = this.pick(o.guarded, pick);
        if (m === undefined || dpc) return this.work(1);
        return this.tryMutex(m, false);
      }
      case 5: {
        const m = this.pick(o.fast, pick);
        if (m === undefined || dpc) return this.work(1);
        return this.tryMutex(m, true);
      }
      case 6: {
        if (dpc || atDispatch) return this.work(1);
        const guarded = pick % 2 === 0;
        this.emit(guarded ? "KeEnterGuardedRegion();" : "KeEnterCriticalRegion();");
        this.push({
          kind: "region",
          object: null,
          close: guarded ? "KeLeaveGuardedRegion();" : "KeLeaveCriticalRegion();",
          drop: "",
          acquireLine: 0,
          guarded,
        });
        return;
      }
      case 7:
        if (dpc) return this.work(1);
        return this.raise(pick % 2);
      case 8: {
        const s = this.pick(o.spin, pick);
        if (s === undefined) return this.work(n);
        return this.spin(s);
      }
      case 9:
      case 10:
        return this.work(n);
      case 11:
        if (dpc || atDispatch) return this.work(1);
        return void this.emit(`Delay(${n});`);
      case 12:
        if (dpc || atDispatch) return this.work(1);
        this.facts.yields = true;
        return void this.emit("Yield();");
      case 13: {
        const e = this.pick(o.events, pick);
        if (e === undefined) return this.work(1);
        if (pick % 5 === 4 && this.level < 2 && !dpc) {
          // Wait = TRUE: the next statement must be the wait [SETEV] (S17).
          this.emit(`KeSetEvent(&${e}, ${n % 2}, TRUE);`);
          const other = this.pick(o.events, pick + 1) ?? e;
          return void this.emit(`KeWaitForSingleObject(&${other}, Executive, KernelMode, FALSE, ${n});`);
        }
        return void this.emit(`KeSetEvent(&${e}, ${n % 2}, FALSE);`);
      }
      case 14: {
        const e = this.pick(o.events, pick);
        if (e === undefined || dpc) return this.work(1);
        return this.wait(e, n, pick);
      }
      case 15: {
        const e = this.pick(o.events, pick);
        if (e === undefined) return this.work(1);
        return void this.emit(pick % 2 === 0 ? `KeResetEvent(&${e});` : `KeClearEvent(&${e});`);
      }
      case 16: {
        const a = this.pick(o.apcs, pick);
        if (a === undefined) return this.work(1);
        return void this.emit(`KeInsertQueueApc(&${a});`);
      }
      case 17: {
        const d = this.pick(o.dpcs, pick);
        if (d === undefined) return this.work(1);
        return void this.emit(`KeInsertQueueDpc(&${d});`);
      }
      case 18:
        this.emit(`repeat (${n}) {`);
        this.push({ kind: "repeat", object: null, close: "}", drop: "}", acquireLine: 0 });
        this.work(1); // every iteration takes a step (the compiler rejects empty loops)
        return;
      case 19:
      case 20:
        if (this.stack.length === 0) return this.work(1);
        return this.closeTop(pick % 3 === 0);
      default:
        if (!this.unbalanced) return this.work(1);
        return this.misuse(pick, n);
    }
  }

  /** Closes everything still open and returns the body's lines (with the KIRQL declaration first). */
  finish(dropPicks: readonly Move[]): string[] {
    let i = 0;
    while (this.stack.length > 0) {
      const m = dropPicks[i++ % Math.max(1, dropPicks.length)];
      this.closeTop(this.unbalanced && m !== undefined && m[1] % 4 === 0);
    }
    if (this.out.length === 0) this.work(1);
    const declaration = this.locals.length > 0 ? `    KIRQL ${this.locals.join(", ")};` : "    // no KIRQL locals";
    return [declaration, ...this.out];
  }
}

// ---- assembling the scenario ------------------------------------------------------------------

function build(shape: Shape, outerRepeat = 0): GeneratedScenario {
  const guarded = Array.from({ length: shape.guarded }, (_, i) => `GM${i}`);
  const fast = Array.from({ length: shape.fast }, (_, i) => `FM${i}`);
  const spin = Array.from({ length: shape.spin }, (_, i) => `SL${i}`);
  const events = shape.events.map((_, i) => `EV${i}`);
  const threadNames = shape.threads.map((_, i) => `T${i}`);
  const apcNames = shape.apcs.map((_, i) => `A${i}`);
  const dpcNames = shape.dpcs.map((_, i) => `D${i}`);
  const objects: Objects = { guarded, fast, spin, events, apcs: apcNames, dpcs: dpcNames };

  const lines: string[] = [
    `#cpus ${shape.cpus}`,
    `#scheduler ${shape.scheduler}`,
    `#seed ${shape.seed}`,
    `#verifier ${shape.verifier}`,
    `#windows ${shape.windows}`,
    ...(shape.boosts === null ? [] : [`#boosts ${shape.boosts}`]),
    ...(shape.autoboost === null ? [] : [`#autoboost ${shape.autoboost}`]),
    `#quantum ${shape.quantum}`,
  ];
  if (guarded.length > 0) lines.push(`KGUARDED_MUTEX ${guarded.join(", ")};`);
  if (fast.length > 0) lines.push(`FAST_MUTEX ${fast.join(", ")};`);
  if (spin.length > 0) lines.push(`KSPIN_LOCK ${spin.join(", ")};`);
  shape.events.forEach((e, i) => {
    lines.push(
      `KEVENT EV${i} = { ${e.sync ? "SynchronizationEvent" : "NotificationEvent"}, ${e.signaled ? "TRUE" : "FALSE"} };`,
    );
  });

  let balanced = true;
  let mutexMisuse = false;
  const sections: Section[] = [];
  const acquireLines = new Map<string, number[]>();
  const selfWait = new Map<string, Set<string>>(threadNames.map((t) => [t, new Set<string>()]));
  const unsafeFast = new Map<string, Set<string>>(threadNames.map((t) => [t, new Set<string>()]));
  const dirty = new Set<string>();
  const yielders = new Set<string>();

  const body = (kind: BodyKind, unbalanced: boolean, moveList: readonly Move[], looped = false): BodyBuilder => {
    const b = new BodyBuilder(objects, kind, unbalanced, lines.length + 1, looped);
    for (const m of moveList) b.move(m);
    const bodyLines = b.finish(moveList);
    lines.push(...bodyLines);
    if (unbalanced) balanced = false;
    if (b.facts.mutexMisuse) mutexMisuse = true;
    sections.push(...b.facts.sections);
    for (const [m, ls] of b.facts.acquireLines) acquireLines.set(m, [...(acquireLines.get(m) ?? []), ...ls]);
    return b;
  };

  shape.apcs.forEach((a, i) => {
    const target = threadNames[a.target % threadNames.length] ?? "T0";
    lines.push(`apc A${i} (${a.kind}, target = ${target}) {`);
    const b = body(a.kind, a.unbalanced, a.moves);
    lines.push("}");
    if (a.unbalanced) dirty.add(target);
    if (b.facts.yields) yielders.add(target);
    // An APC runs in its target's context: whatever it acquires, the target may
    // already own (APCs run inside Unsafe sections and after unbalanced leaves).
    for (const m of b.facts.acquired) selfWait.get(target)?.add(m);
    for (const m of b.facts.unsafeFast) unsafeFast.get(target)?.add(m);
  });
  shape.dpcs.forEach((d, i) => {
    lines.push(`dpc D${i} (cpu = ${d.cpu % shape.cpus}) {`);
    body("dpc", false, d.moves);
    lines.push("}");
  });
  shape.threads.forEach((t, i) => {
    const attributes = [`priority = ${t.priority}`, `start = ${t.start}`];
    if (t.affinity !== null) attributes.push(`affinity = ${t.affinity % shape.cpus}`);
    if (t.syscall) attributes.push("syscall");
    lines.push(`thread T${i} (${attributes.join(", ")}) {`);
    if (outerRepeat > 0) lines.push(`  repeat (${outerRepeat}) {`);
    const b = body("thread", t.unbalanced, t.moves, outerRepeat > 0);
    if (outerRepeat > 0) lines.push("  }");
    lines.push("}");
    if (t.unbalanced) dirty.add(`T${i}`);
    if (b.facts.yields) yielders.add(`T${i}`);
    for (const m of b.facts.selfWait) selfWait.get(`T${i}`)?.add(m);
    for (const m of b.facts.unsafeFast) unsafeFast.get(`T${i}`)?.add(m);
  });
  shape.apcs.forEach((a, i) => {
    if (a.at !== null) lines.push(`at (${a.at}) KeInsertQueueApc(&A${i});`);
  });
  shape.dpcs.forEach((d, i) => {
    if (d.at !== null) lines.push(`at (${d.at}) KeInsertQueueDpc(&D${i});`);
  });

  return {
    source: lines.join("\n") + "\n",
    cpus: shape.cpus,
    scheduler: shape.scheduler,
    seed: shape.seed,
    threads: threadNames,
    yielders: [...yielders],
    balancedSpecialApcs: shape.apcs.flatMap((a, i) => (a.kind === "special" && !a.unbalanced ? [`A${i}`] : [])),
    affinity: Object.fromEntries(
      shape.threads.map((t, i) => [`T${i}`, t.affinity === null ? null : t.affinity % shape.cpus]),
    ),
    guardedMutexes: guarded,
    fastMutexes: fast,
    spinLocks: spin,
    balanced,
    cleanThreads: threadNames.filter((t) => !dirty.has(t)),
    mutexMisuse,
    selfWaitAllowed: Object.fromEntries([...selfWait].map(([t, s]) => [t, [...s]])),
    unsafeFast: Object.fromEntries([...unsafeFast].map(([t, s]) => [t, [...s]])),
    sections,
    acquireLines: Object.fromEntries(acquireLines),
  };
}

export interface ScenarioConstraints {
  /** Every body balanced (no unbalanced thread or APC). */
  readonly balanced?: boolean;
  /** One scheduler for all scenarios instead of either. */
  readonly scheduler?: Scheduler;
  /** Wraps every thread body in repeat (n) { … } for long runs. */
  readonly outerRepeat?: number;
}

/** Valid .ksync scenarios with the facts the invariant tests need, optionally constrained. */
export function scenarios(constraints: ScenarioConstraints = {}): fc.Arbitrary<GeneratedScenario> {
  return shapes
    .map((s) => ({
      ...s,
      scheduler: constraints.scheduler ?? s.scheduler,
      threads: constraints.balanced === true ? s.threads.map((t) => ({ ...t, unbalanced: false })) : s.threads,
      apcs: constraints.balanced === true ? s.apcs.map((a) => ({ ...a, unbalanced: false })) : s.apcs,
    }))
    .map((s) => build(s, constraints.outerRepeat ?? 0));
}

/** Any scenario, balanced or not, either scheduler. */
export const scenarioArbitrary: fc.Arbitrary<GeneratedScenario> = scenarios();

/** Only scenarios whose every body is balanced. */
export const balancedScenarioArbitrary: fc.Arbitrary<GeneratedScenario> = scenarios({ balanced: true });
