/**
 * The flows a change adds and removes: both models judged on the same nodes, ports and representative
 * addresses, then compared flow by flow. Internal; `ConnectivityDiff` is the public face.
 *
 * @module
 */
import { FlowChange } from './flow-change';
import { PolicyDirection, RuleReference } from '../analysis/connectivity';
import { Evaluator, SideVerdict } from '../analysis/evaluator';
import { describeRule, ruleReference } from '../analysis/explain';
import { candidatePorts, compareText, comparePorts, Flow, FlowGraph, FlowNode, FlowSide, FlowUniverse, PortKey } from '../render/flow-graph';

export interface DiffResult {
  readonly added: FlowChange[];
  readonly removed: FlowChange[];
  readonly addedWorkloads: string[];
  readonly removedWorkloads: string[];
}

export interface DiffSettings {
  readonly namespaces?: readonly string[];
  readonly ports?: readonly PortKey[];
}

export function computeDiff(before: Evaluator, after: Evaluator, settings: DiffSettings = {}): DiffResult {
  const oldSide = new FlowSide(before, settings.namespaces);
  const newSide = new FlowSide(after, settings.namespaces);
  // One universe and one set of ports per destination for both sides, so that a flow absent on one
  // side was asked there too (a port only the old rules name is still checked on the new side).
  const universe = FlowUniverse.of([oldSide, newSide], settings.ports);
  const candidates = candidatePorts(newSide, universe, candidatePorts(oldSide, universe));
  const oldGraph = FlowGraph.compute(oldSide, universe, candidates);
  const newGraph = FlowGraph.compute(newSide, universe, candidates);

  const labels = labelNodes([...oldGraph.nodes.values(), ...newGraph.nodes.values()]);
  const changes = (graph: FlowGraph, other: FlowGraph): FlowChange[] => graph.flows
    .filter((flow) => !other.has(flow))
    .map((flow) => change(graph, flow, labels))
    .sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || comparePorts(a, b));
  const workloads = (graph: FlowGraph, other: FlowGraph): string[] => [...graph.nodes.values()]
    .filter((n) => n.kind === 'workload' && !other.nodes.has(n.key))
    .map((n) => labels.get(n.key)!)
    .sort(compareText);
  return {
    added: changes(newGraph, oldGraph),
    removed: changes(oldGraph, newGraph),
    addedWorkloads: workloads(newGraph, oldGraph),
    removedWorkloads: workloads(oldGraph, newGraph),
  };
}

/** `namespace/name`, or `namespace/Kind/name` when kinds share the name on either side. */
function labelNodes(nodes: readonly FlowNode[]): Map<string, string> {
  const kinds = new Map<string, Set<string>>();
  for (const n of nodes) {
    if (n.kind !== 'workload') continue;
    const name = `${n.namespace}/${n.name}`;
    kinds.set(name, (kinds.get(name) ?? new Set()).add(n.workloadKind!));
  }
  const labels = new Map<string, string>();
  for (const n of nodes) {
    if (n.kind !== 'workload') {
      labels.set(n.key, n.label);
      continue;
    }
    const shared = kinds.get(`${n.namespace}/${n.name}`)!.size > 1;
    labels.set(n.key, shared ? `${n.namespace}/${n.workloadKind}/${n.name}` : `${n.namespace}/${n.name}`);
  }
  return labels;
}

function change(graph: FlowGraph, flow: Flow, labels: ReadonlyMap<string, string>): FlowChange {
  const evaluator = graph.side.evaluator;
  const verdict = evaluator.judge(graph.end(flow.from)!, graph.end(flow.to)!, flow.protocol, graph.portNumber(flow));
  const from = labels.get(flow.from)!;
  const to = labels.get(flow.to)!;
  const base = { from, to, protocol: flow.protocol };
  return {
    ...(flow.port === undefined ? base : { ...base, port: flow.port }),
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
