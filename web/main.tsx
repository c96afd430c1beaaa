import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { loadEngineModule } from "../core-wasm/engine";
import { App } from "./App";

// Start fetching and compiling the engine now, in parallel with the library chunk.
loadEngineModule().catch(() => {
  /* the simulator reports the failure when it asks for the module again */
});

const root = document.getElementById("root");
if (root)
  createRoot(root).render(
    <StrictMode>
      <App />
    </StrictMode>,
  );
