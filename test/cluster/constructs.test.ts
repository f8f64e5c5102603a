/**
 * The ClusterNetworkPolicy construct, its values and its intents: the manifests they write (snapshots, and
 * assertions saying why each field is right), what the tiers then decide for sample connections, every
 * run-time rejection of untyped callers' arguments, validation at synthesis, immutability and determinism.
 */
import { App, Chart, Testing } from 'cdk8s';
import {
  NormalizedClusterPolicy, NormalizedCnpPeer, NormalizedCnpPort, NormalizedCnpSubject, normalizeClusterNetworkPolicy,
} from '../../src/analysis/cluster-policy-parse';
import { decideTier, findPriorityTies, NetworkPolicyTierOutcome, resolveDirection, rulesInPrecedenceOrder, subjectsMayOverlap } from '../../src/analysis/tiers';
import {
  AdminAllowMonitoring,
  AdminDenyMetadata,
  BaselineNamespaceIsolation,
  ClusterNetworkPolicy,
  ClusterPeer,
  ClusterPolicyAction,
  ClusterPolicyRule,
  ClusterPolicySubject,
  ClusterPolicyTier,
} from '../../src/cluster';
import { cidrContainsIp, parseIp } from '../../src/net/cidr';
import { Peer } from '../../src/peers';
import { Port } from '../../src/ports';
import { Protocol } from '../../src/protocol';
import { NormalizedSelector } from '../../src/selection/normalized';
import { LabelExpression, LabelSelector } from '../../src/selectors';
import { validateClusterNetworkPolicy } from '../../src/validation/cluster-network-policy';

// ---------------------------------------------------------------------------------------------------------
// Helpers

/** A chart in an app of its own (cdk8s validates the whole app), in namespace `prod`: a CNP must not take it. */
function newChart(namespace: string | undefined = 'prod'): Chart {
  return new Chart(new App(), 'test', { namespace });
}

/**
 * Synthesizes a chart and checks every ClusterNetworkPolicy against what must hold for all of them: no issue
 * at all (warnings included) from the validator in either channel, strict, and a normalized form the
 * evaluator can read.
 */
function synth(chart: Chart): any[] {
  const manifests = Testing.synth(chart);
  for (const manifest of manifests) {
    expect(manifest.kind).toBe('ClusterNetworkPolicy');
    expect(validateClusterNetworkPolicy(manifest, { channel: 'standard', strict: true })).toEqual([]);
    expect(validateClusterNetworkPolicy(manifest, { channel: 'experimental', strict: true })).toEqual([]);
    expect(manifest.metadata.namespace).toBeUndefined();
    normalizeClusterNetworkPolicy(manifest);
  }
  return manifests;
}

function synthOne(chart: Chart): any {
  const manifests = synth(chart);
  expect(manifests).toHaveLength(1);
  return manifests[0];
}

/** The message of the error `fn` throws; fails the test if it does not throw. */
function errorOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected an error, but none was thrown');
}

/** The message of the error synthesis throws. */
function synthError(chart: Chart): string {
  return errorOf(() => Testing.synth(chart));
}

const all = () => LabelSelector.all();
const ns = (name: string) => LabelSelector.labels({ 'kubernetes.io/metadata.name': name });
const web = LabelSelector.labels({ app: 'web' });
const everyPod = () => ClusterPolicySubject.namespaces(LabelSelector.all());

/** A minimal valid policy's props, with `extra` merged in. */
function props(extra: Record<string, unknown> = {}): any {
  return {
    tier: ClusterPolicyTier.ADMIN,
    priority: 10,
    subject: everyPod(),
    ingress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.namespaces(all())] }],
    ...extra,
  };
}

// Everything called through `untyped` bypasses TypeScript on purpose, as plain JavaScript and jsii callers do.
const untyped: any = {
  ClusterNetworkPolicy, ClusterPeer, ClusterPolicySubject, BaselineNamespaceIsolation, AdminAllowMonitoring, AdminDenyMetadata,
};

// ---- A small evaluator over the normalized form, for "what does this decide" checks ------------------------

interface Pod {
  readonly namespace: string;
  readonly labels?: Record<string, string>;
  /** Container ports by name, with their protocol and number. */
  readonly namedPorts?: Record<string, { protocol: Protocol; port: number }>;
}

function selectorMatches(selector: NormalizedSelector, labels: Record<string, string>): boolean {
  const has = (k: string) => Object.prototype.hasOwnProperty.call(labels, k);
  return selector.matchLabels.every(([k, v]) => has(k) && labels[k] === v) && selector.expressions.every((r) => {
    switch (r.operator) {
      case 'In': return has(r.key) && r.values.includes(labels[r.key]);
      case 'NotIn': return !has(r.key) || !r.values.includes(labels[r.key]);
      case 'Exists': return has(r.key);
      default: return !has(r.key);
    }
  });
}

const namespaceLabels = (pod: Pod) => ({ 'kubernetes.io/metadata.name': pod.namespace });

function podIn(target: NormalizedCnpSubject | NormalizedCnpPeer, pod: Pod): boolean {
  if (target.kind === 'namespaces') return selectorMatches(target.selector, namespaceLabels(pod));
  if (target.kind === 'pods') {
    return selectorMatches(target.namespaceSelector, namespaceLabels(pod)) && selectorMatches(target.podSelector, pod.labels ?? {});
  }
  return false;
}

function portMatches(ports: readonly NormalizedCnpPort[] | undefined, protocol: Protocol, port: number, destination?: Pod): boolean {
  if (ports === undefined) return true;
  return ports.some((p) => {
    if (p.kind === 'named') {
      const named = destination?.namedPorts?.[p.name];
      return named !== undefined && named.protocol === protocol && named.port === port;
    }
    if (p.protocol !== protocol) return false;
    return p.kind === 'port' ? p.port === port : p.start <= port && port <= p.end;
  });
}

/** The verdict for ingress into `destination` from `source`, the NetworkPolicy tier's outcome given. */
function ingress(
  policies: NormalizedClusterPolicy[], source: Pod, destination: Pod, protocol: Protocol, port: number,
  networkPolicy: NetworkPolicyTierOutcome = 'not-selected',
) {
  const tier = (t: 'Admin' | 'Baseline') => decideTier(
    rulesInPrecedenceOrder(policies, t, 'ingress').filter((r) => podIn(r.policy.subject, destination)),
    (r) => r.rule.peers.some((peer) => podIn(peer, source)) && portMatches(r.rule.ports, protocol, port, destination),
  );
  return resolveDirection(tier('Admin'), networkPolicy, () => tier('Baseline'));
}

/** The verdict for egress from `source` to an address outside the cluster. */
function egressToAddress(
  policies: NormalizedClusterPolicy[], source: Pod, address: string, protocol: Protocol, port: number,
  networkPolicy: NetworkPolicyTierOutcome = 'not-selected',
) {
  const ip = parseIp(address)!;
  const tier = (t: 'Admin' | 'Baseline') => decideTier(
    rulesInPrecedenceOrder(policies, t, 'egress').filter((r) => podIn(r.policy.subject, source)),
    (r) => r.rule.peers.some((peer) => peer.kind === 'networks' && peer.cidrs.some((c) => cidrContainsIp(c, ip)))
      && portMatches(r.rule.ports, protocol, port),
  );
  return resolveDirection(tier('Admin'), networkPolicy, () => tier('Baseline'));
}

function normalized(chart: Chart): NormalizedClusterPolicy[] {
  return synth(chart).map(normalizeClusterNetworkPolicy);
}

