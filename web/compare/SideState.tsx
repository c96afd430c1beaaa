// One side's state, compact enough for half a screen: threads (state,
// priority, IRQL, APC disable counts, waits, queued APCs), objects (owner,
// Count word, waiters) and processors (IRQL, what runs). Every field the diff
// compares is a cell that marks itself when the other side differs.
import type { ReactNode } from "react";
import { useShallow } from "zustand/react/shallow";
import type { CpuView, ObjectView, ThreadView } from "../../core-wasm/engine/types";
import { threadColor } from "../lib/colors";
import { EMPTY } from "../lib/empty";
import { irqlName } from "../lib/irql";
import { useSimulator } from "../store/SimulatorProvider";
import { useDiffCell, useDiffers } from "./diff-marks";
import { countText, diffKey } from "./snapshot-diff";

function Cell({
  k,
  as: Tag = "td",
  className = "",
  children,
}: {
  readonly k: string;
  readonly as?: "td" | "span" | "dd";
  readonly className?: string;
  readonly children: ReactNode;
}) {
  const { props, mark } = useDiffCell(k);
  return (
    <Tag {...props} className={`${className} ${props.className}`.trim() || undefined}>
      {mark}
      {children}
    </Tag>
  );
}

function OnlyHere({ k }: { readonly k: string }) {
  const { props } = useDiffCell(k);
  if (!props["data-differs"]) return null;
  return (
    <span className="ksl-tag ksl-cmp-only" data-testid="only-here">
      <span aria-hidden="true">≠ </span>only this side
    </span>
  );
}

function disable(v: number): string {
  return v > 0 ? `+${v}` : String(v);
}

function ThreadRow({ t }: { readonly t: ThreadView }) {
  const whole = diffKey.thread(t.name);
  const rowDiffers = useDiffers(whole);
  const key = (field: Parameters<typeof diffKey.thread>[1]) => diffKey.thread(t.name, field);
  const state = t.spinning ? "Spinning" : t.state;
  return (
    <tr
      data-thread={t.name}
      className={rowDiffers ? "ksl-cmp-row--differs" : undefined}
      style={{ ["--ksl-thread" as string]: threadColor(t.index) }}
    >
      <th scope="row" className="ksl-thread-name">
        <span className="ksl-swatch" aria-hidden="true" />
        {t.name}
        <OnlyHere k={whole} />
      </th>
      <Cell k={key("state")} className="ksl-nowrap">
        <span className={`ksl-state ksl-state--${state.toLowerCase()}`}>{state}</span>
      </Cell>
      <Cell k={key("priority")} className="ksl-num">
        {t.priority}
      </Cell>
      <Cell k={key("irql")} className={`ksl-irql ksl-irql--${Math.min(t.irql, 3)}`}>
        {irqlName(t.irql)}
      </Cell>
      <td className="ksl-num ksl-mono">
        <Cell k={key("special-apc")} as="span">
          {disable(t.specialApcDisable)}
        </Cell>
        {" / "}
        <Cell k={key("kernel-apc")} as="span">
          {disable(t.kernelApcDisable)}
        </Cell>
      </td>
      <Cell k={key("waits")}>
        {t.waitingOn ? (
          <span className="ksl-waits">
            {t.spinning ? "spins on " : ""}
            {t.waitingOn}
          </span>
        ) : t.state === "Waiting" ? (
          <span className="ksl-muted">sleeping</span>
        ) : (
          <span className="ksl-muted">—</span>
        )}
      </Cell>
      <Cell k={key("apcs")}>
        {t.queuedApcs.length > 0 ? t.queuedApcs.join(", ") : <span className="ksl-muted">—</span>}
        {t.runningApc && <span className="ksl-tag ksl-tag--apc">in {t.runningApc}</span>}
      </Cell>
    </tr>
  );
}

