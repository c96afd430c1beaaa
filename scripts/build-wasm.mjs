#!/usr/bin/env node
// Builds the AssemblyScript engine (debug and release targets) with asc's API.
// Used by `npm install` (prepare), the Vite plugin, the CLI and the tests, so
// nobody runs `asc` by hand. Skips a target whose output is newer than every
// source file unless --force is given.
import { buildWasm } from "./wasm-build-lib.mjs";

const force = process.argv.includes("--force");
const targets = process.argv.includes("--debug-only") ? ["debug"] : ["debug", "release"];
try {
  const built = await buildWasm({ targets, force });
  for (const line of built) console.log(line);
} catch (err) {
  console.error(err instanceof Error ? err.message : String(err));
  process.exit(1);
}
