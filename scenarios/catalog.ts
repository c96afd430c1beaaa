// The built-in scenario library: the .ksync files in this folder, in the order
// the UI lists them, each with its topic and the teaching scenario of
// docs/kernel-semantics.md §9 it implements. Shared by the Node entry (node.ts,
// reads the files) and the browser entry (index.ts, Vite bundles them). How
// each run must end lives beside its file, in <name>.expect.ts, which only
// tests load (expectations.ts, library-expectations.ts).

/** Headings under which the UI can group the library. */
export const TOPICS = [
  "Guarded mutexes",
  "APCs and regions",
  "IRQL, fast mutexes and spin locks",
  "Events and waits",
  "Scheduling and priorities",
  "Misuse caught at thread exit",
] as const;
export type Topic = (typeof TOPICS)[number];

export interface ScenarioMeta {
  /** File name without .ksync (kebab-case); `ksync run <name>` finds it. */
  readonly name: string;
  readonly topic: Topic;
  /** The teaching scenario of docs/kernel-semantics.md §9 it implements, if any ("S1".."S21"). */
  readonly spec: string | null;
}

/** A scenario of the library with its text. */
export interface LibraryScenario extends ScenarioMeta {
  readonly title: string;
  readonly description: string;
  readonly source: string;
}

/** The library, in the order the UI lists it (simple first, then misuse). */
export const CATALOG: readonly ScenarioMeta[] = [
  { name: "simple-contention", topic: "Guarded mutexes", spec: "S1" },
  { name: "abba-deadlock", topic: "Guarded mutexes", spec: "S2" },
  { name: "abba-deadlock-verifier", topic: "Guarded mutexes", spec: "S2" },
  { name: "recursive-acquire", topic: "Guarded mutexes", spec: "S3" },
  { name: "try-acquire-fails", topic: "Guarded mutexes", spec: "S4" },
  { name: "apc-guarded-region", topic: "APCs and regions", spec: "S5" },
  { name: "apc-release-preempted", topic: "APCs and regions", spec: "S5" },
  { name: "critical-region-apcs", topic: "APCs and regions", spec: "S6" },
  { name: "guarded-region-apcs", topic: "APCs and regions", spec: "S6" },
  { name: "fast-mutex-irql", topic: "IRQL, fast mutexes and spin locks", spec: "S7" },
  { name: "guarded-mutex-under-spinlock", topic: "IRQL, fast mutexes and spin locks", spec: "S8" },
  { name: "wait-at-dispatch", topic: "IRQL, fast mutexes and spin locks", spec: "S9" },
  { name: "wait-at-dispatch-free-build", topic: "IRQL, fast mutexes and spin locks", spec: "S9" },
  { name: "wait-in-dpc", topic: "IRQL, fast mutexes and spin locks", spec: "S9" },
  { name: "release-by-non-owner", topic: "Misuse caught at thread exit", spec: "S10" },
  { name: "release-free-mutex", topic: "Misuse caught at thread exit", spec: "S11" },
  { name: "convoy-woken-waiter", topic: "Guarded mutexes", spec: "S12" },
  { name: "barging-two-cpus", topic: "Guarded mutexes", spec: "S13" },
  { name: "priority-inversion", topic: "Scheduling and priorities", spec: "S14" },
  { name: "priority-inversion-autoboost", topic: "Scheduling and priorities", spec: "S14" },
  { name: "event-handoff", topic: "Events and waits", spec: "S15" },
  { name: "notification-broadcast", topic: "Events and waits", spec: "S16" },
  { name: "set-event-wait-true", topic: "Events and waits", spec: "S17" },
  { name: "exit-holding-guarded-mutex", topic: "Misuse caught at thread exit", spec: "S18" },
  { name: "exit-holding-fast-mutex", topic: "Misuse caught at thread exit", spec: "S18" },
  { name: "unsafe-apc-reentry", topic: "APCs and regions", spec: "S19" },
  { name: "fast-mutex-out-of-order", topic: "IRQL, fast mutexes and spin locks", spec: "S20" },
  { name: "unbalanced-leave", topic: "APCs and regions", spec: "S21" },
  { name: "lock-convoy-two-cpus", topic: "Guarded mutexes", spec: null },
  { name: "dpc-vs-thread-spinlock", topic: "IRQL, fast mutexes and spin locks", spec: null },
  { name: "producer-consumer-events", topic: "Events and waits", spec: null },
  { name: "spinlock-recursive", topic: "IRQL, fast mutexes and spin locks", spec: null },
  { name: "syscall-critical-region-leak", topic: "APCs and regions", spec: null },
  { name: "irql-raise-lower", topic: "IRQL, fast mutexes and spin locks", spec: null },
  { name: "event-wait-timeout", topic: "Events and waits", spec: null },
  { name: "user-apc-alertable-wait", topic: "APCs and regions", spec: null },
];

/** `#title "..."` / `#description "..."` as written in a scenario's directives (the compiler has the final word). */
export function readDirective(source: string, directive: "title" | "description"): string | null {
  const match = new RegExp(`^[ \\t]*#${directive}[ \\t]+"([^"\\n]*)"`, "m").exec(source);
  return match?.[1] ?? null;
}

/** Joins the catalog with the files' text; a missing file is an error in the library itself. */
export function assembleLibrary(readSource: (name: string) => string | undefined): readonly LibraryScenario[] {
  return CATALOG.map((meta) => {
    const source = readSource(meta.name);
    if (source === undefined) throw new Error(`scenario library: ${meta.name}.ksync is missing`);
    return Object.freeze({
      ...meta,
      title: readDirective(source, "title") ?? meta.name,
      description: readDirective(source, "description") ?? "",
      source,
    });
  });
}
