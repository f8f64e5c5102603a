/**
 * What the commands that judge connectivity read: the input (`read-input.ts`), loaded into a network
 * model and indexed. An invalid NetworkPolicy is bad input here: connectivity is judged only on policies
 * the API server would accept.
 *
 * @module
 */
import { InputError } from './cli-error';
import { CliIo } from './cli-io';
import { InputOptions, policyReadingLines, readInput, ReadInput } from './read-input';
import { Connectivity } from '../analysis/connectivity';
import { NetworkModel } from '../analysis/network-model';
import { ManifestLoadError } from '../ingest/errors';
import { firstPolicyError, Ingested } from '../ingest/ingest';

export interface LoadedInput extends ReadInput {
  readonly model: NetworkModel;
  readonly connectivity: Connectivity;
}

/** Reads, validates and indexes the manifests; an invalid NetworkPolicy is an `InputError` (its first error). */
export function loadInput(paths: readonly string[], io: CliIo, options: InputOptions = {}): LoadedInput {
  const read = readInput(paths, io, options);
  // These commands print no validation report: a policy's scalar read differently by YAML 1.2 tools is said here.
  return { ...read, notes: read.notes + policyReadingLines(read.ingested), ...modelOf(read.ingested, options) };
}

/** The model and connectivity of what was read. */
function modelOf(ingested: Ingested, options: InputOptions = {}): { model: NetworkModel; connectivity: Connectivity } {
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
