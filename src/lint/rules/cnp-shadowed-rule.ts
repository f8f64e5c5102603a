import { NormalizedCnpRule } from '../../analysis/cluster-policy-parse';
import { comparePolicies } from '../../analysis/tiers';
import { CLUSTER_NETWORK_POLICY_TIERS } from '../../cluster-manifest';
import { Severity } from '../../severity';
import { describeClusterPeer, describeClusterPorts, ruleCovers, ruleField, ruleLabel, subjectCovers } from '../cluster-rule-helpers';
import { ClusterPolicyView } from '../lint-context';
import { LintRule } from '../rule';

/**
 * NP019: a ClusterNetworkPolicy rule that can never decide, because a rule before it in the same tier and
 * direction matches every connection it matches. Proved from the selectors, never guessed.
 */
export const cnpShadowedRule: LintRule = {
  id: 'NP019',
  name: 'cnp-shadowed-rule',
  severity: Severity.WARNING,
  summary: 'A ClusterNetworkPolicy rule can never decide: an earlier rule of its tier and direction matches every connection it matches.',
  help: 'In a tier, the first matching rule decides (Accept and Deny end the tier, Pass skips the rest of it): the rules of one '
    + 'policy in written order, policies by priority (lower first). A rule is shadowed when an earlier rule of its policy, or a rule '
    + 'of a policy with a lower priority whose subject takes in every pod of its subject, matches the same or wider peers and ports: '
    + 'it is never reached, and with another action it never does what it says. Only what the selectors, CIDRs and ports prove is '
    + 'reported (an earlier rule with `namespaces: {}` or no `protocols` takes in more; selectors that merely could cover are not). '
    + 'Equal priorities have no order upstream, so they are left to NP020. Remove the rule, or move it before the rule that shadows it.',
  judgesClusterPolicies: true,
  checkModel(context, report) {
    for (const tier of CLUSTER_NETWORK_POLICY_TIERS) {
      // Policies of the tier in precedence order: lower priority first (ties by name, as the evaluator orders them).
      const policies = context.clusterPolicies.filter((p) => p.policy.tier === tier).sort((a, b) => comparePolicies(a.policy, b.policy));
      for (const direction of ['ingress', 'egress'] as const) {
        policies.forEach((policy, position) => {
          for (const rule of policy.policy[direction]) {
            const earlier = shadowOf(policy, rule, policies.slice(0, position));
            if (!earlier) continue;
            const [by, byRule] = earlier;
            const sameAction = byRule.action === rule.action;
            const where = by === policy ? 'earlier in the same policy'
              : `of priority ${by.policy.priority} (before ${policy.policy.priority}) and a subject taking in every pod of this one's`;
            report({
              ...context.at(policy, ruleField(rule)),
              message: `${ruleLabel(policy, rule)} (${rule.action}) can never decide: ${ruleLabel(by, byRule)} (${byRule.action}), ${where}, `
                + `matches every connection it matches (${direction === 'ingress' ? 'from' : 'to'} ${byRule.peers.map(describeClusterPeer).join(', ')} `
                + `on ${describeClusterPorts(byRule.ports)}), so the ${tier} tier never reaches it`
                + (sameAction ? '; it is redundant.' : `: those connections get ${byRule.action}, not ${rule.action}.`),
              fix: sameAction
                ? `Remove ${ruleField(rule)} of ${policy.id}, or narrow ${ruleField(byRule)} of ${by.id} if this rule was meant to decide.`
                : `Move ${ruleField(rule)} before ${ruleField(byRule)}${by === policy ? '' : ` (or give ${policy.id} a lower priority than ${by.policy.priority})`}, `
                  + `narrow ${ruleField(byRule)} of ${by.id}, or remove ${ruleField(rule)}.`,
            });
          }
        });
      }
    }
  },
};

/** The first rule before `rule` (in precedence order) that matches every connection it matches, with its policy. */
function shadowOf(
  policy: ClusterPolicyView, rule: NormalizedCnpRule, before: readonly ClusterPolicyView[],
): [ClusterPolicyView, NormalizedCnpRule] | undefined {
  for (const other of before) {
    // Equal priorities have no defined order upstream: the earlier one is not proved to come first.
    if (other.policy.priority === policy.policy.priority || !subjectCovers(other.policy.subject, policy.policy.subject)) continue;
    const covering = other.policy[rule.direction].find((r) => ruleCovers(r, rule));
    if (covering) return [other, covering];
  }
  const own = policy.policy[rule.direction].slice(0, rule.index).find((r) => ruleCovers(r, rule));
  return own ? [policy, own] : undefined;
}
