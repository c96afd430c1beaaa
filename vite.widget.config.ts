// The embeddable widget as ONE classic script, dist/kernel-sync-lab.js: the
// <kernel-sync-lab> custom element and the embed.html page in an IIFE, with
// the engine's .wasm inlined (Vite's library mode inlines every asset), so a
// documentation page needs one <script> tag and it runs from file:// too.
// Runs after the site build (`npm run build`), into the same dist/.
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { assemblyScript } from "./core-wasm/vite-plugin-asc.ts";

export const WIDGET_FILE = "kernel-sync-lab.js";

export default defineConfig({
  base: "./",
  plugins: [react(), assemblyScript()],
  // Library mode leaves process.env.NODE_ENV alone; React needs it replaced to drop its development build.
  // An IIFE has no import.meta; the only use left is the base of the engine's (inlined, absolute) data: URL.
  define: { "process.env.NODE_ENV": JSON.stringify("production"), "import.meta.url": "document.baseURI" },
  // Production JSX even when the build runs inside Vitest (NODE_ENV=test, the e2e global setup): the define above
  // selects React's production build, which has no jsxDEV.
  oxc: { jsx: { development: false } },
  // Preact's React compatibility layer instead of React DOM in this bundle only: the components are the app's
  // own React code, but react-dom alone would be ~63 KB of the widget's gzipped size (the budget is 150 KB).
  // The app (index.html) keeps React.
  resolve: {
    alias: [
      { find: /^react-dom\/client$/, replacement: "preact/compat/client" },
      { find: /^react-dom$/, replacement: "preact/compat" },
      { find: /^react\/jsx-(dev-)?runtime$/, replacement: "preact/jsx-runtime" },
      { find: /^react$/, replacement: "preact/compat" },
    ],
  },
  build: {
    outDir: "dist",
    emptyOutDir: false,
    copyPublicDir: false,
    minify: true,
    lib: {
      entry: "web/embed/widget.ts",
      name: "KernelSyncLab",
      formats: ["iife"],
      fileName: () => WIDGET_FILE,
    },
  },
});
