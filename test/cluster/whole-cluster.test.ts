/**
 * The whole-cluster paths (matrix, diff, representatives) judge ClusterNetworkPolicy tiers over sets of pod
 * classes (`analysis/tier-sets.ts`); single connections are judged rule by rule on labels
 * (`analysis/cluster-tiers.ts`). Two implementations of one order: on random clusters (seeded, so every run
 * is the same) they must agree on every pair and port, and the diff must list exactly the pairs whose verdict
 * changes.
 */
import { Connectivity, ConnectivityDiff, NetworkModel, Port, Protocol } from '../../src';
import { flowsOf } from '../../src/analysis/flows';
import { prng } from '../analysis/helpers';

const CLUSTERS = 120;
const PORTS: Array<[Protocol, number]> = [
  [Protocol.TCP, 80], [Protocol.TCP, 443], [Protocol.TCP, 8080], [Protocol.TCP, 8090], [Protocol.TCP, 9000],
  [Protocol.UDP, 53], [Protocol.TCP, 53], [Protocol.SCTP, 9000], [Protocol.TCP, 12345],
];
const EXTERNAL = ['169.254.169.254', '192.0.2.1', '10.0.9.9', 'fd00::9'];

function generate(seed: number): { workloads: any[]; policies: any[]; clusterPolicies: any[] } {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const namespaces = ['a', 'b', 'c'];
  const workloads: any[] = [];
  for (const ns of namespaces) {
    workloads.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: chance(0.7) ? { team: pick(['x', 'y']) } : {} } });
  }
  const portPool = [
    { containerPort: 8080, name: 'http' }, { containerPort: 80, name: 'http' }, { containerPort: 53, name: 'dns', protocol: 'UDP' },
    { containerPort: 9000, name: 'metrics', protocol: 'SCTP' }, { containerPort: 443 },
  ];
  const ips = ['10.0.0.1', '10.0.0.2', '10.0.1.1', '10.0.1.2', 'fd00::1'];
  const pods = 3 + Math.floor(random() * 5);
  for (let i = 0; i < pods; i++) {
    const labels: Record<string, string> = {};
    for (const key of ['app', 'tier']) if (chance(0.6)) labels[key] = pick(['1', '2']);
    const ip = chance(0.6) && ips.length > 0 ? ips.splice(Math.floor(random() * ips.length), 1)[0] : undefined;
    workloads.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `p${i}`, namespace: pick(namespaces), labels },
      spec: { containers: [{ name: 'c', ports: portPool.filter(() => chance(0.3)) }] },
      ...(ip ? { status: { podIP: ip } } : {}),
    });
  }

  const selector = (keys: readonly string[], values: readonly string[]): any => {
    const roll = random();
    if (roll < 0.35) return {};
    if (roll < 0.75) return { matchLabels: { [pick(keys)]: pick(values) } };
    return { matchExpressions: [{ key: pick(keys), operator: pick(['In', 'NotIn']), values: [pick(values)] }] };
  };
  const pods_ = () => selector(['app', 'tier'], ['1', '2']);
  const namespaces_ = () => (chance(0.4)
    ? { matchLabels: { 'kubernetes.io/metadata.name': pick(namespaces) } }
    : selector(['team'], ['x', 'y']));

  // NetworkPolicies: default denies and allows, so that the NetworkPolicy tier decides for some pods.
  const policies: any[] = [];
  const npCount = Math.floor(random() * 4);
  for (let i = 0; i < npCount; i++) {
    const ns = pick(namespaces);
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress']]);
    const rule = (key: 'from' | 'to') => (chance(0.3) ? {} : {
      [key]: [chance(0.5) ? { podSelector: pods_() } : { namespaceSelector: namespaces_() }],
      ...(chance(0.5) ? { ports: [pick([{ port: 8080 }, { protocol: 'UDP', port: 53 }, { port: 'http' }, { port: 80, endPort: 443 }])] } : {}),
    });
    const spec: any = { podSelector: pods_(), policyTypes: types };
    if (types.includes('Ingress') && chance(0.7)) spec.ingress = [rule('from')];
    if (types.includes('Egress') && chance(0.7)) spec.egress = [rule('to')];
    policies.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, namespace: ns }, spec });
  }

  const protocols = (named: boolean) => (chance(0.4) ? undefined : [pick<any>([
    { tcp: { destinationPort: { number: pick([80, 8080, 53]) } } },
    { udp: { destinationPort: { number: 53 } } },
    { tcp: { destinationPort: { range: { start: 8000, end: 8100 } } } },
    { sctp: { destinationPort: { range: { start: 1, end: 65535 } } } },
    ...(named ? [{ destinationNamedPort: pick(['http', 'dns', 'metrics']) }] : []),
  ])]);
  const podPeer = () => (chance(0.5)
    ? { namespaces: namespaces_() }
    : { pods: { namespaceSelector: namespaces_(), podSelector: pods_() } });
  const clusterPolicies: any[] = [];
  const cnpCount = 2 + Math.floor(random() * 4);
  for (let i = 0; i < cnpCount; i++) {
    const tier = pick(['Admin', 'Baseline'] as const);
    const actions = tier === 'Admin' ? ['Accept', 'Deny', 'Pass'] : ['Accept', 'Deny'];
    const rule = (key: 'from' | 'to') => {
      const peers = key === 'to' && chance(0.4)
        ? [{ networks: [pick(['10.0.0.0/24', '0.0.0.0/0', '169.254.169.254/32', '10.0.1.1/32', 'fd00::/64'])] }]
        : [podPeer()];
      // The CRD refuses named ports beside networks peers.
      const protocolList = protocols(!('networks' in peers[0]));
      return { action: pick(actions), [key]: peers, ...(protocolList ? { protocols: protocolList } : {}) };
    };
    const spec: any = {
      tier,
      priority: Math.floor(random() * 3),
      subject: chance(0.6) ? { namespaces: chance(0.5) ? {} : namespaces_() } : { pods: { namespaceSelector: namespaces_(), podSelector: pods_() } },
    };
    if (chance(0.7)) spec.ingress = Array.from({ length: 1 + Math.floor(random() * 2) }, () => rule('from'));
    if (!spec.ingress || chance(0.6)) spec.egress = Array.from({ length: 1 + Math.floor(random() * 2) }, () => rule('to'));
    clusterPolicies.push({ apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name: `cnp${i}` }, spec });
  }
  return { workloads, policies, clusterPolicies };
}

