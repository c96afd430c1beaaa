// The app's door to the side-by-side page (?mode=compare). Only this small
// file is in the app's start bundle; the page itself is a chunk of its own,
// fetched when the address asks for it.
import { useEffect, useState, type ComponentType } from "react";

/** Whether a query string (`?mode=compare`) asks for the side-by-side page. */
export function isCompareMode(search: string): boolean {
  return new URLSearchParams(search).get("mode") === "compare";
}

export function CompareEntry() {
  const [Page, setPage] = useState<ComponentType | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  useEffect(() => {
    import("./ComparePage").then(
      (module) => setPage(() => module.ComparePage),
      (err: unknown) =>
        setFailure(`The side-by-side page could not be loaded: ${err instanceof Error ? err.message : String(err)}`),
    );
  }, []);
  if (Page) return <Page />;
  return (
    <div className="ksl-root">
      <p className={failure ? "ksl-banner ksl-banner--error" : "ksl-banner"} role={failure ? "alert" : "status"}>
        {failure ?? "Loading Kernel Sync Lab…"}
      </p>
    </div>
  );
}
