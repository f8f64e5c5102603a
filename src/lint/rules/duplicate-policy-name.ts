import { Severity } from '../../severity';
import { LintRule, Report } from '../rule';

/** What both kinds of policy document offer this rule. */
interface NamedDocument {
  readonly name?: string;
  readonly id: string;
  readonly file?: string;
  readonly document?: number;
  readonly where: string;
}

/**
 * Reports every document whose key an earlier one has: applied in turn, it replaces the earlier one.
 * `key` is undefined for a document without a name (nothing to compare).
 */
function reportRepeats<D extends NamedDocument>(
  documents: readonly D[], key: (doc: D) => string | undefined, scope: string, report: Report,
): void {
  const first = new Map<string, D>();
  for (const doc of documents) {
    const k = key(doc);
    if (k === undefined) continue;
    const earlier = first.get(k);
    if (!earlier) {
      first.set(k, doc);
      continue;
    }
    report({
      policy: doc.id,
      field: 'metadata.name',
      file: doc.file,
      document: doc.document,
      message: `${doc.id} is defined again (first at ${earlier.where}): ${scope}applied in turn, this one replaces the earlier one `
        + 'and the earlier one\'s rules are lost.',
      fix: 'Rename one of them, or merge their rules into one policy.',
    });
  }
}

/** NP015: two policies with the same name in one namespace, or two ClusterNetworkPolicies of one name (mistake 25). */
export const duplicatePolicyName: LintRule = {
  id: 'NP015',
  name: 'duplicate-policy-name',
  severity: Severity.ERROR,
  judgesClusterPolicies: true,
  summary: 'Two policies have the same name in the same namespace (ClusterNetworkPolicies: in the cluster), so one replaces the other when applied.',
  help: 'Applying manifests in turn leaves only the last policy of a name: the rules of the earlier ones are lost '
    + 'without a warning. Give every policy in a namespace its own name, and every ClusterNetworkPolicy its own name.',
  checkClusterDocuments(policies, report) {
    reportRepeats(policies, (doc) => doc.name, 'ClusterNetworkPolicies are cluster-scoped, so ', report);
  },
  checkDocuments(policies, report) {
    // A missing namespace is kept apart from an explicit one: where it lands depends on the context.
    reportRepeats(policies, (doc) => (doc.name === undefined ? undefined : `${doc.namespace ?? ''}\u0000${doc.name}`), '', report);
  },
};
