import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SimulatorProvider } from "../store/SimulatorProvider";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { STORAGE_KEY } from "../library/saved-scenarios";
import { abbaScript, bugcheckScript, fakeBackend, manualFrames } from "../test/fixtures";
import { preloadWorkbenchParts, Workbench } from "./Workbench";

const BUILTINS = [
  {
    name: "abba-deadlock",
    title: "ABBA deadlock",
    description: "T1 takes A and then wants B. More text.",
    source: '#title "ABBA deadlock"\nthread T1 {}',
  },
  {
    name: "other",
    title: "Other scenario",
    description: "Something else entirely.",
    source: '#title "Other scenario"\nthread X {}',
  },
];

async function mount(script = abbaScript, source = '#title "ABBA deadlock"\nthread T1 {}'): Promise<SimulatorStore> {
  const store = createSimulatorStore({
    backend: fakeBackend(script),
    source,
    frames: manualFrames(),
    compileDelayMs: 1,
  });
  await store.getState().actions.recompile();
  render(
    <SimulatorProvider backend={fakeBackend(script)} source="" store={store}>
      <Workbench builtins={BUILTINS} />
    </SimulatorProvider>,
  );
  return store;
}

// The Explore panel and the library are chunks loaded on first open; fetched here, they open in the same render.
beforeAll(preloadWorkbenchParts);
beforeEach(() => {
  // jsdom does no layout; CodeMirror measures text ranges.
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  // jsdom has no canvas; the timeline skips drawing when getContext gives nothing.
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

describe("workbench", () => {
  it("shows the threads, objects and narration of the current step", async () => {
    await mount();
    expect(screen.getByTestId("scenario-title").textContent).toBe("ABBA deadlock");
    fireEvent.click(screen.getByTestId("step"));
    expect(screen.getByTestId("state-T1").textContent).toBe("Running");
    expect(screen.getByTestId("owner-A").textContent).toBe("T1");
    expect(screen.getByTestId("narration-text").textContent).toContain("T1 acquires A (fast path).");
    expect(screen.getByTestId("live-region").textContent).toContain("T1 acquires A");
    expect(screen.getByTestId("step-count").textContent).toBe("1");
  });

  it("draws the count word bits and the wait queue", async () => {
    const store = await mount();
    act(() => store.getState().actions.goTo(3));
    const count = screen.getByTestId("count-B");
    expect(count.getAttribute("aria-label")).toBe("Count 0x4: LOCK clear, owned, WOKEN 0, 1 waiters");
    expect(within(screen.getByTestId("queue-B")).getByText("T1")).toBeTruthy();
  });

  it("highlights the deadlock cycle in the wait-for graph", async () => {
    const store = await mount();
    act(() => store.getState().actions.goTo(4));
    const graph = screen.getByTestId("wait-graph");
    expect(graph.dataset.cycle).toBe("true");
    expect(graph.querySelectorAll('[data-in-cycle="true"]')).toHaveLength(4);
    expect(screen.getByTestId("outcome").textContent).toMatch(/Deadlock: T1, T2/);
  });

  it("steps with the keyboard and ignores keys typed in form fields", async () => {
    await mount();
    fireEvent.keyDown(document, { key: "ArrowRight" });
    fireEvent.keyDown(document, { key: "j" });
    expect(screen.getByTestId("step-count").textContent).toBe("2");
    fireEvent.keyDown(document, { key: "k" });
    expect(screen.getByTestId("step-count").textContent).toBe("1");
    fireEvent.keyDown(screen.getByTestId("speed"), { key: "ArrowRight" });
    expect(screen.getByTestId("step-count").textContent).toBe("1");
    fireEvent.keyDown(document, { key: "End" });
    expect(screen.getByTestId("step-count").textContent).toBe("2");
    fireEvent.keyDown(document, { key: "r" });
    expect(screen.getByTestId("step-count").textContent).toBe("0");
  });

  it("opens the help overlay with ? and closes it with Escape", async () => {
    await mount();
    fireEvent.keyDown(document, { key: "?" });
    expect(screen.getByTestId("help").textContent).toContain("Step forward");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("help")).toBeNull();
  });

  it("shows a blue screen for a bug check; Escape steps back out", async () => {
    await mount(bugcheckScript);
    fireEvent.click(screen.getByTestId("step"));
    const bsod = screen.getByTestId("bugcheck");
    expect(within(bsod).getByTestId("bugcheck-name").textContent).toBe("DRIVER_VERIFIER_DETECTED_VIOLATION");
    expect(within(bsod).getByTestId("bugcheck-stop").textContent).toBe(
      "*** STOP: 0x000000C4 (0x2000F, &IrqlKeApcLte1, &M, 0x0)",
    );
    expect(within(bsod).getByTestId("bugcheck-rule").textContent).toBe("IrqlKeApcLte1");
    fireEvent.keyDown(window, { key: "Escape" });
    expect(screen.queryByTestId("bugcheck")).toBeNull();
    expect(screen.getByTestId("step-count").textContent).toBe("0");
  });

  it("in manual mode highlights runnable threads, explains blocked ones and picks by click or digit", async () => {
    const store = await mount();
    await act(async () => {
      store.getState().actions.setScheduler("manual");
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(screen.getByTestId("manual-hint")).toBeTruthy();
    // There is no Step button to press in manual mode: the narration says what to do instead.
    expect(screen.getByTestId("narration-text").textContent).toContain("You are the scheduler");
    const rows = screen.getByTestId("threads-panel").querySelectorAll("tbody tr");
    expect((rows[0] as HTMLElement).dataset.runnable).toBe("true");
    expect(screen.getByTestId("why-T2").textContent).toBe("not its turn in this script");
    fireEvent.click(screen.getByTestId("pick-T1"));
    expect(screen.getByTestId("step-count").textContent).toBe("1");
    fireEvent.keyDown(document, { key: "2" });
    expect(screen.getByTestId("step-count").textContent).toBe("2");
  });

  it("shows compile errors under the editor and keeps the panels", async () => {
    const store = await mount();
    await act(async () => {
      store.getState().actions.setSource("thread T1 {\n  ERROR();\n}");
      await store.getState().actions.recompile();
    });
    expect(screen.getByTestId("error-count").textContent).toBe("1 error");
    expect(screen.getByTestId("diagnostics").textContent).toContain("2:3 unknown routine ERROR — did you mean Work?");
    expect(screen.getByTestId("invalid")).toBeTruthy();
    expect(screen.getByTestId("threads-panel").textContent).toContain("T1");
  });

  it("saves a scenario to the library and opens it again", async () => {
    const store = await mount();
    fireEvent.click(screen.getByTestId("open-library"));
    fireEvent.change(screen.getByTestId("save-name"), { target: { value: "Mine" } });
    fireEvent.click(screen.getByTestId("save"));
    expect(JSON.parse(localStorage.getItem(STORAGE_KEY) ?? "[]")).toEqual([
      expect.objectContaining({ name: "Mine", source: '#title "ABBA deadlock"\nthread T1 {}' }),
    ]);
    await act(async () => {
      fireEvent.click(screen.getByTestId("open-other"));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(store.getState().title).toBe("Other scenario");
    fireEvent.click(screen.getByTestId("open-library"));
    await act(async () => {
      fireEvent.click(screen.getByTestId("open-saved-Mine"));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(store.getState().title).toBe("ABBA deadlock");
  });

  it("filters the built-in scenarios by words in their title and description", async () => {
    await mount();
    fireEvent.click(screen.getByTestId("open-library"));
    fireEvent.change(screen.getByTestId("library-filter"), { target: { value: "else" } });
    expect(screen.queryByTestId("open-abba-deadlock")).toBeNull();
    expect(screen.getByTestId("open-other")).toBeTruthy();
    fireEvent.change(screen.getByTestId("library-filter"), { target: { value: "nothing matches this" } });
    expect(screen.getByTestId("library").textContent).toContain("No built-in scenario mentions");
  });

  it("reports corrupted saved scenarios instead of failing", async () => {
    localStorage.setItem(STORAGE_KEY, "{not json");
    await mount();
    fireEvent.click(screen.getByTestId("open-library"));
    expect(screen.getByTestId("library-problem").textContent).toMatch(/corrupted/);
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    const backups = Object.keys(localStorage).filter((k) => k.startsWith("ksl:saved-scenarios:corrupt:"));
    expect(backups).toHaveLength(1);
    expect(localStorage.getItem(backups[0]!)).toBe("{not json");
  });

  it("two providers on one page keep separate state", async () => {
    const one = createSimulatorStore({ backend: fakeBackend(abbaScript), source: "a", frames: manualFrames() });
    const two = createSimulatorStore({ backend: fakeBackend(abbaScript), source: "b", frames: manualFrames() });
    await one.getState().actions.recompile();
    await two.getState().actions.recompile();
    const { container } = render(
      <>
        <SimulatorProvider backend={fakeBackend(abbaScript)} source="" store={one}>
          <Workbench builtins={BUILTINS} keyboardScope="root" />
        </SimulatorProvider>
        <SimulatorProvider backend={fakeBackend(abbaScript)} source="" store={two}>
          <Workbench builtins={BUILTINS} keyboardScope="root" />
        </SimulatorProvider>
      </>,
    );
    const roots = container.querySelectorAll<HTMLElement>("[data-testid=workbench]");
    fireEvent.keyDown(roots[1]!, { key: "j" });
    expect(one.getState().step).toBe(0);
    expect(two.getState().step).toBe(1);
  });

  it("with two blue screens, Escape steps back only the simulator holding the focus", async () => {
    const one = createSimulatorStore({ backend: fakeBackend(bugcheckScript), source: "a", frames: manualFrames() });
    const two = createSimulatorStore({ backend: fakeBackend(bugcheckScript), source: "b", frames: manualFrames() });
    await one.getState().actions.recompile();
    await two.getState().actions.recompile();
    const { container } = render(
      <>
        <SimulatorProvider backend={fakeBackend(bugcheckScript)} source="" store={one}>
          <Workbench builtins={BUILTINS} keyboardScope="root" />
        </SimulatorProvider>
        <SimulatorProvider backend={fakeBackend(bugcheckScript)} source="" store={two}>
          <Workbench builtins={BUILTINS} keyboardScope="root" />
        </SimulatorProvider>
      </>,
    );
    act(() => {
      one.getState().actions.stepForward();
      two.getState().actions.stepForward();
    });
    const backs = container.querySelectorAll<HTMLButtonElement>("[data-testid=bugcheck-back]");
    expect(backs).toHaveLength(2);
    backs[0]!.focus();
    fireEvent.keyDown(window, { key: "Escape" });
    expect(one.getState().step).toBe(0);
    expect(two.getState().step).toBe(1);
  });
});
