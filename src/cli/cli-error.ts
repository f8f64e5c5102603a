/**
 * The errors the CLI turns into exit code 2: bad input (one line naming the file, the document and
 * the field) and bad usage (one line: the message, and which `--help` shows the usage).
 *
 * @module
 */
import { ManifestLoadError } from '../ingest/errors';

/** Where in the input a problem is. */
export interface InputLocation {
  readonly file?: string;
  /** 0-based index of the YAML document in its file. */
  readonly document?: number;
  /** The field path inside the document, e.g. `spec.ingress[0].ports[0].port` or `[2].allowed`. */
  readonly field?: string;
}

/** Input that cannot be used: unreadable, unparsable or invalid. Printed as one line, exit code 2. */
export class InputError extends Error {
  /** Converts a loader error, keeping its location; `display` turns the path it read into the path the user gave. */
  public static fromLoadError(error: ManifestLoadError, display: (file: string) => string = (f) => f): InputError {
    return new InputError(error.detail, {
      file: error.file === undefined ? undefined : display(error.file),
      document: error.documentIndex,
      field: error.field,
    });
  }

  public readonly location: InputLocation;
  public readonly detail: string;

  constructor(detail: string, location: InputLocation = {}) {
    super(formatLocated(detail, location));
    this.name = 'InputError';
    this.detail = detail;
    this.location = location;
    Object.setPrototypeOf(this, InputError.prototype);
  }
}

/** The command line itself is wrong (unknown command or flag, missing argument). Exit code 2, with usage. */
export class UsageError extends Error {
  /** The usage text of the command (its first line says which command's `--help` to point to). */
  public readonly usage: string;

  constructor(message: string, usage: string) {
    super(message);
    this.name = 'UsageError';
    this.usage = usage;
    Object.setPrototypeOf(this, UsageError.prototype);
  }
}

/**
 * `file: document N: field: detail`, leaving out the parts that are unknown. A detail that already
 * starts with the field path (the validator's messages do) does not repeat it.
 */
export function formatLocated(detail: string, location: InputLocation): string {
  const parts: string[] = [];
  if (location.file !== undefined) parts.push(location.file);
  if (location.document !== undefined) parts.push(`document ${location.document}`);
  let text = detail;
  if (location.field !== undefined && location.field !== '') {
    parts.push(location.field);
    if (text.startsWith(`${location.field} `)) text = text.slice(location.field.length + 1);
  }
  parts.push(text);
  return parts.join(': ');
}

/**
 * Characters that must not reach a terminal as they are: C0 and C1 controls (but line feed and tab),
 * DEL, the line and paragraph separators, and the bidirectional overrides and isolates that can make
 * text read differently from what it is.
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text made safe to print: every unsafe character written as a `\uXXXX` escape (valid inside JSON
 * strings too), so that a file name or a value from the input cannot move the cursor, clear the screen
 * or hide what it says.
 */
export function safeText(text: string): string {
  UNSAFE.lastIndex = 0;
  if (!UNSAFE.test(text)) return text;
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Squeezes a message onto one line (the stderr contract is one line per error). */
export function oneLine(text: string): string {
  return text.replace(/\s*[\r\n]+\s*/g, ' ').trim();
}