function Threads({ threads, side }: { readonly threads: readonly ThreadView[]; readonly side: string }) {
  return (
    <div className="ksl-table-wrap">
      <table className="ksl-table ksl-table--compact ksl-cmp-threads" aria-label={`Threads, ${side} side`}>
        <thead>
          <tr>
            <th scope="col">Thread</th>
            <th scope="col">State</th>
            <th scope="col" title="current priority">
              Pri
            </th>
            <th scope="col">IRQL</th>
            <th scope="col" title="SpecialApcDisable / KernelApcDisable: 0 = enabled, negative inside regions">
              APC disable S / K
            </th>
            <th scope="col">Waits on</th>
            <th scope="col">APCs queued</th>
          </tr>
        </thead>
        <tbody>
          {threads.map((t) => (
            <ThreadRow key={t.name} t={t} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ObjectItem({ o }: { readonly o: ObjectView }) {
  const whole = diffKey.object(o.name);
  const key = (field: Parameters<typeof diffKey.object>[1]) => diffKey.object(o.name, field);
  const isEvent = o.type === "KEVENT";
  return (
    <li className={`ksl-cmp-object ${useDiffers(whole) ? "ksl-cmp-row--differs" : ""}`} data-object={o.name}>
      <div className="ksl-cmp-object__head">
        <strong>{o.name}</strong>
        <Cell k={key("type")} as="span" className="ksl-object__type">
          {o.type}
        </Cell>
        <OnlyHere k={whole} />
      </div>
      <dl className="ksl-cmp-fields">
        {isEvent ? (
          <div>
            <dt>State</dt>
            <Cell k={key("signaled")} as="dd">
              {o.signaled ? "signaled" : "not signaled"}
            </Cell>
          </div>
        ) : (
          <div>
            <dt>Owner</dt>
            <Cell k={key("owner")} as="dd">
              {o.owner ?? <span className="ksl-muted">none</span>}
            </Cell>
          </div>
        )}
        {o.count && (
          <div>
            <dt>Count</dt>
            <Cell k={key("count")} as="dd" className="ksl-mono">
              {countText(o.count)}
            </Cell>
          </div>
        )}
        <div>
          <dt>Waiters</dt>
          <Cell k={key("waiters")} as="dd">
            {o.waiters.length > 0 ? o.waiters.join(", ") : <span className="ksl-muted">none</span>}
          </Cell>
        </div>
        {o.count && (
          <div>
            <dt>Contention</dt>
            <Cell k={key("contention")} as="dd" className="ksl-num">
              {o.contention}
            </Cell>
          </div>
        )}
      </dl>
    </li>
  );
}

function Cpu({ cpu }: { readonly cpu: CpuView }) {
  const whole = diffKey.cpu(cpu.index);
  return (
    <li className={`ksl-cmp-cpu ${useDiffers(whole) ? "ksl-cmp-row--differs" : ""}`} data-cpu={cpu.index}>
      <strong>CPU {cpu.index}</strong>
      <OnlyHere k={whole} />
      <Cell k={diffKey.cpu(cpu.index, "irql")} as="span" className={`ksl-irql ksl-irql--${Math.min(cpu.irql, 3)}`}>
        {irqlName(cpu.irql)}
      </Cell>
      <Cell k={diffKey.cpu(cpu.index, "runs")} as="span">
        {cpu.dpc ? `DPC ${cpu.dpc}` : (cpu.thread ?? <span className="ksl-muted">idle</span>)}
      </Cell>
    </li>
  );
}

export function SideState({ side }: { readonly side: string }) {
  const { threads, objects, cpus } = useSimulator(
    useShallow((s) => ({
      threads: s.snapshot?.threads ?? EMPTY,
      objects: s.snapshot?.objects ?? EMPTY,
      cpus: s.snapshot?.cpus ?? EMPTY,
    })),
  );
  return (
    <div className="ksl-cmp-state">
      <Threads threads={threads} side={side} />
      {objects.length > 0 && (
        <ul className="ksl-cmp-objects" aria-label={`Objects, ${side} side`}>
          {objects.map((o) => (
            <ObjectItem key={o.name} o={o} />
          ))}
        </ul>
      )}
      <ul className="ksl-cmp-cpus" aria-label={`Processors, ${side} side`}>
        {cpus.map((c) => (
          <Cpu key={c.index} cpu={c} />
        ))}
      </ul>
    </div>
  );
}
