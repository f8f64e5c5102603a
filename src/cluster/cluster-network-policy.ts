/**
 * The `ClusterNetworkPolicy` construct (`policy.networking.k8s.io/v1alpha2`, kubernetes-sigs/network-policy-api):
 * a cluster-scoped policy of the Admin tier (evaluated before NetworkPolicies) or the Baseline tier (after them),
 * with ordered Accept / Deny / Pass rules. Public.
 *
 * @module
 */
import { ApiObject, ApiObjectMetadata, Lazy } from 'cdk8s';
import { Construct } from 'constructs';
import { ClusterPeer } from './cluster-peer';
import { ClusterPolicySubject } from './cluster-subject';
import {
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_KIND,
  ClusterNetworkPolicyEgressPeerManifest,
  ClusterNetworkPolicyManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterNetworkPolicySpecManifest,
} from '../cluster-manifest';
import { protocolEntry, protocolKey } from './cnp-ports';
import { DESCRIPTION_ANNOTATION, ruleAnnotation } from '../manifest';
import { Port } from '../ports';
import {
  checkArray, checkEnum, checkInstance, checkInstances, checkObject, checkOptionalString, checkProps, childPath, fail,
  isPlainObject, show, Where,
} from '../runtime-checks';
import { decodeUnsafeKeys, encodeUnsafeKeys, hasUnsafeKey, unsafeLabelKeysPossible } from '../selection/unsafe-keys';
import { Severity } from '../severity';
import { CNP_MAX_ITEMS, CNP_MAX_PRIORITY, CNP_MAX_RULE_NAME, validateClusterNetworkPolicy } from '../validation/cluster-network-policy';
import { checkDns1123Subdomain } from '../validation/syntax';

/**
 * Where a ClusterNetworkPolicy sits relative to the namespaced NetworkPolicies (`spec.tier`).
 */
export enum ClusterPolicyTier {
  /**
   * Evaluated before every NetworkPolicy: an Accept or Deny here is final, and namespace owners cannot
   * override it. For guardrails of the cluster's administrators.
   */
  ADMIN = 'Admin',
  /**
   * Evaluated only for pods that no NetworkPolicy selects in that direction: a default that namespace
   * owners can replace with NetworkPolicies of their own.
   */
  BASELINE = 'Baseline',
}

/**
 * What a ClusterNetworkPolicy rule does with the traffic it matches (`action`).
 */
export enum ClusterPolicyAction {
  /** Allow the traffic. Final: no later rule, NetworkPolicy or Baseline policy of this direction is consulted. */
  ACCEPT = 'Accept',
  /** Drop the traffic. Final. */
  DENY = 'Deny',
  /**
   * Skip the rest of the current tier: from the Admin tier, the NetworkPolicies (then the Baseline tier)
   * decide; from the Baseline tier, the Kubernetes default (allowed) applies.
   */
  PASS = 'Pass',
}

/**
 * One rule of a ClusterNetworkPolicy: traffic with these peers on these ports gets this action.
 *
 * Rules take effect in the order they are added (the first matching rule of the first matching policy
 * decides), so rules are never merged or reordered.
 */
export interface ClusterPolicyRule {
  /**
   * The rule's name, shown by implementations in their logs and by this library's analysis. At most 100
   * characters; unique within the policy.
   *
   * @default - `<action>-<direction>-<index>`, e.g. `deny-egress-0`: the same rules always get the same names
   */
  readonly name?: string;

  /**
   * What to do with matching traffic.
   */
  readonly action: ClusterPolicyAction;

  /**
   * The peers (sources for ingress, destinations for egress); OR-ed. 1 to 25.
   *
   * `ClusterPeer.networks()` is an egress peer only.
   */
  readonly peers: ClusterPeer[];

