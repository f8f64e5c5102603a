import { Connectivity, NetworkModel, PolicyType, Port } from '../../src';

function workload(kind: string, name: string, labels: Record<string, string>, port: number, portName: string): any {
  return {
    apiVersion: 'apps/v1',
    kind,
    metadata: { name, namespace: 'production' },
    spec: { template: { metadata: { labels }, spec: { containers: [{ name: 'main', ports: [{ containerPort: port, name: portName }] }] } } },
  };
}

/** A three-tier app with a deliberate mistake: backend's egress rule names tier=database, the database is tier=db. */
const MANIFESTS = [
  { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'production', labels: { env: 'prod' } } },
  workload('Deployment', 'frontend', { tier: 'frontend' }, 80, 'http'),
  workload('Deployment', 'backend', { tier: 'backend' }, 8080, 'http'),
  workload('StatefulSet', 'database', { tier: 'db' }, 5432, 'postgres'),
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'deny-all', namespace: 'production' },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'backend-policy', namespace: 'production' },
    spec: {
      podSelector: { matchLabels: { tier: 'backend' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 'http' }] }],
      egress: [
        { to: [{ podSelector: { matchLabels: { tier: 'database' } } }], ports: [{ port: 5432 }] },
        {
          to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ port: 53, protocol: 'UDP' }, { port: 53 }],
        },
      ],
    },
  },
  {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: 'frontend-policy', namespace: 'production' },
    spec: {
      podSelector: { matchLabels: { tier: 'frontend' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8'] } }], ports: [{ port: 80 }] }],
      egress: [{ to: [{ podSelector: { matchLabels: { tier: 'backend' } } }] }],
    },
  },
];

const connectivity = Connectivity.of(NetworkModel.fromManifests(MANIFESTS));

