import { Severity } from '../../severity';
import { ClusterPolicyDocument, PolicyDocument } from '../policy-document';
import { Report, LintRule } from '../rule';

/** NP000: the validator's findings, so that lint is a superset of `validate`. */
export const invalidManifest: LintRule = {
  id: 'NP000',
  name: 'invalid-manifest',
  severity: Severity.ERROR,
  summary: 'The manifest is not a valid NetworkPolicy or ClusterNetworkPolicy: the API server would reject it (or, for warnings, '
    + 'read it differently than written).',
  help: 'The same checks as `cdk8s-netpol validate`: types, names, labels, selectors, CIDRs, ports and unknown fields, and for '
    + 'a ClusterNetworkPolicy the CRD and its CEL rules (tier, priority 0 to 1000, one subject kind, at most 25 rules and peers, '
    + 'rule names, ...). An invalid policy is not analysed further. Fix the field the message names.',
  judgesClusterPolicies: true,
  checkDocuments(policies, report) {
    reportIssues(policies, report);
  },
  checkClusterDocuments(policies, report) {
    reportIssues(policies, report);
  },
};

function reportIssues(documents: ReadonlyArray<PolicyDocument | ClusterPolicyDocument>, report: Report): void {
  for (const doc of documents) {
    for (const issue of doc.issues) {
      const error = issue.severity === Severity.ERROR;
      report({
        severity: error ? Severity.ERROR : Severity.WARNING,
        policy: doc.id,
        field: issue.field,
        file: doc.file,
        document: doc.document,
        message: issue.message,
        fix: error
          ? 'Correct the field as the message says; until then the API server rejects the whole policy.'
          : 'Write the value the message suggests, so that the manifest says what the API server will do.',
      });
    }
  }
}
