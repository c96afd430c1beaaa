import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { assemblyScript } from "./core-wasm/vite-plugin-asc.ts";
import { serveWidgetInDev } from "./web/embed/dev-server-plugin.ts";

export default defineConfig({
  // Relative asset URLs: the built site works from any static server and sub-path.
  base: "./",
  plugins: [react(), assemblyScript(), serveWidgetInDev()],
  build: {
    outDir: "dist",
    // Keep the .wasm a file of its own (Vite would inline a small one as a data: URL).
    assetsInlineLimit: (file) => (file.endsWith(".wasm") ? false : undefined),
    // Multi-page: the app, the iframe embed page and the embedding docs. The <kernel-sync-lab> script those two
    // load is built by vite.widget.config.ts into the same dist/ (npm run build runs both).
    rollupOptions: { input: { main: "index.html", embed: "embed.html", docs: "docs.html" } },
  },
  // Loopback only, and never open a browser: `npm start` on a headless machine prints the URL and nothing else
  // (with no xdg-open, opening one fails with a stack trace). preview inherits both.
  server: { host: "127.0.0.1", open: false },
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          environment: "node",
          include: ["core-wasm/**/*.test.ts", "cli/**/*.test.ts", "scenarios/**/*.test.ts", "tests/unit/**/*.test.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "web",
          environment: "jsdom",
          include: ["web/**/*.test.{ts,tsx}"],
        },
      },
      {
        extends: true,
        test: {
          name: "e2e",
          environment: "node",
          include: ["tests/e2e/**/*.test.ts"],
          globalSetup: ["tests/e2e/global-setup.ts"],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
