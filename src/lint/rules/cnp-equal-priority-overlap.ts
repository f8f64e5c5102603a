import { findPriorityTies } from '../../analysis/tiers';
import { Severity } from '../../severity';
import { describeSubject } from '../cluster-rule-helpers';
import { joinAnd } from '../lint-context';
import { LintRule } from '../rule';

/**
 * NP020: two ClusterNetworkPolicies of one tier with the same priority, subjects that may overlap and rules in
 * a common direction: upstream leaves their order undefined.
 */
export const cnpEqualPriorityOverlap: LintRule = {
  id: 'NP020',
  name: 'cnp-equal-priority-overlap',
  severity: Severity.WARNING,
  summary: 'Two ClusterNetworkPolicies of one tier have the same priority, subjects that may select the same pods, and rules in a '
    + 'common direction: which decides first is undefined.',
  help: 'Policies of a tier are applied by priority, lower first; for equal priorities the API says the implementation can apply '
    + 'any of the matching policies, so a connection both policies match may get either one\'s action, and implementations (or '
    + 'versions of one) may differ. check and explain judge ties by name and say when the order matters for a connection; this '
    + 'reports every pair whose subjects could select a common pod (from the selectors alone) and whose rules share a direction. '
    + 'Give each policy its own priority, or make their subjects disjoint.',
  judgesClusterPolicies: true,
  checkModel(context, report) {
    const byName = new Map(context.clusterPolicies.map((p) => [p.name, p]));
    for (const tie of findPriorityTies(context.clusterPolicies.map((p) => p.policy))) {
      const first = byName.get(tie.policies[0])!;
      const second = byName.get(tie.policies[1])!;
      const directions = joinAnd([...tie.directions]);
      report({
        ...context.at(second, 'spec.priority'),
        message: `${second.id} and ${first.id} are both ${tie.tier} tier at priority ${tie.priority}, their subjects may select the same `
          + `pods (${describeSubject(second.policy.subject)}; ${describeSubject(first.policy.subject)}) and both have ${directions} rules: `
          + 'upstream leaves the order of equal-priority policies undefined, so for a connection both match either may decide.',
        fix: `Give ${second.id} or ${first.id} another priority (the one meant to decide first lower), or make their subjects disjoint.`,
      });
    }
  },
};
