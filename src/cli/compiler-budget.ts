/**
 * How much V8's optimizing compiler does while a command runs.
 *
 * A command of this tool is a batch run of a few seconds over some hundred hot functions, most of them
 * run once over a long list: there, compiling costs more of the run than usual. On the bench cluster
 * (npx projen bench) compiling took about 40% of a `matrix` run's CPU, almost all of it on V8's worker
 * threads. Two flags cut that, each measured interleaved with the setting before it (per-thread CPU of
 * three or more rounds of each command on the bench cluster), and neither made the main thread slower:
 *
 * - `--max-inlined-bytecode-size-cumulative=300`: TurboFan inlines callees into a hot function until
 *   300 bytes of their bytecode have been inlined into it, not 920. The whole process used 15–25% less
 *   CPU for matrix and lint and about 10% less for diagram.
 * - `--no-use-osr`: a function called once whose loop runs long (reading a file's documents, a matrix's
 *   destinations) is not compiled again in the middle of that loop (on-stack replacement); the functions
 *   it calls are optimized as usual. Matrix and lint used about 7% less CPU, diagram and diff about 4%.
 *
 * The flags only weigh what V8 compiles, never what the code does. They are set for the CLI alone: the
 * library never changes the process it runs in.
 *
 * @module
 */
import { setFlagsFromString } from 'v8';

/** The V8 flags a command runs with (see above). */
const COMMAND_FLAGS = ['--max-inlined-bytecode-size-cumulative=300', '--no-use-osr'];

let set = false;

/** Sets the flags once per process; a flag `v8.setFlagsFromString` throws for is left at V8's default. */
export function limitCompiling(): void {
  if (set) return;
  set = true;
  for (const flag of COMMAND_FLAGS) {
    try {
      setFlagsFromString(flag);
    } catch {
      // A runtime that does not take the flag: V8's default only costs time.
    }
  }
}
