import { RuleCheck } from '../../analysis/evaluator';
import { Severity } from '../../severity';
import { DnsOutcome } from '../dns-reachability';
import { LintRule } from '../rule';
import { subjects } from './dns-blocked';

/** NP003: DNS allowed over UDP but not TCP (mistake 5). */
export const dnsUdpOnly: LintRule = {
  id: 'NP003',
  name: 'dns-udp-only',
  severity: Severity.WARNING,
  summary: 'DNS is allowed over UDP but not TCP, so large answers fail intermittently.',
  help: 'Resolvers retry over TCP when an answer does not fit in UDP (many records, DNSSEC, long search lists). With UDP '
    + 'alone those lookups fail, now and then, in ways that are hard to trace. Allow the DNS port on both UDP and TCP.',
  checkModel(context, report) {
    const dns = context.dns;
    const groups = new Map<string, { check: RuleCheck; outcomes: DnsOutcome[] }>();
    for (const outcome of dns.outcomes) {
      if (!outcome.udp.allowed || outcome.tcp.allowed) continue;
      // The side that refuses TCP holds the rule that allows only UDP.
      const side = outcome.tcp.egress.allowed ? outcome.udp.ingress : outcome.udp.egress;
      const check = side.checks.find((c) => c.peerMatches && c.portMatches);
      if (!check) continue;
      const key = `${check.policy.index}|${check.rule.direction}|${check.rule.index}`;
      const group = groups.get(key);
      if (group) group.outcomes.push(outcome); else groups.set(key, { check, outcomes: [outcome] });
    }
    const port = dns.target.port;
    for (const { check, outcomes } of groups.values()) {
      const policy = context.policies[check.policy.index];
      const field = `spec.${check.rule.direction === 'Ingress' ? 'ingress' : 'egress'}[${check.rule.index}].ports`;
      const target = dns.standIn ? dns.dnsLabel : outcomes[0].dns.id;
      report({
        ...context.at(policy, field),
        message: `${field} allows DNS over UDP ${port} but not TCP ${port}, and no other rule allows TCP ${port}: `
          + `${subjects(outcomes)} can send queries to ${target}, but answers too large for UDP are retried over TCP and fail.`,
        fix: `Add { protocol: TCP, port: ${port} } next to the UDP port in ${field} (DnsTarget allows both in this library).`,
      });
    }
  },
};
