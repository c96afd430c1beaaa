// The app's door to the side-by-side page (?mode=compare). Only this small
// file is in the app's start bundle; the page itself is a chunk of its own,
// fetched when the address asks for it.
import { PendingPage } from "../components/PendingPage";
import { useChunk } from "../lib/useChunk";

/** Whether a query string (`?mode=compare`) asks for the side-by-side page. */
export function isCompareMode(search: string): boolean {
  return new URLSearchParams(search).get("mode") === "compare";
}

export function CompareEntry() {
  const { value: Page, failure } = useChunk(
    () => import("./ComparePage").then((m) => m.ComparePage),
    "The side-by-side page",
  );
  return Page ? <Page /> : <PendingPage failure={failure} loading="Loading Kernel Sync Lab…" />;
}
