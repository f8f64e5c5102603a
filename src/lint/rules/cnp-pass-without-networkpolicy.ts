import { Severity } from '../../severity';
import { describeClusterPeer, describeClusterPorts, ruleField, ruleLabel, trafficWord } from '../cluster-rule-helpers';
import { listSome } from '../lint-context';
import { LintRule } from '../rule';

/**
 * NP021: an Admin `Pass` rule for pods no NetworkPolicy selects for that direction, so the connections it
 * passes go straight on to the Baseline tier. Only when workloads are known.
 */
export const cnpPassWithoutNetworkPolicy: LintRule = {
  id: 'NP021',
  name: 'cnp-pass-without-networkpolicy',
  severity: Severity.WARNING,
  summary: 'An Admin ClusterNetworkPolicy Pass rule applies to pods no NetworkPolicy selects for that direction: the namespace owners '
    + 'it hands the decision to have none, and the Baseline tier (or the default allow) decides.',
  help: 'Pass ends the Admin tier and hands the connection to the NetworkPolicies; when no NetworkPolicy selects the pod for the '
    + 'direction, they do not decide and the Baseline tier does, or, without a matching Baseline rule, the connection is allowed. '
    + 'A warning when no pod of the rule\'s subject has such a NetworkPolicy (the Pass hands over to nobody, so it works as a skip to '
    + 'the Baseline tier, which is rarely what a Pass was written for); information when only some of them lack one (delegating '
    + 'to the owners who wrote policies, with the Baseline tier for the rest, is a common design). Judged on the workloads given, '
    + 'silent without them. Add a NetworkPolicy for those pods (a namespace default deny, say), a Baseline rule for the traffic, or '
    + 'use Accept or Deny if the Admin tier should decide.',
  judgesClusterPolicies: true,
  checkModel(context, report) {
    if (!context.workloadsKnown) return;
    const evaluator = context.evaluator;
    const baseline = context.clusterPolicies.filter((p) => p.policy.tier === 'Baseline');
    for (const policy of context.clusterPolicies) {
      if (policy.policy.tier !== 'Admin') continue;
      // Only the directions with a Pass rule (the subject's pods are looked up only for those).
      const directions = (['ingress', 'egress'] as const).filter((d) => policy.policy[d].some((rule) => rule.action === 'Pass'));
      if (directions.length === 0) continue;
      const subject = context.subjectEndpoints(policy.policy.subject);
      if (subject.length === 0) continue;
      for (const direction of directions) {
        const type = direction === 'ingress' ? 'Ingress' : 'Egress';
        const unselected = subject.filter((i) => evaluator.isolatingPolicies(i, type).length === 0);
        if (unselected.length === 0) continue;
        const all = unselected.length === subject.length;
        const ids = unselected.map((i) => context.endpointId(i));
        // What decides next for those pods: Baseline policies with rules for the direction whose subject selects one of them.
        const unselectedSet = new Set(unselected);
        const next = baseline.filter((b) => b.policy[direction].length > 0
          && context.subjectEndpoints(b.policy.subject).some((i) => unselectedSet.has(i)));
        const then = next.length > 0
          ? `the Baseline tier decides for them (${listSome(next.map((b) => b.id))}), and what no Baseline rule matches is allowed`
          : `no Baseline ClusterNetworkPolicy has ${direction} rules for them, so the connections are allowed`;
        for (const rule of policy.policy[direction]) {
          if (rule.action !== 'Pass') continue;
          report({
            ...context.at(policy, ruleField(rule)),
            ...(all ? {} : { severity: Severity.INFO }),
            message: `${ruleLabel(policy, rule)} passes ${trafficWord(direction)} ${rule.peers.map(describeClusterPeer).join(', ')} on `
              + `${describeClusterPorts(rule.ports)} to the NetworkPolicies, but `
              + (all ? `no NetworkPolicy selects any pod of its subject for ${direction} (${listSome(ids)})`
                : `no NetworkPolicy selects ${listSome(ids)} for ${direction} (${unselected.length} of the ${subject.length} pods of its subject)`)
              + `: ${then}.`,
            fix: `Add a NetworkPolicy selecting ${listSome(ids)} for ${direction} (a default deny in ${joinNamespaces(ids)}), a Baseline rule `
              + `for this traffic, or make ${ruleField(rule)} Accept or Deny if the Admin tier should decide.`,
          });
        }
      }
    }
  },
};

/** `namespace shop`, `namespaces shop and billing`, from endpoint ids. */
function joinNamespaces(ids: readonly string[]): string {
  const namespaces = [...new Set(ids.map((id) => id.slice(0, id.indexOf('/'))))];
  return namespaces.length === 1 ? `namespace ${namespaces[0]}` : `namespaces ${listSome(namespaces)}`;
}
