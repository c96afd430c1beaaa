// The built engine speaks the boundary this source defines. Both sides compile
// core-wasm/shared, so the sources cannot disagree; what can is a .wasm built
// from an older copy. The engine exports every shared constant and enum member
// as a WebAssembly global (assembly/index.ts), and this test compares each one,
// by name, with the value the host compiled: a wasm that is stale by a single
// constant fails here.
import { expect, test } from "vitest";
import * as MemoryMap from "../shared/memory-map";
import * as EngineCodes from "../shared/engine-codes";
import * as TraceCodes from "../shared/trace-codes";
import * as ExplorerCodes from "../shared/explorer-codes";
import * as ProgramFormat from "../shared/program-format";
import * as Limits from "../shared/limits";
import { ENGINE_ABI_VERSION } from "./facade";
import { createEngineInstance } from "./loader";

/** name → value of a shared module: its integer constants, and its enums' members as "Enum.Member". */
function boundaryValues(module: Record<string, unknown>): [string, number][] {
  const out: [string, number][] = [];
  for (const [name, value] of Object.entries(module)) {
    if (typeof value === "number") out.push([name, value]);
    else if (value && typeof value === "object")
      for (const [member, code] of Object.entries(value))
        if (typeof code === "number") out.push([`${name}.${member}`, code]);
  }
  return out;
}

const SHARED = { MemoryMap, EngineCodes, TraceCodes, ExplorerCodes, ProgramFormat, Limits };

test("the engine's ABI version is the facade's", async () => {
  const engine = await createEngineInstance();
  expect(engine.exports.abiVersion()).toBe(ENGINE_ABI_VERSION);
});

test.each(Object.entries(SHARED))("every constant of %s has the same value in the built engine", async (_, module) => {
  const engine = await createEngineInstance();
  const globals = engine.exports as unknown as Record<string, { value: number } | undefined>;
  const values = boundaryValues(module as Record<string, unknown>);
  expect(values.length).toBeGreaterThan(0);
  for (const [name, value] of values) expect([name, globals[name]?.value]).toEqual([name, value]);
});

test("the fixed regions lie below memoryBase (4 MiB) and do not overlap; the explorer's lies above", () => {
  const m = MemoryMap;
  expect(m.PROGRAM_BASE).toBeGreaterThan(0);
  expect(m.PROGRAM_BASE + m.PROGRAM_MAX_BYTES).toBeLessThanOrEqual(m.STATE_BASE);
  expect(m.STATE_BASE + m.STATE_MAX_BYTES).toBeLessThanOrEqual(m.EXPORT_BASE);
  expect(m.EXPORT_BASE + m.EXPORT_BYTES).toBeLessThanOrEqual(m.TRACE_BASE);
  expect(m.TRACE_BASE + m.TRACE_BYTES).toBeLessThanOrEqual(m.STEP_LOG_BASE);
  expect(m.STEP_LOG_BASE + m.STEP_LOG_ENTRIES * m.STEP_LOG_WORDS * 4).toBeLessThanOrEqual(4 * 1024 * 1024);
  expect(m.WRITE_MAP_BASE + m.WRITE_MAP_BYTES).toBeLessThanOrEqual(m.PROGRAM_BASE);
  expect(m.EXPLORER_BASE).toBeGreaterThanOrEqual(4 * 1024 * 1024);
});
