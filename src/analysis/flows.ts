/**
 * The allowed flows of a model: the one result structure the matrix, the diagrams and the connectivity
 * diff are drawn from. Internal.
 *
 * Nodes are the endpoints (pods, workloads standing for their pods, a snapshot's pods grouped under their
 * workload when the policies treat them alike, representatives) and the atoms of the address space cut at
 * every ipBlock edge (`net/address-space.ts`), each judged through one address of it. Each destination is
 * judged on the atoms of its port space (`port-space.ts`): the intervals between the edges of the rule
 * ports that can apply to connections to it and of its declared ports, and "every other port" of each
 * protocol; or on the ports given. So every port of every protocol to every node is judged, through one
 * port standing for ports that are judged alike.
 *
 * Every verdict comes from the evaluator; this file only chooses what to ask.
 *
 * @module
 */
import { Bitset } from '../bitset';
import { ExternalEnd, PodEnd, ResolvedEndpoint } from './endpoints';
import { checkProtocolAndPort, Evaluator, IndexedPolicy, IndexedRule } from './evaluator';
import { FlowPort } from './flow-port';
import { endpointKey } from './model';
import { atomKey, compareAtoms, portAtom, PortAtom, PortCuts } from './port-space';
import { addressAtoms, AddressAtom, ANY_ADDRESS_KEY } from '../net/address-space';
import { formatIp, ParsedCidr, ParsedIp } from '../net/cidr';
import { Protocol } from '../protocol';

export { ANY_ADDRESS_KEY };

export type FlowNodeKind = 'workload' | 'representative' | 'block' | 'any';

export interface FlowNode {
  /** Identity across models: `workload:namespace/Kind/name`, `rep:<id>`, `block:<cidr>` or `any`. */
  readonly key: string;
  readonly kind: FlowNodeKind;
  /** How it is shown and named: `namespace/name`, a representative's id, or an address atom's label. */
  readonly label: string;
  readonly namespace?: string;
  /** The workload kind (`Deployment`, `Pod`, ...), or `Representative`. */
  readonly workloadKind?: string;
  /** Whether a policy selects it for ingress (always false for external nodes). */
  readonly ingressIsolated: boolean;
  /** Whether a policy selects it for egress (always false for external nodes). */
  readonly egressIsolated: boolean;
  /** For a representative: what it stands for. */
  readonly standsFor?: string;
  /** For a representative: no policy of its namespace selects it by labels. */
  readonly catchAll?: boolean;
  /** The end it is judged through. */
  readonly end: ResolvedEndpoint;
  /** Endpoint indices it stands for (none for external nodes). */
  readonly members: readonly number[];
}

/** An allowed connection on one port atom. */
export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly atom: PortAtom;
}

