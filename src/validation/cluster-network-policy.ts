/**
 * The ClusterNetworkPolicy validator (`policy.networking.k8s.io/v1alpha2`, kubernetes-sigs/network-policy-api).
 *
 * It reports everything the API server rejects for a ClusterNetworkPolicy: the type, name and metadata
 * checks every custom resource gets, and every rule of the CRD's structural schema (required fields, types,
 * enums, minimum/maximum, maxLength, minItems/maxItems, minProperties/maxProperties, patterns, set lists)
 * and its `x-kubernetes-validations` CEL rules, for the standard or the experimental channel CRD. Unknown
 * fields are errors: kubectl's default strict field validation rejects them, and with validation off the
 * API server prunes them silently (a pruned peer becomes `{}` and is then rejected, or worse, a pruned
 * `protocols` entry disappears).
 *
 * Warnings are for what the API server accepts but cannot work as written: label selectors the CRD does
 * not check (implementations cannot parse them), named ports that no container port can have, CIDRs with
 * host bits set, `domainNames` in a rule that does not Accept, and rules with nothing to apply to.
 *
 * Any input shape is accepted: a wrong type is one issue naming the field, never an exception. Internal:
 * not re-exported from the barrel.
 *
 * @module
 */
import {
  CLUSTER_NETWORK_POLICY_ACTIONS,
  CLUSTER_NETWORK_POLICY_API_VERSION,
  CLUSTER_NETWORK_POLICY_KIND,
  CLUSTER_NETWORK_POLICY_TIERS,
} from '../cluster-manifest';
import { IssueReport } from './cluster-report';
import { quote, shown, valueText } from './messages';
import { isObject } from '../manifest';
import { parseCidr } from '../net/cidr';
import { Severity } from '../severity';
import { ValidationIssue } from './issues';
import { checkLabelKey, checkLabelValue, checkNamedPort, checkPortNumber } from './syntax';
import { validateNetworkPolicyMetadata } from './validate';

/** Which CRD bundle of network-policy-api is installed: `standard`, or `experimental` (adds `nodes` and `domainNames` peers). */
export type ClusterNetworkPolicyChannel = 'standard' | 'experimental';

/** Options for validating a ClusterNetworkPolicy manifest. */
export interface ClusterNetworkPolicyValidationOptions {
  /**
   * The CRD channel the cluster has installed. The experimental CRD adds the `nodes` and `domainNames`
   * egress peers and the CEL rule forbidding `destinationNamedPort` next to networks, nodes or domainNames peers.
   *
   * @default 'standard'
   */
  readonly channel?: ClusterNetworkPolicyChannel;

  /**
   * Report what the API server accepts but implementations cannot enforce as written (invalid label selector
   * syntax, impossible named ports, CIDRs with host bits set, domainNames outside Accept rules, a named port
   * next to networks peers in the standard channel) as errors instead of warnings.
   *
   * @default false
   */
  readonly strict?: boolean;
}

/** The most rules per direction, peers per rule, protocols per rule, CIDRs and domain names per peer. */
export const CNP_MAX_ITEMS = 25;
/** The longest rule name, in characters. */
export const CNP_MAX_RULE_NAME = 100;
/** The highest priority value (lowest precedence); the lowest is 0. */
export const CNP_MAX_PRIORITY = 1000;
/** The longest `networks` entry, in characters (the CRD's maxLength). */
export const CNP_MAX_CIDR_LENGTH = 43;

/** The CRD's CEL rule on egress rules (experimental channel), verbatim. */
export const NAMED_PORT_CEL_RULE = '!(self.to.exists(peer, has(peer.networks) || has(peer.nodes) || has(peer.domainNames)) '
  + '&& has(self.protocols) && self.protocols.exists(protocol, has(protocol.destinationNamedPort)))';
/** The message of that CEL rule, verbatim. */
export const NAMED_PORT_CEL_MESSAGE = 'networks/nodes/domainNames peer cannot be set with namedPorts since there are no namedPorts for networks/nodes/domainNames';

