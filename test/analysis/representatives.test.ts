/**
 * Representatives: the verdict for a representative holds for every real pod it stands for.
 *
 * Seeded property test: random policies (every selector operator, namespace selectors by name and by
 * label, ipBlocks, ports of every form), then random concrete clusters (pods with labels no selector
 * mentions too, namespaces the policies never name). Every concrete verdict, judged by the naive
 * evaluator on the concrete cluster, must equal the verdict between the representatives of its ends,
 * judged on the policies alone (with the namespace declarations of the namespaces they name).
 */
import { prng } from './helpers';
import { Connectivity, NetworkModel, Protocol } from '../../src';
import { matchesSelector } from '../../src/analysis/selector-match';
import { parseIp } from '../../src/net/cidr';
import { NaiveEnd, NaiveEvaluator } from '../support/naive-evaluator';

const NAME = 'kubernetes.io/metadata.name';
const POD_KEYS = ['app', 'tier', 'env'];
const POD_VALUES = ['1', '2', '3'];
const NAMED = ['a', 'b', 'c'];
const PORTS: Array<[Protocol, number]> = [
  [Protocol.TCP, 80], [Protocol.TCP, 443], [Protocol.TCP, 8000], [Protocol.TCP, 8050], [Protocol.TCP, 8101],
  [Protocol.UDP, 53], [Protocol.UDP, 55], [Protocol.SCTP, 9000], [Protocol.TCP, 31337],
];
const EXTERNAL = ['10.0.0.6', '10.1.0.1', '192.0.2.1', 'fd00::3'];

type Random = () => number;

function tools(random: Random) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  return { pick, chance };
}

function selector(random: Random, keys: readonly string[], values: readonly string[]): any {
  const { pick, chance } = tools(random);
  const roll = random();
  if (roll < 0.2) return {};
  const out: any = {};
  if (roll < 0.6) out.matchLabels = { [pick(keys)]: pick(values) };
  if (roll >= 0.45) {
    const expressions: any[] = [];
    const count = chance(0.3) ? 2 : 1;
    for (let i = 0; i < count; i++) {
      const operator = pick(['In', 'NotIn', 'Exists', 'DoesNotExist']);
      const expression: any = { key: pick(keys), operator };
      if (operator === 'In' || operator === 'NotIn') {
        const chosen = values.filter(() => chance(0.5));
        expression.values = chosen.length > 0 ? chosen : [pick(values)];
      }
      expressions.push(expression);
    }
    out.matchExpressions = expressions;
  }
  return out;
}

function policies(random: Random): any[] {
  const { pick, chance } = tools(random);
  const namespaceSelector = () => (chance(0.4)
    ? { matchLabels: { [NAME]: pick([...NAMED, 'elsewhere']) } }
    : selector(random, ['team', NAME], ['x', 'y', ...NAMED]));
  const peer = (): any => {
    const roll = random();
    if (roll < 0.35) return { podSelector: selector(random, POD_KEYS, POD_VALUES) };
    if (roll < 0.55) return { namespaceSelector: namespaceSelector() };
    if (roll < 0.85) return { namespaceSelector: namespaceSelector(), podSelector: selector(random, POD_KEYS, POD_VALUES) };
    return { ipBlock: pick([{ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }, { cidr: '192.0.2.0/24' }, { cidr: '0.0.0.0/0' }]) };
  };
  const port = (): any => pick([
    { port: 80 }, { port: 443, protocol: 'TCP' }, { protocol: 'UDP', port: 53 }, { port: 8000, endPort: 8100 },
    { protocol: 'UDP' }, { protocol: 'SCTP', port: 9000 }, { port: 'http' }, {},
  ]);
  const rules = (peersKey: 'from' | 'to') => {
    const out: any[] = [];
    const count = Math.floor(random() * 3);
    for (let i = 0; i < count; i++) {
      const rule: any = {};
      if (chance(0.8)) rule[peersKey] = Array.from({ length: 1 + Math.floor(random() * 2) }, peer);
      if (chance(0.6)) rule.ports = Array.from({ length: 1 + Math.floor(random() * 2) }, port);
      out.push(rule);
    }
    return out;
  };
  const out: any[] = [];
  const count = 1 + Math.floor(random() * 5);
  for (let i = 0; i < count; i++) {
    const spec: any = { podSelector: selector(random, POD_KEYS, POD_VALUES) };
    const types = pick([['Ingress'], ['Egress'], ['Ingress', 'Egress'], undefined]);
    if (types) spec.policyTypes = types;
    if (!types || types.includes('Ingress')) spec.ingress = rules('from');
    if (!types || types.includes('Egress')) spec.egress = rules('to');
    out.push({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: `p${i}`, namespace: pick(['a', 'b']) }, spec });
  }
  return out;
}