describe('the whole-cluster paths judge ClusterNetworkPolicies as single connections do', () => {
  test(`matrix: every pair, address and port of ${CLUSTERS} random clusters`, () => {
    let judged = 0;
    let allowed = 0;
    let decidedByTiers = 0;
    let addressesJudged = 0;
    for (let seed = 1; seed <= CLUSTERS; seed++) {
      const { workloads, policies, clusterPolicies } = generate(seed);
      const manifests = [...workloads, ...policies, ...clusterPolicies];
      const model = NetworkModel.fromManifests(manifests);
      const connectivity = Connectivity.of(model);
      const context = () => `seed ${seed}:\n${JSON.stringify(manifests)}`;
      const ids = model.workloads.map((w) => w.id);
      const ports = PORTS.map(([protocol, port]) => Port.number(protocol, port));
      const perPort = connectivity.matrix({ ports });
      const everyPort = connectivity.matrix();
      // Pods to the address atoms (each judged through one address of it), on every atom: the graph's sets
      // against the single-connection path.
      const graph = flowsOf(connectivity._evaluator);
      for (const to of graph.externalNodes) {
        for (const from of graph.nodes.values()) {
          if (from.end.kind !== 'pod') continue;
          for (const atom of graph.atomsOf(to.key)) {
            const query = { source: from.label, destination: to.end.id, port: Port.number(atom.protocol, atom.lo) };
            if (graph.allowedOn(from, to, atom) !== connectivity.isAllowed(query)) {
              throw new Error(`flows to ${to.label}: ${JSON.stringify(query)} disagrees; ${context()}`);
            }
            addressesJudged++;
          }
        }
      }
      for (const source of [...ids, ...EXTERNAL]) {
        for (const destination of [...ids, ...EXTERNAL]) {
          if (!ids.includes(source) && !ids.includes(destination)) continue;
          for (const port of ports) {
            const query = { source, destination, port };
            const explanation = connectivity.explain(query);
            const expected = explanation.allowed;
            if (connectivity.isAllowed(query) !== expected) throw new Error(`isAllowed and explain disagree on ${JSON.stringify(query)}; ${context()}`);
            if (ids.includes(source) && ids.includes(destination)) {
              for (const [name, matrix] of [['per-port', perPort], ['every-port', everyPort]] as const) {
                if (matrix.isAllowed(source, destination, port) !== expected) {
                  throw new Error(`${name} matrix ${source} -> ${destination} ${port}: explain says ${expected}; ${context()}`);
                }
              }
            }
            judged++;
            if (expected) allowed++;
            if ([explanation.egress, explanation.ingress].some((d) => d.decidingTier === 'Admin' || d.decidingTier === 'Baseline')) decidedByTiers++;
          }
        }
      }
    }
    // Both verdicts common, and the tiers deciding often, or agreement proves little.
    expect(judged).toBeGreaterThan(20_000);
    expect(allowed / judged).toBeGreaterThan(0.2);
    expect(allowed / judged).toBeLessThan(0.9);
    expect(decidedByTiers / judged).toBeGreaterThan(0.1);
    expect(addressesJudged).toBeGreaterThan(5_000);
  });

  test('diff: adding the ClusterNetworkPolicies changes exactly the pairs whose verdict changes', () => {
    let changed = 0;
    const ports = PORTS.map(([protocol, port]) => Port.number(protocol, port));
    for (let seed = 1; seed <= 40; seed++) {
      const { workloads, policies, clusterPolicies } = generate(seed);
      const before = NetworkModel.fromManifests([...workloads, ...policies]);
      const after = NetworkModel.fromManifests([...workloads, ...policies, ...clusterPolicies]);
      const onPorts = ConnectivityDiff.between(before, after, { ports });
      const everyPort = ConnectivityDiff.between(before, after);
      const [was, is] = [Connectivity.of(before), Connectivity.of(after)];
      const ids = after.workloads.map((w) => w.id);
      type Change = typeof onPorts.added[number];
      const covers = (c: Change, source: string, destination: string, protocol: Protocol, port: number) =>
        c.source === source && c.destination === destination && c.protocol === protocol
        && (c.port === undefined || (c.port <= port && port <= (c.endPort ?? c.port)));
      for (const source of ids) {
        for (const destination of ids) {
          for (const [protocol, number] of PORTS) {
            const query = { source, destination, port: Port.number(protocol, number) };
            const [a, b] = [was.isAllowed(query), is.isAllowed(query)];
            const context = `seed ${seed}: ${source} -> ${destination} ${protocol} ${number}, before ${a}, after ${b}`;
            const on = (list: Change[]) => list.some((c) => covers(c, source, destination, protocol, number));
            // On the ports given: exactly the changed verdicts.
            expect([context, on(onPorts.added), on(onPorts.removed)]).toEqual([context, !a && b, a && !b]);
            // On every port: each changed verdict is listed (a numbered change, or "other ports" of the protocol).
            if (a !== b) expect([context, on(a ? everyPort.removed : everyPort.added)]).toEqual([context, true]);
            if (a !== b) changed++;
          }
        }
      }
      // And every numbered change of the every-port diff is a real change at its first port.
      for (const [list, wasAllowed] of [[everyPort.added, false], [everyPort.removed, true]] as const) {
        for (const c of list) {
          // Address blocks are judged through one address of theirs, which the other checks cover.
          if (c.port === undefined || !ids.includes(c.source) || !ids.includes(c.destination)) continue;
          const query = { source: c.source, destination: c.destination, port: Port.number(c.protocol, c.port) };
          expect([seed, c, was.isAllowed(query), is.isAllowed(query)]).toEqual([seed, c, wasAllowed, !wasAllowed]);
        }
      }
    }
    expect(changed).toBeGreaterThan(200);
  });
});

