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
import { IdentityNumbers } from '../identity-numbers';
import { KeptSets } from '../kept-sets';
import { NormalizedCnpRule } from './cluster-policy-parse';
import { ExternalEnd, PodEnd, ResolvedEndpoint } from './endpoints';
import { Evaluator, IndexedPolicy, IndexedRule } from './evaluator';
import { endpointKey } from './model';
import { atomKey, portAtom, PortAtom, PortCuts } from './port-space';
import { addressAtoms, AddressAtom, ANY_ADDRESS_KEY } from '../net/address-space';
import { formatIp, ParsedCidr, ParsedIp } from '../net/cidr';
import { Port } from '../ports';
import { Protocol } from '../protocol';
import { checkInstances, fail } from '../runtime-checks';

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
  /**
   * Whether a policy selects it for ingress: a NetworkPolicy, or a ClusterNetworkPolicy with an ingress rule
   * (always false for external nodes).
   */
  readonly ingressIsolated: boolean;
  /** Whether a policy selects it for egress, likewise. */
  readonly egressIsolated: boolean;
  /**
   * Whether a ClusterNetworkPolicy ingress rule that can match pods applies to it: then what reaches it from
   * "any address" says nothing of what reaches it from pods (a tier may deny some pods and no address).
   */
  readonly ingressTiered?: boolean;
  /** Whether a ClusterNetworkPolicy egress rule that can match pods applies to it, likewise for what it sends to pods. */
  readonly egressTiered?: boolean;
  /** Whether a ClusterNetworkPolicy egress rule with `networks` applies to it, likewise for what it sends to addresses. */
  readonly egressTieredNetworks?: boolean;
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
  const isolation = (cls: number) => {
    if (evaluator.tierSets === undefined) {
      return {
        ingressIsolated: evaluator.isolatingPoliciesOf(cls, 'Ingress').length > 0,
        egressIsolated: evaluator.isolatingPoliciesOf(cls, 'Egress').length > 0,
      };
    }
    const ingressRules = evaluator.tierSets.rulesFor(cls, 'ingress');
    const egressRules = evaluator.tierSets.rulesFor(cls, 'egress');
    const flags = {
      ingressTiered: ingressRules.some((r) => !r.peers.isEmpty()),
      egressTiered: egressRules.some((r) => !r.peers.isEmpty()),
      egressTieredNetworks: egressRules.some((r) => r.networks.length > 0),
    };
    return {
      ingressIsolated: ingressRules.length > 0 || evaluator.isolatingPoliciesOf(cls, 'Ingress').length > 0,
      egressIsolated: egressRules.length > 0 || evaluator.isolatingPoliciesOf(cls, 'Egress').length > 0,
      ...Object.fromEntries(Object.entries(flags).filter(([, on]) => on)),
    };
  };
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
      // ClusterNetworkPolicies are cluster-wide: their egress ranges cut the address space on every side.
      if (side.evaluator.tiers) cidrs.push(...side.evaluator.tiers.networks());
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
    const included = new Set(side.policies.map((p) => p.index));
    for (const node of side.nodes) {
      const target = cutsOf(node.key);
      const end = node.end as PodEnd;
      for (const port of end.endpoint.ports) target.add(port.protocol, port.port);
      for (const policy of evaluator.isolatingPoliciesOf(end.cls, 'Ingress')) {
        for (const rule of policy.ingress) addRulePorts(target, rule, end);
      }
      // The egress rules that can reach it, found through the evaluator's index rather than by asking every rule.
      for (const rule of evaluator.egressRulesInto(end.cls)) if (included.has(rule.policyIndex)) addRulePorts(target, rule, end);
      // The ClusterNetworkPolicy rules judging its ingress, and the egress rules whose peers hold it.
      if (evaluator.tierSets) {
        for (const r of [...evaluator.tierSets.rulesFor(end.cls, 'ingress'), ...evaluator.tierSets.egressRulesInto(end.cls)]) {
          addTierRulePorts(target, r.ranked.rule, end);
        }
      }
    }
    for (const atom of universe.externals) {
      const end = universe.externalEnd(atom);
      const target = cutsOf(atom.key);
      // The rules whose peers hold the address, found by range rather than by asking every rule.
      for (const rule of evaluator.egressRulesToAddress(end.ip)) {
        if (included.has(rule.policyIndex)) addRulePorts(target, rule, end);
      }
      for (const r of evaluator.tierSets?.egressRulesToAddress(end.ip) ?? []) addTierRulePorts(target, r.ranked.rule, end);
    }
  }
  const candidates: Candidates = new Map();
  if (universe.explicitPorts) {
    for (const key of cuts.keys()) candidates.set(key, universe.explicitPorts);
    return candidates;
  }
  // Destinations alike are cut alike: one list (and atoms) for them, so that what is made per list of atoms
  // downstream (a matrix column's groups, a label) is made once, and equal lists compare by identity.
  // (By the ranges named, then, for ranges not met before, by the atoms they cut.)
  const byRanges = new Map<string, readonly PortAtom[]>();
  const byAtoms = new Map<string, readonly PortAtom[]>();
  for (const [key, c] of cuts) {
    const named = c.key();
    let shared = byRanges.get(named);
    if (shared === undefined) {
      const atoms = c.atoms();
      let text = '';
      for (const atom of atoms) text += `${atomKey(atom)},`;
      shared = byAtoms.get(text);
      if (shared === undefined) byAtoms.set(text, (shared = atoms));
      byRanges.set(named, shared);
    }
    candidates.set(key, shared);
  }
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

