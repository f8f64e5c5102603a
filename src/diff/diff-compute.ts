/**
 * The flows a change adds and removes: both models judged on the same nodes (their workloads, the
 * representatives of both sides' policies together, the address atoms of both), the same port atoms per
 * destination, then compared flow by flow. Internal; `ConnectivityDiff` is the public face.
 *
 * @module
 */
import { FlowChange } from './flow-change';
import { PolicyDirection, RuleReference } from '../analysis/connectivity';
import { Evaluator, SideVerdict } from '../analysis/evaluator';
import { describeRule, ruleReference } from '../analysis/explain';
import { candidateAtoms, compareText, Flow, FlowGraph, FlowNode, FlowSide, FlowUniverse } from '../analysis/flows';
import { ModelSnapshot } from '../analysis/model';
import { compareAtoms, PortAtom } from '../analysis/port-space';
import { deriveRepresentatives, RepresentativeMode, withRepresentatives } from '../analysis/representatives';

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
  const changes = (graph: FlowGraph, other: FlowGraph): FlowChange[] => graph.flows()
    .filter((flow) => !other.has(flow))
    .map((flow) => change(graph, flow, labels))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || compareChanges(a, b));
  const workloads = (graph: FlowGraph, other: FlowGraph): string[] => [...graph.nodes.values()]
    .filter((n) => n.kind === 'workload' && !other.nodes.has(n.key))
    .map((n) => labels.get(n.key)!)
    .sort(compareText);
  const keys = new Set([...oldGraph.nodes.keys(), ...newGraph.nodes.keys()]);
  return {
    added: changes(newGraph, oldGraph),
    removed: changes(oldGraph, newGraph),
    addedWorkloads: workloads(newGraph, oldGraph),
    removedWorkloads: workloads(oldGraph, newGraph),
    nodes: keys.size,
  };
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

function change(graph: FlowGraph, flow: Flow, labels: ReadonlyMap<string, string>): FlowChange {
  const evaluator = graph.side.evaluator;
  const fromNode = graph.nodes.get(flow.from)!;
  const toNode = graph.nodes.get(flow.to)!;
  const verdict = evaluator.judge(fromNode.end, toNode.end, flow.atom.protocol, flow.atom.lo);
  const from = labels.get(flow.from)!;
  const to = labels.get(flow.to)!;
  const port = flow.atom.other ? {} : flow.atom.hi === flow.atom.lo ? { port: flow.atom.lo } : { port: flow.atom.lo, endPort: flow.atom.hi };
  return {
    from,
    to,
    protocol: flow.atom.protocol,
    ...port,
    allowedBy: [...allowingRules(verdict.egress), ...allowingRules(verdict.ingress)],
    reason: `${sideReason(verdict.egress, from)}; ${sideReason(verdict.ingress, to)}`,
  };
}

function allowingRules(side: SideVerdict): RuleReference[] {
  const direction = side.direction === 'Ingress' ? PolicyDirection.INGRESS : PolicyDirection.EGRESS;
  return side.checks.filter((c) => c.peerMatches && c.portMatches).map((c) => ({
    policy: c.policy.id,
    direction,
    ruleIndex: c.rule.index,
    description: `${ruleReference(c)}: ${describeRule(c.rule, c.policy.model.namespace)}`,
  }));
}

function sideReason(side: SideVerdict, label: string): string {
  const word = side.direction === 'Ingress' ? 'ingress' : 'egress';
  if (!side.judged) return `${word}: ${label} is an external address, never isolated`;
  if (side.isolatingPolicies.length === 0) return `${word}: ${label} is not isolated for ${word}`;
  const rules = side.checks.filter((c) => c.peerMatches && c.portMatches)
    .map((c) => `${ruleReference(c)} (${describeRule(c.rule, c.policy.model.namespace)})`);
  return `${word}: allowed by ${rules.join(' and by ')}`;
}
