import { describe, expect, it } from "vitest";
import type { BugCheck } from "../../core-wasm/engine/types";
import { guardedMutex, snapshot, thread } from "../test/fixtures";
import { countText, diffKey, diffSnapshots } from "./snapshot-diff";

const texts = (d: ReturnType<typeof diffSnapshots>) => d.differences.map((x) => x.text);

describe("diffSnapshots", () => {
  it("finds nothing between equal snapshots, and nothing while a side has no snapshot", () => {
    const s = snapshot(3, { threads: [thread("T1", 0)], objects: [guardedMutex("M", 0)] });
    expect(diffSnapshots(s, snapshot(3, { threads: [thread("T1", 0)], objects: [guardedMutex("M", 0)] }))).toEqual({
      differences: [],
      keys: new Set(),
    });
    expect(diffSnapshots(s, null).differences).toEqual([]);
    expect(diffSnapshots(null, s).differences).toEqual([]);
  });

  it("names the owner, the Count word and the waiters of a mutex matched by name", () => {
    const left = snapshot(2, {
      objects: [
        guardedMutex("Lock", 0, {
          owner: "T1",
          waiters: ["T2"],
          contention: 1,
          count: { free: false, woken: false, waiters: 1, raw: 4 },
        }),
      ],
    });
    const right = snapshot(2, { objects: [guardedMutex("Lock", 0, { owner: "T2" })] });
    const diff = diffSnapshots(left, right);
    expect(texts(diff)).toEqual([
      "Owner of Lock: T1 vs T2",
      "Count word of Lock: 0x4 (owned, 1 waiter) vs 0x1 (free, 0 waiters)",
      "Waiters on Lock: T2 vs none",
      "Contention of Lock: 1 vs 0",
    ]);
    expect(diff.keys.has(diffKey.object("Lock", "owner"))).toBe(true);
    expect(diff.keys.has(diffKey.object("Lock"))).toBe(true);
    expect(diff.keys.has(diffKey.object("Lock", "type"))).toBe(false);
    expect(diff.differences[0]).toMatchObject({ key: "object:Lock:owner", left: "T1", right: "T2" });
  });

  it("compares each thread's state, priority, IRQL, APC disable counts, APC queue and wait", () => {
    const left = snapshot(4, {
      threads: [
        thread("T", 0, {
          state: "Running",
          irql: 0,
          specialApcDisable: -1,
          queuedApcs: ["Audit"],
          priority: 12,
        }),
      ],
    });
    const right = snapshot(4, {
      threads: [thread("T", 0, { state: "Waiting", irql: 1, waitingOn: "F", kernelApcDisable: -1 })],
    });
    expect(texts(diffSnapshots(left, right))).toEqual([
      "State of T: Running vs Waiting",
      "Priority of T: 12 vs 8",
      "IRQL of T: PASSIVE_LEVEL vs APC_LEVEL",
      "SpecialApcDisable of T: -1 vs 0",
      "KernelApcDisable of T: 0 vs -1",
      "APCs queued to T: Audit vs none",
      "T waits on: nothing vs F",
    ]);
  });

  it("tells a spinning thread from a running one, and a sleeping one from a waiter", () => {
    const left = snapshot(1, { threads: [thread("A", 0, { state: "Running", spinning: true, waitingOn: "S" })] });
    const right = snapshot(1, { threads: [thread("A", 0, { state: "Waiting" })] });
    expect(texts(diffSnapshots(left, right))).toEqual([
      "State of A: Spinning vs Waiting",
      "A waits on: spins on S vs sleeping (Delay)",
    ]);
  });

  it("reports threads, objects and CPUs present on one side only", () => {
    const cpu = (index: number) => ({ index, thread: null, irql: 0, dpc: null, queuedDpcs: [] });
    const left = snapshot(0, { threads: [thread("T1", 0)], objects: [guardedMutex("A", 0)], cpus: [cpu(0), cpu(1)] });
    const right = snapshot(0, { threads: [thread("T2", 0)], objects: [guardedMutex("B", 0)], cpus: [cpu(0)] });
    const diff = diffSnapshots(left, right);
    expect(texts(diff)).toEqual([
      "Thread T1: only on the left",
      "Thread T2: only on the right",
      "Object A: only on the left",
      "Object B: only on the right",
      "CPU 1: only on the left",
    ]);
    expect(diff.differences[1]).toMatchObject({ key: "thread:T2", left: null, right: "present" });
  });

  it("compares the outcome with the bug check code, and each CPU's IRQL and what it runs", () => {
    const bugcheck: BugCheck = {
      code: "0xC4",
      name: "DRIVER_VERIFIER_DETECTED_VIOLATION",
      rule: null,
      parameters: ["0x1001", "0x0", "0x0", "0x0"],
      thread: "T2",
      line: 3,
      tick: 5,
      explanation: "",
    };
    const left = snapshot(9, {
      outcome: "bugcheck",
      bugcheck,
      cpus: [{ index: 0, thread: "T2", irql: 2, dpc: null, queuedDpcs: [] }],
    });
    const right = snapshot(9, { outcome: "deadlock" });
    const diff = diffSnapshots(left, right);
    expect(texts(diff)).toEqual([
      "Outcome: bug check 0xC4 vs deadlock",
      "IRQL of CPU 0: DISPATCH_LEVEL vs PASSIVE_LEVEL",
      "CPU 0 runs: T2 vs idle",
    ]);
    expect(diff.keys.has(diffKey.outcome)).toBe(true);
    expect(diff.keys.has(diffKey.cpu(0, "irql"))).toBe(true);
  });

  it("compares a guarded mutex with a fast mutex of the same name, and an event's state", () => {
    const event = (signaled: boolean) => ({
      ...guardedMutex("E", 1),
      type: "KEVENT" as const,
      count: null,
      signaled,
      eventType: "NotificationEvent" as const,
    });
    const left = snapshot(0, { objects: [guardedMutex("Lock", 0), event(true)] });
    const right = snapshot(0, {
      objects: [{ ...guardedMutex("Lock", 0), type: "FAST_MUTEX" as const, oldIrql: 0 }, event(false)],
    });
    expect(texts(diffSnapshots(left, right))).toEqual([
      "Type of Lock: KGUARDED_MUTEX vs FAST_MUTEX",
      "E: signaled vs not signaled",
    ]);
  });
});

describe("countText", () => {
  it("decodes LOCK, WOKEN and the waiter count", () => {
    expect(countText({ free: true, woken: true, waiters: 2, raw: 11 })).toBe("0xB (free, woken, 2 waiters)");
    expect(countText(null)).toBe("none");
  });
});
