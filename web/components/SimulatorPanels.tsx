// The simulator's panels as every full view lays them out (the workbench,
// challenges, predict): narration, the scenario text beside threads, objects,
// CPUs and the wait-for graph, the blue screen over them, the timeline below;
// `aside` (the predict panel) on top of the state column, where the eye goes
// after each step.
import type { ReactNode } from "react";
import { BugCheckScreen } from "./BugCheckScreen";
import { CpuPanel } from "./CpuPanel";
import { EventLog, Narration } from "./EventLog";
import { ApcDpcPanel, ObjectsPanel } from "./ObjectsPanel";
import { ThreadsPanel } from "./ThreadsPanel";
import { Timeline } from "./Timeline";
import { WaitForGraph } from "./WaitForGraph";
import { useSimulator } from "../store/SimulatorProvider";

export interface SimulatorPanelsProps {
  /** The scenario text: a read-only listing, or the editor. */
  readonly code: ReactNode;
  readonly aside?: ReactNode;
}

export function SimulatorPanels({ code, aside }: SimulatorPanelsProps) {
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
