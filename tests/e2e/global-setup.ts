// Builds the static site once and serves it on a free loopback port for
// every end-to-end test file (they read the address with inject("baseUrl")).
import { rmSync } from "node:fs";
import { build, preview, type PreviewServer } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
    /** The built site this run serves (a folder of its own; see below). */
    siteDir: string;
  }
}

let server: PreviewServer | undefined;

export default async function setup(project: TestProject) {
  // Test what users get: Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  // A folder of this run's own, not dist/: two test runs at once (or a test run beside `npm run build`) must not
  // overwrite each other's site.
  const outDir = `.test-results/site-${process.pid}`;
  const site = { outDir, emptyOutDir: true };
  try {
    await build({ logLevel: "warn", mode: "production", build: site });
    // The embeddable widget (one classic script, kernel-sync-lab.js) that embed.html and docs.html load.
    await build({ configFile: "vite.widget.config.ts", logLevel: "warn", mode: "production", build: { outDir } });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
  server = await preview({
    build: { outDir },
    preview: { port: 0, host: "127.0.0.1", strictPort: false },
    logLevel: "warn",
  });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("preview server has no port");
  project.provide("baseUrl", `http://127.0.0.1:${address.port}/`);
  project.provide("siteDir", outDir);
  return async () => {
    await server?.close();
    rmSync(outDir, { recursive: true, force: true });
  };
}
