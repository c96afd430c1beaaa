// Which Chromium the end-to-end tests drive, in order of preference:
//   1. KSYNC_CHROMIUM, when set: a path to a Chromium binary, or "package" to force (3);
//   2. Debian's /usr/bin/chromium (apt-get install -y chromium);
//   3. the headless Chromium that the @sparticuz/chromium devDependency ships inside
//      its npm package (brotli-compressed; no download at install time), unpacked once
//      into node_modules/.cache/ the first time a test asks for it.
// So `npm install && npm test` works on a fresh machine, and Debian's browser, kept
// up to date by apt, stays the first choice wherever it is installed.
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createBrotliDecompress } from "node:zlib";

export const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const PACKAGE = "@sparticuz/chromium";
const projectRoot = join(dirname(fileURLToPath(import.meta.url)), "..");

export const INSTALL_HINT =
  `run "npm install" (it brings ${PACKAGE}), or install Debian's with "apt-get install -y chromium", ` +
  `or set KSYNC_CHROMIUM to a Chromium binary`;

/**
 * @typedef {{ path: string, source: string, archive?: string }} ChromiumLocation
 *   path: the binary to launch (for the package, where it is or will be unpacked);
 *   source: a short human description; archive: the packaged .br file still to unpack
 */

/**
 * Where the browser is, without unpacking anything.
 * @returns {ChromiumLocation | { error: string }}
 */
export function locateChromium(env = process.env) {
  const chosen = env.KSYNC_CHROMIUM;
  if (chosen !== undefined && chosen !== "" && chosen !== "package") {
    return existsSync(chosen)
      ? { path: chosen, source: `KSYNC_CHROMIUM (${chosen})` }
      : { error: `No Chromium at KSYNC_CHROMIUM=${chosen}: unset it or point it at a Chromium binary` };
  }
  if (chosen !== "package" && existsSync(DEBIAN_CHROMIUM))
    return { path: DEBIAN_CHROMIUM, source: "Debian's chromium" };
  const packaged = locatePackagedChromium();
  if (packaged) return packaged;
  return {
    error:
      chosen === "package"
        ? `KSYNC_CHROMIUM=package but ${PACKAGE} is not installed: run "npm install"`
        : `No Chromium for the end-to-end tests: ${INSTALL_HINT}`,
  };
}

/** @returns {ChromiumLocation | undefined} */
function locatePackagedChromium() {
  let dir;
  try {
    dir = dirname(createRequire(join(projectRoot, "package.json")).resolve(PACKAGE));
  } catch {
    return undefined;
  }
  // The package exports only its code (build/cjs/, which has a package.json of its own); walk up from it to the
  // package's root, where bin/ is.
  for (; dirname(dir) !== dir; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (!existsSync(manifest)) continue;
    const { name, version } = JSON.parse(readFileSync(manifest, "utf8"));
    if (name === PACKAGE) return packagedChromium(dir, version);
  }
  return undefined;
}

/** @returns {ChromiumLocation | undefined} */
function packagedChromium(packageDir, version) {
  const archive = join(packageDir, "bin", "chromium.br");
  if (!existsSync(archive)) return undefined;
  const path = join(projectRoot, "node_modules", ".cache", "ksync-chromium", version, "chromium");
  return { path, source: `${PACKAGE} ${version}`, archive: existsSync(path) ? undefined : archive };
}

/**
 * The Chromium binary to launch, unpacking the packaged one on first use (a few seconds, ~200 MB).
 * Rejects with what to install when there is none.
 * @returns {Promise<ChromiumLocation>}
 */
export async function chromiumExecutable(env = process.env) {
  const found = locateChromium(env);
  if ("error" in found) throw new Error(found.error);
  if (found.archive) {
    mkdirSync(dirname(found.path), { recursive: true });
    // Unpack beside the target and rename: a concurrent test run never sees a half-written binary.
    const partial = `${found.path}.${process.pid}.partial`;
    try {
      await pipeline(
        createReadStream(found.archive),
        createBrotliDecompress(),
        createWriteStream(partial, { mode: 0o755 }),
      );
      renameSync(partial, found.path);
    } finally {
      rmSync(partial, { force: true });
    }
  }
  return { path: found.path, source: found.source };
}
