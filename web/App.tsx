import { useEffect, useState } from "react";
import { openEngine } from "../core-wasm/engine";

type EngineStatus = { kind: "loading" } | { kind: "ready"; abiVersion: number } | { kind: "failed"; message: string };

export function App() {
  const [status, setStatus] = useState<EngineStatus>({ kind: "loading" });
  useEffect(() => {
    openEngine().then(
      (engine) => setStatus({ kind: "ready", abiVersion: engine.abiVersion }),
      (err: unknown) => setStatus({ kind: "failed", message: String(err) }),
    );
  }, []);
  return (
    <main className="ksl-app">
      <h1>Kernel Sync Lab</h1>
      {status.kind === "loading" && <p>Loading the engine…</p>}
      {status.kind === "ready" && <p data-testid="engine-status">Engine ready (ABI {status.abiVersion})</p>}
      {status.kind === "failed" && <p role="alert">The engine could not start: {status.message}</p>}
    </main>
  );
}
