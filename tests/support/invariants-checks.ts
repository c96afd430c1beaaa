// The state invariants the property tests check after every step of a
// generated scenario (scenario-arbitrary.ts). Each returns the violations it
// finds as plain sentences, so a failing property prints what broke where.
import type { GeneratedScenario } from "./scenario-arbitrary";
import type { ObjectView, Snapshot, ThreadView, TraceEvent } from "../../core-wasm/engine/types";

const APC_LEVEL = 1;

function isMutex(o: ObjectView): boolean {
  return o.type === "KGUARDED_MUTEX" || o.type === "FAST_MUTEX";
}

function live(t: ThreadView): boolean {
  return t.state === "Ready" || t.state === "Running" || t.state === "Standby";
}

/**
 * 1. Mutual exclusion: an object is in at most one thread's `owns`, and
 * ObjectView.owner names that thread. When every body is balanced, a thread
 * whose current line lies strictly inside a lock section (after the acquire,
 * before the release) owns the lock, so at most one thread is inside.
 */
export function ownershipViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  const out: string[] = [];
  const threadNames = new Set(snap.threads.map((t) => t.name));
  for (const o of snap.objects) {
    const listers = snap.threads.filter((t) => t.owns.includes(o.name));
    if (listers.length > 1) out.push(`${o.name} is in the owns of ${listers.map((t) => t.name).join(" and ")}`);
    if (listers.length === 1 && o.owner !== listers[0]?.name) {
      out.push(`${listers[0]?.name} lists ${o.name} but its owner is ${o.owner}`);
    }
    if (o.owner !== null && threadNames.has(o.owner) && listers.length === 0) {
      out.push(`${o.name}'s owner is ${o.owner}, whose owns does not list it`);
    }
  }
  if (!gen.balanced) return out;
  for (const o of snap.objects) {
    const inside = snap.threads.filter((t) =>
      gen.sections.some((s) => s.object === o.name && t.line > s.acquireLine && t.line < s.releaseLine),
    );
    if (inside.length > 1) out.push(`${inside.map((t) => t.name).join(" and ")} are all inside ${o.name}'s sections`);
    for (const t of inside) {
      if (o.owner !== t.name)
        out.push(`${t.name} is inside a section of ${o.name} (line ${t.line}) but the owner is ${o.owner}`);
    }
  }
  return out;
}

/** 2. A thread blocked on a guarded/fast mutex it owns must have re-acquired it (S3). */
export function selfWaitViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  const out: string[] = [];
  for (const t of snap.threads) {
    if (t.waitingOn === null || !t.owns.includes(t.waitingOn)) continue;
    const o = snap.objects.find((x) => x.name === t.waitingOn);
    if (o === undefined || !isMutex(o)) continue;
    if (!(gen.selfWaitAllowed[t.name] ?? []).includes(o.name)) {
      out.push(`${t.name} waits on ${o.name}, which it owns, without a second acquire of it in its program`);
    }
  }
  return out;
}

/**
 * 3. The Count word (docs/kernel-semantics.md §3.2–3.5, guarded mutex), when no body misuses a
 * mutex: the waiter field counts exactly the threads on the wait list (a
 * woken waiter is removed from the list and from the count at the same time,
 * by the CAS that sets WAITER_WOKEN); WOKEN is set only while a woken waiter
 * has not retried yet (it is Ready or Running on its acquire line); a free
 * lock with waiters has WOKEN set (the release that freed it woke one); the
 * lock bit is clear exactly while Owner is set.
 */
export function countWordViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  if (!gen.balanced) return [];
  const out: string[] = [];
  for (const o of snap.objects) {
    if (!isMutex(o) || o.count === null) continue;
    const c = o.count;
    if (c.waiters !== o.waiters.length) {
      out.push(
        `${o.name}: Count says ${c.waiters} waiters, the wait list holds ${o.waiters.length} (${o.waiters.join(", ")})`,
      );
    }
    if (c.raw !== (c.free ? 1 : 0) + (c.woken ? 2 : 0) + c.waiters * 4)
      out.push(`${o.name}: Count ${c.raw} decodes wrongly`);
    if (c.free && c.waiters > 0 && !c.woken) out.push(`${o.name} is free with ${c.waiters} waiters and nobody woken`);
    if (c.woken) {
      const lines = gen.acquireLines[o.name] ?? [];
      if (!snap.threads.some((t) => live(t) && lines.includes(t.line))) {
        out.push(`${o.name} has WAITER_WOKEN set but no Ready/Running thread is on one of its acquires`);
      }
    }
    if (c.free !== (o.owner === null)) out.push(`${o.name}: lock bit free=${c.free} but owner ${o.owner}`);
  }
  return out;
}

