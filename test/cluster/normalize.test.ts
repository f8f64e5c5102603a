import { InvalidClusterNetworkPolicyError, normalizeClusterNetworkPolicy } from '../../src/analysis/cluster-policy-parse';
import { matchesNormalizedSelector } from '../../src/analysis/selector-match';
import { Protocol } from '../../src/protocol';
import { normalizeSelector } from '../../src/selection/normalized';

type Manifest = Record<string, any>;

function manifest(): Manifest {
  return {
    apiVersion: 'policy.networking.k8s.io/v1alpha2',
    kind: 'ClusterNetworkPolicy',
    metadata: { name: 'guardrails' },
    spec: {
      tier: 'Admin',
      priority: 20,
      subject: { pods: { namespaceSelector: { matchLabels: { zone: 'a', env: 'prod' } }, podSelector: { matchExpressions: [{ key: 'app', operator: 'Exists' }] } } },
      ingress: [
        {
          name: 'from-monitoring',
          action: 'Accept',
          from: [{ namespaces: { matchLabels: { team: 'sre' } } }, { pods: { podSelector: { matchLabels: { app: 'prometheus' } } } }],
          protocols: [{ tcp: { destinationPort: { number: 9090 } } }, { destinationNamedPort: 'metrics' }],
        },
        { action: 'Deny', from: [{ namespaces: {} }] },
      ],
      egress: [
        { name: '', action: 'Pass', to: [{ pods: { namespaceSelector: {}, podSelector: {} } }] },
        {
          name: 'to-nodes-and-dns',
          action: 'Accept',
          to: [{ nodes: { matchLabels: { 'kubernetes.io/os': 'linux' } } }, { domainNames: ['*.example.com'] }],
          protocols: [
            { udp: { destinationPort: { range: { start: 5000, end: 5100 } } } },
            { sctp: { destinationPort: { number: 9999 } } },
          ],
        },
        { name: 'deny-world', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '2001:DB8::/32', '10.1.2.3/16'] }] },
      ],
    },
  };
}