// ---------------------------------------------------------------------------------------------------------

describe('ClusterNetworkPolicy', () => {
  test('a policy with both directions: the manifest, cluster-scoped, rules in the order given', () => {
    const chart = newChart();
    const policy = new ClusterNetworkPolicy(chart, 'guardrails', {
      metadata: { name: 'guardrails', labels: { team: 'platform' } },
      tier: ClusterPolicyTier.ADMIN,
      priority: 5,
      subject: ClusterPolicySubject.namespaces(LabelSelector.labels({ env: 'prod' })),
      description: 'Guardrails for production namespaces.',
      ingress: [{
        action: ClusterPolicyAction.ACCEPT,
        peers: [ClusterPeer.pods(ns('monitoring'), LabelSelector.labels({ app: 'prometheus' }))],
        ports: [Port.tcp(9090), Port.named('metrics')],
        description: 'Prometheus scrapes.',
      }],
    });
    policy.addEgress({
      name: 'pass-in-cluster',
      action: ClusterPolicyAction.PASS,
      peers: [ClusterPeer.namespaces(all())],
      description: 'Pod traffic is left to the namespaces\' policies.',
    });
    policy.addEgress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks(['0.0.0.0/0', '::/0'])] });
    const manifest = synthOne(chart);
    expect(manifest).toMatchSnapshot();

    expect(manifest.apiVersion).toBe('policy.networking.k8s.io/v1alpha2');
    expect(manifest.kind).toBe('ClusterNetworkPolicy');
    // Cluster-scoped: the chart's namespace is not written (the API server would drop it).
    expect(manifest.metadata).toEqual({
      name: 'guardrails',
      labels: { team: 'platform' },
      annotations: {
        'cdk8s-netpol/description': 'Guardrails for production namespaces.',
        'cdk8s-netpol/ingress.0': 'Prometheus scrapes.',
        'cdk8s-netpol/egress.0': 'Pod traffic is left to the namespaces\' policies.',
      },
    });
    expect(policy.metadata.namespace).toBeUndefined();
    expect(manifest.spec.tier).toBe('Admin');
    expect(manifest.spec.priority).toBe(5);
    expect(manifest.spec.subject).toEqual({ namespaces: { matchLabels: { env: 'prod' } } });
    expect(manifest.spec.ingress).toEqual([{
      name: 'accept-ingress-0',
      action: 'Accept',
      from: [{ pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } } }],
      protocols: [{ tcp: { destinationPort: { number: 9090 } } }, { destinationNamedPort: 'metrics' }],
    }]);
    // First match wins: the Pass for pod traffic stays before the Deny of every address, as added.
    expect(manifest.spec.egress).toEqual([
      { name: 'pass-in-cluster', action: 'Pass', to: [{ namespaces: {} }] },
      { name: 'deny-egress-1', action: 'Deny', to: [{ networks: ['0.0.0.0/0', '::/0'] }] },
    ]);
    expect(policy.tier).toBe(ClusterPolicyTier.ADMIN);
    expect(policy.priority).toBe(5);
    expect(policy.subject.toString()).toBe('every pod in namespaces env=prod');
  });

  test('ports are written as protocols entries the CRD accepts', () => {
    const entries = (ports: Port[]) => {
      const chart = newChart();
      new ClusterNetworkPolicy(chart, 'p', props({ ingress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.namespaces(all())], ports }] }));
      return synthOne(chart).spec.ingress[0].protocols;
    };
    expect(entries([Port.tcp(80), Port.udp(53), Port.sctp(9999)])).toEqual([
      { tcp: { destinationPort: { number: 80 } } },
      { udp: { destinationPort: { number: 53 } } },
      { sctp: { destinationPort: { number: 9999 } } },
    ]);
    expect(entries([Port.tcpRange(8000, 8080), Port.udpRange(5000, 5001)])).toEqual([
      { tcp: { destinationPort: { range: { start: 8000, end: 8080 } } } },
      { udp: { destinationPort: { range: { start: 5000, end: 5001 } } } },
    ]);
    // The CRD requires start < end: a one-port range is its number.
    expect(entries([Port.tcpRange(443, 443)])).toEqual([{ tcp: { destinationPort: { number: 443 } } }]);
    // No protocol-only entry exists (destinationPort is required): every port of a protocol is 1-65535.
    expect(entries([Port.allTcp(), Port.allUdp(), Port.allSctp()])).toEqual([
      { tcp: { destinationPort: { range: { start: 1, end: 65535 } } } },
      { udp: { destinationPort: { range: { start: 1, end: 65535 } } } },
      { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
    ]);
    // A named port has no protocol of its own in a CNP: TCP and UDP 'dns' are one entry.
    expect(entries([Port.named('dns'), Port.named('dns', Protocol.UDP), Port.tcp(80), Port.HTTP])).toEqual([
      { destinationNamedPort: 'dns' },
      { tcp: { destinationPort: { number: 80 } } },
    ]);
  });

  test('subjects and peers', () => {
    const chart = newChart();
    new ClusterNetworkPolicy(chart, 'p', {
      tier: ClusterPolicyTier.BASELINE,
      priority: 0,
      subject: ClusterPolicySubject.pods(all(), web),
      ingress: [{
        action: ClusterPolicyAction.DENY,
        // The same peer twice is written once; namespaces by expression.
        peers: [
          ClusterPeer.namespaces(LabelSelector.of({ expressions: [LabelExpression.isIn('team', ['b', 'a'])] })),
          ClusterPeer.pods(all(), all()),
          ClusterPeer.pods(all(), all()),
        ],
      }],
      egress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.networks(['10.0.0.0/8', 'FD00::/8', 'fd00::/8', '10.0.0.0/8'])] }],
    });
    const spec = synthOne(chart).spec;
    expect(spec.subject).toEqual({ pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } });
    expect(spec.ingress[0].from).toEqual([
      { namespaces: { matchExpressions: [{ key: 'team', operator: 'In', values: ['a', 'b'] }] } },
      { pods: { namespaceSelector: {}, podSelector: {} } },
    ]);
    // One range once: the CRD's list is a set, and FD00::/8 is fd00::/8.
    expect(spec.egress[0].to).toEqual([{ networks: ['10.0.0.0/8', 'FD00::/8'] }]);
  });

  test('readable forms of subjects and peers, in the words of the shared describer', () => {
    expect(ClusterPolicySubject.namespaces(all()).toString()).toBe('every pod in every namespace');
    expect(ClusterPolicySubject.pods(ns('shop'), web).toString()).toBe('pods app=web in namespace shop');
    expect(ClusterPeer.namespaces(ns('monitoring')).toString()).toBe('every pod in namespace monitoring');
    expect(ClusterPeer.pods(all(), web).toString()).toBe('pods app=web in every namespace');
    expect(ClusterPeer.networks(['10.0.0.0/8', '::/0']).toString()).toBe('addresses in 10.0.0.0/8, ::/0');
  });

  test('value properties', () => {
    const subject = ClusterPolicySubject.pods(ns('shop'), web);
    expect(subject.namespaceSelector).toBe(ns('shop'));
    expect(subject.podSelector).toBe(web);
    expect(ClusterPolicySubject.namespaces(all()).podSelector).toBeUndefined();
    const pods = ClusterPeer.pods(ns('shop'), web);
    expect([pods.namespaceSelector, pods.podSelector, pods.cidrs]).toEqual([ns('shop'), web, undefined]);
    const namespaces = ClusterPeer.namespaces(ns('shop'));
    expect([namespaces.namespaceSelector, namespaces.podSelector, namespaces.cidrs]).toEqual([ns('shop'), undefined, undefined]);
    const networks = ClusterPeer.networks(['10.0.0.0/8']);
    expect([networks.namespaceSelector, networks.podSelector, networks.cidrs]).toEqual([undefined, undefined, ['10.0.0.0/8']]);
  });

  test('rules added after construction are written, and never merged: order is meaning', () => {
    const chart = newChart();
    const policy = new ClusterNetworkPolicy(chart, 'p', props({ ingress: undefined }));
    const peers = [ClusterPeer.namespaces(ns('a'))];
    policy.addIngress({ action: ClusterPolicyAction.PASS, peers });
    policy.addIngress({ action: ClusterPolicyAction.DENY, peers });
    policy.addIngress({ action: ClusterPolicyAction.DENY, peers });
    expect(synthOne(chart).spec.ingress.map((r: any) => r.name)).toEqual(['pass-ingress-0', 'deny-ingress-1', 'deny-ingress-2']);
  });

  test('generated rule names are deterministic: the same program writes the same manifests', () => {
    const build = () => {
      const chart = newChart();
      const policy = new ClusterNetworkPolicy(chart, 'p', props({
        egress: [{ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks(['169.254.169.254/32'])] }],
      }));
      policy.addIngress({ name: 'custom', action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())] });
      policy.addEgress({ action: ClusterPolicyAction.PASS, peers: [ClusterPeer.namespaces(all())] });
      return synthOne(chart);
    };
    const first = build();
    expect(first.spec.ingress.map((r: any) => r.name)).toEqual(['accept-ingress-0', 'custom']);
    expect(first.spec.egress.map((r: any) => r.name)).toEqual(['deny-egress-0', 'pass-egress-1']);
    expect(build()).toEqual(first);
    expect(JSON.stringify(build())).toBe(JSON.stringify(first));
  });

  test('a chart without a namespace, and one with: the same manifest', () => {
    const build = (namespace: string | undefined) => {
      const chart = newChart(namespace);
      new ClusterNetworkPolicy(chart, 'p', props());
      return synthOne(chart);
    };
    expect(build(undefined)).toEqual(build('prod'));
  });

  test("a label key cdk8s cannot write in a plain object ('constructor') is written as given", () => {
    const chart = newChart();
    const odd = LabelSelector.labels({ constructor: 'a', app: 'b' } as unknown as { [key: string]: string });
    new ClusterNetworkPolicy(chart, 'p', props({
      subject: ClusterPolicySubject.pods(all(), odd),
      ingress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.pods(odd, odd)] }],
    }));
    const manifest = synthOne(chart);
    expect(manifest.spec.subject.pods.podSelector).toEqual({ matchLabels: { app: 'b', constructor: 'a' } });
    expect(Object.keys(manifest.spec.subject.pods.podSelector.matchLabels)).toEqual(['app', 'constructor']);
    expect(manifest.spec.ingress[0].from[0].pods.namespaceSelector.matchLabels.constructor).toBe('a');
  });

  test('a blank description writes no annotation', () => {
    const chart = newChart();
    new ClusterNetworkPolicy(chart, 'p', props({
      description: '  ',
      ingress: [{ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.namespaces(all())], description: '' }],
    }));
    expect(synthOne(chart).metadata.annotations).toBeUndefined();
  });

  test('limits: 25 rules per direction, 25 peers and 25 ports per rule are accepted', () => {
    const chart = newChart();
    const peers = Array.from({ length: 25 }, (_, i) => ClusterPeer.namespaces(ns(`n${i}`)));
    const ports = Array.from({ length: 25 }, (_, i) => Port.tcp(1000 + i));
    const rules: ClusterPolicyRule[] = Array.from({ length: 25 }, () => ({ action: ClusterPolicyAction.DENY, peers, ports }));
    new ClusterNetworkPolicy(chart, 'p', props({ ingress: rules, egress: rules }));
    const spec = synthOne(chart).spec;
    expect(spec.ingress).toHaveLength(25);
    expect(spec.egress[24].to).toHaveLength(25);
    expect(spec.egress[24].protocols).toHaveLength(25);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('run-time checks: what untyped callers pass is refused with a message saying what would be valid', () => {
  const policy = () => new ClusterNetworkPolicy(newChart(), 'p', props({ ingress: undefined }));
  const POLICY_PROPS = 'metadata, tier, priority, subject, ingress, egress and description';
  const RULE_FIELDS = '(the fields of a rule are name, action, peers, ports and description)';
  const PEER_HINT = 'ClusterPeer.namespaces(...), ClusterPeer.pods(...) or ClusterPeer.networks(...)';
  const PRIORITY = 'must be a whole number from 0 to 1000 (lower values are evaluated first within the tier)';

  test.each<[string, () => unknown, string]>([
    ['no props', () => new untyped.ClusterNetworkPolicy(newChart(), 'p'),
      '[test/p] tier is required: ClusterPolicyTier.ADMIN (before NetworkPolicies, final) or ClusterPolicyTier.BASELINE (after them, a default)'],
    ['props not an object', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', 'Admin'),
      "[test/p] props must be an object { metadata?, tier?, priority?, subject?, ingress?, egress?, description? }, got 'Admin'"],
    ['a misspelt property', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priorty: 1 })),
      `[test/p] unknown property 'priorty'; did you mean 'priority'? (the properties are ${POLICY_PROPS})`],
    ['a tier not of the enum', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ tier: 'admin' })),
      "[test/p] tier 'admin' is not a ClusterPolicyTier: use ClusterPolicyTier.ADMIN or ClusterPolicyTier.BASELINE"],
    ['no priority', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priority: undefined })),
      '[test/p] priority is required: a whole number from 0 to 1000; lower values are evaluated first within the tier'],
    ['priority above 1000', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priority: 1001 })), `[test/p] priority 1001 ${PRIORITY}`],
    ['a negative priority', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priority: -1 })), `[test/p] priority -1 ${PRIORITY}`],
    ['a fractional priority', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priority: 1.5 })), `[test/p] priority 1.5 ${PRIORITY}`],
    ['priority as a string', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ priority: '10' })), `[test/p] priority '10' ${PRIORITY}`],
    ['no subject', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ subject: undefined })),
      '[test/p] subject is required: the pods the policy applies to (ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...))'],
    ['a subject as manifest', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ subject: { namespaces: {} } })),
      '[test/p] subject must be a ClusterPolicySubject (ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)), got {"namespaces":{}}'],
    ['a namespace', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ metadata: { namespace: 'prod' } })),
      "[test/p] metadata.namespace 'prod': a ClusterNetworkPolicy is cluster-scoped, so the API server drops the namespace and "
      + 'the policy applies to the pods its subject selects in every namespace. Remove metadata.namespace (the chart\'s namespace is left out by itself).'],
    ['metadata not an object', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ metadata: 'guardrails' })),
      "[test/p] metadata must be an object (ApiObjectMetadata: { name?, labels?, annotations?, ... }), got 'guardrails'"],
    ['a description not a string', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ description: 1 })),
      '[test/p] description must be a string, got 1'],
    ['ingress not a list', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ ingress: {} })),
      '[test/p] ingress must be a list of rules { action, peers, ports?, name?, description? }, got {}'],
    ['a name that is not a DNS subdomain', () => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ metadata: { name: 'Guardrails' } })),
      "[test/p] metadata.name 'Guardrails' must be a DNS-1123 subdomain: lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')."],
  ])('construction: %s', (_what, fn, message) => {
    expect(errorOf(fn)).toBe(message);
  });

  test.each<[string, (p: any) => unknown, string]>([
    ['a rule that is not an object', (p) => p.addIngress(null), '[test/p] rule must be an object { action, peers, ports?, name?, description? }, got null'],
    ['NetworkPolicy-style protocols', (p) => p.addIngress({ action: 'Accept', peers: [ClusterPeer.namespaces(all())], protocols: [] }),
      `[test/p] rule: unknown field 'protocols'; ports are given as 'ports' (Port values) ${RULE_FIELDS}`],
    ['NetworkPolicy-style from', (p) => p.addIngress({ action: 'Accept', from: [] }),
      `[test/p] rule: unknown field 'from'; peers are given as 'peers' ${RULE_FIELDS}`],
    ['a misspelt field', (p) => p.addIngress({ action: 'Accept', peers: [ClusterPeer.namespaces(all())], port: [Port.HTTP] }),
      `[test/p] rule: unknown field 'port' ${RULE_FIELDS}`],
    ['no action', (p) => p.addEgress({ peers: [ClusterPeer.namespaces(all())] }),
      '[test/p] rule.action is required: ClusterPolicyAction.ACCEPT, ClusterPolicyAction.DENY or ClusterPolicyAction.PASS'],
    ["v1alpha1's Allow", (p) => p.addEgress({ action: 'Allow', peers: [ClusterPeer.namespaces(all())] }),
      "[test/p] rule.action 'Allow' is not a ClusterPolicyAction: use ClusterPolicyAction.ACCEPT, ClusterPolicyAction.DENY or ClusterPolicyAction.PASS"],
    ['no peers', (p) => p.addIngress({ action: 'Accept' }), `[test/p] rule.peers is required: a list of ClusterPeer values (${PEER_HINT})`],
    ['an empty peer list', (p) => p.addIngress({ action: 'Accept', peers: [] }),
      '[test/p] spec.ingress[0].from: the peer list is empty, and the API server requires at least one peer. '
      + 'Name the peers; ClusterPeer.namespaces(LabelSelector.all()) matches every pod.'],
    ['a NetworkPolicy Peer', (p) => p.addEgress({ action: 'Accept', peers: [Peer.allPods()] }),
      `[test/p] rule.peers[0] must be a ClusterPeer (${PEER_HINT}), got a Peer (every pod in every namespace)`],
    ['a null peer', (p) => p.addEgress({ action: 'Accept', peers: [ClusterPeer.namespaces(all()), null] }),
      `[test/p] rule.peers[1] must be a ClusterPeer (${PEER_HINT}), got null`],
    ['a networks peer in an ingress rule', (p) => p.addIngress({ action: 'Deny', peers: [ClusterPeer.namespaces(ns('a')), ClusterPeer.networks(['10.0.0.0/8'])] }),
      '[test/p] spec.ingress[0].from[1]: addresses in 10.0.0.0/8 is a networks peer, which only egress rules can have: ingress peers '
      + '(sources) are namespaces and pods. Select the source pods with ClusterPeer.namespaces() or ClusterPeer.pods().'],
    ['an empty port list', (p) => p.addIngress({ action: 'Accept', peers: [ClusterPeer.namespaces(all())], ports: [] }),
      '[test/p] spec.ingress[0].protocols: the port list is empty, and the API server requires at least one entry. '
      + 'Name the ports, or leave ports out to match every port of every protocol.'],
    ['a port number instead of a Port', (p) => p.addIngress({ action: 'Accept', peers: [ClusterPeer.namespaces(all())], ports: [80] }),
      "[test/p] rule.ports[0] must be a Port (Port.tcp(8080), Port.tcpRange(8000, 8100), Port.named('http'), ...), got 80"],
    ["a workload's ports, known only at synthesis", (p) => p.addIngress({
      action: 'Accept', peers: [ClusterPeer.namespaces(all())], ports: [Port.HTTP, Port._lazy('w', () => 'the ports of web', () => [Port.HTTP])],
    }), '[test/p] rule.ports[1]: the ports of web are known only at synthesis, which a ClusterNetworkPolicy rule does not support; name the ports'],
    ['a named port next to a networks peer', (p) => p.addEgress({
      action: 'Accept', peers: [ClusterPeer.namespaces(all()), ClusterPeer.networks(['10.0.0.0/8'])], ports: [Port.tcp(80), Port.named('http')],
    }), "[test/p] spec.egress[0]: the named port 'http' and the networks peer spec.egress[0].to[1] cannot be in one rule: "
      + 'addresses have no named ports, so the entry could never match them (the experimental channel CRD rejects it). '
      + 'Use port numbers, or put the networks peers in a rule of their own.'],
    ['an empty name', (p) => p.addIngress({ name: '', action: 'Accept', peers: [ClusterPeer.namespaces(all())] }),
      '[test/p] rule.name is empty; leave name out to have one generated'],
    ['a name too long', (p) => p.addIngress({ name: 'x'.repeat(101), action: 'Accept', peers: [ClusterPeer.namespaces(all())] }),
      `[test/p] rule.name '${'x'.repeat(56)}... is 101 characters long; the API server accepts at most 100`],
    ['a name not a string', (p) => p.addIngress({ name: 7, action: 'Accept', peers: [ClusterPeer.namespaces(all())] }),
      '[test/p] rule.name must be a string, got 7'],
    ['a description not a string', (p) => p.addIngress({ action: 'Accept', peers: [ClusterPeer.namespaces(all())], description: ['why'] }),
      '[test/p] rule.description must be a string, got ["why"]'],
  ])('rules: %s', (_what, fn, message) => {
    expect(errorOf(() => fn(policy()))).toBe(message);
  });

  test('rules given in props are named by their place in props', () => {
    expect(errorOf(() => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ egress: [{ action: 'Deny', peers: [], portz: [] }] }))))
      .toBe(`[test/p] egress[0]: unknown field 'portz' ${RULE_FIELDS}`);
    expect(errorOf(() => new untyped.ClusterNetworkPolicy(newChart(), 'p', props({ egress: [{ action: 'Deny' }] }))))
      .toBe(`[test/p] egress[0].peers is required: a list of ClusterPeer values (${PEER_HINT})`);
  });

  test('rule names are unique within the policy, generated ones included', () => {
    const p = policy();
    p.addIngress({ name: 'deny-egress-0', action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.namespaces(all())] });
    expect(errorOf(() => p.addIngress({ name: 'deny-egress-0', action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())] })))
      .toBe("[test/p] spec.ingress[1].name 'deny-egress-0' is already the name of spec.ingress[0]; rule names identify rules in "
        + "implementations' logs and in analysis, so give each rule a name of its own.");
    expect(errorOf(() => p.addEgress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())] })))
      .toBe("[test/p] spec.egress[0].name 'deny-egress-0' (generated) is already the name of spec.ingress[0]; rule names identify rules in "
        + "implementations' logs and in analysis, so give each rule a name of its own.");
  });

  test('at most 25 rules per direction, 25 distinct peers and 25 distinct ports per rule', () => {
    const p = policy();
    const rule = { action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())] };
    for (let i = 0; i < 25; i++) p.addEgress(rule);
    expect(errorOf(() => p.addEgress(rule))).toBe('[test/p] spec.egress[25]: the policy already has 25 egress rules, the most the API '
      + 'server accepts; merge rules (a rule takes up to 25 peers and 25 ports), or split the policy in two with different priorities.');
    const peers = Array.from({ length: 26 }, (_, i) => ClusterPeer.namespaces(ns(`n${i}`)));
    expect(errorOf(() => p.addIngress({ action: ClusterPolicyAction.DENY, peers })))
      .toBe('[test/p] spec.ingress[0].from: 26 distinct peers; a rule holds at most 25: split it into several rules with the same action.');
    const ports = Array.from({ length: 26 }, (_, i) => Port.tcp(1000 + i));
    expect(errorOf(() => p.addIngress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())], ports })))
      .toBe('[test/p] spec.ingress[0].protocols: 26 distinct ports; a rule holds at most 25: use port ranges (Port.tcpRange()), '
        + 'or split the rule into several with the same action and peers.');
    // Duplicates do not count: 30 peers naming 25 namespaces are 25 peers.
    p.addIngress({ action: ClusterPolicyAction.DENY, peers: [...peers.slice(0, 25), ...peers.slice(0, 5)] });
  });

  test('a rejected rule leaves the policy as it was', () => {
    const chart = newChart();
    const p = new ClusterNetworkPolicy(chart, 'p', props());
    expect(() => p.addIngress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks(['10.0.0.0/8'])] })).toThrow();
    p.addIngress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.namespaces(all())] });
    expect(synthOne(chart).spec.ingress.map((r: any) => r.name)).toEqual(['accept-ingress-0', 'deny-ingress-1']);
  });

  const SELECTOR_NS = "LabelSelector.labels({ 'kubernetes.io/metadata.name': 'shop' }), or LabelSelector.all()";
  const PEER_NS = "LabelSelector.labels({ 'kubernetes.io/metadata.name': 'monitoring' }), or LabelSelector.all()";
  test.each<[string, () => unknown, string]>([
    ['subject namespaces: a manifest selector', () => untyped.ClusterPolicySubject.namespaces({}),
      `ClusterPolicySubject.namespaces(): selector must be a LabelSelector (${SELECTOR_NS}), got {}`],
    ['subject pods: no pod selector', () => untyped.ClusterPolicySubject.pods(all()),
      "ClusterPolicySubject.pods(): pods must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all()), got undefined"],
    ['subject pods: the selectors as strings', () => untyped.ClusterPolicySubject.pods('shop', 'app=web'),
      `ClusterPolicySubject.pods(): namespaces must be a LabelSelector (${SELECTOR_NS}), got 'shop'`],
    ['peer namespaces: a name', () => untyped.ClusterPeer.namespaces('monitoring'),
      `ClusterPeer.namespaces(): selector must be a LabelSelector (${PEER_NS}), got 'monitoring'`],
    ['peer pods: a NetworkPolicy Namespaces value', () => untyped.ClusterPeer.pods(undefined, web),
      `ClusterPeer.pods(): namespaces must be a LabelSelector (${PEER_NS}), got undefined`],
    ['peer pods: no pod selector', () => untyped.ClusterPeer.pods(all(), null),
      "ClusterPeer.pods(): pods must be a LabelSelector (LabelSelector.labels({ app: 'prometheus' }), or LabelSelector.all()), got null"],
    ['networks: a string', () => untyped.ClusterPeer.networks('10.0.0.0/8'), "ClusterPeer.networks(): cidrs must be a list of strings, got '10.0.0.0/8'"],
    ['networks: a number in the list', () => untyped.ClusterPeer.networks(['10.0.0.0/8', 10]), 'ClusterPeer.networks(): cidrs[1] must be a string, got 10'],
    ['networks: none', () => ClusterPeer.networks([]),
      "ClusterPeer.networks(): cidrs is empty; name at least one range, or ['0.0.0.0/0', '::/0'] for every address."],
    ['networks: not an address', () => ClusterPeer.networks(['10.0.0.0/8', '300.0.0.0/8']),
      "ClusterPeer.networks(): cidrs[1] '300.0.0.0/8' is invalid: '300.0.0.0' is not a valid IPv4 address: '300' must be a number from 0 to 255."],
    ['networks: no prefix length', () => ClusterPeer.networks(['169.254.169.254']),
      "ClusterPeer.networks(): cidrs[0] '169.254.169.254' is invalid: '169.254.169.254' has no prefix length: a CIDR looks like 10.0.0.0/16 "
      + 'or 2001:db8::/32 (use /32 or /128 for one address).'],
    ['networks: host bits set', () => ClusterPeer.networks(['10.0.0.1/8']),
      "ClusterPeer.networks(): cidrs[0] '10.0.0.1/8' has bits set beyond its /8 prefix, so it means '10.0.0.0/8'; write '10.0.0.0/8' (or /32 for a single address)."],
    ['networks: longer than the CRD allows', () => ClusterPeer.networks(['0000:0000:0000:0000:0000:0001:255.255.255.255/128']),
      "ClusterPeer.networks(): cidrs[0] '0000:0000:0000:0000:0000:0001:255.255.255.255/128' is longer than 43 characters; write '::1:ffff:ffff/128'."],
    ['networks: more than 25', () => ClusterPeer.networks(Array.from({ length: 26 }, (_, i) => `10.${i}.0.0/16`)),
      'ClusterPeer.networks(): 26 ranges given; a networks peer holds at most 25: split them over several ClusterPeer.networks() peers, or use wider ranges.'],
  ])('values: %s', (_what, fn, message) => {
    expect(errorOf(fn)).toBe(message);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('validation at synthesis: the construct path, the field path, the value and what is valid', () => {
  test('a policy without rules would affect no traffic', () => {
    const chart = newChart();
    new ClusterNetworkPolicy(chart, 'empty', props({ ingress: undefined }));
    expect(synthError(chart)).toBe('Validation failed with the following errors:\n  [test/empty] spec: the policy has no ingress and no egress '
      + 'rules, so it affects no traffic (a ClusterNetworkPolicy does not isolate the pods it selects). Add rules with addIngress() or addEgress().');
  });

  test('a rule added before synthesis makes it valid', () => {
    const chart = newChart();
    const p = new ClusterNetworkPolicy(chart, 'empty', props({ ingress: undefined }));
    p.addEgress({ action: ClusterPolicyAction.DENY, peers: [ClusterPeer.networks(['169.254.169.254/32'])] });
    expect(synthOne(chart).spec.egress).toHaveLength(1);
  });

  test('metadata the API server rejects, given or added later', () => {
    const chart = newChart();
    const p = new ClusterNetworkPolicy(chart, 'p', props({ metadata: { labels: { 'bad key!': 'x' } } }));
    p.metadata.addAnnotation('example.com/', 'x');
    const message = synthError(chart);
    expect(message).toMatch(/^Validation failed with the following errors:\n {2}\[test\/p\] metadata\.labels\[bad key!\]/);
    expect(message).toContain('[test/p] metadata.annotations[example.com/]');
    expect(message.split('\n')).toHaveLength(3);
  });

  test("the chart's invalid labels are named too", () => {
    const chart = new Chart(new App(), 'test', { labels: { team: 'a b' } });
    new ClusterNetworkPolicy(chart, 'p', props());
    expect(synthError(chart)).toMatch(/^Validation failed with the following errors:\n {2}\[test\/p\] metadata\.labels\[team\]: label value "a b" is invalid: /);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('immutability', () => {
  test('value properties cannot be replaced, and their lists and manifests are frozen', () => {
    const subject = ClusterPolicySubject.pods(ns('shop'), web);
    const peer = ClusterPeer.networks(['10.0.0.0/8']);
    expect(() => { (subject as any).namespaceSelector = all(); }).toThrow(TypeError);
    expect(() => { (peer as any).cidrs = []; }).toThrow(TypeError);
    expect(() => peer.cidrs!.push('::/0')).toThrow(TypeError);
    expect(peer.cidrs).toEqual(['10.0.0.0/8']);
    const manifests = [subject._toManifest(), (subject._toManifest() as any).pods, peer._toManifest(), ClusterPeer.pods(all(), web)._toManifest()];
    for (const manifest of manifests) {
      expect(Object.isFrozen(manifest)).toBe(true);
    }
  });

  test("the caller's lists and rule objects are copied: changing them later changes nothing", () => {
    const chart = newChart();
    const cidrs = ['10.0.0.0/8'];
    const networks = ClusterPeer.networks(cidrs);
    cidrs.push('::/0');
    const peers = [networks];
    const ports = [Port.tcp(443)];
    const rule: any = { action: ClusterPolicyAction.DENY, peers, ports };
    const ingressRules: any[] = [];
    const p = new ClusterNetworkPolicy(chart, 'p', props({ ingress: ingressRules }));
    ingressRules.push({ action: ClusterPolicyAction.ACCEPT, peers: [ClusterPeer.namespaces(all())] });
    p.addEgress(rule);
    peers.push(ClusterPeer.networks(['::/0']));
    ports.push(Port.tcp(80));
    rule.action = ClusterPolicyAction.ACCEPT;
    const first = synthOne(chart);
    expect(first.spec.egress).toEqual([{
      name: 'deny-egress-0', action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [{ tcp: { destinationPort: { number: 443 } } }],
    }]);
    expect(first.spec.ingress).toBeUndefined();
    // The synthesized JSON is the caller's: changing it does not change the next synthesis.
    first.spec.egress[0].to[0].networks.push('::/0');
    expect(Testing.synth(chart)[0].spec.egress[0].to[0].networks).toEqual(['10.0.0.0/8']);
  });

  test('the policies of a BaselineNamespaceIsolation are a read-only list', () => {
    const isolation = new BaselineNamespaceIsolation(newChart(), 'iso', { namespaces: ['shop'] });
    expect(() => isolation.policies.push(isolation.policies[0])).toThrow(TypeError);
    expect(isolation.policies).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('BaselineNamespaceIsolation', () => {
  test('one Baseline policy per namespace: accept the own namespace, deny the others', () => {
    const chart = newChart();
    const isolation = new BaselineNamespaceIsolation(chart, 'isolation', { namespaces: ['shop', 'billing', 'shop'] });
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    // Sorted and without duplicates; no DNS policy, since kube-system is not isolated.
    expect(manifests.map((m) => m.metadata.name)).toEqual([isolation.policies[0].name, isolation.policies[1].name]);
    expect(isolation.policies.map((p) => p.node.id)).toEqual(['billing', 'shop']);
    const shop = manifests[1];
    expect(shop.spec).toEqual({
      tier: 'Baseline',
      priority: 1000,
      subject: { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
      ingress: [
        { name: 'accept-same-namespace', action: 'Accept', from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }] },
        { name: 'deny-other-namespaces', action: 'Deny', from: [{ namespaces: {} }] },
      ],
    });
    // Ingress only: egress, DNS lookups included, is not touched.
    expect(manifests.every((m) => m.spec.egress === undefined)).toBe(true);
    expect(shop.metadata.annotations).toEqual({
      'cdk8s-netpol/description': 'Baseline isolation of namespace shop: pods of other namespaces may not connect to its pods unless a NetworkPolicy in shop allows it.',
      'cdk8s-netpol/ingress.0': 'Pods of namespace shop may connect to each other.',
      'cdk8s-netpol/ingress.1': 'Pods of other namespaces may not connect to namespace shop (a NetworkPolicy in shop can allow them).',
    });
  });

  test('what the tiers decide: own namespace accepted, others denied, NetworkPolicies and unlisted namespaces decide for themselves', () => {
    const chart = newChart();
    new BaselineNamespaceIsolation(chart, 'isolation', { namespaces: ['shop', 'billing'] });
    const policies = normalized(chart);
    const shop: Pod = { namespace: 'shop', labels: { app: 'web' } };
    const billing: Pod = { namespace: 'billing' };
    const dev: Pod = { namespace: 'dev' };
    expect(ingress(policies, shop, shop, Protocol.TCP, 80)).toMatchObject({ allowed: true, decidedBy: 'Baseline' });
    expect(ingress(policies, billing, shop, Protocol.TCP, 80)).toMatchObject({ allowed: false, decidedBy: 'Baseline' });
    expect(ingress(policies, dev, billing, Protocol.UDP, 53)).toMatchObject({ allowed: false, decidedBy: 'Baseline' });
    // Namespaces not listed are not isolated.
    expect(ingress(policies, shop, dev, Protocol.TCP, 80)).toEqual({ allowed: true, decidedBy: 'Default' });
    // Once a NetworkPolicy selects the pods, it decides: namespace owners can open their namespace.
    expect(ingress(policies, billing, shop, Protocol.TCP, 80, 'allowed')).toEqual({ allowed: true, decidedBy: 'NetworkPolicy' });
    // The policies share a priority, but their subjects cannot overlap: no undefined order.
    expect(findPriorityTies(policies)).toEqual([]);
  });

  test('isolating kube-system keeps the cluster DNS reachable from every namespace', () => {
    const chart = newChart();
    const isolation = new BaselineNamespaceIsolation(chart, 'isolation', { namespaces: ['kube-system', 'shop'] });
    const manifests = synth(chart);
    expect(manifests).toMatchSnapshot();
    expect(isolation.policies.map((p) => p.node.id)).toEqual(['kube-system', 'shop', 'DnsExemption']);
    const dns = manifests[2];
    // One priority value before the isolation, for the DNS pods only, on UDP and TCP 53 only.
    expect(dns.spec).toEqual({
      tier: 'Baseline',
      priority: 999,
      subject: { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } } },
      ingress: [{
        name: 'accept-dns',
        action: 'Accept',
        from: [{ namespaces: {} }],
        protocols: [{ udp: { destinationPort: { number: 53 } } }, { tcp: { destinationPort: { number: 53 } } }],
      }],
    });
    const policies = manifests.map(normalizeClusterNetworkPolicy);
    const coredns: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } };
    const metricsServer: Pod = { namespace: 'kube-system', labels: { 'k8s-app': 'metrics-server' } };
    const shop: Pod = { namespace: 'shop' };
    expect(ingress(policies, shop, coredns, Protocol.UDP, 53)).toMatchObject({ allowed: true, decidedBy: 'Baseline', rule: { rule: { name: 'accept-dns' } } });
    expect(ingress(policies, shop, coredns, Protocol.TCP, 53)).toMatchObject({ allowed: true, decidedBy: 'Baseline' });
    // Only DNS: CoreDNS's metrics port and the other kube-system pods stay isolated.
    expect(ingress(policies, shop, coredns, Protocol.TCP, 9153)).toMatchObject({ allowed: false, rule: { rule: { name: 'deny-other-namespaces' } } });
    expect(ingress(policies, shop, metricsServer, Protocol.UDP, 53)).toMatchObject({ allowed: false, decidedBy: 'Baseline' });
    expect(ingress(policies, metricsServer, coredns, Protocol.TCP, 9153)).toMatchObject({ allowed: true, rule: { rule: { name: 'accept-same-namespace' } } });
    expect(findPriorityTies(policies)).toEqual([]);
  });

  test('equal priorities among many policies: the ties of every pair, found without pairing policies of different namespaces', () => {
    // 80 policies at one priority (and a few at another): subjects by namespace name (as a policy per
    // namespace has), by another label, or by none, so that the filed and the unfiled are paired.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const subject = (): any => {
      const roll = random();
      const byName = { matchLabels: { 'kubernetes.io/metadata.name': pick(['a', 'b', 'c', 'd', 'e', 'f']) } };
      if (roll < 0.6) return { namespaces: byName };
      if (roll < 0.75) return { namespaces: { matchLabels: { team: pick(['x', 'y']) } } };
      if (roll < 0.85) return { namespaces: {} };
      return { pods: { namespaceSelector: roll < 0.95 ? byName : {}, podSelector: { matchLabels: { app: pick(['web', 'db']) } } } };
    };
    const policies = Array.from({ length: 90 }, (_, i) => normalizeClusterNetworkPolicy({
      apiVersion: 'policy.networking.k8s.io/v1alpha2',
      kind: 'ClusterNetworkPolicy',
      metadata: { name: `p${String(i).padStart(2, '0')}` },
      spec: {
        tier: 'Baseline',
        priority: i < 80 ? 5 : 6,
        subject: subject(),
        ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }],
        ...(random() < 0.5 ? { egress: [{ action: 'Deny', to: [{ namespaces: {} }] }] } : {}),
      },
    }));
    // Every pair, as the definition reads.
    const expected: Array<[string, string, string[]]> = [];
    const sorted = [...policies].sort((a, b) => a.priority - b.priority || (a.name < b.name ? -1 : 1));
    sorted.forEach((a, i) => sorted.slice(i + 1).forEach((b) => {
      if (a.priority !== b.priority || !subjectsMayOverlap(a.subject, b.subject)) return;
      const directions = (['ingress', 'egress'] as const).filter((d) => a[d].length > 0 && b[d].length > 0);
      if (directions.length > 0) expected.push([a.name, b.name, directions]);
    }));
    const ties = findPriorityTies(policies).map((t) => [...t.policies, [...t.directions]]);
    expect(ties).toEqual(expected);
    expect(ties.length).toBeGreaterThan(200);
  });

  test('DNS elsewhere, a priority, and a description of your own', () => {
    const chart = newChart();
    new BaselineNamespaceIsolation(chart, 'isolation', {
      namespaces: ['openshift-dns'],
      priority: 50,
      dnsNamespace: 'openshift-dns',
      dnsPods: LabelSelector.labels({ 'dns.operator.openshift.io/daemonset-dns': 'default' }),
      dnsPort: 5353,
      description: 'Tenant isolation.',
    });
    const [isolated, dns] = synth(chart);
    expect(isolated.spec.priority).toBe(50);
    expect(dns.spec.priority).toBe(49);
    expect(dns.spec.subject.pods.podSelector).toEqual({ matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } });
    expect(dns.spec.ingress[0].protocols).toEqual([{ udp: { destinationPort: { number: 5353 } } }, { tcp: { destinationPort: { number: 5353 } } }]);
    expect([isolated, dns].map((m) => m.metadata.annotations['cdk8s-netpol/description'])).toEqual(['Tenant isolation.', 'Tenant isolation.']);
  });

  const PROPS = 'namespaces, priority, dnsNamespace, dnsPods, dnsPort and description';
  test.each<[string, unknown, string]>([
    ['no props', undefined, "[test/iso] namespaces is required: the names of the namespaces to isolate, e.g. ['shop', 'billing']"],
    ['a misspelt property', { namespace: ['shop'] }, `[test/iso] unknown property 'namespace'; did you mean 'namespaces'? (the properties are ${PROPS})`],
    ['namespaces as a string', { namespaces: 'shop' }, "[test/iso] namespaces must be a list of strings, got 'shop'"],
    ['no namespaces', { namespaces: [] }, '[test/iso] namespaces is empty; name at least one namespace to isolate'],
    ['a namespace name that cannot be', { namespaces: ['shop', 'Billing'] },
      "[test/iso] namespaces[1] 'Billing' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')."],
    ['a priority out of range', { namespaces: ['shop'], priority: 1001 },
      '[test/iso] priority 1001 must be a whole number from 0 to 1000 (lower values are evaluated first within the tier)'],
    ['priority 0 with kube-system', { namespaces: ['kube-system'], priority: 0 },
      '[test/iso] priority 0 leaves no room for the DNS policy of namespace kube-system, which must be evaluated before the isolation (at priority - 1): give a priority from 1 to 1000'],
    ['a DNS port out of range', { namespaces: ['shop'], dnsPort: 0 }, '[test/iso] dnsPort 0 must be a whole number from 1 to 65535'],
    ['a DNS namespace not a string', { namespaces: ['shop'], dnsNamespace: 1 }, '[test/iso] dnsNamespace must be a string, got 1'],
    ['DNS pods as labels', { namespaces: ['shop'], dnsPods: { 'k8s-app': 'kube-dns' } },
      "[test/iso] dnsPods must be a LabelSelector (LabelSelector.labels({ 'k8s-app': 'kube-dns' })), got {\"k8s-app\":\"kube-dns\"}"],
  ])('rejects %s', (_what, given, message) => {
    expect(errorOf(() => new untyped.BaselineNamespaceIsolation(newChart(), 'iso', given))).toBe(message);
  });

  test('priority 0 is fine when the DNS namespace is not isolated', () => {
    const chart = newChart();
    new BaselineNamespaceIsolation(chart, 'iso', { namespaces: ['shop'], priority: 0 });
    expect(synthOne(chart).spec.priority).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('AdminAllowMonitoring', () => {
  test('accepts ingress from the monitoring namespace into every pod, in the Admin tier', () => {
    const chart = newChart();
    new AdminAllowMonitoring(chart, 'monitoring', { monitoringNamespace: 'monitoring', ports: [Port.named('metrics'), Port.tcp(9090)] });
    const manifest = synthOne(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toEqual({
      tier: 'Admin',
      priority: 20,
      subject: { namespaces: {} },
      ingress: [{
        name: 'accept-monitoring',
        action: 'Accept',
        from: [{ namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        protocols: [{ destinationNamedPort: 'metrics' }, { tcp: { destinationPort: { number: 9090 } } }],
      }],
    });
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe(
      "Admin: every pod in namespace monitoring may always reach every pod in every namespace on port 'metrics', TCP 9090, whatever their NetworkPolicies say.",
    );
  });

  test("what the tiers decide: a namespace's default deny cannot block scraping; other sources and ports are left to it", () => {
    const chart = newChart();
    new AdminAllowMonitoring(chart, 'monitoring', { monitoringNamespace: 'monitoring', ports: [Port.named('metrics')] });
    const policies = normalized(chart);
    const prometheus: Pod = { namespace: 'monitoring', labels: { app: 'prometheus' } };
    const app: Pod = { namespace: 'shop', namedPorts: { metrics: { protocol: Protocol.TCP, port: 8081 } } };
    expect(ingress(policies, prometheus, app, Protocol.TCP, 8081, 'denied')).toMatchObject({ allowed: true, decidedBy: 'Admin' });
    expect(ingress(policies, prometheus, app, Protocol.TCP, 8080, 'denied')).toEqual({ allowed: false, decidedBy: 'NetworkPolicy' });
    expect(ingress(policies, { namespace: 'dev' }, app, Protocol.TCP, 8081, 'denied')).toEqual({ allowed: false, decidedBy: 'NetworkPolicy' });
  });

  test('monitoring pods, the scraped pods, every port, a priority and metadata of your own', () => {
    const chart = newChart();
    new AdminAllowMonitoring(chart, 'monitoring', {
      metadata: { name: 'allow-prometheus' },
      monitoringNamespace: 'observability',
      monitoringPods: LabelSelector.labels({ 'app.kubernetes.io/name': 'prometheus' }),
      subject: ClusterPolicySubject.namespaces(LabelSelector.labels({ scraped: 'true' })),
      priority: 3,
      description: 'Prometheus scrapes tenants.',
    });
    const manifest = synthOne(chart);
    expect(manifest.metadata.name).toBe('allow-prometheus');
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe('Prometheus scrapes tenants.');
    expect(manifest.spec.priority).toBe(3);
    expect(manifest.spec.subject).toEqual({ namespaces: { matchLabels: { scraped: 'true' } } });
    expect(manifest.spec.ingress[0].from).toEqual([{
      pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'observability' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } },
    }]);
    // No ports: every port of every protocol.
    expect(manifest.spec.ingress[0].protocols).toBeUndefined();
  });

  test.each<[string, unknown, string]>([
    ['no props', undefined, "[test/m] monitoringNamespace is required: the namespace the monitoring system runs in, e.g. 'monitoring'"],
    ['a namespace that cannot be', { monitoringNamespace: 'Monitoring' },
      "[test/m] monitoringNamespace 'Monitoring' must be a DNS-1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')."],
    ['no ports', { monitoringNamespace: 'monitoring', ports: [] }, '[test/m] ports is empty; name the ports, or leave ports out to accept every port'],
    ['a port number', { monitoringNamespace: 'monitoring', ports: [9090] },
      "[test/m] ports[0] must be a Port (Port.tcp(9090), Port.named('metrics'), ...), got 9090"],
    ['a priority out of range', { monitoringNamespace: 'monitoring', priority: 2000 },
      '[test/m] priority 2000 must be a whole number from 0 to 1000 (lower values are evaluated first within the tier)'],
    ['a misspelt property', { monitoringNamespace: 'monitoring', port: [] },
      "[test/m] unknown property 'port'; did you mean 'ports'? (the properties are metadata, monitoringNamespace, monitoringPods, ports, subject, priority and description)"],
    ['a subject of the wrong class', { monitoringNamespace: 'monitoring', subject: LabelSelector.all() },
      '[test/m] subject must be a ClusterPolicySubject (ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)), got a LabelSelector (all)'],
  ])('rejects %s', (_what, given, message) => {
    expect(errorOf(() => new untyped.AdminAllowMonitoring(newChart(), 'm', given))).toBe(message);
  });
});

// ---------------------------------------------------------------------------------------------------------

describe('AdminDenyMetadata', () => {
  test('denies egress from every pod to 169.254.169.254, in the Admin tier', () => {
    const chart = newChart();
    new AdminDenyMetadata(chart, 'metadata');
    const manifest = synthOne(chart);
    expect(manifest).toMatchSnapshot();
    expect(manifest.spec).toEqual({
      tier: 'Admin',
      priority: 10,
      subject: { namespaces: {} },
      egress: [{ name: 'deny-cloud-metadata', action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
    });
    expect(manifest.metadata.annotations).toEqual({
      'cdk8s-netpol/description': 'Admin guardrail: every pod in every namespace may not reach the cloud metadata service (169.254.169.254/32), '
        + 'whatever their NetworkPolicies allow.',
      'cdk8s-netpol/egress.0': "The cloud metadata service (169.254.169.254/32) hands out the node's cloud credentials: pods must not reach it.",
    });
  });

  test('what the tiers decide: denied whatever a NetworkPolicy allows; other link-local addresses are untouched', () => {
    const chart = newChart();
    new AdminDenyMetadata(chart, 'metadata', { includeIpv6: true });
    const policies = normalized(chart);
    const pod: Pod = { namespace: 'shop' };
    expect(egressToAddress(policies, pod, '169.254.169.254', Protocol.TCP, 80, 'allowed')).toMatchObject({ allowed: false, decidedBy: 'Admin' });
    expect(egressToAddress(policies, pod, 'fd00:ec2::254', Protocol.TCP, 80, 'allowed')).toMatchObject({ allowed: false, decidedBy: 'Admin' });
    // NodeLocal DNSCache.
    expect(egressToAddress(policies, pod, '169.254.20.10', Protocol.UDP, 53)).toEqual({ allowed: true, decidedBy: 'Default' });
  });

  test('IPv6, a subject, a priority and a description of your own', () => {
    const chart = newChart();
    new AdminDenyMetadata(chart, 'metadata', {
      includeIpv6: true,
      subject: ClusterPolicySubject.namespaces(LabelSelector.labels({ tenant: 'true' })),
      priority: 0,
      description: 'No credentials for tenants.',
    });
    const manifest = synthOne(chart);
    expect(manifest.spec.egress[0].to).toEqual([{ networks: ['169.254.169.254/32', 'fd00:ec2::254/128'] }]);
    expect(manifest.spec.subject).toEqual({ namespaces: { matchLabels: { tenant: 'true' } } });
    expect(manifest.spec.priority).toBe(0);
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe('No credentials for tenants.');
  });

  test.each<[string, unknown, string]>([
    ['IPv6 as a string', { includeIpv6: 'yes' }, "[test/d] includeIpv6 must be true or false, got 'yes'"],
    ['a subject as a selector', { subject: LabelSelector.all() },
      '[test/d] subject must be a ClusterPolicySubject (ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)), got a LabelSelector (all)'],
    ['a misspelt property', { ipv6: true },
      "[test/d] unknown property 'ipv6' (the properties are metadata, includeIpv6, subject, priority and description)"],
    ['a priority out of range', { priority: -5 },
      '[test/d] priority -5 must be a whole number from 0 to 1000 (lower values are evaluated first within the tier)'],
  ])('rejects %s', (_what, given, message) => {
    expect(errorOf(() => new untyped.AdminDenyMetadata(newChart(), 'd', given))).toBe(message);
  });
});

// ---------------------------------------------------------------------------------------------------------

test('the three intents together: one app, no two policies of a tier with an undefined order', () => {
  const chart = newChart();
  new AdminDenyMetadata(chart, 'metadata');
  new AdminAllowMonitoring(chart, 'monitoring', { monitoringNamespace: 'monitoring' });
  new BaselineNamespaceIsolation(chart, 'isolation', { namespaces: ['shop', 'billing', 'kube-system'] });
  const policies = normalized(chart);
  expect(policies).toHaveLength(6);
  expect(findPriorityTies(policies)).toEqual([]);
  // Monitoring reaches an isolated namespace: the Admin Accept comes before the Baseline Deny.
  expect(ingress(policies, { namespace: 'monitoring' }, { namespace: 'shop' }, Protocol.TCP, 9100))
    .toMatchObject({ allowed: true, decidedBy: 'Admin' });
  expect(ingress(policies, { namespace: 'billing' }, { namespace: 'shop' }, Protocol.TCP, 9100))
    .toMatchObject({ allowed: false, decidedBy: 'Baseline' });
});