/** The edges a ClusterNetworkPolicy rule's ports put in a destination's port space (named ports resolve there). */
function addTierRulePorts(cuts: PortCuts, rule: NormalizedCnpRule, to: ResolvedEndpoint): void {
  for (const p of rule.ports ?? []) {
    switch (p.kind) {
      case 'port': cuts.add(p.protocol, p.port); break;
      case 'range': cuts.add(p.protocol, p.start, p.end); break;
      default:
        // A named port has no protocol of its own: every container port of that name, on its protocol.
        if (to.kind === 'pod') for (const c of to.endpoint.ports) if (c.name === p.name) cuts.add(c.protocol, c.port);
    }
  }
}

/** The sources allowed into one destination on one of its atoms. */
export interface Inflow {
  readonly atom: PortAtom;
  /** The pod classes allowed (`nodesOf` gives their nodes). Shared: never modify it. */
  readonly classes: Bitset;
  /** The address atoms allowed (none into an address: traffic between addresses is not judged). */
  readonly externals: readonly FlowNode[];
  /**
   * The same address atoms as a set over `FlowGraph.externalNodes` (one set per distinct list: compare by
   * identity first). Shared: never modify it.
   */
  readonly externalSet: Bitset;
}

const NO_EXTERNALS: readonly FlowNode[] = [];
/** Destinations' parts kept for others alike (see `FlowGraph.parts`). */
const MAX_KEPT_PARTS = 4096;
const PROTOCOL_INDEX: Record<Protocol, number> = { [Protocol.TCP]: 0, [Protocol.UDP]: 1, [Protocol.SCTP]: 2 };

/** Sources of one destination allowed on exactly the same atoms of it. */
export interface FlowPart {
  readonly atoms: readonly PortAtom[];
  /** The pod classes (`nodesOf` gives their nodes). Shared: never modify it. */
  readonly classes: Bitset;
  /** The address atoms. */
  readonly externals: readonly FlowNode[];
}

/**
 * The allowed flows of one side on the candidate atoms, between its endpoint nodes and the address atoms.
 * Judged one destination at a time, sparsely (the evaluator's `sourcesInto`), and kept per pod class and
 * port, so that memory follows the allowed flows, not the pairs; `allowed(from, to)` asks for one pair,
 * and `parts(to)` gives a destination's sources grouped by the atoms they may use.
 */
