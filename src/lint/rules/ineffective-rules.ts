import { Severity } from '../../severity';
import { LintRule } from '../rule';

/** NP017: rules for a direction that policyTypes leaves out, which Kubernetes ignores. */
export const ineffectiveRules: LintRule = {
  id: 'NP017',
  name: 'ineffective-rules',
  severity: Severity.WARNING,
  summary: 'The policy has ingress or egress rules, but spec.policyTypes does not list that direction, so they are ignored.',
  help: 'Rules take effect only for the directions in spec.policyTypes. Rules for another direction change nothing, which '
    + 'usually means a direction was left out of policyTypes by mistake. Add the direction, or remove the rules.',
  checkModel(context, report) {
    for (const policy of context.policies) {
      if (policy.policy.policyTypesDefaulted) continue;
      for (const rules of [policy.ingress, policy.egress]) {
        if (rules.length === 0 || rules[0].effective) continue;
        const type = rules[0].direction;
        const field = type === 'Ingress' ? 'spec.ingress' : 'spec.egress';
        report({
          ...context.at(policy, field),
          message: `${field} has ${rules.length === 1 ? '1 rule' : `${rules.length} rules`}, but spec.policyTypes does not list ${type}: `
            + `Kubernetes ignores them, and ${type.toLowerCase()} of the selected pods is not restricted by ${policy.id}.`,
          fix: `Add ${type} to spec.policyTypes if the rules are meant (it then also denies the ${type.toLowerCase()} they do not allow), or remove them.`,
        });
      }
    }
  },
};
