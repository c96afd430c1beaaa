// The shortest solution of a challenge whose catalog entry does not give it
// (one the student wrote): the explorer's goal search, breadth-first, in a
// worker, started once the student has reached the goal and remembered for
// that exact text.
import { useEffect, useState } from "react";
import type { ExploreReport } from "../../core-wasm/engine";
import type { ExplorerWorkerOptions } from "../explorer-worker";
import { createWorkerChannel, type ExplorerChannelFactory } from "../explore/explorer-channel";
import { useSimulator } from "../store/SimulatorProvider";
import type { Shortest } from "./GoalPanel";

/** Limits of the search: it runs while the student reads the success panel, so it stays short. */
export const GOAL_SEARCH_OPTIONS: ExplorerWorkerOptions = { goal: true, maxSeconds: 20, memoryMiB: 128 };

/** What a finished goal search says about the shortest solution. */
export function shortestFromReport(report: ExploreReport): Shortest {
  if (report.outcome === "goal-reached" && report.solution) {
    // Breadth-first: the first state found is at the fewest steps. A random walk only proves "at most".
    return report.mode === "exhaustive"
      ? { kind: "known", steps: report.solution.steps }
      : {
          kind: "unknown",
          why: `A random search found a solution in ${report.solution.steps} steps; a shorter one may exist.`,
        };
  }
  if (report.outcome === "limit-reached")
    return {
      kind: "unknown",
      why: `The explorer stopped at its ${report.limit ?? ""} limit after ${report.states.toLocaleString("en-US")} states, before it could say what the shortest solution is.`,
    };
  if (report.outcome === "goal-unreachable")
    return { kind: "unknown", why: "The explorer found no schedule that reaches this goal within its step limit." };
  return { kind: "unknown", why: "The explorer did not search for the goal." };
}

/**
 * The shortest solution to show: `given` when the catalog knows it; for
 * "search", the explorer's answer for the scenario text now loaded, searched
 * for once `reached` is true.
 */
export function useShortestSolution(
  given: Shortest | "search",
  reached: boolean,
  channelFactory: ExplorerChannelFactory = createWorkerChannel,
): Shortest {
  const source = useSimulator((s) => s.source);
  const fileName = useSimulator((s) => s.fileName);
  const [found, setFound] = useState<{ readonly source: string; readonly shortest: Shortest } | null>(null);
  const wanted = given === "search" && reached;
  const known = found?.source === source;

  useEffect(() => {
    if (!wanted || known) return;
    const channel = channelFactory();
    let finished = false;
    const finish = (shortest: Shortest) => {
      finished = true;
      channel.terminate();
      setFound({ source, shortest });
    };
    channel.listen(
      (response) => {
        if (response.type === "done") finish(shortestFromReport(response.report));
        else if (response.type === "error")
          finish({ kind: "unknown", why: `The explorer could not search this scenario: ${response.message}.` });
      },
      (message) => finish({ kind: "unknown", why: `The explorer could not run: ${message}.` }),
    );
    channel.post({ type: "start", source, fileName, options: GOAL_SEARCH_OPTIONS });
    return () => {
      if (!finished) channel.terminate();
    };
  }, [wanted, known, source, fileName, channelFactory]);

  if (given !== "search") return given;
  if (found && known) return found.shortest;
  return { kind: "searching" };
}
