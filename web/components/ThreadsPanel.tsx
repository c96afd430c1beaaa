// One row per thread: state, priority, IRQL, APC-disable counters, what it
// holds and waits on, queued APCs. In manual mode the rows are the picker.
import { useShallow } from "zustand/react/shallow";
import type { ThreadView } from "../../core-wasm/engine/types";
import { threadColor } from "../lib/colors";
import { irqlName } from "../lib/irql";
import { EMPTY } from "../lib/empty";
import { useSimulator } from "../store/SimulatorProvider";
import { effectiveScheduler } from "../store/simulator-store";

function stateLabel(t: ThreadView): string {
  if (t.spinning) return "Spinning";
  return t.state;
}

function stateClass(t: ThreadView): string {
  return `ksl-state ksl-state--${t.spinning ? "spinning" : t.state.toLowerCase()}`;
}

/** Windows keeps these 0 when enabled, negative per region level, positive after an unbalanced leave. */
function disableValue(v: number): string {
  return v === 0 ? "0" : v > 0 ? `+${v}` : String(v);
}

export function ThreadsPanel() {
  const { threads, objects, windows, manual, choices, blocked, over, actions, lastStep } = useSimulator(
    useShallow((s) => ({
      objects: s.snapshot?.objects ?? EMPTY,
      windows: s.windows,
      threads: s.snapshot?.threads ?? EMPTY,
      manual: effectiveScheduler(s) === "manual",
      choices: s.choices,
      blocked: s.blocked,
      over: (s.snapshot?.outcome ?? "running") !== "running",
      actions: s.actions,
      lastStep: s.currentEvents,
    })),
  );
  const ranLast = new Set(lastStep.map((e) => e.thread));
  const picking = manual && !over;
  const extraChoices = choices.filter((c) => !threads.some((t) => t.name === c.thread));
  return (
    <section className="ksl-panel ksl-threads" aria-labelledby="ksl-threads-h" data-testid="threads-panel">
      <header className="ksl-panel__head">
        <h2 id="ksl-threads-h">Threads</h2>
        {picking && (
          <p className="ksl-hint" data-testid="manual-hint">
            Manual scheduler: click a highlighted thread (or press its number) to run its next step.
          </p>
        )}
      </header>
      {/* Focusable so a long (scrolling) list of threads can be scrolled from the keyboard. */}
      <div
        className="ksl-table-wrap"
        tabIndex={threads.length > 12 ? 0 : undefined}
        role={threads.length > 12 ? "region" : undefined}
        aria-label={threads.length > 12 ? "Threads table" : undefined}
      >
        <table className="ksl-table">
          <thead>
            <tr>
              <th scope="col">Thread</th>
              <th scope="col">State</th>
              <th scope="col" title="current / base priority">
                Priority
              </th>
              <th scope="col">IRQL</th>
              <th
                scope="col"
                title="SpecialApcDisable / KernelApcDisable: 0 = enabled, negative inside guarded / critical regions"
              >
                Special / Kernel APC disable
              </th>
              <th scope="col">Holds</th>
              <th scope="col">Waits on</th>
              <th scope="col">APCs queued</th>
            </tr>
          </thead>
          <tbody>
            {threads.map((t, i) => {
              const choice = picking ? choices.find((c) => c.thread === t.name) : undefined;
              const why = picking && !choice ? blocked.find((b) => b.thread === t.name)?.reason : undefined;
              return (
                <tr
                  key={t.name}
                  data-thread={t.name}
                  data-state={t.state}
                  data-runnable={choice ? "true" : undefined}
                  className={`${choice ? "ksl-row--runnable" : ""} ${ranLast.has(t.name) ? "ksl-row--ran" : ""}`}
                  style={{ ["--ksl-thread" as string]: threadColor(i) }}
                  onClick={choice ? () => actions.choose(choice.label) : undefined}
                >
                  <th scope="row" className="ksl-thread-name">
                    <span className="ksl-swatch" aria-hidden="true" />
                    {picking && (
                      <kbd className="ksl-kbd" aria-hidden="true">
                        {i < 9 ? i + 1 : ""}
                      </kbd>
                    )}
                    {choice ? (
                      <button
                        type="button"
                        className="ksl-linkbtn"
                        onClick={(e) => {
                          e.stopPropagation();
                          actions.choose(choice.label);
                        }}
                        data-testid={`pick-${t.name}`}
                      >
                        {t.name}
                        <span className="ksl-visually-hidden"> (run its next step)</span>
                      </button>
                    ) : (
                      <span>{t.name}</span>
                    )}
                    {t.syscall && (
                      <span className="ksl-tag" title="system service: returns to user mode at the end">
                        syscall
                      </span>
                    )}
                  </th>
                  <td className="ksl-nowrap">
                    <span className={stateClass(t)} data-testid={`state-${t.name}`}>
                      {stateLabel(t)}
                    </span>
                    {t.cpu !== null && t.state === "Running" && <span className="ksl-muted"> on CPU {t.cpu}</span>}
                    {windows === 2003 &&
                      t.state === "Waiting" &&
                      objects.some((o) => o.name === t.waitingOn && o.type === "KGUARDED_MUTEX") && (
                        <span
                          className="ksl-tag"
                          title="Server 2003 SP1 to Windows 7: a guarded-mutex waiter sleeps on the KGATE, in the GateWait state"
                        >
                          GateWait
                        </span>
                      )}
                    {t.runningApc && <span className="ksl-tag ksl-tag--apc">in APC {t.runningApc}</span>}
                    {why && (
                      <div className="ksl-why" data-testid={`why-${t.name}`}>
                        {why}
                      </div>
                    )}
                  </td>
                  <td className="ksl-num">
                    {t.priority}
                    {t.priority !== t.basePriority && (
                      <span className="ksl-muted" title="base priority">
                        {" "}
                        / {t.basePriority}
                      </span>
                    )}
                  </td>
                  <td className={`ksl-irql ksl-irql--${Math.min(t.irql, 3)}`}>{irqlName(t.irql)}</td>
                  <td className="ksl-num ksl-mono">
                    <span className={t.specialApcDisable !== 0 ? "ksl-flag" : ""} title="SpecialApcDisable">
                      {disableValue(t.specialApcDisable)}
                    </span>
                    {" / "}
                    <span className={t.kernelApcDisable !== 0 ? "ksl-flag" : ""} title="KernelApcDisable">
                      {disableValue(t.kernelApcDisable)}
                    </span>
                  </td>
                  <td>{t.owns.length ? t.owns.join(", ") : <span className="ksl-muted">—</span>}</td>
                  <td>
                    {t.waitingOn ? (
                      <span className="ksl-waits">
                        {t.spinning ? "spins on " : ""}
                        {t.waitingOn}
                      </span>
                    ) : t.state === "Waiting" ? (
                      <span className="ksl-muted ksl-nowrap" title="KeDelayExecutionThread: a timer wakes it">
                        sleeping (Delay)
                      </span>
                    ) : (
                      <span className="ksl-muted">—</span>
                    )}
                  </td>
                  <td>{t.queuedApcs.length ? t.queuedApcs.join(", ") : <span className="ksl-muted">—</span>}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {picking && extraChoices.length > 0 && (
        <div className="ksl-extra-choices">
          <span>Also runnable:</span>
          {extraChoices.map((c) => (
            <button
              key={c.label}
              type="button"
              className="ksl-btn ksl-btn--small"
              onClick={() => actions.choose(c.label)}
              data-testid={`pick-${c.label}`}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
    </section>
  );
}
