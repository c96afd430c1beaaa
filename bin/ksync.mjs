#!/usr/bin/env node
// `ksync`: the command-line front of Kernel Sync Lab. Runs the TypeScript CLI
// through tsx so a checkout needs no separate compile step.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
