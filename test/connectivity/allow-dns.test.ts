/**
 * Where AllowDns lets pods resolve names, and where not, for every DnsTarget form. Each form is an
 * AllowDns in namespace `app`, judged on the same workloads: the real kube-dns, look-alikes in the
 * wrong place, a custom CoreDNS, OpenShift's DNS, and addresses outside the cluster.
 */
import { App, Chart } from 'cdk8s';
import { allowed, denied, truthTable } from './truth-table';
import { INTERNET } from './workloads';
import '../../src/testing/jest';
import { AllowDns, AllowDnsProps, Connectivity, DnsTarget, LabelSelector, NetworkModel, Peer, Port, Protocol } from '../../src';

const DNS_PORTS = (port: number) => [{ port, name: 'dns', protocol: Protocol.UDP }, { port, name: 'dns-tcp', protocol: Protocol.TCP }];

function model(props: AllowDnsProps): NetworkModel {
  const m = new NetworkModel();
  m.addPod({ namespace: 'app', name: 'a', labels: { app: 'a' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'app', name: 'b', labels: { app: 'b' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'other', name: 'x', labels: { app: 'x' } });
  m.addPod({ namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, ports: DNS_PORTS(53) });
  m.addPod({ namespace: 'kube-system', name: 'metrics-server', labels: { 'k8s-app': 'metrics-server' } });
  m.addPod({ namespace: 'other', name: 'fake-dns', labels: { 'k8s-app': 'kube-dns' }, ports: DNS_PORTS(53) });
  m.addPod({ namespace: 'dns', name: 'coredns', labels: { app: 'coredns' }, ports: DNS_PORTS(1053) });
  m.addPod({ namespace: 'dns', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' }, ports: DNS_PORTS(53) });
  m.addPod({ namespace: 'other', name: 'coredns', labels: { app: 'coredns' }, ports: DNS_PORTS(1053) });
  m.addPod({
    namespace: 'openshift-dns',
    name: 'dns-default',
    labels: { 'dns.operator.openshift.io/daemonset-dns': 'default' },
    ports: DNS_PORTS(5353),
  });
  const chart = new Chart(new App(), 'app', { namespace: 'app' });
  new AllowDns(chart, 'dns', props);
  m.addChart(chart);
  return m;
}

function connectivity(props: AllowDnsProps): () => Connectivity {
  return () => Connectivity.of(model(props));
}

describe('AllowDns with defaults: kube-dns in kube-system, UDP and TCP 53', () => {
  truthTable(connectivity({}), [
    allowed('app/a', 'kube-system/kube-dns', 'UDP 53'),
    allowed('app/a', 'kube-system/kube-dns', 'TCP 53', 'large answers fall back to TCP'),
    allowed('app/b', 'kube-system/kube-dns', 'UDP 53', 'every pod of the namespace'),
    allowed('app/a', 'kube-system/kube-dns', 'UDP dns'),
    denied('app/a', 'kube-system/kube-dns', 'UDP 54', 'only port 53'),
    denied('app/a', 'kube-system/kube-dns', 'TCP 80'),
    denied('app/a', 'kube-system/kube-dns', 'SCTP 53', 'only UDP and TCP'),
    denied('app/a', 'other/fake-dns', 'UDP 53', 'kube-dns labels in another namespace: namespace AND labels'),
    denied('app/a', 'dns/kube-dns', 'UDP 53', 'kube-dns labels in yet another namespace'),
    denied('app/a', 'kube-system/metrics-server', 'UDP 53', 'kube-system, but not the kube-dns labels'),
    denied('app/a', '198.51.100.53', 'UDP 53', 'a resolver outside the cluster'),
    denied('app/a', 'app/b', 'TCP 8080', 'an AllowDns isolates egress: everything else is denied'),
    denied('app/a', INTERNET, 'TCP 443'),
    allowed('other/x', 'app/a', 'TCP 8080', 'ingress is untouched'),
    allowed('other/x', INTERNET, 'TCP 443', 'other namespaces are untouched'),
  ]);
});

describe('AllowDns to kube-dns labels in any namespace (anyNamespace)', () => {
  truthTable(connectivity({ targets: [DnsTarget.clusterDns({ anyNamespace: true })] }), [
    allowed('app/a', 'kube-system/kube-dns', 'UDP 53'),
    allowed('app/a', 'kube-system/kube-dns', 'TCP 53'),
    allowed('app/a', 'other/fake-dns', 'UDP 53', 'looser: the labels in any namespace will do'),
    allowed('app/a', 'dns/kube-dns', 'TCP 53'),
    denied('app/a', 'kube-system/metrics-server', 'UDP 53', 'the labels are still required'),
    denied('app/a', '169.254.20.10', 'UDP 53', 'every namespace is still no external address'),
    denied('app/a', 'other/fake-dns', 'UDP 54'),
  ]);
});

describe('AllowDns to a custom cluster DNS: namespace dns, app=coredns, port 1053', () => {
  truthTable(connectivity({ targets: [DnsTarget.clusterDns({ namespace: 'dns', podLabels: { app: 'coredns' }, port: 1053 })] }), [
    allowed('app/a', 'dns/coredns', 'UDP 1053'),
    allowed('app/a', 'dns/coredns', 'TCP 1053'),
    denied('app/a', 'dns/coredns', 'UDP 53', 'the custom port replaces 53'),
    denied('app/a', 'kube-system/kube-dns', 'UDP 53', 'the custom target replaces kube-dns'),
    denied('app/a', 'dns/kube-dns', 'UDP 1053', 'namespace dns, but not app=coredns'),
    denied('app/a', 'other/coredns', 'UDP 1053', 'app=coredns, but not in namespace dns'),
  ]);
});

describe('AllowDns to OpenShift DNS (openShiftDns)', () => {
  truthTable(connectivity({ targets: [DnsTarget.openShiftDns()] }), [
    allowed('app/a', 'openshift-dns/dns-default', 'UDP 5353'),
    allowed('app/a', 'openshift-dns/dns-default', 'TCP 5353'),
    denied('app/a', 'openshift-dns/dns-default', 'UDP 53', 'OpenShift\'s DNS pods listen on 5353'),
    denied('app/a', 'kube-system/kube-dns', 'UDP 53'),
  ]);
});

describe('AllowDns to NodeLocal DNSCache (nodeLocalDnsCache), an address outside every pod selector', () => {
  truthTable(connectivity({ targets: [DnsTarget.nodeLocalDnsCache()] }), [
    allowed('app/a', '169.254.20.10', 'UDP 53'),
    allowed('app/a', '169.254.20.10', 'TCP 53'),
    denied('app/a', '169.254.20.11', 'UDP 53', 'only the cache\'s address'),
    denied('app/a', '169.254.20.10', 'UDP 5353'),
    denied('app/a', 'kube-system/kube-dns', 'UDP 53', 'the cache alone: kube-dns is not a target'),
  ]);
});

describe('AllowDns to NodeLocal DNSCache on a custom address, IPv4 and IPv6', () => {
  truthTable(connectivity({ targets: [DnsTarget.nodeLocalDnsCache('169.254.25.10'), DnsTarget.nodeLocalDnsCache('fd00::a')] }), [
    allowed('app/a', '169.254.25.10', 'UDP 53'),
    allowed('app/a', 'fd00::a', 'UDP 53'),
    allowed('app/a', 'fd00::a', 'TCP 53'),
    denied('app/a', '169.254.20.10', 'UDP 53', 'the default address is replaced'),
    denied('app/a', 'fd00::b', 'UDP 53'),
  ]);
});

describe('AllowDns to custom peers (custom), with the default and a custom port', () => {
  truthTable(connectivity({
    targets: [DnsTarget.custom(Peer.ipv4('10.0.0.2/32')), DnsTarget.custom(Peer.ipv4('10.1.0.0/30'), 5353)],
  }), [
    allowed('app/a', '10.0.0.2', 'UDP 53'),
    allowed('app/a', '10.0.0.2', 'TCP 53'),
    denied('app/a', '10.0.0.3', 'UDP 53'),
    denied('app/a', '10.0.0.2', 'UDP 5353', 'each target on its own port'),
    allowed('app/a', '10.1.0.1', 'UDP 5353'),
    allowed('app/a', '10.1.0.3', 'TCP 5353'),
    denied('app/a', '10.1.0.1', 'UDP 53'),
    denied('app/a', '10.1.0.4', 'UDP 5353', 'outside 10.1.0.0/30'),
  ]);
});

describe('AllowDns for some pods (podSelector)', () => {
  test('isolates and opens DNS for those pods only', () => {
    const m = model({ podSelector: LabelSelector.labels({ app: 'a' }), targets: [DnsTarget.clusterDns(), DnsTarget.nodeLocalDnsCache()] });
    expect(m).toAllowConnection({ source: 'app/a', destination: 'kube-system/kube-dns', port: Port.udp(53) });
    expect(m).toAllowConnection({ source: 'app/a', destination: '169.254.20.10', port: Port.udp(53) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'app/b', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'other/fake-dns', port: Port.udp(53) });
    expect(m).toAllowConnection({ source: 'app/b', destination: 'app/a', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'app/b', destination: 'other/fake-dns', port: Port.udp(53) });
    expect(m).toAllowConnection({ source: 'app/b', destination: INTERNET, port: Port.tcp(443) });
  });
});
