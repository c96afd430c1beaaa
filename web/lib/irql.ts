// IRQL names as a Windows driver developer reads them (x64 values,
// kernel-semantics.md §1).
const NAMED: Record<number, string> = {
  0: "PASSIVE_LEVEL",
  1: "APC_LEVEL",
  2: "DISPATCH_LEVEL",
  13: "CLOCK_LEVEL",
  14: "IPI_LEVEL",
  15: "HIGH_LEVEL",
};

export const HIGH_LEVEL = 15;

/** "PASSIVE_LEVEL", "DIRQL(5)", ... */
export function irqlName(irql: number): string {
  return NAMED[irql] ?? (irql >= 3 && irql <= 12 ? `DIRQL(${irql})` : `IRQL ${irql}`);
}

/** Short gauge label: "PASSIVE", "APC", "DISPATCH", "DIRQL 5", "HIGH". */
export function irqlShortName(irql: number): string {
  const name = irqlName(irql);
  return name.endsWith("_LEVEL") ? name.slice(0, -"_LEVEL".length) : name.replace(/[()]/g, " ").trim();
}

/** The levels on a CPU gauge, bottom to top. */
export const GAUGE_LEVELS: readonly { irql: number; label: string }[] = [
  { irql: 0, label: "PASSIVE" },
  { irql: 1, label: "APC" },
  { irql: 2, label: "DISPATCH" },
  { irql: 3, label: "DIRQL" },
  { irql: 13, label: "CLOCK" },
  { irql: 14, label: "IPI" },
  { irql: 15, label: "HIGH" },
];
