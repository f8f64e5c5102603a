/**
 * What AllowFrom and AllowTo open: the seed article's three policies (allow-frontend,
 * allow-from-monitoring, allow-external-db), every kind of peer, named ports resolved on each
 * destination, port ranges and label expressions. The policies live in namespace `production`.
 */
import { App, Chart } from 'cdk8s';
import { allowed, denied, truthTable } from './truth-table';
import { INTERNET } from './workloads';
import '../../src/testing/jest';
import {
  AllowFrom, AllowTo, Connectivity, LabelExpression, LabelSelector, Namespaces, NetworkModel, Peer, Port, Protocol,
} from '../../src';

const FRONTEND = LabelSelector.labels({ app: 'frontend' });
const BACKEND = LabelSelector.labels({ app: 'backend' });
const WORKER = LabelSelector.labels({ app: 'worker' });
const WEB = LabelSelector.labels({ app: 'web' });

/** The workloads, plus what `policies` adds to a chart of namespace `production`. */
function model(policies: (chart: Chart) => void): NetworkModel {
  const m = new NetworkModel();
  m.addNamespace('production');
  m.addNamespace('staging');
  m.addNamespace('monitoring', { purpose: 'monitoring' });
  m.addNamespace('logging', { purpose: 'logging' });
  m.addPod({ namespace: 'production', name: 'frontend', labels: { app: 'frontend' }, ports: [{ port: 80, name: 'http' }] });
  m.addPod({ namespace: 'production', name: 'backend', labels: { app: 'backend' }, ports: [{ port: 8080, name: 'http' }] });
  m.addPod({ namespace: 'production', name: 'worker', labels: { app: 'worker' } });
  m.addPod({ namespace: 'production', name: 'tester', labels: { app: 'tester', env: 'test' } });
  // Four pods sharing app=web: the port named http is 8080 on one, 9090 on another, absent on the
  // third, and a UDP port on the fourth.
  m.addPod({ namespace: 'production', name: 'web-a', labels: { app: 'web' }, ports: [{ port: 8080, name: 'http' }] });
  m.addPod({ namespace: 'production', name: 'web-b', labels: { app: 'web' }, ports: [{ port: 9090, name: 'http' }] });
  m.addPod({ namespace: 'production', name: 'web-c', labels: { app: 'web' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'production', name: 'web-d', labels: { app: 'web' }, ports: [{ port: 8080, name: 'http', protocol: Protocol.UDP }] });
  m.addPod({ namespace: 'staging', name: 'frontend', labels: { app: 'frontend' } });
  m.addPod({ namespace: 'monitoring', name: 'prometheus', labels: { app: 'prometheus' } });
  m.addPod({ namespace: 'logging', name: 'shipper', labels: { app: 'shipper' } });
  m.addPod({ namespace: 'other', name: 'client', labels: { app: 'client' } });
  m.addPod({ namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } });
  const chart = new Chart(new App(), 'production', { namespace: 'production' });
  policies(chart);
  m.addChart(chart);
  return m;
}

function connectivity(policies: (chart: Chart) => void): () => Connectivity {
  return () => Connectivity.of(model(policies));
}

