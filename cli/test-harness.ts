// Runs `ksync` in-process for the CLI tests: main() with stdout and stderr
// captured into strings instead of the process's streams.
import { main } from "./main";

export interface KsyncResult {
  code: number;
  out: string;
  err: string;
}

/** `ksync ...argv`, returning its exit code and everything it printed. */
export async function ksync(...argv: string[]): Promise<KsyncResult> {
  let out = "";
  let err = "";
  const code = await main(argv, { out: (t) => void (out += t), err: (t) => void (err += t) });
  return { code, out, err };
}
