// What differs between the two sides of a comparison after a step: a pure
// function of two snapshots. Threads and objects are matched by name, CPUs by
// number; one present on one side only is a difference of its own. Each
// difference has a key, which both columns use to mark the cell, and a short
// sentence for the list ("Owner of Lock: T1 vs T2").
import type { CountWord, ObjectView, Snapshot, ThreadView } from "../../core-wasm/engine/types";
import { irqlName } from "../lib/irql";

export type Side = "left" | "right";

export interface Difference {
  /** What is marked on both sides: `outcome`, `thread:T1`, `thread:T1:irql`, `object:Lock:owner`, `cpu:0:irql`, … */
  readonly key: string;
  /** The value on each side in words; null when the thread, object or CPU exists on that side only. */
  readonly left: string | null;
  readonly right: string | null;
  /** One line for the list of differences. */
  readonly text: string;
}

export interface SnapshotDiff {
  readonly differences: readonly Difference[];
  /** Every difference's key plus the key of its thread, object or CPU, so a row can be marked as a whole. */
  readonly keys: ReadonlySet<string>;
}

/** Keys of the fields the diff compares; the view marks a cell by asking for its key. */
export const diffKey = {
  outcome: "outcome",
  thread: (name: string, field?: ThreadField) => (field ? `thread:${name}:${field}` : `thread:${name}`),
  object: (name: string, field?: ObjectField) => (field ? `object:${name}:${field}` : `object:${name}`),
  cpu: (index: number, field?: CpuField) => (field ? `cpu:${index}:${field}` : `cpu:${index}`),
};

export type ThreadField = "state" | "priority" | "irql" | "special-apc" | "kernel-apc" | "apcs" | "waits";
export type ObjectField = "type" | "owner" | "count" | "waiters" | "signaled" | "contention";
export type CpuField = "irql" | "runs";

export const NO_DIFFERENCES: SnapshotDiff = { differences: [], keys: new Set() };

function outcomeText(s: Snapshot): string {
  switch (s.outcome) {
    case "running":
      return "still running";
    case "bugcheck":
      return s.bugcheck ? `bug check ${s.bugcheck.code}` : "bug check";
    case "step-limit":
      return "step limit reached";
    default:
      return s.outcome;
  }
}

function threadState(t: ThreadView): string {
  return t.spinning ? "Spinning" : t.state;
}

function apcDisable(v: number): string {
  return v > 0 ? `+${v}` : String(v);
}

