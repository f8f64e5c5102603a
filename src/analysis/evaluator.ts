/**
 * The indexed evaluator: what NetworkPolicies allow, with Kubernetes semantics, fast enough for
 * whole-cluster matrices.
 *
 * The index, built once:
 * - pods that cannot be told apart (same namespace, labels, container ports and ipBlock membership)
 *   form one class; everything below works on classes;
 * - a sparse label index (pod labels and namespace labels) turns any selector into a bitset of
 *   classes with a few set operations, cached per distinct selector;
 * - per policy, the classes it selects; per class, the policies isolating it for ingress and for
 *   egress; per rule, the classes its peers match;
 * - classes with the same isolating policies form a group, judged once per port for a matrix.
 *
 * Semantics (Kubernetes `networking.k8s.io/v1`): isolation is per pod and direction; a connection
 * needs egress allowed at the source and ingress allowed at the destination; policies add up; a pod
 * talking to itself is not judged; an external address is never isolated, so only the pod end is
 * judged. A workload stands for its pods, so a workload talking to itself is judged as traffic
 * between two of its replicas. Internal: the CLI, linter and renderers build on it; the public
 * classes are thin wrappers.
 *
 * @module
 */
import { Bitset } from '../bitset';
import { IdentityNumbers } from '../identity-numbers';
import { KeptSets } from '../kept-sets';
import { NormalizedCnpSubject, subjectSelectors } from './cluster-policy-parse';
import { ClusterTiers, TierEnd, TieredSide } from './cluster-tiers';
import { TierSets } from './tier-sets';
import { PolicyType } from '../policy-type';
import { Protocol } from '../protocol';
import { EndpointResolver, LabelQuery, labelsText, PodEnd, ResolvedEndpoint } from './endpoints';
import { ModelEndpoint, ModelNamespace, ModelPolicy, ModelService, ModelSnapshot } from './model';
import { IpBlockPeer, NormalizedPeer, NormalizedRule, PodsPeer } from './policy-parse';
import { matchesNormalizedSelector, NormalizedSelector, selectorKey } from './selector-match';
import { describePort } from '../describe';
import { Labels } from '../ingest/records';
import { WorkloadKind } from '../ingest/workload-kind';
import { NAMESPACE_NAME_LABEL } from '../manifest';
import { CidrIndex, cidrContainsIp, ParsedCidr, ParsedIp } from '../net/cidr';
import { sortedUnique } from '../sorted-unique';
import { isProtocol } from '../validation/syntax';

/** A direction as the evaluator keys it: the values of `PolicyType`. */
export type Direction = `${PolicyType}`;


/** Pods that every policy treats alike. */
export interface PodClass {
  readonly id: number;
  readonly namespace: string;
  readonly labels: Labels;
  /** `name/protocol/port` of every named container port. */
  readonly namedPorts: ReadonlySet<string>;
  /** Endpoint indices. */
  readonly members: readonly number[];
}

export interface IndexedRule {
  readonly policyIndex: number;
  readonly direction: Direction;
  /** 0-based index within the policy's `ingress` or `egress` list. */
  readonly index: number;
  readonly rule: NormalizedRule;
  /** Classes the peers match; absent when the rule allows every peer (pods and external addresses). */
  readonly peerClasses?: Bitset;
  /** The ipBlock peers, for external addresses. */
  readonly ipBlocks: readonly IpBlockPeer[];
}

export interface IndexedPolicy {
  readonly index: number;
  /** `namespace/name`. */
  readonly id: string;
  readonly model: ModelPolicy;
  /** Classes selected by `spec.podSelector` in the policy's namespace. Shared (policies alike): never modify it. */
  readonly selected: Bitset;
  /** Ingress rules, in effect only when the policy isolates ingress. */
  readonly ingress: readonly IndexedRule[];
  /** Egress rules, in effect only when the policy isolates egress. */
  readonly egress: readonly IndexedRule[];
}

/** One rule of an isolating policy, checked against a connection. */
export interface RuleCheck {
  readonly policy: IndexedPolicy;
  readonly rule: IndexedRule;
  readonly peerMatches: boolean;
  readonly portMatches: boolean;
}

/** The judgement of one side of a connection. */
export interface SideVerdict {
  readonly direction: Direction;
  /** The end whose policies are judged: the source for egress, the destination for ingress. */
  readonly subject: ResolvedEndpoint;
  /** The other end. */
  readonly peer: ResolvedEndpoint;
  /** False when this side is not judged: the subject is an external address, or it is a pod talking to itself. */
  readonly judged: boolean;
  readonly notJudgedBecause?: 'external' | 'self';
  /** Policies that select the subject for this direction (empty: the subject is not isolated). */
  readonly isolatingPolicies: readonly IndexedPolicy[];
  /** Every rule of the isolating policies for this direction, checked. */
  readonly checks: readonly RuleCheck[];
  /** The ClusterNetworkPolicy tiers around the NetworkPolicies, when the model has any. */
  readonly tiers?: TieredSide;
  readonly allowed: boolean;
}

export interface Verdict {
  readonly from: ResolvedEndpoint;
  readonly to: ResolvedEndpoint;
  readonly protocol: Protocol;
  readonly port: number;
  /** The named port the query gave, resolved on the destination to `port`. */
  readonly portName?: string;
  readonly allowed: boolean;
  readonly egress: SideVerdict;
  readonly ingress: SideVerdict;
}

/** Classes sharing the same isolating policies for one direction. */
/** Egress rules indexed by the classes their peers hold, for judging one destination at a time. */
interface EgressIndex {
  /** Per destination class: the egress rules whose (not too wide) peers hold it. */
  readonly byClass: readonly IndexedRule[][];
  /** Egress rules without peers, or with peers holding more classes than is worth listing per class. */
  readonly broad: readonly IndexedRule[];
  /** Egress rules without peers: they reach every address. */
  readonly toAnyAddress: readonly IndexedRule[];
  /** The ipBlocks of egress rules, by range. */
  readonly blocksByRange: CidrIndex<{ rule: IndexedRule; block: IpBlockPeer }>;
}


/** A class made for a hypothetical pod (one named by its labels in a query), judged by matching its labels directly. */
interface ExtraClass {
  readonly namespace: string;
  readonly namespaceLabels: Labels;
  readonly labels: Labels;
  readonly peerMatch: Map<IndexedRule, boolean>;
}

/** Hypothetical pods made at most, so that a stream of distinct queries cannot grow the evaluator without end. */
const MAX_HYPOTHETICAL = 10_000;
/** Endpoint texts whose resolution is remembered. */
const MAX_RESOLVED = 50_000;
/** How many results of `sourcesInto` (and unions of ingress peers) are kept by what they are made of; beyond, anew. */
const MAX_KEPT_RESULTS = 65_536;