  /**
   * The destination ports; OR-ed. 1 to 25 distinct entries.
   *
   * `Port.allTcp()` (and the other `all` ports) is written as the range 1-65535, since the CRD has no
   * protocol-only match. `Port.named()` is written as `destinationNamedPort`, which matches the destination
   * container port of that name with the protocol that port declares (the `Port`'s protocol is not written);
   * it cannot be combined with `ClusterPeer.networks()` peers, which have no named ports, and upstream lists
   * named ports as an experimental conformance feature, so not every implementation supports them.
   *
   * An empty list is refused: leave `ports` out to match every port of every protocol.
   *
   * @default - every port of every protocol
   */
  readonly ports?: Port[];

  /**
   * Why this rule exists, written to the manifest as the annotation `cdk8s-netpol/<direction>.<index>`
   * (e.g. `cdk8s-netpol/egress.0`), so that analysis can say why traffic was accepted or denied.
   *
   * @default - no description
   */
  readonly description?: string;
}

/**
 * Properties of a `ClusterNetworkPolicy`.
 */
export interface ClusterNetworkPolicyProps {
  /**
   * Metadata: name, labels, annotations.
   *
   * A ClusterNetworkPolicy is cluster-scoped: a namespace is refused, and the chart's namespace is not written.
   *
   * @default - name generated from the construct path
   */
  readonly metadata?: ApiObjectMetadata;

  /**
   * The tier: Admin (before NetworkPolicies, final) or Baseline (after them, a default).
   */
  readonly tier: ClusterPolicyTier;

  /**
   * The policy's precedence within its tier, a whole number from 0 to 1000: lower values are evaluated first.
   *
   * Two policies of one tier with the same priority whose subjects overlap have no defined order (the
   * implementation may apply either): give such policies different priorities.
   */
  readonly priority: number;

  /**
   * The pods the policy applies to.
   */
  readonly subject: ClusterPolicySubject;

  /**
   * Ingress rules, in precedence order (at most 25). More can be added with `addIngress()`.
   *
   * A ClusterNetworkPolicy does not isolate the pods it selects: without ingress rules, it does not affect
   * their ingress at all.
   *
   * @default - none
   */
  readonly ingress?: ClusterPolicyRule[];

  /**
   * Egress rules, in precedence order (at most 25). More can be added with `addEgress()`.
   *
   * @default - none
   */
  readonly egress?: ClusterPolicyRule[];

  /**
   * Why this policy exists, written to the manifest as the annotation `cdk8s-netpol/description`.
   *
   * @default - no description
   */
  readonly description?: string;
}

const POLICY_PROPS: readonly string[] = ['metadata', 'tier', 'priority', 'subject', 'ingress', 'egress', 'description'];
const RULE_FIELDS: readonly string[] = ['name', 'action', 'peers', 'ports', 'description'];
const RULE_SHAPE = '{ action, peers, ports?, name?, description? }';
const PEER_HINT = 'ClusterPeer.namespaces(...), ClusterPeer.pods(...) or ClusterPeer.networks(...)';
const PORT_HINT = 'Port.tcp(8080), Port.tcpRange(8000, 8100), Port.named(\'http\'), ...';
const SUBJECT_HINT = 'ClusterPolicySubject.namespaces(...) or ClusterPolicySubject.pods(...)';

type Direction = 'ingress' | 'egress';

/** A rule as the policy keeps it: checked, with its name settled and its lists copied. */
interface StoredRule {
  readonly name: string;
  readonly action: ClusterPolicyAction;
  readonly peers: readonly ClusterPeer[];
  readonly protocols?: readonly ClusterNetworkPolicyProtocolManifest[];
}

/**
 * A Kubernetes ClusterNetworkPolicy (`policy.networking.k8s.io/v1alpha2`): cluster-wide rules of the
 * cluster's administrators, in the Admin tier (evaluated before NetworkPolicies, final) or the Baseline tier
 * (evaluated for pods no NetworkPolicy selects).
 *
 * Needs the network-policy-api CRDs (v0.2.0 or later) and a network plugin that implements them. Rules can be
 * added after construction; the manifest is rendered when the chart is synthesized, and validated then
 * against what the API server (standard channel CRD) accepts.
 */
