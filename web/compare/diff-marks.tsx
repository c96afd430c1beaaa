// How a column shows what differs from the other side: the cell gets a tint,
// a border and a "≠" mark, and a screen reader hears "differs, other side:
// …" — never colour alone. The diff travels to both columns through context.
import { createContext, useContext, type ReactNode } from "react";
import { NO_DIFFERENCES, type Difference, type Side, type SnapshotDiff } from "./snapshot-diff";

interface DiffContextValue {
  readonly diff: SnapshotDiff;
  readonly byKey: ReadonlyMap<string, Difference>;
  readonly side: Side;
}

const DiffContext = createContext<DiffContextValue>({ diff: NO_DIFFERENCES, byKey: new Map(), side: "left" });

export function DiffProvider({
  diff,
  side,
  children,
}: {
  readonly diff: SnapshotDiff;
  readonly side: Side;
  readonly children: ReactNode;
}) {
  const byKey = new Map(diff.differences.map((d) => [d.key, d]));
  return <DiffContext.Provider value={{ diff, byKey, side }}>{children}</DiffContext.Provider>;
}

/** Whether `key` (a whole thread, object or CPU, or one of its fields) differs. */
export function useDiffers(key: string): boolean {
  return useContext(DiffContext).diff.keys.has(key);
}

/** The value on the other side, for a field that differs. */
export function useOtherValue(key: string): string | null | undefined {
  const { byKey, side } = useContext(DiffContext);
  const d = byKey.get(key);
  if (!d) return undefined;
  return side === "left" ? d.right : d.left;
}

/** The visible and spoken part of a mark. */
export function DiffMark({ other }: { readonly other: string | null | undefined }) {
  return (
    <>
      <span className="ksl-cmp-mark" aria-hidden="true">
        ≠
      </span>
      <span className="ksl-visually-hidden">
        {other === null ? " (only on this side)" : ` (differs; other side: ${other ?? "different"})`}
      </span>
    </>
  );
}

/** Attributes and mark for an element showing the field `diffKey`. */
export function useDiffCell(diffKey: string): {
  readonly props: { className: string; "data-diff-key": string; "data-differs"?: "true"; title?: string };
  readonly mark: ReactNode;
} {
  const other = useOtherValue(diffKey);
  const differs = other !== undefined;
  return {
    props: {
      className: differs ? "ksl-cmp-diff" : "",
      "data-diff-key": diffKey,
      ...(differs ? { "data-differs": "true" as const, title: `Other side: ${other ?? "not there"}` } : {}),
    },
    mark: differs ? <DiffMark other={other} /> : null,
  };
}
