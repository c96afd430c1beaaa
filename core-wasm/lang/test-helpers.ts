// Shared helpers for the compiler's tests (not part of the compiler).
import { compileScenario, type CompileOptions, type CompileResult } from "./index";
import { Op, type Body, type Program } from "./program";

/** `line:col-endLine:endCol message (hint)`: one string per diagnostic, easy to compare. */
export function diagnosticsOf(source: string, options?: CompileOptions): string[] {
  return compileScenario(source, options).diagnostics.map(
    (d) => `${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.message}${d.hint === null ? "" : ` (${d.hint})`}`,
  );
}

export const PRELUDE = `KGUARDED_MUTEX M;
FAST_MUTEX F;
KSPIN_LOCK S;
KEVENT E = { SynchronizationEvent, FALSE };
apc A (normal, target = T) { Work(1); }
dpc D (cpu = 0) { Work(1); }
`;

/** Compiles `statements` as the body of thread T after PRELUDE (which declares M F S E, apc A, dpc D). */
export function compileBody(statements: string, options?: CompileOptions): CompileResult {
  return compileScenario(`${PRELUDE}thread T {\n${statements}\n}\n`, options);
}

/** The first line of the body of thread T in compileBody's source. */
export const BODY_FIRST_LINE = PRELUDE.split("\n").length + 1;

/** Instructions as [op, a, b, c, d] tuples, without lines. */
export function opsOf(body: Body): number[][] {
  return body.code.map((i) => [i.op, i.a, i.b, i.c, i.d]);
}

const OBJECT_OPS = new Set<Op>([
  Op.AcquireGuardedMutex,
  Op.ReleaseGuardedMutex,
  Op.TryToAcquireGuardedMutex,
  Op.AcquireGuardedMutexUnsafe,
  Op.ReleaseGuardedMutexUnsafe,
  Op.AcquireFastMutex,
  Op.ReleaseFastMutex,
  Op.TryToAcquireFastMutex,
  Op.AcquireFastMutexUnsafe,
  Op.ReleaseFastMutexUnsafe,
  Op.AcquireSpinLock,
  Op.ReleaseSpinLock,
  Op.AcquireSpinLockAtDpcLevel,
  Op.ReleaseSpinLockFromDpcLevel,
  Op.SetEvent,
  Op.ResetEvent,
  Op.ClearEvent,
  Op.WaitForSingleObject,
  Op.InitializeGuardedMutex,
  Op.InitializeFastMutex,
  Op.InitializeSpinLock,
  Op.InitializeEvent,
]);

/** Structural invariants every compiled program must satisfy; returns the violations. */
export function programViolations(p: Program, lineCount: number): string[] {
  const problems: string[] = [];
  const bodies = [...p.threads.map((t) => t.body), ...p.apcs.map((a) => a.body), ...p.dpcs.map((d) => d.body)];
  for (const body of bodies) {
    const n = body.code.length;
    if (n === 0 || body.code[n - 1]?.op !== Op.End) problems.push("body does not end with End");
    if (body.localNames.length !== body.localCount) problems.push("localNames and localCount disagree");
    const inBody = (x: number): boolean => Number.isInteger(x) && x >= 0 && x <= n;
    const slot = (x: number, allowNone: boolean): boolean => (allowNone && x === -1) || (x >= 0 && x < body.localCount);
    for (const ins of body.code) {
      if (!(ins.line >= 1 && ins.line <= lineCount)) problems.push(`line ${ins.line} out of range`);
      if (OBJECT_OPS.has(ins.op) && !(ins.a >= 0 && ins.a < p.objects.length))
        problems.push(`object ${ins.a} out of range`);
      switch (ins.op) {
        case Op.Jump:
          if (!inBody(ins.a)) problems.push("jump target out of body");
          break;
        case Op.RepeatInit:
          if (!slot(ins.a, false) || !inBody(ins.c)) problems.push("bad RepeatInit");
          break;
        case Op.RepeatNext:
          if (!slot(ins.a, false) || !inBody(ins.b)) problems.push("bad RepeatNext");
          break;
        case Op.TryToAcquireGuardedMutex:
        case Op.TryToAcquireFastMutex:
          if (!inBody(ins.b)) problems.push("try target out of body");
          break;
        case Op.RaiseIrql:
          if (!(ins.a >= 0 && ins.a <= 15) || !slot(ins.b, true)) problems.push("bad RaiseIrql");
          break;
        case Op.RaiseIrqlToDpcLevel:
          if (!slot(ins.a, true)) problems.push("bad RaiseIrqlToDpcLevel");
          break;
        case Op.LowerIrql:
          if (ins.a === 1 ? !slot(ins.b, false) : !(ins.b >= 0 && ins.b <= 15)) problems.push("bad LowerIrql");
          break;
        case Op.AcquireSpinLock:
          if (!slot(ins.b, true)) problems.push("bad AcquireSpinLock");
          break;
        case Op.ReleaseSpinLock:
          if (ins.b === 1 ? !slot(ins.c, false) : !(ins.c >= 0 && ins.c <= 15)) problems.push("bad ReleaseSpinLock");
          break;
        case Op.InsertQueueApc:
          if (!(ins.a >= 0 && ins.a < p.apcs.length)) problems.push("apc out of range");
          break;
        case Op.InsertQueueDpc:
          if (!(ins.a >= 0 && ins.a < p.dpcs.length)) problems.push("dpc out of range");
          break;
        case Op.Work:
          if (!(ins.a >= 1)) problems.push("Work < 1");
          break;
        case Op.Delay:
          if (!(ins.a >= 0)) problems.push("Delay < 0");
          break;
        default:
          break;
      }
    }
  }
  for (const a of p.apcs) if (!(a.target >= 0 && a.target < p.threads.length)) problems.push("apc target out of range");
  for (const t of p.threads)
    if (!(t.affinity === -1 || (t.affinity >= 0 && t.affinity < p.options.cpus)))
      problems.push("affinity out of range");
  for (const d of p.dpcs) if (!(d.cpu >= 0 && d.cpu < p.options.cpus)) problems.push("dpc cpu out of range");
  for (let i = 1; i < p.insertions.length; i++)
    if ((p.insertions[i]?.tick ?? 0) < (p.insertions[i - 1]?.tick ?? 0)) problems.push("insertions unsorted");
  return problems;
}
