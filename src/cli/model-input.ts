/**
 * What the commands read, through the one way in: the paths on the command line (files, folders, `-` for
 * standard input), every `*List` flattened, kinds recognised or noted, every NetworkPolicy validated, then
 * (for the commands that judge connectivity) loaded into a network model and indexed.
 *
 * Never silent: kinds not read are summarised in one `note:` line for stderr, and input with nothing to
 * judge (no NetworkPolicy) is bad input, so that no command exits 0 having judged nothing.
 *
 * @module
 */
import { InputError } from './cli-error';
import { CliIo } from './cli-io';
import { Connectivity } from '../analysis/connectivity';
import { NetworkModel } from '../analysis/network-model';
import { ManifestLoadError } from '../ingest/errors';
import { firstPolicyError, Ingested, Ingestion, skippedNote } from '../ingest/ingest';

export interface ReadInput {
  readonly ingested: Ingested;
  /** Lines for stderr (`note: ...`), each ending in a newline; '' when there is nothing to say. */
  readonly notes: string;
}

export interface LoadedInput extends ReadInput {
  readonly model: NetworkModel;
  readonly connectivity: Connectivity;
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
}

/** Reads the paths; a problem is an `InputError` naming the file, the document and the field. */
export function readInput(paths: readonly string[], io: CliIo, options: InputOptions = {}): ReadInput {
  let ingested: Ingested;
  try {
    ingested = new Ingestion({ cwd: io.cwd, stdin: io.stdin, strictCidr: options.strictCidr }).addPaths(paths).result();
  } catch (e) {
    if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e);
    throw e;
  }
  const note = skippedNote(ingested);
  const notes = (note ? `note: ${note}\n` : '') + warningLines(ingested);
  if (ingested.policies.length === 0 && !options.allowNoPolicies) {
    const read = ingested.sources === 0
      ? 'no manifest file was found'
      : `read ${plural(ingested.sources, 'file')} and ${plural(ingested.objects, 'object')}${note ? `; ${note}` : ''}`;
    throw new InputError(`no NetworkPolicy in ${paths.join(' ')}: nothing to ${options.purpose ?? 'judge'} (${read})`);
  }
  return { ingested, notes };
}

/** Reads, validates and indexes the manifests; an invalid NetworkPolicy is an `InputError` (its first error). */
export function loadInput(paths: readonly string[], io: CliIo, options: InputOptions = {}): LoadedInput {
  const read = readInput(paths, io, options);
  return { ...read, ...modelOf(read.ingested, options) };
}

/** The model and connectivity of what was read. */
export function modelOf(ingested: Ingested, options: InputOptions = {}): { model: NetworkModel; connectivity: Connectivity } {
  const error = firstPolicyError(ingested);
  if (error) {
    const { origin } = error.policy;
    const inner = error.issue.field === '<root>' ? undefined : error.issue.field;
    const detail = inner && error.issue.message.startsWith(`${inner} `) ? error.issue.message.slice(inner.length + 1) : error.issue.message;
    throw new InputError(detail, {
      file: origin.source,
      document: origin.documentIndex,
      field: origin.path && inner ? `${origin.path}.${inner}` : origin.path ?? inner,
    });
  }
  const model = new NetworkModel({ exposure: options.exposure === true });
  try {
    model._addIngested(ingested);
  } catch (e) {
    if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e);
    throw e;
  }
  try {
    return { model, connectivity: Connectivity.of(model) };
  } catch (e) {
    // Representatives that cannot be enumerated (selectors combining without bound) are a property of the input.
    throw new InputError((e as Error).message);
  }
}

/** The warnings about objects other than NetworkPolicies (whose own are in their validation), a line each. */
function warningLines(ingested: Ingested): string {
  let lines = '';
  for (const { origin, field, message } of ingested.warnings) {
    const where = [origin.source, `document ${origin.documentIndex}`, origin.path ? `${origin.path}.${field}` : field].join(', ');
    lines += `warning: ${where}: ${message}\n`;
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
