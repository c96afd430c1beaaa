// Types of scripts/chromium.mjs for the TypeScript end-to-end helpers.
export interface ChromiumLocation {
  /** The binary to launch. */
  readonly path: string;
  /** Where it comes from, for messages: "Debian's chromium", "@sparticuz/chromium 147.0.0", "KSYNC_CHROMIUM (…)". */
  readonly source: string;
  /** The packaged archive still to unpack into path, if any. */
  readonly archive?: string;
}
export const DEBIAN_CHROMIUM: string;
export const INSTALL_HINT: string;
export function locateChromium(env?: NodeJS.ProcessEnv): ChromiumLocation | { readonly error: string };
export function chromiumExecutable(env?: NodeJS.ProcessEnv): Promise<ChromiumLocation>;
