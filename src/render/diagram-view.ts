/**
 * What a diagram draws, independent of the syntax: nodes grouped by namespace, external nodes, and
 * the edges worth drawing, each with one label for all its ports. Internal; the Mermaid and DOT
 * writers are small formatters over it.
 *
 * Which flows are edges. A workload that no policy isolates for a direction is drawn "open" for it,
 * and the flows that openness implies are left out, so that a namespace without policies is not
 * drawn as N x N edges. Precisely, a flow A -> B on port P is drawn unless A sends P anywhere and
 * B accepts P from anyone, where a workload sends P anywhere when it is open for egress or has an
 * edge to "internet / any address" on P, and accepts P from anyone when it is open for ingress or has
 * an edge from it on P (those edges come only from rules without peers, which match every pod and
 * address). External nodes are never isolated. Edges to and from "internet / any address" are drawn
 * for isolated workloads only. So every drawn edge is allowed, and every allowed flow is either
 * drawn or follows from those two marks.
 *
 * @module
 */
import { PodEnd } from '../analysis/endpoints';
import { ANY_ADDRESS_KEY, compareText, FlowGraph, FlowNode, FlowPart } from '../analysis/flows';
import { PortAtom, portsLabel, PROTOCOL_ORDER } from '../analysis/port-space';
import { Bitset } from '../bitset';
import { IdentityNumbers } from '../identity-numbers';

export type Isolation = 'isolated' | 'open';

export interface DiagramNode {
  /** A safe identifier: letters, digits and `_`, starting with a letter. */
  readonly id: string;
  /** What it stands for; `namespace` when a large model is drawn one node per namespace. */
  readonly kind: FlowNode['kind'] | 'namespace';
  /** Label lines: the name, then (workloads) the kind and isolation. */
  readonly lines: readonly string[];
  readonly ingress: Isolation;
  readonly egress: Isolation;
  /** Style classes: `isolated-ingress`/`open-ingress`, `isolated-egress`/`open-egress`, or `external`. */
  readonly classes: readonly string[];
}

export interface DiagramNamespace {
  readonly id: string;
  readonly name: string;
  /** `namespace shop`, `other namespaces`, `other namespaces [team=ops]`. */
  readonly title: string;
  readonly nodes: readonly DiagramNode[];
}

export interface DiagramEdge {
  readonly from: string;
  readonly to: string;
  /** All the edge's ports, e.g. `TCP 53, UDP 53`, `all TCP`, `all ports`. */
  readonly label: string;
}

export interface DiagramView {
  readonly title?: string;
  /** The comment lines at the top: the legend, and how representatives are named when there are some. */
  readonly legend: readonly string[];
  readonly namespaces: readonly DiagramNamespace[];
  /** Nodes drawn outside any namespace group: one per namespace when the model is too large for its workloads. */
  readonly namespaceNodes: readonly DiagramNode[];
  readonly externals: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** Visits the drawn sources of each destination that are allowed on the same atoms. */
type VisitDrawn = (visit: (to: FlowNode, atoms: readonly PortAtom[], classes: Bitset, externals: readonly FlowNode[]) => void) => void;

const NO_NODES: readonly FlowNode[] = [];

/** Beyond this many workloads (and representatives) a diagram is drawn one node per namespace. */
export const NODE_LIMIT = 400;

/** The legend, written as comments at the top of both formats. */
export const LEGEND: readonly string[] = [
  'An edge is a connection the NetworkPolicies allow, labelled with its ports ("all TCP": every TCP port).',
  'Workloads: isolated-ingress / isolated-egress when a policy selects them for that direction;',
  'open-ingress / open-egress when none does: they accept from anyone / send anywhere, and flows',
  'between an open sender and an open receiver are not drawn. An edge to or from "internet / any',
  'address" comes from a rule without peers: on those ports the workload sends to / accepts from',
  'anyone (any pod, any address), so flows it implies are not drawn either.',
];

/** Added to the legend when the model has ClusterNetworkPolicies. */
const TIERS_LEGEND: readonly string[] = [
  'ClusterNetworkPolicies are judged too (Admin tier, then NetworkPolicies, then Baseline tier); a workload one of',
  'their rules applies to is isolated for that direction. tiered-ingress / tiered-egress: a rule of theirs that can',
  'match pods applies, so every flow between the workload and pods in that direction is drawn (an edge to or from',
  '"internet / any address" stands for addresses only); tiered-egress-networks: a rule with networks applies, so',
  'every flow from the workload to addresses is drawn.',
];

/** The legend lines after `LEGEND` that say how the model's policies are judged. */
function tiersLegend(graph: FlowGraph): readonly string[] {
  return graph.side.evaluator.tiers ? TIERS_LEGEND : [];
}

/** Added to the legend when nodes are representatives (policies without their workloads). */
const REPRESENTATIVES_LEGEND: readonly string[] = [
  'Without the workloads, nodes are the pods the policies tell apart, named by their labels: [tier=frontend]',
  'stands for every pod with those labels (and any others no selector mentions); "other pods" for those no',
  'selector singles out. Representatives that are open both ways and have no edge are left out.',
];

function isolationText(node: FlowNode): string {
  if (node.ingressIsolated && node.egressIsolated) return 'isolated';
  if (node.ingressIsolated) return 'ingress isolated, egress open';
  if (node.egressIsolated) return 'ingress open, egress isolated';
  return 'open';
}

function slug(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '') || 'x';
}

