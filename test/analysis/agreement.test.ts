/**
 * Random small clusters (seeded, so every run is the same): the indexed evaluator, its explanation
 * and the matrix must agree with the naive evaluator, which reads the manifests directly.
 */
import { prng } from './helpers';
import { Connectivity, NetworkModel, Port, Protocol } from '../../src';
import { ExternalEnd } from '../../src/analysis/endpoints';
import { flowsOf } from '../../src/analysis/flows';
import { NaiveEnd, NaiveEvaluator } from '../support/naive-evaluator';

const CLUSTERS = 200;
const PORTS = [80, 443, 53, 60, 8000, 8050, 8080, 8100, 9000];
const PROTOCOLS = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];
const EXTERNAL = ['10.0.0.6', '192.0.2.1', 'fd00::3'];

/** Size of a generated cluster; large ones have hundreds of pod classes, so the word-wide bitset paths run. */
interface Size {
  readonly minEndpoints: number;
  readonly endpoints: number;
  readonly policies: number;
  readonly labelValues: readonly string[];
}

const SMALL: Size = { minEndpoints: 2, endpoints: 7, policies: 5, labelValues: ['1', '2'] };
const LARGE: Size = { minEndpoints: 300, endpoints: 400, policies: 60, labelValues: ['1', '2', '3', '4', '5', '6', '7'] };

function generate(seed: number, size: Size = SMALL): any[] {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const namespaces = ['a', 'b', 'c'];
  const manifests: any[] = [];

  for (const ns of namespaces) {
    // Sometimes undeclared: it then exists with only kubernetes.io/metadata.name.
    if (chance(0.8)) {
      manifests.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels: chance(0.7) ? { team: pick(['x', 'y']) } : {} } });
    }
  }

  const labels = (): Record<string, string> => {
    const out: Record<string, string> = {};
    for (const key of ['app', 'tier', 'env']) if (chance(0.5)) out[key] = pick(size.labelValues);
    return out;
  };
  const portPool: Array<{ containerPort: number; name?: string; protocol?: string }> = [
    { containerPort: 80, name: 'http' },
    { containerPort: 8080, name: 'http' },
    { containerPort: 53, name: 'dns', protocol: 'UDP' },
    { containerPort: 53, name: 'dns-tcp' },
    { containerPort: 443 },
    { containerPort: 9000, name: 'metrics', protocol: 'SCTP' },
  ];
  const ipPool = ['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.4', '10.0.0.5', 'fd00::1', 'fd00::2'];
  const endpoints = size.minEndpoints + Math.floor(random() * (size.endpoints - size.minEndpoints + 1));
  for (let i = 0; i < endpoints; i++) {
    const ports = portPool.filter(() => chance(0.3));
    const template = { metadata: { labels: labels() }, spec: { containers: [{ name: 'c', ports }] } };
    const ns = chance(0.9) ? pick(namespaces) : undefined;
    if (chance(0.75)) {
      const ips: string[] = [];
      for (const ip of ipPool) if (chance(0.15 * SMALL.endpoints / size.endpoints)) ips.push(ip);
      ipPool.splice(0, ipPool.length, ...ipPool.filter((ip) => !ips.includes(ip))); // keep pod IPs unique
      manifests.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: `p${i}`, ...(ns ? { namespace: ns } : {}), labels: template.metadata.labels },
        spec: template.spec,
        ...(ips.length > 0 ? { status: { podIPs: ips.map((ip) => ({ ip })) } } : {}),
      });
    } else {
      manifests.push({ apiVersion: 'apps/v1', kind: pick(['Deployment', 'StatefulSet', 'DaemonSet']), metadata: { name: `w${i}`, ...(ns ? { namespace: ns } : {}) }, spec: { template } });
    }
  }

  const selector = (keys: readonly string[], values: readonly string[]): any => {
    const roll = random();
    if (roll < 0.3) return {};
    if (roll < 0.6) return { matchLabels: { [pick(keys)]: pick(values) } };
    const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
    const expression: any = { key: pick(keys), operator };
    if (operator === 'In' || operator === 'NotIn') {
      // The API server rejects an empty list for In and NotIn: keep at least one value.
      const chosen = values.filter(() => chance(0.6));
      expression.values = chosen.length > 0 ? chosen : [pick(values)];
    }
    return chance(0.3)
      ? { matchLabels: { [pick(keys)]: pick(values) }, matchExpressions: [expression] }
      : { matchExpressions: [expression] };
  };
  const podSelector = () => selector(['app', 'tier', 'env'], size.labelValues);
  const namespaceSelector = () => (chance(0.3)
    ? { matchLabels: { 'kubernetes.io/metadata.name': pick(namespaces) } }
    : selector(['team', 'kubernetes.io/metadata.name'], ['x', 'y', 'a']));
  const peer = (): any => {
    const roll = random();
    if (roll < 0.25) {
      return {
        ipBlock: pick([
          { cidr: '10.0.0.0/29' },
          { cidr: '10.0.0.4/30' },
          { cidr: '0.0.0.0/0', except: ['10.0.0.2/31'] },
          { cidr: 'fd00::/126' },
          { cidr: '10.0.0.3/24', except: ['10.0.0.5/32', '10.0.0.0/31'] },
          { cidr: '192.0.2.0/24' },
        ]),
      };
    }
    if (roll < 0.5) return { podSelector: podSelector() };
    if (roll < 0.75) return { namespaceSelector: namespaceSelector() };
    return { podSelector: podSelector(), namespaceSelector: namespaceSelector() };
  };
  const port = (): any => pick([
    { port: pick(PORTS) },
    { protocol: pick(PROTOCOLS), port: pick(PORTS) },
    { port: pick(['http', 'dns', 'dns-tcp', 'metrics']) },
    { protocol: pick(PROTOCOLS), port: pick(['http', 'dns', 'metrics']) },
    { protocol: pick(PROTOCOLS) },
    { port: 8000, endPort: 8100 },
    { protocol: 'UDP', port: 50, endPort: 60 },
  ]);
  const list = <T>(make: () => T): T[] | undefined => {
    const roll = random();
    if (roll < 0.25) return undefined;
    if (roll < 0.35) return [];
    return Array.from({ length: 1 + Math.floor(random() * 2) }, make);
  };
  const rules = (peersKey: 'from' | 'to') => list(() => {
    const rule: any = {};
    const peers = list(peer);
    const ports = list(port);
    if (peers !== undefined) rule[peersKey] = peers;
    if (ports !== undefined) rule.ports = ports;
    return rule;
  });

  const policies = Math.floor(random() * size.policies);
  for (let i = 0; i < policies; i++) {
    const spec: any = { podSelector: podSelector() };
    const types = pick([undefined, ['Ingress'], ['Egress'], ['Ingress', 'Egress'], []]);
    if (types) spec.policyTypes = types;
    const ingress = rules('from');
    const egress = rules('to');
    if (ingress !== undefined) spec.ingress = ingress;
    if (egress !== undefined) spec.egress = egress;
    const ns = chance(0.9) ? pick(namespaces) : undefined;
    manifests.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `np${i}`, ...(ns ? { namespace: ns } : {}) }, spec });
  }
  return manifests;
}

