import { describePorts } from '../../describe';
import { Severity } from '../../severity';
import { LintRule } from '../rule';
import { isEveryAddress, isEveryPod, portsIncluding } from '../rule-helpers';

/** NP004: the DNS port opened to every destination, every pod of every namespace, or every address (mistakes 3, 34). */
export const dnsTooBroad: LintRule = {
  id: 'NP004',
  name: 'dns-too-broad',
  severity: Severity.WARNING,
  summary: 'The DNS port is allowed to every destination, every pod of every namespace, or every address, instead of the cluster DNS pods.',
  help: 'A rule for DNS only needs the cluster DNS pods. Opening port 53 to everything lets pods send data to any server '
    + 'that listens there (DNS exfiltration) and hides where names are really resolved. Name the DNS pods: one peer with '
    + 'namespaceSelector kubernetes.io/metadata.name=kube-system and podSelector k8s-app=kube-dns (for resolvers outside the '
    + 'cluster, their addresses as /32 ipBlocks).',
  checkModel(context, report) {
    const { port, namespace, podLabels } = context.dnsSettings;
    const labels = Object.entries(podLabels).map(([k, v]) => `${k}: ${v}`).join(', ');
    const fix = 'Name the DNS pods instead, as one peer: { namespaceSelector: { matchLabels: { kubernetes.io/metadata.name: '
      + `${namespace} } }, podSelector: { matchLabels: { ${labels} } } } (DnsTarget.clusterDns() in this library).`;
    for (const rule of context.effectiveRules()) {
      if (rule.direction !== 'Egress') continue;
      const dnsPorts = portsIncluding(rule.normalized.ports, port);
      if (dnsPorts.length === 0) continue;
      const opens = `opens ${describePorts(dnsPorts)}`;
      const notJust = `not just the cluster DNS (pods ${Object.entries(podLabels).map(([k, v]) => `${k}=${v}`).join(',')} in namespace ${namespace})`;
      const peers = rule.normalized.peers;
      if (!peers) {
        report({
          ...context.at(rule.policy, rule.field),
          message: `${rule.field} has no 'to', so it ${opens} to every destination (every pod and every address), ${notJust}: `
            + 'any server listening there can be sent data.',
          fix,
        });
        continue;
      }
      peers.forEach((peer, j) => {
        const what = isEveryPod(peer) ? 'every pod of every namespace' : isEveryAddress(peer) ? 'every address' : undefined;
        if (!what) return;
        const field = `${rule.field}.to[${j}]`;
        report({
          ...context.at(rule.policy, field),
          message: `${field} ${opens} to ${what}, ${notJust}: any ${what === 'every address' ? 'server' : 'pod'} listening there can be sent data.`,
          fix,
        });
      });
    }
  },
};