export class ClusterNetworkPolicy extends ApiObject {
  private readonly tierValue: ClusterPolicyTier;
  private readonly priorityValue: number;
  private readonly subjectValue: ClusterPolicySubject;
  private readonly rules: { readonly ingress: StoredRule[]; readonly egress: StoredRule[] } = { ingress: [], egress: [] };
  // The last rendering, reused by validation and synthesis until a rule is added.
  private rendered?: ClusterNetworkPolicySpecManifest;
  // Whether the spec given to cdk8s in the current toJson() has label keys renamed.
  private encodedKeys = false;

  /**
   * Adds the policy to `scope`.
   *
   * @param scope the chart or construct to add the policy to
   * @param id the construct id, unique in `scope`
   * @param props the tier, priority, subject, rules, and why
   */
  public constructor(scope: Construct, id: string, props: ClusterNetworkPolicyProps) {
    // Untyped callers (plain JavaScript, other jsii languages) pass what they pass: check it before anything is built.
    const where = () => `[${childPath(scope, id)}]`;
    checkProps(props, where, 'props', POLICY_PROPS, 'property');
    const given = props ?? ({} as ClusterNetworkPolicyProps);
    if (given.metadata !== undefined) {
      checkObject(given.metadata, where, 'metadata', '(ApiObjectMetadata: { name?, labels?, annotations?, ... })');
      if (given.metadata.namespace !== undefined) {
        fail(where, `metadata.namespace ${show(given.metadata.namespace)}: a ClusterNetworkPolicy is cluster-scoped, so the `
          + 'API server drops the namespace and the policy applies to the pods its subject selects in every namespace. '
          + "Remove metadata.namespace (the chart's namespace is left out by itself).");
      }
    }
    const tier = checkTier(given.tier, where);
    const priority = checkPriority(given.priority, where, 'priority');
    if (given.subject === undefined) fail(where, `subject is required: the pods the policy applies to (${SUBJECT_HINT})`);
    checkInstance(given.subject, ClusterPolicySubject, where, 'subject', SUBJECT_HINT);
    checkOptionalString(given.description, where, 'description');
    if (given.ingress !== undefined) checkArray(given.ingress, where, 'ingress', `rules ${RULE_SHAPE}`);
    if (given.egress !== undefined) checkArray(given.egress, where, 'egress', `rules ${RULE_SHAPE}`);

    // The spec is rendered at synthesis, so rules added after construction appear in it.
    const producer = new SpecProducer();
    super(scope, id, {
      apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION,
      kind: CLUSTER_NETWORK_POLICY_KIND,
      metadata: given.metadata,
      spec: Lazy.any(producer),
    });
    producer.policy = this;
    // cdk8s gives every object its chart's namespace; a cluster-scoped object has none.
    (this.metadata as unknown as { namespace?: string }).namespace = undefined;
    const nameReason = checkDns1123Subdomain(this.name);
    if (nameReason !== undefined) {
      throw new Error(`[${this.node.path}] metadata.name '${this.name}' ${nameReason}.`);
    }
    this.tierValue = tier;
    this.priorityValue = priority;
    this.subjectValue = given.subject;
    if (given.description !== undefined && given.description.trim() !== '') {
      this.metadata.addAnnotation(DESCRIPTION_ANNOTATION, given.description);
    }
    (given.ingress ?? []).forEach((rule, i) => this.addRule('ingress', rule, `ingress[${i}]`));
    (given.egress ?? []).forEach((rule, i) => this.addRule('egress', rule, `egress[${i}]`));
    this.node.addValidation(producer);
  }

  /** The tier. */
  public get tier(): ClusterPolicyTier {
    return this.tierValue;
  }

  /** The priority within the tier (lower values are evaluated first). */
  public get priority(): number {
    return this.priorityValue;
  }

  /** The pods the policy applies to. */
  public get subject(): ClusterPolicySubject {
    return this.subjectValue;
  }

