// Run as its own process by bench/index.ts (a clean heap, so no earlier
// benchmark's garbage or pending frees blur the figure): prints the bytes one
// simulator holds after `steps` steps of the 8-CPU contention workload, with
// trace recording on or off — its linear memory, event log and
// backward-stepping snapshots.
//   node --expose-gc --import tsx bench/facade-memory.ts <on|off> <steps>
import { createSimulator } from "../core-wasm/engine/index";
import { compileScenario } from "../core-wasm/lang/index";
import { contentionScenario } from "./contention";

const [mode = "off", stepsText = "2000000"] = process.argv.slice(2);
const gc = (globalThis as { gc?: () => void }).gc;
if (gc === undefined) throw new Error("run with node --expose-gc");

async function held(): Promise<number> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  gc?.();
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

const { program } = compileScenario(contentionScenario({ threads: 64, mutexes: 4, cpus: 8 }), {
  fileName: "contention-8cpu.ksync",
});
if (program === null) throw new Error("the benchmark scenario does not compile");
const baseline = await held();
const simulator = await createSimulator(program, { maxSteps: 0x7fffffff, recordTrace: mode === "on" });
simulator.run(Number(stepsText));
console.log(String((await held()) - baseline));
simulator.dispose();
