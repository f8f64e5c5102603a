/**
 * The flows a change adds and removes: both models judged on the same nodes (their workloads, the
 * representatives of both sides' policies together, the address atoms of both), the same port atoms per
 * destination, then compared destination by destination: per atom, the sources each side allows, as
 * sets over the nodes of both sides, so that the cost follows the flows and the memory the changes.
 * Internal; `ConnectivityDiff` is the public face.
 *
 * @module
 */
import { FlowChange } from './flow-change';
import { decidingRule, ruleName } from '../analysis/cluster-tiers';
import { RuleReference } from '../analysis/connectivity';
import { Evaluator, RuleCheck, SideVerdict } from '../analysis/evaluator';
import { describeRule, ruleReference } from '../analysis/explain';
import { candidateAtoms, compareText, Flow, FlowGraph, FlowNode, FlowSide, FlowUniverse, Inflow } from '../analysis/flows';
import { ModelSnapshot } from '../analysis/model';
import { compareAtoms, PortAtom } from '../analysis/port-space';
import { deriveRepresentatives, RepresentativeMode, withRepresentatives } from '../analysis/representatives';
import { Bitset } from '../bitset';
import { PolicyType } from '../policy-type';

export interface DiffResult {
  readonly added: FlowChange[];
  readonly removed: FlowChange[];
  readonly addedWorkloads: string[];
  readonly removedWorkloads: string[];
  /** How many nodes (endpoints and address atoms) of either side were compared. */
  readonly nodes: number;
}

export interface DiffSettings {
  readonly namespaces?: readonly string[];
  readonly ports?: readonly PortAtom[];
}

/** The evaluators of two snapshots, judged on the representatives of both together. */
export function diffEvaluators(before: ModelSnapshot, after: ModelSnapshot, mode: RepresentativeMode): [Evaluator, Evaluator] {
  const representatives = deriveRepresentatives([before, after], mode);
  return [new Evaluator(withRepresentatives(before, representatives)), new Evaluator(withRepresentatives(after, representatives))];
}

export function computeDiff(before: Evaluator, after: Evaluator, settings: DiffSettings = {}): DiffResult {
  const oldSide = new FlowSide(before, settings.namespaces);
  const newSide = new FlowSide(after, settings.namespaces);
  // One universe and one set of port atoms per destination for both sides, so that a flow absent on one
  // side was asked there too (a port only the old rules name is still checked on the new side).
  const universe = FlowUniverse.of([oldSide, newSide], settings.ports);
  const candidates = candidateAtoms([oldSide, newSide], universe);
  const oldGraph = FlowGraph.compute(oldSide, universe, candidates);
  const newGraph = FlowGraph.compute(newSide, universe, candidates);

  const labels = labelNodes([...oldGraph.nodes.values(), ...newGraph.nodes.values()]);
  // Every node of either side gets a number; each side's pod classes map to the numbers of their nodes.
  const keys = [...new Set([...oldGraph.nodes.keys(), ...newGraph.nodes.keys()])];
  const numberOf = new Map(keys.map((key, i) => [key, i]));
  const added: FlowChange[] = [];
  const removed: FlowChange[] = [];
  const oldNodes = new NodeSets(oldGraph, numberOf, keys.length);
  const newNodes = new NodeSets(newGraph, numberOf, keys.length);
  const equalSets = new SetEquality();
  // With the ports given, the atoms are those ports only: they never make up every port of a protocol.
  const whole = settings.ports === undefined;
  for (const key of keys) {
    const oldTo = oldGraph.nodes.get(key);
    const newTo = newGraph.nodes.get(key);
    const atoms = (oldTo ? oldGraph : newGraph).atomsOf(key);
    const addedHere: Flow[] = [];
    const removedHere: Flow[] = [];
    for (const atom of atoms) {
      const wasParts = oldNodes.sources(oldTo, atom);
      const isParts = newNodes.sources(newTo, atom);
      // Most destinations are unchanged: their shared sets are compared (once per pair) without a copy.
      if (sameSources(wasParts, isParts, equalSets)) continue;
      const was = nodeSet(wasParts);
      const is = nodeSet(isParts);
      if (was.equals(is)) continue;
      // What one side allows and the other does not.
      for (const i of is.clone().andNot(was).members()) addedHere.push({ from: keys[i], to: key, atom });
      for (const i of was.clone().andNot(is).members()) removedHere.push({ from: keys[i], to: key, atom });
    }
    added.push(...changesTo(newGraph, addedHere, whole ? atoms : undefined, labels));
    removed.push(...changesTo(oldGraph, removedHere, whole ? atoms : undefined, labels));
  }
  const order = (a: FlowChange, b: FlowChange) => compareText(a.source, b.source)
    || compareText(a.destination, b.destination) || compareChanges(a, b);
  const workloads = (graph: FlowGraph, other: FlowGraph): string[] => [...graph.nodes.values()]
    .filter((n) => n.kind === 'workload' && !other.nodes.has(n.key))
    .map((n) => labels.get(n.key)!)
    .sort(compareText);
  return {
    added: added.sort(order),
    removed: removed.sort(order),
    addedWorkloads: workloads(newGraph, oldGraph),
    removedWorkloads: workloads(oldGraph, newGraph),
    nodes: keys.length,
  };
}

