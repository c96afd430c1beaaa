// Synchronization objects: owner, the wait queue in wake order, the guarded /
// fast mutex Count word as bits (docs/kernel-semantics.md §3.2: LOCK = 1 means
// free, WAITER_WOKEN, waiters × 4) with Contention, and events' state.
import { useShallow } from "zustand/react/shallow";
import type { ObjectView } from "../../core-wasm/engine/types";
import { threadColor } from "../lib/colors";
import { irqlName } from "../lib/irql";
import { EMPTY } from "../lib/empty";
import { selectDpcActivity } from "../store/selectors";
import { useSimulator } from "../store/SimulatorProvider";

const TYPE_NOTE: Record<ObjectView["type"], string> = {
  KGUARDED_MUTEX: "guarded mutex",
  FAST_MUTEX: "fast mutex",
  KSPIN_LOCK: "spin lock",
  KEVENT: "event",
};

function hex(n: number): string {
  return `0x${(n >>> 0).toString(16).toUpperCase()}`;
}

function CountWordBits({ object }: { object: ObjectView }) {
  const count = object.count;
  if (!count) return null;
  return (
    <div
      className="ksl-count"
      data-testid={`count-${object.name}`}
      aria-label={`Count ${hex(count.raw)}: ${count.free ? "LOCK set, free" : "LOCK clear, owned"}, WOKEN ${count.woken ? 1 : 0}, ${count.waiters} waiters`}
    >
      <span className="ksl-count__label">Count {hex(count.raw)}</span>
      <span className="ksl-bit ksl-bit--wide" title="Count >> 2: threads registered as waiting">
        <span className="ksl-bit__name">waiters</span>
        <span className="ksl-bit__value" data-testid={`waiters-${object.name}`}>
          {count.waiters}
        </span>
      </span>
      <span
        className={`ksl-bit ${count.woken ? "ksl-bit--set" : ""}`}
        title="WAITER_WOKEN (bit 1): a woken waiter has not retried yet"
      >
        <span className="ksl-bit__name">WOKEN</span>
        <span className="ksl-bit__value">{count.woken ? 1 : 0}</span>
      </span>
      <span
        className={`ksl-bit ${count.free ? "ksl-bit--set" : "ksl-bit--owned"}`}
        title="LOCK (bit 0): 1 = free, 0 = owned"
      >
        <span className="ksl-bit__name">LOCK</span>
        <span className="ksl-bit__value">{count.free ? 1 : 0}</span>
      </span>
      <span
        className="ksl-count__contention"
        title="Contention: times an acquire took the slow path (never decremented)"
      >
        Contention <strong>{object.contention}</strong>
      </span>
    </div>
  );
}

