import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { SimulatorProvider } from "../store/SimulatorProvider";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { abbaScript, fakeBackend, manualFrames } from "../test/fixtures";
import { PredictPanel } from "./PredictPanel";
import { createPredictStore } from "./predict-store";

async function mount(source = '#title "ABBA"\nthread T1 {}'): Promise<SimulatorStore> {
  const backend = fakeBackend(abbaScript);
  const store = createSimulatorStore({ backend, source, frames: manualFrames() });
  await store.getState().actions.recompile();
  const predict = createPredictStore(store);
  render(
    <SimulatorProvider backend={backend} source="" store={store}>
      <PredictPanel predict={predict} />
    </SimulatorProvider>,
  );
  return store;
}

const text = (id: string) => screen.getByTestId(id).textContent ?? "";

afterEach(cleanup);

describe("predict panel", () => {
  it("asks who runs the next step, takes it on submit, and shows the answer beside what ran", async () => {
    const store = await mount();
    expect(screen.getByRole("group", { name: "Who runs step 1?" })).toBeTruthy();
    fireEvent.click(screen.getByTestId("predict-thread-T2"));
    fireEvent.submit(screen.getByTestId("predict-form"));
    expect(store.getState().step).toBe(1);
    expect(screen.getByTestId("reveal-thread").dataset.right).toBe("false");
    expect(text("reveal-thread")).toBe("✗ wrong T1 ran; you said T2.");
    expect(text("predict-score")).toContain("0 / 1");
    // The next question is about step 2, with no thread chosen yet.
    expect(screen.getByRole("group", { name: "Who runs step 2?" })).toBeTruthy();
  });

  it("builds a Count guess from its fields, starting from the word as it is now", async () => {
    const store = await mount();
    act(() => store.getState().actions.goTo(2));
    fireEvent.change(screen.getByTestId("predict-mutex"), { target: { value: "B" } });
    expect(text("predict-value")).toBe("= 0x0"); // B is held, nobody waits
    fireEvent.change(screen.getByTestId("predict-waiters"), { target: { value: "1" } });
    expect(text("predict-value")).toBe("= 0x4");
    fireEvent.click(screen.getByTestId("predict-lock"));
    expect(screen.getByTestId("reveal-count").dataset.right).toBe("true");
    expect(text("reveal-count")).toContain("B.Count is 0x4: held, 1 waiter");
    expect(text("predict-score")).toContain("1 / 1");
    // Step 3 starts the guess again from B's Count now (0x4), not from the last answer.
    expect(text("predict-value")).toBe("= 0x4");
  });

  it("under the manual scheduler, asks only about the Count and waits for the student's pick", async () => {
    const store = await mount('#title "ABBA"\n#scheduler manual\nthread T1 {}');
    expect(screen.queryByRole("group", { name: /Who runs/ })).toBeNull();
    fireEvent.change(screen.getByTestId("predict-mutex"), { target: { value: "A" } });
    fireEvent.click(screen.getByTestId("predict-held"));
    fireEvent.click(screen.getByTestId("predict-lock"));
    expect(text("predict-pending")).toContain("Now run a thread");
    act(() => store.getState().actions.choose("T1"));
    expect(screen.getByTestId("reveal-count").dataset.right).toBe("true");
  });

  it("says so when the answer is empty", async () => {
    await mount();
    fireEvent.click(screen.getByTestId("predict-lock"));
    expect(screen.getByRole("alert").textContent).toBe("Choose an answer first.");
  });
});