export function ipBlockContains(block: IpBlockPeer, ip: ParsedIp): boolean {
  return cidrContainsIp(block.cidr, ip) && !block.except.some((except) => cidrContainsIp(except, ip));
}

function namedPortKey(name: string, protocol: string, port: number): string {
  return `${name}/${protocol}/${port}`;
}

export function checkProtocolAndPort(protocol: string, port: number): void {
  if (!isProtocol(protocol)) {
    throw new Error(`protocol ${JSON.stringify(protocol)} is not judged: NetworkPolicy only defines TCP, UDP and SCTP`);
  }
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`port ${JSON.stringify(port)} must be a whole number from 1 to 65535`);
  }
}

export class Evaluator {

  public readonly endpoints: readonly ModelEndpoint[];
  public readonly namespaces: ReadonlyMap<string, ModelNamespace>;
  public readonly services: readonly ModelService[];
  public readonly policies: readonly IndexedPolicy[];
  public readonly classes: readonly PodClass[];
  /** Class of each endpoint. */
  public readonly classOf: Int32Array;
  public readonly resolver: EndpointResolver;

  private readonly all: Bitset;
  private readonly podLabelIndex = new Map<string, number[]>();
  private readonly podKeyIndex = new Map<string, number[]>();
  private readonly namespaceLabelIndex = new Map<string, number[]>();
  private readonly namespaceKeyIndex = new Map<string, number[]>();
  private readonly namespaceClassIndex = new Map<string, number[]>();
  private readonly namedPortIndex = new Map<string, number[]>();
  private readonly bitsetCache = new Map<string, Bitset>();
  private readonly blockBits = new Map<string, Bitset>();
  private readonly namespacesBySelector = new Map<string, string[]>();
  private namespacesByLabel: Map<string, ModelNamespace[]> | undefined;
  private readonly blockRulesByAddress = new Map<string, readonly IndexedRule[]>();
  private endpointsByNamespace: Map<string, number[]> | undefined;
  private readonly ingressByClass: number[][];
  private readonly egressByClass: number[][];
  private readonly notEgressIsolated: Bitset;
  private readonly notEgressIsolatedCount: number;
  /** A working set for the sparse matrix questions (one at a time). */
  private readonly scratch: Bitset;
  /** The results of `sourcesInto`, kept: one object per distinct set. */
  private readonly kept = new KeptSets();
  /** `sourcesInto` without tiers, by what decides it: the ingress set and the egress rules that apply. */
  private readonly sourcesByParts = new Map<string, Bitset | null>();
  /** Unions of the peers of several ingress rules, by the rules' sets. */
  private readonly ingressUnions = new Map<string, Bitset>();
  /** Numbers of kept sets and rules, for the keys above. */
  private readonly identities = new IdentityNumbers<object>();
  /** Scratch lists of `sourcesInto`: the egress rules that apply, and the ingress rules' sets. */
  private readonly rulesApplying: IndexedRule[] = [];
  private readonly peerSets: Bitset[] = [];
  private egressIndexCache: EgressIndex | undefined;
  /** The members of the policies' selected sets, per set (shared by policies alike). */
  private readonly selectedClassesCache = new WeakMap<Bitset, readonly number[]>();
  private readonly extras: ExtraClass[] = [];
  private readonly resolved = new Map<string, ResolvedEndpoint | undefined>();
  private readonly hypothetical = new Map<string, PodEnd>();

  /**
   * The ClusterNetworkPolicies, when the model has any: single connections are judged through them one by one
   * (`judge`, `isAllowed`), and the whole-cluster paths (`sourcesInto`, `sourcesToAddress`) through `tierSets`.
   */
  public readonly tiers?: ClusterTiers;
  /** The tiers over sets of classes, for the whole-cluster paths; present with `tiers`. */
  public readonly tierSets?: TierSets;

  constructor(snapshot: ModelSnapshot) {
    this.tiers = snapshot.clusterPolicies.length > 0 ? new ClusterTiers(snapshot.clusterPolicies) : undefined;
    this.endpoints = snapshot.endpoints;
    this.namespaces = new Map(snapshot.namespaces.map((ns) => [ns.name, ns]));
    this.services = snapshot.services;
    this.resolver = new EndpointResolver(this.endpoints);

    const blocks = [...this.collectIpBlocks(snapshot.policies), ...networkBlocks(this.tiers)];
    const blockMembers: number[][] = blocks.map(() => []);
    this.classOf = new Int32Array(this.endpoints.length);
    this.classes = this.buildClasses(blocks, blockMembers, (this.tiers?.networks().length ?? 0) > 0);
    const n = this.classes.length;
    this.all = Bitset.full(n);
    this.buildLabelIndex();

    const blockBits = this.blockBits;
    blocks.forEach((block, i) => blockBits.set(block.key, Bitset.of(n, blockMembers[i])));

    this.ingressByClass = this.classes.map(() => NO_POLICIES);
    this.egressByClass = this.classes.map(() => NO_POLICIES);
    this.policies = snapshot.policies.map((model, index) => {
      const policy = model.policy;
      // Policies selecting the same pods (a default deny per namespace, say) share one set.
      const selected = this.cached(`selected\u0000${policy.namespace}\u0000${selectorKey(policy.podSelector)}`, () => {
        // The namespace's classes (few) that the pod selector takes in, without copying a whole-cluster set.
        const pods = this.selectPods(policy.podSelector);
        return this.fromList((this.namespaceClassIndex.get(policy.namespace) ?? []).filter((c) => pods.has(c)));
      });
      for (const c of selected.members()) {
        if (policy.isolatesIngress) addTo(this.ingressByClass, c, index);
        if (policy.isolatesEgress) addTo(this.egressByClass, c, index);
      }
      const indexRules = (rules: readonly NormalizedRule[], direction: Direction): IndexedRule[] =>
        rules.map((rule, ruleIndex) => this.indexRule(rule, index, direction, ruleIndex, policy.namespace, blockBits));
      return {
        index,
        id: `${model.namespace}/${model.name}`,
        model,
        selected,
        ingress: indexRules(policy.ingress, 'Ingress'),
        egress: indexRules(policy.egress, 'Egress'),
      };
    });

    const notEgressIsolated = this.classes.map((c) => c.id).filter((c) => this.egressByClass[c].length === 0);
    this.notEgressIsolated = Bitset.of(n, notEgressIsolated);
    this.notEgressIsolatedCount = notEgressIsolated.length;
    this.scratch = new Bitset(n);
    if (this.tiers) {
      this.tierSets = new TierSets(this.tiers, {
        classCount: n,
        namespacesMatching: (selector) => this.selectNamespaces(selector),
        podsMatching: (selector) => this.selectPods(selector),
        classesInside: (cidr) => blockBits.get(networkBlockKey(cidr))!,
        classesWithoutIps: () => this.cached('no-ips', () => this.fromList(this.classes.filter((c) => this.endpoints[c.members[0]].ips.length === 0).map((c) => c.id))),
        hasNamedPort: (cls, name, protocol, port) => this.classes[cls].namedPorts.has(namedPortKey(name, protocol, port)),
      }, this.notEgressIsolated);
    }
  }

