/**
 * The input of `check`, `explain` and `matrix`: the manifests in the given paths, every NetworkPolicy
 * validated first (an invalid one is bad input: its first error is reported), then loaded into a
 * network model and indexed.
 *
 * @module
 */
import { InputError } from './cli-error';
import { readDocuments } from './documents';
import { findingError, validatePolicies } from './policy-validation';
import { Connectivity } from '../analysis/connectivity';
import { ManifestLoadError } from '../analysis/errors';
import { ManifestLoader } from '../analysis/load';
import { NetworkModel } from '../analysis/network-model';
import { ValidationSeverity } from '../validation/issues';

export interface LoadedInput {
  readonly model: NetworkModel;
  readonly connectivity: Connectivity;
}

/** Reads, validates and indexes the manifests; throws `InputError` for anything unusable. */
export function loadInput(paths: readonly string[], cwd: string): LoadedInput {
  const documents = readDocuments(paths, cwd);
  const report = validatePolicies(documents, { strictCidr: false });
  const firstError = report.findings.find((f) => f.severity === ValidationSeverity.ERROR);
  if (firstError) throw findingError(firstError);

  const model = new NetworkModel();
  // Documents are loaded one by one, so that the loader's errors and notes carry the real document index.
  const loader = new ManifestLoader(model._cluster);
  try {
    for (const document of documents) {
      loader.loadObject(document.value, { source: document.file, documentIndex: document.index });
    }
  } catch (e) {
    if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e);
    throw e;
  } finally {
    loader.finish();
  }
  return { model, connectivity: Connectivity.of(model) };
}
