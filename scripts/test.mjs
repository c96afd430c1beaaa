#!/usr/bin/env node
// `npm test`: every check, in order, then one closing line "N passed, N failed"
// that sums the static checks (asc, tsc, ESLint, Prettier) and every Vitest test
// (unit, property, component and end-to-end in headless Chromium), counted
// strictly by scripts/vitest-summary.mjs. Exits 1 on any failure.
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { chromiumExecutable, locateChromium } from "./chromium.mjs";
import { closingLine, runVitest } from "./vitest-summary.mjs";

let passed = 0;
let failed = 0;
const failures = [];

// Say first, not after six minutes, when the end-to-end tests cannot run.
const browser = locateChromium();
const noBrowser = "error" in browser ? `✖ ${browser.error}` : undefined;
if (noBrowser) console.log(`${noBrowser}\n  The end-to-end tests will fail.`);
else {
  try {
    const ready = await chromiumExecutable();
    console.log(`Chromium for the end-to-end tests: ${ready.source} (${ready.path})`);
  } catch (err) {
    console.log(`✖ Chromium could not be prepared: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    failures.push(`${label} failed`);
    console.log(`✖ ${label} failed`);
  }
}

step("AssemblyScript build and type check (asc, debug + release)", "node", ["scripts/build-wasm.mjs"]);
step("TypeScript type check (tsc)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
step("Lint (ESLint)", "npx", ["eslint", "."]);
step("Format (Prettier --check)", "npx", ["prettier", "--check", "--log-level", "warn", "."]);

console.log("\n▶ Vitest: unit, property, component and end-to-end tests");
mkdirSync(".test-results", { recursive: true });
const vitest = runVitest([], { reportFile: ".test-results/vitest.json" });
passed += vitest.passed;
failed += vitest.failed;
failures.push(...vitest.problems);

// The summary opens and, just above the closing line, ends with the missing browser, the likeliest cause.
console.log("\n── Summary");
if (noBrowser) console.log(noBrowser);
for (const failure of failures) console.log(`✖ ${failure}`);
if (noBrowser) console.log(noBrowser);
console.log(closingLine({ passed, failed }));
process.exit(failed === 0 ? 0 : 1);
