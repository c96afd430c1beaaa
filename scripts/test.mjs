#!/usr/bin/env node
// `npm test`: every check, in order, then one closing line "N passed, N failed"
// that sums the static checks (asc, tsc, ESLint, Prettier) and every Vitest test
// (unit, property, component and end-to-end in headless Chromium).
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync } from "node:fs";

let passed = 0;
let failed = 0;

function step(label, command, args) {
  console.log(`\n▶ ${label}`);
  const result = spawnSync(command, args, { stdio: "inherit" });
  if (result.status === 0) passed += 1;
  else {
    failed += 1;
    console.log(`✖ ${label} failed`);
  }
  return result.status === 0;
}

step("AssemblyScript build and type check (asc, debug + release)", "node", ["scripts/build-wasm.mjs"]);
step("TypeScript type check (tsc)", "npx", ["tsc", "--noEmit", "-p", "tsconfig.json"]);
step("Lint (ESLint)", "npx", ["eslint", "."]);
step("Format (Prettier --check)", "npx", ["prettier", "--check", "--log-level", "warn", "."]);

mkdirSync(".test-results", { recursive: true });
const reportFile = ".test-results/vitest.json";
rmSync(reportFile, { force: true });
console.log("\n▶ Vitest: unit, property, component and end-to-end tests");
spawnSync("npx", ["vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${reportFile}`], {
  stdio: "inherit",
});
try {
  const report = JSON.parse(readFileSync(reportFile, "utf8"));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load (syntax error, failing setup) has no tests but must count.
  for (const file of report.testResults) {
    if (file.status === "failed" && file.assertionResults.length === 0) {
      failed += 1;
      console.log(`✖ ${file.name}: ${file.message || "failed to run"}`);
    }
  }
  if (report.numTotalTests === 0) {
    failed += 1;
    console.log("✖ Vitest ran no test");
  }
} catch (err) {
  failed += 1;
  console.log(`✖ no Vitest report (${err instanceof Error ? err.message : String(err)})`);
}

console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
