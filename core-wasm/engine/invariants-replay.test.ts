// Properties of whole runs of generated scenarios (scenario-arbitrary.ts):
// balanced bodies that complete leave every counter and lock as they found
// them; a run is a function of source and settings (also under the seeded
// random scheduler); goTo(N) restores exactly the state seen at step N and
// going forward again replays the same run; a recorded schedule replayed as a
// forced schedule reproduces the events.
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { balancedScenarioArbitrary, scenarioArbitrary, scenarios } from "../../tests/support/scenario-arbitrary";
import { simulate } from "../../tests/support/simulation";
import type { Simulator } from "./types";

const MAX_STEPS = 400;
/** RUNS=n (and SEED=s) widen a local bug hunt; the committed numbers keep the file under 30 s on a loaded machine. */
const RUNS = process.env.RUNS === undefined ? null : Number(process.env.RUNS);
const TIMEOUT = 120_000;

const json = (x: unknown): string => JSON.stringify(x);

function runToEnd(sim: Simulator): void {
  const reason = sim.run(MAX_STEPS + 10);
  if (reason === "budget" || reason === "choice-needed") throw new Error(`run stopped with ${reason}`);
}

describe("balanced bodies that complete leave no trace", () => {
  test(
    "APC-disable counters 0, every mutex free with Count = 1, no owner, no waiter, every spin lock free",
    async () => {
      let completed = 0;
      await fc.assert(
        fc.asyncProperty(balancedScenarioArbitrary, async (gen) => {
          const sim = await simulate(gen.source, { maxSteps: MAX_STEPS, recordTrace: false });
          runToEnd(sim);
          const snap = sim.snapshot();
          sim.dispose();
          if (snap.outcome !== "completed") return;
          completed++;
          for (const t of snap.threads) {
            expect(t.state, gen.source).toBe("Terminated");
            expect([t.name, t.kernelApcDisable, t.specialApcDisable], gen.source).toEqual([t.name, 0, 0]);
            expect(t.owns, gen.source).toEqual([]);
          }
          // "completed" means every thread ended; a DPC may still be in its body
          // (scenario-language.md), holding a spin lock it will release.
          const runningDpcs = snap.cpus.map((c) => c.dpc).filter((d) => d !== null);
          for (const o of snap.objects) {
            if (o.type === "KEVENT") continue;
            if (o.type === "KSPIN_LOCK" && o.owner !== null && runningDpcs.includes(o.owner)) continue;
            expect([o.name, o.owner, o.waiters], gen.source).toEqual([o.name, null, []]);
            if (o.count !== null) expect([o.name, o.count.raw], gen.source).toEqual([o.name, 1]);
          }
        }),
        { numRuns: RUNS ?? 250, seed: Number(process.env.SEED ?? 5150) },
      );
      expect(completed).toBeGreaterThan(100);
    },
    TIMEOUT,
  );
});

describe("determinism", () => {
  test(
    "same source and settings twice, or after reset(): identical events and final snapshot (seeded random scheduler included)",
    async () => {
      let random = 0;
      await fc.assert(
        fc.asyncProperty(scenarioArbitrary, async (gen) => {
          const a = await simulate(gen.source, { maxSteps: MAX_STEPS });
          const b = await simulate(gen.source, { maxSteps: MAX_STEPS });
          runToEnd(a);
          // The second one in small, uneven slices: where the host stops must not matter.
          for (let i = 1; b.snapshot().outcome === "running"; i++) b.run(1 + (i % 7));
          expect(json(b.events()), gen.source).toBe(json(a.events()));
          expect(json(b.snapshot()), gen.source).toBe(json(a.snapshot()));
          expect(b.schedule(), gen.source).toEqual(a.schedule());
          // reset() is step 0 again: the same run, recorded afresh.
          b.reset();
          expect(b.stepCount).toBe(0);
          runToEnd(b);
          expect(json(b.events()), gen.source).toBe(json(a.events()));
          expect(json(b.snapshot()), gen.source).toBe(json(a.snapshot()));
          if (gen.scheduler === "random") random++;
          a.dispose();
          b.dispose();
        }),
        { numRuns: RUNS ?? 120, seed: Number(process.env.SEED ?? 6060) },
      );
      expect(random).toBeGreaterThan(30);
    },
    TIMEOUT,
  );
});

describe("timeline", () => {
  test(
    "goTo(N) equals the snapshot first seen at step N; forward again gives the same events and final snapshot",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          scenarioArbitrary,
          fc.double({ min: 0, max: 1, noNaN: true }),
          fc.double({ min: 0, max: 1, noNaN: true }),
          async (gen, p, q) => {
            const sim = await simulate(gen.source, { maxSteps: MAX_STEPS });
            // The snapshot first seen after each step; the last step's is the final
            // state (the priority scheduler may find a deadlock in a call that runs
            // no step, and going to the last step shows where the run ended).
            const seen: string[] = [json(sim.snapshot())];
            while (sim.snapshot().outcome === "running") {
              sim.step();
              const snap = sim.snapshot();
              seen[snap.step] ??= json(snap);
            }
            const last = sim.stepCount;
            seen[last] = json(sim.snapshot());
            const events = json(sim.events());
            const n = Math.floor(p * last);
            sim.goTo(n);
            expect(sim.stepCount, gen.source).toBe(n);
            expect(sim.snapshot().step, gen.source).toBe(n);
            expect(json(sim.snapshot()), `goTo(${n})\n${gen.source}`).toBe(seen[n]);
            // Backward again from there to an earlier point, then forward to a later one.
            const m = Math.floor(q * n);
            sim.goTo(m);
            expect(json(sim.snapshot()), `goTo(${m})\n${gen.source}`).toBe(seen[m]);
            sim.goTo(last);
            expect(json(sim.snapshot()), gen.source).toBe(seen[last]);
            expect(json(sim.events()), gen.source).toBe(events);
            // And forward by stepping from N, as a user would.
            sim.goTo(n);
            while (sim.snapshot().outcome === "running") sim.step();
            expect(json(sim.snapshot()), gen.source).toBe(seen[last]);
            expect(json(sim.events()), gen.source).toBe(events);
            sim.dispose();
          },
        ),
        { numRuns: RUNS ?? 80, seed: Number(process.env.SEED ?? 7070) },
      );
    },
    TIMEOUT,
  );
});

