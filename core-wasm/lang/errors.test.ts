// Every error class of the compiler, with its exact position, message and hint.
// Positions are line:column-endLine:endColumn, 1-based, end exclusive.
import { describe, expect, it } from "vitest";
import { compileScenario } from "./index";
import { diagnosticsOf } from "./test-helpers";

const CASES: [string, string, string[]][] = [
  [
    "unknown routine, with the nearest name",
    "thread T { KeAcquireGuardedMutx(&M); }",
    ["1:12-1:32 unknown routine KeAcquireGuardedMutx (did you mean KeAcquireGuardedMutex?)"],
  ],
  [
    "routine names are case-sensitive",
    "KGUARDED_MUTEX M;\nthread T { keacquireguardedmutex(&M); }",
    [
      "2:12-2:33 unknown routine keacquireguardedmutex (routine names are case-sensitive: did you mean KeAcquireGuardedMutex?)",
    ],
  ],
  ["unknown routine with nothing close", "thread T { Frobnicate(); }", ["1:12-1:22 unknown routine Frobnicate"]],
  [
    "undeclared object (a transposition is one edit)",
    "KGUARDED_MUTEX Lock;\nthread T { KeAcquireGuardedMutex(&Lokc); }",
    ["2:35-2:39 undeclared object Lokc (did you mean Lock?)"],
  ],
  ["undeclared apc", "thread T { KeInsertQueueApc(&Nope); }", ["1:30-1:34 undeclared apc Nope"]],
  ["undeclared dpc", "thread T { KeInsertQueueDpc(&Nope); }", ["1:30-1:34 undeclared dpc Nope"]],
  [
    "undeclared apc target thread",
    "apc A (special, target = Worker) { }\nthread Worker1 { }",
    ["1:26-1:32 undeclared thread Worker (did you mean Worker1?)"],
  ],
  [
    "wrong object type: fast mutex for a guarded mutex",
    "FAST_MUTEX F;\nthread T { KeAcquireGuardedMutex(&F); }",
    ["2:34-2:36 KeAcquireGuardedMutex expects a KGUARDED_MUTEX, F is a FAST_MUTEX"],
  ],
  [
    "wrong object type: guarded mutex for a fast mutex",
    "KGUARDED_MUTEX M;\nthread T { ExAcquireFastMutex(&M); }",
    ["2:31-2:33 ExAcquireFastMutex expects a FAST_MUTEX, M is a KGUARDED_MUTEX"],
  ],
  [
    "KeWaitForSingleObject only on a KEVENT",
    "KGUARDED_MUTEX M;\nthread T { KeWaitForSingleObject(&M); }",
    [
      "2:34-2:36 KeWaitForSingleObject expects a KEVENT, M is a KGUARDED_MUTEX (guarded and fast mutexes are not dispatcher objects; acquire them with their own routines)",
    ],
  ],
  [
    "KeWaitForSingleObject on a thread",
    "thread T { KeWaitForSingleObject(&T); }",
    ["1:34-1:36 KeWaitForSingleObject expects a KEVENT, T is a thread"],
  ],
  [
    "bad IRQL name",
    "thread T { KIRQL old; KeRaiseIrql(DISPATCH_LVL, &old); }",
    ["1:35-1:47 unknown IRQL DISPATCH_LVL (did you mean DISPATCH_LEVEL?)"],
  ],
  [
    "truncated IRQL name",
    "thread T { KeLowerIrql(DISPATCH); }",
    ["1:24-1:32 unknown IRQL DISPATCH (did you mean DISPATCH_LEVEL?)"],
  ],
  [
    "DIRQL out of range, DIRQL without a level, numeric IRQL above HIGH_LEVEL",
    "thread T { KIRQL old; KeRaiseIrql(DIRQL(2), &old); KeRaiseIrql(DIRQL, &old); KeRaiseIrql(16, &old); }",
    [
      "1:41-1:42 DIRQL level must be 3..12, got 2 (device IRQLs on x64 are 3..12)",
      "1:64-1:69 DIRQL needs a device level (write DIRQL(5) for a level 3..12)",
      "1:90-1:92 IRQL 16 is out of range 0..15 (x64 IRQLs run from PASSIVE_LEVEL (0) to HIGH_LEVEL (15))",
    ],
  ],
  [
    "duplicate names across objects, threads and apcs",
    "KGUARDED_MUTEX A, A;\nFAST_MUTEX T;\nthread T { }\napc A (special, target = T) { }",
    [
      "1:19-1:20 duplicate name A (A is already declared as a KGUARDED_MUTEX on line 1)",
      "3:8-3:9 duplicate name T (T is already declared as a FAST_MUTEX on line 2)",
      "4:5-4:6 duplicate name A (A is already declared as a KGUARDED_MUTEX on line 1)",
      "4:26-4:27 apc target must be a thread, T is a FAST_MUTEX",
    ],
  ],
  [
    "duplicate locals, and locals clashing with global names",
    "KGUARDED_MUTEX M;\nthread T { KIRQL x, x; KIRQL M; KIRQL T; }",
    [
      "2:21-2:22 duplicate name x (x is already a KIRQL local of this body, declared on line 2)",
      "2:30-2:31 duplicate name M (M is already declared as a KGUARDED_MUTEX on line 1)",
      "2:39-2:40 duplicate name T (T is already declared as a thread on line 2)",
    ],
  ],
  [
    "KeLowerIrql of an undeclared (or not yet declared) local",
    "thread T { KeLowerIrql(old); KIRQL old; }",
    ["1:24-1:27 undeclared local old (declare it first: KIRQL old;)"],
  ],
  [
    "KeRaiseIrql and assignment to an undeclared local",
    "thread T { KeRaiseIrql(DISPATCH_LEVEL, &old); old = KeRaiseIrqlToDpcLevel(); }",
    [
      "1:41-1:44 undeclared local old (declare it first: KIRQL old;)",
      "1:47-1:50 undeclared local old (declare it first: KIRQL old;)",
    ],
  ],
  [
    "wrong argument counts",
    "KGUARDED_MUTEX M;\nthread T { KeAcquireGuardedMutex(); KeAcquireGuardedMutex(&M, &M); KeWaitForSingleObject(); Yield(1); }",
    [
      "2:12-2:35 KeAcquireGuardedMutex takes 1 argument, got 0 (write KeAcquireGuardedMutex(&M))",
      "2:37-2:66 KeAcquireGuardedMutex takes 1 argument, got 2 (write KeAcquireGuardedMutex(&M))",
      "2:68-2:91 KeWaitForSingleObject takes 1 to 5 arguments, got 0 (write KeWaitForSingleObject(&E, Executive, KernelMode, Alertable, Timeout))",
      "2:93-2:101 Yield takes 0 arguments, got 1 (write Yield())",
    ],
  ],
  [
    "wrong argument types",
    "KEVENT E = { NotificationEvent, FALSE };\nthread T { KeSetEvent(&E, TRUE, 2); KeWaitForSingleObject(&E, Kernel, KernelMode, FALSE, NULL); KeWaitForSingleObject(&E, Executive, Kernel); KeWaitForSingleObject(&E, Executive, KernelMode, Maybe, NULL); KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, -1); }",
    [
      "2:27-2:31 the priority increment must be a number, found TRUE",
      "2:33-2:34 Wait must be TRUE or FALSE, found 2",
      "2:63-2:69 expected a wait reason (Executive), found Kernel",
      "2:134-2:140 expected KernelMode or UserMode, found Kernel (did you mean KernelMode?)",
      "2:192-2:197 Alertable must be TRUE or FALSE, found Maybe",
      "2:262-2:264 the timeout must be NULL or a number of ticks ≥ 0, got -1 (Simplification: timeouts are ticks, not negative 100-ns intervals)",
    ],
  ],
  [
    "& missing where an address is expected, and present where a value is",
    "KSPIN_LOCK S;\nthread T { KIRQL old; KeAcquireSpinLock(S, old); KeReleaseSpinLock(&S, &old); }",
    [
      "2:41-2:42 KeAcquireSpinLock expects the address of a KSPIN_LOCK (write &S)",
      "2:44-2:47 KeAcquireSpinLock expects the address of a KIRQL local (write &old)",
      "2:72-2:76 KeReleaseSpinLock takes the saved KIRQL value, not its address (write old)",
    ],
  ],
  [
    "missing } at the end of the file",
    "thread T {\n  Work(1);\n",
    ["1:10-1:11 unbalanced braces: missing } to close the body of thread T"],
  ],
  ["extra }", "thread T {\n  Work(1);\n}\n}\n", ["4:1-4:2 unbalanced braces: this } has no matching {"]],
  [
    "missing } before the next declaration",
    "thread T {\n  Work(1);\nthread U { }",
    ["1:10-1:11 unbalanced braces: missing } to close the body of thread T (thread U starts before it is closed)"],
  ],
  [
    "values out of range",
    "#cpus 65\n#quantum 0\nthread T (priority = 32, start = -1, affinity = 1) { Work(0); Delay(-2); repeat (-1) Work(1); }\ndpc D (cpu = 1) { }",
    [
      "1:7-1:9 #cpus must be 1..64, got 65",
      "2:10-2:11 #quantum must be at least 1, got 0",
      "3:22-3:24 priority must be 1..31, got 32",
      "3:34-3:36 start must be a tick ≥ 0, got -1",
      "3:49-3:50 affinity = 1 is not a CPU of this scenario (#cpus is 1, so the only CPU is 0)",
      "3:59-3:60 Work(n) needs n ≥ 1, got 0",
      "3:69-3:71 Delay(n) needs n ≥ 0, got -2",
      "3:82-3:84 repeat needs a count ≥ 0, got -1",
      "4:14-4:15 cpu = 1 is not a CPU of this scenario (#cpus is 1, so the only CPU is 0)",
    ],
  ],
  [
    "#cpus 0 and priority 0",
    "#cpus 0\nthread T (priority = 0) { }",
    [
      "1:7-1:8 #cpus must be 1..64, got 0",
      "2:22-2:23 priority must be 1..31, got 0 (priority 0 belongs to the zero-page thread)",
    ],
  ],
  [
    "directive after a declaration",
    "thread T { }\n#cpus 2\n",
    ["2:1-2:6 #cpus must come before any declaration (move the directives to the top of the file)"],
  ],
  [
    "apc target not a thread, missing target, missing kind",
    "KGUARDED_MUTEX Lock;\napc A (special, target = Lock) { }\napc B (special) { }\napc C (target = T) { }\nthread T { }",
    [
      "2:26-2:30 apc target must be a thread, Lock is a KGUARDED_MUTEX",
      "3:5-3:6 apc B needs a target thread (add target = ThreadName to its attributes)",
      "4:5-4:6 apc C needs a kind: special, normal or user (write apc C (special, target = ThreadName))",
    ],
  ],
  [
    "apc with two kinds",
    "apc A (special, normal, target = T) { }\nthread T { }",
    ["1:17-1:23 apc A has two kinds, special and normal (an apc is special, normal or user)"],
  ],
  [
    "unknown, duplicate, flag-with-value and value-less attributes",
    "thread T (prio = 3, priority = 4, priority = 5, syscall = 1, affinity) { }",
    [
      "1:11-1:15 unknown thread attribute prio (did you mean priority?)",
      "1:35-1:43 duplicate attribute priority",
      "1:59-1:60 syscall is a flag and takes no value (write just syscall)",
      "1:62-1:70 affinity needs a value (write affinity = 0)",
    ],
  ],
  ["missing ; before }", "thread T { Work(1) }", ["1:19-1:19 expected ; after Work(…)"]],
  [
    "a name or a number is not a statement",
    "thread T { Lock; 12; }",
    ["1:12-1:16 expected a statement, found Lock", "1:18-1:20 expected a statement, found 12"],
  ],
  [
    "statement at top level",
    "Work(1);\nthread T { }",
    ["1:1-1:5 Work is a statement; statements go inside a thread, apc or dpc body"],
  ],
  [
    "misspelt declaration keyword",
    "threa T { }",
    [
      "1:1-1:6 expected a declaration (KGUARDED_MUTEX, FAST_MUTEX, KSPIN_LOCK, KEVENT, thread, apc, dpc or at), found threa (did you mean thread?)",
    ],
  ],
  [
    "if conditions: only Try routines, no negation",
    "KGUARDED_MUTEX M;\nthread T { if (KeAcquireGuardedMutex(&M)) Work(1); if (!KeTryToAcquireGuardedMutex(&M)) Work(1); if (M) Work(1); }",
    [
      "2:16-2:37 KeAcquireGuardedMutex cannot be an if condition (the conditions are KeTryToAcquireGuardedMutex(&M) and ExTryToAcquireFastMutex(&F))",
      "2:56-2:57 negated conditions are not supported (swap the then and else branches)",
      "2:102-2:103 expected KeTryToAcquireGuardedMutex(&M) or ExTryToAcquireFastMutex(&F) as the condition, found M",
    ],
  ],
  ["else without if", "thread T { else Work(1); }", ["1:12-1:16 else without a matching if"]],
  [
    "only while (TRUE)",
    "thread T { while (FALSE) Work(1); }",
    ["1:19-1:24 only while (TRUE) loops are supported (use repeat (N) { … } for a bounded loop)"],
  ],
  [
    "loops whose body takes no step",
    "thread T { while (TRUE) { } repeat (3) ; while (TRUE) { repeat (0) Work(1); } }",
    [
      "1:12-1:17 this while (TRUE) loop takes no step per iteration (put a statement such as Work(1) or Yield() in its body)",
      "1:29-1:35 this repeat loop takes no step per iteration (put a statement such as Work(1) or Yield() in its body)",
      "1:42-1:47 this while (TRUE) loop takes no step per iteration (put a statement such as Work(1) or Yield() in its body)",
    ],
  ],
  [
    "KEVENT initializers; other objects take none",
    "KEVENT E;\nKEVENT F = { Notification, 3 };\nKGUARDED_MUTEX G = { NotificationEvent, FALSE };\nthread T { }",
    [
      "1:8-1:9 KEVENT E needs an initializer (write KEVENT E = { SynchronizationEvent, FALSE };)",
      "2:14-2:26 expected NotificationEvent or SynchronizationEvent, found Notification (did you mean NotificationEvent?)",
      "2:28-2:29 the initial state must be TRUE or FALSE, found 3",
      "3:18-3:19 a KGUARDED_MUTEX takes no initializer (it is declared initialized and free)",
    ],
  ],
  [
    "KIRQL at top level",
    "KIRQL old;\nthread T { }",
    ["1:1-1:6 KIRQL variables are locals (declare them inside a thread, apc or dpc body)"],
  ],
  [
    "reserved words as names",
    "KGUARDED_MUTEX TRUE;\nthread KeAcquireGuardedMutex { }\nthread if { }",
    [
      "1:16-1:20 TRUE is a reserved word and cannot name a KGUARDED_MUTEX",
      "2:8-2:29 KeAcquireGuardedMutex is a reserved word and cannot name a thread",
      "3:8-3:10 if is a reserved word and cannot name a thread",
    ],
  ],
  [
    "object declaration inside a body",
    "thread T { KGUARDED_MUTEX M; }",
    ["1:12-1:26 KGUARDED_MUTEX objects are global: declare them at top level, before the threads"],
  ],
  [
    "at (T) insertions: only APC/DPC queuing, tick ≥ 0, address and kind checked",
    "thread T { }\napc A (special, target = T) { }\nat (1) Work(1);\nat (-1) KeInsertQueueApc(&A);\nat (2) KeInsertQueueApc(A);\nat (3) KeInsertQueueDpc(&A);",
    [
      "3:8-3:12 at (T) can only queue an APC or a DPC, not call Work (write at (T) KeInsertQueueApc(&Name); or at (T) KeInsertQueueDpc(&Name);)",
      "4:5-4:7 at needs a tick ≥ 0, got -1",
      "5:25-5:26 KeInsertQueueApc expects the address of an apc (write &A)",
      "6:25-6:27 KeInsertQueueDpc expects a dpc, A is an apc",
    ],
  ],
  [
    "at inside a body",
    "thread T { at (1) KeInsertQueueApc(&A); }",
    [
      "1:12-1:14 at (T) … is written at top level, outside thread bodies (inside a body, call KeInsertQueueApc(&Name); directly)",
    ],
  ],
  [
    "directives: unknown name, bad values, duplicates",
    '#cpu 2\n#title Untitled\n#scheduler fifo\n#verifier yes\n#windows 10\n#boosts maybe\n#seed 0x100000000\n#title "x"\n#title "y"',
    [
      "1:1-1:5 unknown directive #cpu (did you mean #cpus?)",
      '2:8-2:16 #title needs a "quoted text" on the same line',
      "3:12-3:16 #scheduler must be priority, random or manual, got fifo",
      "4:11-4:14 #verifier must be off, on or deadlock, got yes",
      "5:10-5:12 #windows must be 2003 or 8, got 10 (2003 = Server 2003 SP1 to Windows 7, 8 = Windows 8 and later)",
      "6:9-6:14 #boosts must be on or off, got maybe",
      "7:7-7:18 #seed must be 0..0xFFFFFFFF, got 0x100000000",
      "8:1-8:7 duplicate directive #title (it is already set on line 2)",
      "9:1-9:7 duplicate directive #title (it is already set on line 2)",
    ],
  ],
  [
    "lexical errors",
    'thread T { Work(1); @@ Work(2); "abc\n Work(0x); Work(12ab); }\n/* open',
    [
      '1:21-1:23 unexpected characters "@@"',
      '1:33-1:37 unterminated string (close it with " on the same line)',
      "1:33-1:37 expected a statement, found a string",
      "2:7-2:9 0x needs hexadecimal digits",
      "2:17-2:21 malformed number 12ab (integer suffixes are not supported)",
      "3:1-3:3 unterminated /* comment (close it with */)",
    ],
  ],
  [
    "only KeRaiseIrqlToDpcLevel() can be assigned",
    "KGUARDED_MUTEX M;\nthread T { KIRQL old; old = KeTryToAcquireGuardedMutex(&M); old = Work(1); KIRQL a, b = KeRaiseIrqlToDpcLevel(); }",
    [
      "2:29-2:55 KeTryToAcquireGuardedMutex does not return a KIRQL (KeTryToAcquireGuardedMutex returns a BOOLEAN: use it as an if condition)",
      "2:67-2:71 Work does not return a KIRQL (only KeRaiseIrqlToDpcLevel() returns an IRQL)",
      "2:87-2:88 only a single KIRQL local can be initialized in one declaration",
    ],
  ],
  [
    "no nested calls",
    "thread T { KeLowerIrql(KeRaiseIrqlToDpcLevel()); }",
    ["1:24-1:45 calls cannot be nested inside arguments (write old = KeRaiseIrqlToDpcLevel(); first)"],
  ],
  ["calling an object", "KGUARDED_MUTEX M;\nthread T { M(); }", ["2:12-2:13 M is a KGUARDED_MUTEX, not a routine"]],
  [
    "KeRaiseIrql needs a constant; KeLowerIrql of an unknown name",
    "thread T { KIRQL old; KeRaiseIrql(old, &old); KeLowerIrql(M); }",
    [
      "1:35-1:38 KeRaiseIrql needs an IRQL constant such as DISPATCH_LEVEL, not a local",
      "1:59-1:60 unknown IRQL M (IRQLs: PASSIVE_LEVEL, APC_LEVEL, DISPATCH_LEVEL, DIRQL(n), CLOCK_LEVEL, IPI_LEVEL, HIGH_LEVEL)",
    ],
  ],
  [
    "objects where KIRQL values or addresses are expected",
    "KGUARDED_MUTEX M;\nthread T { KeLowerIrql(M); KIRQL o; KeRaiseIrql(APC_LEVEL, &M); }",
    [
      "2:24-2:25 KeLowerIrql expects a KIRQL local or an IRQL, M is a KGUARDED_MUTEX",
      "2:60-2:62 KeRaiseIrql expects the address of a KIRQL local, M is a KGUARDED_MUTEX",
    ],
  ],
  [
    "a local where an object is expected",
    "thread T { KIRQL old; KeAcquireGuardedMutex(&old); }",
    ["1:45-1:49 KeAcquireGuardedMutex expects a KGUARDED_MUTEX, old is a KIRQL local"],
  ],
  [
    "missing ; after a declaration, recovered at the end of the line",
    "KGUARDED_MUTEX M\nthread T { }",
    ["1:17-1:17 expected ; after the KGUARDED_MUTEX declaration"],
  ],
  [
    "KeSetEvent needs its Increment and Wait arguments",
    "KEVENT E = { NotificationEvent, FALSE };\nthread T { KeSetEvent(&E); }",
    ["2:12-2:26 KeSetEvent takes 3 arguments, got 1 (write KeSetEvent(&E, Increment, Wait))"],
  ],
  [
    "WDK routines the language replaces get a hint",
    "thread T { KeDelayExecutionThread(KernelMode, FALSE, &i); }",
    ["1:12-1:34 unknown routine KeDelayExecutionThread (write Delay(n): KeDelayExecutionThread for n ticks)"],
  ],
  [
    "LARGE_INTEGER timeouts are not part of the language",
    "KEVENT E = { NotificationEvent, FALSE };\nthread T { KeWaitForSingleObject(&E, Executive, KernelMode, FALSE, &t); }",
    [
      "2:68-2:70 the timeout must be NULL or a number of ticks ≥ 0, found &t (LARGE_INTEGER intervals are written as plain tick counts)",
    ],
  ],
  [
    "huge numbers are shown as written",
    "thread T (priority = 0x7FFFFFFFFFFFFFFF) { }\ndpc D { }\nat (99999999999999) KeInsertQueueDpc(&D);",
    ["1:22-1:40 priority must be 1..31, got 0x7FFFFFFFFFFFFFFF", "3:5-3:19 at needs a tick ≥ 0, got 99999999999999"],
  ],
];

