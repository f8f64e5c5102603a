/**
 * What a ThreeTierApp allows and denies, judged on a chart that holds the app's workloads, the cluster
 * DNS, a fake DNS pod in another namespace and a few bystanders.
 */
import { App, Chart } from 'cdk8s';
import { addClusterDns, addDeployment, addFakeDns, addPod, INTERNET } from './workloads';
import '../../src/testing/jest';
import { Connectivity, DnsTarget, Namespaces, NetworkModel, Peer, Port, Protocol, ThreeTierApp, ThreeTierAppProps } from '../../src';

const TIERS = ['shop/frontend', 'shop/backend', 'shop/database'];

/** A chart of namespace `shop` with a ThreeTierApp and the default tier workloads. */
function shop(props: ThreeTierAppProps = {}): Chart {
  const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
  new ThreeTierApp(chart, 'app', props);
  addDeployment(chart, 'shop', 'frontend', { tier: 'frontend' }, [[80, 'http']]);
  addDeployment(chart, 'shop', 'backend', { tier: 'backend' }, [[8080, 'http']]);
  addDeployment(chart, 'shop', 'database', { tier: 'database' }, [[5432, 'postgres']]);
  addPod(chart, 'shop', 'debug', { app: 'debug' });
  addPod(chart, 'other', 'client', { app: 'client' });
  addClusterDns(chart);
  addFakeDns(chart);
  return chart;
}

describe('ThreeTierApp with defaults', () => {
  const chart = shop();

  test('the frontend cannot reach the database: it may call only the backend', () => {
    expect(chart).toDenyConnection({ source: 'shop/frontend', destination: 'shop/database', port: Port.tcp(5432) });
  });

  test('the backend reaches the database on TCP 5432 only', () => {
    expect(chart).toAllowConnection({ source: 'shop/backend', destination: 'shop/database', port: Port.tcp(5432) });
    expect(chart).toAllowConnection({ source: 'shop/backend', destination: 'shop/database', port: Port.named('postgres') });
    expect(chart).toDenyConnection({ source: 'shop/backend', destination: 'shop/database', port: Port.tcp(8080) });
    expect(chart).toDenyConnection({ source: 'shop/backend', destination: 'shop/database', port: Port.udp(5432) });
  });

  test('the frontend reaches the backend on TCP 8080 only', () => {
    expect(chart).toAllowConnection({ source: 'shop/frontend', destination: 'shop/backend', port: Port.tcp(8080) });
    expect(chart).toDenyConnection({ source: 'shop/frontend', destination: 'shop/backend', port: Port.tcp(80) });
    expect(chart).toDenyConnection({ source: 'shop/frontend', destination: 'shop/backend', port: Port.udp(8080) });
  });

  test('the internet reaches the frontend on TCP 80, and nothing else', () => {
    const c = Connectivity.of(NetworkModel.fromChart(chart));
    c.assertAllowed({ source: INTERNET, destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: INTERNET, destination: 'shop/frontend', port: Port.tcp(443) });
    c.assertDenied({ source: INTERNET, destination: 'shop/backend', port: Port.tcp(8080) });
    c.assertDenied({ source: INTERNET, destination: 'shop/database', port: Port.tcp(5432) });
  });

  test('any pod reaches the frontend (the default sources are anyone), but not the backend or the database', () => {
    const c = Connectivity.of(NetworkModel.fromChart(chart));
    c.assertAllowed({ source: 'other/client', destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: 'other/client', destination: 'shop/backend', port: Port.tcp(8080) });
    c.assertDenied({ source: 'shop/debug', destination: 'shop/backend', port: Port.tcp(8080) });
    c.assertDenied({ source: 'shop/debug', destination: 'shop/database', port: Port.tcp(5432) });
  });

  test('every tier resolves names through kube-dns in kube-system, on UDP and TCP 53', () => {
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ source: tier, destination: 'kube-system/coredns', port: Port.udp(53) });
      expect(chart).toAllowConnection({ source: tier, destination: 'kube-system/coredns', port: Port.tcp(53) });
      expect(chart).toDenyConnection({ source: tier, destination: 'kube-system/coredns', port: Port.udp(54) });
    }
  });

  test('no tier reaches a pod with the kube-dns labels in another namespace: the DNS peer requires both', () => {
    const c = Connectivity.of(NetworkModel.fromChart(chart));
    for (const tier of TIERS) {
      c.assertDenied({ source: tier, destination: 'other/kube-dns', port: Port.udp(53) });
    }
    // Denied at the source: the fake pod itself accepts anything.
    const why = c.explain({ source: 'shop/backend', destination: 'other/kube-dns', port: Port.udp(53) });
    expect(why.egress.allowed).toBe(false);
    expect(why.egress.isolatingPolicies).toEqual(['shop/backend-policy']);
    expect(why.ingress.allowed).toBe(true);
  });

  test('no tier reaches the internet', () => {
    for (const tier of TIERS) {
      expect(chart).toDenyConnection({ source: tier, destination: INTERNET, port: Port.tcp(443) });
      expect(chart).toDenyConnection({ source: tier, destination: INTERNET, port: Port.udp(53) });
    }
  });

  test('no tier calls back up the chain', () => {
    expect(chart).toDenyConnection({ source: 'shop/database', destination: 'shop/backend', port: Port.tcp(8080) });
    expect(chart).toDenyConnection({ source: 'shop/backend', destination: 'shop/frontend', port: Port.tcp(80) });
    expect(chart).toDenyConnection({ source: 'shop/database', destination: 'shop/frontend', port: Port.tcp(80) });
  });

  test('the allowed flows name the rule that allows them', () => {
    const why = Connectivity.of(NetworkModel.fromChart(chart)).explain({ source: 'shop/backend', destination: 'shop/database', port: Port.tcp(5432) });
    expect(why.egress.allowingRules.map((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]`)).toEqual(['shop/backend-policy Egress[1]']);
    expect(why.ingress.allowingRules.map((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]`)).toEqual(['shop/database-policy Ingress[0]']);
  });

  test('pods outside the tiers are not isolated', () => {
    expect(chart).toAllowConnection({ source: 'shop/debug', destination: INTERNET, port: Port.tcp(443) });
    expect(chart).toAllowConnection({ source: INTERNET, destination: 'shop/debug', port: Port.tcp(22) });
  });
});

