// Vite plugin that keeps core-wasm/build/*.wasm in step with the AssemblyScript
// sources: builds before `vite build`, the dev server and Vitest start, and
// rebuilds (then reloads the page) when a file under core-wasm/assembly or
// core-wasm/shared changes.
import type { Plugin } from "vite";
// @ts-expect-error -- plain ESM helper shared with the npm scripts, no types
import { buildWasm, assemblyDir, sharedDir } from "../scripts/wasm-build-lib.mjs";

let firstBuild: Promise<string[]> | undefined;

export function assemblyScript(): Plugin {
  return {
    name: "ksync-assemblyscript",
    async buildStart() {
      firstBuild ??= buildWasm({ targets: ["debug", "release"] }) as Promise<string[]>;
      await firstBuild;
    },
    configureServer(server) {
      server.watcher.add([assemblyDir, sharedDir]);
      server.watcher.on("change", (file) => {
        if (!file.startsWith(assemblyDir) && !file.startsWith(sharedDir)) return;
        (buildWasm({ targets: ["debug", "release"] }) as Promise<string[]>)
          .then((lines) => {
            server.config.logger.info(lines.join("\n"));
            server.ws.send({ type: "full-reload" });
          })
          .catch((err: unknown) => server.config.logger.error(String(err)));
      });
    },
  };
}
