// A part of the page loaded as a chunk of its own the first time it renders
// (React.lazy), with preload() to fetch it earlier. Once the chunk is loaded,
// rendering the part does not suspend again: the loader then hands React (and
// Preact's compat layer, in the widget) a thenable that resolves at once,
// which both read synchronously. Tests preload the parts so that a click
// shows them in the same render, as a visitor whose chunk is cached sees it.
import { lazy, type ComponentType } from "react";

type Loaded<P> = { default: ComponentType<P> };

export interface LazyPart<P> {
  readonly Component: ComponentType<P>;
  preload(): Promise<ComponentType<P>>;
}

export function lazyPart<P extends object>(load: () => Promise<ComponentType<P>>): LazyPart<P> {
  let loaded: ComponentType<P> | undefined;
  let pending: Promise<ComponentType<P>> | undefined;
  const preload = () => (pending ??= load().then((component) => (loaded = component)));
  const Component = lazy((): Promise<Loaded<P>> => {
    if (!loaded) return preload().then((component) => ({ default: component }));
    const ready: Loaded<P> = { default: loaded };
    // Not a Promise (whose callbacks always run later): its then() calls back before returning.
    return { then: (resolve: (value: Loaded<P>) => void) => resolve(ready) } as unknown as Promise<Loaded<P>>;
  });
  return { Component: Component as unknown as ComponentType<P>, preload };
}