/** 4. A running thread holding a fast mutex it took with ExAcquireFastMutex is at APC_LEVEL or above [AFM]. */
export function fastMutexIrqlViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  if (gen.mutexMisuse) return [];
  const out: string[] = [];
  for (const t of snap.threads) {
    if (t.state !== "Running") continue;
    for (const name of t.owns) {
      if (!gen.fastMutexes.includes(name) || (gen.unsafeFast[t.name] ?? []).includes(name)) continue;
      if (t.irql < APC_LEVEL) out.push(`${t.name} runs at IRQL ${t.irql} while holding ${name}`);
    }
  }
  return out;
}

/**
 * 5. The scheduler's view is consistent: a CPU's running thread is Running on
 * that CPU and vice versa, a pinned thread runs only on its CPU, priorities
 * stay in base..31 (boosts raise, decay stops at base [BOOST]), a spinner does
 * not hold the lock it spins on, and a Ready or Waiting thread has no CPU.
 */
export function schedulerViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  const out: string[] = [];
  for (const c of snap.cpus) {
    if (c.thread === null) continue;
    const t = snap.threads.find((x) => x.name === c.thread);
    if (t === undefined || t.state !== "Running" || t.cpu !== c.index) {
      out.push(`CPU ${c.index} runs ${c.thread}, which is ${t?.state} on CPU ${t?.cpu}`);
    }
  }
  for (const t of snap.threads) {
    if (t.state === "Running") {
      if (t.cpu === null || snap.cpus[t.cpu]?.thread !== t.name)
        out.push(`${t.name} is Running but CPU ${t.cpu} does not run it`);
      const pinned = gen.affinity[t.name];
      if (pinned !== null && pinned !== undefined && t.cpu !== pinned)
        out.push(`${t.name} is pinned to CPU ${pinned} but runs on ${t.cpu}`);
    }
    if ((t.state === "Ready" || t.state === "Waiting") && t.cpu !== null)
      out.push(`${t.name} is ${t.state} with CPU ${t.cpu}`);
    if (t.priority < t.basePriority || t.priority > 31)
      out.push(`${t.name} has priority ${t.priority}, base ${t.basePriority}`);
    if (
      t.spinning &&
      t.waitingOn !== null &&
      t.owns.includes(t.waitingOn) &&
      !(gen.selfWaitAllowed[t.name] ?? []).includes(t.waitingOn)
    ) {
      out.push(`${t.name} spins on ${t.waitingOn}, which it holds, without a second acquire of it in its program`);
    }
  }
  return out;
}

/**
 * 6. Priority scheduling on one CPU (scenario-language.md, Schedulers):
 * between steps, no Ready thread has a higher priority than the thread running
 * below DISPATCH_LEVEL (with no DPC pending) — it would have preempted it at once.
 * Simplification: one CPU only; with several, each CPU's turn is its own step
 * within a tick, so a thread preempted on CPU 0 takes CPU 1 at CPU 1's turn
 * (before CPU 1 runs anything else) and looks Ready in between. Exception: a thread that calls Yield()
 * (ZwYieldExecution hands the CPU to any Ready thread, even a lower one, and
 * waits in the ready queue).
 */
export function preemptionViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  if (gen.scheduler !== "priority" || gen.cpus !== 1) return [];
  const out: string[] = [];
  for (const r of snap.threads) {
    if (r.state !== "Ready" || gen.yielders.includes(r.name)) continue;
    const pinned = gen.affinity[r.name] ?? null;
    for (const c of snap.cpus) {
      if (pinned !== null && c.index !== pinned) continue;
      // A DPC running or queued on the CPU runs before any thread does.
      if (c.thread === null || c.dpc !== null || c.queuedDpcs.length > 0 || c.irql >= 2) continue;
      const x = snap.threads.find((t) => t.name === c.thread);
      if (x !== undefined && x.irql < 2 && r.priority > x.priority) {
        out.push(
          `${r.name} (priority ${r.priority}) is Ready while ${x.name} (priority ${x.priority}) runs on CPU ${c.index}`,
        );
      }
    }
  }
  return out;
}

