import { decidingRule } from '../../analysis/cluster-tiers';
import { IndexedPolicy, SideVerdict } from '../../analysis/evaluator';
import { RankedRule } from '../../analysis/tiers';
import { Severity } from '../../severity';
import { ruleField, ruleLabel } from '../cluster-rule-helpers';
import { DnsOutcome } from '../dns-reachability';
import { LintContext, listSome } from '../lint-context';
import { Report, LintRule } from '../rule';

/** NP002: pods whose policies leave them unable to resolve names (mistake 4). */
export const dnsBlocked: LintRule = {
  id: 'NP002',
  name: 'dns-blocked',
  severity: Severity.ERROR,
  summary: 'Pods cannot resolve names: their egress policies (or the DNS pods\' ingress policies) do not allow DNS to the cluster DNS.',
  help: 'Judged with the evaluator: each pod (or, without workloads, the pods each policy selects) against the cluster DNS pods '
    + '(k8s-app=kube-dns in kube-system, or a stand-in with those labels) on UDP 53. When DNS is blocked, applications '
    + 'report timeouts rather than DNS errors. Allow egress to the DNS pods on UDP and TCP 53. When a ClusterNetworkPolicy '
    + 'Deny rule decides (Admin, or Baseline for pods no NetworkPolicy selects), the finding names that rule instead.',
  // Through the tiers: a ClusterNetworkPolicy Deny rule that cuts DNS is named.
  judgesClusterPolicies: true,
  checkModel(context, report) {
    const dns = context.dns;
    const groups = new Map<string, { side: SideVerdict; tcp: boolean; outcomes: DnsOutcome[] }>();
    for (const outcome of dns.outcomes) {
      if (outcome.udp.allowed) continue;
      const side = outcome.udp.egress.allowed ? outcome.udp.ingress : outcome.udp.egress;
      const denial = tierDenial(side);
      const by = denial ? `cnp:${denial.policy.name}:${denial.rule.direction}:${denial.rule.index}` : side.isolatingPolicies.map((p) => p.index).join(',');
      const key = `${side.direction}|${by}|${outcome.tcp.allowed}`;
      const group = groups.get(key);
      if (group) group.outcomes.push(outcome); else groups.set(key, { side, tcp: outcome.tcp.allowed, outcomes: [outcome] });
    }
    for (const { side, tcp, outcomes } of groups.values()) {
      const denial = tierDenial(side);
      if (denial) {
        reportTierDenial(context, report, side, denial, tcp, outcomes);
        continue;
      }
      const policies = side.isolatingPolicies;
      const primary = context.policies[policies[0].index];
      const egress = side.direction === 'Egress';
      const hasRules = egress ? primary.egress.length > 0 : primary.ingress.length > 0;
      const field = hasRules ? (egress ? 'spec.egress' : 'spec.ingress') : 'spec.policyTypes';
      const who = subjects(outcomes, true);
      const port = dns.target.port;
      const protocols = tcp ? `UDP ${port} (only TCP ${port}, which resolvers use only for large answers)` : `UDP or TCP ${port}`;
      const target = dns.standIn ? dns.dnsLabel : outcomes[0].dns.id;
      const message = egress
        ? `${who} cannot resolve names: isolated for egress by ${policyList(policies)}, and no egress rule allows DNS to `
          + `${target} on ${protocols}. Lookups fail, and applications report timeouts rather than DNS errors.`
        : `${who} cannot resolve names: ${target} is isolated for ingress by ${policyList(policies)}, `
          + `and no ingress rule admits DNS from them on ${protocols}.`;
      const fix = egress
        ? `Allow egress to ${dns.target.pods} on UDP and TCP ${port} for these pods: add that rule to ${primary.id}, or add a policy `
          + `in namespace ${primary.namespace} allowing it (AllowDns, or DnsTarget.clusterDns() in ThreeTierApp, with this library).`
        : `Add an ingress rule to ${primary.id} admitting UDP and TCP ${port} from the pods that resolve names `
          + '(e.g. from namespaceSelector: {}), or do not isolate the DNS pods.';
      report({ ...context.at(primary, field), message, fix });
    }
  },
};

/** The ClusterNetworkPolicy rule that denied a side, when an Admin or Baseline rule decided it. */
function tierDenial(side: SideVerdict): RankedRule | undefined {
  return side.tiers && !side.allowed ? decidingRule(side.tiers) : undefined;
}

/** DNS denied by a ClusterNetworkPolicy Deny rule: the finding names that rule, not the NetworkPolicies. */
function reportTierDenial(
  context: LintContext, report: Report, side: SideVerdict, denial: RankedRule, tcp: boolean, outcomes: readonly DnsOutcome[],
): void {
  const dns = context.dns;
  const view = context.clusterPolicies.find((p) => p.name === denial.policy.name)!;
  const field = ruleField(denial.rule);
  const port = dns.target.port;
  const protocols = tcp ? `UDP ${port} (only TCP ${port}, which resolvers use only for large answers)` : `UDP or TCP ${port}`;
  const target = dns.standIn ? dns.dnsLabel : outcomes[0].dns.id;
  const egress = side.direction === 'Egress';
  report({
    ...context.at(view, field),
    message: `${subjects(outcomes, true)} cannot resolve names: ${ruleLabel(view, denial.rule)} (${denial.policy.tier} tier, Deny) matches `
      + `${egress ? 'their egress to' : 'the ingress of'} ${target} on ${protocols}${egress ? '' : ' from them'}, before any rule that allows it. `
      + 'Lookups fail, and applications report timeouts rather than DNS errors.',
    fix: `Accept DNS to ${dns.target.pods} on UDP and TCP ${port} in a rule before ${field} of ${view.id} (or in a policy of lower priority), `
      + `or narrow ${field} so that it leaves DNS out`
      + (denial.policy.tier === 'Baseline' ? `${egress ? '' : ' (for the DNS pods)'}, or let a NetworkPolicy selecting ${egress ? 'these pods' : 'the DNS pods'} allow it.` : '.'),
  });
}

/** `production/backend`, `production/a, production/b and 3 more`, or a stand-in's description. */
export function subjects(outcomes: readonly DnsOutcome[], startOfSentence = false): string {
  const text = listSome(outcomes.map((o) => o.subject.label));
  // Stand-ins read 'the pods ... selects'.
  return startOfSentence && text.startsWith('the ') ? `T${text.slice(1)}` : text;
}

function policyList(policies: readonly IndexedPolicy[]): string {
  return listSome(policies.map((p) => p.id));
}
