/**
 * What the commands read, through the one way in: the paths on the command line (files, folders, `-` for
 * standard input), every `*List` flattened, kinds recognised or noted, every NetworkPolicy validated.
 * (`model-input.ts` then loads it into a network model for the commands that judge connectivity; this
 * module stays free of the analysis, so that `validate` starts quickly.)
 *
 * Never silent: kinds not read are summarised in one `note:` line for stderr, warnings about what was
 * read follow it, and input with nothing to judge (no NetworkPolicy) is bad input, so that no command
 * exits 0 having judged nothing.
 *
 * @module
 */
import { formatLocated, InputError } from './cli-error';
import { CliIo } from './cli-io';
import { ManifestLoadError, Origin } from '../ingest/errors';
import { Ingested, Ingestion, skippedNote } from '../ingest/ingest';

export interface ReadInput {
  readonly ingested: Ingested;
  /** Lines for stderr (`note: ...`), each ending in a newline; '' when there is nothing to say. */
  readonly notes: string;
}

export interface InputOptions {
  /** A CIDR with host bits set is an error. */
  readonly strictCidr?: boolean;
  /** Derive representatives for what the workloads do not cover (`--exposure`). */
  readonly exposure?: boolean;
  /** What the input is for, in the message when it holds no NetworkPolicy: `validate`, `judge`. */
  readonly purpose?: string;
  /** Input without any NetworkPolicy is fine (one side of a diff). */
  readonly allowNoPolicies?: boolean;
  /** The largest file read (`--max-file-size`). */
  readonly maxFileBytes?: number;
}

/** Reads the paths; a problem is an `InputError` naming the file, the document and the field. */
export function readInput(paths: readonly string[], io: CliIo, options: InputOptions = {}): ReadInput {
  let ingested: Ingested;
  try {
    ingested = new Ingestion({ cwd: io.cwd, stdin: io.stdin, strictCidr: options.strictCidr, maxFileBytes: options.maxFileBytes })
      .addPaths(paths).result();
  } catch (e) {
    if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e);
    throw e;
  }
  const note = skippedNote(ingested);
  const notes = (note ? `note: ${note}\n` : '') + warningLines(ingested);
  if (ingested.policies.length === 0 && ingested.clusterPolicies.length === 0 && !options.allowNoPolicies) {
    const read = ingested.sources === 0
      ? 'no manifest file was found'
      : `read ${plural(ingested.sources, 'file')} and ${plural(ingested.objects, 'object')}${note ? `; ${note}` : ''}`;
    throw new InputError(`no NetworkPolicy in ${paths.join(' ')}: nothing to ${options.purpose ?? 'judge'} (${read})`);
  }
  return { ingested, notes };
}

/** The warnings about objects other than NetworkPolicies (whose own are in their validation), a line each. */
function warningLines(ingested: Ingested): string {
  return ingested.warnings.map(({ origin, field, message }) => warningLine(origin, field, message)).join('');
}

/**
 * The warnings about how NetworkPolicies were read (a scalar YAML 1.1 and 1.2 read differently), a line each:
 * for the commands that judge connectivity, which do not print the validator's report.
 */
export function policyReadingLines(ingested: Ingested): string {
  return ingested.policies.flatMap((policy) => policy.readingIssues.map((issue) => warningLine(policy.origin, issue.field, issue.message))).join('');
}

/** One warning line, located as errors are: `FILE: document N: FIELD: message`. */
function warningLine(origin: Origin, field: string, message: string): string {
  return `warning: ${formatLocated(message, { file: origin.source, document: origin.documentIndex, field: origin.path ? `${origin.path}.${field}` : field })}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