  // ---------------------------------------------------------------- single connections

  /**
   * Resolves an endpoint text (see `endpoints.ts`); throws an Error naming the text and suggesting known endpoints.
   * Services are not resolved here: `undefined` when the text names nothing but might name a Service.
   */
  public resolve(text: string): ResolvedEndpoint {
    const end = this.tryResolve(text);
    if (end) return end;
    throw new Error(`unknown endpoint '${text}': no pod or workload of that name${this.resolver.suggest(text)}`);
  }

  /** Like `resolve`, but undefined for a `namespace/name` or `namespace/Service/name` that names no pod or workload. */
  public tryResolve(text: string, namespaceLabels?: Labels): ResolvedEndpoint | undefined {
    if (namespaceLabels !== undefined) return this.resolveUncached(text, namespaceLabels);
    if (this.resolved.has(text)) return this.resolved.get(text);
    const end = this.resolveUncached(text);
    // Bounded, so that a stream of distinct external addresses cannot grow it without end.
    if (this.resolved.size >= MAX_RESOLVED) this.resolved.clear();
    this.resolved.set(text, end);
    return end;
  }

  private resolveUncached(text: string, namespaceLabels?: Labels): ResolvedEndpoint | undefined {
    const found = this.resolver.lookup(text);
    if (!found) return undefined;
    if ('ip' in found) {
      if (found.owners.length > 1) {
        throw new Error(`the IP address ${text} belongs to several pods (${found.owners.map((i) => this.resolver.ids[i]).join(', ')}): name one as 'namespace/name'`);
      }
      return found.owners.length === 1 ? this.pod(found.owners[0]) : { kind: 'external', ip: found.ip, id: text };
    }
    if ('labels' in found) return this.labelled({ ...found.labels, namespaceLabels });
    if (found.group === undefined) return this.pod(found.indices[0]);
    const classes = new Set(found.indices.map((i) => this.classOf[i]));
    if (classes.size > 1) {
      throw new Error(`the pods of ${found.group} are not all alike for the policies (${found.indices.map((i) => this.resolver.ids[i]).join(', ')}): name one of them`);
    }
    const first = this.pod(found.indices[0]);
    return { ...first, id: found.group, multiple: true };
  }

  /** The end of an endpoint of the model. */
  public pod(index: number): PodEnd {
    const endpoint = this.endpoints[index];
    return {
      kind: 'pod',
      index,
      cls: this.classOf[index],
      endpoint,
      id: this.resolver.ids[index],
      multiple: endpoint.kind !== WorkloadKind.POD,
    };
  }

  /**
   * A pod with exactly these labels in the namespace: a known one when one has exactly them (and the
   * namespace labels are the model's), else a hypothetical one.
   */
  public labelled(query: LabelQuery): PodEnd {
    const modelLabels = this.namespaces.get(query.namespace)?.labels;
    const namespaceLabels: Labels = query.namespaceLabels
      ? { ...query.namespaceLabels, [NAMESPACE_NAME_LABEL]: query.namespace }
      : modelLabels ?? { [NAMESPACE_NAME_LABEL]: query.namespace };
    const sameNamespace = modelLabels !== undefined && sameLabels(namespaceLabels, modelLabels);
    if (sameNamespace || !modelLabels) {
      const known = this.resolver.withLabels(query.namespace, query.labels);
      if (known.length > 0) {
        const classes = new Set(known.map((i) => this.classOf[i]));
        if (classes.size > 1) {
          throw new Error(`several workloads of ${query.namespace} have exactly the labels ${labelsText(query.labels) || '(none)'} `
            + `and the policies treat them differently (${known.map((i) => this.resolver.ids[i]).join(', ')}): name one of them`);
        }
        return this.pod(known[0]);
      }
    }
    const text = labelsText(query.labels);
    const key = `${query.namespace}\u0000${text}\u0000${labelsText(namespaceLabels)}`;
    const cached = this.hypothetical.get(key);
    if (cached) return cached;
    if (this.hypothetical.size >= MAX_HYPOTHETICAL) {
      throw new Error(`more than ${MAX_HYPOTHETICAL} different label endpoints were asked about; add the pods to the model instead`);
    }
    const cls = this.classes.length + this.extras.length;
    this.extras.push({ namespace: query.namespace, namespaceLabels, labels: query.labels, peerMatch: new Map() });
    const isolating = (direction: 'Ingress' | 'Egress') => this.policies
      .filter((p) => p.model.namespace === query.namespace
        && (direction === 'Ingress' ? p.model.policy.isolatesIngress : p.model.policy.isolatesEgress)
        && matchesNormalizedSelector(p.model.policy.podSelector, query.labels))
      .map((p) => p.index);
    this.ingressByClass[cls] = isolating('Ingress');
    this.egressByClass[cls] = isolating('Egress');
    const id = `${query.namespace}/${text === '' ? '*' : text}`;
    const endpoint: ModelEndpoint = {
      namespace: query.namespace,
      name: id.slice(query.namespace.length + 1),
      kind: 'Hypothetical',
      labels: query.labels,
      ports: [],
      ips: [],
      ipTexts: [],
      synthetic: {
        id,
        standsFor: `a pod with ${text === '' ? 'no labels' : `exactly the labels ${text}`} in namespace ${query.namespace}`,
        namespaceLabels: query.namespaceLabels ? namespaceLabels : undefined,
      },
    };
    const end: PodEnd = { kind: 'pod', index: -1, cls, endpoint, id, multiple: true };
    this.hypothetical.set(key, end);
    return end;
  }

  /** The labels of an end's namespace: the model's, or those a hypothetical pod was given. */
  public namespaceLabelsOf(end: PodEnd): Labels {
    if (end.cls >= this.classes.length) return this.extras[end.cls - this.classes.length].namespaceLabels;
    return this.namespaces.get(end.endpoint.namespace)?.labels ?? { [NAMESPACE_NAME_LABEL]: end.endpoint.namespace };
  }