function flowKey(flow: Flow): string {
  return `${flow.from}\u0000${flow.to}\u0000${atomKey(flow.atom)}`;
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** One model, narrowed to some namespaces: its endpoint nodes and the policies that apply to them. */
export class FlowSide {
  /** Endpoint indices included. */
  public readonly endpoints: readonly number[];
  /** The policies of the included namespaces (a policy only ever applies to pods of its own namespace). */
  public readonly policies: readonly IndexedPolicy[];
  /** The endpoint nodes, in endpoint order. */
  public readonly nodes: readonly FlowNode[];

  constructor(public readonly evaluator: Evaluator, namespaces?: readonly string[]) {
    const wanted = namespaces ? new Set(namespaces) : undefined;
    this.endpoints = evaluator.endpoints.map((_, i) => i).filter((i) => !wanted || wanted.has(evaluator.endpoints[i].namespace));
    this.policies = evaluator.policies.filter((p) => !wanted || wanted.has(p.model.namespace));
    this.nodes = endpointNodes(evaluator, this.endpoints);
  }
}

/** Nodes of endpoints: a snapshot's pods of one workload are one node when the policies treat them alike. */
function endpointNodes(evaluator: Evaluator, indices: readonly number[]): FlowNode[] {
  const groups = new Map<string, number[]>();
  for (const i of indices) {
    const e = evaluator.endpoints[i];
    if (!e.group) continue;
    const key = endpointKey(e.namespace, e.group.kind, e.group.name);
    const list = groups.get(key) ?? [];
    list.push(i);
    groups.set(key, list);
  }
  const taken = new Set<number>();
  const nodes: FlowNode[] = [];
  const isolation = (cls: number) => ({
    ingressIsolated: evaluator.isolatingPoliciesOf(cls, 'Ingress').length > 0,
    egressIsolated: evaluator.isolatingPoliciesOf(cls, 'Egress').length > 0,
  });
  for (const i of indices) {
    if (taken.has(i)) continue;
    const e = evaluator.endpoints[i];
    const end = evaluator.pod(i);
    if (e.group) {
      const members = groups.get(endpointKey(e.namespace, e.group.kind, e.group.name))!;
      if (new Set(members.map((m) => evaluator.classOf[m])).size === 1) {
        members.forEach((m) => taken.add(m));
        const label = `${e.namespace}/${e.group.name}`;
        nodes.push({
          key: `workload:${endpointKey(e.namespace, e.group.kind, e.group.name)}`,
          kind: 'workload',
          label,
          namespace: e.namespace,
          workloadKind: e.group.kind,
          ...isolation(end.cls),
          end: { ...end, id: label, multiple: true },
          members,
        });
        continue;
      }
    }
    taken.add(i);
    nodes.push({
      key: e.synthetic ? `rep:${e.synthetic.id}` : `workload:${endpointKey(e.namespace, e.kind, e.name)}`,
      kind: e.synthetic ? 'representative' : 'workload',
      label: end.id,
      namespace: e.namespace,
      workloadKind: e.kind,
      ...isolation(end.cls),
      standsFor: e.synthetic?.standsFor,
      catchAll: e.synthetic?.catchAll,
      end,
      members: [i],
    });
  }
  return nodes;
}

/**
 * What every side of a diff (or the one model of a diagram or matrix) is judged on: the address atoms,
 * and the ports given, if any.
 */
export class FlowUniverse {
  public static of(sides: readonly FlowSide[], explicitPorts?: readonly PortAtom[]): FlowUniverse {
    const cidrs: ParsedCidr[] = [];
    const avoid: ParsedIp[] = [];
    for (const side of sides) {
      // Only the policies of the included namespaces judge flows of the included endpoints.
      for (const policy of side.policies) {
        for (const rule of [...policy.ingress, ...policy.egress]) {
          for (const peer of rule.rule.peers ?? []) {
            if (peer.kind === 'ipBlock') cidrs.push(peer.cidr, ...peer.except);
          }
        }
      }
      // A representative address must not be a pod's: the pod would stand for itself.
      for (const e of side.evaluator.endpoints) avoid.push(...e.ips);
    }
    return new FlowUniverse(addressAtoms(cidrs, avoid), explicitPorts);
  }

  private constructor(
    public readonly externals: readonly AddressAtom[],
    public readonly explicitPorts: readonly PortAtom[] | undefined,
  ) {}

  public externalEnd(atom: AddressAtom): ExternalEnd {
    return { kind: 'external', ip: atom.representative, id: formatIp(atom.representative.family, atom.representative.value) };
  }
}

/** Destination node key to the atoms to judge on it. */
export type Candidates = Map<string, readonly PortAtom[]>;

/**
 * The atoms of each destination node, from the rules of every side that can apply to connections to
 * it: its own ingress rules, and the egress rules (of policies isolating an included endpoint) whose peers
 * match it; its declared container ports too. One set for all sides, so that a flow absent on one side
 * was asked there too.
 */
export function candidateAtoms(sides: readonly FlowSide[], universe: FlowUniverse): Candidates {
  const cuts = new Map<string, PortCuts>();
  const cutsOf = (key: string) => {
    let c = cuts.get(key);
    if (!c) {
      c = new PortCuts();
      cuts.set(key, c);
    }
    return c;
  };
  for (const side of sides) {
    const { evaluator } = side;
    const included = new Set(side.endpoints);
    const egressRules: IndexedRule[] = [];
    for (const policy of side.policies) {
      if (!policy.model.policy.isolatesEgress) continue;
      if (!evaluator.selectedEndpoints(policy.index).some((i) => included.has(i))) continue;
      egressRules.push(...policy.egress);
    }
    for (const node of side.nodes) {
      const target = cutsOf(node.key);
      const end = node.end as PodEnd;
      for (const port of end.endpoint.ports) target.add(port.protocol, port.port);
      for (const policy of evaluator.isolatingPoliciesOf(end.cls, 'Ingress')) {
        for (const rule of policy.ingress) addRulePorts(target, rule, end);
      }
      for (const rule of egressRules) if (evaluator.peerMatches(rule, end)) addRulePorts(target, rule, end);
    }
    for (const atom of universe.externals) {
      const end = universe.externalEnd(atom);
      const target = cutsOf(atom.key);
      for (const rule of egressRules) if (evaluator.peerMatches(rule, end)) addRulePorts(target, rule, end);
    }
  }
  const candidates: Candidates = new Map();
  for (const [key, c] of cuts) candidates.set(key, universe.explicitPorts ?? c.atoms());
  return candidates;
}

/** The edges a rule's ports put in a destination's port space (named ports resolve there; none on an address). */
function addRulePorts(cuts: PortCuts, rule: IndexedRule, to: ResolvedEndpoint): void {
  for (const p of rule.rule.ports ?? []) {
    if (p.name !== undefined) {
      if (to.kind !== 'pod') continue;
      for (const c of to.endpoint.ports) if (c.name === p.name && c.protocol === p.protocol) cuts.add(p.protocol, c.port);
    } else if (p.port !== undefined) {
      cuts.add(p.protocol, p.port, p.endPort ?? p.port);
    }
  }
}

/** One port judged for a group of destinations: for each destination, the sources allowed. */
interface PortPass {
  readonly protocol: PortAtom['protocol'];
  readonly port: number;
  /** Per endpoint destination class: the source classes allowed. */
  readonly columns: ReadonlyMap<number, Bitset>;
  /** Per endpoint destination node: the address atoms (keys) allowed to reach it. */
  readonly fromExternal: ReadonlyMap<string, ReadonlySet<string>>;
  /** Per address atom destination: the source classes allowed to reach it. */
  readonly toExternal: ReadonlyMap<string, ReadonlySet<number>>;
}

/**
 * The allowed flows of one side on the candidate atoms, between its endpoint nodes and the address atoms,
 * kept per port and pod class (so that a whole cluster's matrix fits in memory); `allowed(from, to)` asks
 * for one pair, `flows()` lists them all.
 */
export class FlowGraph {
  public static compute(side: FlowSide, universe: FlowUniverse, candidates: Candidates): FlowGraph {
    const { evaluator } = side;
    const nodes = new Map<string, FlowNode>();
    for (const node of side.nodes) nodes.set(node.key, node);
    const externals: FlowNode[] = universe.externals.map((atom) => ({
      key: atom.key,
      kind: atom.kind,
      label: atom.label,
      ingressIsolated: false,
      egressIsolated: false,
      end: universe.externalEnd(atom),
      members: [],
    }));
    for (const x of externals) nodes.set(x.key, x);
    const classes = [...new Set(side.nodes.map((n) => (n.end as PodEnd).cls))];
    const sampleOf = new Map<number, FlowNode>();
    for (const node of side.nodes) if (!sampleOf.has((node.end as PodEnd).cls)) sampleOf.set((node.end as PodEnd).cls, node);

    // Group the destinations by the port judged, so that each port is one evaluator pass over every pair.
    const groups = new Map<string, { protocol: PortAtom['protocol']; port: number; destinations: FlowNode[] }>();
    const atomsOf = (node: FlowNode) => candidates.get(node.key) ?? universe.explicitPorts ?? EVERY_PORT;
    for (const node of nodes.values()) {
      for (const atom of atomsOf(node)) {
        const text = `${atom.protocol}/${atom.lo}`;
        let group = groups.get(text);
        if (!group) {
          group = { protocol: atom.protocol, port: atom.lo, destinations: [] };
          groups.set(text, group);
        }
        group.destinations.push(node);
      }
    }
    const passes = new Map<string, PortPass>();
    const passOf = new Map<PortAtom, PortPass>();
    for (const [text, { protocol, port, destinations }] of groups) {
      const podDestinations = destinations.filter((d) => d.end.kind === 'pod');
      const columns = podDestinations.length > 0
        ? evaluator.allowedSources(protocol, port, [...new Set(podDestinations.map((d) => (d.end as PodEnd).cls))])
        : new Map<number, Bitset>();
      const fromExternal = new Map<string, Set<string>>();
      for (const d of podDestinations) {
        const allowed = new Set<string>();
        for (const x of externals) if (evaluator.isAllowed(x.end, d.end, protocol, port)) allowed.add(x.key);
        fromExternal.set(d.key, allowed);
      }
      const toExternal = new Map<string, Set<number>>();
      for (const x of destinations) {
        if (x.end.kind !== 'external') continue;
        // The verdict depends only on the source's class: ask once per class.
        toExternal.set(x.key, new Set(classes.filter((c) => evaluator.isAllowed(sampleOf.get(c)!.end, x.end, protocol, port))));
      }
      const pass = { protocol, port, columns, fromExternal, toExternal };
      passes.set(text, pass);
    }
    for (const node of nodes.values()) {
      for (const atom of atomsOf(node)) passOf.set(atom, passes.get(`${atom.protocol}/${atom.lo}`)!);
    }
    return new FlowGraph(side, nodes, passOf, candidates, universe.explicitPorts);
  }

  private cachedFlows?: Flow[];
  private flowKeys?: Set<string>;

  private constructor(
    public readonly side: FlowSide,
    public readonly nodes: ReadonlyMap<string, FlowNode>,
    /** The pass each atom of each destination was judged in. */
    private readonly passes: ReadonlyMap<PortAtom, PortPass>,
    private readonly candidates: Candidates,
    private readonly explicit: readonly PortAtom[] | undefined,
  ) {}

  /** The atoms a destination was judged on. */
  public atomsOf(key: string): readonly PortAtom[] {
    return this.candidates.get(key) ?? this.explicit ?? EVERY_PORT;
  }

  /** Whether the ports were given (so no "all ports" can be claimed). */
  public get portsGiven(): boolean {
    return this.explicit !== undefined;
  }

  /** The atoms of `to` that `from` may reach. A single pod's traffic to itself is never judged (none are listed). */
  public allowed(from: FlowNode, to: FlowNode): PortAtom[] {
    if (from.end.kind === 'external' && to.end.kind === 'external') return [];
    if (from === to && from.end.kind === 'pod' && !from.end.multiple) return [];
    const out: PortAtom[] = [];
    for (const atom of this.atomsOf(to.key)) if (this.allowedOn(from, to, atom)) out.push(atom);
    return out;
  }

  /** Whether `from` may reach `to` on one of `to`'s atoms (a single pod to itself: never judged, false). */
  public allowedOn(from: FlowNode, to: FlowNode, atom: PortAtom): boolean {
    if (from.end.kind === 'external' && to.end.kind === 'external') return false;
    if (from === to && from.end.kind === 'pod' && !from.end.multiple) return false;
    const pass = this.passes.get(atom);
    if (!pass) return false;
    if (from.end.kind === 'external') return pass.fromExternal.get(to.key)?.has(from.key) ?? false;
    if (to.end.kind === 'external') return pass.toExternal.get(to.key)?.has(from.end.cls) ?? false;
    return pass.columns.get(to.end.cls)?.has(from.end.cls) ?? false;
  }

  /** Every allowed flow, sorted by source, destination and atom. */
  public flows(): readonly Flow[] {
    if (!this.cachedFlows) {
      const flows: Flow[] = [];
      const all = [...this.nodes.values()];
      for (const from of all) {
        for (const to of all) {
          for (const atom of this.allowed(from, to)) flows.push({ from: from.key, to: to.key, atom });
        }
      }
      flows.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareAtoms(a.atom, b.atom));
      this.cachedFlows = flows;
    }
    return this.cachedFlows;
  }

  public has(flow: Flow): boolean {
    if (!this.flowKeys) this.flowKeys = new Set(this.flows().map(flowKey));
    return this.flowKeys.has(flowKey(flow));
  }
}

