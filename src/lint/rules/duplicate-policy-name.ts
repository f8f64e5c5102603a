import { Severity } from '../../severity';
import { ClusterPolicyDocument, PolicyDocument } from '../policy-document';
import { LintRule } from '../rule';

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
    const first = new Map<string, ClusterPolicyDocument>();
    for (const doc of policies) {
      if (doc.name === undefined) continue;
      const earlier = first.get(doc.name);
      if (!earlier) {
        first.set(doc.name, doc);
        continue;
      }
      report({
        policy: doc.id,
        field: 'metadata.name',
        file: doc.file,
        document: doc.document,
        message: `${doc.id} is defined again (first at ${earlier.where}): ClusterNetworkPolicies are cluster-scoped, so applied in turn, `
          + 'this one replaces the earlier one and the earlier one\'s rules are lost.',
        fix: 'Rename one of them, or merge their rules into one policy.',
      });
    }
  },
  checkDocuments(policies, report) {
    const first = new Map<string, PolicyDocument>();
    for (const doc of policies) {
      if (doc.name === undefined) continue;
      // A missing namespace is kept apart from an explicit one: where it lands depends on the context.
      const key = `${doc.namespace ?? ''}\u0000${doc.name}`;
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, doc);
        continue;
      }
      report({
        policy: doc.id,
        field: 'metadata.name',
        file: doc.file,
        document: doc.document,
        message: `${doc.id} is defined again (first at ${earlier.where}): applied in turn, this one replaces the earlier one `
          + 'and the earlier one\'s rules are lost.',
        fix: 'Rename one of them, or merge their rules into one policy.',
      });
    }
  },
};
