import { byName, errorOf, newChart, synth, synthError } from './helpers';
import { DnsTarget, LabelSelector, Peer, Port, ThreeTierApp } from '../../src';

/** The three policies of a ThreeTierApp with these props, by tier. */
function tiers(props: ConstructorParameters<typeof ThreeTierApp>[2] = {}, prefix = ''): { frontend: any; backend: any; database: any; all: any[] } {
  const chart = newChart();
  new ThreeTierApp(chart, 'app', props);
  const all = synth(chart);
  return {
    frontend: byName(all, `${prefix}frontend-policy`),
    backend: byName(all, `${prefix}backend-policy`),
    database: byName(all, `${prefix}database-policy`),
    all,
  };
}

const kubeDnsRule = {
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};
const pods = (tier: string) => [{ podSelector: { matchLabels: { tier } } }];

describe('ThreeTierApp with defaults', () => {
  let app: ReturnType<typeof tiers>;
  beforeAll(() => {
    app = tiers();
  });

  test('three policies, one per tier (snapshot)', () => {
    expect(app.all.map((m) => m.metadata.name)).toEqual(['frontend-policy', 'backend-policy', 'database-policy']);
    expect(app.all).toMatchSnapshot();
  });

  test('every tier is isolated both ways', () => {
    for (const policy of app.all) {
      expect(policy.spec.policyTypes).toEqual(['Ingress', 'Egress']);
    }
  });

  test('every tier has DNS egress to kube-dns on UDP and TCP 53, the backend included (the article forgot it)', () => {
    expect(app.backend.spec.egress).toContainEqual(kubeDnsRule);
    expect(app.frontend.spec.egress).toContainEqual(kubeDnsRule);
    expect(app.database.spec.egress).toContainEqual(kubeDnsRule);
  });

  test('the frontend accepts TCP 80 from anyone and calls only the backend on TCP 8080', () => {
    expect(app.frontend.spec.podSelector).toEqual({ matchLabels: { tier: 'frontend' } });
    expect(app.frontend.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 80 }] }]);
    expect(app.frontend.spec.egress).toEqual([kubeDnsRule, { to: pods('backend'), ports: [{ protocol: 'TCP', port: 8080 }] }]);
  });

  test('the backend accepts only the frontend on TCP 8080 and calls only the database on TCP 5432', () => {
    expect(app.backend.spec.ingress).toEqual([{ from: pods('frontend'), ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(app.backend.spec.egress).toEqual([kubeDnsRule, { to: pods('database'), ports: [{ protocol: 'TCP', port: 5432 }] }]);
  });

  test('the database accepts only the backend on TCP 5432 and calls nothing but DNS', () => {
    expect(app.database.spec.ingress).toEqual([{ from: pods('backend'), ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(app.database.spec.egress).toEqual([kubeDnsRule]);
  });

  test('no tier reaches outside the cluster: no egress rule without to, no ipBlock', () => {
    for (const policy of app.all) {
      for (const rule of policy.spec.egress) {
        expect(rule.to).toBeDefined();
        expect(rule.to.some((peer: any) => peer.ipBlock !== undefined)).toBe(false);
      }
    }
  });

  test('every policy and rule says why it exists', () => {
    expect(app.backend.metadata.annotations).toEqual({
      'cdk8s-netpol/description': 'The backend tier (tier=backend): serves only the frontend and calls only the database.',
      // One call, one description: the same on both sides.
      'cdk8s-netpol/ingress.0': 'the frontend calls the backend on TCP 8080',
      'cdk8s-netpol/egress.0': 'DNS lookups to pods k8s-app=kube-dns in namespace kube-system on port 53 (UDP for queries, TCP for large answers)',
      'cdk8s-netpol/egress.1': 'the backend queries the database on TCP 5432',
      // The ServiceGraph workload each policy is for: analysis names its pods by it.
      'cdk8s-netpol/workload': 'backend',
    });
  });

  test('the policies live in the chart\'s namespace', () => {
    expect(app.all.map((m) => m.metadata.namespace)).toEqual(['prod', 'prod', 'prod']);
  });
});

describe('ThreeTierApp options', () => {
  test('namespace and namePrefix, to run two applications side by side', () => {
    const app = tiers({ namespace: 'shop', namePrefix: 'shop-' }, 'shop-');
    expect(app.all.map((m) => `${m.metadata.namespace}/${m.metadata.name}`)).toEqual([
      'shop/shop-frontend-policy',
      'shop/shop-backend-policy',
      'shop/shop-database-policy',
    ]);
  });

  test('custom labels and ports for each tier are used on both sides of every link', () => {
    const app = tiers({
      frontend: { labels: { app: 'web' }, port: Port.HTTPS },
      backend: { labels: { app: 'api' }, port: Port.named('grpc') },
      database: { labels: { app: 'cache' }, port: Port.REDIS },
    });
    expect(app.frontend.spec.podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(app.frontend.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
    expect(app.frontend.spec.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 'grpc' }] });
    expect(app.backend.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 'grpc' }] }]);
    expect(app.backend.spec.egress[1]).toEqual({ to: [{ podSelector: { matchLabels: { app: 'cache' } } }], ports: [{ protocol: 'TCP', port: 6379 }] });
    expect(app.database.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ protocol: 'TCP', port: 6379 }] }]);
    expect(app.all).toMatchSnapshot();
  });

  test('tier labels that select another tier\'s pods are refused: the tiers would share rules', () => {
    // The same labels: every policy would select the same pods, and each tier would get all three tiers' rules.
    expect(errorOf(() => new ThreeTierApp(newChart(), 'same', { backend: { labels: { tier: 'frontend' } } })))
      .toContain('[test/same] the frontend labels (tier=frontend) also select every backend pod (tier=frontend)');
    // A subset: the frontend's policy (TCP 80 from anyone) would also select every backend and database pod.
    expect(errorOf(() => new ThreeTierApp(newChart(), 'subset', {
      frontend: { labels: { app: 'shop' } },
      backend: { labels: { app: 'shop', tier: 'backend' } },
      database: { labels: { app: 'db' } },
    }))).toContain('the frontend labels (app=shop) also select every backend pod (app=shop,tier=backend)');
    // Labels sharing a key but not all of one tier's labels are fine.
    expect(() => new ThreeTierApp(newChart(), 'distinct', {
      frontend: { labels: { app: 'shop', tier: 'frontend' } },
      backend: { labels: { app: 'shop', tier: 'backend' } },
      database: { labels: { app: 'shop', tier: 'database' } },
    })).not.toThrow();
  });

  test('frontendSources limits who reaches the frontend', () => {
    const app = tiers({ frontendSources: [Peer.ipv4('203.0.113.0/24'), Peer.pods(LabelSelector.labels({ app: 'ingress' }))] });
    expect(app.frontend.spec.ingress).toEqual([{
      from: [{ ipBlock: { cidr: '203.0.113.0/24' } }, { podSelector: { matchLabels: { app: 'ingress' } } }],
      ports: [{ protocol: 'TCP', port: 80 }],
    }]);
  });

  test('dns targets replace cluster DNS in every tier', () => {
    const app = tiers({ dns: [DnsTarget.openShiftDns()] });
    for (const policy of app.all) {
      expect(policy.spec.egress[0].ports).toEqual([{ protocol: 'UDP', port: 5353 }, { protocol: 'TCP', port: 5353 }]);
      expect(JSON.stringify(policy.spec.egress)).not.toContain('kube-dns');
    }
  });

  test('rules added to a tier\'s policy after construction appear', () => {
    const chart = newChart();
    const app = new ThreeTierApp(chart, 'app');
    app.backend.addEgress({ peers: [Peer.ipv4('192.0.2.10/32')], ports: [Port.HTTPS], description: 'payment provider' });
    const backend = byName(synth(chart), 'backend-policy');
    expect(backend.spec.egress[2]).toEqual({ to: [{ ipBlock: { cidr: '192.0.2.10/32' } }], ports: [{ protocol: 'TCP', port: 443 }] });
    expect(backend.metadata.annotations['cdk8s-netpol/egress.2']).toBe('payment provider');
  });

  test('without a namespace on the app or the chart, synthesis fails naming each tier\'s path', () => {
    const chart = newChart(null);
    new ThreeTierApp(chart, 'app');
    const message = synthError(chart);
    for (const tier of ['frontend', 'backend', 'database']) {
      expect(message).toContain(`[test/app/graph/${tier}] metadata.namespace is not set`);
    }
  });

  test('the namespace prop is enough without a chart namespace', () => {
    const chart = newChart(null);
    new ThreeTierApp(chart, 'app', { namespace: 'shop' });
    expect(synth(chart).map((m) => m.metadata.namespace)).toEqual(['shop', 'shop', 'shop']);
  });

  test('a prefix that makes invalid names is rejected at once', () => {
    expect(errorOf(() => new ThreeTierApp(newChart(), 'app', { namePrefix: 'Shop_' })))
      .toContain("[test/app/graph/frontend] metadata.name 'Shop_frontend-policy'");
  });
});
