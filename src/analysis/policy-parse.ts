/**
 * Reads a plain NetworkPolicy object into the normalized form the evaluator indexes, applying the API
 * server's defaults (policyTypes, protocol TCP, `namespace: default`) and rejecting structure the
 * evaluator cannot interpret, with the field path of the problem. Also reads label maps and selectors
 * for the loader. Internal.
 *
 * @module
 */
import { isObject, LabelSelectorManifest, NetworkPolicyManifest } from '../manifest';
import { Protocol } from '../protocol';
import { NormalizedSelector, Requirement, SELECTOR_OPERATORS, SelectorOperator } from './selector-match';
import { Fail } from '../ingest/errors';
import { DEFAULT_NAMESPACE, describeValue, readLabels } from '../ingest/records';
import { parseCidr, ParsedCidr } from '../net/cidr';
import { isProtocol } from '../validation/syntax';

export interface IpBlockPeer {
  readonly kind: 'ipBlock';
  readonly cidr: ParsedCidr;
  readonly except: readonly ParsedCidr[];
  /** Canonical text, equal for blocks that match the same addresses by construction. */
  readonly key: string;
}

export interface PodsPeer {
  readonly kind: 'pods';
  /** Absent: the policy's own namespace. */
  readonly namespaceSelector?: NormalizedSelector;
  /** Absent: every pod of the selected namespaces. */
  readonly podSelector?: NormalizedSelector;
}

export type NormalizedPeer = IpBlockPeer | PodsPeer;

export interface NormalizedPort {
  readonly protocol: Protocol;
  /** Absent (and no name): every port of the protocol. */
  readonly port?: number;
  readonly endPort?: number;
  /** A named container port, resolved on the destination pod. */
  readonly name?: string;
}

export interface NormalizedRule {
  /** Absent: every peer (absent and empty `from`/`to` both mean all). */
  readonly peers?: readonly NormalizedPeer[];
  /** Absent: every port and protocol (absent and empty `ports` both mean all). */
  readonly ports?: readonly NormalizedPort[];
}

export interface NormalizedPolicy {
  readonly namespace: string;
  readonly name: string;
  readonly podSelector: NormalizedSelector;
  readonly isolatesIngress: boolean;
  readonly isolatesEgress: boolean;
  /** True when `policyTypes` was absent or empty and the defaults applied. */
  readonly policyTypesDefaulted: boolean;
  /** The ingress rules; they take effect only when `isolatesIngress`. */
  readonly ingress: readonly NormalizedRule[];
  /** The egress rules; they take effect only when `isolatesEgress`. */
  readonly egress: readonly NormalizedRule[];
}

const DIGITS = /^[0-9]+$/;


/** An optional list: absent or null is `undefined`; anything but a list fails. */
function optionalList(value: unknown, field: string, fail: Fail): unknown[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) fail(field, `must be a list, got ${describeValue(value)}`);
  return value as unknown[];
}

function requireString(value: unknown, field: string, fail: Fail, what: string): string {
  if (typeof value !== 'string' || value === '') {
    fail(field, `${what} must be a non-empty string, got ${value === undefined ? 'nothing' : describeValue(value)}`);
  }
  return value as string;
}

function readSelector(value: unknown, field: string, fail: Fail): NormalizedSelector {
  if (!isObject(value)) fail(field, `must be a label selector object (use {} to select everything), got ${describeValue(value)}`);
  const selector = value as LabelSelectorManifest;
  const matchLabels = Object.entries(readLabels(selector.matchLabels, `${field}.matchLabels`, fail))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expressions: Requirement[] = [];
  (optionalList(selector.matchExpressions, `${field}.matchExpressions`, fail) ?? []).forEach((raw, i) => {
    const at = `${field}.matchExpressions[${i}]`;
    if (!isObject(raw)) fail(at, `must be an object with key, operator and values, got ${describeValue(raw)}`);
    const key = requireString(raw.key, `${at}.key`, fail, 'key');
    const operator = raw.operator;
    if (!SELECTOR_OPERATORS.includes(operator)) {
      fail(`${at}.operator`, `must be one of ${SELECTOR_OPERATORS.join(', ')}, got ${describeValue(operator)}`);
    }
    const values = (optionalList(raw.values, `${at}.values`, fail) ?? []).map((v, j) => {
      if (typeof v !== 'string') fail(`${at}.values[${j}]`, `values must be strings, got ${describeValue(v)} (quote it in YAML)`);
      return v as string;
    });
    expressions.push({ key, operator: operator as SelectorOperator, values });
  });
  return { matchLabels, expressions };
}