export class FlowGraph {
  public static compute(side: FlowSide, universe: FlowUniverse, candidates: Candidates): FlowGraph {
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
    return new FlowGraph(side, nodes, externals, candidates, universe.explicitPorts);
  }

  private readonly classNodes = new Map<number, FlowNode[]>();
  /** Per destination class, by protocol and port: the sources allowed. */
  private readonly classInflows: Array<Map<number, Omit<Inflow, 'atom'>> | undefined> = [];
  /** Per destination address atom, by protocol and port: the source classes allowed. */
  private readonly addressInflows = new Map<FlowNode, Map<number, Bitset>>();
  private readonly ruleExternals = new Map<IndexedRule, readonly number[]>();
  /** The address atoms allowed by a set of rules with ipBlocks (by their numbers), and the numbers. */
  private readonly externalsByRules = new Map<string, readonly FlowNode[]>();
  private readonly ruleNumbers = new IdentityNumbers<IndexedRule>();
  private byAddress: Array<{ ip: ParsedIp; index: number }> | undefined;
  /** The kept source sets: those judged, those to addresses, and those cut from them. */
  private readonly interned = new KeptSets();
  /** The kept set of each of the evaluator's results (which it keeps, one object per distinct set). */
  private readonly judgedSets = new Map<Bitset, Bitset>();
  /** The sets of the address-atom lists of inflows, by list. */
  private readonly externalSets = new Map<readonly FlowNode[], Bitset>();
  private readonly externalIndex = new Map<FlowNode, number>();
  /** Parts already computed, by `partsKey`. */
  private readonly partsByKey = new Map<string, FlowPart[]>();
  /** Per destination: its inflows (see `inflows`). */
  private readonly inflowsByNode = new Map<FlowNode, readonly Inflow[]>();
  private readonly setIds = new IdentityNumbers<Bitset>();
  /** No source class. Shared: never modify it. */
  private readonly none: Bitset;
  /** No address atom. Shared: never modify it. */
  private readonly noExternals: Bitset;
  /** The pod classes of the side's endpoint nodes. Shared: never modify it. */
  public readonly classesWithNodes: Bitset;

  private constructor(
    public readonly side: FlowSide,
    public readonly nodes: ReadonlyMap<string, FlowNode>,
    private readonly externals: readonly FlowNode[],
    private readonly candidates: Candidates,
    private readonly explicit: readonly PortAtom[] | undefined,
  ) {
    this.none = new Bitset(side.evaluator.classes.length);
    this.noExternals = new Bitset(externals.length);
    this.externalSets.set(NO_EXTERNALS, this.noExternals);
    externals.forEach((x, i) => this.externalIndex.set(x, i));
    this.classesWithNodes = new Bitset(side.evaluator.classes.length);
    for (const node of side.nodes) this.classesWithNodes.add((node.end as PodEnd).cls);
    for (const node of side.nodes) {
      const cls = (node.end as PodEnd).cls;
      const list = this.classNodes.get(cls);
      if (list) list.push(node); else this.classNodes.set(cls, [node]);
    }
  }

  /** The address atoms, in the order of `Inflow.externalSet`. */
  public get externalNodes(): readonly FlowNode[] {
    return this.externals;
  }

  /** The atoms a destination was judged on. */
  public atomsOf(key: string): readonly PortAtom[] {
    return this.candidates.get(key) ?? this.explicit ?? EVERY_PORT;
  }

  /** Whether the ports were given (so no "all ports" can be claimed). */
  public get portsGiven(): boolean {
    return this.explicit !== undefined;
  }

  /** The endpoint nodes of a pod class (none when the class is outside the side's namespaces). */
  public nodesOf(cls: number): readonly FlowNode[] {
    return this.classNodes.get(cls) ?? NO_EXTERNALS;
  }