  /**
   * Appends an ingress rule: for traffic into the subject's pods from `rule.peers` on `rule.ports`, after the
   * rules already there.
   *
   * @param rule the action, the sources, the ports, and why the rule exists
   */
  public addIngress(rule: ClusterPolicyRule): void {
    this.addRule('ingress', rule, 'rule');
  }

  /**
   * Appends an egress rule: for traffic out of the subject's pods to `rule.peers` on `rule.ports`, after the
   * rules already there.
   *
   * @param rule the action, the destinations, the ports, and why the rule exists
   */
  public addEgress(rule: ClusterPolicyRule): void {
    this.addRule('egress', rule, 'rule');
  }

  /**
   * Renders the object to Kubernetes JSON, as `ApiObject.toJson()` does, without a namespace (the object is
   * cluster-scoped); label keys of the spec's selectors such as `constructor`, which cdk8s alone cannot render
   * in a plain object, are written as given.
   */
  public toJson(): any {
    this.encodedKeys = false;
    const json = super.toJson();
    if (isPlainObject(json)) {
      if (isPlainObject(json.metadata)) delete json.metadata.namespace;
      if (this.encodedKeys) json.spec = decodeUnsafeKeys(json.spec);
    }
    return json;
  }

  /**
   * The plain manifest of the spec, as it will be synthesized.
   * @internal
   */
  public _renderSpec(): ClusterNetworkPolicySpecManifest {
    if (this.rendered !== undefined) return this.rendered;
    const spec: ClusterNetworkPolicySpecManifest = {
      tier: this.tierValue,
      priority: this.priorityValue,
      subject: this.subjectValue._toManifest(),
    };
    if (this.rules.ingress.length > 0) {
      spec.ingress = this.rules.ingress.map((rule) => ({
        name: rule.name,
        action: rule.action,
        // Namespace and pod peers only: addRule refuses networks peers in ingress rules.
        from: rule.peers.map((peer) => peer._toManifest()),
        ...(rule.protocols === undefined ? {} : { protocols: [...rule.protocols] }),
      }));
    }
    if (this.rules.egress.length > 0) {
      spec.egress = this.rules.egress.map((rule) => ({
        name: rule.name,
        action: rule.action,
        to: rule.peers.map((peer): ClusterNetworkPolicyEgressPeerManifest => peer._toManifest()),
        ...(rule.protocols === undefined ? {} : { protocols: [...rule.protocols] }),
      }));
    }
    this.rendered = spec;
    return spec;
  }

  /**
   * The spec for cdk8s: unsafe label keys renamed, to be restored by `toJson()`.
   * @internal
   */
  public _encodedSpec(): unknown {
    const spec = this._renderSpec();
    if (!unsafeLabelKeysPossible() || !hasUnsafeKey(spec)) return spec;
    this.encodedKeys = true;
    return encodeUnsafeKeys(spec);
  }

  /**
   * The errors that stop synthesis: the whole manifest checked as the API server would (standard channel CRD),
   * and a policy without rules, which would affect no traffic.
   * @internal
   */
  public _validatePolicy(): string[] {
    const errors: string[] = [];
    if (this.rules.ingress.length === 0 && this.rules.egress.length === 0) {
      errors.push('spec: the policy has no ingress and no egress rules, so it affects no traffic (a ClusterNetworkPolicy '
        + 'does not isolate the pods it selects). Add rules with addIngress() or addEgress().');
    }
    let metadata: Record<string, unknown>;
    try {
      metadata = this.metadata.toJson();
    } catch (e) {
      errors.push(`metadata cannot be synthesized: ${(e as Error).message}`);
      return errors;
    }
    const manifest: ClusterNetworkPolicyManifest = {
      apiVersion: CLUSTER_NETWORK_POLICY_API_VERSION,
      kind: CLUSTER_NETWORK_POLICY_KIND,
      metadata: { ...metadata, namespace: undefined } as ClusterNetworkPolicyManifest['metadata'],
      spec: this._renderSpec(),
    };
    // Values are checked when created, but untyped callers and metadata added later can still bring what the API
    // server rejects. Strict: what it accepts but implementations cannot enforce as written stops synthesis too.
    for (const issue of validateClusterNetworkPolicy(manifest, { channel: 'standard', strict: true })) {
      if (issue.severity === Severity.ERROR) errors.push(issue.message);
    }
    return errors;
  }