/** The CRD's `pattern` for a domain name, verbatim (its `A-z` ranges are an upstream typo that also admits `[\]^_` and backtick). */
export const DOMAIN_NAME_CRD_PATTERN = /^(\*\.)?([a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;
/** The pattern the CRD means: labels start with a letter or digit. */
const DOMAIN_NAME_INTENDED = /^(\*\.)?([a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.)+[a-zA-Z0-9]([-a-zA-Z0-9_]*[a-zA-Z0-9])?\.?$/;

const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec', 'status']);
const SPEC_FIELDS = new Set(['tier', 'priority', 'subject', 'ingress', 'egress']);
const SUBJECT_FIELDS = new Set(['namespaces', 'pods']);
const NAMESPACED_POD_FIELDS = new Set(['namespaceSelector', 'podSelector']);
const INGRESS_RULE_FIELDS = new Set(['name', 'action', 'from', 'protocols']);
const EGRESS_RULE_FIELDS = new Set(['name', 'action', 'to', 'protocols']);
const INGRESS_PEER_FIELDS = new Set(['namespaces', 'pods']);
const STANDARD_EGRESS_PEER_FIELDS = new Set(['namespaces', 'pods', 'networks']);
const EXPERIMENTAL_EGRESS_PEER_FIELDS = new Set(['namespaces', 'pods', 'nodes', 'networks', 'domainNames']);
const EXPERIMENTAL_ONLY_PEER_FIELDS = new Set(['nodes', 'domainNames']);
const PROTOCOL_FIELDS = new Set(['tcp', 'udp', 'sctp', 'destinationNamedPort']);
const PROTOCOL_PORTS_FIELDS = new Set(['destinationPort']);
const PORT_FIELDS = new Set(['number', 'range']);
const RANGE_FIELDS = new Set(['start', 'end']);
const SELECTOR_FIELDS = new Set(['matchLabels', 'matchExpressions']);
const REQUIREMENT_FIELDS = new Set(['key', 'operator', 'values']);
const OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

const SELECTOR_NOTE = ' The API server accepts it (the CRD does not check label selector syntax), '
  + 'but implementations cannot turn it into a label selector, so the policy is not enforced as written.';

type Json = Record<string, unknown>;

interface Context {
  readonly report: IssueReport;
  readonly experimental: boolean;
  /** The severity of what the API server accepts but cannot be enforced as written. */
  readonly lax: Severity;
}

/**
 * Validate one plain ClusterNetworkPolicy object (parsed YAML/JSON or a synthesized manifest).
 *
 * Returns the issues in document order; no `ERROR` issue means the API server would accept it. Unlike the
 * API server, which skips the CEL rules once a type, enum, required or size rule fails, every rule is checked.
 */
export function validateClusterNetworkPolicy(manifest: unknown, options?: ClusterNetworkPolicyValidationOptions): ValidationIssue[] {
  const ctx: Context = {
    report: new IssueReport(),
    experimental: options?.channel === 'experimental',
    lax: options?.strict === true ? Severity.ERROR : Severity.WARNING,
  };
  const report = ctx.report;
  if (!isObject(manifest)) {
    report.issues.push({
      severity: Severity.ERROR,
      field: '<root>',
      value: valueText(manifest),
      message: `The manifest must be a ClusterNetworkPolicy object, not ${manifest === null ? 'null' : Array.isArray(manifest) ? 'a list' : `a ${typeof manifest}`}.`,
    });
    return report.issues;
  }
  report.unknownFields(manifest, '', ROOT_FIELDS, 'a ClusterNetworkPolicy');
  checkApiVersion(ctx, manifest.apiVersion);
  checkKind(ctx, manifest.kind);

  const metadata = manifest.metadata;
  if (metadata == null) {
    report.required('metadata', 'it must hold at least metadata.name');
  } else if (!isObject(metadata)) {
    report.wrongType('metadata', metadata, 'an object');
  } else {
    validateMetadata(ctx, metadata);
  }

  const spec = manifest.spec;
  if (spec == null) {
    report.required('spec', 'it must hold at least spec.tier, spec.priority and spec.subject');
  } else if (!isObject(spec)) {
    report.wrongType('spec', spec, 'an object');
  } else {
    validateSpec(ctx, spec);
  }
  // `status` is written through the status subresource; on create and update the API server ignores it.
  return report.issues;
}

function checkApiVersion(ctx: Context, value: unknown): void {
  const expected = CLUSTER_NETWORK_POLICY_API_VERSION;
  if (value == null || value === '') {
    ctx.report.required('apiVersion', `it must be '${expected}'`);
  } else if (typeof value !== 'string') {
    ctx.report.wrongType('apiVersion', value, `the string '${expected}'`);
  } else if (value !== expected) {
    const hint = value.startsWith('policy.networking.k8s.io/')
      ? ` (the CRD serves only ${expected}; v1alpha1 had AdminNetworkPolicy and BaselineAdminNetworkPolicy instead)`
      : '';
    ctx.report.invalid('apiVersion', value, `it must be '${expected}'${hint}`);
  }
}

function checkKind(ctx: Context, value: unknown): void {
  const expected = CLUSTER_NETWORK_POLICY_KIND;
  if (value == null || value === '') {
    ctx.report.required('kind', `it must be '${expected}'`);
  } else if (typeof value !== 'string') {
    ctx.report.wrongType('kind', value, `the string '${expected}'`);
  } else if (value !== expected) {
    let hint = '';
    if (value === 'AdminNetworkPolicy') hint = " (in v1alpha2, an AdminNetworkPolicy is a ClusterNetworkPolicy with tier 'Admin')";
    if (value === 'BaselineAdminNetworkPolicy') hint = " (in v1alpha2, a BaselineAdminNetworkPolicy is a ClusterNetworkPolicy with tier 'Baseline')";
    ctx.report.invalid('kind', value, `it must be '${expected}'${hint}`);
  }
}

function validateMetadata(ctx: Context, metadata: Json): void {
  // Name, generateName, labels, annotations and unknown fields: the same ObjectMeta rules as any object
  // (custom resources use NameIsDNSSubdomain too). The namespace is handled here: the API server clears
  // the namespace of a cluster-scoped object before validating it.
  const { namespace, ...rest } = metadata;
  ctx.report.issues.push(...validateNetworkPolicyMetadata(rest));
  if (namespace != null && namespace !== '') {
    ctx.report.warn('metadata.namespace', namespace,
      `metadata.namespace ${shown(namespace)} is ignored: ClusterNetworkPolicy is cluster-scoped, so the API server `
      + 'drops the namespace and the policy applies to the pods its subject selects in every namespace. Remove metadata.namespace.');
  }
}

function validateSpec(ctx: Context, spec: Json): void {
  const report = ctx.report;
  report.unknownFields(spec, 'spec', SPEC_FIELDS, 'ClusterNetworkPolicySpec');

  const tier = spec.tier;
  if (tier == null) {
    report.required('spec.tier', "it must be 'Admin' (before NetworkPolicies) or 'Baseline' (after them)");
  } else if (typeof tier !== 'string') {
    report.wrongType('spec.tier', tier, "the string 'Admin' or 'Baseline'");
  } else if (!(CLUSTER_NETWORK_POLICY_TIERS as readonly string[]).includes(tier)) {
    report.invalid('spec.tier', tier, `it must be 'Admin' or 'Baseline' (case-sensitive)${caseHint(tier, CLUSTER_NETWORK_POLICY_TIERS)}`);
  }

  const priority = spec.priority;
  if (priority == null) {
    report.required('spec.priority', `it must be a whole number from 0 to ${CNP_MAX_PRIORITY}; lower values are evaluated first within the tier`);
  } else if (checkInteger(ctx, priority, 'spec.priority')) {
    if ((priority as number) < 0 || (priority as number) > CNP_MAX_PRIORITY) {
      report.invalid('spec.priority', priority, `it must be from 0 to ${CNP_MAX_PRIORITY}`);
    }
  }

  const subject = spec.subject;
  if (subject == null) {
    report.required('spec.subject', "it must select the pods the policy applies to: 'namespaces: {}' selects every pod");
  } else {
    validateSubject(ctx, subject, 'spec.subject');
  }

  const ingress = readList(ctx, spec.ingress, 'spec.ingress', 'a list of ingress rules', 0);
  ingress?.forEach((rule, i) => validateRule(ctx, rule, `spec.ingress[${i}]`, 'ingress'));
  const egress = readList(ctx, spec.egress, 'spec.egress', 'a list of egress rules', 0);
  egress?.forEach((rule, i) => validateRule(ctx, rule, `spec.egress[${i}]`, 'egress'));

  if ((ingress === undefined || ingress.length === 0) && (egress === undefined || egress.length === 0)
    && (spec.ingress == null || Array.isArray(spec.ingress)) && (spec.egress == null || Array.isArray(spec.egress))) {
    report.warn('spec', undefined,
      'spec has no ingress and no egress rules, so the policy affects no traffic: a ClusterNetworkPolicy does not isolate '
      + 'the pods it selects. Add rules (e.g. a Deny rule) to spec.ingress or spec.egress.');
  }
}

function validateSubject(ctx: Context, subject: unknown, path: string): void {
  if (!isObject(subject)) {
    ctx.report.wrongType(path, subject, "an object with 'namespaces' or 'pods'");
    return;
  }
  const hadUnknown = ctx.report.unknownFields(subject, path, SUBJECT_FIELDS, 'ClusterNetworkPolicySubject');
  const set = exactlyOne(ctx, subject, path, SUBJECT_FIELDS, hadUnknown, "'namespaces: {}' selects every pod",
    "to select pods by namespace and pod labels, use only 'pods' with both selectors");
  if (set.includes('namespaces')) validateSelector(ctx, subject.namespaces, `${path}.namespaces`);
  if (set.includes('pods')) validateNamespacedPod(ctx, subject.pods, `${path}.pods`);
}

function validateNamespacedPod(ctx: Context, pods: unknown, path: string): void {
  if (!isObject(pods)) {
    ctx.report.wrongType(path, pods, "an object with 'podSelector' and optionally 'namespaceSelector'");
    return;
  }
  ctx.report.unknownFields(pods, path, NAMESPACED_POD_FIELDS, 'NamespacedPod');
  if (pods.namespaceSelector != null) validateSelector(ctx, pods.namespaceSelector, `${path}.namespaceSelector`);
  if (pods.podSelector == null) {
    ctx.report.required(`${path}.podSelector`, 'use {} to select every pod of the selected namespaces');
  } else {
    validateSelector(ctx, pods.podSelector, `${path}.podSelector`);
  }
}

function validateRule(ctx: Context, rule: unknown, path: string, direction: 'ingress' | 'egress'): void {
  const report = ctx.report;
  const peerKey = direction === 'ingress' ? 'from' : 'to';
  if (!isObject(rule)) {
    report.wrongType(path, rule, `an object with 'action' and '${peerKey}'`);
    return;
  }
  report.unknownFields(rule, path, direction === 'ingress' ? INGRESS_RULE_FIELDS : EGRESS_RULE_FIELDS,
    direction === 'ingress' ? 'ClusterNetworkPolicyIngressRule' : 'ClusterNetworkPolicyEgressRule',
    (key, field) => (key === 'ports'
      ? `${field} is not a field of a ClusterNetworkPolicy rule: ports are written as 'protocols', e.g. `
        + 'protocols: [{tcp: {destinationPort: {number: 443}}}].'
      : key === (direction === 'ingress' ? 'to' : 'from')
        ? `${field} is not a field of a ClusterNetworkPolicy ${direction} rule: ${direction} rules list their peers in '${peerKey}'.`
        : undefined));

  const name = rule.name;
  if (name != null) {
    if (typeof name !== 'string') {
      report.wrongType(`${path}.name`, name, 'a string');
    } else {
      const length = [...name].length;
      if (length > CNP_MAX_RULE_NAME) {
        report.invalid(`${path}.name`, name, `it must be no more than ${CNP_MAX_RULE_NAME} characters (has ${length})`);
      }
    }
  }

  const action = rule.action;
  if (action == null) {
    report.required(`${path}.action`, "it must be 'Accept', 'Deny' or 'Pass'");
  } else if (typeof action !== 'string') {
    report.wrongType(`${path}.action`, action, "the string 'Accept', 'Deny' or 'Pass'");
  } else if (!(CLUSTER_NETWORK_POLICY_ACTIONS as readonly string[]).includes(action)) {
    const legacy = action === 'Allow' ? " ('Allow' was the v1alpha1 name of 'Accept')" : caseHint(action, CLUSTER_NETWORK_POLICY_ACTIONS);
    report.invalid(`${path}.action`, action, `it must be 'Accept', 'Deny' or 'Pass' (case-sensitive)${legacy}`);
  }

  const peersPath = `${path}.${peerKey}`;
  const everyone = `to match every pod, use [{namespaces: {}}]${direction === 'egress' ? " (and networks ['0.0.0.0/0', '::/0'] for every address)" : ''}`;
  if (rule[peerKey] == null) report.required(peersPath, `it must list 1 to ${CNP_MAX_ITEMS} peers; ${everyone}`);
  const peers = readList(ctx, rule[peerKey], peersPath, 'a list of peers', 1, everyone);
  const peerKinds: string[][] = [];
  peers?.forEach((peer, j) => peerKinds.push(validatePeer(ctx, peer, `${peersPath}[${j}]`, direction)));

  const protocols = readList(ctx, rule.protocols, `${path}.protocols`, 'a list of protocol matches', 1,
    'to match every protocol and port, leave protocols out');
  const namedPorts: number[] = [];
  protocols?.forEach((protocol, j) => {
    if (validateProtocol(ctx, protocol, `${path}.protocols[${j}]`)) namedPorts.push(j);
  });

  if (direction === 'egress' && namedPorts.length > 0) {
    checkNamedPortPeers(ctx, path, rule, peerKinds, namedPorts);
  }
  if (direction === 'egress' && typeof action === 'string' && action !== 'Accept') {
    peerKinds.forEach((kinds, j) => {
      if (!kinds.includes('domainNames')) return;
      const field = `${peersPath}[${j}].domainNames`;
      report.issues.push({
        severity: ctx.lax,
        field,
        value: action,
        message: `${field} is used in a rule whose action is ${quote(action)}: domainNames is only supported for Accept rules. `
          + 'Allow-list the domains with an Accept rule and deny the rest with a lower-precedence Deny rule.',
      });
    });
  }
}

/**
 * The CRD's CEL rule (experimental channel): an egress rule with a networks, nodes or domainNames peer must not
 * match on destinationNamedPort. The standard channel CRD has no such rule, but a named port there still can
 * never match those peers.
 */
function checkNamedPortPeers(ctx: Context, path: string, rule: Json, peerKinds: string[][], namedPorts: number[]): void {
  const offending = new Set<string>();
  for (const kinds of peerKinds) {
    for (const kind of kinds) {
      if (kind === 'networks' || kind === 'nodes' || kind === 'domainNames') offending.add(kind);
    }
  }
  if (offending.size === 0) return;
  const kinds = [...offending].join(' and ');
  const ports = namedPorts.map((j) => `protocols[${j}]`).join(', ');
  const value = { to: rule.to, protocols: rule.protocols };
  if (ctx.experimental) {
    ctx.report.issues.push({
      severity: Severity.ERROR,
      field: path,
      value: valueText(value),
      message: `${path} is invalid: it has ${kinds} peers and the named port${namedPorts.length > 1 ? 's' : ''} in ${ports} `
        + `(CRD rule: ${NAMED_PORT_CEL_MESSAGE}). Use port numbers, or move the ${kinds} peers to a rule of their own.`,
    });
  } else {
    ctx.report.issues.push({
      severity: ctx.lax,
      field: path,
      value: valueText(value),
      message: `${path} has ${kinds} peers and the named port${namedPorts.length > 1 ? 's' : ''} in ${ports}: ${kinds} have no named ports, `
        + 'so those entries never match them (the experimental channel CRD rejects this). Use port numbers, '
        + `or move the ${kinds} peers to a rule of their own.`,
    });
  }
}

/** Validates one peer; returns the peer kinds it sets. */
function validatePeer(ctx: Context, peer: unknown, path: string, direction: 'ingress' | 'egress'): string[] {
  const report = ctx.report;
  const known = direction === 'ingress' ? INGRESS_PEER_FIELDS : ctx.experimental ? EXPERIMENTAL_EGRESS_PEER_FIELDS : STANDARD_EGRESS_PEER_FIELDS;
  const typeName = direction === 'ingress' ? 'ClusterNetworkPolicyIngressPeer' : 'ClusterNetworkPolicyEgressPeer';
  if (!isObject(peer)) {
    report.wrongType(path, peer, `an object with exactly one of ${[...known].map((k) => `'${k}'`).join(', ')}`);
    return [];
  }
  const hadUnknown = report.unknownFields(peer, path, known, typeName, (key, field) => {
    if (direction === 'ingress' && (key === 'networks' || EXPERIMENTAL_ONLY_PEER_FIELDS.has(key))) {
      return `${field} is not a field of ${typeName}: ingress peers (from) can only be 'namespaces' or 'pods'; `
        + `'${key}' exists only in egress peers (to).`;
    }
    if (direction === 'egress' && EXPERIMENTAL_ONLY_PEER_FIELDS.has(key)) {
      return `${field} is not a field of ${typeName} in the standard channel CRD: '${key}' exists only in the experimental `
        + 'channel CRD (install the experimental CRD bundle, and validate with channel \'experimental\').';
    }
    if (key === 'podSelector' || key === 'namespaceSelector' || key === 'ipBlock') {
      const instead = key === 'ipBlock' ? "egress 'networks: [<cidr>, ...]'" : key === 'podSelector' ? "'pods: {namespaceSelector, podSelector}'" : "'namespaces: <selector>'";
      return `${field} is not a field of ${typeName}: '${key}' is NetworkPolicy syntax; a ClusterNetworkPolicy peer uses ${instead}.`;
    }
    return undefined;
  });
  const set = exactlyOne(ctx, peer, path, known, hadUnknown, "'namespaces: {}' matches every pod");
  for (const kind of set) {
    const field = `${path}.${kind}`;
    switch (kind) {
      case 'namespaces':
      case 'nodes':
        validateSelector(ctx, peer[kind], field);
        break;
      case 'pods':
        validateNamespacedPod(ctx, peer.pods, field);
        break;
      case 'networks':
        validateNetworks(ctx, peer.networks, field);
        break;
      case 'domainNames':
        validateDomainNames(ctx, peer.domainNames, field);
        break;
    }
  }
  return set;
}

function validateNetworks(ctx: Context, networks: unknown, path: string): void {
  const list = readList(ctx, networks, path, 'a list of CIDR strings', 1, "to match every address, use ['0.0.0.0/0', '::/0']");
  if (list === undefined) return;
  const seen = new Map<string, number>();
  list.forEach((cidr, i) => {
    const field = `${path}[${i}]`;
    if (typeof cidr !== 'string') {
      ctx.report.wrongType(field, cidr, 'a CIDR string such as 10.0.0.0/8 or fd00::/8');
      return;
    }
    if (duplicate(ctx, seen, cidr, i, path)) return;
    const length = [...cidr].length;
    if (length > CNP_MAX_CIDR_LENGTH) {
      ctx.report.invalid(field, cidr, `it must be no more than ${CNP_MAX_CIDR_LENGTH} characters (has ${length})`);
      return;
    }
    const parsed = parseCidr(cidr);
    if (typeof parsed === 'string') {
      ctx.report.invalid(field, cidr, `${parsed} (CRD rule isCIDR(self): Invalid CIDR format provided)`);
    } else if (parsed.hostBitsSet) {
      const single = parsed.family === 4 ? '/32' : '/128';
      ctx.report.issues.push({
        severity: ctx.lax,
        field,
        value: cidr,
        message: `${field} ${quote(cidr)} has bits set beyond its prefix length, so it means ${quote(parsed.canonical)}: `
          + `write ${quote(parsed.canonical)} (or use ${single} for a single address).`,
      });
    }
  });
}

function validateDomainNames(ctx: Context, names: unknown, path: string): void {
  const list = readList(ctx, names, path, 'a list of domain names', 1);
  if (list === undefined) return;
  const seen = new Map<string, number>();
  list.forEach((name, i) => {
    const field = `${path}[${i}]`;
    if (typeof name !== 'string') {
      ctx.report.wrongType(field, name, "a domain name string such as 'example.com' or '*.example.com'");
      return;
    }
    if (duplicate(ctx, seen, name, i, path)) return;
    if (!DOMAIN_NAME_CRD_PATTERN.test(name)) {
      ctx.report.invalid(field, name, "it must be a domain name such as 'example.com' or '*.example.com': at least two labels "
        + "of letters, digits, '-' and '_', each starting and ending with a letter or digit, '*.' only as a prefix and "
        + "an optional trailing '.'");
    } else if (!DOMAIN_NAME_INTENDED.test(name)) {
      ctx.report.issues.push({
        severity: ctx.lax,
        field,
        value: name,
        message: `${field} ${quote(name)} has a label starting with one of [ \\ ] ^ _ \`: the CRD pattern admits them only `
          + "through its 'A-z' range typo, and they are not valid in host names, so implementations may never match it.",
      });
    }
  });
}

/** Validates one protocols entry; returns whether it is a destinationNamedPort. */
function validateProtocol(ctx: Context, protocol: unknown, path: string): boolean {
  const report = ctx.report;
  if (!isObject(protocol)) {
    report.wrongType(path, protocol, "an object with exactly one of 'tcp', 'udp', 'sctp' or 'destinationNamedPort'");
    return false;
  }
  const hadUnknown = report.unknownFields(protocol, path, PROTOCOL_FIELDS, 'ClusterNetworkPolicyProtocol', (key, field) => {
    const lower = key.toLowerCase();
    if (lower === 'protocol' || lower === 'port' || lower === 'endport') {
      return `${field} is not a field of ClusterNetworkPolicyProtocol: '${key}' is NetworkPolicy syntax; write `
        + 'e.g. {tcp: {destinationPort: {number: 443}}} or {udp: {destinationPort: {range: {start: 5000, end: 5100}}}}.';
    }
    return undefined;
  });
  const set = exactlyOne(ctx, protocol, path, PROTOCOL_FIELDS, hadUnknown, 'e.g. {tcp: {destinationPort: {number: 443}}}',
    'write them as separate protocols entries');
  for (const kind of set) {
    if (kind === 'destinationNamedPort') {
      validateNamedPort(ctx, protocol.destinationNamedPort, `${path}.destinationNamedPort`);
    } else {
      validateProtocolPorts(ctx, protocol[kind], `${path}.${kind}`, kind.toUpperCase());
    }
  }
  return set.includes('destinationNamedPort');
}

function validateNamedPort(ctx: Context, name: unknown, field: string): void {
  if (typeof name !== 'string') {
    ctx.report.wrongType(field, name, "a container port name such as 'http'");
    return;
  }
  const reason = checkNamedPort(name);
  if (reason !== undefined) {
    ctx.report.invalid(field, name, `${reason}. The API server accepts it, but container port names are IANA service names, `
      + 'so no container port can have this name and the entry never matches', ctx.lax);
  }
}

function validateProtocolPorts(ctx: Context, ports: unknown, path: string, protocol: string): void {
  const report = ctx.report;
  if (!isObject(ports)) {
    report.wrongType(path, ports, "an object with 'destinationPort'");
    return;
  }
  const hadUnknownPorts = report.unknownFields(ports, path, PROTOCOL_PORTS_FIELDS, `ClusterNetworkPolicyProtocol${protocol}`);
  const port = ports.destinationPort;
  if (port == null) {
    // minProperties 1. The API overview says an omitted destinationPort matches every port; the CRD rejects it.
    if (!hadUnknownPorts) {
      report.invalid(path, ports, `it must set destinationPort (the CRD requires at least one field); to match every ${protocol} port, `
        + 'use destinationPort: {range: {start: 1, end: 65535}}');
    }
    return;
  }
  if (!isObject(port)) {
    report.wrongType(`${path}.destinationPort`, port, "an object with 'number' or 'range'");
    return;
  }
  const portPath = `${path}.destinationPort`;
  const hadUnknown = report.unknownFields(port, portPath, PORT_FIELDS, 'Port');
  const set = exactlyOne(ctx, port, portPath, PORT_FIELDS, hadUnknown, 'e.g. {number: 443} or {range: {start: 8000, end: 8080}}',
    'write them as separate protocols entries');
  if (set.includes('number')) checkPort(ctx, port.number, `${portPath}.number`);
  if (set.includes('range')) validateRange(ctx, port.range, `${portPath}.range`);
}

function validateRange(ctx: Context, range: unknown, path: string): void {
  const report = ctx.report;
  if (!isObject(range)) {
    report.wrongType(path, range, "an object with 'start' and 'end'");
    return;
  }
  report.unknownFields(range, path, RANGE_FIELDS, 'PortRange');
  let valid = true;
  for (const key of ['start', 'end'] as const) {
    if (range[key] == null) {
      report.required(`${path}.${key}`, 'it must be a port number from 1 to 65535');
      valid = false;
    } else if (!checkPort(ctx, range[key], `${path}.${key}`)) {
      valid = false;
    }
  }
  if (valid && (range.start as number) >= (range.end as number)) {
    const single = range.start === range.end ? ` (for the single port ${range.start}, use number: ${range.start})` : '';
    report.invalid(path, range, `start (${range.start}) must be less than end (${range.end})${single} `
      + '(CRD rule self.start < self.end: Start port must be less than End port)');
  }
}

/** A port number (1 to 65535); returns whether it is one. */
function checkPort(ctx: Context, value: unknown, field: string): boolean {
  if (!checkInteger(ctx, value, field)) return false;
  const reason = checkPortNumber(value as number);
  if (reason !== undefined) {
    ctx.report.invalid(field, value, reason);
    return false;
  }
  return true;
}

/** A whole JSON number (the CRD's `type: integer`); returns whether it is one. */
function checkInteger(ctx: Context, value: unknown, field: string): boolean {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    ctx.report.wrongType(field, value, 'a whole number');
    return false;
  }
  if (!Number.isInteger(value)) {
    ctx.report.invalid(field, value, 'it must be a whole number');
    return false;
  }
  return true;
}

function validateSelector(ctx: Context, selector: unknown, path: string): void {
  const report = ctx.report;
  if (!isObject(selector)) {
    report.wrongType(path, selector, 'a label selector object ({} selects everything)');
    return;
  }
  report.unknownFields(selector, path, SELECTOR_FIELDS, 'LabelSelector');

  const matchLabels = selector.matchLabels;
  if (matchLabels != null) {
    const labelsPath = `${path}.matchLabels`;
    if (!isObject(matchLabels)) {
      report.wrongType(labelsPath, matchLabels, 'an object of key: value strings');
    } else {
      for (const key in matchLabels) {
        const field = `${labelsPath}[${key}]`;
        const keyReason = checkLabelKey(key);
        if (keyReason !== undefined) {
          report.issues.push({ severity: ctx.lax, field, value: key, message: `${field}: label key ${quote(key)} is invalid: ${keyReason}.${SELECTOR_NOTE}` });
        }
        const value = matchLabels[key];
        if (typeof value !== 'string') {
          report.wrongType(field, value, 'a string label value');
        } else {
          const valueReason = checkLabelValue(value);
          if (valueReason !== undefined) {
            report.issues.push({ severity: ctx.lax, field, value, message: `${field}: label value ${quote(value)} is invalid: ${valueReason}.${SELECTOR_NOTE}` });
          }
        }
      }
    }
  }

  const expressions = selector.matchExpressions;
  if (expressions == null) return;
  const expressionsPath = `${path}.matchExpressions`;
  if (!Array.isArray(expressions)) {
    report.wrongType(expressionsPath, expressions, 'a list of {key, operator, values} requirements');
    return;
  }
  expressions.forEach((requirement, i) => validateRequirement(ctx, requirement, `${expressionsPath}[${i}]`));
}

function validateRequirement(ctx: Context, requirement: unknown, path: string): void {
  const report = ctx.report;
  if (!isObject(requirement)) {
    report.wrongType(path, requirement, "an object with 'key', 'operator' and 'values'");
    return;
  }
  report.unknownFields(requirement, path, REQUIREMENT_FIELDS, 'LabelSelectorRequirement');
  const lax = (field: string, value: unknown, reason: string) => report.invalid(field, value, `${reason}.${SELECTOR_NOTE}`, ctx.lax);

  const key = requirement.key;
  if (key == null) {
    report.required(`${path}.key`, "it must be a label key such as 'app'");
  } else if (typeof key !== 'string') {
    report.wrongType(`${path}.key`, key, 'a string');
  } else {
    const reason = checkLabelKey(key);
    if (reason !== undefined) lax(`${path}.key`, key, reason);
  }

  const valuesPath = `${path}.values`;
  const values = requirement.values;
  let count = 0;
  let valuesOk = true;
  if (values != null) {
    if (!Array.isArray(values)) {
      report.wrongType(valuesPath, values, 'a list of label values');
      valuesOk = false;
    } else {
      count = values.length;
      values.forEach((value, i) => {
        const field = `${valuesPath}[${i}]`;
        if (typeof value !== 'string') {
          report.wrongType(field, value, 'a string');
        } else {
          const reason = checkLabelValue(value);
          if (reason !== undefined) lax(field, value, reason);
        }
      });
    }
  }

  const operator = requirement.operator;
  const operatorPath = `${path}.operator`;
  if (operator == null) {
    report.required(operatorPath, "it must be 'In', 'NotIn', 'Exists' or 'DoesNotExist'");
  } else if (typeof operator !== 'string') {
    report.wrongType(operatorPath, operator, "the string 'In', 'NotIn', 'Exists' or 'DoesNotExist'");
  } else if (operator === 'In' || operator === 'NotIn') {
    if (count === 0 && valuesOk) {
      report.issues.push({
        severity: ctx.lax,
        field: valuesPath,
        value: values == null ? undefined : valueText(values),
        message: `${valuesPath}${values == null ? '' : ` ${shown(values)}`} must list at least one value when operator is '${operator}' `
          + `(to match any value of the key, use the operator 'Exists').${SELECTOR_NOTE}`,
      });
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (count > 0) lax(valuesPath, values, `it must be empty when operator is '${operator}'`);
  } else {
    lax(operatorPath, operator, `it must be 'In', 'NotIn', 'Exists' or 'DoesNotExist' (case-sensitive)${caseHint(operator, OPERATORS)}`);
  }
}

/**
 * A list field: absent or null is `undefined` (the API server prunes nulls of non-nullable fields); anything but
 * a list is a type error; too few or too many items are reported (the list is still returned to check its items).
 */
function readList(ctx: Context, value: unknown, path: string, what: string, min: number, emptyHint?: string): unknown[] | undefined {
  if (value == null) return undefined;
  if (!Array.isArray(value)) {
    ctx.report.wrongType(path, value, what);
    return undefined;
  }
  if (value.length < min) {
    ctx.report.invalid(path, value, `it must have at least ${min} item${min === 1 ? '' : 's'}${emptyHint === undefined ? '' : `; ${emptyHint}`}`);
  } else if (value.length > CNP_MAX_ITEMS) {
    ctx.report.invalid(path, value, `it must have at most ${CNP_MAX_ITEMS} items, not ${value.length}`);
  }
  return value;
}

/**
 * A one-of object (the CRD's minProperties 1 and maxProperties 1): reports none or several of `fields` set, and
 * returns the ones set. Null counts as unset (pruned). With unknown fields already reported, an object with none
 * of the known fields is not reported again.
 */
function exactlyOne(
  ctx: Context, object: Json, path: string, fields: ReadonlySet<string>, hadUnknown: boolean, hint: string,
  severalHint = 'write them as separate list entries',
): string[] {
  const set = [...fields].filter((f) => object[f] != null);
  const choices = [...fields].map((f) => `'${f}'`).join(', ').replace(/, ([^,]*)$/, ' or $1');
  if (set.length === 0 && !hadUnknown) {
    ctx.report.invalid(path, object, `it must set exactly one of ${choices} (${hint})`);
  } else if (set.length > 1) {
    ctx.report.invalid(path, object, `it must set exactly one of ${choices}, but sets ${set.map((f) => `'${f}'`).join(' and ')}: ${severalHint}`);
  }
  return set;
}

/** A `listType: set` list: reports an item equal to an earlier one (the API server rejects duplicates). */
function duplicate(ctx: Context, seen: Map<string, number>, item: string, index: number, path: string): boolean {
  const first = seen.get(item);
  if (first === undefined) {
    seen.set(item, index);
    return false;
  }
  ctx.report.invalid(`${path}[${index}]`, item, `it is a duplicate of ${path}[${first}]: the list is a set, and each value may appear once`);
  return true;
}

/** ` (note the case: 'Admin')` when the value matches a choice ignoring case. */
function caseHint(value: string, choices: readonly string[]): string {
  const match = choices.find((c) => c.toLowerCase() === value.toLowerCase());
  return match === undefined ? '' : ` (note the case: '${match}')`;
}