  /**
   * The sources allowed into a destination, per atom of it that any source may reach. Kept per
   * destination (a few small objects over the kept sets): the matrix and the diagrams read them twice.
   */
  public inflows(to: FlowNode): readonly Inflow[] {
    let out = this.inflowsByNode.get(to);
    if (out === undefined) {
      const list: Inflow[] = [];
      for (const atom of this.atomsOf(to.key)) {
        const inflow = this.inflowOn(to, atom);
        if (!inflow.classes.isEmpty() || inflow.externals.length > 0) list.push(inflow);
      }
      this.inflowsByNode.set(to, (out = list));
    }
    return out;
  }

  /**
   * The sources of a destination split into parts allowed on exactly the same atoms (word-wide set
   * operations over the inflows, so the cost follows the atoms and parts, not the sources). Every
   * allowed source is in exactly one part; a single pod's traffic to itself is the caller's to skip.
   */
  public parts(to: FlowNode, atomFilter?: (atom: PortAtom) => boolean): readonly FlowPart[] {
    const inflows = atomFilter ? this.inflows(to).filter((inflow) => atomFilter(inflow.atom)) : this.inflows(to);
    if (inflows.length === 0) return [];
    // Destinations whose inflows are the same kept sets on the same atoms (most of a cluster's, in a few
    // thousand kinds) share one result, and its parts: callers may key their own work on a part's identity.
    const key = this.partsKey(inflows);
    const known = this.partsByKey.get(key);
    if (known) return known;
    const parts = this.refineParts(inflows);
    // Bounded: the parts hold sets of their own, and a cluster of all-different destinations keeps none alike.
    if (this.partsByKey.size >= MAX_KEPT_PARTS) this.partsByKey.clear();
    this.partsByKey.set(key, parts);
    return parts;
  }

  /** What a destination's parts depend on: per inflow, its atom and the identities of its kept sets. */
  private partsKey(inflows: readonly Inflow[]): string {
    let key = '';
    for (const inflow of inflows) key += `|${atomKey(inflow.atom)}:${this.setIds.numberOf(inflow.classes)}:${this.setIds.numberOf(inflow.externalSet)}`;
    return key;
  }

  private refineParts(inflows: readonly Inflow[]): FlowPart[] {
    const byKey = new Map<string, { atoms: PortAtom[]; classes: Bitset; externals: FlowNode[] }>();
    const partOf = (ks: readonly number[]) => {
      const key = ks.join(',');
      let part = byKey.get(key);
      if (!part) byKey.set(key, (part = { atoms: ks.map((k) => inflows[k].atom), classes: this.none, externals: [] }));
      return part;
    };
    // Cut sets are kept like judged ones: destinations cut alike then share them (and what is made per set).
    for (const part of refine(inflows.map((inflow) => inflow.classes))) partOf(part.inflows).classes = this.interned.keep(part.set);
    for (const part of refine(inflows.map((inflow) => inflow.externalSet))) {
      const { externals } = partOf(part.inflows);
      for (const x of part.set.members()) externals.push(this.externals[x]);
    }
    return [...byKey.values()];
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
    const inflow = this.inflowOn(to, atom);
    if (from.end.kind === 'external') return inflow.externals.includes(from);
    return inflow.classes.has(from.end.cls);
  }

  /** The sources into one destination on one of its atoms, judged at the atom's first port. */
  public inflowOn(to: FlowNode, atom: PortAtom): Inflow {
    const { evaluator } = this.side;
    const port = atom.lo;
    // A number per protocol and port: this runs for every atom of every destination.
    const key = PROTOCOL_INDEX[atom.protocol] * 65536 + port;
    if (to.end.kind === 'external') {
      let cache = this.addressInflows.get(to);
      if (!cache) this.addressInflows.set(to, (cache = new Map()));
      let classes = cache.get(key);
      if (classes === undefined) {
        const found = evaluator.sourcesToAddress(to.end.ip, atom.protocol, port);
        classes = found === undefined ? this.none : this.interned.keep(found);
        cache.set(key, classes);
      }
      return { atom, classes, externals: NO_EXTERNALS, externalSet: this.noExternals };
    }
    const cls = to.end.cls;
    let cache = this.classInflows[cls];
    if (!cache) this.classInflows[cls] = cache = new Map();
    let judged = cache.get(key);
    if (judged === undefined) {
      // The evaluator keeps its results (equal sets are one object): each is interned here once, beside the
      // sets cut from them, so that destinations and atoms alike are split apart by identity (`parts`).
      const found = evaluator.sourcesInto(cls, atom.protocol, port);
      let classes = found === undefined ? this.none : this.judgedSets.get(found);
      if (classes === undefined) this.judgedSets.set(found!, (classes = this.interned.keep(found!)));
      const externals = this.externalsInto(cls, atom.protocol, port);
      judged = { classes, externals, externalSet: this.externalSetOf(externals) };
      cache.set(key, judged);
    }
    return { atom, classes: judged.classes, externals: judged.externals, externalSet: judged.externalSet };
  }

