// The vocabulary of the scenario expectations (scenarios/<name>.expect.ts): how
// a built-in scenario's run must end — outcome, bug check, deadlock cycle, facts
// about the final state and checkpoints — and the same file under other
// options (variants). The expectations restate docs/kernel-semantics.md §8 and §9;
// scenarios/outcomes.test.ts checks every one through the engine facade. Only
// tests import this; the app lists scenarios through catalog.ts alone.
import type { CountWord, ThreadState } from "../core-wasm/engine/types";

export type ExpectedOutcome = "completed" | "deadlock" | "bugcheck" | "step-limit";

/** A Count word as docs/kernel-semantics.md writes it: (free, woken, waiters). */
export type CountFact = Pick<CountWord, "free" | "woken" | "waiters">;

/** A fact about the run's final state (or a checkpoint), stated for a student. */
export type Fact =
  | {
      readonly kind: "thread";
      readonly name: string;
      readonly state?: ThreadState;
      readonly waitingOn?: string | null;
      readonly owns?: readonly string[];
      readonly priority?: number;
      readonly irql?: number;
      readonly kernelApcDisable?: number;
      readonly specialApcDisable?: number;
      readonly why: string;
    }
  | {
      readonly kind: "object";
      readonly name: string;
      readonly owner?: string | null;
      readonly count?: CountFact;
      readonly contention?: number;
      readonly signaled?: boolean;
      readonly waiters?: readonly string[];
      readonly why: string;
    }
  | {
      readonly kind: "apc";
      readonly name: string;
      /** Tick of the APC body's first step; null = never delivered. */
      readonly deliveredAt: number | null;
      readonly why: string;
    }
  | {
      /** APCs delivered in this order (each one's deliveredAt before the next one's). */
      readonly kind: "apc-order";
      readonly order: readonly string[];
      readonly why: string;
    }
  | {
      /** Threads whose first routine call after `afterTick` happens in this order. */
      readonly kind: "run-order";
      readonly afterTick: number;
      readonly order: readonly string[];
      readonly why: string;
    };

export interface ExpectedBugCheck {
  readonly code: string; // "0xC4"
  /** Expected parameters; null = not part of the expectation. */
  readonly parameters: readonly [string | null, string | null, string | null, string | null];
  readonly rule?: string | null;
  readonly thread: string;
  /** Text of the source line the bug check is reported at (must occur once in the file), if it is tied to a statement. */
  readonly at?: string;
}

export interface Expected {
  readonly outcome: ExpectedOutcome;
  readonly bugcheck?: ExpectedBugCheck;
  /** Wait-for edges of the deadlock, in any order. */
  readonly cycle?: readonly { readonly thread: string; readonly waitsFor: string; readonly heldBy: string | null }[];
  /** Facts about the final state. */
  readonly facts?: readonly Fact[];
  /** Facts about the state after a number of steps, for the moments that matter. */
  readonly checkpoints?: readonly { readonly afterSteps: number; readonly facts: readonly Fact[] }[];
}

/** Command-line options of a variant, spelled as `ksync run` takes them. */
export interface VariantOptions {
  readonly verifier?: "off" | "on" | "deadlock";
  readonly windows?: 2003 | 8;
  readonly autoboost?: "on" | "off";
  readonly boosts?: "on" | "off";
}

/** The same file run with other options: what §8/§9 say changes. */
export interface Variant {
  readonly options: VariantOptions;
  readonly note: string;
  readonly expected: Expected;
}

/** What one scenario's file states: its run with the defaults, and its variants. */
export interface ScenarioExpectations {
  readonly expected: Expected;
  /** Runs of the same file with other options (`ksync run <name> --verifier deadlock`, ...). */
  readonly variants?: readonly Variant[];
}

/** `ksync run` arguments for a variant's options, e.g. ["--verifier", "deadlock"]. */
export function variantArguments(options: VariantOptions): string[] {
  return Object.entries(options).flatMap(([key, value]) => [`--${key}`, String(value)]);
}

/** A free mutex's Count word: (1, 0, 0). */
export const free: CountFact = { free: true, woken: false, waiters: 0 };
/** An owned mutex's Count word with nobody waiting: (0, 0, 0). */
export const ownedNoWaiters: CountFact = { free: false, woken: false, waiters: 0 };

/** Bug check 0x20 as a system thread's exit reports an APC-disable leak: (0, CombinedApcDisable, 0, 1). */
export function apcPendingDuringExit(thread: string, combined: string): ExpectedBugCheck {
  return { code: "0x20", parameters: ["0x0", combined, "0x0", "0x1"], thread };
}