/** Gives each text a distinct safe identifier with a prefix; a clash gets a counter. */
class Ids {
  private readonly used = new Set<string>();

  public make(prefix: string, text: string): string {
    const base = `${prefix}_${slug(text)}`;
    let id = base;
    for (let n = 2; this.used.has(id); n++) id = `${base}_${n}`;
    this.used.add(id);
    return id;
  }
}

/** The heading of a namespace group: representatives of other namespaces live in `*` or `*[labels]`. */
function namespaceTitle(name: string): string {
  if (!name.startsWith('*')) return `namespace ${name}`;
  return name === '*' ? 'other namespaces' : `other namespaces ${name.slice(1)}`;
}

export function diagramView(graph: FlowGraph, title?: string): DiagramView {
  const nodes = graph.nodes;
  const classCount = graph.side.evaluator.classes.length;
  // The marks: what a workload may send to, or accept from, any address (rules without peers), by atom: its
  // number, equal where `atomKey` is (protocol and ports; "every other port" of a protocol is one atom).
  // Sending is kept per pod class (the nodes of a class send alike).
  const atomNumber = (atom: PortAtom) => {
    const protocol = PROTOCOL_ORDER.indexOf(atom.protocol);
    return atom.other ? -1 - protocol : (protocol * 65536 + atom.lo) * 65536 + atom.hi;
  };
  const toAny = new Map<number, Bitset>();
  const fromAny = new Map<string, Set<number>>();
  const any = nodes.get(ANY_ADDRESS_KEY);
  if (any) {
    const anyIndex = graph.externalNodes.indexOf(any);
    for (const inflow of graph.inflows(any)) {
      const key = atomNumber(inflow.atom);
      const classes = toAny.get(key);
      if (classes) classes.or(inflow.classes); else toAny.set(key, inflow.classes.clone());
    }
    for (const to of nodes.values()) {
      if (to.end.kind !== 'pod') continue;
      for (const inflow of graph.inflows(to)) {
        if (anyIndex < 0 || !inflow.externalSet.has(anyIndex)) continue;
        let set = fromAny.get(to.key);
        if (!set) fromAny.set(to.key, (set = new Set()));
        set.add(atomNumber(inflow.atom));
      }
    }
  }
  // A ClusterNetworkPolicy rule may deny some pods and no address (or some addresses and no pod): for a node
  // such a rule applies to, an edge to (from) any address says nothing of the other kind of end.
  const isPod = (node: FlowNode) => node.kind === 'workload' || node.kind === 'representative';
  const tieredToPods = new Bitset(classCount);
  const tieredNetworks = new Bitset(classCount);
  const egressIsolated = new Bitset(classCount);
  for (const node of nodes.values()) {
    if (node.end.kind !== 'pod') continue;
    if (node.egressIsolated) egressIsolated.add(node.end.cls);
    if (node.egressTiered) tieredToPods.add(node.end.cls);
    if (node.egressTieredNetworks) tieredNetworks.add(node.end.cls);
  }
  /** The classes whose nodes send an atom anywhere by an edge to any address (to pods, or to addresses). */
  const sendingAnywhere = new Map<string, Bitset>();
  const sendsAnywhereClasses = (atom: PortAtom, toPods: boolean): Bitset | undefined => {
    const key = `${atomNumber(atom)}${toPods ? 'p' : 'a'}`;
    let classes = sendingAnywhere.get(key);
    if (classes === undefined) {
      const marked = toAny.get(atomNumber(atom));
      if (!marked) return undefined;
      sendingAnywhere.set(key, (classes = marked.clone().andNot(toPods ? tieredToPods : tieredNetworks)));
    }
    return classes;
  };
  const sendsAnywhere = (node: FlowNode, atom: PortAtom, to: FlowNode) => node.kind === 'block' || node.kind === 'any' || !node.egressIsolated
    || (sendsAnywhereClasses(atom, isPod(to))?.has((node.end as PodEnd).cls) ?? false);
  const acceptsAnyone = (node: FlowNode, atom: PortAtom, from: 'pod' | 'address') => node.kind === 'block' || node.kind === 'any' || !node.ingressIsolated
    || (!(node.ingressTiered && from === 'pod') && (fromAny.get(node.key)?.has(atomNumber(atom)) ?? false));
  const drawn = (from: FlowNode, to: FlowNode, atom: PortAtom): boolean => {
    if (from.key === ANY_ADDRESS_KEY) return to.ingressIsolated;
    if (to.key === ANY_ADDRESS_KEY) return from.egressIsolated;
    return !(sendsAnywhere(from, atom, to) && acceptsAnyone(to, atom, isPod(from) ? 'pod' : 'address'));
  };

  /**
   * Visits, per destination, the sources allowed on the same atoms (a source is in one part of each
   * destination, so a pair comes with every atom it is allowed on and its label can say "all TCP"),
   * keeping those with a drawn flow. Judged per pod class (the nodes of a class send alike), with sets.
   */
  const filtered = (keep: (node: FlowNode) => boolean) => {
    const memo = new WeakMap<readonly FlowNode[], readonly FlowNode[]>();
    return (list: readonly FlowNode[]): readonly FlowNode[] => {
      let out = memo.get(list);
      if (out === undefined) memo.set(list, (out = list.filter(keep)));
      return out;
    };
  };
  const withoutAny = filtered((node) => node.key !== ANY_ADDRESS_KEY);
  const onlyAny = filtered((node) => node.key === ANY_ADDRESS_KEY);
  const sendersToPods = new WeakMap<FlowPart, Bitset>();
  const sendersToAddresses = new WeakMap<FlowPart, Bitset>();
  const visitDrawn: VisitDrawn = (visit) => {
    for (const to of nodes.values()) {
      for (const part of graph.parts(to)) {
        let classes = part.classes;
        if (to.key === ANY_ADDRESS_KEY) {
          // Flows to any address are drawn for isolated senders only.
          classes = classes.clone().and(egressIsolated);
        } else if (part.atoms.every((a) => acceptsAnyone(to, a, 'pod'))) {
          // Accepted from anyone: drawn only for isolated senders that do not send every one of those ports
          // anywhere. That depends on the part alone (and whether the destination is a pod): kept per part.
          const memo = isPod(to) ? sendersToPods : sendersToAddresses;
          let senders = memo.get(part);
          if (!senders) {
            senders = classes.clone().and(egressIsolated);
            let everywhere: Bitset | undefined;
            for (const atom of part.atoms) {
              const sending = sendsAnywhereClasses(atom, isPod(to));
              if (!sending) {
                everywhere = undefined;
                break;
              }
              everywhere = everywhere ? everywhere.clone().and(sending) : sending;
            }
            if (everywhere) senders.andNot(everywhere);
            memo.set(part, senders);
          }
          classes = senders;
        }
        // Whether a flow from an address is drawn depends on the destination and the atoms alone: from any
        // address when the destination is isolated, from the other atoms when it does not accept every one
        // of those ports from anyone. The lists are shared by destinations alike: filtered once per list.
        let externals = part.externals;
        if (externals.length > 0 && to.end.kind === 'pod') {
          const fromAddresses = part.atoms.some((a) => !acceptsAnyone(to, a, 'address'));
          if (fromAddresses === to.ingressIsolated) externals = fromAddresses ? externals : NO_NODES;
          else externals = (fromAddresses ? withoutAny : onlyAny)(externals);
        } else if (externals.length > 0) {
          externals = externals.filter((from) => part.atoms.some((a) => drawn(from, to, a)));
        }
        if (!classes.isEmpty() || externals.length > 0) visit(to, part.atoms, classes, externals);
      }
    }
  };

  const endpoints = [...nodes.values()].filter((n) => n.kind === 'workload' || n.kind === 'representative');
  if (endpoints.length > NODE_LIMIT) return namespaceView(graph, endpoints, visitDrawn, title);

  const byPair = new Map<string, { from: string; to: string; atoms: readonly PortAtom[] }>();
  visitDrawn((to, atoms, classes, externals) => {
    const single = to.end.kind === 'pod' && !to.end.multiple;
    const add = (from: FlowNode) => byPair.set(`${from.key}\u0000${to.key}`, { from: from.key, to: to.key, atoms });
    for (const cls of classes.members()) for (const from of graph.nodesOf(cls)) if (!(single && from === to)) add(from);
    for (const from of externals) add(from);
  });

  const ids = new Ids();
  const idOf = new Map<string, string>();
  const touchedEarly = new Set<string>();
  for (const { from, to } of byPair.values()) {
    touchedEarly.add(from);
    touchedEarly.add(to);
  }
  // A representative that is open both ways and has no edge says nothing a reader needs: it is left out.
  const shown = (n: FlowNode) => n.kind === 'workload'
    || (n.kind === 'representative' && (n.ingressIsolated || n.egressIsolated || touchedEarly.has(n.key)));
  const workloads = [...nodes.values()].filter(shown)
    .sort((a, b) => compareText(a.namespace!, b.namespace!) || compareText(a.label, b.label));
  const namespaces: DiagramNamespace[] = [];
  for (const node of workloads) {
    let group = namespaces[namespaces.length - 1];
    if (!group || group.name !== node.namespace) {
      group = { id: ids.make('ns', node.namespace!), name: node.namespace!, title: namespaceTitle(node.namespace!), nodes: [] };
      namespaces.push(group);
    }
    const id = ids.make('w', node.label);
    idOf.set(node.key, id);
    const ingress: Isolation = node.ingressIsolated ? 'isolated' : 'open';
    const egress: Isolation = node.egressIsolated ? 'isolated' : 'open';
    // The label's first line is what the id adds to the namespace: the name (with the kind when shared).
    const name = node.label.slice(node.namespace!.length + 1);
    const kindLine = node.kind === 'representative' ? (name === '*' ? 'other pods' : 'pods') : node.workloadKind!;
    const tiered = [...(node.ingressTiered ? ['ingress'] : []), ...(node.egressTiered ? ['egress'] : []),
      ...(node.egressTieredNetworks ? ['egress-networks'] : [])];
    (group.nodes as DiagramNode[]).push({
      id,
      kind: node.kind,
      lines: [name, kindLine, isolationText(node), ...(tiered.length > 0 ? [`ClusterNetworkPolicy rules: ${tiered.join(', ').replace('egress-networks', 'egress to networks')}`] : [])],
      ingress,
      egress,
      classes: [`${ingress}-ingress`, `${egress}-egress`, ...tiered.map((t) => `tiered-${t}`)],
    });
  }

  const touched = new Set<string>();
  for (const { from, to } of byPair.values()) {
    touched.add(from);
    touched.add(to);
  }
  const externals: DiagramNode[] = [];
  for (const node of nodes.values()) {
    if (node.kind === 'workload' || node.kind === 'representative') continue;
    // "any address" appears when something is drawn to or from it; named blocks always do.
    if (node.kind === 'any' && !touched.has(node.key)) continue;
    const id = ids.make(node.kind === 'any' ? 'ext' : 'cidr', node.kind === 'any' ? 'any' : node.label);
    idOf.set(node.key, id);
    externals.push({ id, kind: node.kind, lines: [node.label], ingress: 'open', egress: 'open', classes: ['external'] });
  }

  const edges = [...byPair.values()]
    .filter(({ from, to }) => idOf.has(from) && idOf.has(to))
    .map(({ from, to, atoms }) => ({
      from: idOf.get(from)!,
      to: idOf.get(to)!,
      label: portsLabel(atoms, graph.portsGiven ? undefined : graph.atomsOf(to)),
    }))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to));
  const representatives = workloads.some((n) => n.kind === 'representative');
  const legend = [...LEGEND, ...tiersLegend(graph), ...(representatives ? REPRESENTATIVES_LEGEND : [])];
  return { title, legend, namespaces, namespaceNodes: [], externals, edges };
}

