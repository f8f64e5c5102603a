/**
 * The DNS rules judge with the evaluator: NP002 (pods cannot resolve names), NP003 (UDP only) and NP004
 * (the DNS port opened to everything), each against the model's DNS pods or a stand-in.
 */
import { COREDNS, DNS_RULE, allowDns, findings, lint, only } from './helpers';
import { generateCluster } from '../../bench/analysis-cluster';
import { Severity } from '../../src';
import { Evaluator } from '../../src/analysis/evaluator';
import { NetworkModel } from '../../src/analysis/network-model';
import { ClusterDnsPods, DnsReachability } from '../../src/lint/dns-reachability';
import { Protocol } from '../../src/protocol';
import { deployment, policy } from '../support/manifests';

const app = deployment('shop', 'app', { app: 'web' }, [[8080]]);
const denyEgress = policy('shop', 'deny-egress', { podSelector: {}, policyTypes: ['Egress'] });

describe('NP002 dns-blocked', () => {
  test('fires on egress-isolated pods with no DNS rule, naming the pods, the policy and the DNS pods', () => {
    const report = lint([app, COREDNS, denyEgress]);
    expect(findings(report, 'NP002')).toEqual([{ severity: Severity.ERROR, policy: 'shop/deny-egress', field: 'spec.policyTypes' }]);
    const finding = only(report, 'NP002');
    expect(finding.message).toContain('shop/app cannot resolve names: isolated for egress by shop/deny-egress');
    expect(finding.message).toContain('kube-system/coredns on UDP or TCP 53');
    expect(finding.fix).toContain('UDP and TCP 53');
  });

  test('points at spec.egress when the isolating policy has egress rules that leave DNS out', () => {
    const report = lint([app, COREDNS, policy('shop', 'web', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] }],
    })]);
    expect(findings(report, 'NP002')).toEqual([{ severity: Severity.ERROR, policy: 'shop/web', field: 'spec.egress' }]);
  });

  test('is silent when another policy allows DNS to the cluster DNS pods on UDP and TCP', () => {
    const report = lint([app, COREDNS, denyEgress, allowDns('shop')]);
    expect(report.findingsOf('NP002')).toEqual([]);
    expect(report.findingsOf('NP003')).toEqual([]);
  });

  test('is silent for pods that are not isolated for egress', () => {
    const report = lint([app, COREDNS, policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(report.findingsOf('NP002')).toEqual([]);
  });

  test('without workloads, judges the representatives the policies tell apart against a pod with the DNS labels', () => {
    const report = lint([denyEgress]);
    const finding = only(report, 'NP002');
    expect(finding.policy).toBe('shop/deny-egress');
    expect(finding.message).toContain('The pods of namespace shop (shop/*) cannot resolve names');
    expect(finding.message).toContain('the cluster DNS (pods k8s-app=kube-dns in namespace kube-system)');
    // The same policies with DNS allowed: the representatives can resolve names.
    expect(lint([denyEgress, allowDns('shop')]).findingsOf('NP002')).toEqual([]);
  });

  test('without workloads, no error for what no real pod is likely to be: every workload has its own policy allowing egress', () => {
    // The pattern of widely used demos: a namespace-wide deny, and per workload a policy allowing all egress.
    const deny = policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    const perWorkload = ['cart', 'checkout', 'frontend'].map((name) => policy('shop', name, {
      podSelector: { matchLabels: { app: name } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }] }],
      egress: [{}],
    }));
    const report = lint([deny, ...perWorkload]);
    expect(report.findingsOf('NP002')).toEqual([]);
    expect(report.errorCount).toBe(0);
    // A workload's policy that forgets DNS is still found, on its representative.
    const forgetful = policy('shop', 'cache', {
      podSelector: { matchLabels: { app: 'cache' } }, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: { matchLabels: { app: 'cart' } } }] }],
    });
    const found = only(lint([deny, ...perWorkload, forgetful]), 'NP002');
    expect(found.message).toContain('The pods app=cache of namespace shop (shop/[app=cache]) cannot resolve names');
  });

  test('a stand-in pod is judged by every policy selecting it: a namespace-wide DNS policy covers a labelled policy\'s pods', () => {
    const web = policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8' } }] }] });
    expect(lint([web]).findingsOf('NP002')).toHaveLength(1);
    expect(lint([web, allowDns('shop')]).findingsOf('NP002')).toEqual([]);
  });

  test('TCP alone is still blocked DNS: queries go over UDP', () => {
    const tcpOnly = policy('shop', 'dns-tcp', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ...DNS_RULE, ports: [{ protocol: 'TCP', port: 53 }] }] });
    const finding = only(lint([app, COREDNS, tcpOnly]), 'NP002');
    expect(finding.message).toContain('on UDP 53 (only TCP 53');
  });

  test('fires on the DNS side when a policy in kube-system cuts ingress to the DNS pods, for every pod', () => {
    const report = lint([app, COREDNS, policy('kube-system', 'lockdown', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(findings(report, 'NP002')).toEqual([{ severity: Severity.ERROR, policy: 'kube-system/lockdown', field: 'spec.policyTypes' }]);
    expect(only(report, 'NP002').message).toContain('kube-system/coredns is isolated for ingress by kube-system/lockdown');
  });

  test('honours a custom DNS target (OpenShift DNS on 5353)', () => {
    const openshiftDns = deployment('openshift-dns', 'dns-default', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, [[5353, 'dns', 'UDP'], [5353, 'dns-tcp', 'TCP']]);
    const allow = policy('shop', 'allow-dns', {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [{
        to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } } }],
        ports: [{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }],
      }],
    });
    const options = { dnsNamespace: 'openshift-dns', dnsPodLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' }, dnsPort: 5353 };
    expect(lint([app, openshiftDns, denyEgress, allow], options).findingsOf('NP002')).toEqual([]);
    // Judged against kube-dns instead, the same policies block DNS.
    expect(lint([app, openshiftDns, denyEgress, allow]).findingsOf('NP002')).toHaveLength(1);
  });
});

