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
import { ANY_ADDRESS_KEY, compareText, Flow, FlowGraph, FlowNode } from '../analysis/flows';
import { atomKey, PortAtom, portsLabel } from '../analysis/port-space';

export type Isolation = 'isolated' | 'open';

export interface DiagramNode {
  /** A safe identifier: letters, digits and `_`, starting with a letter. */
  readonly id: string;
  readonly kind: FlowNode['kind'];
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
  readonly externals: readonly DiagramNode[];
  readonly edges: readonly DiagramEdge[];
}

/** The legend, written as comments at the top of both formats. */
export const LEGEND: readonly string[] = [
  'An edge is a connection the NetworkPolicies allow, labelled with its ports ("all TCP": every TCP port).',
  'Workloads: isolated-ingress / isolated-egress when a policy selects them for that direction;',
  'open-ingress / open-egress when none does: they accept from anyone / send anywhere, and flows',
  'between an open sender and an open receiver are not drawn. An edge to or from "internet / any',
  'address" comes from a rule without peers: on those ports the workload sends to / accepts from',
  'anyone (any pod, any address), so flows it implies are not drawn either.',
];

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
  const flows = graph.flows();
  const toAny = new Map<string, Set<string>>();
  const fromAny = new Map<string, Set<string>>();
  const mark = (map: Map<string, Set<string>>, key: string, atom: PortAtom) => {
    const set = map.get(key) ?? new Set<string>();
    set.add(atomKey(atom));
    map.set(key, set);
  };
  for (const flow of flows) {
    if (flow.to === ANY_ADDRESS_KEY) mark(toAny, flow.from, flow.atom);
    if (flow.from === ANY_ADDRESS_KEY) mark(fromAny, flow.to, flow.atom);
  }
  // A flow to (or from) "any address" on an atom comes from a rule without peers: it reaches every node on those ports.
  const viaAny = (marks: Set<string> | undefined, atom: PortAtom) => marks !== undefined && marks.has(atomKey(atom));
  const sendsAnywhere = (node: FlowNode, atom: PortAtom) => node.kind === 'block' || node.kind === 'any' || !node.egressIsolated || viaAny(toAny.get(node.key), atom);
  const acceptsAnyone = (node: FlowNode, atom: PortAtom) => node.kind === 'block' || node.kind === 'any' || !node.ingressIsolated || viaAny(fromAny.get(node.key), atom);
  const drawn = (flow: Flow): boolean => {
    const from = nodes.get(flow.from)!;
    const to = nodes.get(flow.to)!;
    if (flow.from === ANY_ADDRESS_KEY) return to.ingressIsolated;
    if (flow.to === ANY_ADDRESS_KEY) return from.egressIsolated;
    return !(sendsAnywhere(from, flow.atom) && acceptsAnyone(to, flow.atom));
  };

  // An edge is drawn for a pair when one of its flows is not implied by the marks; its label gives every
  // port the pair is allowed, so that "all TCP" is said when it holds.
  const byPair = new Map<string, { from: string; to: string; atoms: PortAtom[]; drawn: boolean }>();
  for (const flow of flows) {
    const pair = `${flow.from}\u0000${flow.to}`;
    const entry = byPair.get(pair) ?? { from: flow.from, to: flow.to, atoms: [], drawn: false };
    entry.atoms.push(flow.atom);
    entry.drawn = entry.drawn || drawn(flow);
    byPair.set(pair, entry);
  }
  for (const [key, entry] of byPair) if (!entry.drawn) byPair.delete(key);

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
    (group.nodes as DiagramNode[]).push({
      id,
      kind: node.kind,
      lines: [name, kindLine, isolationText(node)],
      ingress,
      egress,
      classes: [`${ingress}-ingress`, `${egress}-egress`],
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
  return { title, legend: representatives ? [...LEGEND, ...REPRESENTATIVES_LEGEND] : LEGEND, namespaces, externals, edges };
}
