import { matchesNormalizedSelector } from '../../analysis/selector-match';
import { selectorsMayOverlap } from '../../analysis/tiers';
import { NAMESPACE_NAME_LABEL, ruleAnnotation } from '../../manifest';
import { Severity } from '../../severity';
import { describeClusterPeer, describeClusterPorts, ruleField, ruleLabel, trafficWord } from '../cluster-rule-helpers';
import { listSome, PolicyView } from '../lint-context';
import { LintRule } from '../rule';

/**
 * NP022: an Admin `Accept` rule for pods a namespace's NetworkPolicy default deny isolates: the namespace
 * owners cannot block that traffic.
 */
export const cnpAcceptVoidsDefaultDeny: LintRule = {
  id: 'NP022',
  name: 'cnp-accept-voids-default-deny',
  severity: Severity.INFO,
  summary: 'An Admin ClusterNetworkPolicy Accept rule applies to pods a NetworkPolicy default deny isolates: that traffic is '
    + 'allowed whatever the namespace\'s policies say.',
  help: 'The Admin tier decides before any NetworkPolicy: an Accept there is final, so a namespace\'s default deny (and any other '
    + 'NetworkPolicy) cannot block the connections the rule matches, and the namespace owners cannot change that. This is often '
    + 'intended (monitoring that must always scrape, say), so it is information: it tells the owners of the namespace what their '
    + 'deny does not cover. With workloads given, the pods concerned are named; without, a default deny in a namespace the subject '
    + 'selects, on pods its pod selector could select, is reported. If the owners should decide, use Pass instead of Accept '
    + '(the NetworkPolicies then decide for the pods they select), or narrow the subject, peers or ports.',
  judgesClusterPolicies: true,
  checkModel(context, report) {
    const evaluator = context.evaluator;
    for (const policy of context.clusterPolicies) {
      if (policy.policy.tier !== 'Admin') continue;
      const subject = policy.policy.subject;
      const subjectPods = context.workloadsKnown ? context.subjectEndpoints(subject) : [];
      for (const direction of ['ingress', 'egress'] as const) {
        const accepts = policy.policy[direction].filter((r) => r.action === 'Accept');
        if (accepts.length === 0) continue;
        // Default denies for the direction (isolating, without rules) that share pods with the subject.
        const voided: PolicyView[] = [];
        const pods = new Set<number>();
        for (const deny of context.policies) {
          const isolates = direction === 'ingress' ? deny.policy.isolatesIngress : deny.policy.isolatesEgress;
          if (!isolates || deny[direction].length > 0) continue;
          if (context.workloadsKnown) {
            const selected = new Set(evaluator.selectedEndpoints(deny.indexed.index));
            const shared = subjectPods.filter((i) => selected.has(i));
            if (shared.length === 0) continue;
            shared.forEach((i) => pods.add(i));
          } else {
            const labels = evaluator.namespaces.get(deny.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: deny.namespace };
            const inNamespace = subject.kind === 'namespaces'
              ? matchesNormalizedSelector(subject.selector, labels)
              : matchesNormalizedSelector(subject.namespaceSelector, labels) && selectorsMayOverlap(subject.podSelector, deny.policy.podSelector);
            if (!inNamespace) continue;
          }
          voided.push(deny);
        }
        if (voided.length === 0) continue;
        const which = pods.size > 0 ? ` (${listSome([...pods].sort((a, b) => a - b).map((i) => context.endpointId(i)))})` : '';
        for (const rule of accepts) {
          const annotation = ruleAnnotation(direction === 'ingress' ? 'Ingress' : 'Egress', rule.index);
          report({
            ...context.at(policy, ruleField(rule)),
            message: `${ruleLabel(policy, rule)} accepts ${trafficWord(direction)} ${rule.peers.map(describeClusterPeer).join(', ')} on `
              + `${describeClusterPorts(rule.ports)} for pods the default deny of ${listSome(voided.map((d) => d.id))} isolates${which}: `
              + 'the Admin tier decides before any NetworkPolicy, so the namespace owners cannot block this traffic. '
              + 'Often intended (monitoring, say); the owners should know.',
            fix: context.describedClusterRule(policy, direction, rule.index)
              ? `Nothing to do if intended (the ${annotation} annotation says why); otherwise make ${ruleField(rule)} Pass, so that the `
                + 'NetworkPolicies decide, or narrow its subject, peers or ports.'
              : `If intended, say why in a ${annotation} annotation; otherwise make ${ruleField(rule)} Pass, so that the NetworkPolicies `
                + 'decide, or narrow its subject, peers or ports.',
          });
        }
      }
    }
  },
};