/**
 * A model with more workloads than a diagram can show, one node per namespace: an edge between two
 * namespaces is drawn when a flow between their workloads would be, labelled with the ports of all of
 * them; the address blocks stay nodes of their own.
 */
function namespaceView(
  graph: FlowGraph,
  endpoints: readonly FlowNode[],
  visitDrawn: VisitDrawn,
  title: string | undefined,
): DiagramView {
  const ids = new Ids();
  const members = new Map<string, FlowNode[]>();
  for (const node of endpoints) {
    const list = members.get(node.namespace!);
    if (list) list.push(node); else members.set(node.namespace!, [node]);
  }
  const idOf = new Map<string, string>();
  const namespaceNodes: DiagramNode[] = [...members.keys()].sort(compareText).map((name) => {
    const list = members.get(name)!;
    const id = ids.make('ns', name);
    idOf.set(name, id);
    const ingress = list.filter((n) => n.ingressIsolated).length;
    const egress = list.filter((n) => n.egressIsolated).length;
    const isolation = (count: number): Isolation => (count === list.length ? 'isolated' : 'open');
    return {
      id,
      kind: 'namespace',
      lines: [namespaceTitle(name), `${list.length} ${list.length === 1 ? 'endpoint' : 'endpoints'}`,
        `${ingress} isolated for ingress, ${egress} for egress`],
      ingress: isolation(ingress),
      egress: isolation(egress),
      classes: [`${isolation(ingress)}-ingress`, `${isolation(egress)}-egress`],
    };
  });
  const externals: DiagramNode[] = [];
  for (const node of graph.nodes.values()) {
    if (node.kind !== 'block' && node.kind !== 'any') continue;
    const id = ids.make(node.kind === 'any' ? 'ext' : 'cidr', node.kind === 'any' ? 'any' : node.label);
    idOf.set(node.key, id);
    externals.push({ id, kind: node.kind, lines: [node.label], ingress: 'open', egress: 'open', classes: ['external'] });
  }
  const where = (node: FlowNode) => (node.kind === 'block' || node.kind === 'any' ? node.key : node.namespace!);
  // The namespace of each pod class, by number, so that a part's namespaces are found word by word.
  const classes = graph.side.evaluator.classes;
  const names = [...members.keys()];
  const numberOf = new Map(names.map((name, i) => [name, i]));
  const namespaceOf = Int32Array.from(classes, (c) => numberOf.get(c.namespace) ?? -1);
  const seen = new Uint8Array(names.length);
  const classesOf: number[][] = names.map(() => []);
  namespaceOf.forEach((ns, cls) => {
    if (ns >= 0) classesOf[ns].push(cls);
  });
  // The namespaces of a set of classes, in the order of their first class: sets are shared between
  // destinations alike, so each is read once.
  const namespacesBySet = new WeakMap<Bitset, number[]>();
  const namespacesIn = (set: Bitset): number[] => {
    let list = namespacesBySet.get(set);
    if (!list) {
      list = [];
      for (const cls of set.members()) {
        const ns = namespaceOf[cls];
        if (ns < 0 || seen[ns] === 1) continue;
        seen[ns] = 1;
        list.push(ns);
      }
      for (const ns of list) seen[ns] = 0;
      namespacesBySet.set(set, list);
    }
    return list;
  };
  // Groups by number (namespaces, then address nodes), so that a pair is a number: this runs for every pair
  // of namespaces with a drawn flow.
  const groupNumber = new Map<string, number>(names.map((name, i) => [name, i]));
  const groupOf = (node: FlowNode): number => {
    const key = where(node);
    let n = groupNumber.get(key);
    if (n === undefined) groupNumber.set(key, (n = groupNumber.size));
    return n;
  };
  // Most pairs get one label: a set is made only for a pair with a second (this map holds every pair).
  const byNumber = new Map<number, { from: string; to: string; label: string; more?: Set<string> }>();
  // More than there can be groups (each is a namespace or a node): a pair's number is then its own, and a
  // small integer (quick to hash) for clusters of up to some 30,000 nodes.
  const PAIR = names.length + graph.nodes.size;
  const visited = new Set<string>();
  const identities = new IdentityNumbers<object>();
  visitDrawn((to, atoms, drawnClasses, drawnExternals) => {
    const ports = portsLabel(atoms, graph.portsGiven ? undefined : graph.atomsOf(to.key));
    const target = groupOf(to);
    const single = to.end.kind === 'pod' && !to.end.multiple;
    // A single pod's traffic to itself is never a flow: its namespace is a source only through another class.
    const own = single ? (to.end as PodEnd).cls : -1;
    const alone = own >= 0 && drawnClasses.has(own) && graph.nodesOf(own).length === 1
      && !classesOf[namespaceOf[own]].some((c) => c !== own && drawnClasses.has(c));
    // Destinations of a namespace alike visit the same shared sets on the same ports: once is enough.
    const visit = `${target} ${alone ? namespaceOf[own] : -1} ${identities.numberOf(drawnClasses)} ${identities.numberOf(drawnExternals)} ${ports}`;
    if (visited.has(visit)) return;
    visited.add(visit);
    const add = (source: number, sourceKey: () => string) => {
      const pair = source * PAIR + target;
      const entry = byNumber.get(pair);
      if (!entry) byNumber.set(pair, { from: idOf.get(sourceKey())!, to: idOf.get(where(to))!, label: ports });
      else if (entry.label !== ports) (entry.more ??= new Set([entry.label])).add(ports);
    };
    for (const ns of namespacesIn(drawnClasses)) if (!(alone && ns === namespaceOf[own])) add(ns, () => names[ns]);
    for (const from of drawnExternals) add(groupOf(from), () => where(from));
  });
  // A pair's one label, in the order of merged labels: the same few labels for most pairs, put in order once.
  const inOrder = new Map<string, string>();
  const single = (label: string): string => {
    let text = inOrder.get(label);
    if (text === undefined) inOrder.set(label, (text = mergeLabels([label])));
    return text;
  };
  // In the order of their ids (from, then to), by the ids' ranks: a cluster's namespaces have pairs by the
  // hundred thousand, and the ids are few.
  const rank = new Map([...new Set(idOf.values())].sort(compareText).map((id, i) => [id, i]));
  const entries = [...byNumber.values()];
  const edges = inOrderOf(entries, (entry) => rank.get(entry.from)! * rank.size + rank.get(entry.to)!)
    .map(({ from, to, label, more }) => ({ from, to, label: more ? mergeLabels(more) : single(label) }));
  const legend = [
    ...LEGEND,
    ...tiersLegend(graph),
    `${endpoints.length} workloads are more than a diagram can show (${NODE_LIMIT}): one node per namespace, and an edge between`,
    'two namespaces where a flow between their workloads would be drawn, with the ports of all of them.',
    'Draw the workloads of some namespaces with --namespace.',
  ];
  return { title, legend, namespaces: [], namespaceNodes, externals, edges };
}