  /** The port number of the destination's container port with this name and protocol; throws when it has none. */
  public resolveNamedPort(to: ResolvedEndpoint, name: string, protocol: Protocol): number {
    if (to.kind !== 'pod') {
      throw new Error(`the named port '${name}' cannot be resolved on ${to.id}: named ports belong to pods, not external addresses`);
    }
    const match = to.endpoint.ports.find((p) => p.name === name && p.protocol === protocol);
    if (!match && to.endpoint.synthetic) {
      throw new Error(`the named port '${name}' cannot be resolved on ${to.id}: ${to.endpoint.synthetic.standsFor} declare no known container ports; give the port number`);
    }
    if (!match) {
      const named = to.endpoint.ports.filter((p) => p.name !== undefined).map((p) => `${p.name} (${describePort({ protocol: p.protocol, port: p.port })})`);
      throw new Error(`${to.id} declares no ${protocol} container port named '${name}'${named.length > 0 ? `; it declares ${named.join(', ')}` : ''}`);
    }
    return match.port;
  }

  /** Whether the policies allow `from` to open a connection to `to` on the protocol and port. */
  public isAllowed(from: ResolvedEndpoint, to: ResolvedEndpoint, protocol: Protocol, port: number): boolean {
    if (isSelf(from, to)) return true;
    if (this.tiers) return this.judge(from, to, protocol, port).allowed;
    return this.sideAllows(this.egressByClass, 'egress', from, to, protocol, port, to)
      && this.sideAllows(this.ingressByClass, 'ingress', to, from, protocol, port, to);
  }

  /** The full judgement of a connection: each side's isolating policies and every rule checked. */
  public judge(from: ResolvedEndpoint, to: ResolvedEndpoint, protocol: Protocol, port: number, portName?: string): Verdict {
    const self = isSelf(from, to);
    const egress = this.judgeSide('Egress', from, to, protocol, port, to, self);
    const ingress = this.judgeSide('Ingress', to, from, protocol, port, to, self);
    return { from, to, protocol, port, portName, allowed: egress.allowed && ingress.allowed, egress, ingress };
  }

  /** Whether a rule's peers match the end. */
  public peerMatches(rule: IndexedRule, end: ResolvedEndpoint): boolean {
    if (!rule.peerClasses) return true;
    if (end.kind === 'pod') return end.cls < this.classes.length ? rule.peerClasses.has(end.cls) : this.extraPeerMatches(rule, end.cls);
    for (const block of rule.ipBlocks) {
      if (ipBlockContains(block, end.ip)) return true;
    }
    return false;
  }

