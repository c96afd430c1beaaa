// Both sides of the boundary agree: every memory-map constant of
// assembly/abi.ts equals its mirror in engine/abi.ts, and the versions match.
import { expect, test } from "vitest";
import { ABI_ORDER, PROGRAM_BASE, STATE_BASE, TRACE_BASE, EXPORT_BASE, TRACE_BYTES, STATE_MAX_BYTES } from "./abi";
import { ENGINE_ABI_VERSION } from "./facade";
import { createEngineInstance } from "./loader";

test("every ABI constant matches the engine's", async () => {
  const engine = await createEngineInstance();
  expect(engine.exports.abiVersion()).toBe(ENGINE_ABI_VERSION);
  ABI_ORDER.forEach(([name, value], i) => {
    expect([name, engine.exports.abiConstant(i)]).toEqual([name, value]);
  });
  expect(engine.exports.abiConstant(ABI_ORDER.length)).toBe(-1);
});

test("the fixed regions lie below memoryBase (4 MiB) and do not overlap", () => {
  expect(PROGRAM_BASE).toBeGreaterThan(0);
  expect(STATE_BASE + STATE_MAX_BYTES).toBeLessThanOrEqual(EXPORT_BASE);
  expect(EXPORT_BASE).toBeLessThan(TRACE_BASE);
  expect(TRACE_BASE + TRACE_BYTES).toBeLessThanOrEqual(4 * 1024 * 1024);
});
