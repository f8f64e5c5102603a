import { describePorts } from '../../describe';
import { Severity } from '../../severity';
import { LintRule } from '../rule';
import { everyone, portsIncluding } from '../rule-helpers';

/** NP005: a rule with ports but no peers, opening the ports to everyone (mistakes 2, 3). */
export const portOnlyRule: LintRule = {
  id: 'NP005',
  name: 'port-only-rule',
  severity: Severity.WARNING,
  summary: 'A rule has ports but no peers, so it opens those ports to every peer, pods and external addresses alike.',
  help: 'A rule without from/to allows its ports from every source (ingress) or to every destination (egress). For egress '
    + 'this is how data leaves the cluster; it is a warning. For ingress it is how internet-facing services are opened, so '
    + 'it is only information, unless it sits next to a rule with peers but no ports: then an extra `-` probably split one '
    + 'rule in two, and both halves are wider than meant. A rule described with a cdk8s-netpol/<direction>.N annotation, '
    + 'or the only rule of a policy with a cdk8s-netpol/description (Peer.anyone() with a description in this library, '
    + 'AllowFrom and AllowTo included), is deliberate and not reported.',
  checkModel(context, report) {
    const dnsPort = context.dnsSettings.port;
    for (const rule of context.effectiveRules()) {
      if (rule.described || rule.normalized.peers || !rule.normalized.ports) continue;
      // `from: []` is NP006's; a rule on DNS ports only is NP004's.
      if (Array.isArray(rule.raw[rule.peersKey])) continue;
      if (portsIncluding(rule.normalized.ports, dnsPort).length === rule.normalized.ports.length) continue;
      const siblings = rule.direction === 'Ingress' ? rule.policy.ingress : rule.policy.egress;
      const split = siblings.find((s) => s !== rule && s.normalized.peers && !s.normalized.ports);
      const ports = describePorts(rule.normalized.ports);
      const egress = rule.direction === 'Egress';
      let message = `${rule.field} has ports but no '${rule.peersKey}', so it allows ${ports} ${egress ? 'to' : 'from'} ${everyone(rule)}: `
        + `every pod and every address${egress ? ' on the internet' : ''}.`;
      let fix = `Name the peers in ${rule.field}.${rule.peersKey}. If ${everyone(rule)} is meant, say so with a `
        + `cdk8s-netpol/${egress ? 'egress' : 'ingress'}.${rule.index} annotation (Peer.anyone() with a description in this library).`;
      if (split) {
        message += ` ${split.field} names peers but no ports: if they were meant as one rule, an extra '-' split them, `
          + `and ${split.field} now allows every port to its peers.`;
        fix = `Join ${split.field} and ${rule.field} into one rule: remove the '-' before 'ports' so that the peers and the ports are one list item.`;
      }
      report({
        ...context.at(rule.policy, rule.field),
        severity: split || egress ? Severity.WARNING : Severity.INFO,
        message,
        fix,
      });
    }
  },
};
