import { Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { DnsTarget } from './allow-dns';
import { DefaultDeny } from './default-deny';
import { LabelSelectorManifest, WORKLOAD_ANNOTATION } from '../manifest';
import { NetworkPolicy } from '../network-policy';
import { Peer } from '../peers';
import { PolicyType } from '../policy-type';
import { Port } from '../ports';
import { checkInstances, checkOptionalBoolean, checkOptionalString, checkProps, fail, show } from '../runtime-checks';
import { NormalizedSelector } from '../selection/normalized';
import { enumerateRegions } from '../selection/regions';
import { LabelSelector } from '../selectors';
import { checkDns1123Label } from '../validation/syntax';
import { Workload } from '../workload';

/** Options of a flow of a `ServiceGraph`. */
export interface FlowOptions {
  /**
   * The destination ports (pod ports).
   *
   * @default - the destination workload's ports (`WorkloadOptions.ports`, or its containers' ports);
   * none known is an error at synthesis: name the ports, or say `Port.allTcp()`
   */
  readonly ports?: Port[];

  /**
   * Why the flow exists, written to the rule's annotation.
   *
   * @default - e.g. "frontend calls cart on TCP 7070"
   */
  readonly description?: string;
}

/** Properties of a `ServiceGraph`. */
export interface ServiceGraphProps {
  /**
   * The namespace of the workloads that do not say theirs.
   *
   * @default - the chart's namespace
   */
  readonly namespace?: string;

  /**
   * Where every workload of the graph resolves names. `[]` to allow no DNS.
   *
   * @default - [DnsTarget.clusterDns()]
   */
  readonly dns?: DnsTarget[];

  /**
   * Why the graph exists, written to each policy's description.
   *
   * @default - a description naming the workload and what it may do
   */
  readonly description?: string;

  /**
   * Also deny all traffic of every other pod of the graph's namespaces (a namespace-wide default deny), so
   * that pods outside the graph are isolated too.
   *
   * @default false - pods of the namespaces outside the graph are left alone
   */
  readonly defaultDeny?: boolean;

  /**
   * A prefix for the policy names, `<prefix><workload>-policy`.
   *
   * @default '' (the policies are named `<workload>-policy`)
   */
  readonly namePrefix?: string;
}

interface Member {
  readonly workload: Workload;
  readonly namespace?: string;
  readonly policy: NetworkPolicy;
}

/**
 * Who calls whom, written once: `graph.allow(frontend, cart)`. For every workload of the graph, one
 * NetworkPolicy in its namespace selects exactly its pods and isolates them for ingress and egress, with
 * the ingress of its callers, the egress to its callees, and DNS over UDP and TCP. Calls across namespaces
 * put each side in its own namespace with namespace-qualified peers. Identical calls merge (calling
 * `allow` twice is harmless), the output is deterministic, and each rule's annotation says why it exists
 * ("frontend calls cart on TCP 7070").
 *
 * A workload whose selector takes in another's (every pod of one is a pod of the other) is an error: one
 * policy would apply to both. Pods of the namespaces outside the graph are left alone unless
 * `defaultDeny` is set.
 */
export class ServiceGraph extends Construct {
  private readonly members = new Map<string, Member>();
  private readonly dns: readonly DnsTarget[];
  private readonly graphNamespace?: string;
  private readonly props: ServiceGraphProps;
  private readonly denies = new Map<string, DefaultDeny>();
  private checked?: string[];

  /**
   * Adds the graph to `scope`; call `allow`, `allowFrom` and `allowTo` to add calls.
   *
   * @param scope the chart or construct to add the policies to
   * @param id the construct id, unique in `scope`
   * @param props the namespace, the DNS servers, and a description
   */
  public constructor(scope: Construct, id: string, props: ServiceGraphProps = {}) {
    super(scope, id);
    const where = `[${this.node.path}]`;
    checkProps(props, where, 'props', ['namespace', 'dns', 'description', 'defaultDeny', 'namePrefix'], 'property');
    if (props.namespace !== undefined) {
      const reason = typeof props.namespace === 'string' ? checkDns1123Label(props.namespace) : 'must be a string';
      if (reason !== undefined) fail(where, `namespace ${show(props.namespace)} ${reason}`);
    }
    checkOptionalString(props.description, where, 'description');
    checkOptionalBoolean(props.defaultDeny, where, 'defaultDeny');
    checkOptionalString(props.namePrefix, where, 'namePrefix');
    const dns = props.dns === undefined
      ? [DnsTarget.clusterDns()]
      : checkInstances(props.dns, DnsTarget, where, 'dns', 'DnsTarget.clusterDns(), ...; [] for no DNS');
    this.dns = Object.freeze([...dns]);
    this.graphNamespace = props.namespace ?? Chart.of(this).namespace;
    // A copy: the caller's object may change later, the graph's policies must not.
    this.props = Object.freeze({ ...props });
    this.node.addValidation({ validate: () => this.check() });
  }

  /**
   * `source` calls `destination`: egress from the source's pods and ingress to the destination's, on the
   * destination's ports (or the ports given).
   *
   * @param source the caller
   * @param destination the workload called
   * @param options the ports (default: the destination's declared ports) and why
   */
  public allow(source: Workload, destination: Workload, options?: FlowOptions): void {
    this.checkWorkload(source, 'source');
    this.checkWorkload(destination, 'destination');
    const checked = this.checkOptions(options);
    if (this.key(source) === this.key(destination)) {
      throw new Error(`[${this.node.path}] ${source.name} calls itself: to let its pods call one another, write `
        + `allowFrom(${source.name}, [Peer.workload(${source.name})], { ports }) and allowTo(${source.name}, [Peer.workload(${source.name})], { ports })`);
    }
    const source_ = this.member(source);
    const destination_ = this.member(destination);
    const ports = this.portsFor(destination, checked, `${source.name} calls ${destination.name}`);
    const text = this.describe(`${source.name} calls ${destination.name}`, checked, destination);
    source_.policy._addRule(PolicyType.EGRESS, { peers: [this.peerOf(destination_, source_.namespace)], ports }, text);
    destination_.policy._addRule(PolicyType.INGRESS, { peers: [this.peerOf(source_, destination_.namespace)], ports }, text);
  }

  /**
   * Callers outside the graph reach `destination`: anyone, an ingress controller, a CIDR, pods of other
   * namespaces. On the destination's ports, or the ports given.
   *
   * @param destination the workload of the graph called
   * @param peers the callers outside the graph; at least one
   * @param options the ports (default: the destination's declared ports) and why
   */
  public allowFrom(destination: Workload, peers: Peer[], options?: FlowOptions): void {
    this.checkWorkload(destination, 'destination');
    this.checkPeers(peers);
    const checked = this.checkOptions(options);
    const destination_ = this.member(destination);
    const who = peers.map((p) => p.toString()).join(' or ');
    const ports = this.portsFor(destination, checked, `${who} calling ${destination.name}`);
    destination_.policy._addRule(PolicyType.INGRESS, { peers: [...peers], ports }, this.describe(`${who} may call ${destination.name}`, checked, destination));
  }

  /**
   * `source` calls destinations outside the graph: an external database, an API. On the ports given, or
   * (when every peer is `Peer.workload()`) on their workloads' ports.
   *
   * @param source the workload of the graph that calls out
   * @param peers the destinations outside the graph; at least one
   * @param options the ports (required unless every peer is `Peer.workload()`) and why
   */
  public allowTo(source: Workload, peers: Peer[], options?: FlowOptions): void {
    this.checkWorkload(source, 'source');
    this.checkPeers(peers);
    const checked = this.checkOptions(options);
    const source_ = this.member(source);
    if (checked.ports !== undefined) {
      const who = peers.map((p) => p.toString()).join(' or ');
      source_.policy._addRule(PolicyType.EGRESS, { peers: [...peers], ports: checked.ports }, this.describe(`${source.name} calls ${who}`, checked));
      return;
    }
    if (peers.some((p) => p._workload === undefined)) {
      throw new Error(`[${this.node.path}] allowTo(${source.name}, ...): the destinations are not workloads, so their ports are not known: `
        + 'name them with ports (or say Port.allTcp() to allow every TCP port)');
    }
    // One rule per destination, on its own ports: one rule for all would let each be reached on the others' ports.
    for (const peer of peers) {
      const ports = [this.declaredPorts(peer._workload!, `${source.name} calling ${peer._workload!.name}`)];
      source_.policy._addRule(PolicyType.EGRESS, { peers: [peer], ports }, this.describe(`${source.name} calls ${peer}`, checked));
    }
  }

  /**
  * The policy of a workload of the graph: add rules to it to open more.
  *
  * @param workload a workload given to `allow`, `allowFrom` or `allowTo`
  */
  public policyFor(workload: Workload): NetworkPolicy {
    this.checkWorkload(workload, 'workload');
    const member = this.members.get(this.key(workload));
    if (!member) throw new Error(`[${this.node.path}] ${workload} is not a workload of this graph (add it with allow, allowFrom or allowTo)`);
    return member.policy;
  }

  /** The workloads of the graph, in the order they were first used. */
  public get workloads(): Workload[] {
    return [...this.members.values()].map((m) => m.workload);
  }

  /** The policies of the graph, one per workload, in the same order. */
  public get policies(): NetworkPolicy[] {
    return [...this.members.values()].map((m) => m.policy);
  }

  // ---------------------------------------------------------------- internals

  private key(workload: Workload): string {
    return `${this.namespaceOf(workload) ?? ''}/${workload.name}`;
  }

  /** The workload's namespace: its own, the graph's, the chart's; none is a synthesis error of its policy. */
  private namespaceOf(workload: Workload): string | undefined {
    return workload.namespace ?? this.graphNamespace;
  }

  private member(workload: Workload): Member {
    const key = this.key(workload);
    const existing = this.members.get(key);
    if (existing) {
      // Two Workload.of() values of one object are one workload.
      const sameObject = existing.workload._object !== undefined && existing.workload._object === workload._object;
      if (existing.workload !== workload && !sameObject) {
        throw new Error(`[${this.node.path}] two workloads are named ${workload.name} in namespace ${this.namespaceOf(workload)}: a graph names each workload once`);
      }
      return existing;
    }
    const namespace = this.namespaceOf(workload);
    if (workload._object !== undefined && workload._object.node.root !== this.node.root) {
      throw new Error(`[${this.node.path}] ${workload} is an object of another cdk8s App: a graph can only take workloads of its own app`);
    }
    const selector = LabelSelector._lazy(() => `the pods of ${workload}`, () => {
      this.failOnProblems();
      return workload._resolve().selector;
    });
    const prefix = this.props.namePrefix ?? '';
    // The workload's name is its construct id, unless a workload of another namespace took it.
    const id = [...this.members.values()].some((m) => m.workload.name === workload.name) ? `${namespace ?? 'default'}-${workload.name}` : workload.name;
    const policy = new NetworkPolicy(this, id, {
      metadata: { name: `${prefix}${workload.name}-policy`, namespace, annotations: { [WORKLOAD_ANNOTATION]: workload.name } },
      podSelector: selector,
      policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS],
      description: this.props.description
        ?? `Workload ${workload.name} of a ServiceGraph: its pods accept only the calls the graph allows and make only those${this.dns.length > 0 ? ', besides DNS' : ''}.`,
    });
    for (const target of this.dns) policy.addEgress(target._rule());
    const member = { workload, namespace, policy };
    // Selectors known now (Workload.select) are checked now, so that the mistake points at this call.
    if (workload._object === undefined) {
      for (const other of this.members.values()) {
        if (other.workload._object !== undefined || other.namespace !== namespace) continue;
        const problem = containment(member, other) ?? containment(other, member);
        if (problem) throw new Error(`[${this.node.path}] ${problem}`);
      }
    }
    this.members.set(key, member);
    // A new workload: the graph is checked again.
    this.checked = undefined;
    if (this.props.defaultDeny === true && namespace !== undefined && !this.denies.has(namespace)) {
      this.denies.set(namespace, new DefaultDeny(this, `default-deny-${namespace}`, {
        metadata: { name: `${prefix}default-deny`, namespace },
        description: 'Default deny: every pod of the namespace outside the ServiceGraph is isolated too.',
      }));
    }
    return member;
  }

  private peerOf(member: Member, policyNamespace: string | undefined): Peer {
    return Peer._workloadIn(member.workload, member.namespace === policyNamespace ? undefined : member.namespace);
  }

  /** The ports given, or the destination's declared ports (read at synthesis). */
  private portsFor(destination: Workload, options: FlowOptions, what: string): Port[] {
    return options.ports ?? [this.declaredPorts(destination, what)];
  }

  private declaredPorts(workload: Workload, what: string): Port {
    return Port._lazy(workload._id, () => `the ports of ${workload}`, () => {
      const ports = workload._resolve().ports;
      if (ports.length === 0) {
        throw new Error(`[${this.node.path}] ${what} on no port: ${workload.name} declares none (no container ports, no WorkloadOptions.ports). `
          + 'Name the ports of the call (FlowOptions.ports), or say Port.allTcp() to allow every TCP port.');
      }
      return ports;
    });
  }

  /** The rule's description: the one given, or what it is, with the ports known at synthesis. */
  private describe(what: string, options: FlowOptions, destination?: Workload): { key: string; produce: () => string } {
    if (options.description !== undefined) return { key: options.description, produce: () => options.description! };
    const ports = () => (options.ports ?? (destination ? destination._resolve().ports : [])).map((p) => p.toString()).join(', ');
    return { key: `${what}|${options.ports?.map((p) => p._key).join(',') ?? destination?._id ?? ''}`, produce: () => `${what} on ${ports()}` };
  }

  private checkWorkload(workload: Workload, role: string): void {
    if (!(workload instanceof Workload)) {
      fail(`[${this.node.path}]`, `the ${role} must be a Workload (Workload.select() or Workload.of()), got ${show(workload)}`);
    }
  }

  private checkPeers(peers: Peer[]): void {
    const where = `[${this.node.path}]`;
    if (Array.isArray(peers) && peers.length === 0) {
      fail(where, 'peers must list at least one Peer (Peer.anyone() for everyone); an empty list would mean everyone in Kubernetes');
    }
    checkInstances(peers, Peer, where, 'peers', 'Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone');
  }

  private checkOptions(options: FlowOptions | undefined): FlowOptions {
    const where = `[${this.node.path}]`;
    const checked = checkProps(options, where, 'options', ['ports', 'description'], 'option');
    if (checked.ports !== undefined) {
      if (Array.isArray(checked.ports) && checked.ports.length === 0) {
        fail(where, "ports must list at least one Port; an empty list would mean every port in Kubernetes (omit ports for the destination's)");
      }
      checkInstances(checked.ports, Port, where, 'ports', 'Port.tcp(8080), ...');
    }
    checkOptionalString(checked.description, where, 'description');
    // A copy: the caller's object (and list) may change later; the graph's flows must not.
    const ports = checked.ports === undefined ? undefined : Object.freeze([...checked.ports]) as Port[];
    return Object.freeze({ ports, description: checked.description });
  }

  /** Throws the first problem of the graph (rendering cannot go on without its selectors). */
  private failOnProblems(): void {
    const problems = this.check();
    if (problems.length > 0) throw new Error(`[${this.node.path}] ${problems[0]}`);
  }

  /** The graph's problems at synthesis: workloads that cannot be read, selectors that take in another's. */
  private check(): string[] {
    if (this.checked) return this.checked;
    const problems: string[] = [];
    const resolved: Array<{ member: Member }> = [];
    for (const member of this.members.values()) {
      try {
        member.workload._resolve();
        resolved.push({ member });
      } catch (e) {
        problems.push((e as Error).message);
      }
    }
    // A selector that takes in another's: every pod of one is a pod of the other, so one policy applies to both.
    for (const a of resolved) {
      for (const b of resolved) {
        if (a === b || a.member.namespace !== b.member.namespace) continue;
        const problem = containment(a.member, b.member);
        if (problem) problems.push(problem);
      }
    }
    this.checked = problems;
    return problems;
  }
}

/** When every pod of `b` is a pod of `a` (in one namespace): the problem, in words. */
function containment(a: Member, b: Member): string | undefined {
  const regions = enumerateRegions([normalize(a.workload._resolve().selector), normalize(b.workload._resolve().selector)]);
  const bOutsideA = regions.some((r) => r.truth[1] && !r.truth[0]);
  const bExists = regions.some((r) => r.truth[1]);
  if (!bExists || bOutsideA) return undefined;
  return `the selector of ${a.workload.name} takes in every pod of ${b.workload.name} (namespace ${a.namespace}): `
    + `${a.workload.name}'s policy would apply to ${b.workload.name}'s pods too. Give each workload labels the others do not all carry.`;
}

function normalize(selector: LabelSelectorManifest): NormalizedSelector {
  return {
    matchLabels: Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    expressions: (selector.matchExpressions ?? []).map((r) => ({ key: r.key, operator: r.operator as any, values: r.values ?? [] })),
  };
}
