// Lays a compiled Program out as the i32 words the engine reads (see program.ts).
import {
  APC_WORDS,
  DPC_WORDS,
  GOAL_WORDS,
  GoalKind,
  HEADER_WORDS,
  HeaderWord,
  INSERTION_WORDS,
  INSTRUCTION_WORDS,
  OBJECT_WORDS,
  Op,
  PROGRAM_FORMAT_VERSION,
  PROGRAM_MAGIC,
  THREAD_WORDS,
  type Body,
  type Program,
} from "./program";

/** Operand positions that hold a body-relative jump target, per opcode. */
const JUMP_OPERANDS: Partial<Record<Op, ("a" | "b" | "c")[]>> = {
  [Op.Jump]: ["a"],
  [Op.RepeatInit]: ["c"],
  [Op.RepeatNext]: ["b"],
  [Op.TryToAcquireGuardedMutex]: ["b"],
  [Op.TryToAcquireFastMutex]: ["b"],
};

/** Encodes the program; jump targets become absolute instruction indices. */
export function encodeProgram(program: Program): Int32Array {
  const bodies: Body[] = [
    ...program.threads.map((t) => t.body),
    ...program.apcs.map((a) => a.body),
    ...program.dpcs.map((d) => d.body),
  ];
  const codeStarts: number[] = [];
  let instructionCount = 0;
  for (const body of bodies) {
    codeStarts.push(instructionCount);
    instructionCount += body.code.length;
  }

  const objectsOffset = HEADER_WORDS;
  const threadsOffset = objectsOffset + program.objects.length * OBJECT_WORDS;
  const apcsOffset = threadsOffset + program.threads.length * THREAD_WORDS;
  const dpcsOffset = apcsOffset + program.apcs.length * APC_WORDS;
  const insertionsOffset = dpcsOffset + program.dpcs.length * DPC_WORDS;
  const codeOffset = insertionsOffset + program.insertions.length * INSERTION_WORDS;
  const goalsOffset = codeOffset + instructionCount * INSTRUCTION_WORDS;
  const goalTerms = program.goal?.terms ?? [];
  const totalWords = goalsOffset + goalTerms.length * GOAL_WORDS;
  const words = new Int32Array(totalWords);

  const o = program.options;
  words[HeaderWord.Magic] = PROGRAM_MAGIC;
  words[HeaderWord.Version] = PROGRAM_FORMAT_VERSION;
  words[HeaderWord.Cpus] = o.cpus;
  words[HeaderWord.Quantum] = o.quantum;
  words[HeaderWord.Seed] = o.seed | 0;
  words[HeaderWord.Scheduler] = o.scheduler;
  words[HeaderWord.Verifier] = o.verifier;
  words[HeaderWord.Windows] = o.windows;
  words[HeaderWord.Boosts] = o.boosts ? 1 : 0;
  words[HeaderWord.Autoboost] = o.autoboost ? 1 : 0;
  words[HeaderWord.ObjectCount] = program.objects.length;
  words[HeaderWord.ThreadCount] = program.threads.length;
  words[HeaderWord.ApcCount] = program.apcs.length;
  words[HeaderWord.DpcCount] = program.dpcs.length;
  words[HeaderWord.InsertionCount] = program.insertions.length;
  words[HeaderWord.InstructionCount] = instructionCount;
  words[HeaderWord.ObjectsOffset] = objectsOffset;
  words[HeaderWord.ThreadsOffset] = threadsOffset;
  words[HeaderWord.ApcsOffset] = apcsOffset;
  words[HeaderWord.DpcsOffset] = dpcsOffset;
  words[HeaderWord.InsertionsOffset] = insertionsOffset;
  words[HeaderWord.CodeOffset] = codeOffset;
  words[HeaderWord.TotalWords] = totalWords;
  words[HeaderWord.GoalCount] = goalTerms.length;
  words[HeaderWord.GoalsOffset] = goalsOffset;

  program.objects.forEach((obj, i) => {
    words.set([obj.type, obj.eventType, obj.initiallySignaled ? 1 : 0, 0], objectsOffset + i * OBJECT_WORDS);
  });
  let bodyIndex = 0;
  program.threads.forEach((t, i) => {
    const start = codeStarts[bodyIndex++] ?? 0;
    words.set(
      [t.priority, t.start, t.affinity, t.syscall ? 1 : 0, start, t.body.localCount, 0, 0],
      threadsOffset + i * THREAD_WORDS,
    );
  });
  program.apcs.forEach((a, i) => {
    const start = codeStarts[bodyIndex++] ?? 0;
    words.set([a.kind, a.target, start, a.body.localCount], apcsOffset + i * APC_WORDS);
  });
  program.dpcs.forEach((d, i) => {
    const start = codeStarts[bodyIndex++] ?? 0;
    words.set([d.cpu, start, d.body.localCount, 0], dpcsOffset + i * DPC_WORDS);
  });
  program.insertions.forEach((ins, i) => {
    words.set([ins.tick, ins.kind === "apc" ? 0 : 1, ins.index, ins.line], insertionsOffset + i * INSERTION_WORDS);
  });

  bodies.forEach((body, b) => {
    const base = codeStarts[b] ?? 0;
    const jumps = JUMP_OPERANDS;
    body.code.forEach((ins, i) => {
      const abs = { a: ins.a, b: ins.b, c: ins.c };
      for (const operand of jumps[ins.op] ?? []) abs[operand] += base;
      words.set([ins.op, ins.line, abs.a, abs.b, abs.c, ins.d], codeOffset + (base + i) * INSTRUCTION_WORDS);
    });
  });
  goalTerms.forEach((term, i) => {
    // A label's range is relative to its thread's body, like jump targets.
    const base = term.kind === GoalKind.At ? (codeStarts[term.a] ?? 0) : 0;
    const [b, c] = term.kind === GoalKind.At ? [term.b + base, term.c + base] : [term.b, term.c];
    words.set([term.kind, term.a, b, c], goalsOffset + i * GOAL_WORDS);
  });
  return words;
}
