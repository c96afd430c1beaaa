// Scenario family of the explorer benchmark (and of its scaling tests): N
// threads on one CPU and a ring of N guarded mutexes; thread i takes mutex i,
// then mutex i+1 mod N, and releases both. In "ring" order the last thread
// closes the cycle, so some schedule deadlocks; in "global" order every thread
// takes the lower-numbered mutex first, so none can.
export type RingOrder = "ring" | "global";

export function ringScenario(threads: number, order: RingOrder): string {
  const n = Math.max(2, Math.floor(threads));
  const mutexes = Array.from({ length: n }, (_, i) => `M${i}`);
  const lines = [
    `#title "${n} threads, ring of ${n} guarded mutexes (${order} order)"`,
    "#cpus 1",
    "#verifier off",
    "#windows 2003",
    "",
    `KGUARDED_MUTEX ${mutexes.join(", ")};`,
    "",
  ];
  for (let i = 0; i < n; i++) {
    let first = i;
    let second = (i + 1) % n;
    if (order === "global" && second < first) [first, second] = [second, first];
    lines.push(
      `thread T${i} {`,
      `    KeAcquireGuardedMutex(&M${first});`,
      `    KeAcquireGuardedMutex(&M${second});`,
      `    KeReleaseGuardedMutex(&M${second});`,
      `    KeReleaseGuardedMutex(&M${first});`,
      "}",
      "",
    );
  }
  return lines.join("\n");
}
