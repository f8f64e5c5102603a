/**
 * Reads a valid ClusterNetworkPolicy manifest into the normalized form an evaluator reasons about: tier,
 * priority, subject and, per direction, the rules in precedence order with their peers and ports. Label
 * selectors use the evaluator's `NormalizedSelector`, so `matchesNormalizedSelector` matches them, and
 * CIDRs are parsed with the evaluator's `parseCidr`. Internal.
 *
 * @module
 */
import {
  ClusterNetworkPolicyAction,
  ClusterNetworkPolicyEgressPeerManifest,
  ClusterNetworkPolicyIngressPeerManifest,
  ClusterNetworkPolicyManifest,
  ClusterNetworkPolicyProtocolManifest,
  ClusterNetworkPolicyTier,
  NamespacedPodManifest,
} from '../cluster-manifest';
import { parseCidr, ParsedCidr } from '../net/cidr';
import { Protocol } from '../protocol';
import { normalizeSelector, NormalizedSelector } from '../selection/normalized';
import { Severity } from '../severity';
import { validateClusterNetworkPolicy } from '../validation/cluster-network-policy';
import { ValidationIssue } from '../validation/issues';

/** The pods a policy applies to, or a pods peer: pods matching `podSelector` in namespaces matching `namespaceSelector`. */
export interface NormalizedNamespacedPods {
  readonly kind: 'pods';
  /** An absent `namespaceSelector` is the empty selector: every namespace. */
  readonly namespaceSelector: NormalizedSelector;
  readonly podSelector: NormalizedSelector;
}

/** Every pod of the namespaces matching `selector` (host-networked pods excluded, as upstream says). */
export interface NormalizedNamespaces {
  readonly kind: 'namespaces';
  readonly selector: NormalizedSelector;
}

/** `spec.subject`. */
export type NormalizedCnpSubject = NormalizedNamespaces | NormalizedNamespacedPods;

/** Every label set: the pod selector of a `namespaces` subject or peer (it takes in every pod of them). */
const EVERY_POD: NormalizedSelector = { matchLabels: [], expressions: [] };

/** The namespace and pod selectors of a subject or a `pods`/`namespaces` peer (`namespaces` selects every pod). */
export function subjectSelectors(of: NormalizedCnpSubject): readonly [NormalizedSelector, NormalizedSelector] {
  return of.kind === 'namespaces' ? [of.selector, EVERY_POD] : [of.namespaceSelector, of.podSelector];
}

/** An egress `networks` peer: any address inside one of the CIDRs, in or outside the cluster (pod IPs included). */
export interface NormalizedNetworksPeer {
  readonly kind: 'networks';
  readonly cidrs: readonly ParsedCidr[];
}

/** An egress `nodes` peer (experimental channel): the addresses in `status.addresses` of the matching nodes. */
export interface NormalizedNodesPeer {
  readonly kind: 'nodes';
  readonly selector: NormalizedSelector;
}

/** An egress `domainNames` peer (experimental channel, Accept rules only): names as written (`*.` matches one or more labels). */
export interface NormalizedDomainNamesPeer {
  readonly kind: 'domainNames';
  readonly names: readonly string[];
}

/** One peer of a rule. */
export type NormalizedCnpPeer =
  | NormalizedNamespaces | NormalizedNamespacedPods | NormalizedNetworksPeer | NormalizedNodesPeer | NormalizedDomainNamesPeer;

/** A single destination port of a protocol. */
export interface NormalizedCnpPortNumber {
  readonly kind: 'port';
  readonly protocol: Protocol;
  readonly port: number;
}

/** An inclusive destination port range of a protocol (`start < end`). */
export interface NormalizedCnpPortRange {
  readonly kind: 'range';
  readonly protocol: Protocol;
  readonly start: number;
  readonly end: number;
}

/**
 * A named container port of the destination pod. The API gives it no protocol: it matches the protocol of the
 * container port of that name, so `protocol` is always absent when read from a manifest.
 */
export interface NormalizedCnpNamedPort {
  readonly kind: 'named';
  readonly name: string;
  readonly protocol?: Protocol;
}

/** One entry of a rule's `protocols`. */
export type NormalizedCnpPort = NormalizedCnpPortNumber | NormalizedCnpPortRange | NormalizedCnpNamedPort;

/** Which way a rule looks: `ingress` rules match sources of traffic to the subject, `egress` rules destinations. */
export type CnpDirection = 'ingress' | 'egress';

/** A rule, with its place in the policy. */
export interface NormalizedCnpRule {
  /** The rule's `name`; absent when unset or empty. */
  readonly name?: string;
  /** The rule's index in its direction's list: rules of a policy take effect in this order. */
  readonly index: number;
  readonly direction: CnpDirection;
  readonly action: ClusterNetworkPolicyAction;
  /** The rule matches when any peer matches (never empty). */
  readonly peers: readonly NormalizedCnpPeer[];
  /** Absent: every protocol and port. Otherwise the rule matches when any entry matches (never empty). */
  readonly ports?: readonly NormalizedCnpPort[];
}

