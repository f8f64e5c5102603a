/**
 * What a ThreeTierApp allows and denies, judged on a chart that holds the app's workloads, the cluster
 * DNS, a fake DNS pod in another namespace and a few bystanders.
 */
import { App, Chart } from 'cdk8s';
import { addClusterDns, addDeployment, addFakeDns, addPod, INTERNET } from './workloads';
import '../../src/testing/jest';
import { Connectivity, DnsTarget, Namespaces, Peer, Port, Protocol, ThreeTierApp, ThreeTierAppProps } from '../../src';

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
    expect(chart).toDenyConnection({ from: 'shop/frontend', to: 'shop/database', port: 5432 });
  });

  test('the backend reaches the database on TCP 5432 only', () => {
    expect(chart).toAllowConnection({ from: 'shop/backend', to: 'shop/database', port: 5432 });
    expect(chart).toAllowConnection({ from: 'shop/backend', to: 'shop/database', portName: 'postgres' });
    expect(chart).toDenyConnection({ from: 'shop/backend', to: 'shop/database', port: 8080 });
    expect(chart).toDenyConnection({ from: 'shop/backend', to: 'shop/database', port: 5432, protocol: Protocol.UDP });
  });

  test('the frontend reaches the backend on TCP 8080 only', () => {
    expect(chart).toAllowConnection({ from: 'shop/frontend', to: 'shop/backend', port: 8080 });
    expect(chart).toDenyConnection({ from: 'shop/frontend', to: 'shop/backend', port: 80 });
    expect(chart).toDenyConnection({ from: 'shop/frontend', to: 'shop/backend', port: 8080, protocol: Protocol.UDP });
  });

  test('the internet reaches the frontend on TCP 80, and nothing else', () => {
    const c = Connectivity.fromChart(chart);
    c.assertAllowed({ from: INTERNET, to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: INTERNET, to: 'shop/frontend', port: 443 });
    c.assertDenied({ from: INTERNET, to: 'shop/backend', port: 8080 });
    c.assertDenied({ from: INTERNET, to: 'shop/database', port: 5432 });
  });

  test('any pod reaches the frontend (the default sources are anyone), but not the backend or the database', () => {
    const c = Connectivity.fromChart(chart);
    c.assertAllowed({ from: 'other/client', to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: 'other/client', to: 'shop/backend', port: 8080 });
    c.assertDenied({ from: 'shop/debug', to: 'shop/backend', port: 8080 });
    c.assertDenied({ from: 'shop/debug', to: 'shop/database', port: 5432 });
  });

  test('every tier resolves names through kube-dns in kube-system, on UDP and TCP 53', () => {
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ from: tier, to: 'kube-system/coredns', port: 53, protocol: Protocol.UDP });
      expect(chart).toAllowConnection({ from: tier, to: 'kube-system/coredns', port: 53, protocol: Protocol.TCP });
      expect(chart).toDenyConnection({ from: tier, to: 'kube-system/coredns', port: 54, protocol: Protocol.UDP });
    }
  });

  test('no tier reaches a pod with the kube-dns labels in another namespace: the DNS peer requires both', () => {
    const c = Connectivity.fromChart(chart);
    for (const tier of TIERS) {
      c.assertDenied({ from: tier, to: 'other/kube-dns', port: 53, protocol: Protocol.UDP });
    }
    // Denied at the source: the fake pod itself accepts anything.
    const why = c.explain({ from: 'shop/backend', to: 'other/kube-dns', port: 53, protocol: Protocol.UDP });
    expect(why.egress.allowed).toBe(false);
    expect(why.egress.isolatingPolicies).toEqual(['shop/backend-policy']);
    expect(why.ingress.allowed).toBe(true);
  });

  test('no tier reaches the internet', () => {
    for (const tier of TIERS) {
      expect(chart).toDenyConnection({ from: tier, to: INTERNET, port: 443 });
      expect(chart).toDenyConnection({ from: tier, to: INTERNET, port: 53, protocol: Protocol.UDP });
    }
  });

  test('no tier calls back up the chain', () => {
    expect(chart).toDenyConnection({ from: 'shop/database', to: 'shop/backend', port: 8080 });
    expect(chart).toDenyConnection({ from: 'shop/backend', to: 'shop/frontend', port: 80 });
    expect(chart).toDenyConnection({ from: 'shop/database', to: 'shop/frontend', port: 80 });
  });

  test('the allowed flows name the rule that allows them', () => {
    const why = Connectivity.fromChart(chart).explain({ from: 'shop/backend', to: 'shop/database', port: 5432 });
    expect(why.egress.allowingRules.map((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]`)).toEqual(['shop/backend-policy Egress[1]']);
    expect(why.ingress.allowingRules.map((r) => `${r.policy} ${r.direction}[${r.ruleIndex}]`)).toEqual(['shop/database-policy Ingress[0]']);
  });

  test('pods outside the tiers are not isolated', () => {
    expect(chart).toAllowConnection({ from: 'shop/debug', to: INTERNET, port: 443 });
    expect(chart).toAllowConnection({ from: INTERNET, to: 'shop/debug', port: 22 });
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

    expect(chart).toAllowConnection({ from: INTERNET, to: 'shop/web', port: 8443 });
    expect(chart).toDenyConnection({ from: INTERNET, to: 'shop/web', port: 80 });
    expect(chart).toAllowConnection({ from: 'shop/web', to: 'shop/api', port: 9000 });
    expect(chart).toDenyConnection({ from: 'shop/web', to: 'shop/api', port: 8080 });
    expect(chart).toAllowConnection({ from: 'shop/api', to: 'shop/pg', port: 5433 });
    expect(chart).toDenyConnection({ from: 'shop/api', to: 'shop/pg', port: 5432 });
    expect(chart).toDenyConnection({ from: 'shop/web', to: 'shop/pg', port: 5433 });
    expect(chart).toAllowConnection({ from: 'shop/pg', to: 'kube-system/coredns', port: 53, protocol: Protocol.UDP });
    // The default labels are no longer tiers: a pod labelled tier=database is not protected, and not reachable from the backend.
    expect(chart).toAllowConnection({ from: INTERNET, to: 'shop/old-db', port: 5432 });
    expect(chart).toDenyConnection({ from: 'shop/api', to: 'shop/old-db', port: 5432 });
  });

  test('frontendSources restricted to a namespace: only its pods reach the frontend', () => {
    const chart = shop({ frontendSources: [Peer.namespaces(Namespaces.named(['ingress-nginx']))] });
    addPod(chart, 'ingress-nginx', 'controller', { 'app.kubernetes.io/name': 'ingress-nginx' });
    const c = Connectivity.fromChart(chart);
    c.assertAllowed({ from: 'ingress-nginx/controller', to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: 'ingress-nginx/controller', to: 'shop/frontend', port: 443 });
    c.assertDenied({ from: INTERNET, to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: 'other/client', to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: 'shop/debug', to: 'shop/frontend', port: 80 });
    c.assertDenied({ from: 'ingress-nginx/controller', to: 'shop/backend', port: 8080 });
  });

  test('frontendSources of an address range: that range, not the rest of the internet', () => {
    const chart = shop({ frontendSources: [Peer.ipv4('198.51.100.0/24')] });
    expect(chart).toAllowConnection({ from: '198.51.100.7', to: 'shop/frontend', port: 80 });
    expect(chart).toDenyConnection({ from: INTERNET, to: 'shop/frontend', port: 80 });
    expect(chart).toDenyConnection({ from: 'other/client', to: 'shop/frontend', port: 80 });
  });

  test('dns: OpenShift DNS replaces kube-dns for every tier', () => {
    const chart = shop({ dns: [DnsTarget.openShiftDns()] });
    addDeployment(chart, 'openshift-dns', 'dns-default', { 'dns.operator.openshift.io/daemonset-dns': 'default' }, [[5353, 'dns', Protocol.UDP]]);
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ from: tier, to: 'openshift-dns/dns-default', port: 5353, protocol: Protocol.UDP });
      expect(chart).toAllowConnection({ from: tier, to: 'openshift-dns/dns-default', port: 5353, protocol: Protocol.TCP });
      expect(chart).toDenyConnection({ from: tier, to: 'openshift-dns/dns-default', port: 53, protocol: Protocol.UDP });
      expect(chart).toDenyConnection({ from: tier, to: 'kube-system/coredns', port: 53, protocol: Protocol.UDP });
    }
  });

  test('dns: several targets, NodeLocal DNSCache and cluster DNS, are all reachable', () => {
    const chart = shop({ dns: [DnsTarget.nodeLocalDnsCache(), DnsTarget.clusterDns()] });
    for (const tier of TIERS) {
      expect(chart).toAllowConnection({ from: tier, to: '169.254.20.10', port: 53, protocol: Protocol.UDP });
      expect(chart).toAllowConnection({ from: tier, to: 'kube-system/coredns', port: 53, protocol: Protocol.UDP });
      expect(chart).toDenyConnection({ from: tier, to: '169.254.20.11', port: 53, protocol: Protocol.UDP });
    }
  });

  test('namespace: the policies govern the pods of that namespace, not the chart\'s', () => {
    const chart = shop({ namespace: 'store' });
    addDeployment(chart, 'store', 'frontend', { tier: 'frontend' });
    addDeployment(chart, 'store', 'database', { tier: 'database' });
    expect(chart).toDenyConnection({ from: 'store/frontend', to: 'store/database', port: 5432 });
    expect(chart).toAllowConnection({ from: 'shop/frontend', to: 'shop/database', port: 5432 });
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
    expect(chart).toAllowConnection({ from: 'shop/blue-backend', to: 'shop/blue-database', port: 5432 });
    expect(chart).toDenyConnection({ from: 'shop/blue-backend', to: 'shop/green-database', port: 5432 });
    expect(chart).toDenyConnection({ from: 'shop/green-frontend', to: 'shop/blue-backend', port: 8080 });
    expect(chart).toAllowConnection({ from: 'shop/green-frontend', to: 'shop/green-backend', port: 8080 });
  });

  test('rules added to a tier\'s policy open exactly their flow', () => {
    const chart = new Chart(new App(), 'shop', { namespace: 'shop' });
    const app = new ThreeTierApp(chart, 'app');
    app.backend.addEgress({ peers: [Peer.ipv4('203.0.113.0/24')], ports: [Port.HTTPS] });
    addDeployment(chart, 'shop', 'frontend', { tier: 'frontend' });
    addDeployment(chart, 'shop', 'backend', { tier: 'backend' });
    expect(chart).toAllowConnection({ from: 'shop/backend', to: INTERNET, port: 443 });
    expect(chart).toDenyConnection({ from: 'shop/backend', to: INTERNET, port: 80 });
    expect(chart).toDenyConnection({ from: 'shop/frontend', to: INTERNET, port: 443 });
  });

});