describe('explain', () => {
  test('a denial names the isolating policies and why each rule does not match', () => {
    const explanation = connectivity.explain({ source: 'production/backend', destination: 'production/database', port: Port.tcp(5432) });
    expect(explanation.allowed).toBe(false);
    expect(explanation.egress.isolatingPolicies).toEqual(['production/deny-all', 'production/backend-policy']);
    expect(explanation.egress.allowingRules).toEqual([]);
    // The actionable fact: the rule wants tier=database, the database has tier=db.
    expect(explanation.egress.summary).toContain('backend-policy egress[0] allows only pods tier=database in namespace production, on TCP 5432: production/database has labels tier=db');
    expect(explanation.reason).toMatchSnapshot();
  });

  test('an allowed connection names the allowing rule on each side, and a named port resolved on the destination', () => {
    const explanation = connectivity.explain({ source: 'production/frontend', destination: 'production/backend', port: Port.named('http') });
    expect(explanation.allowed).toBe(true);
    expect(explanation.port).toBe(8080);
    expect(explanation.egress.allowingRules).toEqual([{
      policy: 'production/frontend-policy',
      direction: PolicyType.EGRESS,
      ruleIndex: 0,
      description: 'production/frontend-policy egress[0]: pods tier=backend in namespace production, on every port',
    }]);
    expect(explanation.ingress.allowingRules.map((r) => [r.policy, r.direction, r.ruleIndex])).toEqual([['production/backend-policy', PolicyType.INGRESS, 0]]);
    expect(explanation.reason).toMatchSnapshot();
  });

  test('a port mismatch on a named port says what the name resolves to', () => {
    const explanation = connectivity.explain({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(9090) });
    expect(explanation.ingress.summary).toContain("TCP 9090 is not among them ('http' is TCP 8080 on production/backend)");
    expect(explanation.reason).toMatchSnapshot();
  });

  test('external ends are not judged; ipBlock except is explained', () => {
    const fromOutside = connectivity.explain({ source: '10.1.2.3', destination: 'production/frontend', port: Port.tcp(80) });
    expect(fromOutside.allowed).toBe(false);
    expect(fromOutside.egress.judged).toBe(false);
    expect(fromOutside.egress.isolated).toBe(false);
    expect(fromOutside.ingress.summary).toContain('allows only addresses in 0.0.0.0/0 except 10.0.0.0/8, on TCP 80: 10.1.2.3 is excepted (10.0.0.0/8)');
    expect(connectivity.explain({ source: 'fd00::1', destination: 'production/frontend', port: Port.tcp(80) }).ingress.summary).toContain('fd00::1 is outside those address blocks');
    expect(connectivity.explain({ source: '203.0.113.9', destination: 'production/frontend', port: Port.tcp(80) }).allowed).toBe(true);
    expect(fromOutside.reason).toMatchSnapshot();
    const dns = connectivity.explain({ source: 'production/backend', destination: '8.8.8.8', port: Port.udp(53) });
    expect(dns.egress.summary).toContain('8.8.8.8 is an external address and the rule names only pods');
  });

  test('the wrong namespace is named as the failing part of a peer', () => {
    const explanation = connectivity.explain({ source: 'production/backend', destination: 'production/frontend', port: Port.tcp(80) });
    expect(explanation.egress.summary).toContain('egress[1] allows only pods k8s-app=kube-dns in namespace kube-system, on UDP 53, TCP 53: production/frontend is in namespace production; and TCP 80 is not among them');
  });

  test('a denial leads with the nearest misses (the rules that miss only the peer or only the port), then the rest', () => {
    const api = Connectivity.of(NetworkModel.fromManifests([
      workload('Deployment', 'backend', { tier: 'backend' }, 8080, 'http'),
      workload('Deployment', 'api', { tier: 'api' }, 8080, 'http'),
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'api', namespace: 'production' },
        spec: {
          podSelector: { matchLabels: { tier: 'api' } },
          policyTypes: ['Ingress'],
          ingress: [
            { from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 80 }] },
            { from: [{ podSelector: { matchLabels: { tier: 'backend' } } }], ports: [{ port: 9090 }] },
            { from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ port: 8080 }] },
          ],
        },
      },
    ]));
    const explanation = api.explain({ source: 'production/backend', destination: 'production/api', port: Port.tcp(8080) });
    expect(explanation.ingress.summary.split('\n')).toEqual([
      'ingress to production/api: denied. production/api is isolated for ingress by production/api; none of its ingress rules allows TCP 8080 from production/backend:',
      // The peer matches, the port does not.
      '  - nearest miss: production/api ingress[1] allows only pods tier=backend in namespace production, on TCP 9090: TCP 8080 is not among them',
      // The port matches, the peer does not.
      '  - nearest miss: production/api ingress[2] allows only pods tier=frontend in namespace production, on TCP 8080: production/backend has labels tier=backend',
      // Neither: after them, though it comes first in the policy.
      '  - production/api ingress[0] allows only pods tier=frontend in namespace production, on TCP 80: production/backend has labels tier=backend; and TCP 8080 is not among them',
    ]);
    // A policy without rules for the direction has nothing to match: it comes after the nearest miss.
    const lines = connectivity.explain({ source: 'production/backend', destination: 'production/database', port: Port.tcp(5432) }).egress.summary.split('\n');
    expect(lines.slice(1).map((l) => l.replace(/ (allows only|has no) .*$/, ''))).toEqual([
      '  - nearest miss: production/backend-policy egress[0]',
      '  - production/deny-all',
      '  - production/backend-policy egress[1]',
    ]);
  });

  test('a pod to itself is not judged; a workload to itself is judged between its pods', () => {
    const pods = Connectivity.of(NetworkModel.fromManifests([...MANIFESTS, { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'debug', namespace: 'production' } }]));
    const self = pods.explain({ source: 'production/debug', destination: 'production/debug', port: Port.tcp(1) });
    expect(self.reason).toBe("ALLOWED: production/debug -> production/debug on TCP 1: a pod's traffic to itself is always allowed");
    expect(self.egress.judged).toBe(false);
    const replicas = pods.explain({ source: 'production/database', destination: 'production/database', port: Port.tcp(5432) });
    expect(replicas.allowed).toBe(false);
    expect(replicas.reason.split('\n')[0]).toBe('DENIED: production/database -> production/database on TCP 5432 (between two pods of StatefulSet production/database)');
  });

  test('a side that no policy selects says so', () => {
    const open = Connectivity.of(NetworkModel.fromManifests(MANIFESTS.slice(0, 4)));
    expect(open.explain({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) }).reason).toBe([
      'ALLOWED: production/frontend -> production/backend on TCP 8080',
      '  egress from production/frontend: allowed, no policy selects production/frontend for egress',
      '  ingress to production/backend: allowed, no policy selects production/backend for ingress',
    ].join('\n'));
  });
});

describe('assertions', () => {
  test('assertAllowed and assertDenied throw the explanation', () => {
    expect(() => connectivity.assertAllowed({ source: 'production/backend', destination: 'production/database', port: Port.tcp(5432) }))
      .toThrow(/^expected the connection to be allowed, but it is not.\nDENIED: production\/backend -> production\/database on TCP 5432\n/);
    expect(() => connectivity.assertDenied({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) }))
      .toThrow(/^expected the connection to be denied, but it is allowed.\nALLOWED: /);
    expect(() => connectivity.assertAllowed({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) })).not.toThrow();
    expect(() => connectivity.assertDenied({ source: 'production/backend', destination: 'production/database', port: Port.tcp(5432) })).not.toThrow();
  });
});

