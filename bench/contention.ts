// The benchmark's workload as .ksync text: `threads` threads, each looping
// forever over acquire / work / release of one of `mutexes` guarded mutexes
// (thread i uses mutex i mod mutexes), so every mutex has a convoy of waiters
// and the engine exercises its slow path, gate wake-ups and the scheduler.
export interface ContentionShape {
  readonly threads: number;
  readonly mutexes: number;
  readonly cpus: number;
}

export function contentionScenario({ threads, mutexes, cpus }: ContentionShape): string {
  const lines = [
    `#title "Benchmark: ${threads} threads on ${mutexes} guarded mutexes, ${cpus} CPU${cpus > 1 ? "s" : ""}"`,
    `#cpus ${cpus}`,
    "#verifier off",
    "#windows 2003",
    "#scheduler priority",
    "",
    `KGUARDED_MUTEX ${Array.from({ length: mutexes }, (_, m) => `M${m}`).join(", ")};`,
    "",
  ];
  for (let t = 0; t < threads; t++) {
    const m = `M${t % mutexes}`;
    lines.push(
      `thread T${t} (priority = 8) {`,
      "    while (TRUE) {",
      `        KeAcquireGuardedMutex(&${m});`,
      "        Work(2);",
      `        KeReleaseGuardedMutex(&${m});`,
      "        Work(1);",
      "    }",
      "}",
      "",
    );
  }
  return lines.join("\n");
}
