// IRQL names as a Windows driver developer reads them (x64 values,
// docs/kernel-semantics.md §1, IRQL).
import { irqlName } from "../../core-wasm/engine";

export { irqlName };

export const HIGH_LEVEL = 15;

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
