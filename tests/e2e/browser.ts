// Real headless Chromium for end-to-end tests, driven by playwright-core: Debian's
// /usr/bin/chromium, else the one the @sparticuz/chromium devDependency ships inside
// its npm package (or KSYNC_CHROMIUM); scripts/chromium.mjs picks. Never a browser
// downloaded at run time.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { chromiumExecutable } from "../../scripts/chromium.mjs";

/** Launches a fresh headless Chromium profile; fails with install instructions when there is none. */
export async function launchBrowser(): Promise<BrowserContext> {
  const { path, source } = await chromiumExecutable();
  try {
    return await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), "ksync-e2e-")), {
      executablePath: path,
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
  } catch (err) {
    throw new Error(`Chromium from ${source} did not start: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
}

/** What pagePerTest hands a test file; read the fields inside hooks and tests, not at module load. */
export interface PagePerTest {
  /** This file's Chromium profile, launched before its first test and closed after its last. */
  readonly browser: BrowserContext;
  /** The current test's page, fresh for every test. */
  readonly page: Page;
  /** Uncaught errors ("pageerror") of the current test's page; emptied before each test. */
  readonly pageErrors: string[];
}

export interface PagePerTestOptions {
  /** Default timeout of every page action, so a missing element fails with its locator rather than at the test timeout. */
  readonly timeoutMs?: number;
  /** Further setup of each new page (listeners, routes, init scripts), awaited before the test starts. */
  readonly onPage?: (page: Page) => void | Promise<void>;
}

/**
 * Registers the vitest hooks most end-to-end files share: one browser per file, and before each test the
 * previous page closed and a new one opened, with its uncaught errors collected.
 */
export function pagePerTest(options: PagePerTestOptions = {}): PagePerTest {
  let browser: BrowserContext | undefined;
  let page: Page | undefined;
  const pageErrors: string[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    await page?.close();
    page = await (browser as BrowserContext).newPage();
    if (options.timeoutMs !== undefined) page.setDefaultTimeout(options.timeoutMs);
    pageErrors.length = 0;
    page.on("pageerror", (err) => pageErrors.push(err.message));
    await options.onPage?.(page);
  });
  return {
    get browser() {
      if (browser === undefined)
        throw new Error("pagePerTest: the browser is launched in beforeAll; read it in a hook or test");
      return browser;
    },
    get page() {
      if (page === undefined) throw new Error("pagePerTest: each page is opened in beforeEach; read it in a test");
      return page;
    },
    pageErrors,
  };
}