describe('NP003 dns-udp-only', () => {
  const udpOnly = policy('shop', 'allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ...DNS_RULE, ports: [{ protocol: 'UDP', port: 53 }] }] });

  test('fires on the rule that allows UDP 53 only', () => {
    const report = lint([app, COREDNS, denyEgress, udpOnly]);
    expect(findings(report, 'NP003')).toEqual([{ severity: Severity.WARNING, policy: 'shop/allow-dns', field: 'spec.egress[0].ports' }]);
    expect(only(report, 'NP003').message).toContain('shop/app can send queries to kube-system/coredns');
    expect(report.findingsOf('NP002')).toEqual([]);
  });

  test('is silent when another rule allows TCP 53', () => {
    const tcp = policy('shop', 'allow-dns-tcp', { podSelector: {}, policyTypes: ['Egress'], egress: [{ ...DNS_RULE, ports: [{ protocol: 'TCP', port: 53 }] }] });
    expect(lint([app, COREDNS, denyEgress, udpOnly, tcp]).findingsOf('NP003')).toEqual([]);
  });
});

describe('NP004 dns-too-broad', () => {
  const dnsTo = (to: any[] | undefined, annotations?: Record<string, string>) => policy('shop', 'allow-dns', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [{ ...(to ? { to } : {}), ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] }],
  }, annotations);

  test.each([
    ['every pod of every namespace', [{ namespaceSelector: {} }], 'spec.egress[0].to[0]'],
    ['every address', [{ ipBlock: { cidr: '0.0.0.0/0' } }], 'spec.egress[0].to[0]'],
    ['every destination (no to)', undefined, 'spec.egress[0]'],
  ])('fires on DNS to %s', (what, to, field) => {
    const report = lint([app, COREDNS, dnsTo(to)]);
    expect(findings(report, 'NP004')).toEqual([{ severity: Severity.WARNING, policy: 'shop/allow-dns', field }]);
    expect(only(report, 'NP004').message).toContain(what.replace(' (no to)', ''));
    // A port-only DNS rule is reported once, by this rule, not also as a port-only rule.
    expect(report.findingsOf('NP005')).toEqual([]);
  });

  test.each([
    ['the DNS pods in kube-system (one peer with both selectors)', DNS_RULE.to],
    ['the DNS pods in any namespace (namespaceSelector {} AND podSelector)', [{ namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }]],
  ])('is silent on DNS to %s', (_, to) => {
    expect(lint([app, COREDNS, dnsTo(to)]).findingsOf('NP004')).toEqual([]);
  });

  test('a description does not make it right: DNS to every address is still a warning', () => {
    const report = lint([dnsTo([{ ipBlock: { cidr: '0.0.0.0/0' } }], { 'cdk8s-netpol/egress.0': 'DNS' })]);
    expect(findings(report, 'NP004')).toEqual([{ severity: Severity.WARNING, policy: 'shop/allow-dns', field: 'spec.egress[0].to[0]' }]);
  });

  test('is silent on DNS to named resolvers outside the cluster (/32 ipBlocks)', () => {
    expect(lint([dnsTo([{ ipBlock: { cidr: '10.0.0.10/32' } }])]).findingsOf('NP004')).toEqual([]);
  });
});

describe('DNS reachability: pods found resolving by set are exactly those the evaluator allows on UDP and TCP', () => {
  test.each([1, 2, 3])('seeded cluster %i', (seed) => {
    const cluster = generateCluster({ namespaces: 12, workloads: 120, policies: 60 }, seed);
    const snapshot = NetworkModel.fromYaml(cluster.yaml)._snapshot();
    const evaluator = new Evaluator(snapshot);
    const target = ClusterDnsPods.of({ namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53 });
    const dns = new DnsReachability(snapshot, evaluator, target);
    expect(dns.standIn).toBe(false);
    const dnsPods = evaluator.endpoints.map((_, i) => i).filter((i) => target.matches(evaluator.endpoints[i]));
    // Judged one by one: a pod resolves when some DNS pod takes both its UDP and its TCP.
    const expected = evaluator.endpoints.map((_, i) => i).filter((i) => !target.matches(evaluator.endpoints[i])).filter((i) => !dnsPods.some((d) => {
      const from = evaluator.pod(i);
      return evaluator.judge(from, evaluator.pod(d), Protocol.UDP, 53).allowed && evaluator.judge(from, evaluator.pod(d), Protocol.TCP, 53).allowed;
    }));
    expect(dns.outcomes.map((o) => o.subject.index).sort((a, b) => a - b)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(evaluator.endpoints.length - dnsPods.length);
  });
});
