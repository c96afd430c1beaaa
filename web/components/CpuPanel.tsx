// Each processor: the thread (or DPC) it runs and its IRQL as a level gauge,
// PASSIVE_LEVEL at the bottom to HIGH_LEVEL at the top.
import { useShallow } from "zustand/react/shallow";
import { threadColor } from "../lib/colors";
import { GAUGE_LEVELS, irqlName } from "../lib/irql";
import { EMPTY } from "../lib/empty";
import { useSimulator } from "../store/SimulatorProvider";

/** Gauge segment index for an IRQL (all DIRQLs share one segment). */
function segmentOf(irql: number): number {
  let index = 0;
  GAUGE_LEVELS.forEach((level, i) => {
    if (irql >= level.irql) index = i;
  });
  return index;
}

export function CpuPanel() {
  const { cpus, threads } = useSimulator(
    useShallow((s) => ({ cpus: s.snapshot?.cpus ?? EMPTY, threads: s.snapshot?.threads ?? EMPTY })),
  );
  const threadIndex = new Map(threads.map((t) => [t.name, t.index]));
  return (
    <section className="ksl-panel ksl-cpus" aria-labelledby="ksl-cpus-h" data-testid="cpu-panel">
      <header className="ksl-panel__head">
        <h2 id="ksl-cpus-h">Processors</h2>
      </header>
      <ul className="ksl-cpu-list">
        {cpus.map((cpu) => {
          const lane = cpu.thread ? threadIndex.get(cpu.thread) : undefined;
          const top = segmentOf(cpu.irql);
          return (
            <li key={cpu.index} className="ksl-cpu" data-cpu={cpu.index} data-irql={cpu.irql}>
              <div className="ksl-cpu__title">CPU {cpu.index}</div>
              <div
                className="ksl-gauge"
                role="meter"
                aria-valuemin={0}
                aria-valuemax={15}
                aria-valuenow={cpu.irql}
                aria-valuetext={irqlName(cpu.irql)}
                aria-label={`CPU ${cpu.index} IRQL`}
              >
                {[...GAUGE_LEVELS].reverse().map((level) => {
                  const i = GAUGE_LEVELS.indexOf(level);
                  return (
                    <div
                      key={level.label}
                      className={`ksl-gauge__seg ${i <= top ? `ksl-gauge__seg--on ksl-gauge__seg--l${Math.min(i, 3)}` : ""} ${i === top ? "ksl-gauge__seg--top" : ""}`}
                    >
                      <span>{level.label}</span>
                    </div>
                  );
                })}
              </div>
              <div className="ksl-cpu__runs">
                {cpu.dpc ? (
                  <span className="ksl-tag ksl-tag--dpc">DPC {cpu.dpc}</span>
                ) : cpu.thread ? (
                  <span className="ksl-chip" style={{ ["--ksl-thread" as string]: threadColor(lane ?? 0) }}>
                    <span className="ksl-swatch" aria-hidden="true" />
                    {cpu.thread}
                  </span>
                ) : (
                  <span className="ksl-muted">idle</span>
                )}
              </div>
              {cpu.queuedDpcs.length > 0 && (
                <div className="ksl-muted ksl-small">DPC queue: {cpu.queuedDpcs.join(", ")}</div>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