/**
 * One side's sources as sets over the nodes of both sides (by number): each set of pod classes is
 * translated once (the graph shares one set among a destination's atoms that allow the same sources).
 */
class NodeSets {
  private readonly numbers: Int32Array[] = [];
  private readonly translated = new WeakMap<Bitset, Bitset>();
  private readonly none: Bitset;

  constructor(private readonly graph: FlowGraph, private readonly numberOf: ReadonlyMap<string, number>, private readonly size: number) {
    this.none = new Bitset(size);
    graph.side.evaluator.classes.forEach((_, cls) => {
      this.numbers[cls] = Int32Array.from(graph.nodesOf(cls), (node) => numberOf.get(node.key)!);
    });
  }

  /**
   * The nodes allowed into a destination on an atom (a single pod to itself left out; none without the
   * destination), as shared parts: `nodeSet` makes the set when it is needed.
   */
  public sources(to: FlowNode | undefined, atom: PortAtom): NodeSources {
    if (!to) return { pods: this.none, externals: undefined, self: -1 };
    const inflow = this.graph.inflowOn(to, atom);
    let nodes = this.translated.get(inflow.classes);
    if (!nodes) {
      nodes = new Bitset(this.size);
      for (const cls of inflow.classes.members()) for (const n of this.numbers[cls]) nodes.add(n);
      this.translated.set(inflow.classes, nodes);
    }
    const single = to.end.kind === 'pod' && !to.end.multiple;
    const self = single ? this.numberOf.get(to.key)! : -1;
    return { pods: nodes, externals: inflow.externals.length > 0 ? this.translatedExternals(inflow) : undefined, self };
  }

  /** An inflow's address atoms in this numbering, once per distinct set. */
  private translatedExternals(inflow: Inflow): Bitset {
    let nodes = this.translated.get(inflow.externalSet);
    if (!nodes) {
      nodes = new Bitset(this.size);
      for (const from of inflow.externals) nodes.add(this.numberOf.get(from.key)!);
      this.translated.set(inflow.externalSet, nodes);
    }
    return nodes;
  }
}

/** A destination's sources on one atom: pods and address atoms (shared sets, never modified), less `self`. */
interface NodeSources {
  readonly pods: Bitset;
  readonly externals: Bitset | undefined;
  /** The node left out (a single pod's own), or -1. */
  readonly self: number;
}

/** The set the parts stand for (a new set only when one must be made). */
function nodeSet(sources: NodeSources): Bitset {
  const { pods, externals, self } = sources;
  if (externals === undefined && !(self >= 0 && pods.has(self))) return pods;
  const out = pods.clone();
  if (externals !== undefined) out.or(externals);
  if (self >= 0) out.remove(self);
  return out;
}

/** Whether two sides' parts are surely the same sources (false: they may differ). */
function sameSources(a: NodeSources, b: NodeSources, equal: SetEquality): boolean {
  if (a.self !== b.self || (a.externals === undefined) !== (b.externals === undefined)) return false;
  return equal.test(a.pods, b.pods) && (a.externals === undefined || equal.test(a.externals, b.externals!));
}

/** Set equality, remembered per pair of shared sets: destinations alike ask the same pairs. */
class SetEquality {
  private readonly known = new WeakMap<Bitset, WeakMap<Bitset, boolean>>();

  public test(a: Bitset, b: Bitset): boolean {
    if (a === b) return true;
    let row = this.known.get(a);
    if (row === undefined) this.known.set(a, (row = new WeakMap()));
    let equal = row.get(b);
    if (equal === undefined) row.set(b, (equal = a.equals(b)));
    return equal;
  }
}

function compareChanges(a: FlowChange, b: FlowChange): number {
  const atom = (c: FlowChange): PortAtom => ({ protocol: c.protocol, lo: c.port ?? 0, hi: c.endPort ?? c.port ?? 0, other: c.port === undefined });
  return compareAtoms(atom(a), atom(b));
}

/** Workloads `namespace/name` (`namespace/Kind/name` when kinds share the name on either side); others their label. */
function labelNodes(nodes: readonly FlowNode[]): Map<string, string> {
  const kinds = new Map<string, Set<string>>();
  for (const n of nodes) {
    if (n.kind !== 'workload') continue;
    kinds.set(n.label, (kinds.get(n.label) ?? new Set()).add(n.workloadKind!));
  }
  const labels = new Map<string, string>();
  for (const n of nodes) {
    if (n.kind !== 'workload') {
      labels.set(n.key, n.label);
      continue;
    }
    const shared = kinds.get(n.label)!.size > 1 && !n.label.includes(`/${n.workloadKind}/`);
    labels.set(n.key, shared ? `${n.namespace}/${n.workloadKind}/${n.label.slice(n.namespace!.length + 1)}` : n.label);
  }
  return labels;
}