describe('the indexed evaluator and the matrix agree with the naive evaluator', () => {
  test(`on ${CLUSTERS} random clusters`, () => {
    let judged = 0;
    let allowed = 0;
    let fromAddresses = 0;
    for (let seed = 1; seed <= CLUSTERS; seed++) {
      const manifests = generate(seed);
      const model = NetworkModel.fromManifests(manifests);
      const connectivity = Connectivity.of(model);
      const evaluator = connectivity._evaluator;
      const naive = new NaiveEvaluator(model._cluster.snapshot());
      const ids = model.workloads.map((w) => w.id);
      const podIps = new Set(model.workloads.flatMap((w) => w.ips));
      const ends = [...ids, ...EXTERNAL.filter((ip) => !podIps.has(ip))];
      const context = () => `seed ${seed}:\n${JSON.stringify(manifests)}`;

      for (const protocol of PROTOCOLS) {
        for (const port of PORTS) {
          const asked = Port.number(protocol, port);
          const matrix = connectivity.matrix({ ports: [asked] });
          for (const from of ends) {
            for (const to of ends) {
              const a = evaluator.resolve(from);
              const b = evaluator.resolve(to);
              const toNaive = (end: typeof a): NaiveEnd => (end.kind === 'pod' ? { pod: end.endpoint } : { ip: end.ip });
              const expected = naive.isAllowed(toNaive(a), toNaive(b), protocol, port);
              const query = { source: from, destination: to, port: asked };
              const got = connectivity.isAllowed(query);
              if (got !== expected) throw new Error(`isAllowed(${JSON.stringify(query)}) = ${got}, naive says ${expected}; ${context()}`);
              if (connectivity.explain(query).allowed !== expected) throw new Error(`explain(${JSON.stringify(query)}) disagrees; ${context()}`);
              if (a.kind === 'pod' && b.kind === 'pod' && matrix.isAllowed(from, to, asked) !== expected) {
                throw new Error(`matrix(${JSON.stringify(query)}) disagrees; ${context()}`);
              }
              judged++;
              if (expected) allowed++;
            }
          }
        }
      }

      // The every-port matrix judges each destination on atoms of its port space: every port must agree,
      // the ports the rules name and those they do not (12345 is in no generated rule).
      const everyPort = connectivity.matrix();
      for (const from of ids) {
        for (const to of ids) {
          const a = evaluator.resolve(from) as any;
          const b = evaluator.resolve(to) as any;
          for (const protocol of PROTOCOLS) {
            for (const port of [...PORTS, 12345]) {
              const expected = naive.isAllowed({ pod: a.endpoint }, { pod: b.endpoint }, protocol, port);
              if (everyPort.isAllowed(from, to, Port.number(protocol, port)) !== expected) {
                throw new Error(`every-port matrix ${from} -> ${to} ${port}/${protocol} disagrees; ${context()}`);
              }
            }
          }
        }
      }

      // The flows from the address atoms (each judged through one address of it) into every pod, on every
      // atom of its port space: what the ipBlocks of ingress rules allow, as the matrix and diagrams read it.
      const graph = flowsOf(evaluator);
      for (const x of graph.externalNodes) {
        for (const to of graph.nodes.values()) {
          if (to.end.kind !== 'pod') continue;
          for (const atom of graph.atomsOf(to.key)) {
            const expected = naive.isAllowed({ ip: (x.end as ExternalEnd).ip }, { pod: to.end.endpoint }, atom.protocol, atom.lo);
            if (graph.allowedOn(x, to, atom) !== expected) {
              throw new Error(`flow ${x.label} -> ${to.label} ${atom.protocol} ${atom.lo} disagrees; ${context()}`);
            }
            fromAddresses++;
          }
        }
      }
    }
    // Address atoms were judged as sources in every cluster's flows.
    expect(fromAddresses).toBeGreaterThan(CLUSTERS * 10);
    // The generator must exercise both verdicts substantially, or agreement proves little.
    expect(judged).toBeGreaterThan(50_000);
    expect(allowed / judged).toBeGreaterThan(0.2);
    expect(allowed / judged).toBeLessThan(0.9);
  });

  test('on larger random clusters (hundreds of pod classes)', () => {
    for (let seed = 1001; seed <= 1003; seed++) {
      const manifests = generate(seed, LARGE);
      const model = NetworkModel.fromManifests(manifests);
      const connectivity = Connectivity.of(model);
      const evaluator = connectivity._evaluator;
      expect(evaluator.classes.length).toBeGreaterThan(200);
      const naive = new NaiveEvaluator(model._cluster.snapshot());
      const ids = model.workloads.map((w) => w.id);
      for (const [port, protocol] of [[8080, Protocol.TCP], [53, Protocol.UDP]] as const) {
        const asked = Port.number(protocol, port);
        const matrix = connectivity.matrix({ ports: [asked] });
        let allowed = 0;
        for (const from of ids) {
          const a = evaluator.resolve(from) as any;
          for (const to of ids) {
            const b = evaluator.resolve(to) as any;
            const expected = naive.isAllowed({ pod: a.endpoint }, { pod: b.endpoint }, protocol, port);
            const byQuery = connectivity.isAllowed({ source: from, destination: to, port: asked });
            if (matrix.isAllowed(from, to, asked) !== expected || byQuery !== expected) {
              throw new Error(`seed ${seed}: ${from} -> ${to} ${port}/${protocol}: naive says ${expected}, the index disagrees`);
            }
            if (expected) allowed++;
          }
        }
        // Both verdicts must be common, or agreement proves little.
        expect(allowed).toBeGreaterThan(ids.length * ids.length * 0.05);
        expect(allowed).toBeLessThan(ids.length * ids.length * 0.95);
      }
    }
  });
});
