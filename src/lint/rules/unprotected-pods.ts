import { Severity } from '../../severity';
import { LintRule } from '../rule';

/** NP011: pods no policy isolates, per direction (mistake 14). Only when workloads are known. */
export const unprotectedPods: LintRule = {
  id: 'NP011',
  name: 'unprotected-pods',
  severity: Severity.INFO,
  summary: 'A pod or workload is not isolated for ingress and/or egress: no policy selects it for that direction.',
  help: 'A pod no policy selects for a direction allows all traffic in that direction. This is the Kubernetes default, '
    + 'and sometimes intended (system pods), so it is information. A namespace-wide default deny '
    + '(podSelector: {}, policyTypes: [Ingress, Egress]) isolates every pod of the namespace.',
  checkModel(context, report) {
    const evaluator = context.evaluator;
    // Per endpoint, the ClusterNetworkPolicies whose subject takes it in (in their order), found from each
    // policy's subject: the cost follows the subjects, not pods times policies.
    const subjectOf: number[][] = evaluator.endpoints.map(() => []);
    context.clusterPolicies.forEach((c, k) => {
      if (c.policy.ingress.length + c.policy.egress.length === 0) return;
      for (const index of context.subjectEndpoints(c.policy.subject)) subjectOf[index].push(k);
    });
    evaluator.endpoints.forEach((endpoint, index) => {
      const ingress = evaluator.isolatingPolicies(index, 'Ingress').length > 0;
      const egress = evaluator.isolatingPolicies(index, 'Egress').length > 0;
      if (ingress && egress) return;
      const directions = !ingress && !egress ? 'ingress or egress' : !ingress ? 'ingress' : 'egress';
      const traffic = !ingress && !egress ? 'all its incoming and outgoing traffic is' : !ingress ? 'all its incoming traffic is' : 'all its outgoing traffic is';
      const types = [!ingress ? 'Ingress' : '', !egress ? 'Egress' : ''].filter((t) => t !== '').join(', ');
      const id = context.endpointId(index);
      // ClusterNetworkPolicies whose subject takes in the pod and that have rules for a direction left open still judge it.
      const open = [!ingress ? 'ingress' : undefined, !egress ? 'egress' : undefined].filter((d): d is 'ingress' | 'egress' => d !== undefined);
      const tiers = subjectOf[index].map((k) => context.clusterPolicies[k])
        .filter((c) => open.some((d) => c.policy[d].length > 0))
        .map((c) => `${c.policy.tier} ${c.id}`);
      const cluster = tiers.length === 0 ? '.'
        : ` as far as NetworkPolicies go; ${tiers.join(', ')} ${tiers.length === 1 ? 'has' : 'have'} rules for it there.`;
      report({
        workload: id,
        file: context.fileOf(endpoint.origin),
        document: endpoint.origin?.documentIndex,
        message: `${id} is not isolated for ${directions}: no NetworkPolicy selects it for that, so ${traffic} allowed${cluster}`,
        fix: `Add a default deny to namespace ${endpoint.namespace} (podSelector: {}, policyTypes: [${types}]; DefaultDeny in this library) `
          + 'and allow what the pods need.',
      });
    });
  },
};
