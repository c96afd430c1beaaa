// reproducingSchedule(): what a share link or an exported trace must carry so
// that the same program reproduces a run exactly. A priority-scheduled run is
// deterministic, so only its forced steps need to travel; its full schedule()
// would replay under the choice rules, which skip quantum and preemption rules.
import { describe, expect, test } from "vitest";
import { S9, compile } from "../../tests/support/simulation";
import { createSimulator } from "./simulator";

// S1: H preempts L inside L's release, a priority-only effect.
const S1 = `${S9}
KGUARDED_MUTEX M;
thread L (priority = 8) { KeAcquireGuardedMutex(&M); Work(4); KeReleaseGuardedMutex(&M); Work(2); }
thread H (priority = 10, start = 1) { KeAcquireGuardedMutex(&M); Work(1); KeReleaseGuardedMutex(&M); }
`;

describe("reproducingSchedule", () => {
  test("an unforced priority run needs no forced step: the same program reproduces every step", async () => {
    const program = compile(S1);
    const original = await createSimulator(program);
    expect(original.run(1000)).toBe("completed");
    expect(original.reproducingSchedule()).toEqual([]);
    const again = await createSimulator(program, { schedule: original.reproducingSchedule() });
    for (let step = 1; step <= original.stepCount; step++) {
      original.goTo(step);
      again.goTo(step);
      expect(again.snapshot()).toEqual(original.snapshot());
    }
  });

  test("a forced prefix under the priority scheduler is carried, the scheduler's own steps are not", async () => {
    const program = compile(S1);
    const forced = await createSimulator(program, { schedule: ["L", "L"] });
    expect(forced.run(1000)).toBe("completed");
    expect(forced.reproducingSchedule()).toEqual(["L", "L"]);
    const again = await createSimulator(program, { schedule: forced.reproducingSchedule() });
    expect(again.run(1000)).toBe("completed");
    expect(again.events()).toEqual(forced.events());
  });

  test("under the random scheduler it is the whole schedule, and replays the same events", async () => {
    const program = compile(S1.replace("#scheduler priority", "#scheduler random\n#seed 7"));
    const original = await createSimulator(program);
    expect(original.run(1000)).toBe("completed");
    const schedule = original.reproducingSchedule();
    expect(schedule).toEqual(original.schedule());
    const manual = compile(S1.replace("#scheduler priority", "#scheduler manual"));
    const again = await createSimulator(manual, { schedule });
    again.run(1000);
    expect(again.events().map((e) => [e.step, e.thread, e.op, e.result])).toEqual(
      original.events().map((e) => [e.step, e.thread, e.op, e.result]),
    );
  });
});
