/**
 * What a CLI run reads and writes besides files: two output streams and the working directory.
 * `run` takes them as a parameter so that tests run commands in-process.
 *
 * @module
 */

/** Anything text can be written to: `process.stdout`, or a buffer in tests. */
export interface TextSink {
  write(text: string): unknown;
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Relative paths on the command line are read from here. */
  readonly cwd: string;
}

/** The real process streams and working directory. */
export function processIo(): CliIo {
  return { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() };
}

/** Exit codes shared by every command. */
export enum ExitCode {
  /** Success: the input is valid, every expectation holds, or a question was answered. */
  OK = 0,
  /** `check`: at least one expectation does not hold. */
  FAILED = 1,
  /** Bad usage, or input that is unreadable or invalid. */
  BAD_INPUT = 2,
}

/** What a command produces: everything it prints, written only once it is complete. */
export interface CommandResult {
  readonly exitCode: ExitCode;
  readonly stdout: string;
  /** Extra lines for stderr (notes); errors are thrown instead. */
  readonly stderr?: string;
}
