// Shared AssemblyScript build step: one implementation for the npm scripts,
// the Vite plugin (dev server rebuild on change, `vite build`) and Node hosts.
import { readdirSync, statSync, existsSync, mkdirSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

export const coreDir = join(dirname(fileURLToPath(import.meta.url)), "..", "core-wasm");
export const assemblyDir = join(coreDir, "assembly");
/** Boundary constants compiled by both the engine and the hosts (imported by assemblyDir's files). */
export const sharedDir = join(coreDir, "shared");

function newestSourceTime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSourceTime(path));
    else newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Path of a target's .wasm output. */
export function wasmPath(target) {
  return join(coreDir, "build", `${target}.wasm`);
}

/** True when the target's output is missing or older than a source file or the config. */
export function isStale(target) {
  const out = wasmPath(target);
  if (!existsSync(out)) return true;
  const sources = Math.max(
    newestSourceTime(assemblyDir),
    newestSourceTime(sharedDir),
    statSync(join(coreDir, "asconfig.json")).mtimeMs,
  );
  return statSync(out).mtimeMs < sources;
}

/**
 * Compiles the given targets. Resolves to one summary line per target; rejects
 * with asc's diagnostics (file:line:col) when compilation fails.
 */
export async function buildWasm({ targets = ["debug", "release"], force = false } = {}) {
  const asc = await import("assemblyscript/asc");
  mkdirSync(join(coreDir, "build"), { recursive: true });
  const lines = [];
  for (const target of targets) {
    if (!force && !isStale(target)) {
      lines.push(`wasm ${target}: up to date`);
      continue;
    }
    let stderrText = "";
    const stderr = asc.createMemoryStream((chunk) => {
      stderrText += chunk.toString();
    });
    const started = Date.now();
    const { error } = await asc.main(
      ["--config", join(coreDir, "asconfig.json"), "--target", target, "--baseDir", coreDir],
      { stderr, stdout: asc.createMemoryStream() },
    );
    if (error) throw new Error(`AssemblyScript ${target} build failed:\n${stderrText || error.message}`);
    const size = statSync(wasmPath(target)).size;
    lines.push(`wasm ${target}: built ${size} bytes in ${Date.now() - started} ms`);
  }
  return lines;
}