describe('normalizeClusterNetworkPolicy', () => {
  test('reads name, tier, priority and a pods subject', () => {
    const policy = normalizeClusterNetworkPolicy(manifest());
    expect(policy).toMatchObject({ name: 'guardrails', tier: 'Admin', priority: 20 });
    expect(policy.subject).toEqual({
      kind: 'pods',
      namespaceSelector: { matchLabels: [['env', 'prod'], ['zone', 'a']], expressions: [] },
      podSelector: { matchLabels: [], expressions: [{ key: 'app', operator: 'Exists', values: [] }] },
    });
  });

  test('reads a namespaces subject', () => {
    const m = manifest();
    m.spec.subject = { namespaces: { matchLabels: { env: 'prod' } } };
    expect(normalizeClusterNetworkPolicy(m).subject).toEqual({ kind: 'namespaces', selector: { matchLabels: [['env', 'prod']], expressions: [] } });
  });

  test('keeps rules in written order with their index, direction and action; empty names are absent', () => {
    const policy = normalizeClusterNetworkPolicy(manifest());
    expect(policy.ingress.map((r) => [r.index, r.direction, r.action, r.name])).toEqual([
      [0, 'ingress', 'Accept', 'from-monitoring'],
      [1, 'ingress', 'Deny', undefined],
    ]);
    expect(policy.egress.map((r) => [r.index, r.action, r.name])).toEqual([[0, 'Pass', undefined], [1, 'Accept', 'to-nodes-and-dns'], [2, 'Deny', 'deny-world']]);
    expect('name' in policy.egress[0]).toBe(false);
  });

  test('reads every peer kind; a pods peer without namespaceSelector selects every namespace', () => {
    const policy = normalizeClusterNetworkPolicy(manifest());
    expect(policy.ingress[0].peers).toEqual([
      { kind: 'namespaces', selector: { matchLabels: [['team', 'sre']], expressions: [] } },
      { kind: 'pods', namespaceSelector: { matchLabels: [], expressions: [] }, podSelector: { matchLabels: [['app', 'prometheus']], expressions: [] } },
    ]);
    expect(policy.egress[1].peers).toEqual([
      { kind: 'nodes', selector: { matchLabels: [['kubernetes.io/os', 'linux']], expressions: [] } },
      { kind: 'domainNames', names: ['*.example.com'] },
    ]);
    const networks = policy.egress[2].peers[0];
    expect(networks.kind).toBe('networks');
    if (networks.kind !== 'networks') return;
    expect(networks.cidrs.map((c) => c.canonical)).toEqual(['0.0.0.0/0', '2001:db8::/32', '10.1.0.0/16']);
    expect(networks.cidrs.map((c) => c.family)).toEqual([4, 6, 4]);
  });

  test('reads ports: absent protocols are all ports; numbers, ranges and named ports', () => {
    const policy = normalizeClusterNetworkPolicy(manifest());
    expect(policy.ingress[0].ports).toEqual([
      { kind: 'port', protocol: Protocol.TCP, port: 9090 },
      { kind: 'named', name: 'metrics' },
    ]);
    expect(policy.egress[1].ports).toEqual([
      { kind: 'range', protocol: Protocol.UDP, start: 5000, end: 5100 },
      { kind: 'port', protocol: Protocol.SCTP, port: 9999 },
    ]);
    expect(policy.ingress[1].ports).toBeUndefined();
    expect('ports' in policy.egress[2]).toBe(false);
  });

  test('a policy without rules in a direction has an empty list', () => {
    const m = manifest();
    delete m.spec.egress;
    expect(normalizeClusterNetworkPolicy(m).egress).toEqual([]);
  });

  test('a manifest with only generateName gets that as its name', () => {
    const m = manifest();
    m.metadata = { generateName: 'guardrails-' };
    expect(normalizeClusterNetworkPolicy(m).name).toBe('guardrails-');
  });

  test('warnings do not stop it; a namespace is dropped', () => {
    const m = manifest();
    m.metadata.namespace = 'ignored';
    m.spec.egress[2].to[0].networks = ['10.0.0.1/8'];
    expect(normalizeClusterNetworkPolicy(m).egress[2].peers).toEqual([{ kind: 'networks', cidrs: [expect.objectContaining({ canonical: '10.0.0.0/8' })] }]);
  });

  test('an invalid manifest throws with the errors', () => {
    const m = manifest();
    m.spec.tier = 'Override';
    m.spec.egress[2].to[0].networks = ['not-a-cidr'];
    let thrown: unknown;
    try {
      normalizeClusterNetworkPolicy(m);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(InvalidClusterNetworkPolicyError);
    const error = thrown as InvalidClusterNetworkPolicyError;
    expect(error.issues.map((i) => i.field)).toEqual(['spec.tier', 'spec.egress[2].to[0].networks[0]']);
    expect(error.message).toContain('"Override"');
    expect(() => normalizeClusterNetworkPolicy('nope')).toThrow(InvalidClusterNetworkPolicyError);
  });
});

describe('normalized selectors work with the evaluator matcher', () => {
  test('matchLabels are sorted and matchExpressions kept', () => {
    const selector = normalizeSelector({
      matchLabels: { tier: 'web', app: 'shop' },
      matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['dev'] }, { key: 'canary', operator: 'DoesNotExist' }],
    });
    expect(selector.matchLabels).toEqual([['app', 'shop'], ['tier', 'web']]);
    expect(matchesNormalizedSelector(selector, { app: 'shop', tier: 'web', env: 'prod' })).toBe(true);
    expect(matchesNormalizedSelector(selector, { app: 'shop', tier: 'web', env: 'dev' })).toBe(false);
    expect(matchesNormalizedSelector(selector, { app: 'shop', tier: 'web', canary: 'yes' })).toBe(false);
    expect(matchesNormalizedSelector(selector, { app: 'shop' })).toBe(false);
  });

  test('the empty selector matches everything', () => {
    expect(matchesNormalizedSelector(normalizeSelector({}), {})).toBe(true);
    expect(matchesNormalizedSelector(normalizeSelector({}), { any: 'thing' })).toBe(true);
  });
});