describe('the seed article\'s policies', () => {
  describe('allow-frontend: the backend accepts the frontend on TCP 8080', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'allow-frontend', {
      metadata: { name: 'allow-frontend' },
      podSelector: BACKEND,
      peers: [Peer.pods(FRONTEND)],
      ports: [Port.tcp(8080)],
    })), [
      allowed('production/frontend', 'production/backend', 'TCP 8080'),
      allowed('production/frontend', 'production/backend', 'TCP http'),
      denied('production/frontend', 'production/backend', 'TCP 80', 'only 8080'),
      denied('production/frontend', 'production/backend', 'UDP 8080', 'only TCP'),
      denied('production/worker', 'production/backend', 'TCP 8080', 'not app=frontend'),
      denied('staging/frontend', 'production/backend', 'TCP 8080', 'app=frontend in another namespace'),
      denied(INTERNET, 'production/backend', 'TCP 8080'),
      allowed('production/backend', 'production/frontend', 'TCP 80', 'the frontend is not selected'),
      allowed('production/backend', INTERNET, 'TCP 443', 'egress is untouched'),
    ]);
  });

  describe('allow-from-monitoring: every pod accepts every pod of namespaces purpose=monitoring', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'allow-from-monitoring', {
      metadata: { name: 'allow-from-monitoring' },
      podSelector: LabelSelector.all(),
      peers: [Peer.namespaces(Namespaces.selectedBy(LabelSelector.labels({ purpose: 'monitoring' })))],
    })), [
      allowed('monitoring/prometheus', 'production/backend', 'TCP 9090'),
      allowed('monitoring/prometheus', 'production/frontend', 'TCP 80'),
      allowed('monitoring/prometheus', 'production/worker', 'UDP 9999', 'every port and protocol'),
      denied('logging/shipper', 'production/backend', 'TCP 9090', 'purpose=logging'),
      denied('other/client', 'production/frontend', 'TCP 80', 'an unlabelled namespace'),
      denied('production/worker', 'production/backend', 'TCP 8080', 'its own namespace is not purpose=monitoring'),
      denied(INTERNET, 'production/frontend', 'TCP 80'),
      allowed('production/backend', 'monitoring/prometheus', 'TCP 9090', 'egress is untouched'),
    ]);
  });

  describe('allow-external-db: the backend reaches 10.0.0.0/24 on TCP 5432', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'allow-external-db', {
      metadata: { name: 'allow-external-db' },
      podSelector: BACKEND,
      peers: [Peer.ipv4('10.0.0.0/24')],
      ports: [Port.POSTGRESQL],
    })), [
      allowed('production/backend', '10.0.0.7', 'TCP 5432'),
      allowed('production/backend', '10.0.0.0', 'TCP 5432', 'the first address of the range'),
      allowed('production/backend', '10.0.0.255', 'TCP 5432', 'the last address of the range'),
      denied('production/backend', '10.0.1.7', 'TCP 5432', 'outside the range'),
      denied('production/backend', '9.255.255.255', 'TCP 5432', 'just below the range'),
      denied('production/backend', '10.0.0.7', 'TCP 5433', 'only 5432'),
      denied('production/backend', '10.0.0.7', 'UDP 5432', 'only TCP'),
      denied('production/backend', 'production/frontend', 'TCP 80', 'an AllowTo isolates egress'),
      denied('production/backend', 'kube-system/kube-dns', 'UDP 53', 'DNS too: pair it with AllowDns'),
      allowed('production/frontend', '10.0.1.7', 'TCP 5432', 'the frontend is not selected'),
    ]);
  });
});

describe('address ranges with except', () => {
  describe('egress to 10.0.0.0/24 except 10.0.0.128/25 and 10.0.0.5/32', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'db', {
      podSelector: BACKEND,
      peers: [Peer.ipv4('10.0.0.0/24', ['10.0.0.128/25', '10.0.0.5/32'])],
      ports: [Port.POSTGRESQL],
    })), [
      allowed('production/backend', '10.0.0.7', 'TCP 5432'),
      allowed('production/backend', '10.0.0.127', 'TCP 5432', 'just below the excepted half'),
      allowed('production/backend', '10.0.0.4', 'TCP 5432'),
      denied('production/backend', '10.0.0.5', 'TCP 5432', 'an excepted address'),
      denied('production/backend', '10.0.0.128', 'TCP 5432', 'the first excepted address of the upper half'),
      denied('production/backend', '10.0.0.200', 'TCP 5432'),
      denied('production/backend', '10.0.1.1', 'TCP 5432', 'outside the range'),
    ]);
  });

  describe('ingress from the internet only: 0.0.0.0/0 except the private ranges, and an IPv6 range', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'public', {
      podSelector: FRONTEND,
      peers: [Peer.ipv4('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16']), Peer.ipv6('2001:db8::/32')],
      ports: [Port.HTTP],
    })), [
      allowed(INTERNET, 'production/frontend', 'TCP 80'),
      allowed('8.8.8.8', 'production/frontend', 'TCP 80'),
      allowed('2001:db8::1', 'production/frontend', 'TCP 80'),
      denied('10.1.2.3', 'production/frontend', 'TCP 80', 'a private address'),
      denied('172.31.255.255', 'production/frontend', 'TCP 80'),
      denied('192.168.1.1', 'production/frontend', 'TCP 80'),
      denied('2001:db9::1', 'production/frontend', 'TCP 80', 'outside the IPv6 range'),
      denied(INTERNET, 'production/frontend', 'TCP 443', 'only port 80'),
      denied('production/worker', 'production/frontend', 'TCP 80', 'an ipBlock does not select pods by their labels'),
    ]);
  });
});

describe('Peer.anyone()', () => {
  describe('in an AllowFrom: every pod and every address, on the listed port', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'anyone', { podSelector: BACKEND, peers: [Peer.anyone()], ports: [Port.HTTP_ALT] })), [
      allowed(INTERNET, 'production/backend', 'TCP 8080'),
      allowed('2001:db8::1', 'production/backend', 'TCP 8080'),
      allowed('other/client', 'production/backend', 'TCP 8080'),
      allowed('production/worker', 'production/backend', 'TCP 8080'),
      denied(INTERNET, 'production/backend', 'TCP 8081'),
      denied('other/client', 'production/backend', 'UDP 8080'),
    ]);
  });

  describe('in an AllowTo: every destination, on the listed port', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'anyone', { podSelector: WORKER, peers: [Peer.anyone()], ports: [Port.HTTPS] })), [
      allowed('production/worker', INTERNET, 'TCP 443'),
      allowed('production/worker', 'other/client', 'TCP 443'),
      allowed('production/worker', 'production/backend', 'TCP 443'),
      denied('production/worker', INTERNET, 'TCP 80'),
      denied('production/worker', 'kube-system/kube-dns', 'UDP 53'),
    ]);
  });
});

