// `npm start` (the Vite dev server) serves embed.html and docs.html from the
// sources, but their widget script, kernel-sync-lab.js, only exists after the
// widget build. This dev-only plugin builds it in memory with
// vite.widget.config.ts on first request and again after a source change.
import { fileURLToPath } from "node:url";
import { build, type Plugin, type Rollup } from "vite";

const widgetConfig = fileURLToPath(new URL("../../vite.widget.config.ts", import.meta.url));

export function serveWidgetInDev(): Plugin {
  let bundle: Promise<string> | undefined;
  return {
    name: "ksync-widget-dev",
    apply: "serve",
    configureServer(server) {
      server.watcher.on("change", (file) => {
        if (/[\\/](web|core-wasm|scenarios)[\\/]/.test(file)) bundle = undefined;
      });
      server.middlewares.use((request, response, next) => {
        if (!(request.url ?? "").split("?")[0]!.endsWith("/kernel-sync-lab.js")) return next();
        bundle ??= build({ configFile: widgetConfig, logLevel: "warn", build: { write: false } }).then((result) => {
          const output = (Array.isArray(result) ? result[0] : result) as Rollup.RollupOutput;
          return output.output[0].code;
        });
        bundle.then(
          (code) =>
            response
              .writeHead(200, { "content-type": "text/javascript; charset=utf-8", "cache-control": "no-store" })
              .end(code),
          (err: unknown) => {
            bundle = undefined;
            next(err);
          },
        );
      });
    },
  };
}
