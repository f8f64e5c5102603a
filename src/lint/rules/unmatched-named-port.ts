import { Severity } from '../../severity';
import { listSome } from '../lint-context';
import { LintRule } from '../rule';

/** NP013: a named port no destination declares, or declares only for another protocol (mistake 20). */
export const unmatchedNamedPort: LintRule = {
  id: 'NP013',
  name: 'unmatched-named-port',
  severity: Severity.WARNING,
  summary: 'A rule names a port that no destination container declares (or declares only for another protocol).',
  help: 'A named port is looked up on each destination pod (the selected pods for ingress, the peers for egress), with '
    + 'the rule\'s protocol. Where no container port has that name and protocol, the rule matches nothing. External '
    + 'addresses have no named ports, so a named port with only ipBlock peers never matches. Judged against the '
    + 'workloads\' container ports when the model has workloads.',
  checkModel(context, report) {
    const evaluator = context.evaluator;
    for (const rule of context.effectiveRules()) {
      const ports = rule.normalized.ports ?? [];
      if (!ports.some((p) => p.name !== undefined)) continue;
      const peers = rule.normalized.peers;
      const onlyBlocks = rule.direction === 'Egress' && peers !== undefined && peers.every((p) => p.kind === 'ipBlock');
      const destinations = rule.direction === 'Ingress'
        ? evaluator.selectedEndpoints(rule.policy.indexed.index)
        : evaluator.ruleEndpoints(rule.indexed);
      ports.forEach((port, k) => {
        if (port.name === undefined) return;
        const field = `${rule.field}.ports[${k}].port`;
        if (onlyBlocks) {
          report({
            ...context.at(rule.policy, field),
            message: `${field} is the named port '${port.name}', but ${rule.field} has only ipBlock peers: named ports are looked `
              + 'up on destination pods, and addresses outside the cluster have none, so the rule matches no traffic to them.',
            fix: 'Use the port number for ipBlock peers.',
          });
          return;
        }
        if (!context.workloadsKnown || destinations.length === 0) return;
        const declared = (i: number) => evaluator.endpoints[i].ports.filter((c) => c.name === port.name);
        if (destinations.some((i) => declared(i).some((c) => c.protocol === port.protocol))) return;
        const other = [...new Set(destinations.flatMap((i) => declared(i).map((c) => c.protocol)))];
        const where = `(destinations: ${listSome(destinations.map((i) => context.endpointId(i)))})`;
        report({
          ...context.at(rule.policy, field),
          message: other.length > 0
            ? `${field} is the named port '${port.name}' on ${port.protocol}, but the destination pods declare '${port.name}' only for `
              + `${other.join(' and ')} ${where}: the rule matches no traffic on it.`
            : `${field} is the named port '${port.name}', but no destination pod declares a container port of that name ${where}: `
              + 'the rule matches no traffic on it.',
          fix: other.length > 0
            ? `Set the rule's protocol to ${other.join(' or ')}, or name the ${port.protocol} container port.`
            : 'Use the name of a declared container port (spec.containers[].ports[].name), or the port number.',
        });
      });
    }
  },
};