interface Cluster {
  /** Declarations of the namespaces the policies name (shared with the representatives' side). */
  readonly namedDeclarations: any[];
  /** Every namespace declaration, the unnamed ones included. */
  readonly declarations: any[];
  readonly pods: any[];
}

function cluster(random: Random): Cluster {
  const { pick, chance } = tools(random);
  const namedDeclarations: any[] = [];
  const declarations: any[] = [];
  // Named namespaces: declared with labels, or not declared (then only the name label, as the API server sets).
  for (const ns of NAMED) {
    if (chance(0.6)) {
      const labels = chance(0.6) ? { team: pick(['x', 'y', 'z']) } : {};
      const declaration = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } };
      namedDeclarations.push(declaration);
      declarations.push(declaration);
    }
  }
  // Namespaces no policy names, with labels a namespace selector may or may not mention.
  const others = ['x1', 'x2', 'x3'];
  for (const ns of others) {
    if (chance(0.7)) {
      const labels: Record<string, string> = {};
      if (chance(0.7)) labels.team = pick(['x', 'y', 'w']);
      if (chance(0.3)) labels.extra = 'on';
      declarations.push({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns, labels } });
    }
  }
  const pods: any[] = [];
  const count = 6 + Math.floor(random() * 10);
  for (let i = 0; i < count; i++) {
    const labels: Record<string, string> = {};
    // Values no selector mentions ('9'), and a key none mentions ('zzz'), too.
    for (const key of POD_KEYS) if (chance(0.55)) labels[key] = pick([...POD_VALUES, '9']);
    if (chance(0.2)) labels.zzz = 'q';
    pods.push({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod${i}`, namespace: pick([...NAMED, ...others]), labels }, spec: { containers: [{ name: 'c' }] } });
  }
  return { namedDeclarations, declarations, pods };
}

/** The namespace labels of a concrete namespace, as the API server has them. */
function namespaceLabels(c: Cluster, name: string): Record<string, string> {
  const declared = c.declarations.find((d) => d.metadata.name === name);
  return { ...(declared?.metadata.labels ?? {}), [NAME]: name };
}

/** The pod selectors that can apply to pods of a namespace (written from the definition, not the code under test). */
function relevantSelectors(policyList: any[], namespace: string, labels: Record<string, string>): any[] {
  const out: any[] = [];
  for (const p of policyList) {
    const own = p.metadata.namespace === namespace;
    if (own) out.push(p.spec.podSelector);
    for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) {
        if (peer.ipBlock || !peer.podSelector) continue;
        if (peer.namespaceSelector ? matchesSelector(peer.namespaceSelector, labels) : own) out.push(peer.podSelector);
      }
    }
  }
  return out;
}

/** The namespaces the input names: declared, where policies live, or a value of the name label in a selector. */
function namedNamespaces(policyList: any[], c: Cluster): Set<string> {
  const names = new Set<string>([...c.namedDeclarations.map((d) => d.metadata.name), ...policyList.map((p) => p.metadata.namespace)]);
  for (const s of namespaceSelectors(policyList)) {
    if (s.matchLabels?.[NAME]) names.add(s.matchLabels[NAME]);
    for (const e of s.matchExpressions ?? []) if (e.key === NAME) (e.values ?? []).forEach((v: string) => names.add(v));
  }
  return names;
}

function namespaceSelectors(policyList: any[]): any[] {
  const out: any[] = [];
  for (const p of policyList) {
    for (const rule of [...(p.spec.ingress ?? []), ...(p.spec.egress ?? [])]) {
      for (const peer of [...(rule.from ?? []), ...(rule.to ?? [])]) if (peer.namespaceSelector) out.push(peer.namespaceSelector);
    }
  }
  return out;
}

describe('representatives stand for every real pod', () => {
  test('random policies, random concrete clusters: every concrete verdict equals its representatives\'', () => {
    let judged = 0;
    let allowed = 0;
    let otherNamespacePods = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const random = prng(seed);
      const policyList = policies(random);
      for (let round = 0; round < 2; round++) {
        const c = cluster(random);
        const context = () => `seed ${seed} round ${round}:\npolicies ${JSON.stringify(policyList)}\ncluster ${JSON.stringify(c)}`;
        // Concrete: the naive oracle on the whole cluster.
        const concreteModel = NetworkModel.fromManifests([...c.declarations, ...c.pods, ...policyList]);
        const naive = new NaiveEvaluator(concreteModel._cluster.snapshot());
        const podEnd = (i: number): NaiveEnd => ({ pod: concreteModel._cluster.snapshot().endpoints[i] });
        // Representatives: the policies alone, with the declarations of the namespaces they name.
        const repModel = NetworkModel.fromManifests([...c.namedDeclarations, ...policyList]);
        const reps = Connectivity.of(repModel);
        const evaluator = reps._evaluator;
        const representatives = evaluator.endpoints.map((e, index) => ({ e, index })).filter(({ e }) => e.synthetic);
        const allNamespaceSelectors = namespaceSelectors(policyList);

        // Each concrete pod's representative: same namespace (or the "other" namespace with the same namespace
        // selector verdicts), same verdict for every selector that can apply to pods there. Exactly one.
        const repOf = c.pods.map((p) => {
          const ns = p.metadata.namespace;
          const nsLabels = namespaceLabels(c, ns);
          const named = namedNamespaces(policyList, c).has(ns);
          const candidates = representatives.filter(({ e }) => {
            if (named) return e.namespace === ns;
            if (!e.synthetic!.otherNamespace) return false;
            const repNs = evaluator.namespaces.get(e.namespace)!.labels;
            return allNamespaceSelectors.every((s) => matchesSelector(s, repNs) === matchesSelector(s, nsLabels));
          });
          const selectors = relevantSelectors(policyList, ns, nsLabels);
          const agrees = (labels: Record<string, string>) => selectors
            .every((s) => matchesSelector(s, labels) === matchesSelector(s, p.metadata.labels));
          const matching = candidates.filter(({ e }) => agrees(e.labels));
          if (matching.length !== 1) {
            throw new Error(`pod ${ns}/${p.metadata.name} ${JSON.stringify(p.metadata.labels)} has ${matching.length} representatives `
              + `(${matching.map(({ e }) => e.synthetic!.id).join(', ')}); ${context()}`);
          }
          if (!named) otherNamespacePods++;
          return evaluator.pod(matching[0].index);
        });

        const concreteIndex = (p: any) => concreteModel._cluster.snapshot().endpoints
          .findIndex((e) => e.namespace === p.metadata.namespace && e.name === p.metadata.name);
        for (let i = 0; i < c.pods.length; i++) {
          for (let j = 0; j < c.pods.length; j++) {
            if (i === j) continue; // a pod's traffic to itself is never judged
            for (const [protocol, port] of PORTS) {
              const concrete = naive.isAllowed(podEnd(concreteIndex(c.pods[i])), podEnd(concreteIndex(c.pods[j])), protocol, port);
              const represented = evaluator.isAllowed(repOf[i], repOf[j], protocol, port);
              if (concrete !== represented) {
                throw new Error(`${c.pods[i].metadata.namespace}/${c.pods[i].metadata.name} -> ${c.pods[j].metadata.namespace}/${c.pods[j].metadata.name} `
                  + `${port}/${protocol}: concrete ${concrete}, representatives (${repOf[i].id} -> ${repOf[j].id}) ${represented}; ${context()}`);
              }
              judged++;
              if (concrete) allowed++;
            }
          }
          for (const address of EXTERNAL) {
            const ip = parseIp(address)!;
            for (const [protocol, port] of PORTS) {
              const pod = podEnd(concreteIndex(c.pods[i]));
              const external = { kind: 'external' as const, ip, id: address };
              const pairs: Array<[boolean, boolean]> = [
                [naive.isAllowed(pod, { ip }, protocol, port), evaluator.isAllowed(repOf[i], external, protocol, port)],
                [naive.isAllowed({ ip }, pod, protocol, port), evaluator.isAllowed(external, repOf[i], protocol, port)],
              ];
              for (const [concrete, represented] of pairs) {
                if (concrete !== represented) {
                  throw new Error(`${address} and ${repOf[i].id} ${port}/${protocol}: concrete ${concrete}, represented ${represented}; ${context()}`);
                }
                judged++;
              }
            }
          }
        }
      }
    }
    // The generator must exercise both verdicts and the other-namespace representatives, or agreement proves little.
    expect(judged).toBeGreaterThan(100_000);
    expect(allowed / judged).toBeGreaterThan(0.1);
    expect(allowed / judged).toBeLessThan(0.9);
    expect(otherNamespacePods).toBeGreaterThan(200);
  });
});