  private addRule(direction: Direction, rule: ClusterPolicyRule, arg: string): void {
    // Untyped callers (plain JavaScript, other jsii languages) pass what they pass: check it here.
    const where: Where = () => `[${this.node.path}]`;
    checkObject(rule, where, arg, RULE_SHAPE);
    for (const key of Object.keys(rule)) {
      if (!RULE_FIELDS.includes(key)) {
        const hint = key === 'protocols' ? "; ports are given as 'ports' (Port values)" : key === 'from' || key === 'to' ? "; peers are given as 'peers'" : '';
        fail(where, `${arg}: unknown field ${show(key)}${hint} (the fields of a rule are name, action, peers, ports and description)`);
      }
    }
    const list = this.rules[direction];
    const index = list.length;
    const field = `spec.${direction}[${index}]`;
    const peerField = direction === 'ingress' ? 'from' : 'to';
    if (index >= CNP_MAX_ITEMS) {
      fail(where, `${field}: the policy already has ${CNP_MAX_ITEMS} ${direction} rules, the most the API server accepts; `
        + 'merge rules (a rule takes up to 25 peers and 25 ports), or split the policy in two with different priorities.');
    }

    if (rule.action === undefined) {
      fail(where, `${arg}.action is required: ClusterPolicyAction.ACCEPT, ClusterPolicyAction.DENY or ClusterPolicyAction.PASS`);
    }
    const action = checkEnum(rule.action, ClusterPolicyAction, 'ClusterPolicyAction', where, `${arg}.action`);

    if (rule.peers === undefined) fail(where, `${arg}.peers is required: a list of ClusterPeer values (${PEER_HINT})`);
    const given = checkInstances(rule.peers, ClusterPeer, where, `${arg}.peers`, PEER_HINT);
    if (given.length === 0) {
      fail(where, `${field}.${peerField}: the peer list is empty, and the API server requires at least one peer. `
        + 'Name the peers; ClusterPeer.namespaces(LabelSelector.all()) matches every pod.');
    }
    const peers: ClusterPeer[] = [];
    const peerKeys = new Set<string>();
    for (const peer of given) {
      if (peerKeys.has(peer._key)) continue;
      peerKeys.add(peer._key);
      peers.push(peer);
    }
    if (peers.length > CNP_MAX_ITEMS) {
      fail(where, `${field}.${peerField}: ${peers.length} distinct peers; a rule holds at most ${CNP_MAX_ITEMS}: split it into several rules with the same action.`);
    }
    if (direction === 'ingress') {
      const j = peers.findIndex((p) => p._egressOnly);
      if (j >= 0) {
        fail(where, `${field}.from[${j}]: ${peers[j]} is a networks peer, which only egress rules can have: ingress peers `
          + '(sources) are namespaces and pods. Select the source pods with ClusterPeer.namespaces() or ClusterPeer.pods().');
      }
    }

    let protocols: ClusterNetworkPolicyProtocolManifest[] | undefined;
    if (rule.ports !== undefined) {
      const ports = checkInstances(rule.ports, Port, where, `${arg}.ports`, PORT_HINT);
      if (ports.length === 0) {
        fail(where, `${field}.protocols: the port list is empty, and the API server requires at least one entry. `
          + 'Name the ports, or leave ports out to match every port of every protocol.');
      }
      // A workload's declared ports are known only at synthesis, and only the library's own NetworkPolicy intents make them.
      const lazy = ports.findIndex((p) => p._key.startsWith('lazy:'));
      if (lazy >= 0) {
        fail(where, `${arg}.ports[${lazy}]: ${ports[lazy]} are known only at synthesis, which a ClusterNetworkPolicy rule does not support; name the ports`);
      }
      protocols = [];
      const keys = new Set<string>();
      for (const port of ports) {
        const entry = protocolEntry(port);
        const key = protocolKey(entry);
        if (keys.has(key)) continue;
        keys.add(key);
        protocols.push(entry);
      }
      if (protocols.length > CNP_MAX_ITEMS) {
        fail(where, `${field}.protocols: ${protocols.length} distinct ports; a rule holds at most ${CNP_MAX_ITEMS}: `
          + 'use port ranges (Port.tcpRange()), or split the rule into several with the same action and peers.');
      }
      const named = ports.find((p) => p.name !== undefined);
      const network = peers.findIndex((p) => p._egressOnly);
      if (named !== undefined && network >= 0) {
        fail(where, `${field}: the named port '${named.name}' and the networks peer ${field}.to[${network}] cannot be in one rule: `
          + 'addresses have no named ports, so the entry could never match them (the experimental channel CRD rejects it). '
          + 'Use port numbers, or put the networks peers in a rule of their own.');
      }
    }

    const name = rule.name === undefined ? `${action.toLowerCase()}-${direction}-${index}` : checkRuleName(rule.name, where, `${arg}.name`);
    const taken = [...this.rules.ingress.map((r, i) => [r.name, `spec.ingress[${i}]`]), ...this.rules.egress.map((r, i) => [r.name, `spec.egress[${i}]`])]
      .find(([other]) => other === name);
    if (taken !== undefined) {
      fail(where, `${field}.name '${name}'${rule.name === undefined ? ' (generated)' : ''} is already the name of ${taken[1]}; `
        + 'rule names identify rules in implementations\' logs and in analysis, so give each rule a name of its own.');
    }
    const description = checkOptionalString(rule.description, where, `${arg}.description`);

    list.push(Object.freeze({
      name,
      action,
      peers: Object.freeze(peers),
      ...(protocols === undefined ? {} : { protocols: Object.freeze(protocols) }),
    }));
    this.rendered = undefined;
    if (description !== undefined && description.trim() !== '') {
      this.metadata.addAnnotation(ruleAnnotation(direction === 'ingress' ? 'Ingress' : 'Egress', index), description);
    }
  }
}