function readCidr(value: unknown, field: string, fail: Fail): ParsedCidr {
  const parsed = parseCidr(value as string);
  if (typeof parsed === 'string') fail(field, parsed);
  return parsed as ParsedCidr;
}

function readPeer(value: unknown, field: string, fail: Fail): NormalizedPeer {
  if (!isObject(value)) fail(field, `must be a peer object (podSelector, namespaceSelector or ipBlock), got ${describeValue(value)}`);
  const hasPods = value.podSelector !== undefined && value.podSelector !== null;
  const hasNamespaces = value.namespaceSelector !== undefined && value.namespaceSelector !== null;
  const hasIpBlock = value.ipBlock !== undefined && value.ipBlock !== null;
  if (hasIpBlock) {
    if (hasPods || hasNamespaces) {
      fail(field, 'a peer with ipBlock must not also have podSelector or namespaceSelector: write them as separate peers');
    }
    const block = value.ipBlock;
    if (!isObject(block)) fail(`${field}.ipBlock`, `must be an object with cidr and optional except, got ${describeValue(block)}`);
    const cidr = readCidr(block.cidr, `${field}.ipBlock.cidr`, fail);
    const except = (optionalList(block.except, `${field}.ipBlock.except`, fail) ?? [])
      .map((text, i) => readCidr(text, `${field}.ipBlock.except[${i}]`, fail));
    const exceptKeys = except.map((c) => c.canonical).sort();
    return { kind: 'ipBlock', cidr, except, key: exceptKeys.length > 0 ? `${cidr.canonical} except ${exceptKeys.join(',')}` : cidr.canonical };
  }
  if (!hasPods && !hasNamespaces) {
    fail(field, 'a peer must set podSelector, namespaceSelector or ipBlock (an empty peer is rejected by the API server)');
  }
  return {
    kind: 'pods',
    namespaceSelector: hasNamespaces ? readSelector(value.namespaceSelector, `${field}.namespaceSelector`, fail) : undefined,
    podSelector: hasPods ? readSelector(value.podSelector, `${field}.podSelector`, fail) : undefined,
  };
}

function readPortNumber(value: unknown, field: string, fail: Fail): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 65535) {
    fail(field, `must be a port number from 1 to 65535, got ${describeValue(value)}`);
  }
  return value as number;
}

function readPort(value: unknown, field: string, fail: Fail): NormalizedPort {
  if (value === null) value = {};
  if (!isObject(value)) fail(field, `must be a port object (protocol, port, endPort), got ${describeValue(value)}`);
  let protocol = Protocol.TCP;
  if (value.protocol !== undefined && value.protocol !== null) {
    if (!isProtocol(value.protocol)) {
      fail(`${field}.protocol`, `must be TCP, UDP or SCTP (upper case), got ${describeValue(value.protocol)}`);
    }
    protocol = value.protocol as Protocol;
  }
  const port = value.port;
  const endPort = value.endPort;
  const hasEndPort = endPort !== undefined && endPort !== null;
  if (port === undefined || port === null) {
    if (hasEndPort) fail(`${field}.endPort`, 'endPort needs a numeric port to start the range');
    return { protocol };
  }
  if (typeof port === 'string') {
    if (DIGITS.test(port)) {
      fail(`${field}.port`, `'${port}' is a string of digits; write the port as a number (a named port must contain a letter)`);
    }
    if (port === '') fail(`${field}.port`, 'a named port must not be empty');
    if (hasEndPort) fail(`${field}.endPort`, `endPort cannot be used with the named port '${port}'`);
    return { protocol, name: port };
  }
  const number = readPortNumber(port, `${field}.port`, fail);
  if (!hasEndPort) return { protocol, port: number };
  const end = readPortNumber(endPort, `${field}.endPort`, fail);
  if (end < number) fail(`${field}.endPort`, `endPort ${end} must be greater than or equal to port ${number}`);
  return { protocol, port: number, endPort: end };
}