/** Every port of every protocol, as atoms: for a destination no rule names a port of. */
const EVERY_PORT: readonly PortAtom[] = new PortCuts().atoms();

/** The flows of one model (a diagram, a matrix): the address atoms and port atoms of that model alone. */
export function flowsOf(evaluator: Evaluator, namespaces?: readonly string[], ports?: readonly PortAtom[]): FlowGraph {
  const side = new FlowSide(evaluator, namespaces);
  const universe = FlowUniverse.of([side], ports);
  return FlowGraph.compute(side, universe, candidateAtoms([side], universe));
}

/** Checks given ports (1-65535, TCP/UDP/SCTP) and removes duplicates; undefined when none are given. */
export function readPorts(ports: readonly FlowPort[] | undefined): PortAtom[] | undefined {
  if (ports === undefined) return undefined;
  if (!Array.isArray(ports)) throw new Error('ports must be a list of { port, protocol }');
  const seen = new Map<string, PortAtom>();
  for (const p of ports) {
    if (p === null || typeof p !== 'object') throw new Error(`a port must be { port, protocol }, got ${JSON.stringify(p)}`);
    const protocol = p.protocol ?? Protocol.TCP;
    checkProtocolAndPort(protocol, p.port);
    seen.set(`${p.port}/${protocol}`, portAtom(protocol, p.port));
  }
  return [...seen.values()];
}
