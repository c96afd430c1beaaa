// Builds the static site once and serves dist/ on a free loopback port for
// every end-to-end test file (they read the address with inject("baseUrl")).
import { build, preview, type PreviewServer } from "vite";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

let server: PreviewServer | undefined;

export default async function setup(project: TestProject) {
  // Test what users get: Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
  const testEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = "production";
  try {
    await build({ logLevel: "warn", mode: "production" });
    // The embeddable widget (one classic script, dist/kernel-sync-lab.js) that embed.html and docs.html load.
    await build({ configFile: "vite.widget.config.ts", logLevel: "warn", mode: "production" });
  } finally {
    process.env.NODE_ENV = testEnv;
  }
  server = await preview({ preview: { port: 0, host: "127.0.0.1", strictPort: false }, logLevel: "warn" });
  const address = server.httpServer.address();
  if (!address || typeof address === "string") throw new Error("preview server has no port");
  project.provide("baseUrl", `http://127.0.0.1:${address.port}/`);
  return async () => {
    await server?.close();
  };
}