function WaitQueue({
  object,
  laneOf,
  spinningDpcs,
}: {
  object: ObjectView;
  laneOf: Map<string, number>;
  spinningDpcs: readonly string[];
}) {
  const dpcs = spinningDpcs.filter((d) => !object.waiters.includes(d));
  return (
    <div className="ksl-queue" data-testid={`queue-${object.name}`}>
      <span className="ksl-queue__label">{object.type === "KSPIN_LOCK" ? "spinning" : "wait queue"}</span>
      {object.waiters.length === 0 && dpcs.length === 0 ? (
        <span className="ksl-muted ksl-small">empty</span>
      ) : (
        <ol className="ksl-queue__items" aria-label={`${object.name} wait queue, head first`}>
          {object.waiters.map((w, i) => (
            <li
              key={w}
              className="ksl-chip ksl-queue__item"
              style={{ ["--ksl-thread" as string]: threadColor(laneOf.get(w) ?? 0) }}
              data-waiter={w}
            >
              {i === 0 && <span className="ksl-queue__head">head</span>}
              <span className="ksl-swatch" aria-hidden="true" />
              {w}
            </li>
          ))}
          {dpcs.map((d) => (
            <li key={`dpc-${d}`} className="ksl-chip ksl-queue__item ksl-chip--dpc" data-waiter={d}>
              DPC {d}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}

function ObjectCard({
  object,
  laneOf,
  inCycle,
  spinningDpcs,
}: {
  object: ObjectView;
  laneOf: Map<string, number>;
  inCycle: boolean;
  spinningDpcs: readonly string[];
}) {
  const isEvent = object.type === "KEVENT";
  return (
    <li
      className={`ksl-object ${inCycle ? "ksl-object--cycle" : ""}`}
      data-object={object.name}
      data-type={object.type}
    >
      <div className="ksl-object__head">
        <span className="ksl-object__name">{object.name}</span>
        <span className="ksl-object__type" title={TYPE_NOTE[object.type]}>
          {object.type}
        </span>
        {isEvent ? (
          <span className={`ksl-pill ${object.signaled ? "ksl-pill--on" : ""}`} data-testid={`signaled-${object.name}`}>
            {object.signaled ? "Signaled" : "Not signaled"}
          </span>
        ) : (
          <span className={`ksl-pill ${object.owner ? "ksl-pill--held" : "ksl-pill--on"}`}>
            {object.owner ? (
              <>
                owned by <strong data-testid={`owner-${object.name}`}>{object.owner}</strong>
              </>
            ) : (
              "free"
            )}
          </span>
        )}
      </div>
      {isEvent && object.eventType && <div className="ksl-small ksl-muted">{object.eventType}</div>}
      <CountWordBits object={object} />
      {(object.oldIrql !== null || object.gateSignaled) && (
        <div className="ksl-small ksl-muted">
          {object.oldIrql !== null && <>OldIrql {irqlName(object.oldIrql)}</>}
          {object.oldIrql !== null && object.gateSignaled ? " · " : ""}
          {object.gateSignaled && (
            <span
              className="ksl-flag"
              title="The gate was signaled with nobody waiting: the next gate wait returns at once"
            >
              gate latched signaled
            </span>
          )}
        </div>
      )}
      <WaitQueue object={object} laneOf={laneOf} spinningDpcs={spinningDpcs} />
    </li>
  );
}

export function ObjectsPanel() {
  const { objects, threads, cycleObjects, snapshot } = useSimulator(
    useShallow((s) => ({
      snapshot: s.snapshot,
      objects: s.snapshot?.objects ?? EMPTY,
      threads: s.snapshot?.threads ?? EMPTY,
      cycleObjects: s.snapshot?.deadlock?.cycle.map((e) => e.waitsFor).join("\n") ?? "",
    })),
  );
  const laneOf = new Map(threads.map((t) => [t.name, t.index]));
  const inCycle = new Set(cycleObjects.split("\n"));
  const dpcs = selectDpcActivity(snapshot);
  return (
    <section className="ksl-panel ksl-objects" aria-labelledby="ksl-objects-h" data-testid="objects-panel">
      <header className="ksl-panel__head">
        <h2 id="ksl-objects-h">Objects</h2>
      </header>
      {objects.length === 0 ? (
        <p className="ksl-muted ksl-small">This scenario declares no synchronization objects.</p>
      ) : (
        <ul className="ksl-object-list">
          {objects.map((o) => (
            <ObjectCard
              key={o.name}
              object={o}
              laneOf={laneOf}
              inCycle={inCycle.has(o.name)}
              spinningDpcs={dpcs.filter((d) => d.spinningOn === o.name).map((d) => d.dpc)}
            />
          ))}
        </ul>
      )}
    </section>
  );
}

export function ApcDpcPanel() {
  const { apcs, dpcs } = useSimulator(
    useShallow((s) => ({ apcs: s.snapshot?.apcs ?? EMPTY, dpcs: s.snapshot?.dpcs ?? EMPTY })),
  );
  if (apcs.length === 0 && dpcs.length === 0) return null;
  const at = (v: number | null) => (v === null ? <span className="ksl-muted">—</span> : `tick ${v}`);
  return (
    <section className="ksl-panel ksl-apcs" aria-labelledby="ksl-apcs-h" data-testid="apc-panel">
      <header className="ksl-panel__head">
        <h2 id="ksl-apcs-h">APCs and DPCs</h2>
      </header>
      <div className="ksl-table-wrap">
        <table className="ksl-table ksl-table--compact">
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Target</th>
              <th scope="col">Queued</th>
              <th scope="col">Delivered</th>
              <th scope="col">Done</th>
            </tr>
          </thead>
          <tbody>
            {apcs.map((a) => (
              <tr key={`apc-${a.name}`} data-apc={a.name} data-delivered={a.deliveredAt ?? ""}>
                <th scope="row">{a.name}</th>
                <td>{a.kind === "special" ? "special kernel" : a.kind === "normal" ? "normal kernel" : "user"} APC</td>
                <td>{a.target}</td>
                <td>{at(a.queuedAt)}</td>
                <td data-testid={`apc-delivered-${a.name}`}>{at(a.deliveredAt)}</td>
                <td>{at(a.completedAt)}</td>
              </tr>
            ))}
            {dpcs.map((d) => (
              <tr key={`dpc-${d.name}`} data-dpc={d.name}>
                <th scope="row">{d.name}</th>
                <td>DPC</td>
                <td>CPU {d.cpu}</td>
                <td>{at(d.queuedAt)}</td>
                <td>{at(d.deliveredAt)}</td>
                <td>
                  <span className="ksl-muted">—</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