/** A ClusterNetworkPolicy after loading. */
export interface NormalizedClusterPolicy {
  readonly name: string;
  readonly tier: ClusterNetworkPolicyTier;
  readonly priority: number;
  readonly subject: NormalizedCnpSubject;
  /** Ingress rules in precedence order. None: the policy does not affect ingress. */
  readonly ingress: readonly NormalizedCnpRule[];
  /** Egress rules in precedence order. None: the policy does not affect egress. */
  readonly egress: readonly NormalizedCnpRule[];
}

/** Thrown by `normalizeClusterNetworkPolicy` for a manifest the API server would reject. */
export class InvalidClusterNetworkPolicyError extends Error {
  /** The errors found (warnings are left out). */
  public readonly issues: readonly ValidationIssue[];

  public constructor(issues: readonly ValidationIssue[]) {
    super(`invalid ClusterNetworkPolicy: ${issues.map((i) => i.message).join(' ')}`);
    this.name = 'InvalidClusterNetworkPolicyError';
    this.issues = issues;
  }
}

const PROTOCOLS: ReadonlyArray<readonly ['tcp' | 'udp' | 'sctp', Protocol]> = [['tcp', Protocol.TCP], ['udp', Protocol.UDP], ['sctp', Protocol.SCTP]];

/**
 * Normalize a ClusterNetworkPolicy manifest the API server accepts (with the experimental channel CRD, which
 * accepts a superset of the standard one). Throws `InvalidClusterNetworkPolicyError` for one it would reject;
 * warnings (e.g. selectors implementations cannot parse) do not stop it.
 */
export function normalizeClusterNetworkPolicy(manifest: unknown): NormalizedClusterPolicy {
  const errors = validateClusterNetworkPolicy(manifest, { channel: 'experimental' }).filter((i) => i.severity === Severity.ERROR);
  if (errors.length > 0) throw new InvalidClusterNetworkPolicyError(errors);
  const policy = manifest as ClusterNetworkPolicyManifest;
  const spec = policy.spec;
  return {
    // A manifest with only generateName has no name until the API server makes one.
    name: policy.metadata.name ?? policy.metadata.generateName ?? '',
    tier: spec.tier,
    priority: spec.priority,
    subject: spec.subject.namespaces != null
      ? { kind: 'namespaces', selector: normalizeSelector(spec.subject.namespaces) }
      : normalizePods(spec.subject.pods as NamespacedPodManifest),
    ingress: (spec.ingress ?? []).map((rule, index) => ({
      ...ruleName(rule.name),
      index,
      direction: 'ingress',
      action: rule.action,
      peers: rule.from.map(normalizePeer),
      ...rulePorts(rule.protocols),
    })),
    egress: (spec.egress ?? []).map((rule, index) => ({
      ...ruleName(rule.name),
      index,
      direction: 'egress',
      action: rule.action,
      peers: rule.to.map(normalizePeer),
      ...rulePorts(rule.protocols),
    })),
  };
}

function normalizePods(pods: NamespacedPodManifest): NormalizedNamespacedPods {
  return {
    kind: 'pods',
    namespaceSelector: normalizeSelector(pods.namespaceSelector ?? {}),
    podSelector: normalizeSelector(pods.podSelector),
  };
}

function normalizePeer(peer: ClusterNetworkPolicyIngressPeerManifest | ClusterNetworkPolicyEgressPeerManifest): NormalizedCnpPeer {
  const egress = peer as ClusterNetworkPolicyEgressPeerManifest;
  if (egress.namespaces != null) return { kind: 'namespaces', selector: normalizeSelector(egress.namespaces) };
  if (egress.pods != null) return normalizePods(egress.pods);
  if (egress.nodes != null) return { kind: 'nodes', selector: normalizeSelector(egress.nodes) };
  if (egress.networks != null) return { kind: 'networks', cidrs: egress.networks.map((text) => parseCidr(text) as ParsedCidr) };
  return { kind: 'domainNames', names: [...(egress.domainNames ?? [])] };
}

function ruleName(name: string | undefined): { name?: string } {
  return name === undefined || name === null || name === '' ? {} : { name };
}

function rulePorts(protocols: ClusterNetworkPolicyProtocolManifest[] | undefined): { ports?: NormalizedCnpPort[] } {
  if (protocols == null) return {};
  return { ports: protocols.map(normalizeProtocol) };
}

function normalizeProtocol(entry: ClusterNetworkPolicyProtocolManifest): NormalizedCnpPort {
  if (entry.destinationNamedPort != null) return { kind: 'named', name: entry.destinationNamedPort };
  for (const [key, protocol] of PROTOCOLS) {
    const ports = entry[key];
    if (ports == null) continue;
    const port = ports.destinationPort;
    if (port?.number != null) return { kind: 'port', protocol, port: port.number };
    if (port?.range != null) return { kind: 'range', protocol, start: port.range.start, end: port.range.end };
    // Not reachable for a valid manifest (the CRD requires destinationPort); read as the whole port space.
    return { kind: 'range', protocol, start: 1, end: 65535 };
  }
  // Not reachable for a valid manifest (exactly one field is set).
  throw new Error('a protocols entry must set tcp, udp, sctp or destinationNamedPort');
}
