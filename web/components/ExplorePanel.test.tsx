// The Explore feature in the workbench, against a fake explorer worker and
// the fixtures' scripted simulator: start, progress, cancel, the three
// outcomes, worker errors, options, the `e` key, and replaying a found
// schedule into the simulator (timeline and wait-for graph at the deadlock).
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { SimulatorProvider } from "../store/SimulatorProvider";
import { createSimulatorStore, type SimulatorStore } from "../store/simulator-store";
import { abbaScript, fakeBackend, manualFrames } from "../test/fixtures";
import { abbaDeadlockReport, fakeChannels, progressOf, reportOf } from "../explore/fake-channel";
import { preloadWorkbenchParts, Workbench } from "./Workbench";

const SOURCE = '#title "ABBA deadlock"\nthread T1 {}';
const BUILTINS = [
  { name: "abba-deadlock", title: "ABBA deadlock", description: "T1 takes A and then wants B.", source: SOURCE },
];

async function mount(): Promise<{
  store: SimulatorStore;
  workers: ReturnType<typeof fakeChannels>;
  backend: ReturnType<typeof fakeBackend>;
}> {
  const backend = fakeBackend(abbaScript);
  const store = createSimulatorStore({
    backend,
    source: SOURCE,
    fileName: "abba-deadlock.ksync",
    frames: manualFrames(),
    compileDelayMs: 1,
  });
  await store.getState().actions.recompile();
  const workers = fakeChannels();
  render(
    <SimulatorProvider backend={backend} source="" store={store}>
      <Workbench builtins={BUILTINS} explorerChannel={workers} />
    </SimulatorProvider>,
  );
  return { store, workers, backend };
}

const text = (id: string) => screen.getByTestId(id).textContent ?? "";