describe("timeline over long runs (several timeline snapshots, SNAPSHOT_INTERVAL = 2048 steps)", () => {
  test(
    "goTo to points recorded on the way, in any order, then to the end: same snapshots, events and final state",
    async () => {
      let long = 0;
      await fc.assert(
        fc.asyncProperty(
          scenarios({ outerRepeat: 80 }),
          fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 2, maxLength: 5 }),
          async (gen, fractions) => {
            const maxSteps = 7000;
            const sim = await simulate(gen.source, { maxSteps });
            sim.run(maxSteps + 10);
            const last = sim.stepCount;
            const events = json(sim.events());
            const final = json(sim.snapshot());
            if (last > 2048) long++;
            // Record the snapshots at the chosen points on a fresh forward pass.
            const points = fractions.map((f) => Math.floor(f * last));
            const fresh = await simulate(gen.source, { maxSteps });
            const seen = new Map<number, string>();
            for (const n of [...points].sort((x, y) => x - y)) {
              fresh.run(n - fresh.stepCount);
              seen.set(n, json(fresh.snapshot()));
            }
            fresh.dispose();
            for (const n of points) {
              sim.goTo(n);
              expect(json(sim.snapshot()), `goTo(${n}) of ${last}\n${gen.source}`).toBe(seen.get(n));
            }
            sim.goTo(last);
            expect(json(sim.snapshot()), gen.source).toBe(final);
            expect(json(sim.events()), gen.source).toBe(events);
            sim.dispose();
          },
        ),
        { numRuns: RUNS ?? 25, seed: Number(process.env.SEED ?? 9090) },
      );
      expect(long).toBeGreaterThan(3);
    },
    TIMEOUT,
  );
});

describe("replay", () => {
  // Simplification of the contract, found by this property: a forced step follows
  // the manual/random rules (scenario-language.md, Schedulers: priorities and
  // quantum ignored, one tick per step), so only a run made under those rules
  // replays exactly; a priority run's schedule() generally does not (quantum
  // ends, boost decay and preemption inside a release are not re-created).
  test(
    "a random-scheduler run's schedule() fed back as SimulationSettings.schedule reproduces the events and the final snapshot",
    async () => {
      await fc.assert(
        fc.asyncProperty(scenarios({ scheduler: "random" }), async (gen) => {
          const a = await simulate(gen.source, { maxSteps: MAX_STEPS });
          runToEnd(a);
          const schedule = a.schedule();
          expect(schedule.length, gen.source).toBe(a.stepCount);
          const events = json(a.events());
          const final = json(a.snapshot());
          // The same source (random scheduler) and the manual scheduler: forced choices are the same choices.
          for (const source of [gen.source, gen.source.replace("#scheduler random", "#scheduler manual")]) {
            const b = await simulate(source, { maxSteps: MAX_STEPS, schedule });
            runToEnd(b);
            expect(b.schedule(), source).toEqual(schedule);
            expect(json(b.events()), source).toBe(events);
            expect(json(b.snapshot()), source).toBe(final);
            b.dispose();
          }
          a.dispose();
        }),
        { numRuns: RUNS ?? 100, seed: Number(process.env.SEED ?? 8080) },
      );
    },
    TIMEOUT,
  );
});

describe("manual choices", () => {
  test(
    "every label choices() offers can be chosen, no choice is a thread blocked() names, and the run still ends",
    async () => {
      await fc.assert(
        fc.asyncProperty(
          scenarios({ scheduler: "random" }),
          fc.array(fc.nat(), { minLength: 1, maxLength: 50 }),
          async (gen, picks) => {
            const source = gen.source.replace("#scheduler random", "#scheduler manual");
            const sim = await simulate(source, { maxSteps: MAX_STEPS });
            for (let i = 0; sim.snapshot().outcome === "running"; i++) {
              const choices = sim.choices();
              expect(choices.length, `step ${sim.stepCount}\n${source}`).toBeGreaterThan(0);
              const blocked = new Set(sim.blocked().map((b) => b.thread));
              for (const c of choices)
                expect(blocked.has(c.thread), `${c.label} is also blocked\n${source}`).toBe(false);
              expect(new Set(choices.map((c) => c.label)).size, source).toBe(choices.length);
              const pick = choices[(picks[i % picks.length] ?? 0) % choices.length];
              if (pick === undefined) throw new Error("no choice");
              const before = sim.stepCount;
              sim.choose(pick.label);
              expect(sim.stepCount, source).toBe(before + 1);
              expect(sim.schedule().at(-1), source).toBe(pick.label);
              if (i > MAX_STEPS + 1) throw new Error(`no outcome after ${i} choices\n${source}`);
            }
            sim.dispose();
          },
        ),
        { numRuns: RUNS ?? 80, seed: Number(process.env.SEED ?? 9191) },
      );
    },
    TIMEOUT,
  );
});