describe('policies alone: the representatives come from the ClusterNetworkPolicies\' selectors too', () => {
  const cnp = (name: string, tier: string, priority: number, subject: any, rules: any) => ({
    apiVersion: 'policy.networking.k8s.io/v1alpha2', kind: 'ClusterNetworkPolicy', metadata: { name }, spec: { tier, priority, subject, ...rules },
  });
  const manifests = [
    cnp('web-from-monitoring', 'Admin', 10, { pods: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } }, podSelector: { matchLabels: { app: 'web' } } } }, {
      ingress: [{ action: 'Accept', from: [{ namespaces: { matchLabels: { purpose: 'monitoring' } } }] }],
    }),
    cnp('isolate', 'Baseline', 10, { namespaces: {} }, { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
  ];
  const model = NetworkModel.fromManifests(manifests);
  const connectivity = Connectivity.of(model);
  const matrix = connectivity.matrix({ ports: [Port.tcp(8080)] });

  test('a pod selector of a subject and a namespace selector of a peer tell pods apart', () => {
    // shop's pods with app=web and without; namespaces with purpose=monitoring and without.
    expect(matrix.endpoints.filter((id) => !id.includes('any address'))).toEqual(['shop/*', 'shop/[app=web]', '*/*', '*[purpose=monitoring]/*']);
  });

  test('every pair of representatives: the matrix agrees with single connections through the tiers', () => {
    const ids = matrix.endpoints.filter((id) => !id.includes('any address'));
    const verdicts: string[] = [];
    for (const source of ids) {
      for (const destination of ids) {
        const query = { source, destination, port: Port.tcp(8080) };
        const allowed = connectivity.isAllowed(query);
        expect([source, destination, matrix.isAllowed(source, destination, Port.tcp(8080))]).toEqual([source, destination, allowed]);
        if (allowed) verdicts.push(`${source} -> ${destination}`);
      }
    }
    // Only monitoring reaches web; the baseline isolates every other pair (a pod to itself aside: these stand for many).
    expect(verdicts).toEqual(['*[purpose=monitoring]/* -> shop/[app=web]']);
  });
});
