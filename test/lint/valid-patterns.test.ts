/**
 * No false alarms on the valid patterns other linters flag (mistake 35): a namespace default deny with
 * `podSelector: {}`, ingress-only policies, egress-only policies with DNS, and an internet-facing frontend
 * (`Peer.anyone()` on a port, with a description). Each is built with the library's constructs and linted
 * together with the workloads it protects.
 */
import { ApiObject, Chart, Testing } from 'cdk8s';
import { AllowDns, AllowFrom, AllowTo, DefaultDeny, DnsTarget, LabelSelector, NetworkModel, NetworkPolicy, Peer, PolicyType, Port, Severity } from '../../src';
import { Linter } from '../../src/lint';
import { deployment } from '../support/manifests';

/** A chart in namespace shop with CoreDNS, web, api and db workloads. */
function shopChart(): Chart {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const workloads = [
    deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'dns', 'UDP'], [53, 'dns-tcp', 'TCP']]),
    deployment('shop', 'web', { app: 'web' }, [[80, 'http']]),
    deployment('shop', 'api', { app: 'api' }, [[8080, 'http']]),
    deployment('shop', 'db', { app: 'db' }, [[5432, 'postgres']]),
  ];
  workloads.forEach((w, i) => new ApiObject(chart, `workload-${i}`, w));
  return chart;
}

/** Errors and warnings only: infos (e.g. CoreDNS not isolated) are not alarms. */
function alarms(chart: Chart): string[] {
  const report = Linter.lint(NetworkModel.fromChart(chart));
  return report.findings.filter((f) => f.severity !== Severity.INFO).map((f) => `${f.ruleId} ${f.policy} ${f.field}: ${f.message}`);
}

const web = LabelSelector.labels({ app: 'web' });
const api = LabelSelector.labels({ app: 'api' });
const db = LabelSelector.labels({ app: 'db' });

test('a namespace default deny plus DNS and the allowed flows lints clean', () => {
  const chart = shopChart();
  new DefaultDeny(chart, 'deny-all');
  new AllowDns(chart, 'allow-dns');
  new AllowFrom(chart, 'web-from-anyone', { podSelector: web, peers: [Peer.anyone()], ports: [Port.HTTP], description: 'the shop is public' });
  new AllowFrom(chart, 'api-from-web', { podSelector: api, peers: [Peer.pods(web)], ports: [Port.HTTP_ALT] });
  new AllowFrom(chart, 'db-from-api', { podSelector: db, peers: [Peer.pods(api)], ports: [Port.POSTGRESQL] });
  new NetworkPolicy(chart, 'web-to-api', { podSelector: web, policyTypes: [PolicyType.EGRESS], egress: [{ peers: [Peer.pods(api)], ports: [Port.HTTP_ALT] }] });
  new NetworkPolicy(chart, 'api-to-db', { podSelector: api, policyTypes: [PolicyType.EGRESS], egress: [{ peers: [Peer.pods(db)], ports: [Port.POSTGRESQL] }] });
  expect(alarms(chart)).toEqual([]);
  // And it is not clean by accident: without AllowDns every pod loses DNS.
  const broken = shopChart();
  new DefaultDeny(broken, 'deny-all');
  expect(Linter.lint(NetworkModel.fromChart(broken)).findingsOf('NP002')).toHaveLength(1);
});

test('ingress-only policies lint clean (egress stays open, DNS included)', () => {
  const chart = shopChart();
  new DefaultDeny(chart, 'deny-ingress', { directions: [PolicyType.INGRESS] });
  new AllowFrom(chart, 'db-from-api', { podSelector: db, peers: [Peer.pods(api)], ports: [Port.POSTGRESQL] });
  expect(alarms(chart)).toEqual([]);
});

test('an egress-only policy with DNS lints clean', () => {
  const chart = shopChart();
  new NetworkPolicy(chart, 'api-egress', {
    podSelector: api,
    policyTypes: [PolicyType.EGRESS],
    egress: [
      { peers: [Peer.pods(db)], ports: [Port.POSTGRESQL] },
      { peers: [DnsTarget.clusterDns().peer], ports: [Port.DNS_UDP, Port.DNS_TCP] },
    ],
  });
  expect(alarms(chart)).toEqual([]);
});

test('an internet-facing frontend (Peer.anyone() on a port, with a description) lints clean', () => {
  const chart = shopChart();
  const frontend = new NetworkPolicy(chart, 'web', { podSelector: web, policyTypes: [PolicyType.INGRESS] });
  frontend.addIngress({ peers: [Peer.anyone()], ports: [Port.HTTP], description: 'customers reach the shop from the internet' });
  expect(alarms(chart)).toEqual([]);
  // Without a description it is still no alarm, only information: ingress from anyone is how services are published.
  const undescribed = shopChart();
  new NetworkPolicy(undescribed, 'web', { podSelector: web, policyTypes: [PolicyType.INGRESS] }).addIngress({ peers: [Peer.anyone()], ports: [Port.HTTP] });
  expect(alarms(undescribed)).toEqual([]);
  expect(Linter.lint(NetworkModel.fromChart(undescribed)).findingsOf('NP005').map((f) => f.severity)).toEqual([Severity.INFO]);
});

test('AllowFrom and AllowTo with Peer.anyone() and a description are deliberate: no port-only finding (NP005)', () => {
  const chart = shopChart();
  new AllowFrom(chart, 'web-from-anyone', {
    podSelector: web, peers: [Peer.anyone()], ports: [Port.HTTP], description: 'customers reach the shop from the internet',
  });
  new AllowTo(chart, 'api-to-anyone', {
    podSelector: api, peers: [Peer.anyone()], ports: [Port.HTTPS], description: 'the api calls payment providers on the internet',
  });
  expect(Linter.lint(NetworkModel.fromChart(chart)).findingsOf('NP005')).toEqual([]);
  // Without the description, the same rules are reported as before.
  const undescribed = shopChart();
  new AllowFrom(undescribed, 'web-from-anyone', { podSelector: web, peers: [Peer.anyone()], ports: [Port.HTTP] });
  new AllowTo(undescribed, 'api-to-anyone', { podSelector: api, peers: [Peer.anyone()], ports: [Port.HTTPS] });
  expect(Linter.lint(NetworkModel.fromChart(undescribed)).findingsOf('NP005').map((f) => `${f.field} ${f.severity}`).sort()).toEqual(['spec.egress[0] warning', 'spec.ingress[0] info']);
});