function list(items: readonly string[]): string {
  return items.length > 0 ? items.join(", ") : "none";
}

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase()}`;
}

/** The Count word as the objects panel reads it: raw value, then LOCK / WOKEN / waiters decoded. */
export function countText(count: CountWord | null): string {
  if (!count) return "none";
  return `${hex(count.raw)} (${count.free ? "free" : "owned"}${count.woken ? ", woken" : ""}, ${count.waiters} waiter${count.waiters === 1 ? "" : "s"})`;
}

function waitsText(t: ThreadView): string {
  if (t.waitingOn) return t.spinning ? `spins on ${t.waitingOn}` : t.waitingOn;
  return t.state === "Waiting" ? "sleeping (Delay)" : "nothing";
}

/** Compares the two snapshots; either one missing (a side still loading) gives no differences. */
export function diffSnapshots(left: Snapshot | null, right: Snapshot | null): SnapshotDiff {
  if (!left || !right) return NO_DIFFERENCES;
  const differences: Difference[] = [];
  const keys = new Set<string>();
  const add = (key: string, owner: string, l: string | null, r: string | null, text: string) => {
    differences.push({ key, left: l, right: r, text });
    keys.add(key);
    keys.add(owner);
  };
  const field = (key: string, owner: string, label: string, l: string, r: string) => {
    if (l !== r) add(key, owner, l, r, `${label}: ${l} vs ${r}`);
  };
  const onlyOn = (key: string, what: string, side: Side) =>
    add(
      key,
      key,
      side === "left" ? "present" : null,
      side === "right" ? "present" : null,
      `${what}: only on the ${side}`,
    );

  const lo = outcomeText(left);
  const ro = outcomeText(right);
  if (lo !== ro) add(diffKey.outcome, diffKey.outcome, lo, ro, `Outcome: ${lo} vs ${ro}`);

  const rightThreads = new Map(right.threads.map((t) => [t.name, t]));
  for (const lt of left.threads) {
    const rt = rightThreads.get(lt.name);
    const owner = diffKey.thread(lt.name);
    if (!rt) {
      onlyOn(owner, `Thread ${lt.name}`, "left");
      continue;
    }
    const n = lt.name;
    field(diffKey.thread(n, "state"), owner, `State of ${n}`, threadState(lt), threadState(rt));
    field(diffKey.thread(n, "priority"), owner, `Priority of ${n}`, String(lt.priority), String(rt.priority));
    field(diffKey.thread(n, "irql"), owner, `IRQL of ${n}`, irqlName(lt.irql), irqlName(rt.irql));
    field(
      diffKey.thread(n, "special-apc"),
      owner,
      `SpecialApcDisable of ${n}`,
      apcDisable(lt.specialApcDisable),
      apcDisable(rt.specialApcDisable),
    );
    field(
      diffKey.thread(n, "kernel-apc"),
      owner,
      `KernelApcDisable of ${n}`,
      apcDisable(lt.kernelApcDisable),
      apcDisable(rt.kernelApcDisable),
    );
    field(diffKey.thread(n, "apcs"), owner, `APCs queued to ${n}`, list(lt.queuedApcs), list(rt.queuedApcs));
    field(diffKey.thread(n, "waits"), owner, `${n} waits on`, waitsText(lt), waitsText(rt));
  }
  const leftThreads = new Set(left.threads.map((t) => t.name));
  for (const rt of right.threads)
    if (!leftThreads.has(rt.name)) onlyOn(diffKey.thread(rt.name), `Thread ${rt.name}`, "right");

  const rightObjects = new Map(right.objects.map((o) => [o.name, o]));
  for (const lob of left.objects) {
    const rob = rightObjects.get(lob.name);
    const owner = diffKey.object(lob.name);
    if (!rob) {
      onlyOn(owner, `Object ${lob.name}`, "left");
      continue;
    }
    compareObjects(lob, rob, owner, field);
  }
  const leftObjects = new Set(left.objects.map((o) => o.name));
  for (const rob of right.objects)
    if (!leftObjects.has(rob.name)) onlyOn(diffKey.object(rob.name), `Object ${rob.name}`, "right");

  const cpus = Math.max(left.cpus.length, right.cpus.length);
  for (let i = 0; i < cpus; i++) {
    const lc = left.cpus[i];
    const rc = right.cpus[i];
    const owner = diffKey.cpu(i);
    if (!lc || !rc) {
      onlyOn(owner, `CPU ${i}`, lc ? "left" : "right");
      continue;
    }
    field(diffKey.cpu(i, "irql"), owner, `IRQL of CPU ${i}`, irqlName(lc.irql), irqlName(rc.irql));
    const runs = (c: typeof lc) => (c.dpc ? `DPC ${c.dpc}` : (c.thread ?? "idle"));
    field(diffKey.cpu(i, "runs"), owner, `CPU ${i} runs`, runs(lc), runs(rc));
  }
  return { differences, keys };
}

function compareObjects(
  l: ObjectView,
  r: ObjectView,
  owner: string,
  field: (key: string, owner: string, label: string, l: string, r: string) => void,
): void {
  const n = l.name;
  field(diffKey.object(n, "type"), owner, `Type of ${n}`, l.type, r.type);
  if (l.type !== "KEVENT" || r.type !== "KEVENT")
    field(diffKey.object(n, "owner"), owner, `Owner of ${n}`, l.owner ?? "none", r.owner ?? "none");
  if (l.count || r.count)
    field(diffKey.object(n, "count"), owner, `Count word of ${n}`, countText(l.count), countText(r.count));
  field(diffKey.object(n, "waiters"), owner, `Waiters on ${n}`, list(l.waiters), list(r.waiters));
  if (l.signaled !== null || r.signaled !== null) {
    const signaled = (o: ObjectView) => (o.signaled === null ? "n/a" : o.signaled ? "signaled" : "not signaled");
    if (l.type === "KEVENT" || r.type === "KEVENT")
      field(diffKey.object(n, "signaled"), owner, `${n}`, signaled(l), signaled(r));
  }
  if (l.count || r.count)
    field(diffKey.object(n, "contention"), owner, `Contention of ${n}`, String(l.contention), String(r.contention));
}
