import { selectorKey, isEmptySelector } from '../../analysis/selector-match';
import { Bitset } from '../../bitset';
import { Severity } from '../../severity';
import { listSome, PolicyView } from '../lint-context';
import { LintRule } from '../rule';

/** NP016: a rule allowing everything, which voids a default deny on the same pods (mistake 23). */
export const allowAllVoidsDeny: LintRule = {
  id: 'NP016',
  name: 'allow-all-voids-deny',
  severity: Severity.WARNING,
  summary: 'A rule allows all traffic (every peer, every port) for pods that a default-deny policy isolates, voiding it.',
  help: 'Policies only add allowances: one rule with no peers and no ports (`- {}`) allows every connection for the pods '
    + 'its policy selects, whatever other policies deny. When a default deny covers the same pods, it no longer denies '
    + 'anything there. Without such a deny the rule is reported as information: isolating the pods then has no effect. '
    + 'Name the peers and ports needed instead.',
  checkModel(context, report) {
    const evaluator = context.evaluator;
    // Default denies by direction and namespace: a policy only selects pods of its own namespace.
    const denies = new Map<string, PolicyView[]>();
    for (const policy of context.policies) {
      for (const [direction, isolates, rules] of [['Ingress', policy.policy.isolatesIngress, policy.ingress], ['Egress', policy.policy.isolatesEgress, policy.egress]] as const) {
        if (!isolates || rules.length > 0) continue;
        const key = `${direction}\u0000${policy.namespace}`;
        const list = denies.get(key);
        if (list) list.push(policy); else denies.set(key, [policy]);
      }
    }
    for (const rule of context.effectiveRules()) {
      if (rule.normalized.peers || rule.normalized.ports) continue;
      const ingress = rule.direction === 'Ingress';
      const mine = rule.policy;
      const voided = (denies.get(`${rule.direction}\u0000${mine.namespace}`) ?? []).filter((other) => other !== mine && overlaps(other));
      const word = ingress ? 'ingress' : 'egress';
      if (voided.length > 0) {
        let shared: number[] = [];
        if (context.workloadsKnown) {
          const classes = new Bitset(evaluator.classes.length);
          for (const deny of voided) classes.orAnd(deny.indexed.selected, mine.indexed.selected);
          shared = evaluator.selectedEndpoints(mine.indexed.index).filter((i) => classes.has(evaluator.classOf[i]));
        }
        report({
          ...context.at(mine, rule.field),
          message: `${rule.field} allows all ${word} (every peer, every port) for the pods ${mine.id} selects, which voids the default `
            + `deny of ${listSome(voided.map((d) => d.id))}${shared.length > 0 ? ` for ${listSome(shared.map((i) => context.endpointId(i)))}` : ''}: `
            + 'policies only add allowances, so nothing is denied there any more.',
          fix: `Replace ${rule.field} with rules naming the peers and ports needed, or remove it.`,
        });
      } else if (!rule.described) {
        report({
          ...context.at(mine, rule.field),
          severity: Severity.INFO,
          message: `${rule.field} allows all ${word} (every peer, every port) for the pods ${mine.id} selects: isolating them for ${word} has no effect.`,
          fix: `Replace ${rule.field} with rules naming the peers and ports needed, or document it with a cdk8s-netpol/${word}.${rule.index} annotation.`,
        });
      }

      function overlaps(other: PolicyView): boolean {
        if (context.workloadsKnown) return other.indexed.selected.intersects(mine.indexed.selected);
        // Without workloads: a deny for every pod of the namespace, or for the same selector.
        return isEmptySelector(other.policy.podSelector) || selectorKey(other.policy.podSelector) === selectorKey(mine.policy.podSelector);
      }
    }
  },
};