describe("diagnostics", () => {
  it.each(CASES)("%s", (_what, source, expected) => {
    expect(diagnosticsOf(source)).toEqual(expected);
  });
});

describe("several errors per run", () => {
  it("recovers at ; and } and reports every error in order", () => {
    expect(
      diagnosticsOf(`KGUARDED_MUTEX M;
thread T {
    KeAcquireGuardedMutex(&Q)
    KeReleaseGuardedMutx(&M);
    if (KeTryToAcquireGuardedMutex(&M)) { Work(0); } else { Delay(-1) }
    Work(1) Work(2);
}
thread U (priority = 99) { Yield(); }
`),
    ).toEqual([
      "3:28-3:29 undeclared object Q",
      "3:30-3:30 expected ; after KeAcquireGuardedMutex(…)",
      "4:5-4:25 unknown routine KeReleaseGuardedMutx (did you mean KeReleaseGuardedMutex?)",
      "5:48-5:49 Work(n) needs n ≥ 1, got 0",
      "5:67-5:69 Delay(n) needs n ≥ 0, got -1",
      "5:70-5:70 expected ; after Delay(…)",
      "6:12-6:12 expected ; after Work(…)",
      "8:22-8:24 priority must be 1..31, got 99",
    ]);
  });

  it("caps the list at Limits.errors, the last entry saying so", () => {
    const d = diagnosticsOf(`thread T {${"Oops();".repeat(80)}}`);
    expect(d).toHaveLength(50);
    expect(d[0]).toBe("1:11-1:15 unknown routine Oops");
    expect(d[49]).toBe("1:354-1:354 too many errors; only the first 49 are shown");
  });

  it("spans can cover several lines (end position is exclusive)", () => {
    expect(diagnosticsOf("KGUARDED_MUTEX M;\nthread T {\n  KeAcquireGuardedMutex(\n    &M,\n    &M\n  );\n}")).toEqual([
      "3:3-6:4 KeAcquireGuardedMutex takes 1 argument, got 2 (write KeAcquireGuardedMutex(&M))",
    ]);
  });

  it("a leading byte-order mark and CRLF line ends are accepted", () => {
    const r = compileScenario("\uFEFFKGUARDED_MUTEX M;\r\nthread T {\r\n  Oops();\r\n}\r\n");
    expect(r.diagnostics.map((d) => [d.line, d.column, d.endColumn, d.message])).toEqual([
      [3, 3, 7, "unknown routine Oops"],
    ]);
    expect(compileScenario('\uFEFF#title "x"\r\nthread T { }').diagnostics).toEqual([]);
  });

  it("a program is produced only without errors", () => {
    expect(compileScenario("thread T { Oops(); }").program).toBeNull();
    expect(compileScenario("thread T { Work(1); }").program).not.toBeNull();
  });
});