describe('query errors', () => {
  const ask = (query: any) => () => connectivity.isAllowed(query);
  test('an unknown endpoint is named, with a few known ones', () => {
    expect(ask({ source: 'production/nope', destination: 'production/backend', port: Port.tcp(1) }))
      .toThrow("unknown endpoint 'production/nope': no pod or workload of that name; known: production/backend, production/database, production/frontend");
    expect(ask({ source: 'production/backend', destination: 'staging/x', port: Port.tcp(1) })).toThrow(/unknown endpoint 'staging\/x'.*known: production\/backend/);
    expect(ask({ source: 'backend', destination: 'production/backend', port: Port.tcp(1) })).toThrow("'backend' is neither 'namespace/name' (or 'namespace/Kind/name'), 'namespace/key=value' nor an IP address");
    expect(ask({ source: 'production/Widget/x', destination: 'production/backend', port: Port.tcp(1) })).toThrow(/'Widget' is not a workload kind/);
  });

  test('a misspelt endpoint gets "did you mean" with the closest names: at most 3, nearest first, case ignored', () => {
    expect(ask({ source: 'production/backnd', destination: 'production/frontend', port: Port.tcp(1) }))
      .toThrow("unknown endpoint 'production/backnd': no pod or workload of that name (did you mean production/backend?); known: production/backend");
    expect(ask({ source: 'production/frontend', destination: 'Production/Database', port: Port.tcp(1) })).toThrow(/\(did you mean production\/database\?\)/);
    const many = Connectivity.of(NetworkModel.fromManifests(['web-1', 'web-2', 'web-3', 'web-4', 'web-10', 'db'].map((name) => (
      { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'shop' } }))));
    // Each web-N is one edit from web-9, web-10 two: three of the nearest, in alphabetical order.
    expect(() => many.isAllowed({ source: 'shop/web-9', destination: 'shop/db', port: Port.tcp(1) })).toThrow('(did you mean shop/web-1, shop/web-2 or shop/web-3?)');
    expect(() => many.isAllowed({ source: 'shop/web-10x', destination: 'shop/db', port: Port.tcp(1) })).toThrow('(did you mean shop/web-10, shop/web-1 or shop/web-2?)');
  });

  test('ambiguous names and IPs ask for a precise name', () => {
    const shared = Connectivity.of(NetworkModel.fromManifests([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'app' }, spec: { template: {} } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'app' }, spec: { template: {} } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'h1' }, status: { podIP: '192.168.0.1' } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'h2' }, status: { podIP: '192.168.0.1' } },
    ]));
    expect(() => shared.isAllowed({ source: 'default/app', destination: 'default/h1', port: Port.tcp(1) }))
      .toThrow("'default/app' names several workloads: default/Deployment/app, default/StatefulSet/app; write one of these");
    expect(shared.isAllowed({ source: 'default/statefulset/app', destination: 'default/h1', port: Port.tcp(1) })).toBe(true);
    expect(() => shared.isAllowed({ source: '192.168.0.1', destination: 'default/h1', port: Port.tcp(1) })).toThrow(/belongs to several pods \(default\/h1, default\/h2\)/);
  });

  test('a query is a source, a destination and one Port, checked at run time', () => {
    const to = { source: 'production/frontend', destination: 'production/backend' };
    expect(ask(to)).toThrow("Connectivity.isAllowed(): port must be a Port (Port.tcp(8080), Port.udp(53) or Port.named('http')), got undefined");
    expect(ask({ ...to, port: 80 })).toThrow('port must be a Port');
    expect(ask({ from: 'production/frontend', to: 'production/backend', port: Port.tcp(80) })).toThrow('Connectivity.isAllowed(): source must be a string, got undefined');
    expect(ask({ ...to, port: Port.tcpRange(80, 90) })).toThrow('port TCP 80-90 is not one port');
    expect(ask({ ...to, port: Port.allUdp() })).toThrow('port all UDP ports is not one port');
    expect(ask(null)).toThrow('Connectivity.isAllowed(): query must be an object');
    expect(ask({ source: 'production/frontend', destination: 'production/backend', port: Port.named('grpc') }))
      .toThrow("production/backend declares no TCP container port named 'grpc'; it declares http (TCP 8080)");
    expect(ask({ source: 'production/frontend', destination: '1.1.1.1', port: Port.named('http') })).toThrow(/named ports belong to pods, not external addresses/);
  });
});

describe('why a rule exists', () => {
  // The constructs write a rule's description as the annotation cdk8s-netpol/<direction>.<index>.
  const annotated = [
    workload('Deployment', 'frontend', { tier: 'frontend' }, 80, 'http'),
    workload('Deployment', 'backend', { tier: 'backend' }, 8080, 'http'),
    {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: {
        name: 'backend-policy',
        namespace: 'production',
        annotations: { 'cdk8s-netpol/ingress.0': 'only the frontend calls the backend' },
      },
      spec: {
        podSelector: { matchLabels: { tier: 'backend' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { tier: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
      },
    },
  ];

  test('the explanation quotes the annotation of the rule that allowed the connection', () => {
    const explanation = Connectivity.of(NetworkModel.fromManifests(annotated)).explain({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) });
    expect(explanation.ingress.allowingRules.map((r) => r.reason)).toEqual(['only the frontend calls the backend']);
    expect(explanation.reason).toContain('production/backend-policy ingress[0]');
    expect(explanation.reason).toContain('why: "only the frontend calls the backend"');
  });

  test('a rule without the annotation has no reason', () => {
    const plain = annotated.map((m) => (m.kind === 'NetworkPolicy' ? { ...m, metadata: { name: 'backend-policy', namespace: 'production' } } : m));
    const explanation = Connectivity.of(NetworkModel.fromManifests(plain)).explain({ source: 'production/frontend', destination: 'production/backend', port: Port.tcp(8080) });
    expect(explanation.ingress.allowingRules[0].reason).toBeUndefined();
    expect(explanation.reason).not.toContain('why:');
  });
});
