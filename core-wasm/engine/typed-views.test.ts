// The facade hands the UI typed facts from the engine's state and trace
// records, so the UI never re-derives them from display strings: a DPC's line
// and spin lock (DpcView), and each event's op and result as codes (TraceEvent).
import { describe, expect, test } from "vitest";
import { lineOf, runUntil, simulate } from "../../tests/support/simulation";
import { Op } from "../lang/program";
import { EngineEvent, Result } from "../shared/trace-codes";
import { opName } from "./decode-events";
import { RESULT_NAMES } from "./names";

const SHARED_LOCK = `#cpus 2
#verifier off
#windows 2003
#scheduler priority
KSPIN_LOCK S;
dpc D (cpu = 1) {
    KeAcquireSpinLockAtDpcLevel(&S);
    Work(2);
    KeReleaseSpinLockFromDpcLevel(&S);
}
thread T (affinity = 0) { KIRQL old; KeAcquireSpinLock(&S, &old); Work(3); KeReleaseSpinLock(&S, old); Work(6); }
at (1) KeInsertQueueDpc(&D);
`;

describe("DpcView", () => {
  test("a DPC spinning on a held lock, then holding it, then done: running, line and spinLock from the engine", async () => {
    const sim = await simulate(SHARED_LOCK);
    const dpc = () => sim.snapshot().dpcs[0]!;
    expect(dpc()).toMatchObject({ running: false, spinning: false, line: 0, spinLock: null });

    runUntil(sim, (s) => s.dpcs[0]!.spinning);
    expect(dpc()).toMatchObject({
      running: true,
      spinning: true,
      spinLock: "S",
      line: lineOf(SHARED_LOCK, "KeAcquireSpinLockAtDpcLevel"),
    });

    runUntil(sim, (s) => s.dpcs[0]!.running && !s.dpcs[0]!.spinning);
    // It got the lock: still running, holding S, at the statement after the acquire.
    expect(dpc()).toMatchObject({
      running: true,
      spinning: false,
      spinLock: "S",
      line: lineOf(SHARED_LOCK, "Work(2)"),
    });
    expect(sim.snapshot().objects[0]!.owner).toBe("D");

    expect(sim.run(1000)).toBe("completed");
    expect(dpc()).toMatchObject({ running: false, spinning: false, line: 0, spinLock: null });
  });
});

describe("TraceEvent codes", () => {
  test("every event's code and resultCode name the same op and result as its strings", async () => {
    const sim = await simulate(SHARED_LOCK);
    sim.run(1000);
    const events = sim.events();
    expect(events.length).toBeGreaterThan(10);
    for (const e of events) {
      expect([e.op, e.result]).toEqual([
        opName(e.code),
        e.resultCode === Result.Returned ? e.result : RESULT_NAMES[e.resultCode],
      ]);
    }
    const spin = events.find((e) => e.thread === "D" && e.resultCode === Result.Spinning);
    expect(spin).toMatchObject({ code: Op.AcquireSpinLockAtDpcLevel, op: "KeAcquireSpinLockAtDpcLevel", object: "S" });
    expect(events.some((e) => e.code === EngineEvent.DpcDelivered && e.op === "DpcDelivered")).toBe(true);
  });
});
