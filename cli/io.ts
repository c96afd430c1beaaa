// Where a command writes: the process's streams for the real CLI, buffers in
// the tests (which call main() in-process instead of spawning node).
export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export const processIo: Io = {
  out: (text) => void process.stdout.write(text),
  err: (text) => void process.stderr.write(text),
};

let guarded = false;

/** `ksync list | head` closes stdout early: stop quietly instead of crashing on EPIPE. */
export function guardAgainstClosedPipe(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on("error", (err: NodeJS.ErrnoException) => {
    if (err.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw err;
  });
}
