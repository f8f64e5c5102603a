/**
 * The allowed flows of a model: the one result structure the diagrams and the connectivity diff are
 * drawn from. Internal.
 *
 * Nodes are the workloads (pods, and workloads standing for their pods), one node per address block
 * named in an ipBlock, and "internet / any address": the addresses outside every named block. Each
 * external node is judged through one representative address: for a block, an address of it that no
 * narrower named block (or except) singles out, so that every address it stands for is judged alike;
 * for "any address", one outside every named block, which only a rule without peers can allow.
 *
 * Ports checked per destination: the container ports it declares, the ports of the rules that can
 * apply to connections to it (its own ingress rules, and egress rules whose peers match it), or the
 * ports given. A port range contributes its first port. A rule that allows every port (or every port
 * of a protocol) adds "every other port" of that protocol, judged through one port no manifest names:
 * when it is allowed, every port of the protocol is.
 *
 * Every verdict comes from the evaluator; this file only chooses what to ask.
 *
 * @module
 */
import { ExternalEnd, ResolvedEndpoint } from '../analysis/endpoints';
import { Evaluator, IndexedPolicy, IndexedRule } from '../analysis/evaluator';
import { endpointKey } from '../analysis/model';
import { IpBlockPeer } from '../analysis/policy-parse';
import { WorkloadKind } from '../analysis/workload-kind';
import { Protocol } from '../protocol';
import { formatIp, ParsedCidr, ParsedIp } from '../validation/cidr';

export type FlowNodeKind = 'workload' | 'block' | 'any';

/** The key and label of the node standing for every address outside the named blocks. */
export const ANY_KEY = 'any';
const ANY_LABEL = 'internet / any address';

export const PROTOCOL_ORDER: readonly Protocol[] = [Protocol.TCP, Protocol.UDP, Protocol.SCTP];

export interface FlowNode {
  /** Identity across models: `workload:namespace/Kind/name`, `block:<cidr>[ except ...]` or `any`. */
  readonly key: string;
  readonly kind: FlowNodeKind;
  /** Workloads: `namespace/name` (`namespace/Kind/name` when the name is shared); blocks: the CIDR text. */
  readonly label: string;
  readonly namespace?: string;
  readonly name?: string;
  readonly workloadKind?: WorkloadKind;
  /** Whether a policy selects the workload for ingress (always false for external nodes). */
  readonly ingressIsolated: boolean;
  /** Whether a policy selects the workload for egress (always false for external nodes). */
  readonly egressIsolated: boolean;
}

/** A port of a flow; without `port`: every port of the protocol that no manifest names. */
export interface PortKey {
  readonly protocol: Protocol;
  readonly port?: number;
}

export interface Flow {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  /** Absent: every port of the protocol that no manifest names. */
  readonly port?: number;
}

function portKeyText(key: PortKey): string {
  return `${key.port ?? '*'}/${key.protocol}`;
}

function flowKey(flow: Flow): string {
  return `${flow.from}\u0000${flow.to}\u0000${portKeyText(flow)}`;
}