/**
 * The items in the order of their numbers (whole and not negative; equal numbers keep their items'
 * order). Each number and its item's position are one float, so that a typed array sorts them without a
 * comparison function; numbers too large for that are sorted by a comparison. Internal: exported for its
 * test.
 */
export function inOrderOf<T>(items: readonly T[], numberOf: (item: T) => number): T[] {
  const numbers = items.map(numberOf);
  const width = 2 ** Math.max(1, Math.ceil(Math.log2(items.length + 1)));
  if (numbers.some((n) => n * width + width > Number.MAX_SAFE_INTEGER)) {
    return items.map((item, i) => ({ item, n: numbers[i] })).sort((a, b) => a.n - b.n).map(({ item }) => item);
  }
  const keys = Float64Array.from(numbers, (n, i) => n * width + i).sort();
  return Array.from(keys, (key) => items[key % width]);
}

/** The ports of several pairs in one label: `TCP 53, TCP 8080, UDP 53`; `all ports` says it all. */
function mergeLabels(labels: Iterable<string>): string {
  const texts = [...labels];
  if (texts.includes('all ports')) return 'all ports';
  const parts = new Set<string>();
  for (const text of texts) for (const part of text.split(', ')) parts.add(part);
  return [...parts].sort(compareText).join(', ');
}