describe('Peer.allPods()', () => {
  describe('in an AllowFrom: every pod of every namespace, but no external address', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'pods', { podSelector: BACKEND, peers: [Peer.allPods()] })), [
      allowed('production/worker', 'production/backend', 'TCP 8080'),
      allowed('staging/frontend', 'production/backend', 'TCP 8080'),
      allowed('monitoring/prometheus', 'production/backend', 'TCP 9090'),
      allowed('other/client', 'production/backend', 'UDP 8080', 'every port and protocol'),
      allowed('kube-system/kube-dns', 'production/backend', 'TCP 8080'),
      denied(INTERNET, 'production/backend', 'TCP 8080', 'an external address is no pod'),
      denied('10.0.0.7', 'production/backend', 'TCP 8080'),
    ]);
  });

  describe('in an AllowTo: in-cluster only', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'pods', { podSelector: WORKER, peers: [Peer.allPods()] })), [
      allowed('production/worker', 'other/client', 'TCP 443'),
      allowed('production/worker', 'kube-system/kube-dns', 'UDP 53'),
      denied('production/worker', INTERNET, 'TCP 443'),
      denied('production/worker', '10.0.0.7', 'TCP 5432'),
    ]);
  });
});

describe('Peer.namespaces(Namespaces.named([...])): every pod of the named namespaces', () => {
  truthTable(connectivity((chart) => new AllowFrom(chart, 'named', {
    podSelector: BACKEND,
    peers: [Peer.namespaces(Namespaces.named(['staging', 'monitoring']))],
  })), [
    allowed('staging/frontend', 'production/backend', 'TCP 8080'),
    allowed('monitoring/prometheus', 'production/backend', 'TCP 8080'),
    denied('logging/shipper', 'production/backend', 'TCP 8080'),
    denied('production/worker', 'production/backend', 'TCP 8080', 'the policy\'s own namespace is not named'),
    denied(INTERNET, 'production/backend', 'TCP 8080'),
  ]);
});

describe('named ports, resolved on each destination', () => {
  describe('an AllowFrom on the TCP port named http, to four app=web pods', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'http', { podSelector: WEB, peers: [Peer.allPods()], ports: [Port.named('http')] })), [
      allowed('production/worker', 'production/web-a', 'TCP 8080', 'http is 8080 on web-a'),
      allowed('production/worker', 'production/web-a', 'TCP http'),
      allowed('production/worker', 'production/web-b', 'TCP 9090', 'http is 9090 on web-b'),
      allowed('production/worker', 'production/web-b', 'TCP http'),
      denied('production/worker', 'production/web-a', 'TCP 9090', 'web-b\'s number means nothing on web-a'),
      denied('production/worker', 'production/web-b', 'TCP 8080'),
      denied('production/worker', 'production/web-c', 'TCP 8080', 'web-c names no port http'),
      denied('production/worker', 'production/web-d', 'TCP 8080', 'web-d\'s http is UDP'),
      denied('production/worker', 'production/web-d', 'UDP 8080', 'the rule names the TCP port http'),
      denied(INTERNET, 'production/web-a', 'TCP 8080', 'the peer is pods only'),
    ]);
  });

  describe('an AllowFrom on the UDP port named http', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'http', {
      podSelector: WEB,
      peers: [Peer.allPods()],
      ports: [Port.named('http', Protocol.UDP)],
    })), [
      allowed('production/worker', 'production/web-d', 'UDP 8080'),
      allowed('production/worker', 'production/web-d', 'UDP http'),
      denied('production/worker', 'production/web-a', 'TCP 8080', 'web-a\'s http is TCP'),
      denied('production/worker', 'production/web-a', 'UDP 8080', 'web-a declares no UDP port http'),
    ]);
  });

  describe('an AllowTo on the port named http: pods that declare it, never an external address', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'http', { podSelector: WORKER, peers: [Peer.anyone()], ports: [Port.named('http')] })), [
      allowed('production/worker', 'production/web-a', 'TCP 8080'),
      allowed('production/worker', 'production/web-b', 'TCP 9090'),
      allowed('production/worker', 'production/frontend', 'TCP 80', 'http is 80 on the frontend'),
      denied('production/worker', 'production/web-b', 'TCP 8080'),
      denied('production/worker', 'production/tester', 'TCP 8080', 'the tester names no port http'),
      allowed('production/worker', 'production/worker', 'TCP 8080', 'a pod\'s traffic to itself is never blocked'),
      denied('production/worker', INTERNET, 'TCP 80', 'an address outside the cluster has no named ports'),
      denied('production/worker', INTERNET, 'TCP 8080'),
    ]);
  });
});

