// The built-in scenario library is a chunk of its own (its texts would weigh
// on every page that never opens it); pages that need it fetch it with this
// hook and show LibraryPending until it is there or has failed to load.
import { useEffect, useState } from "react";
import type { LibraryScenario } from "../../scenarios";

export interface LibraryLoad {
  readonly library: readonly LibraryScenario[] | null;
  /** Why the library could not be loaded, else null. */
  readonly failure: string | null;
}

export function useScenarioLibrary(): LibraryLoad {
  const [load, setLoad] = useState<LibraryLoad>({ library: null, failure: null });
  useEffect(() => {
    import("../../scenarios").then(
      (module) => setLoad({ library: module.scenarios, failure: null }),
      (err: unknown) =>
        setLoad({
          library: null,
          failure: `The scenario library could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
        }),
    );
  }, []);
  return load;
}

/** The page while the library loads, or the sentence saying why it did not. */
export function LibraryPending({ failure, loading }: { readonly failure: string | null; readonly loading: string }) {
  return (
    <div className="ksl-root">
      <p className={failure ? "ksl-banner ksl-banner--error" : "ksl-banner"} role={failure ? "alert" : "status"}>
        {failure ?? loading}
      </p>
    </div>
  );
}