/** A tier given by an untyped caller. */
function checkTier(value: unknown, where: Where): ClusterPolicyTier {
  if (value === undefined) {
    fail(where, 'tier is required: ClusterPolicyTier.ADMIN (before NetworkPolicies, final) or ClusterPolicyTier.BASELINE (after them, a default)');
  }
  return checkEnum(value, ClusterPolicyTier, 'ClusterPolicyTier', where, 'tier');
}

/** A priority given by an untyped caller: a whole number from 0 to 1000 (used by the intents too). */
export function checkPriority(value: unknown, where: Where, what: string): number {
  if (value === undefined) {
    fail(where, `${what} is required: a whole number from 0 to ${CNP_MAX_PRIORITY}; lower values are evaluated first within the tier`);
  }
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > CNP_MAX_PRIORITY) {
    fail(where, `${what} ${show(value)} must be a whole number from 0 to ${CNP_MAX_PRIORITY} (lower values are evaluated first within the tier)`);
  }
  return value;
}

function checkRuleName(value: unknown, where: Where, what: string): string {
  if (typeof value !== 'string') fail(where, `${what} must be a string, got ${show(value)}`);
  const length = [...value].length;
  if (length === 0) fail(where, `${what} is empty; leave name out to have one generated`);
  if (length > CNP_MAX_RULE_NAME) {
    fail(where, `${what} ${show(value)} is ${length} characters long; the API server accepts at most ${CNP_MAX_RULE_NAME}`);
  }
  return value;
}

/**
 * Produces the spec of a policy for cdk8s, and validates the policy: one small object per policy rather
 * than two closures.
 */
class SpecProducer {
  public policy?: ClusterNetworkPolicy;

  public produce(): unknown {
    return this.policy!._encodedSpec();
  }

  public validate(): string[] {
    return this.policy!._validatePolicy();
  }
}
