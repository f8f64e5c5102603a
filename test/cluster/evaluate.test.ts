/**
 * ClusterNetworkPolicy tiers judged with NetworkPolicies, one case per point of the v1alpha2 API overview:
 * Admin by priority then rule order (Accept and Deny end it, Pass skips to NetworkPolicies), NetworkPolicies
 * decide for the pods they select, then Baseline, then allow; both directions for pod-to-pod.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Connectivity, NetworkModel, Port } from '../../src';
import { expandMatrixJson } from '../analysis/helpers';
import { cli, cliJson } from '../cli/helpers';

const ns = (name: string, labels: Record<string, string> = {}) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } });
const pod = (namespace: string, name: string, labels: Record<string, string>, ip: string, ports: any[] = []) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace, labels },
  spec: { containers: [{ name: 'c', ports }] },
  status: { podIP: ip },
});
const cnp = (name: string, tier: 'Admin' | 'Baseline', priority: number, subject: any, rules: { ingress?: any[]; egress?: any[] }) => ({
  apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules },
});
const np = (namespace: string, name: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { namespace, name }, spec });
const ALL_NAMESPACES = { namespaces: {} };
const fromNs = (name: string) => ({ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': name } } });

const CLUSTER = [
  ns('shop', { team: 'shop' }), ns('billing', { team: 'billing' }), ns('monitoring', { purpose: 'monitoring' }),
  pod('shop', 'web', { app: 'web' }, '10.0.0.1', [{ containerPort: 8080, name: 'http' }]),
  pod('shop', 'api', { app: 'api' }, '10.0.0.2', [{ containerPort: 9000, name: 'grpc' }]),
  pod('billing', 'pay', { app: 'pay' }, '10.0.1.1'),
  pod('monitoring', 'prom', { app: 'prom' }, '10.0.2.1'),
];
const DENY_ALL_SHOP = np('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

function connectivity(...objects: any[]): Connectivity {
  return Connectivity.of(NetworkModel.fromManifests([...CLUSTER, ...objects]));
}
const q = (source: string, destination: string, port: Port) => ({ source, destination, port });

describe('tier order', () => {
  test('an Admin Accept wins over a namespace default deny (both sides)', () => {
    const c = connectivity(DENY_ALL_SHOP, cnp('allow-monitoring', 'Admin', 20, ALL_NAMESPACES, {
      ingress: [{ name: 'scrape', action: 'Accept', from: [fromNs('monitoring')], protocols: [{ tcp: { destinationPort: { number: 8080 } } }] }],
    }));
    const e = c.explain(q('monitoring/prom', 'shop/web', Port.tcp(8080)));
    expect(e.allowed).toBe(true);
    expect(e.ingress.decidingTier).toBe('Admin');
    expect(e.ingress.decidingRule).toBe("Admin ClusterNetworkPolicy allow-monitoring (priority 20) ingress[0] 'scrape'");
    expect(e.reason).toContain("ingress to shop/web: allowed by the Admin tier: Admin ClusterNetworkPolicy allow-monitoring (priority 20) ingress[0] 'scrape' (Accept)");
    // The Accept is for ingress only: shop's egress stays denied by its NetworkPolicy.
    expect(c.isAllowed(q('shop/web', 'monitoring/prom', Port.tcp(8080)))).toBe(false);
    // Another port is not accepted, and the deny-all decides.
    expect(c.explain(q('monitoring/prom', 'shop/web', Port.tcp(9999))).ingress.decidingTier).toBe('NetworkPolicy');
  });

  test('an Admin Deny wins over a NetworkPolicy that allows', () => {
    const allowAll = np('billing', 'allow-all', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] });
    const c = connectivity(allowAll, cnp('deny-metadata', 'Admin', 10, ALL_NAMESPACES, {
      egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
    }));
    const e = c.explain(q('billing/pay', '169.254.169.254', Port.HTTP));
    expect(e.allowed).toBe(false);
    expect(e.egress.decidingTier).toBe('Admin');
    expect(c.isAllowed(q('billing/pay', '169.254.169.253', Port.HTTP))).toBe(true);
  });

  test('Pass hands the decision to the NetworkPolicies; without one selecting the pod, to the Baseline tier', () => {
    const pass = cnp('pass-shop', 'Admin', 5, ALL_NAMESPACES, { ingress: [{ action: 'Pass', from: [fromNs('billing')] }] });
    const deny = cnp('deny-billing', 'Admin', 6, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNs('billing')] }] });
    const baseline = cnp('baseline-deny', 'Baseline', 1, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNs('billing')] }] });
    const allowFromBilling = np('shop', 'from-billing', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'billing' } } }] }],
    });
    // Pass skips the later Admin Deny; the NetworkPolicy selecting web allows.
    const withNp = connectivity(pass, deny, baseline, allowFromBilling);
    const e = withNp.explain(q('billing/pay', 'shop/web', Port.tcp(8080)));
    expect(e.allowed).toBe(true);
    expect(e.ingress.decidingTier).toBe('NetworkPolicy');
    expect(e.reason).toContain('Admin tier: Pass by Admin ClusterNetworkPolicy pass-shop (priority 5) ingress[0] (on to the next tier)');
    // api is selected by no NetworkPolicy: the Baseline tier decides.
    const api = withNp.explain(q('billing/pay', 'shop/api', Port.tcp(9000)));
    expect(api.allowed).toBe(false);
    expect(api.ingress.decidingTier).toBe('Baseline');
    // Without the Pass, the Admin Deny at priority 6 decides.
    expect(connectivity(deny, allowFromBilling).explain(q('billing/pay', 'shop/web', Port.tcp(8080))).ingress.decidingTier).toBe('Admin');
  });

  test('no tier decides: allowed (CNPs are read as they are, without implicit isolation)', () => {
    const c = connectivity(cnp('only-billing', 'Baseline', 1, fromNs('billing'), { ingress: [{ action: 'Deny', from: [fromNs('shop')] }] }));
    const e = c.explain(q('monitoring/prom', 'shop/web', Port.tcp(8080)));
    expect(e.allowed).toBe(true);
    expect(e.ingress.decidingTier).toBe('Default');
    expect(c.isAllowed(q('shop/web', 'billing/pay', Port.tcp(80)))).toBe(false);
  });

  test('lower priority first, then rule order within a policy', () => {
    const first = cnp('a-first', 'Admin', 1, ALL_NAMESPACES, {
      ingress: [
        { name: 'deny-api-port', action: 'Deny', from: [fromNs('billing')], protocols: [{ tcp: { destinationPort: { number: 9000 } } }] },
        { name: 'accept-billing', action: 'Accept', from: [fromNs('billing')] },
      ],
    });
    const later = cnp('z-later', 'Admin', 2, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNs('billing')] }] });
    const c = connectivity(DENY_ALL_SHOP, later, first);
    expect(c.isAllowed(q('billing/pay', 'shop/api', Port.tcp(9000)))).toBe(false);
    const e = c.explain(q('billing/pay', 'shop/web', Port.tcp(8080)));
    expect(e.ingress.decidingRule).toBe("Admin ClusterNetworkPolicy a-first (priority 1) ingress[1] 'accept-billing'");
  });

  test('equal priority with different outcomes: undefined upstream, and explain says so', () => {
    const accept = cnp('accept', 'Admin', 3, ALL_NAMESPACES, { ingress: [{ action: 'Accept', from: [fromNs('billing')] }] });
    const deny = cnp('deny', 'Admin', 3, fromNs('shop'), { ingress: [{ action: 'Deny', from: [fromNs('billing')] }] });
    const reason = connectivity(accept, deny).explain(q('billing/pay', 'shop/web', Port.tcp(8080))).reason;
    expect(reason).toContain('note: Admin ClusterNetworkPolicy deny (priority 3) ingress[0] has the same priority (3) and would deny: '
      + 'upstream leaves the order of equal-priority policies undefined, so either may decide');
  });
});

describe('subjects, peers and ports', () => {
  test('a pods subject selects by namespace and pod labels; a pods peer likewise', () => {
    const c = connectivity(cnp('web-only', 'Admin', 1, { pods: { namespaceSelector: { matchLabels: { team: 'shop' } }, podSelector: { matchLabels: { app: 'web' } } } }, {
      ingress: [{ action: 'Deny', from: [{ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'prom' } } } }] }],
    }));
    expect(c.isAllowed(q('monitoring/prom', 'shop/web', Port.tcp(8080)))).toBe(false);
    expect(c.isAllowed(q('monitoring/prom', 'shop/api', Port.tcp(9000)))).toBe(true);
    expect(c.isAllowed(q('billing/pay', 'shop/web', Port.tcp(8080)))).toBe(true);
  });

  test('networks match pod IPs too; an external source never matches an ingress rule', () => {
    const c = connectivity(cnp('deny-pod-range', 'Admin', 1, fromNs('billing'), { egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/24'] }] }] }));
    expect(c.isAllowed(q('billing/pay', 'shop/web', Port.tcp(8080)))).toBe(false);
    expect(c.isAllowed(q('billing/pay', 'monitoring/prom', Port.tcp(8080)))).toBe(true);
    const ingress = connectivity(cnp('deny-all-in', 'Admin', 1, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }));
    expect(ingress.isAllowed(q('203.0.113.9', 'shop/web', Port.tcp(8080)))).toBe(true);
    expect(ingress.isAllowed(q('billing/pay', 'shop/web', Port.tcp(8080)))).toBe(false);
  });

  test('a pod without a known IP: judged outside a networks range, and explain says it assumed so (link-local ranges need no assumption)', () => {
    const model = [...CLUSTER.slice(0, 3), pod('shop', 'web', { app: 'web' }, '10.0.0.1'),
      {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name: 'batch', namespace: 'billing' },
        spec: { selector: { matchLabels: { app: 'batch' } }, template: { metadata: { labels: { app: 'batch' } } } },
      },
      cnp('deny-ranges', 'Admin', 1, fromNs('shop'), { egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }] }, { action: 'Deny', to: [{ networks: ['169.254.0.0/16'] }] }] })];
    const e = Connectivity.of(NetworkModel.fromManifests(model)).explain(q('shop/web', 'billing/batch', Port.tcp(80)));
    expect(e.allowed).toBe(true);
    expect(e.reason).toContain('assumed: Admin ClusterNetworkPolicy deny-ranges (priority 1) egress[0]: the pod IPs of the destination are not known; '
      + 'it is judged as outside 10.0.0.0/8 (give Pods with status.podIP to judge exactly)');
    expect(e.reason).not.toContain('egress[1]: the pod IPs');
  });

  test('port numbers, ranges and named ports (resolved on the destination, by name only)', () => {
    const c = connectivity(cnp('ports', 'Admin', 1, ALL_NAMESPACES, {
      ingress: [
        { action: 'Deny', from: [fromNs('billing')], protocols: [{ tcp: { destinationPort: { range: { start: 8000, end: 8100 } } } }] },
        { action: 'Deny', from: [fromNs('monitoring')], protocols: [{ destinationNamedPort: 'grpc' }] },
      ],
    }));
    expect(c.isAllowed(q('billing/pay', 'shop/web', Port.tcp(8080)))).toBe(false);
    expect(c.isAllowed(q('billing/pay', 'shop/web', Port.udp(8080)))).toBe(true);
    expect(c.isAllowed(q('billing/pay', 'shop/web', Port.tcp(8101)))).toBe(true);
    expect(c.isAllowed(q('monitoring/prom', 'shop/api', Port.tcp(9000)))).toBe(false);
    expect(c.isAllowed(q('monitoring/prom', 'shop/web', Port.tcp(8080)))).toBe(true);
  });

  test('nodes and domainNames peers are reported as not judgeable offline, not guessed', () => {
    const c = connectivity(cnp('experimental', 'Admin', 1, ALL_NAMESPACES, {
      egress: [
        { name: 'to-nodes', action: 'Deny', to: [{ nodes: { matchLabels: { role: 'control-plane' } } }] },
        { name: 'to-example', action: 'Accept', to: [{ domainNames: ['example.com'] }] },
      ],
    }));
    const e = c.explain(q('billing/pay', '192.0.2.10', Port.HTTPS));
    expect(e.allowed).toBe(true);
    expect(e.reason).toContain("note: Admin ClusterNetworkPolicy experimental (priority 1) egress[0] 'to-nodes' names nodes, which cannot be judged offline");
    expect(e.reason).toContain("note: Admin ClusterNetworkPolicy experimental (priority 1) egress[1] 'to-example' names domain names, which cannot be judged offline");
  });
});

describe('untyped callers', () => {
  test('Connectivity.of checks its argument at run time', () => {
    expect(() => (Connectivity as any).of({})).toThrow('Connectivity.of(): model must be a NetworkModel');
    expect(() => (Connectivity as any).of(undefined)).toThrow('Connectivity.of(): model must be a NetworkModel');
  });
});

describe('the CLI', () => {
  const folder = (contents: Record<string, string>) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cnp-'));
    for (const [name, text] of Object.entries(contents)) fs.writeFileSync(path.join(dir, name), text);
    return dir;
  };
  const files = (objects: any[]) => ({ 'cluster.yaml': objects.map((o) => JSON.stringify(o)).join('\n---\n') });
  const guardrails = [...CLUSTER, DENY_ALL_SHOP,
    cnp('allow-monitoring', 'Admin', 20, ALL_NAMESPACES, { ingress: [{ action: 'Accept', from: [fromNs('monitoring')] }] }),
    cnp('deny-metadata', 'Admin', 10, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] })];

  test('check proves the guardrails over the namespace owners\' policies', () => {
    const expect_ = [
      { from: 'monitoring/prom', to: 'shop/web', port: 8080, allowed: true },
      { from: 'billing/pay', to: 'shop/web', port: 8080, allowed: false },
      { from: 'billing/pay', to: '169.254.169.254', port: 80, allowed: false },
    ];
    const result = cliJson(['check', 'cluster.yaml', '--expect', 'expect.json', '--output', 'json'], folder({ ...files(guardrails), 'expect.json': JSON.stringify(expect_) }));
    expect(result.code).toBe(0);
    expect(result.json).toMatchObject({ passed: 3, failed: 0 });
  });

  test('policies alone, in a kubectl List: label endpoints are judged through every tier', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        cnp('deny-meta', 'Admin', 10, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] }),
        cnp('iso-shop', 'Baseline', 10, fromNs('shop'), { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
        np('shop', 'web-from-billing', {
          podSelector: { matchLabels: { app: 'web' } },
          ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'billing' } } }] }],
        }),
      ],
    };
    const expectations = [
      { from: 'billing/app=pay', to: 'shop/app=web', port: 80, allowed: true }, // the NetworkPolicy selects web: it decides
      { from: 'billing/app=pay', to: 'shop/app=api', port: 80, allowed: false }, // no NetworkPolicy selects api: Baseline denies
      { from: 'shop/app=web', to: '169.254.169.254', port: 80, allowed: false },
      { from: 'shop/app=web', to: '8.8.8.8', port: 53, protocol: 'UDP', allowed: true },
    ];
    const dir = folder({ 'list.json': JSON.stringify(list), 'expect.json': JSON.stringify(expectations) });
    const result = cliJson(['check', 'list.json', '--expect', 'expect.json', '--output', 'json'], dir);
    expect(result.json).toMatchObject({ passed: 4, failed: 0 });
    expect(result.code).toBe(0);
  });

  test('matrix, diagram and diff judge the tiers: the guardrails open monitoring and close the metadata address', () => {
    const dir = folder({ ...files(guardrails), 'owners.yaml': files(guardrails.slice(0, CLUSTER.length + 1))['cluster.yaml'] });
    const matrix = cliJson(['matrix', 'cluster.yaml', '--port', '8080', '--output', 'json'], dir);
    expect(matrix.code).toBe(0);
    const ids: string[] = matrix.json.endpoints.map((e: any) => e.id);
    const allowed = (from: string, to: string) => expandMatrixJson(matrix.json)
      .some((a) => ids[a.to] === to && a.from.includes(ids.indexOf(from)));
    // Admin Accept over shop's default deny; the deny still holds for everyone else.
    expect(allowed('monitoring/prom', 'shop/web')).toBe(true);
    expect(allowed('billing/pay', 'shop/web')).toBe(false);
    expect(allowed('billing/pay', '169.254.169.254/32')).toBe(false);
    expect(allowed('billing/pay', 'internet / any address')).toBe(true);

    const diagram = cli(['diagram', 'cluster.yaml'], dir);
    expect(diagram.code).toBe(0);
    expect(diagram.stdout).toContain('w_monitoring_prom -->|"all ports"| w_shop_web');
    expect(diagram.stdout).not.toMatch(/-->\|[^|]*\| cidr_169_254_169_254_32/);

    // The guardrails as a change to the namespace owners' policies.
    const diff = cliJson(['diff', 'owners.yaml', 'cluster.yaml', '--output', 'json'], dir);
    expect(diff.code).toBe(0);
    const pairs = (list: any[]) => [...new Set(list.map((c: any) => `${c.from} -> ${c.to}`))].sort();
    expect(pairs(diff.json.added)).toEqual(['monitoring/prom -> shop/api', 'monitoring/prom -> shop/web']);
    expect(pairs(diff.json.removed)).toEqual(['billing/pay -> 169.254.169.254/32', 'monitoring/prom -> 169.254.169.254/32']);
    expect(diff.json.added[0].allowedBy).toEqual([expect.objectContaining({ policy: 'allow-monitoring', direction: 'Ingress', ruleIndex: 0 })]);
  });

  test('validate --strict makes what implementations cannot enforce as written an error, as for NetworkPolicies', () => {
    const hostBits = cnp('host-bits', 'Admin', 5, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [{ networks: ['10.0.0.1/24'] }] }] });
    const dir = folder(files([hostBits]));
    const lax = cliJson(['validate', 'cluster.yaml', '--output', 'json'], dir);
    expect(lax.code).toBe(0);
    expect(lax.json.warnings[0]).toMatchObject({ kind: 'ClusterNetworkPolicy', name: 'host-bits', field: 'spec.egress[0].to[0].networks[0]' });
    const strict = cliJson(['validate', 'cluster.yaml', '--strict', '--output', 'json'], dir);
    expect(strict.code).toBe(2);
    expect(strict.json.errors[0]).toMatchObject({ kind: 'ClusterNetworkPolicy', name: 'host-bits', field: 'spec.egress[0].to[0].networks[0]' });
  });

  test('validate reports a ClusterNetworkPolicy the API server would reject', () => {
    const bad = cnp('bad', 'Admin', 5000, ALL_NAMESPACES, { ingress: [{ action: 'Accept', from: [fromNs('monitoring')] }] });
    const result = cliJson(['validate', 'cluster.yaml', '--output', 'json'], folder(files([bad])));
    expect(result.code).toBe(2);
    expect(result.json.errors[0]).toMatchObject({ kind: 'ClusterNetworkPolicy', name: 'bad', field: 'spec.priority' });
  });
});
