import { Severity } from '../../severity';
import { listSome } from '../lint-context';
import { LintRule } from '../rule';

/** NP012: an ipBlock that contains pod IPs (mistake 15). Only when pods have IPs. */
export const ipBlockOverlapsPods: LintRule = {
  id: 'NP012',
  name: 'ipblock-overlaps-pods',
  severity: Severity.WARNING,
  summary: 'An ipBlock contains the IP addresses of pods in the model.',
  help: 'Pod IPs change whenever pods are rescheduled, and some network plugins apply ipBlock only to traffic from outside '
    + 'the cluster, so an ipBlock is an unreliable way to select pods. Select pods with podSelector/namespaceSelector and '
    + 'keep ipBlock for addresses outside the cluster (with the pod CIDR in except when the block is wide).',
  checkModel(context, report) {
    const evaluator = context.evaluator;
    if (!evaluator.endpoints.some((e) => e.ips.length > 0)) return;
    for (const rule of context.effectiveRules()) {
      (rule.normalized.peers ?? []).forEach((peer, j) => {
        if (peer.kind !== 'ipBlock') return;
        // The evaluator indexed the blocks by range: the pods each block holds are known.
        const classes = evaluator.ipBlockClasses(peer.key);
        if (!classes || classes.isEmpty()) return;
        const inside = classes.members().flatMap((c) => evaluator.classes[c].members).sort((a, b) => a - b).map((i) => ({ i }));
        const field = `${rule.field}.${rule.peersKey}[${j}].ipBlock`;
        report({
          ...context.at(rule.policy, field),
          message: `${field} (${peer.key}) contains the IPs of ${inside.length === 1 ? 'the pod' : 'the pods'} `
            + `${listSome(inside.map(({ i }) => context.endpointId(i)))}: pod IPs change when pods are rescheduled, and some network `
            + 'plugins apply ipBlock only to traffic from outside the cluster, so this peer may not match them.',
          fix: 'Select those pods with podSelector/namespaceSelector; keep ipBlock for addresses outside the cluster '
            + '(put the pod CIDR in except if the block must stay this wide).',
        });
      });
    }
  },
};
