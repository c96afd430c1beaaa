// The workbench's state panels, arranged for the challenge and predict
// views: narration, the scenario text beside threads, objects, CPUs and the
// wait-for graph, the timeline below; `aside` (the predict panel) on top of
// the state column, where the eye goes after each step.
import type { ReactNode } from "react";
import { BugCheckScreen } from "../components/BugCheckScreen";
import { CpuPanel } from "../components/CpuPanel";
import { EventLog, Narration } from "../components/EventLog";
import { ApcDpcPanel, ObjectsPanel } from "../components/ObjectsPanel";
import { ThreadsPanel } from "../components/ThreadsPanel";
import { Timeline } from "../components/Timeline";
import { WaitForGraph } from "../components/WaitForGraph";
import { useSimulator } from "../store/SimulatorProvider";

export interface ModePanelsProps {
  /** The scenario text: a read-only listing, or the editor. */
  readonly code: ReactNode;
  readonly aside?: ReactNode;
}

export function ModePanels({ code, aside }: ModePanelsProps) {
  const hasBugcheck = useSimulator((s) => s.snapshot?.bugcheck != null);
  return (
    <>
      <Narration />
      <div className="ksl-main">
        <div className="ksl-col ksl-col--editor">{code}</div>
        <div className="ksl-col ksl-col--state">
          {aside}
          <ThreadsPanel />
          <div className="ksl-row">
            <CpuPanel />
            <ObjectsPanel />
          </div>
          <ApcDpcPanel />
          <div className="ksl-row ksl-row--even">
            <WaitForGraph />
            <EventLog />
          </div>
        </div>
        {hasBugcheck && <BugCheckScreen />}
      </div>
      <Timeline />
    </>
  );
}
