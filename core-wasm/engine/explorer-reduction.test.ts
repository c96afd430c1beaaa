// Property: the reduced search (canonical states + sleep sets + persistent
// sets) reaches the same verdict as the plain search over full states, on
// generated small scenarios; without persistent sets its counterexample is
// exactly as short as the plain search's: 2–3 threads on one CPU,
// 1–3 guarded or fast mutexes and events, short bodies that may misuse them
// (unpaired releases, waits nobody satisfies, lock-order cycles, unbalanced
// critical regions, timed waits, delays).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compileScenario } from "../lang/index";
import { exploreProgram } from "./explorer";

interface Shape {
  readonly objects: readonly ("mutex" | "fast" | "sync" | "notification" | "signaled")[];
  readonly threads: readonly {
    readonly priority: number;
    readonly start: number;
    readonly body: readonly number[][];
  }[];
  readonly windows: 2003 | 8;
  readonly verifier: "off" | "on";
}

const STATEMENT_KINDS = 9;

function statement(shape: Shape, kind: number, pick: number): string {
  const mutexes = shape.objects.flatMap((o, i) => (o === "mutex" || o === "fast" ? [i] : []));
  const events = shape.objects.flatMap((o, i) => (o === "mutex" || o === "fast" ? [] : [`O${i}`]));
  const mi = mutexes.length > 0 ? mutexes[pick % mutexes.length] : undefined;
  const m = mi === undefined ? undefined : `O${mi}`;
  const fast = mi !== undefined && shape.objects[mi] === "fast";
  const e = events.length > 0 ? events[pick % events.length] : undefined;
  switch (kind) {
    case 0:
    case 1:
      return m ? (fast ? `ExAcquireFastMutex(&${m});` : `KeAcquireGuardedMutex(&${m});`) : "Work(1);";
    case 2:
      return m ? (fast ? `ExReleaseFastMutex(&${m});` : `KeReleaseGuardedMutex(&${m});`) : "Work(1);";
    case 7:
      return pick % 2 === 0 ? "KeEnterCriticalRegion();" : "KeLeaveCriticalRegion();";
    case 8:
      // A timed wait: its timer makes the step depend on when it runs.
      return e ? `KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, 2);` : "Work(1);";
    case 3:
      return e ? `KeSetEvent(&${e}, 0, FALSE);` : "Work(1);";
    case 4:
      return e ? `KeWaitForSingleObject(&${e}, Executive, KernelMode, FALSE, NULL);` : "Yield();";
    case 5:
      return e
        ? `KeResetEvent(&${e});`
        : m
          ? fast
            ? `if (ExTryToAcquireFastMutex(&${m})) { ExReleaseFastMutex(&${m}); }`
            : `if (KeTryToAcquireGuardedMutex(&${m})) { KeReleaseGuardedMutex(&${m}); }`
          : "Work(1);";
    default:
      return pick % 3 === 0 ? "Delay(1);" : "Work(1);";
  }
}

function source(shape: Shape): string {
  const lines = ["#cpus 1", `#windows ${shape.windows}`, `#verifier ${shape.verifier}`];
  shape.objects.forEach((o, i) => {
    if (o === "mutex") lines.push(`KGUARDED_MUTEX O${i};`);
    else if (o === "fast") lines.push(`FAST_MUTEX O${i};`);
    else if (o === "sync") lines.push(`KEVENT O${i} = { SynchronizationEvent, FALSE };`);
    else if (o === "notification") lines.push(`KEVENT O${i} = { NotificationEvent, FALSE };`);
    else lines.push(`KEVENT O${i} = { SynchronizationEvent, TRUE };`);
  });
  shape.threads.forEach((t, i) => {
    lines.push(`thread T${i} (priority = ${t.priority}, start = ${t.start}) {`);
    for (const [kind = 0, pick = 0] of t.body) lines.push(`    ${statement(shape, kind, pick)}`);
    lines.push("}");
  });
  return lines.join("\n");
}

const shapes: fc.Arbitrary<Shape> = fc.record({
  objects: fc.array(fc.constantFrom("mutex", "mutex", "fast", "sync", "notification", "signaled"), {
    minLength: 1,
    maxLength: 3,
  }),
  threads: fc.array(
    fc.record({
      priority: fc.integer({ min: 4, max: 12 }),
      start: fc.integer({ min: 0, max: 2 }),
      body: fc.array(fc.tuple(fc.integer({ min: 0, max: STATEMENT_KINDS - 1 }), fc.nat(5)), {
        minLength: 1,
        maxLength: 5,
      }),
    }),
    { minLength: 2, maxLength: 3 },
  ),
  windows: fc.constantFrom(2003 as const, 8 as const),
  verifier: fc.constantFrom("off" as const, "on" as const),
});

const OPTIONS = { memoryMiB: 8, maxSteps: 100, maxStates: 300_000, maxSeconds: 10 };

describe("reduced search agrees with the plain search", () => {
  it("same verdict and same shortest counterexample length on generated scenarios", async () => {
    let compared = 0;
    let errors = 0;
    await fc.assert(
      fc.asyncProperty(shapes, async (shape) => {
        const text = source(shape);
        const { program } = compileScenario(text, { fileName: "generated.ksync" });
        if (program === null) throw new Error(`generated scenario does not compile:\n${text}`);
        const plain = await exploreProgram(program, { ...OPTIONS, reduction: false });
        const sleeping = await exploreProgram(program, { ...OPTIONS, persistentSets: false });
        const reduced = await exploreProgram(program, OPTIONS);
        if ([plain, sleeping, reduced].some((r) => r.outcome === "limit-reached")) return;
        compared++;
        expect(reduced.reduction.applied, text).toBe(true);
        expect(sleeping.outcome, text).toBe(plain.outcome);
        expect(reduced.outcome, text).toBe(plain.outcome);
        // Canonical states and sleep sets keep every state's shortest depth; persistent sets
        // postpone steps, which can lengthen a bug check's schedule (never a deadlock's).
        const shortest = plain.counterexample?.schedule.length;
        expect(sleeping.counterexample?.schedule.length, text).toBe(shortest);
        if (shortest !== undefined)
          expect(reduced.counterexample?.schedule.length ?? 0, text).toBeGreaterThanOrEqual(shortest);
        if (plain.counterexample?.outcome === "deadlock" && reduced.counterexample?.outcome === "deadlock") {
          expect(reduced.counterexample.schedule.length, text).toBe(shortest);
        }
        expect(sleeping.states, text).toBeLessThanOrEqual(plain.states);
        if (plain.counterexample) errors++;
      }),
      { numRuns: 200, seed: 20261128 },
    );
    // The generator must exercise both verdicts.
    expect(compared).toBeGreaterThan(150);
    expect(errors).toBeGreaterThan(10);
    expect(compared - errors).toBeGreaterThan(10);
  }, 60_000);
});