/**
 * The changes of one destination, one per flow, except that the flows of a source on every port of a
 * protocol (every atom of it, when `atoms` are the destination's whole port space) are one change on
 * ports 1-65535: a port of that protocol is then never listed beside it.
 */
function changesTo(
  graph: FlowGraph, flows: readonly Flow[], atoms: readonly PortAtom[] | undefined, labels: ReadonlyMap<string, string>,
): FlowChange[] {
  const perProtocol = new Map<string, number>();
  for (const atom of atoms ?? []) perProtocol.set(atom.protocol, (perProtocol.get(atom.protocol) ?? 0) + 1);
  const groups = new Map<string, Flow[]>();
  for (const flow of flows) {
    const group = `${flow.from}\n${flow.atom.protocol}`;
    const list = groups.get(group);
    if (list) list.push(flow); else groups.set(group, [flow]);
  }
  const changes: FlowChange[] = [];
  for (const group of groups.values()) {
    const each = group.map((flow) => change(graph, flow, labels));
    if (group.length !== perProtocol.get(group[0].atom.protocol)) {
      changes.push(...each);
      continue;
    }
    const reasons = [...new Set(each.map((c) => c.reason))];
    const rules = new Map(each.flatMap((c) => c.allowedBy).map((r) => [`${r.policy} ${r.direction} ${r.ruleIndex}`, r]));
    changes.push({
      ...each[0],
      port: 1,
      endPort: MAX_PORT,
      allowedBy: [...rules.values()],
      reason: reasons.length === 1 ? reasons[0] : each.map((c) => `on ${portsOf(c)}: ${c.reason}`).join('; '),
    });
  }
  return changes;
}

const MAX_PORT = 65535;

/** `TCP 8080`, `TCP 8000-8100`, `TCP other ports`. */
function portsOf(c: FlowChange): string {
  return `${c.protocol} ${c.port === undefined ? 'other ports' : c.endPort === undefined ? c.port : `${c.port}-${c.endPort}`}`;
}

function change(graph: FlowGraph, flow: Flow, labels: ReadonlyMap<string, string>): FlowChange {
  const evaluator = graph.side.evaluator;
  const fromNode = graph.nodes.get(flow.from)!;
  const toNode = graph.nodes.get(flow.to)!;
  const verdict = evaluator.judge(fromNode.end, toNode.end, flow.atom.protocol, flow.atom.lo);
  const from = labels.get(flow.from)!;
  const to = labels.get(flow.to)!;
  const port = flow.atom.other ? {} : flow.atom.hi === flow.atom.lo ? { port: flow.atom.lo } : { port: flow.atom.lo, endPort: flow.atom.hi };
  return {
    source: from,
    destination: to,
    protocol: flow.atom.protocol,
    ...port,
    allowedBy: [...allowingRules(verdict.egress), ...allowingRules(verdict.ingress)],
    reason: `${sideReason(verdict.egress, from)}; ${sideReason(verdict.ingress, to)}`,
  };
}

function allowingRules(side: SideVerdict): RuleReference[] {
  const direction = side.direction === 'Ingress' ? PolicyType.INGRESS : PolicyType.EGRESS;
  const tiers = side.tiers;
  if (tiers && tiers.decidedBy !== 'NetworkPolicy') {
    // A ClusterNetworkPolicy tier decided (or none did, and the default allows): the NetworkPolicies did not.
    const rule = decidingRule(tiers);
    return rule ? [{ policy: rule.policy.name, direction, ruleIndex: rule.rule.index, description: `${ruleName(rule)} (${rule.action})` }] : [];
  }
  return side.checks.filter((c) => c.peerMatches && c.portMatches).map((c) => ({
    policy: c.policy.id,
    direction,
    ruleIndex: c.rule.index,
    description: `${ruleReference(c)}: ${ruleWords(c)}`,
  }));
}

/** A rule in words, made once per rule: a diff names the same few rules for flows by the thousand. */
const RULE_WORDS = new WeakMap<RuleCheck['rule'], string>();
function ruleWords(check: RuleCheck): string {
  let words = RULE_WORDS.get(check.rule);
  if (words === undefined) RULE_WORDS.set(check.rule, (words = describeRule(check.rule, check.policy.model.namespace)));
  return words;
}

function sideReason(side: SideVerdict, label: string): string {
  const word = side.direction === 'Ingress' ? 'ingress' : 'egress';
  if (!side.judged) return `${word}: ${label} is an external address, never isolated`;
  const tiers = side.tiers;
  if (tiers && tiers.decidedBy !== 'NetworkPolicy') {
    const rule = decidingRule(tiers);
    return rule ? `${word}: allowed by the ${tiers.decidedBy} tier: ${ruleName(rule)} (${rule.action})`
      : `${word}: no ClusterNetworkPolicy tier decides and no NetworkPolicy selects ${label}`;
  }
  if (side.isolatingPolicies.length === 0) return `${word}: ${label} is not isolated for ${word}`;
  const rules = side.checks.filter((c) => c.peerMatches && c.portMatches)
    .map((c) => `${ruleReference(c)} (${ruleWords(c)})`);
  return `${word}: allowed by ${rules.join(' and by ')}`;
}