  /** Whether a rule's ports match the protocol and port at the destination (named ports resolve there). */
  public portMatches(rule: IndexedRule, protocol: Protocol, port: number, to: ResolvedEndpoint): boolean {
    const ports = rule.rule.ports;
    if (!ports) return true;
    for (const p of ports) {
      if (p.protocol !== protocol) continue;
      if (p.name !== undefined) {
        // A named port is resolved on the destination pod; an external address has no named ports.
        if (to.kind === 'pod' && to.cls < this.classes.length && this.classes[to.cls].namedPorts.has(namedPortKey(p.name, protocol, port))) return true;
        continue;
      }
      if (p.port === undefined) return true;
      if (p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- questions for lint and renderers

  /** Policies isolating the endpoint for a direction. */
  public isolatingPolicies(endpointIndex: number, direction: Direction): IndexedPolicy[] {
    return this.isolatingPoliciesOf(this.classOf[endpointIndex], direction);
  }

  /** Policies isolating the pods of a class (a hypothetical pod's included) for a direction. */
  public isolatingPoliciesOf(cls: number, direction: Direction): IndexedPolicy[] {
    const byClass = direction === 'Ingress' ? this.ingressByClass : this.egressByClass;
    return byClass[cls].map((i) => this.policies[i]);
  }

  /** Endpoint indices a policy selects. */
  public selectedEndpoints(policyIndex: number): number[] {
    return this.expand(this.policies[policyIndex].selected);
  }

  /** The classes of the pods an ipBlock (by its key) holds the addresses of. Shared: never modify the result. */
  public ipBlockClasses(key: string): Bitset | undefined {
    return this.blockBits.get(key);
  }

  /** The classes a pod peer matches, for a policy in the namespace. Shared: never modify the result. */
  public podPeerClasses(peer: PodsPeer, policyNamespace: string): Bitset {
    return this.podsPeerClasses(peer, policyNamespace);
  }

  /** The names of the namespaces of the model a namespace selector matches. Shared: never modify the result. */
  public namespacesSelectedBy(selector: NormalizedSelector): readonly string[] {
    const key = selectorKey(selector);
    let names = this.namespacesBySelector.get(key);
    if (!names) {
      // A selector with a label to match is checked only against the namespaces with that label (most
      // name one namespace, by kubernetes.io/metadata.name): the cost follows the matches, not the cluster.
      const candidates = selector.matchLabels.length > 0 ? this.namespacesWithLabel(selector.matchLabels[0]) : this.namespaces.values();
      names = [];
      for (const ns of candidates) if (matchesNormalizedSelector(selector, ns.labels)) names.push(ns.name);
      this.namespacesBySelector.set(key, names);
    }
    return names;
  }

  /** The namespaces with a label, in model order (the index is built on first use). */
  private namespacesWithLabel([key, value]: readonly [string, string]): readonly ModelNamespace[] {
    if (this.namespacesByLabel === undefined) {
      const index = new Map<string, ModelNamespace[]>();
      for (const ns of this.namespaces.values()) {
        for (const k of Object.keys(ns.labels)) {
          const pair = `${k}\u0000${ns.labels[k]}`;
          const list = index.get(pair);
          if (list) list.push(ns); else index.set(pair, [ns]);
        }
      }
      this.namespacesByLabel = index;
    }
    return this.namespacesByLabel.get(`${key}\u0000${value}`) ?? [];
  }

  /** The indices of the endpoints in a namespace, in order. Shared: never modify the result. */
  public endpointsIn(namespace: string): readonly number[] {
    if (!this.endpointsByNamespace) {
      const byNamespace = new Map<string, number[]>();
      this.endpoints.forEach((endpoint, i) => {
        const list = byNamespace.get(endpoint.namespace);
        if (list) list.push(i); else byNamespace.set(endpoint.namespace, [i]);
      });
      this.endpointsByNamespace = byNamespace;
    }
    return this.endpointsByNamespace.get(namespace) ?? [];
  }

  /** Whether the namespace has pods in the model. */
  public hasPodsIn(namespace: string): boolean {
    return this.namespaceClassIndex.has(namespace);
  }

  /** Endpoint indices a rule's peers match (every endpoint when the rule allows every peer). */
  public ruleEndpoints(rule: IndexedRule): number[] {
    return rule.peerClasses ? this.expand(rule.peerClasses) : this.endpoints.map((_, i) => i);
  }

  // ---------------------------------------------------------------- matrices

  /**
   * For one destination class and port: the source classes whose connections to it are allowed (egress
   * at the source and ingress at the destination); undefined when none. Pods talking to themselves are
   * not special here: callers decide that per endpoint. The result is kept and shared: equal results are
   * the same object (callers may key on it), and it must never be modified.
   *
   * Sparse on purpose: the egress side looks only at the egress rules whose peers hold the destination
   * (indexed once, by class) and at the pods their policies select, so the cost follows the rules that
   * apply and the sources allowed, not the number of classes squared. Without tiers the result depends
   * only on the ingress set and the egress rules that apply: destinations and ports alike share one, made
   * once.
   */
  public sourcesInto(destination: number, protocol: Protocol, port: number): Bitset | undefined {
    if (this.tierSets) {
      const tiered = this.tieredSourcesInto(this.tierSets, destination, protocol, port);
      return tiered === undefined ? undefined : this.kept.keep(tiered);
    }
    const ingress = this.ingressSources(destination, protocol, port);
    if (ingress === undefined) return undefined;
    const rules = this.rulesApplying;
    rules.length = 0;
    this.forEachEgressRuleInto(destination, protocol, port, (rule) => rules.push(rule));
    let key = ingress === 'all' ? 'all' : String(this.identities.numberOf(ingress));
    for (const rule of rules) key += `,${this.identities.numberOf(rule)}`;
    const known = this.sourcesByParts.get(key);
    if (known !== undefined) return known ?? undefined;
    const result = this.scratch;
    result.clear();
    if (this.notEgressIsolatedCount > 0) {
      result.or(this.notEgressIsolated);
      if (ingress !== 'all') result.and(ingress);
    }
    for (const rule of rules) {
      for (const s of this.selectedClasses(rule.policyIndex)) {
        if (ingress === 'all' || ingress.has(s)) result.add(s);
      }
    }
    const found = result.isEmpty() ? undefined : this.kept.keep(result);
    if (this.sourcesByParts.size >= MAX_KEPT_RESULTS) this.sourcesByParts.clear();
    this.sourcesByParts.set(key, found ?? null);
    return found;
  }

  /**
   * For one address and port: the source classes allowed to open connections to it (only egress is
   * judged: an address outside the cluster has no ingress policies); undefined when none. The result is
   * a scratch set of the evaluator, valid until its next call: copy it to keep it.
   */
  public sourcesToAddress(ip: ParsedIp, protocol: Protocol, port: number): Bitset | undefined {
    const result = this.npSourcesToAddress(ip, protocol, port);
    if (!this.tierSets) return result.isEmpty() ? undefined : result;
    const tiered = this.tierSets.sourcesToAddress(ip, protocol, port, result);
    return tiered.isEmpty() ? undefined : tiered;
  }

  /** The source classes whose egress the NetworkPolicies allow to an address (those not isolated for egress included). */
  private npSourcesToAddress(ip: ParsedIp, protocol: Protocol, port: number): Bitset {
    const result = this.scratch;
    result.clear();
    if (this.notEgressIsolatedCount > 0) result.or(this.notEgressIsolated);
    const index = this.egressIndex();
    // The rules without peers, and those with a block holding the address (found by range).
    for (const rules of [index.toAnyAddress, this.blockRulesHolding(ip)]) {
      for (const rule of rules) {
        if (!this.portMatchesClass(rule, protocol, port, -1)) continue;
        for (const s of this.selectedClasses(rule.policyIndex)) result.add(s);
      }
    }
    return result;
  }

  /**
   * The egress rules with an ipBlock holding the address, each once (none of them without peers), in
   * index order. Kept per address: an address is asked on every port the matrix or diagram cuts.
   */
  private blockRulesHolding(ip: ParsedIp): readonly IndexedRule[] {
    const key = `${ip.family}/${ip.value}`;
    let rules = this.blockRulesByAddress.get(key);
    if (rules === undefined) {
      const found = new Set<IndexedRule>();
      for (const { rule, block } of this.egressIndex().blocksByRange.containing(ip)) {
        if (!block.except.some((except) => cidrContainsIp(except, ip))) found.add(rule);
      }
      rules = [...found];
      // Bounded: a query per address of a large input keeps no more than this many.
      if (this.blockRulesByAddress.size >= 65536) this.blockRulesByAddress.clear();
      this.blockRulesByAddress.set(key, rules);
    }
    return rules;
  }

  /**
   * `sourcesInto` through the ClusterNetworkPolicy tiers: the NetworkPolicies' sets for both sides (dense),
   * handed to `TierSets`, which decides what each tier makes of them.
   */
  private tieredSourcesInto(tierSets: TierSets, destination: number, protocol: Protocol, port: number): Bitset | undefined {
    const egressAllowed = this.notEgressIsolated.clone();
    this.forEachEgressRuleInto(destination, protocol, port, (rule) => {
      for (const s of this.selectedClasses(rule.policyIndex)) egressAllowed.add(s);
    });
    const result = tierSets.sourcesInto(destination, protocol, port, {
      ingressIsolated: this.ingressByClass[destination].length > 0,
      ingressAllowed: this.ingressSources(destination, protocol, port),
      egressAllowed,
    });
    return result.isEmpty() ? undefined : result;
  }

  /** Visits the egress rules whose peers hold the class and whose ports match there (found through the index). */
  private forEachEgressRuleInto(destination: number, protocol: Protocol, port: number, visit: (rule: IndexedRule) => void): void {
    const { byClass, broad } = this.egressIndex();
    for (const rule of byClass[destination]) if (this.portMatchesClass(rule, protocol, port, destination)) visit(rule);
    for (const rule of broad) {
      if ((!rule.peerClasses || rule.peerClasses.has(destination)) && this.portMatchesClass(rule, protocol, port, destination)) visit(rule);
    }
  }

  /**
   * The egress rules that may allow connections to a class: those whose peers hold it, and those without
   * peers or with peers so wide they are kept apart (checked here against the class).
   */
  public egressRulesInto(destination: number): IndexedRule[] {
    const { byClass, broad } = this.egressIndex();
    const rules = [...byClass[destination]];
    for (const rule of broad) if (!rule.peerClasses || rule.peerClasses.has(destination)) rules.push(rule);
    return rules;
  }

  /** The egress rules whose peers hold an address: those without peers, and those with an ipBlock holding it (by range). */
  public egressRulesToAddress(ip: ParsedIp): IndexedRule[] {
    return [...this.egressIndex().toAnyAddress, ...this.blockRulesHolding(ip)];
  }

  /** Whether a rule's ports match at the pods of a class (`-1`: an address, which has no named ports). */
  public portMatchesClass(rule: IndexedRule, protocol: Protocol, port: number, destination: number): boolean {
    const ports = rule.rule.ports;
    if (!ports) return true;
    for (const p of ports) {
      if (p.protocol !== protocol) continue;
      if (p.name !== undefined) {
        if (destination >= 0 && this.classes[destination].namedPorts.has(namedPortKey(p.name, protocol, port))) return true;
        continue;
      }
      if (p.port === undefined) return true;
      if (p.endPort !== undefined ? port >= p.port && port <= p.endPort : port === p.port) return true;
    }
    return false;
  }

  /**
   * For one destination class and port, the source classes its ingress allows: `'all'` when no policy
   * isolates it (or a rule allows every peer), undefined when none. Shared: never modify the result.
   */
  private ingressSources(destination: number, protocol: Protocol, port: number): Bitset | 'all' | undefined {
    const policies = this.ingressByClass[destination];
    if (policies.length === 0) return 'all';
    let first: Bitset | undefined;
    const others = this.peerSets;
    others.length = 0;
    for (const p of policies) {
      for (const rule of this.policies[p].ingress) {
        if (!this.portMatchesClass(rule, protocol, port, destination)) continue;
        if (!rule.peerClasses) return 'all';
        if (first === undefined) first = rule.peerClasses;
        else if (rule.peerClasses !== first) others.push(rule.peerClasses);
      }
    }
    if (first === undefined || others.length === 0) return first;
    // Destinations alike are allowed by the same rules: their union is made once.
    let key = String(this.identities.numberOf(first));
    for (const set of others) key += `,${this.identities.numberOf(set)}`;
    let union = this.ingressUnions.get(key);
    if (union === undefined) {
      union = first.clone();
      for (const set of others) union.or(set);
      if (this.ingressUnions.size >= MAX_KEPT_RESULTS) this.ingressUnions.clear();
      this.ingressUnions.set(key, union);
    }
    return union;
  }

  /** The classes a policy selects, as a sorted list. */
  private selectedClasses(policyIndex: number): readonly number[] {
    const selected = this.policies[policyIndex].selected;
    let classes = this.selectedClassesCache.get(selected);
    if (!classes) {
      classes = selected.members();
      this.selectedClassesCache.set(selected, classes);
    }
    return classes;
  }

  private egressIndex(): EgressIndex {
    if (this.egressIndexCache) return this.egressIndexCache;
    const byClass: IndexedRule[][] = this.classes.map(() => []);
    const broad: IndexedRule[] = [];
    const toAnyAddress: IndexedRule[] = [];
    const blocksByRange = new CidrIndex<{ rule: IndexedRule; block: IpBlockPeer }>();
    // A rule whose peers hold most classes is checked per destination rather than listed under each.
    const wide = Math.max(64, this.classes.length / 16);
    for (const policy of this.policies) {
      if (!policy.model.policy.isolatesEgress || policy.selected.isEmpty()) continue;
      for (const rule of policy.egress) {
        if (!rule.peerClasses) toAnyAddress.push(rule);
        for (const block of rule.ipBlocks) blocksByRange.add(block.cidr, { rule, block });
        if (!rule.peerClasses || rule.peerClasses.count() > wide) {
          broad.push(rule);
          continue;
        }
        for (const c of rule.peerClasses.members()) byClass[c].push(rule);
      }
    }
    this.egressIndexCache = { byClass, broad, toAnyAddress, blocksByRange };
    return this.egressIndexCache;
  }

  // ---------------------------------------------------------------- index construction

  private collectIpBlocks(policies: readonly ModelPolicy[]): IpBlockPeer[] {
    const blocks = new Map<string, IpBlockPeer>();
    for (const policy of policies) {
      for (const rule of [...policy.policy.ingress, ...policy.policy.egress]) {
        for (const peer of rule.peers ?? []) {
          if (peer.kind === 'ipBlock' && !blocks.has(peer.key)) blocks.set(peer.key, peer);
        }
      }
    }
    return [...blocks.values()];
  }

  /** `byIpKnown`: pods with and without known IPs never share a class (CNP `networks` judge them differently). */
  private buildClasses(blocks: readonly IpBlockPeer[], blockMembers: number[][], byIpKnown: boolean): PodClass[] {
    // Blocks by range: the blocks holding an address are found without looking at the others.
    const byRange = new CidrIndex<number>();
    blocks.forEach((block, b) => byRange.add(block.cidr, b));
    const blocksContaining = (ips: readonly ParsedIp[]): number[] => {
      const found: number[] = [];
      for (const ip of ips) {
        for (const b of byRange.containing(ip)) {
          if (!blocks[b].except.some((except) => cidrContainsIp(except, ip))) found.push(b);
        }
      }
      // Several addresses may share blocks: sorted, and each once.
      return found.length > 1 ? sortedUnique(found) : found;
    };
    const classes: Array<PodClass & { members: number[] }> = [];
    const byKey = new Map<string, number>();
    this.endpoints.forEach((endpoint, index) => {
      const matched = endpoint.ips.length === 0 ? NO_BLOCKS : blocksContaining(endpoint.ips);
      const named = namedPortsOf(endpoint);
      const key = classKey(endpoint, named, matched, byIpKnown && endpoint.ips.length > 0);
      let id = byKey.get(key);
      if (id === undefined) {
        id = classes.length;
        byKey.set(key, id);
        const namedPorts = named.length === 0 ? NO_NAMED_PORTS : new Set(named);
        // Most classes have one member: a list of one (a list grown by push reserves room for 17).
        classes.push({ id, namespace: endpoint.namespace, labels: endpoint.labels, namedPorts, members: [index] });
        for (const b of matched) blockMembers[b].push(id);
      } else {
        classes[id].members.push(index);
      }
      this.classOf[index] = id;
    });
    return classes;
  }

  private buildLabelIndex(): void {
    const push = (map: Map<string, number[]>, key: string, id: number) => {
      const list = map.get(key);
      if (list) list.push(id); else map.set(key, [id]);
    };
    // A namespace's labels as index keys, once per namespace (not once per class of it).
    const namespaceKeys = new Map<string, { pairs: string[]; keys: string[] }>();
    for (const c of this.classes) {
      const labels = c.labels;
      for (const key in labels) {
        if (!Object.prototype.hasOwnProperty.call(labels, key)) continue;
        push(this.podLabelIndex, `${key}=${labels[key]}`, c.id);
        push(this.podKeyIndex, key, c.id);
      }
      let keys = namespaceKeys.get(c.namespace);
      if (keys === undefined) {
        const namespaceLabels = this.namespaces.get(c.namespace)?.labels ?? {};
        keys = { keys: Object.keys(namespaceLabels), pairs: Object.entries(namespaceLabels).map(([key, value]) => `${key}=${value}`) };
        namespaceKeys.set(c.namespace, keys);
      }
      for (const pair of keys.pairs) push(this.namespaceLabelIndex, pair, c.id);
      for (const key of keys.keys) push(this.namespaceKeyIndex, key, c.id);
      push(this.namespaceClassIndex, c.namespace, c.id);
      for (const named of c.namedPorts) push(this.namedPortIndex, named, c.id);
    }
  }

  private fromList(list: readonly number[] | undefined): Bitset {
    return Bitset.of(this.classes.length, list ?? []);
  }

  private cached(key: string, build: () => Bitset): Bitset {
    let bits = this.bitsetCache.get(key);
    if (!bits) {
      bits = build();
      this.bitsetCache.set(key, bits);
    }
    return bits;
  }

  /** Classes in a namespace. Shared: never modify the result. */
  private namespaceClasses(namespace: string): Bitset {
    return this.cached(`ns\u0000${namespace}`, () => this.fromList(this.namespaceClassIndex.get(namespace)));
  }

  /**
   * The endpoints (indices, in order) a ClusterNetworkPolicy subject selects, through the class sets: the
   * cost follows the subject's pods, not the cluster's.
   */
  public subjectEndpoints(subject: NormalizedCnpSubject): number[] {
    const [namespaces, pods] = subjectSelectors(subject);
    const classes = this.selectNamespaces(namespaces).clone().and(this.selectPods(pods));
    const out: number[] = [];
    for (const c of classes.members()) for (const member of this.classes[c].members) out.push(member);
    return out.sort((a, b) => a - b);
  }

  /** Classes whose pod labels match. Shared: never modify the result. */
  private selectPods(selector: NormalizedSelector): Bitset {
    return this.cached(`pods\u0000${selectorKey(selector)}`, () => this.evaluateSelector(selector, this.podLabelIndex, this.podKeyIndex));
  }

  /** Classes whose namespace's labels match. Shared: never modify the result. */
  private selectNamespaces(selector: NormalizedSelector): Bitset {
    return this.cached(`namespaces\u0000${selectorKey(selector)}`, () => this.evaluateSelector(selector, this.namespaceLabelIndex, this.namespaceKeyIndex));
  }

  private evaluateSelector(selector: NormalizedSelector, labelIndex: Map<string, number[]>, keyIndex: Map<string, number[]>): Bitset {
    const n = this.classes.length;
    // The requirements that narrow (labels, In, Exists) make the set, from their members alone; those that
    // take away (NotIn, DoesNotExist) then remove theirs. Only a selector of the latter alone starts from
    // every class (intersection and difference commute: the order does not change the set).
    let bits: Bitset | undefined;
    if (selector.matchLabels.length > 0) {
      // The classes of the rarest label, kept where they have the others (no set per label).
      const lists = selector.matchLabels.map(([key, value]) => labelIndex.get(`${key}=${value}`) ?? NO_CLASSES);
      let rarest = 0;
      for (let i = 1; i < lists.length; i++) if (lists[i].length < lists[rarest].length) rarest = i;
      const others = lists.filter((_, i) => i !== rarest);
      const candidates = lists[rarest];
      bits = Bitset.of(n, others.length === 0 ? candidates : candidates.filter((c) => others.every((list) => sortedHas(list, c))));
    }
    const classesOf = (r: NormalizedSelector['expressions'][number]): Bitset => {
      if (r.operator === 'Exists' || r.operator === 'DoesNotExist') return this.fromList(keyIndex.get(r.key));
      const members: number[] = [];
      for (const value of r.values) for (const c of labelIndex.get(`${r.key}=${value}`) ?? NO_CLASSES) members.push(c);
      return Bitset.of(n, members);
    };
    for (const r of selector.expressions) {
      if (r.operator !== 'In' && r.operator !== 'Exists') continue;
      bits = bits === undefined ? classesOf(r) : bits.and(classesOf(r));
    }
    bits ??= this.all.clone();
    for (const r of selector.expressions) {
      if (r.operator === 'NotIn' || r.operator === 'DoesNotExist') bits.andNot(classesOf(r));
    }
    return bits;
  }

  /** Classes a peer matches. Shared: never modify the result. */
  private peerClasses(peer: NormalizedPeer, policyNamespace: string, blockBits: Map<string, Bitset>): Bitset {
    if (peer.kind === 'ipBlock') return blockBits.get(peer.key)!;
    return this.podsPeerClasses(peer, policyNamespace);
  }

  private podsPeerClasses(peer: PodsPeer, policyNamespace: string): Bitset {
    // A peer without namespaceSelector means the policy's own namespace.
    const namespaceKey = peer.namespaceSelector ? `sel ${selectorKey(peer.namespaceSelector)}` : `own ${policyNamespace}`;
    const podKey = peer.podSelector ? selectorKey(peer.podSelector) : '*';
    return this.cached(`peer\u0000${namespaceKey}\u0000${podKey}`, () => {
      const namespaces = peer.namespaceSelector ? this.selectNamespaces(peer.namespaceSelector) : this.namespaceClasses(policyNamespace);
      return peer.podSelector ? namespaces.clone().and(this.selectPods(peer.podSelector)) : namespaces;
    });
  }

  private indexRule(
    rule: NormalizedRule, policyIndex: number, direction: Direction, index: number, namespace: string, blockBits: Map<string, Bitset>,
  ): IndexedRule {
    if (!rule.peers) return { policyIndex, direction, index, rule, ipBlocks: [] };
    const ipBlocks = rule.peers.filter((p): p is IpBlockPeer => p.kind === 'ipBlock');
    let peerClasses: Bitset;
    if (rule.peers.length === 1) {
      peerClasses = this.peerClasses(rule.peers[0], namespace, blockBits);
    } else {
      peerClasses = new Bitset(this.classes.length);
      for (const peer of rule.peers) peerClasses.or(this.peerClasses(peer, namespace, blockBits));
    }
    return { policyIndex, direction, index, rule, peerClasses, ipBlocks };
  }

  private expand(classes: Bitset): number[] {
    const out: number[] = [];
    for (const c of classes.members()) out.push(...this.classes[c].members);
    return out.sort((a, b) => a - b);
  }

  /** Whether a rule's peers match a hypothetical pod: its labels matched directly, once per rule. */
  private extraPeerMatches(rule: IndexedRule, cls: number): boolean {
    const extra = this.extras[cls - this.classes.length];
    let match = extra.peerMatch.get(rule);
    if (match === undefined) {
      const policyNamespace = this.policies[rule.policyIndex].model.namespace;
      match = (rule.rule.peers ?? []).some((peer) => peer.kind === 'pods'
        && (peer.namespaceSelector ? matchesNormalizedSelector(peer.namespaceSelector, extra.namespaceLabels) : extra.namespace === policyNamespace)
        && (!peer.podSelector || matchesNormalizedSelector(peer.podSelector, extra.labels)));
      extra.peerMatch.set(rule, match);
    }
    return match;
  }

  private sideAllows(
    byClass: readonly number[][], direction: 'ingress' | 'egress',
    subject: ResolvedEndpoint, peer: ResolvedEndpoint, protocol: Protocol, port: number, to: ResolvedEndpoint,
  ): boolean {
    if (subject.kind !== 'pod') return true;
    const isolating = byClass[subject.cls];
    if (isolating.length === 0) return true;
    for (const p of isolating) {
      for (const rule of this.policies[p][direction]) {
        if (this.peerMatches(rule, peer) && this.portMatches(rule, protocol, port, to)) return true;
      }
    }
    return false;
  }

  private judgeSide(
    direction: Direction, subject: ResolvedEndpoint, peer: ResolvedEndpoint,
    protocol: Protocol, port: number, to: ResolvedEndpoint, self: boolean,
  ): SideVerdict {
    const base = { direction, subject, peer };
    if (self || subject.kind !== 'pod') {
      return { ...base, judged: false, notJudgedBecause: self ? 'self' : 'external', isolatingPolicies: [], checks: [], allowed: true };
    }
    const isolatingPolicies = this.isolatingPoliciesOf((subject as PodEnd).cls, direction);
    const checks: RuleCheck[] = [];
    for (const policy of isolatingPolicies) {
      for (const rule of direction === 'Ingress' ? policy.ingress : policy.egress) {
        checks.push({ policy, rule, peerMatches: this.peerMatches(rule, peer), portMatches: this.portMatches(rule, protocol, port, to) });
      }
    }
    const allowed = isolatingPolicies.length === 0 || checks.some((c) => c.peerMatches && c.portMatches);
    if (!this.tiers) return { ...base, judged: true, isolatingPolicies, checks, allowed };
    const tiers = this.tiers.judge({
      direction, subject: this.tierEnd(subject) as TierEnd & { kind: 'pod' }, peer: this.tierEnd(peer), destination: this.tierEnd(to), protocol, port,
    }, isolatingPolicies.length === 0 ? 'not-selected' : allowed ? 'allowed' : 'denied');
    return { ...base, judged: true, isolatingPolicies, checks, tiers, allowed: tiers.allowed };
  }

  private tierEnd(end: ResolvedEndpoint): TierEnd {
    if (end.kind === 'external') return { kind: 'external', ip: end.ip };
    return {
      kind: 'pod',
      namespace: end.endpoint.namespace,
      namespaceLabels: this.namespaceLabelsOf(end),
      labels: end.endpoint.labels,
      ips: end.endpoint.ips,
      ports: end.endpoint.ports,
    };
  }
}

/** The key of the block standing for a CNP `networks` range: the classes whose pods have an IP inside it. */
function networkBlockKey(cidr: ParsedCidr): string {
  return `cnp-networks\u0000${cidr.canonical}`;
}

/** A CNP `networks` range as a block without exceptions, so that classes tell its pods apart. */
function networkBlocks(tiers: ClusterTiers | undefined): IpBlockPeer[] {
  const blocks = new Map<string, IpBlockPeer>();
  for (const cidr of tiers?.networks() ?? []) blocks.set(networkBlockKey(cidr), { kind: 'ipBlock', cidr, except: [], key: networkBlockKey(cidr) });
  return [...blocks.values()];
}

/** A pod talking to itself is never judged. A workload stands for several pods, so it is not "itself". */
function isSelf(from: ResolvedEndpoint, to: ResolvedEndpoint): boolean {
  return from.kind === 'pod' && to.kind === 'pod' && !from.multiple && !to.multiple && from.index === to.index;
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && b[k] === a[k]);
}

/** Whether an ascending list holds a number (binary search). */
function sortedHas(list: readonly number[], value: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = Math.floor((low + high) / 2);
    if (list[mid] === value) return true;
    if (list[mid] < value) low = mid + 1; else high = mid - 1;
  }
  return false;
}

const NO_BLOCKS: readonly number[] = Object.freeze([]);
/** No policy, for the classes no policy isolates: shared, and replaced (never added to) by `addTo`. */
const NO_POLICIES: number[] = [];

/**
 * Adds a policy to a class's list: a list of one at first, then grown. Most classes are isolated by one
 * policy or two, and a list grown by push from empty reserves room for 17.
 */
function addTo(lists: number[][], cls: number, policy: number): void {
  const list = lists[cls];
  if (list === NO_POLICIES) lists[cls] = [policy];
  else list.push(policy);
}
const NO_CLASSES: readonly number[] = Object.freeze([]);
const NO_NAMED_PORTS: ReadonlySet<string> = new Set();

/** The named ports of an endpoint, as class keys, sorted. */
function namedPortsOf(endpoint: ModelEndpoint): string[] {
  const named: string[] = [];
  for (const p of endpoint.ports) if (p.name !== undefined) named.push(namedPortKey(p.name, p.protocol, p.port));
  return named.length > 1 ? sortedUnique(named) : named;
}

/**
 * What decides a pod's class, as a string: equal for two pods exactly when their namespace, labels, named
 * ports, ipBlocks and known-IP flag are. Each text is written after its length, so no label can forge a
 * separator (and nothing needs quoting).
 */
function classKey(endpoint: ModelEndpoint, named: readonly string[], blocks: readonly number[], ipKnown: boolean): string {
  const labels = endpoint.labels;
  let keys = Object.keys(labels);
  if (keys.length > 1) keys = sortedUnique(keys);
  let key = `${endpoint.namespace.length}:${endpoint.namespace}`;
  for (const k of keys) {
    const value = labels[k];
    key += `${k.length}:${k}${value.length}:${value}`;
  }
  key += '|';
  for (const n of named) key += `${n.length}:${n}`;
  key += `|${blocks.join(',')}|${ipKnown ? 1 : 0}`;
  return key;
}
