// The production site (app, embed.html, docs.html and the widget script, as
// `npm run build` makes them) built into a folder of the caller's and served
// on a free loopback port, for the Chromium measurements of `npm run bench`
// and for `npm run screenshots`. A folder of its own, never dist/, so a build
// here does not overwrite one a test run or `npm run build` is using.
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { build, preview, type PreviewServer } from "vite";

export interface BuiltSite {
  /** The folder the site was built into (removed by dispose). */
  readonly dir: string;
  /** Source maps next to every chunk (bench/ui-size.ts attributes bytes to packages with them). */
  readonly sourcemaps: boolean;
  dispose(): void;
}

export interface ServedSite {
  /** http://127.0.0.1:<port>/ — the site's root, ending in a slash. */
  readonly baseUrl: string;
  close(): Promise<void>;
}

/** Builds the app and the widget into a new temporary folder, in production mode (React's production build). */
export async function buildSite(options: { readonly sourcemaps?: boolean } = {}): Promise<BuiltSite> {
  const dir = mkdtempSync(join(tmpdir(), "ksync-site-"));
  const sourcemaps = options.sourcemaps ?? false;
  // Vite and the React plugin read NODE_ENV itself (a define alone leaves the JSX runtime in development mode).
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({
      logLevel: "error",
      mode: "production",
      build: { outDir: dir, emptyOutDir: true, sourcemap: sourcemaps },
    });
    // The embeddable widget (one classic script, kernel-sync-lab.js) that embed.html and docs.html load.
    await build({ configFile: "vite.widget.config.ts", logLevel: "error", mode: "production", build: { outDir: dir } });
  } catch (err) {
    rmSync(dir, { recursive: true, force: true });
    throw err;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return { dir, sourcemaps, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A site built earlier (KSYNC_BENCH_SITE): used as it is and left in place. */
export function existingSite(dir: string): BuiltSite {
  if (!existsSync(join(dir, "index.html")) || !existsSync(join(dir, "kernel-sync-lab.js")))
    throw new Error(`${dir} holds no built site (index.html and kernel-sync-lab.js): npm run build writes one`);
  const sourcemaps = readdirSync(join(dir, "assets")).some((f) => f.endsWith(".js.map"));
  return { dir, sourcemaps, dispose: () => {} };
}

/** Serves a built site with Vite's preview server on a free port of 127.0.0.1. */
export async function serveSite(dir: string): Promise<ServedSite> {
  const server: PreviewServer = await preview({
    build: { outDir: dir },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") {
    await server.close();
    throw new Error("preview server has no port");
  }
  return { baseUrl: `http://127.0.0.1:${address.port}/`, close: () => server.close() };
}