function readRules(value: unknown, field: string, peersKey: 'from' | 'to', fail: Fail): NormalizedRule[] {
  return (optionalList(value, field, fail) ?? []).map((raw, i) => {
    const at = `${field}[${i}]`;
    // `- {}` and a bare `-` (null) are both the empty rule: every peer, every port.
    const rule = raw === null ? {} : raw;
    if (!isObject(rule)) fail(at, `must be a rule object (${peersKey}, ports), got ${describeValue(rule)}`);
    const peerList = optionalList(rule[peersKey], `${at}.${peersKey}`, fail);
    const portList = optionalList(rule.ports, `${at}.ports`, fail);
    return {
      peers: peerList && peerList.length > 0 ? peerList.map((p, j) => readPeer(p, `${at}.${peersKey}[${j}]`, fail)) : undefined,
      ports: portList && portList.length > 0 ? portList.map((p, j) => readPort(p, `${at}.ports[${j}]`, fail)) : undefined,
    };
  });
}

/**
 * Reads a NetworkPolicy object. Returns the manifest with its namespace filled in, and the normalized policy.
 */
export function readNetworkPolicy(value: Record<string, any>, fail: Fail): { manifest: NetworkPolicyManifest; policy: NormalizedPolicy } {
  const metadata = value.metadata;
  if (!isObject(metadata)) fail('metadata', `a NetworkPolicy needs metadata with a name, got ${metadata === undefined ? 'nothing' : describeValue(metadata)}`);
  const name = requireString(metadata.name, 'metadata.name', fail, 'a NetworkPolicy name');
  // '' is no namespace, as for kubectl and the validator: the object goes to the default namespace.
  const namespace = metadata.namespace === undefined || metadata.namespace === null || metadata.namespace === ''
    ? DEFAULT_NAMESPACE
    : requireString(metadata.namespace, 'metadata.namespace', fail, 'the namespace');
  const spec = value.spec;
  if (!isObject(spec)) fail('spec', `a NetworkPolicy needs a spec object, got ${spec === undefined ? 'nothing' : describeValue(spec)}`);
  if (spec.podSelector === undefined || spec.podSelector === null) {
    fail('spec.podSelector', 'is required (use {} to select every pod in the namespace)');
  }
  const podSelector = readSelector(spec.podSelector, 'spec.podSelector', fail);
  const ingress = readRules(spec.ingress, 'spec.ingress', 'from', fail);
  const egress = readRules(spec.egress, 'spec.egress', 'to', fail);
  const types = (optionalList(spec.policyTypes, 'spec.policyTypes', fail) ?? []).map((t, i) => {
    if (t !== 'Ingress' && t !== 'Egress') fail(`spec.policyTypes[${i}]`, `must be Ingress or Egress, got ${describeValue(t)}`);
    return t as string;
  });
  // API server defaulting: no policyTypes means Ingress, plus Egress when there is at least one egress rule.
  const defaulted = types.length === 0;
  const isolatesIngress = defaulted ? true : types.includes('Ingress');
  const isolatesEgress = defaulted ? egress.length > 0 : types.includes('Egress');
  const manifest = { ...value, metadata: { ...metadata, namespace } } as NetworkPolicyManifest;
  return {
    manifest,
    policy: { namespace, name, podSelector, isolatesIngress, isolatesEgress, policyTypesDefaulted: defaulted, ingress, egress },
  };
}