// The Explore panel and the library are chunks loaded on first open; fetched here, they open in the same render.
beforeAll(preloadWorkbenchParts);
beforeEach(() => {
  Range.prototype.getClientRects ??= () => [] as unknown as DOMRectList;
  Range.prototype.getBoundingClientRect ??= () => new DOMRect();
  vi.spyOn(HTMLCanvasElement.prototype, "getContext").mockReturnValue(null);
  localStorage.clear();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe("explore", () => {
  it("the Explore button starts a search of the current text in a worker with browser defaults", async () => {
    const { workers } = await mount();
    expect(screen.queryByTestId("explore-panel")).toBeNull();
    fireEvent.click(screen.getByTestId("explore-button"));
    expect(screen.getByTestId("explore-panel").dataset.phase).toBe("running");
    expect(workers.channels).toHaveLength(1);
    expect(workers.last().posted).toEqual([
      {
        type: "start",
        source: SOURCE,
        fileName: "abba-deadlock.ksync",
        options: {
          maxStates: 10_000_000,
          maxSeconds: 60,
          memoryMiB: 256,
          preemptionBound: null,
          randomWalks: null,
          seed: 1,
        },
      },
    ]);
    expect(text("explore-button")).toBe("Exploring…");
    // A second press while it runs does not start another worker.
    fireEvent.click(screen.getByTestId("explore-button"));
    expect(workers.channels).toHaveLength(1);
  });

  it("shows progress: states, rate, memory, and a bar toward the nearest limit", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    expect(text("explore-progress")).toContain("Starting the search");
    act(() =>
      workers.last().reply({
        type: "progress",
        ...progressOf({ states: 1_234_567, statesPerSecond: 345_000, memoryBytes: 128 * 1024 * 1024, seconds: 3 }),
      }),
    );
    expect(text("explore-states")).toBe("1,234,567 states");
    expect(text("explore-rate")).toBe("345 k states/s");
    expect(text("explore-memory")).toBe("128 MiB of 256 MiB");
    const bar = screen.getByTestId("explore-bar") as HTMLProgressElement;
    // Half the memory budget is nearer its limit than 3 of 60 s or 1.2 M of 10 M states.
    expect(bar.value).toBeCloseTo(0.5);
    expect(bar.getAttribute("aria-label")).toBe("Searching: 50% of the way to the limit of 256 MiB");
    expect(text("explore-limit")).toBe("50% of the 256 MiB limit");
    expect(screen.queryByTestId("explore-start")).toBeNull();
  });

  it("the simulator keeps working while a search runs", async () => {
    const { store } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    fireEvent.click(screen.getByTestId("step"));
    fireEvent.keyDown(document, { key: "j" });
    expect(store.getState().step).toBe(2);
    expect(screen.getByTestId("explore-panel").dataset.phase).toBe("running");
  });

  it("Cancel asks the worker to stop and shows how far it got, honestly", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    const worker = workers.last();
    fireEvent.click(screen.getByTestId("explore-cancel"));
    expect(worker.posted.at(-1)).toEqual({ type: "cancel" });
    expect(text("explore-cancel")).toBe("Cancelling…");
    act(() =>
      worker.reply({
        type: "done",
        report: reportOf({ outcome: "limit-reached", limit: "cancelled", states: 52_000, frontier: 700, seconds: 1.5 }),
      }),
    );
    expect(worker.terminated).toBe(true);
    const outcome = screen.getByTestId("explore-outcome");
    expect(outcome.dataset.outcome).toBe("cancelled");
    expect(text("explore-headline")).toBe("Searched 52,000 states, cancelled");
    expect(outcome.textContent).toContain("not complete");
    expect(screen.queryByTestId("explore-replay")).toBeNull();
  });

  it("a worker that does not answer Cancel is stopped", async () => {
    vi.useFakeTimers();
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    const worker = workers.last();
    act(() => worker.reply({ type: "progress", ...progressOf({ states: 9000 }) }));
    fireEvent.click(screen.getByTestId("explore-cancel"));
    expect(worker.terminated).toBe(false);
    act(() => vi.advanceTimersByTime(2500));
    expect(worker.terminated).toBe(true);
    expect(text("explore-headline")).toBe("Searched about 9,000 states, cancelled");
    // A late answer from the stopped worker changes nothing.
    act(() => worker.reply({ type: "done", report: reportOf() }));
    expect(text("explore-headline")).toBe("Searched about 9,000 states, cancelled");
  });

  it("no error in any state", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() => workers.last().reply({ type: "done", report: reportOf({ states: 15, transitions: 21 }) }));
    expect(screen.getByTestId("explore-outcome").dataset.outcome).toBe("no-errors");
    expect(text("explore-headline")).toBe("No deadlock or bug check in any of 15 states");
    expect(text("explore-outcome")).toContain("Every schedule was searched");
    expect(text("explore-start")).toBe("Explore again");
  });

  it("a limit reached says which one and that the search is incomplete", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() =>
      workers.last().reply({
        type: "done",
        report: reportOf({
          outcome: "limit-reached",
          limit: "time",
          states: 3_400_000,
          frontier: 120_000,
          seconds: 60,
        }),
      }),
    );
    expect(screen.getByTestId("explore-outcome").dataset.outcome).toBe("limit-reached");
    expect(text("explore-headline")).toBe("Searched 3,400,000 states, limit reached");
    expect(text("explore-outcome")).toContain("Stopped by the time limit of 60 s");
    expect(text("explore-outcome")).toContain("120,000 states left to explore");
    expect(text("explore-outcome")).not.toContain("No deadlock or bug check in any");
  });

  it("scenario errors and worker failures are clear messages", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() =>
      workers.last().reply({
        type: "error",
        message: "the scenario has errors",
        diagnostics: [{ line: 3, column: 2, endLine: 3, endColumn: 6, message: "unknown routine Foo", hint: null }],
      }),
    );
    expect(screen.getByTestId("explore-outcome").dataset.outcome).toBe("failed");
    expect(text("explore-failure")).toMatch(/^The scenario has errors/);
    expect(text("explore-outcome")).toContain("Line 3: unknown routine Foo");
    fireEvent.click(screen.getByTestId("explore-start"));
    act(() => workers.last().fail("WebAssembly.Memory(): could not allocate memory"));
    expect(workers.last().terminated).toBe(true);
    expect(text("explore-failure")).toBe(
      "The explorer could not get its memory budget of 256 MiB (WebAssembly.Memory(): could not allocate memory). Try a smaller budget under Options.",
    );
  });

  it("options go to the worker; a bad value is marked and not used", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() => workers.last().reply({ type: "done", report: reportOf() }));
    fireEvent.change(screen.getByTestId("explore-opt-maxSeconds"), { target: { value: "5" } });
    fireEvent.change(screen.getByTestId("explore-opt-memoryMiB"), { target: { value: "1" } });
    expect(screen.getByTestId("explore-opt-memoryMiB").getAttribute("aria-invalid")).toBe("true");
    fireEvent.change(screen.getByTestId("explore-opt-preemptionBound"), { target: { value: "2" } });
    fireEvent.change(screen.getByTestId("explore-opt-randomWalks"), { target: { value: "100" } });
    fireEvent.change(screen.getByTestId("explore-opt-seed"), { target: { value: "7" } });
    expect(text("explore-options")).toContain("5 s, 10,000,000 states, 256 MiB, ≤ 2 preemptions, 100 random walks");
    fireEvent.click(screen.getByTestId("explore-start"));
    expect(workers.last().posted[0]).toMatchObject({
      type: "start",
      options: { maxSeconds: 5, memoryMiB: 256, preemptionBound: 2, randomWalks: 100, seed: 7 },
    });
    act(() =>
      workers.last().reply({
        type: "done",
        report: reportOf({ mode: "random-walks", walks: 100, seed: 7, preemptionBound: 2, transitions: 900 }),
      }),
    );
    expect(text("explore-headline")).toBe("No deadlock or bug check in 100 random walks");
    expect(text("explore-outcome")).toContain("not a proof");
    expect(text("explore-outcome")).toContain("at most 2 preemptions");
    // Emptied, the walks are off again: the exhaustive search.
    fireEvent.change(screen.getByTestId("explore-opt-randomWalks"), { target: { value: "" } });
    fireEvent.click(screen.getByTestId("explore-start"));
    expect(workers.last().posted[0]).toMatchObject({ options: { randomWalks: null } });
  });

  it("e opens the panel and starts; ? lists it", async () => {
    const { workers } = await mount();
    fireEvent.keyDown(document, { key: "e" });
    expect(screen.getByTestId("explore-panel").dataset.phase).toBe("running");
    expect(workers.channels).toHaveLength(1);
    fireEvent.keyDown(document, { key: "?" });
    expect(text("help")).toContain("Explore every schedule for a deadlock or bug check");
  });

  it("closing the panel cancels a running search", async () => {
    const { workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    fireEvent.click(screen.getByTestId("explore-close"));
    expect(workers.last().posted.at(-1)).toEqual({ type: "cancel" });
    expect(screen.queryByTestId("explore-panel")).toBeNull();
  });

  it("a found deadlock is replayed into the simulator: forced schedule, every step on the timeline, the cycle in the graph", async () => {
    const { store, workers, backend } = await mount();
    const create = vi.spyOn(backend, "createSimulator");
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() => workers.last().reply({ type: "done", report: abbaDeadlockReport() }));
    expect(screen.getByTestId("explore-outcome").dataset.outcome).toBe("error-found");
    expect(text("explore-headline")).toBe("Deadlock after 4 steps");
    expect(text("explore-outcome")).toContain("T1 waits for B, held by T2; T2 waits for A, held by T1.");
    expect(text("explore-schedule")).toContain("Schedule (4 steps):");
    await act(async () => {
      fireEvent.click(screen.getByTestId("explore-replay"));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(create).toHaveBeenCalledWith(
      expect.anything(),
      expect.objectContaining({ schedule: ["T1", "T2", "T1", "T2"] }),
    );
    expect(store.getState().step).toBe(4);
    expect(store.getState().snapshot?.outcome).toBe("deadlock");
    expect(store.getState().history?.lastStep).toBe(4);
    expect(text("step-count")).toBe("4");
    const graph = screen.getByTestId("wait-graph");
    expect(graph.dataset.cycle).toBe("true");
    expect(graph.querySelectorAll('[data-in-cycle="true"]')).toHaveLength(4);
    expect(text("explore-replayed")).toMatch(/^Step 4 shows the deadlock\./);
    expect(text("explore-replay")).toBe("Replay again");
  });

  it("a replay is refused once the text changed since the search", async () => {
    const { store, workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() => workers.last().reply({ type: "done", report: abbaDeadlockReport() }));
    act(() => store.getState().actions.setSource(`${SOURCE}\n// edited`));
    expect((screen.getByTestId("explore-replay") as HTMLButtonElement).disabled).toBe(true);
    expect(text("explore-stale")).toContain("changed since this search");
  });

  it("a result for text that has changed since says so", async () => {
    const { store, workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    act(() => workers.last().reply({ type: "done", report: reportOf({ scenario: "ABBA deadlock" }) }));
    expect(screen.queryByTestId("explore-stale")).toBeNull();
    act(() => store.getState().actions.setSource("thread Other {}", "other.ksync"));
    expect(text("explore-stale")).toBe(
      "This is for “ABBA deadlock” as it was when the search started; the text has changed since.",
    );
  });

  it("a schedule that does not reach its end says so", async () => {
    const { store, workers } = await mount();
    fireEvent.click(screen.getByTestId("explore-button"));
    const report = abbaDeadlockReport();
    act(() =>
      workers.last().reply({
        type: "done",
        report: {
          ...report,
          counterexample: { ...report.counterexample!, schedule: ["T1", "T2", "T1", "T2", "T1", "T2"] },
        },
      }),
    );
    await act(async () => {
      fireEvent.click(screen.getByTestId("explore-replay"));
      await new Promise((r) => setTimeout(r, 0));
    });
    expect(store.getState().notice).toBe("The scenario ended after 4 of the schedule's 6 steps.");
    expect(text("explore-outcome")).toContain("The replay did not reach the deadlock");
  });
});
