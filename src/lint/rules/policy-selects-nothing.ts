import { describeLabels } from '../../analysis/selector-match';
import { describeSelector } from '../../describe';
import { Severity } from '../../severity';
import { listSome } from '../lint-context';
import { LintRule } from '../rule';

/** NP008: a policy whose podSelector matches no known pod (mistake 12). Only when workloads are known. */
export const policySelectsNothing: LintRule = {
  id: 'NP008',
  name: 'policy-selects-nothing',
  severity: Severity.WARNING,
  summary: 'The policy selects no pod of the model: a typo in a label or the namespace makes it inert.',
  help: 'Judged only when the model has pods or workloads. A policy that selects nothing protects nothing and allows '
    + 'nothing. Compare spec.podSelector with the pod template labels, and metadata.namespace with the workloads\' namespace.',
  checkModel(context, report) {
    if (!context.workloadsKnown) return;
    for (const policy of context.policies) {
      if (!policy.indexed.selected.isEmpty()) continue;
      const there = context.evaluator.endpointsIn(policy.namespace).map((i) => context.evaluator.endpoints[i]);
      const selector = describeSelector(policy.policy.podSelector);
      const seen = [...new Set(there.map((e) => describeLabels(e.labels)))];
      report({
        ...context.at(policy, 'spec.podSelector'),
        message: `spec.podSelector (${selector || 'every pod'}) selects no pod in namespace ${policy.namespace}, so ${policy.id} does nothing. `
          + (there.length === 0
            ? `The model has no pods or workloads in namespace ${policy.namespace}.`
            : `The pods there have labels: ${listSome(seen.map((s) => `{${s}}`))}.`),
        fix: 'Match spec.podSelector to the pod template labels of the workloads meant, and check metadata.namespace.',
      });
    }
  },
};
