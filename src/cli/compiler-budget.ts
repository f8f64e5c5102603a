/**
 * How much V8's optimizing compiler may inline while a command runs.
 *
 * By default TurboFan inlines callees into a hot function until 920 bytes of their bytecode have been
 * inlined into it. A command of this tool is a batch run of a few seconds over some hundred hot functions,
 * each run once: there, that inlining costs more than it gives back. On the bench cluster (npx projen
 * bench) compiling took about 40% of a `matrix` run's CPU, almost all of it on V8's worker threads.
 * With a budget of 300 bytes, the whole process used 15–25% less CPU for matrix and lint and about 10%
 * less for diagram, measured interleaved with the default (three rounds of each command), and the main
 * thread's time did not grow.
 *
 * The flag only weighs what to inline, never what the code does. It is set for the CLI alone: the library
 * never changes the process it runs in.
 *
 * @module
 */
import { setFlagsFromString } from 'v8';

/** The most bytecode (in bytes) inlined into one optimized function. V8's default is 920. */
const INLINED_BYTECODE_BUDGET = 300;

let set = false;

/** Sets the budget once per process; where `v8.setFlagsFromString` throws, the command runs with V8's default. */
export function limitInlining(): void {
  if (set) return;
  set = true;
  try {
    setFlagsFromString(`--max-inlined-bytecode-size-cumulative=${INLINED_BYTECODE_BUDGET}`);
  } catch {
    // A runtime that does not take the flag: the default budget only costs time.
  }
}
