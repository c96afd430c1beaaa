// Real headless Chromium for end-to-end tests: Debian's /usr/bin/chromium
// (or KSYNC_CHROMIUM) driven by playwright-core. Never a downloaded browser.
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium, type BrowserContext } from "playwright-core";

export const chromiumPath = process.env.KSYNC_CHROMIUM ?? "/usr/bin/chromium";

/** Launches a fresh headless Chromium profile; fails with install instructions when there is none. */
export async function launchBrowser(): Promise<BrowserContext> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `No Chromium at ${chromiumPath}. End-to-end tests need a real browser: ` +
        `install it with "sudo apt-get install -y chromium" or set KSYNC_CHROMIUM to a Chromium binary.`,
    );
  }
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "ksync-e2e-")), {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