  /** The set of a list of address atoms, built once per list. */
  private externalSetOf(list: readonly FlowNode[]): Bitset {
    let set = this.externalSets.get(list);
    if (!set) {
      set = new Bitset(this.externals.length);
      for (const x of list) set.add(this.externalIndex.get(x)!);
      this.externalSets.set(list, set);
    }
    return set;
  }

  /** The address atoms allowed into the pods of a class on a port: only their ingress is judged. */
  private externalsInto(cls: number, protocol: PortAtom['protocol'], port: number): readonly FlowNode[] {
    if (this.externals.length === 0) return NO_EXTERNALS;
    const { evaluator } = this.side;
    const policies = evaluator.isolatingPoliciesOf(cls, 'Ingress');
    if (policies.length === 0) return this.externals;
    // The rules with ipBlocks that apply on this port decide: one list per set of them (destinations
    // alike, and a destination's ports alike, share it, and so its set; see `externalSetOf`).
    let rules: IndexedRule[] | undefined;
    for (const policy of policies) {
      for (const rule of policy.ingress) {
        if (!evaluator.portMatchesClass(rule, protocol, port, cls)) continue;
        if (!rule.peerClasses) return this.externals;
        if (rule.ipBlocks.length > 0) (rules ??= []).push(rule);
      }
    }
    if (rules === undefined) return NO_EXTERNALS;
    let key = '';
    for (const rule of rules) key += `${this.ruleNumbers.numberOf(rule)},`;
    let out = this.externalsByRules.get(key);
    if (out === undefined) {
      const allowed = new Uint8Array(this.externals.length);
      for (const rule of rules) for (const x of this.externalsOfRule(rule)) allowed[x] = 1;
      const list = this.externals.filter((_, x) => allowed[x] === 1);
      out = list.length === 0 ? NO_EXTERNALS : list;
      this.externalsByRules.set(key, out);
    }
    return out;
  }

  /**
   * Which address atoms (by index) a rule's ipBlocks hold, asked once per rule: per block, the atoms whose
   * address lies in its range (found by binary search over the atoms by address), each judged by the
   * evaluator's own test (the block's exceptions included).
   */
  private externalsOfRule(rule: IndexedRule): readonly number[] {
    let matched = this.ruleExternals.get(rule);
    if (!matched) {
      const byAddress = this.atomsByAddress();
      const found = new Set<number>();
      for (const block of rule.ipBlocks) {
        const { family, network, prefix } = block.cidr;
        const last = network + 2n ** BigInt((family === 4 ? 32 : 128) - prefix) - 1n;
        for (let k = firstAtAddress(byAddress, family, network); k < byAddress.length; k++) {
          const { ip, index } = byAddress[k];
          if (ip.family !== family || ip.value > last) break;
          if (this.side.evaluator.peerMatches(rule, this.externals[index].end)) found.add(index);
        }
      }
      matched = [...found];
      this.ruleExternals.set(rule, matched);
    }
    return matched;
  }

  /** The address atoms in order of family and address (made once). */
  private atomsByAddress(): ReadonlyArray<{ ip: ParsedIp; index: number }> {
    if (this.byAddress === undefined) {
      this.byAddress = this.externals
        .map((x, index) => ({ ip: (x.end as ExternalEnd).ip, index }))
        .sort((a, b) => a.ip.family - b.ip.family || (a.ip.value < b.ip.value ? -1 : a.ip.value > b.ip.value ? 1 : 0));
    }
    return this.byAddress;
  }
}

