import { act, cleanup, render, screen } from "@testing-library/react";
import { Suspense } from "react";
import { afterEach, expect, it } from "vitest";
import { lazyPart } from "./lazy-part";

afterEach(cleanup);

function Hello({ name }: { readonly name: string }) {
  return <p data-testid="hello">Hello {name}</p>;
}

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

it("suspends until the chunk arrives, then renders the part", async () => {
  const arrival = deferred();
  let loads = 0;
  const part = lazyPart(async () => {
    loads++;
    await arrival.promise;
    return Hello;
  });
  render(
    <Suspense fallback={<p data-testid="fallback">Loading</p>}>
      <part.Component name="Ada" />
    </Suspense>,
  );
  expect(screen.getByTestId("fallback")).toBeTruthy();
  await act(async () => arrival.resolve());
  expect(screen.getByTestId("hello").textContent).toBe("Hello Ada");
  await part.preload();
  expect(loads).toBe(1);
});

it("renders in the same pass, without the fallback, once preloaded", async () => {
  const part = lazyPart(async () => Hello);
  await part.preload();
  render(
    <Suspense fallback={<p data-testid="fallback">Loading</p>}>
      <part.Component name="Grace" />
    </Suspense>,
  );
  expect(screen.queryByTestId("fallback")).toBeNull();
  expect(screen.getByTestId("hello").textContent).toBe("Hello Grace");
});
