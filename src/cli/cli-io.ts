/**
 * What a CLI run reads and writes besides files: two output streams and the working directory.
 * `run` takes them as a parameter so that tests run commands in-process.
 *
 * @module
 */
import * as fs from 'fs';

/** Anything text can be written to: the process's stdout, or a buffer in tests. */
export interface TextSink {
  /**
   * True once the reader has gone away (`| head`): what is written is dropped, so long output may stop.
   *
   * @default false
   */
  readonly closed?: boolean;
  write(text: string): unknown;
}

/** `fs.writeSync` on a byte range; replaced in tests. */
export type WriteSync = (fd: number, bytes: Uint8Array, offset: number, length: number) => number;

const PAUSE = new Int32Array(new SharedArrayBuffer(4));

const writeBytes: WriteSync = (fd, bytes, offset, length) => fs.writeSync(fd, bytes, offset, length);

/**
 * Writes to a file descriptor synchronously. Node writes to a piped stdout asynchronously, keeping in
 * memory whatever the reader has not taken yet: a whole-cluster matrix (gigabytes as JSON) would pile
 * up there, and past about 2 GiB the write fails and the output is cut short. Written synchronously, a
 * slow reader slows the CLI down instead, as with any command-line tool.
 */
export class FdSink implements TextSink {
  private readerGone = false;

  constructor(private readonly fd: number, private readonly writeSync: WriteSync = writeBytes) {}

  public get closed(): boolean {
    return this.readerGone;
  }

  public write(text: string): boolean {
    if (this.readerGone) return false;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += this.writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          // Node makes a piped stdout non-blocking: the pipe is full until the reader catches up.
          Atomics.wait(PAUSE, 0, 0, 1);
        } else if (code === 'EPIPE') {
          // The reader went away (`| head`): the rest is not wanted, and that is no error.
          this.readerGone = true;
          return false;
        } else {
          throw e;
        }
      }
    }
    return true;
  }
}

export interface CliIo {
  readonly stdout: TextSink;
  readonly stderr: TextSink;
  /** Relative paths on the command line are read from here. */
  readonly cwd: string;
  /** Reads standard input, for the path `-`; by default file descriptor 0. */
  readonly stdin?: () => Buffer | string;
}

/** The real process streams and working directory; stdout is written synchronously (see `FdSink`). */
export function processIo(): CliIo {
  return { stdout: new FdSink(1), stderr: process.stderr, cwd: process.cwd() };
}

/** Exit codes shared by every command. */
export enum ExitCode {
  /** Success: the input is valid, every expectation holds, or a question was answered. */
  OK = 0,
  /** `check`: at least one expectation does not hold; `diff --exit-code`: a connection was added or removed. */
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