describe('port ranges', () => {
  describe('TCP 8000-8100 and UDP 30000-30010', () => {
    truthTable(connectivity((chart) => new AllowFrom(chart, 'ranges', {
      podSelector: BACKEND,
      peers: [Peer.allPods()],
      ports: [Port.tcpRange(8000, 8100), Port.udpRange(30000, 30010)],
    })), [
      allowed('production/worker', 'production/backend', 'TCP 8000', 'the first port'),
      allowed('production/worker', 'production/backend', 'TCP 8050'),
      allowed('production/worker', 'production/backend', 'TCP 8100', 'the last port: the range is inclusive'),
      denied('production/worker', 'production/backend', 'TCP 7999'),
      denied('production/worker', 'production/backend', 'TCP 8101'),
      denied('production/worker', 'production/backend', 'UDP 8050', 'the TCP range is TCP only'),
      allowed('production/worker', 'production/backend', 'UDP 30000'),
      allowed('production/worker', 'production/backend', 'UDP 30010'),
      denied('production/worker', 'production/backend', 'UDP 30011'),
      denied('production/worker', 'production/backend', 'TCP 30005'),
    ]);
  });

  describe('every TCP port (allTcp)', () => {
    truthTable(connectivity((chart) => new AllowTo(chart, 'tcp', { podSelector: WORKER, peers: [Peer.anyone()], ports: [Port.allTcp()] })), [
      allowed('production/worker', INTERNET, 'TCP 1'),
      allowed('production/worker', INTERNET, 'TCP 65535'),
      denied('production/worker', INTERNET, 'UDP 443'),
      denied('production/worker', 'kube-system/kube-dns', 'UDP 53'),
    ]);
  });
});

describe('label expressions in peers', () => {
  test('In: app in (frontend, worker)', () => {
    const m = model((chart) => new AllowFrom(chart, 'in', {
      podSelector: BACKEND,
      peers: [Peer.pods(LabelSelector.of({ expressions: [LabelExpression.isIn('app', ['frontend', 'worker'])] }))],
    }));
    expect(m).toAllowConnection({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'production/worker', destination: 'production/backend', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'production/web-a', destination: 'production/backend', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'staging/frontend', destination: 'production/backend', port: Port.tcp(8080) });
  });

  test('NotIn also matches pods without the label', () => {
    const m = model((chart) => new AllowFrom(chart, 'not-in', {
      podSelector: BACKEND,
      peers: [Peer.pods(LabelSelector.of({ expressions: [LabelExpression.notIn('env', ['test'])] }))],
    }));
    expect(m).toDenyConnection({ source: 'production/tester', destination: 'production/backend', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'production/worker', destination: 'production/backend', port: Port.tcp(8080) });
  });

  test('Exists and DoesNotExist', () => {
    const exists = model((chart) => new AllowFrom(chart, 'exists', {
      podSelector: BACKEND,
      peers: [Peer.pods(LabelSelector.of({ expressions: [LabelExpression.exists('env')] }))],
    }));
    expect(exists).toAllowConnection({ source: 'production/tester', destination: 'production/backend', port: Port.tcp(8080) });
    expect(exists).toDenyConnection({ source: 'production/worker', destination: 'production/backend', port: Port.tcp(8080) });
    const absent = model((chart) => new AllowFrom(chart, 'absent', {
      podSelector: BACKEND,
      peers: [Peer.pods(LabelSelector.of({ expressions: [LabelExpression.doesNotExist('env')] }))],
    }));
    expect(absent).toDenyConnection({ source: 'production/tester', destination: 'production/backend', port: Port.tcp(8080) });
    expect(absent).toAllowConnection({ source: 'production/worker', destination: 'production/backend', port: Port.tcp(8080) });
  });

  test('labels and expressions are AND-ed in one selector, also to select the receiving pods', () => {
    const m = model((chart) => new AllowFrom(chart, 'and', {
      podSelector: LabelSelector.of({ labels: { app: 'web' }, expressions: [LabelExpression.notIn('app', ['backend'])] }),
      peers: [Peer.pods(LabelSelector.of({ labels: { app: 'tester' }, expressions: [LabelExpression.isIn('env', ['test', 'dev'])] }))],
    }));
    expect(m).toAllowConnection({ source: 'production/tester', destination: 'production/web-a', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'production/worker', destination: 'production/web-a', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'production/worker', destination: 'production/backend', port: Port.tcp(8080) });
  });
});
