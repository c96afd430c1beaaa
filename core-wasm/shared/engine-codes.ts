// Codes the engine keeps in its state and returns from its exports: thread and
// APC states, frame bodies, continuations, wait kinds, outcomes, stop reasons
// and bug-check parameter kinds. One definition compiled by both the
// AssemblyScript engine and the TypeScript hosts (see memory-map.ts for the
// portable-syntax rule: plain enums and integer constants only).

/** T_STATE values (KTHREAD_STATE order of the trace, not Windows' numbering). */
export enum ThreadStateCode {
  Initialized = 0,
  Ready = 1,
  Running = 2,
  Standby = 3,
  Terminated = 4,
  Waiting = 5,
}

/** A_STATE values. */
export enum ApcStateCode {
  Idle = 0,
  Queued = 1,
  Running = 2,
}

/** Kind of a frame's body (F_BODY = kind << 8 | index). */
export enum BodyKind {
  Thread = 0,
  SpecialApc = 1,
  NormalApc = 2,
  UserApc = 3,
}

/** G_OUTCOME: how the run ended; Running while it has not (outcome() export). */
export enum OutcomeCode {
  Running = 0,
  Completed = 1,
  Deadlock = 2,
  Bugcheck = 3,
  StepLimit = 4,
}

/** Why run() / stepWithChoice() returned. The first five equal the OutcomeCode that ended the run. */
export enum StopCode {
  Budget = 0,
  Completed = 1,
  Deadlock = 2,
  Bugcheck = 3,
  StepLimit = 4,
  ChoiceNeeded = 5,
  TraceFull = 6, // fewer free event slots than TRACE_MARGIN_EVENTS: the host drains and calls run() again
  Goal = 7, // run() only: the scenario's #goal holds after this step and did not before it
}

/** Bug-check parameter kinds (G_BC_PARAMS): how the host formats the value. */
export enum ParamKind {
  Number = 0,
  Object = 1, // "&Name" of object index
  Context = 2, // "&Name" of a thread or DPC context id
  Rule = 3, // "&RuleName" of the DDI rule in P1
}

/** F_CONT: the rest of a statement, run as a step of its own. */
export enum Continuation {
  None = 0,
  MutexRetry = 1, // woken mutex waiter re-runs the Count loop (timing rule 4)
  LeaveGuarded = 2, // KeReleaseGuardedMutex preempted before leaving its region (rule 3)
  LowerIrql = 3, // ExReleaseFastMutex preempted before KeLowerIrql(OldIrql); arg = IRQL
  Spin = 4, // spinning on a spin lock
  Rewait = 5, // unwaited for a kernel APC: wait again when it returns
}

/** T_WAIT_KIND. */
export enum WaitKind {
  None = 0,
  Object = 1, // KeWaitForSingleObject on an event
  Delay = 2, // KeDelayExecutionThread
  Mutex = 3, // guarded-mutex gate / fast-mutex event
}
