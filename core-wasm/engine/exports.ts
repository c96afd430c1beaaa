// Typed mirror of core-wasm/assembly/index.ts: every function the engine exports.
// Keep in the same order as the AssemblyScript file; tests/abi.test.ts checks
// that both sides agree.

export interface EngineExports {
  /** Version of the host/engine boundary; see ABI_VERSION in assembly/index.ts. */
  abiVersion(): number;
}
