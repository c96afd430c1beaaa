// The built-in challenges: scenarios with a #goal, played under the manual
// scheduler (the student picks who runs each step). Ordered from easy to hard.
// `shortest` is the fewest steps that reach the goal, as the explorer's goal
// search finds it; challenges.test.ts checks every figure. The app loads this
// module as a chunk of its own: keep test-only data out of it.
import { readDirective, type Topic } from "../catalog";

export const DIFFICULTIES = ["easy", "medium", "hard"] as const;
export type Difficulty = (typeof DIFFICULTIES)[number];

export interface ChallengeMeta {
  /** File name in this folder without .ksync; also the id in links and saved progress. */
  readonly id: string;
  readonly difficulty: Difficulty;
  readonly topic: Topic;
  /** Fewest steps from tick 0 to a state where the goal holds. */
  readonly shortest: number;
}

export interface Challenge extends ChallengeMeta {
  readonly title: string;
  /** The scenario's #description: the goal in plain words. */
  readonly summary: string;
  readonly source: string;
}

/** The catalog, easy to hard. */
export const CHALLENGE_CATALOG: readonly ChallengeMeta[] = [
  { id: "wait-your-turn", difficulty: "easy", topic: "Guarded mutexes", shortest: 4 },
  { id: "deadly-embrace", difficulty: "easy", topic: "Guarded mutexes", shortest: 4 },
  { id: "too-late-to-try", difficulty: "easy", topic: "Guarded mutexes", shortest: 4 },
  { id: "lost-wakeup", difficulty: "easy", topic: "Events and waits", shortest: 6 },
  { id: "one-at-a-time", difficulty: "medium", topic: "Events and waits", shortest: 5 },
  { id: "both-inside", difficulty: "medium", topic: "Guarded mutexes", shortest: 3 },
  { id: "not-yours", difficulty: "medium", topic: "Guarded mutexes", shortest: 4 },
  { id: "spinning", difficulty: "medium", topic: "IRQL, fast mutexes and spin locks", shortest: 6 },
  { id: "priority-inversion", difficulty: "medium", topic: "Scheduling and priorities", shortest: 8 },
  { id: "critical-not-guarded", difficulty: "hard", topic: "APCs and regions", shortest: 6 },
  { id: "apc-reentry", difficulty: "hard", topic: "IRQL, fast mutexes and spin locks", shortest: 5 },
  { id: "forgotten-region", difficulty: "hard", topic: "Misuse caught at thread exit", shortest: 6 },
  { id: "dpc-spins-forever", difficulty: "hard", topic: "IRQL, fast mutexes and spin locks", shortest: 5 },
];

function sourceReader(): (id: string) => string | undefined {
  // import.meta.env exists only where Vite transformed this module (as in ../index.ts).
  if (import.meta.env !== undefined) {
    const files = import.meta.glob<string>("./*.ksync", { query: "?raw", import: "default", eager: true });
    return (id) => files[`./${id}.ksync`];
  }
  const fs = process.getBuiltinModule("node:fs");
  return (id) => {
    try {
      return fs.readFileSync(new URL(`./${id}.ksync`, import.meta.url), "utf8");
    } catch {
      return undefined;
    }
  };
}

function assemble(read: (id: string) => string | undefined): readonly Challenge[] {
  return CHALLENGE_CATALOG.map((meta) => {
    const source = read(meta.id);
    if (source === undefined) throw new Error(`challenges: ${meta.id}.ksync is missing`);
    return Object.freeze({
      ...meta,
      title: readDirective(source, "title") ?? meta.id,
      summary: readDirective(source, "description") ?? "",
      source,
    });
  });
}

/** Every built-in challenge, easy to hard. */
export const challenges: readonly Challenge[] = assemble(sourceReader());

export function findChallenge(id: string): Challenge | undefined {
  return challenges.find((c) => c.id === id);
}