/** 8. A running special kernel APC body runs at APC_LEVEL or above [APCT] (unless its own body is unbalanced). */
export function apcIrqlViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  const out: string[] = [];
  for (const t of snap.threads) {
    if (t.state !== "Running" || t.runningApc === null || !gen.balancedSpecialApcs.includes(t.runningApc)) continue;
    if (t.irql < APC_LEVEL) out.push(`${t.name} runs special APC ${t.runningApc} at IRQL ${t.irql}`);
  }
  return out;
}

export function allViolations(gen: GeneratedScenario, snap: Snapshot): string[] {
  return [
    ...ownershipViolations(gen, snap),
    ...selfWaitViolations(gen, snap),
    ...countWordViolations(gen, snap),
    ...fastMutexIrqlViolations(gen, snap),
    ...schedulerViolations(gen, snap),
    ...preemptionViolations(gen, snap),
    ...apcIrqlViolations(gen, snap),
  ];
}

/**
 * 7. The end of a run and its trace agree with the final state: "completed"
 * means every thread ended; a deadlock lists threads that have not ended, at
 * least one of them waiting or spinning, and each cycle edge names the owner of the object waited for; a bug check is
 * reported with its code and four parameters; events come in step order, with
 * ticks that never go back, for steps that ran.
 */
export function endViolations(snap: Snapshot, events: readonly TraceEvent[]): string[] {
  const out: string[] = [];
  const byName = new Map(snap.threads.map((t) => [t.name, t]));
  if (snap.outcome === "completed" && snap.threads.some((t) => t.state !== "Terminated")) {
    out.push("completed with a thread that has not ended");
  }
  if ((snap.outcome === "deadlock") !== (snap.deadlock !== null))
    out.push(`outcome ${snap.outcome} with deadlock ${JSON.stringify(snap.deadlock)}`);
  if (snap.deadlock !== null) {
    // A Ready thread can be in it too: it never runs again when every CPU it may use spins at DISPATCH_LEVEL.
    const stuck = snap.deadlock.threads.map((name) => byName.get(name));
    if (!stuck.some((t) => t !== undefined && (t.state === "Waiting" || t.spinning))) {
      out.push(`a deadlock in which nobody waits or spins: ${snap.deadlock.threads.join(", ")}`);
    }
    for (const t of stuck)
      if (t === undefined || t.state === "Terminated")
        out.push(`a deadlock lists ${t?.name ?? "an unknown thread"}, which has ended`);
    for (const edge of snap.deadlock.cycle) {
      const o = snap.objects.find((x) => x.name === edge.waitsFor);
      if (o === undefined || o.owner !== edge.heldBy)
        out.push(`cycle edge ${edge.thread} → ${edge.waitsFor} held by ${edge.heldBy}, owner ${o?.owner}`);
    }
  }
  if ((snap.outcome === "bugcheck") !== (snap.bugcheck !== null))
    out.push(`outcome ${snap.outcome} with bugcheck ${JSON.stringify(snap.bugcheck)}`);
  if (snap.bugcheck !== null && (!/^0x[0-9A-F]+$/.test(snap.bugcheck.code) || snap.bugcheck.parameters.length !== 4)) {
    out.push(`malformed bug check ${JSON.stringify(snap.bugcheck)}`);
  }
  for (const a of snap.apcs) {
    const ordered =
      (a.deliveredAt === null || (a.queuedAt !== null && a.queuedAt <= a.deliveredAt)) &&
      (a.completedAt === null || (a.deliveredAt !== null && a.deliveredAt <= a.completedAt));
    if (!ordered)
      out.push(`APC ${a.name} queued ${a.queuedAt}, delivered ${a.deliveredAt}, completed ${a.completedAt}`);
  }
  let step = 0;
  let tick = 0;
  for (const e of events) {
    if (e.step < step || e.step > snap.step || e.step < 1)
      out.push(`event step ${e.step} after step ${step} (${snap.step} steps ran): ${e.text}`);
    if (e.tick < tick) out.push(`event tick ${e.tick} after tick ${tick}: ${e.text}`);
    step = e.step;
    tick = e.tick;
  }
  if (tick > snap.tick) out.push(`an event at tick ${tick} after the final tick ${snap.tick}`);
  return out;
}