describe('ThreeTierApp options change the truth', () => {
  test('custom labels and ports: the tiers are found by the new labels and talk on the new ports', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    new ThreeTierApp(chart, 'app', {
      frontend: { labels: { app: 'web' }, port: Port.tcp(8443) },
      backend: { labels: { app: 'api' }, port: Port.tcp(9000) },
      database: { labels: { app: 'pg' }, port: Port.tcp(5433) },
    });
    addDeployment(chart, 'shop', 'web', { app: 'web' });
    addDeployment(chart, 'shop', 'api', { app: 'api' });
    addDeployment(chart, 'shop', 'pg', { app: 'pg' });
    addPod(chart, 'shop', 'old-db', { tier: 'database' });
    addClusterDns(chart);

    expect(chart).toAllowConnection({ source: INTERNET, destination: 'shop/web', port: Port.tcp(8443) });
    expect(chart).toDenyConnection({ source: INTERNET, destination: 'shop/web', port: Port.tcp(80) });
    expect(chart).toAllowConnection({ source: 'shop/web', destination: 'shop/api', port: Port.tcp(9000) });
    expect(chart).toDenyConnection({ source: 'shop/web', destination: 'shop/api', port: Port.tcp(8080) });
    expect(chart).toAllowConnection({ source: 'shop/api', destination: 'shop/pg', port: Port.tcp(5433) });
    expect(chart).toDenyConnection({ source: 'shop/api', destination: 'shop/pg', port: Port.tcp(5432) });
    expect(chart).toDenyConnection({ source: 'shop/web', destination: 'shop/pg', port: Port.tcp(5433) });
    expect(chart).toAllowConnection({ source: 'shop/pg', destination: 'kube-system/coredns', port: Port.udp(53) });
    // The default labels are no longer tiers: a pod labelled tier=database is not protected, and not reachable from the backend.
    expect(chart).toAllowConnection({ source: INTERNET, destination: 'shop/old-db', port: Port.tcp(5432) });
    expect(chart).toDenyConnection({ source: 'shop/api', destination: 'shop/old-db', port: Port.tcp(5432) });
  });

  test('frontendSources restricted to a namespace: only its pods reach the frontend', () => {
    const chart = shop({ frontendSources: [Peer.namespaces(Namespaces.named(['ingress-nginx']))] });
    addPod(chart, 'ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const c = Connectivity.of(NetworkModel.fromChart(chart));
    c.assertAllowed({ source: 'ingress-nginx/controller', destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: 'ingress-nginx/controller', destination: 'shop/frontend', port: Port.tcp(443) });
    c.assertDenied({ source: INTERNET, destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: 'other/client', destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: 'shop/debug', destination: 'shop/frontend', port: Port.tcp(80) });
    c.assertDenied({ source: 'ingress-nginx/controller', destination: 'shop/backend', port: Port.tcp(8080) });
  });

  test('frontendSources of an address range: that range, not the rest of the internet', () => {
    const chart = shop({ frontendSources: [Peer.ipv4('198.51.100.0/24')] });
    expect(chart).toAllowConnection({ source: '198.51.100.7', destination: 'shop/frontend', port: Port.tcp(80) });
    expect(chart).toDenyConnection({ source: INTERNET, destination: 'shop/frontend', port: Port.tcp(80) });
    expect(chart).toDenyConnection({ source: 'other/client', destination: 'shop/frontend', port: Port.tcp(80) });
  });

  test('dns: OpenShift DNS replaces kube-dns for every tier', () => {
    const chart = shop({ dns: [DnsTarget.openShiftDns()] });
    addDeployment(chart, 'openshift-dns', 'dns-default', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, [[5353, 'dns', Protocol.UDP]]);
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ source: tier, destination: 'openshift-dns/dns-default', port: Port.udp(5353) });
      expect(chart).toAllowConnection({ source: tier, destination: 'openshift-dns/dns-default', port: Port.tcp(5353) });
      expect(chart).toDenyConnection({ source: tier, destination: 'openshift-dns/dns-default', port: Port.udp(53) });
      expect(chart).toDenyConnection({ source: tier, destination: 'kube-system/coredns', port: Port.udp(53) });
    }
  });

  test('dns: several targets, NodeLocal DNSCache and cluster DNS, are all reachable', () => {
    const chart = shop({ dns: [DnsTarget.nodeLocalDnsCache(), DnsTarget.clusterDns()] });
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ source: tier, destination: '169.254.20.10', port: Port.udp(53) });
      expect(chart).toAllowConnection({ source: tier, destination: 'kube-system/coredns', port: Port.udp(53) });
      expect(chart).toDenyConnection({ source: tier, destination: '169.254.20.11', port: Port.udp(53) });
    }
  });

  test('namespace: the policies govern the pods of that namespace, not the chart\'s', () => {
    const chart = shop({ namespace: 'store' });
    addDeployment(chart, 'store', 'frontend', { tier: 'frontend' });
    addDeployment(chart, 'store', 'database', { tier: 'database' });
    expect(chart).toDenyConnection({ source: 'store/frontend', destination: 'store/database', port: Port.tcp(5432) });
    expect(chart).toAllowConnection({ source: 'shop/frontend', destination: 'shop/database', port: Port.tcp(5432) });
  });

  test('two apps in one namespace, by namePrefix and labels, stay apart', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    const tiers = (app: string) => ({
      frontend: { labels: { app, tier: 'frontend' } },
      backend: { labels: { app, tier: 'backend' } },
      database: { labels: { app, tier: 'database' } },
    });
    new ThreeTierApp(chart, 'blue', { namePrefix: 'blue-', ...tiers('blue') });
    new ThreeTierApp(chart, 'green', { namePrefix: 'green-', ...tiers('green') });
    for (const app of ['blue', 'green']) {
      for (const tier of ['frontend', 'backend', 'database']) {
        addDeployment(chart, 'shop', `${app}-${tier}`, { app, tier });
      }
    }
    expect(chart).toAllowConnection({ source: 'shop/blue-backend', destination: 'shop/blue-database', port: Port.tcp(5432) });
    expect(chart).toDenyConnection({ source: 'shop/blue-backend', destination: 'shop/green-database', port: Port.tcp(5432) });
    expect(chart).toDenyConnection({ source: 'shop/green-frontend', destination: 'shop/blue-backend', port: Port.tcp(8080) });
    expect(chart).toAllowConnection({ source: 'shop/green-frontend', destination: 'shop/green-backend', port: Port.tcp(8080) });
  });

  test('rules added to a tier\'s policy open exactly their flow', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    const app = new ThreeTierApp(chart, 'app');
    app.backend.addEgress({ peers: [Peer.ipv4('203.0.113.0/24')], ports: [Port.HTTPS] });
    addDeployment(chart, 'shop', 'frontend', { tier: 'frontend' });
    addDeployment(chart, 'shop', 'backend', { tier: 'backend' });
    expect(chart).toAllowConnection({ source: 'shop/backend', destination: INTERNET, port: Port.tcp(443) });
    expect(chart).toDenyConnection({ source: 'shop/backend', destination: INTERNET, port: Port.tcp(80) });
    expect(chart).toDenyConnection({ source: 'shop/frontend', destination: INTERNET, port: Port.tcp(443) });
  });

});
