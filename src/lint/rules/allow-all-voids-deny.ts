import { selectorKey, isEmptySelector } from '../../analysis/selector-match';
import { listSome, PolicyView } from '../lint-context';
import { LintSeverity } from '../lint-severity';
import { LintRule } from '../rule';

/** NP016: a rule allowing everything, which voids a default deny on the same pods (mistake 23). */
export const allowAllVoidsDeny: LintRule = {
  id: 'NP016',
  name: 'allow-all-voids-deny',
  severity: LintSeverity.WARNING,
  summary: 'A rule allows all traffic (every peer, every port) for pods that a default-deny policy isolates, voiding it.',
  help: 'Policies only add allowances: one rule with no peers and no ports (`- {}`) allows every connection for the pods '
    + 'its policy selects, whatever other policies deny. When a default deny covers the same pods, it no longer denies '
    + 'anything there. Without such a deny the rule is reported as information: isolating the pods then has no effect. '
    + 'Name the peers and ports needed instead.',
  checkModel(context, report) {
    const evaluator = context.evaluator;
    for (const rule of context.effectiveRules()) {
      if (rule.normalized.peers || rule.normalized.ports) continue;
      const ingress = rule.direction === 'Ingress';
      const mine = rule.policy;
      const selected = new Set(evaluator.selectedEndpoints(mine.indexed.index));
      const denies = context.policies.filter((other) => other !== mine
        && (ingress ? other.policy.isolatesIngress && other.ingress.length === 0 : other.policy.isolatesEgress && other.egress.length === 0)
        && overlaps(other));
      const word = ingress ? 'ingress' : 'egress';
      if (denies.length > 0) {
        const shared = context.workloadsKnown
          ? [...new Set(denies.flatMap((d) => evaluator.selectedEndpoints(d.indexed.index)))].filter((i) => selected.has(i))
          : [];
        report({
          ...context.at(mine, rule.field),
          message: `${rule.field} allows all ${word} (every peer, every port) for the pods ${mine.id} selects, which voids the default `
            + `deny of ${listSome(denies.map((d) => d.id))}${shared.length > 0 ? ` for ${listSome(shared.map((i) => context.endpointId(i)))}` : ''}: `
            + 'policies only add allowances, so nothing is denied there any more.',
          fix: `Replace ${rule.field} with rules naming the peers and ports needed, or remove it.`,
        });
      } else if (!rule.described) {
        report({
          ...context.at(mine, rule.field),
          severity: LintSeverity.INFO,
          message: `${rule.field} allows all ${word} (every peer, every port) for the pods ${mine.id} selects: isolating them for ${word} has no effect.`,
          fix: `Replace ${rule.field} with rules naming the peers and ports needed, or document it with a cdk8s-netpol/${word}.${rule.index} annotation.`,
        });
      }

      function overlaps(other: PolicyView): boolean {
        if (context.workloadsKnown) return evaluator.selectedEndpoints(other.indexed.index).some((i) => selected.has(i));
        // Without workloads: the same namespace, and a deny for every pod or for the same selector.
        return other.namespace === mine.namespace
          && (isEmptySelector(other.policy.podSelector) || selectorKey(other.policy.podSelector) === selectorKey(mine.policy.podSelector));
      }
    }
  },
};
