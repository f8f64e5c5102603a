import { Severity } from '../../severity';
import { LintRule } from '../rule';

/** NP014: a policy without `metadata.namespace` (mistake 24). */
export const missingNamespace: LintRule = {
  id: 'NP014',
  name: 'missing-namespace',
  severity: Severity.WARNING,
  summary: 'The policy has no metadata.namespace, so where it lands depends on the kubectl context.',
  help: 'A policy selects pods only in its own namespace. Without metadata.namespace it is created in the namespace of '
    + 'the current kubectl context (or `default`) and may select the wrong pods, or none. Set the namespace explicitly.',
  checkDocuments(policies, report) {
    for (const doc of policies) {
      const metadata = doc.value.metadata;
      if (typeof metadata !== 'object' || metadata === null || doc.name === undefined) continue;
      // Any other value is either a namespace or a wrong type, which NP000 reports.
      if (metadata.namespace !== undefined && metadata.namespace !== null && metadata.namespace !== '') continue;
      report({
        policy: doc.id,
        field: 'metadata.namespace',
        file: doc.file,
        document: doc.document,
        message: `${doc.name} has no metadata.namespace: kubectl creates it in the namespace of the current context, `
          + 'where it may select other pods than intended, or none (it is linted as if in \'default\').',
        fix: 'Set metadata.namespace (in cdk8s: give the chart a namespace, or set metadata.namespace on the policy).',
      });
    }
  },
};
