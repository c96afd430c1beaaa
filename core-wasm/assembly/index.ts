// Kernel Sync Lab engine: the single export list of the WebAssembly module.
// Everything the hosts (browser app, widget, `ksync` CLI) may call is exported
// here and nowhere else; the TypeScript facade in core-wasm/engine mirrors it.

/** Version of the host/engine boundary (memory map, program format, events). Hosts refuse a mismatch. */
export const ABI_VERSION: i32 = 1;

/** Returns ABI_VERSION; the loader calls it once after instantiation to check the build matches. */
export function abiVersion(): i32 {
  return ABI_VERSION;
}