/** Port number first (every other port last), then TCP, UDP, SCTP. */
export function comparePorts(a: PortKey, b: PortKey): number {
  const x = a.port ?? 65536;
  const y = b.port ?? 65536;
  return x - y || PROTOCOL_ORDER.indexOf(a.protocol) - PROTOCOL_ORDER.indexOf(b.protocol);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function workloadNodeKey(namespace: string, kind: string, name: string): string {
  return `workload:${endpointKey(namespace, kind, name)}`;
}

/** One model, narrowed to some namespaces: the workloads drawn and the policies that apply to them. */
export class FlowSide {
  /** Endpoint indices included. */
  public readonly endpoints: readonly number[];
  /** The policies of the included namespaces (a policy only ever applies to pods of its own namespace). */
  public readonly policies: readonly IndexedPolicy[];

  constructor(public readonly evaluator: Evaluator, namespaces?: readonly string[]) {
    const wanted = namespaces ? new Set(namespaces) : undefined;
    this.endpoints = evaluator.endpoints.map((_, i) => i).filter((i) => !wanted || wanted.has(evaluator.endpoints[i].namespace));
    this.policies = evaluator.policies.filter((p) => !wanted || wanted.has(p.model.namespace));
  }

  public nodeKey(index: number): string {
    const e = this.evaluator.endpoints[index];
    return workloadNodeKey(e.namespace, e.kind, e.name);
  }
}

/** An external node and the address it is judged through (none when narrower blocks cover all of it). */
export interface ExternalNode {
  readonly key: string;
  readonly kind: 'block' | 'any';
  readonly label: string;
  readonly representative?: ParsedIp;
}

interface Range {
  readonly family: 4 | 6;
  readonly lo: bigint;
  readonly hi: bigint;
}

const BITS = { 4: 32n, 6: 128n } as const;

function cidrRange(cidr: ParsedCidr): Range {
  const size = 2n ** (BITS[cidr.family] - BigInt(cidr.prefix));
  return { family: cidr.family, lo: cidr.network, hi: cidr.network + size - 1n };
}

/** The lowest value of [lo, hi] outside every range given, if any. */
function lowestOutside(lo: bigint, hi: bigint, avoid: ReadonlyArray<{ readonly lo: bigint; readonly hi: bigint }>): bigint | undefined {
  let candidate = lo;
  const sorted = [...avoid].sort((a, b) => (a.lo < b.lo ? -1 : a.lo > b.lo ? 1 : 0));
  for (const range of sorted) {
    if (range.hi < candidate) continue;
    if (range.lo > candidate) break;
    candidate = range.hi + 1n;
    if (candidate > hi) return undefined;
  }
  return candidate;
}

/**
 * What both models of a diff (or the one model of a diagram) are judged on: the external nodes with
 * their representative addresses, the port that stands for every unnamed port, or the ports given.
 */
export class FlowUniverse {
  public static of(sides: readonly FlowSide[], explicitPorts?: readonly PortKey[]): FlowUniverse {
    const blocks = new Map<string, IpBlockPeer>();
    const ranges: Range[] = [];
    const portRanges: Array<{ lo: bigint; hi: bigint }> = [];
    for (const side of sides) {
      for (const policy of side.policies) {
        for (const rule of [...policy.ingress, ...policy.egress]) {
          for (const peer of rule.rule.peers ?? []) {
            if (peer.kind !== 'ipBlock') continue;
            if (!blocks.has(peer.key)) blocks.set(peer.key, peer);
            ranges.push(cidrRange(peer.cidr), ...peer.except.map(cidrRange));
          }
          for (const port of rule.rule.ports ?? []) {
            if (port.port !== undefined) portRanges.push({ lo: BigInt(port.port), hi: BigInt(port.endPort ?? port.port) });
          }
        }
      }
      for (const i of side.endpoints) {
        const endpoint = side.evaluator.endpoints[i];
        // A representative must not be a pod's address: the pod would stand for itself.
        for (const ip of endpoint.ips) ranges.push({ family: ip.family, lo: ip.value, hi: ip.value });
        for (const port of endpoint.ports) portRanges.push({ lo: BigInt(port.port), hi: BigInt(port.port) });
      }
    }

    const externals: ExternalNode[] = [];
    const anyRep = ([4, 6] as const).map((family) => {
      const value = lowestOutside(0n, 2n ** BITS[family] - 1n, ranges.filter((r) => r.family === family));
      return value === undefined ? undefined : { family, value };
    }).find((ip) => ip !== undefined);
    if (anyRep) externals.push({ key: ANY_KEY, kind: 'any', label: ANY_LABEL, representative: anyRep });

    const sorted = [...blocks.values()].sort((a, b) => a.cidr.family - b.cidr.family
      || (a.cidr.network < b.cidr.network ? -1 : a.cidr.network > b.cidr.network ? 1 : 0)
      || a.cidr.prefix - b.cidr.prefix
      || compareText(a.key, b.key));
    for (const block of sorted) {
      const own = cidrRange(block.cidr);
      // Narrower named ranges inside the block may be judged differently: stay outside them.
      const avoid = [
        ...block.except.map(cidrRange),
        ...ranges.filter((r) => r.family === own.family && r.lo >= own.lo && r.hi <= own.hi && (r.lo !== own.lo || r.hi !== own.hi)),
      ];
      const value = lowestOutside(own.lo, own.hi, avoid);
      externals.push({
        key: `block:${block.key}`,
        kind: 'block',
        label: blockLabel(block),
        representative: value === undefined ? undefined : { family: block.cidr.family, value },
      });
    }
    const other = explicitPorts ? undefined : lowestOutside(1n, 65535n, portRanges);
    const otherPort = other === undefined ? undefined : Number(other);
    return new FlowUniverse(externals, otherPort, explicitPorts);
  }

  private constructor(
    public readonly externals: readonly ExternalNode[],
    /** The port judged for "every other port"; absent when ports are given, or every port is named. */
    public readonly otherPort: number | undefined,
    public readonly explicitPorts: readonly PortKey[] | undefined,
  ) {}

  public externalEnd(node: ExternalNode): ExternalEnd | undefined {
    const ip = node.representative;
    return ip ? { kind: 'external', ip, id: formatIp(ip.family, ip.value) } : undefined;
  }
}

function blockLabel(block: IpBlockPeer): string {
  const except = block.except.map((c) => c.canonical);
  return except.length > 0 ? `${block.cidr.canonical} except ${except.join(', ')}` : block.cidr.canonical;
}

/** Destination node key to the ports to check on it (keyed by `portKeyText`). */
export type Candidates = Map<string, Map<string, PortKey>>;

/** The ports worth checking on each destination of a side (see the module comment). */
export function candidatePorts(side: FlowSide, universe: FlowUniverse, into: Candidates = new Map()): Candidates {
  const { evaluator } = side;
  const included = new Set(side.endpoints);
  // Egress rules in effect: of policies that isolate egress for at least one workload drawn.
  const egressRules: IndexedRule[] = [];
  for (const policy of side.policies) {
    if (!policy.model.policy.isolatesEgress) continue;
    if (!evaluator.selectedEndpoints(policy.index).some((i) => included.has(i))) continue;
    egressRules.push(...policy.egress);
  }
  const target = (key: string): Map<string, PortKey> => {
    let ports = into.get(key);
    if (!ports) {
      ports = new Map();
      into.set(key, ports);
    }
    return ports;
  };
  const add = (ports: Map<string, PortKey>, key: PortKey) => {
    if (key.port === undefined && universe.otherPort === undefined) return;
    ports.set(portKeyText(key), key);
  };

  for (const i of side.endpoints) {
    const ports = target(side.nodeKey(i));
    if (universe.explicitPorts) {
      universe.explicitPorts.forEach((key) => add(ports, key));
      continue;
    }
    const end = evaluator.resolver.pod(i);
    for (const port of end.endpoint.ports) add(ports, { protocol: port.protocol, port: port.port });
    for (const policy of evaluator.isolatingPolicies(i, 'Ingress')) {
      for (const rule of policy.ingress) rulePorts(rule, end).forEach((key) => add(ports, key));
    }
    for (const rule of egressRules) {
      if (evaluator.peerMatches(rule, end)) rulePorts(rule, end).forEach((key) => add(ports, key));
    }
  }
  for (const node of universe.externals) {
    const end = universe.externalEnd(node);
    if (!end) continue;
    const ports = target(node.key);
    if (universe.explicitPorts) {
      universe.explicitPorts.forEach((key) => add(ports, key));
      continue;
    }
    for (const rule of egressRules) {
      if (evaluator.peerMatches(rule, end)) rulePorts(rule, end).forEach((key) => add(ports, key));
    }
  }
  return into;
}

/** The ports a rule names, as seen at a destination (named ports resolve there; none on an external address). */
function rulePorts(rule: IndexedRule, to: ResolvedEndpoint): PortKey[] {
  const ports = rule.rule.ports;
  if (!ports) return PROTOCOL_ORDER.map((protocol) => ({ protocol }));
  const keys: PortKey[] = [];
  for (const p of ports) {
    if (p.name !== undefined) {
      const match = to.kind === 'pod' ? to.endpoint.ports.find((c) => c.name === p.name && c.protocol === p.protocol) : undefined;
      if (match) keys.push({ protocol: p.protocol, port: match.port });
    } else {
      keys.push(p.port === undefined ? { protocol: p.protocol } : { protocol: p.protocol, port: p.port });
    }
  }
  return keys;
}

/** Every allowed flow of one side, on the candidate ports, between its workloads and the external nodes. */
export class FlowGraph {
  public static compute(side: FlowSide, universe: FlowUniverse, candidates: Candidates): FlowGraph {
    const { evaluator } = side;
    const nodes = new Map<string, FlowNode>();
    const ends = new Map<string, ResolvedEndpoint>();
    const indexOf = new Map<string, number>();
    const byClass = new Map<number, number[]>();
    for (const i of side.endpoints) {
      const e = evaluator.endpoints[i];
      const key = side.nodeKey(i);
      indexOf.set(key, i);
      ends.set(key, evaluator.resolver.pod(i));
      nodes.set(key, {
        key,
        kind: 'workload',
        label: evaluator.resolver.ids[i],
        namespace: e.namespace,
        name: e.name,
        workloadKind: e.kind,
        ingressIsolated: evaluator.isolatingPolicies(i, 'Ingress').length > 0,
        egressIsolated: evaluator.isolatingPolicies(i, 'Egress').length > 0,
      });
      const c = evaluator.classOf[i];
      const members = byClass.get(c);
      if (members) members.push(i); else byClass.set(c, [i]);
    }
    const externals: Array<{ node: ExternalNode; end: ExternalEnd }> = [];
    for (const node of universe.externals) {
      nodes.set(node.key, { key: node.key, kind: node.kind, label: node.label, ingressIsolated: false, egressIsolated: false });
      const end = universe.externalEnd(node);
      if (end) {
        externals.push({ node, end });
        ends.set(node.key, end);
      }
    }

    // Group the destinations by port, so that each port is one evaluator pass over every workload pair.
    const byPort = new Map<string, { key: PortKey; workloads: number[]; externals: Array<{ node: ExternalNode; end: ExternalEnd }> }>();
    for (const [destination, ports] of candidates) {
      const index = indexOf.get(destination);
      const external = externals.find((x) => x.node.key === destination);
      if (index === undefined && !external) continue;
      for (const [text, key] of ports) {
        let group = byPort.get(text);
        if (!group) {
          group = { key, workloads: [], externals: [] };
          byPort.set(text, group);
        }
        if (index !== undefined) group.workloads.push(index); else group.externals.push(external!);
      }
    }

    const flows: Flow[] = [];
    for (const { key, workloads, externals: externalDestinations } of byPort.values()) {
      const port = key.port ?? universe.otherPort;
      if (port === undefined) continue;
      const flow = (from: string, to: string): Flow => (key.port === undefined
        ? { from, to, protocol: key.protocol }
        : { from, to, protocol: key.protocol, port: key.port });
      if (workloads.length > 0) {
        const allowed = evaluator.allowedSources(key.protocol, port, [...new Set(workloads.map((d) => evaluator.classOf[d]))]);
        for (const d of workloads) {
          const to = side.nodeKey(d);
          for (const c of allowed.get(evaluator.classOf[d])!.members()) {
            for (const s of byClass.get(c) ?? []) {
              // A pod's traffic to itself is never judged; a workload's is traffic between its pods.
              if (s === d && evaluator.endpoints[d].kind === WorkloadKind.POD) continue;
              flows.push(flow(side.nodeKey(s), to));
            }
          }
          for (const x of externals) {
            if (evaluator.isAllowed(x.end, ends.get(to)!, key.protocol, port)) flows.push(flow(x.node.key, to));
          }
        }
      }
      for (const x of externalDestinations) {
        // The verdict depends only on the source's class: ask once per class.
        for (const [, members] of byClass) {
          if (!evaluator.isAllowed(evaluator.resolver.pod(members[0]), x.end, key.protocol, port)) continue;
          for (const s of members) flows.push(flow(side.nodeKey(s), x.node.key));
        }
      }
    }
    flows.sort((a, b) => compareText(a.from, b.from) || compareText(a.to, b.to) || comparePorts(a, b));
    return new FlowGraph(side, nodes, flows, ends, universe);
  }

  private readonly keys: Set<string>;

  private constructor(
    public readonly side: FlowSide,
    public readonly nodes: ReadonlyMap<string, FlowNode>,
    public readonly flows: readonly Flow[],
    private readonly ends: ReadonlyMap<string, ResolvedEndpoint>,
    public readonly universe: FlowUniverse,
  ) {
    this.keys = new Set(flows.map(flowKey));
  }

  public has(flow: Flow): boolean {
    return this.keys.has(flowKey(flow));
  }

  /** The resolved end of a node, for explanations (absent for an external node without a representative). */
  public end(key: string): ResolvedEndpoint | undefined {
    return this.ends.get(key);
  }

  /** The port number judged for a flow's port. */
  public portNumber(key: PortKey): number {
    return key.port ?? this.universe.otherPort!;
  }
}

/** The flows of one model (a diagram): the universe and candidate ports of that model alone. */
export function flowsOf(evaluator: Evaluator, namespaces?: readonly string[], ports?: readonly PortKey[]): FlowGraph {
  const side = new FlowSide(evaluator, namespaces);
  const universe = FlowUniverse.of([side], ports);
  return FlowGraph.compute(side, universe, candidatePorts(side, universe));
}
