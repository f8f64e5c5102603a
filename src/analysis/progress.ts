/**
 * Progress for work that takes more than a moment, on stderr, only when stderr is a terminal (so
 * that piped output and CI logs stay clean). Internal.
 *
 * @module
 */

/** The part of a stream progress needs; `process.stderr` by default. */
export interface ProgressStream {
  readonly isTTY?: boolean;
  write(text: string): boolean;
}

/** Wait this long before the first report: quick work reports nothing. */
const QUIET_MS = 1000;
/** Report at most this often. */
const INTERVAL_MS = 200;

export class Progress {
  private readonly started: number;
  private lastWrite = 0;
  private wrote = false;

  constructor(
    private readonly label: string,
    private readonly total: number,
    private readonly stream: ProgressStream = process.stderr,
    private readonly now: () => number = Date.now,
  ) {
    this.started = now();
  }

  /** Reports `done` of `total` when enough time has passed. */
  public update(done: number): void {
    if (!this.stream.isTTY) return;
    const now = this.now();
    if (now - this.started < QUIET_MS || now - this.lastWrite < INTERVAL_MS) return;
    this.lastWrite = now;
    this.wrote = true;
    this.stream.write(`\r${this.label}: ${done}/${this.total}`);
  }

  /** Clears the progress line, if one was written. */
  public finish(): void {
    if (this.wrote) this.stream.write('\r\u001b[K');
    this.wrote = false;
  }
}
