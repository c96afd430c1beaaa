// A chunk of the app fetched after the page starts (the scenario library, a
// mode's page): its value once loaded, or a sentence saying why it was not.
import { useEffect, useState } from "react";

export interface ChunkLoad<T> {
  readonly value: T | null;
  readonly failure: string | null;
}

/** `load` runs once, on mount; `what` names the chunk in the failure sentence ("The scenario library"). */
export function useChunk<T>(load: () => Promise<T>, what: string): ChunkLoad<T> {
  // Wrapped in an object: the value may be a component, which useState would call as an updater.
  const [state, setState] = useState<ChunkLoad<T>>({ value: null, failure: null });
  useEffect(() => {
    load().then(
      (value) => setState({ value, failure: null }),
      (err: unknown) =>
        setState({
          value: null,
          failure: `${what} could not be loaded: ${err instanceof Error ? err.message : String(err)}`,
        }),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- fetched once per mount by design
  }, []);
  return state;
}