/** The first position of the list (by family, then address) at or after the address. */
function firstAtAddress(list: ReadonlyArray<{ ip: ParsedIp }>, family: 4 | 6, value: bigint): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const mid = Math.floor((low + high) / 2);
    const ip = list[mid].ip;
    if (ip.family < family || (ip.family === family && ip.value < value)) low = mid + 1; else high = mid;
  }
  return low;
}

/**
 * Splits the members of some sets into parts that are in exactly the same sets (partition refinement,
 * word-wide set operations, so the cost follows the sets and parts, not the members). Each part says
 * which sets (by index) hold it; members of no set are in no part.
 */
function refine(sets: readonly Bitset[]): Array<{ set: Bitset; inflows: number[] }> {
  // Sets are shared and never changed here: a part holds a given set itself where it can (most
  // destinations have one or two sets, nested or equal), and new sets only where parts are cut.
  let parts: Array<{ set: Bitset; inflows: number[] }> = [];
  sets.forEach((set, k) => {
    if (set.isEmpty()) return;
    // The same set as a part's (by identity, see `inflowOn`): that part is in this set too.
    const same = parts.find((part) => part.set === set);
    if (same) {
      parts = parts.map((part) => (part === same ? { set, inflows: [...part.inflows, k] } : part));
      return;
    }
    let rest = set;
    let restOwned = false;
    const next: typeof parts = [];
    for (const part of parts) {
      if (!part.set.intersects(set)) {
        next.push(part);
        continue;
      }
      if (part.set.isSubsetOf(set)) {
        next.push({ set: part.set, inflows: [...part.inflows, k] });
        if (!restOwned) {
          rest = rest.clone();
          restOwned = true;
        }
        rest.andNot(part.set);
        continue;
      }
      const both = part.set.clone().and(set);
      next.push({ set: both, inflows: [...part.inflows, k] });
      next.push({ set: part.set.clone().andNot(set), inflows: part.inflows });
      if (!restOwned) {
        rest = rest.clone();
        restOwned = true;
      }
      rest.andNot(both);
    }
    if (!restOwned || !rest.isEmpty()) next.push({ set: rest, inflows: [k] });
    parts = next;
  });
  return parts;
}

/** Every port of every protocol, as atoms: for a destination no rule names a port of. */
const EVERY_PORT: readonly PortAtom[] = new PortCuts().atoms();

/** The flows of one model (a diagram, a matrix): the address atoms and port atoms of that model alone. */
export function flowsOf(evaluator: Evaluator, namespaces?: readonly string[], ports?: readonly PortAtom[]): FlowGraph {
  const side = new FlowSide(evaluator, namespaces);
  const universe = FlowUniverse.of([side], ports);
  return FlowGraph.compute(side, universe, candidateAtoms([side], universe));
}

/**
 * The ports a matrix, diagram or diff option gives, as the atoms to judge: each a single numbered port
 * (`Port.tcp(8080)`), checked at run time. `where` names the option in errors.
 */
export function readPorts(ports: readonly Port[] | undefined, where: string): PortAtom[] | undefined {
  if (ports === undefined) return undefined;
  const list = checkInstances(ports, Port, where, 'ports', 'Port.tcp(8080), Port.udp(53), ...');
  if (list.length === 0) fail(where, 'ports is empty: give at least one port, or omit it to judge every port');
  const seen = new Map<string, PortAtom>();
  for (const p of list) {
    if (p.name !== undefined || p.portNumber === undefined || p.endPort !== undefined) {
      fail(where, `ports: ${p} is not one numbered port; give ports such as Port.tcp(8080) or Port.udp(53)`);
    }
    seen.set(`${p.portNumber}/${p.protocol}`, portAtom(p.protocol, p.portNumber));
  }
  return [...seen.values()];
}
