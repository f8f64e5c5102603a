/**
 * The one NetworkPolicy validator, as a plain function for the constructs and the CLI.
 *
 * It reports everything the Kubernetes API server rejects for a `networking.k8s.io/v1` NetworkPolicy
 * (following `ValidateNetworkPolicy` and the apimachinery name, label and selector rules), plus
 * unknown fields (kubectl's default strict field validation rejects them; with validation off they are
 * dropped silently, and a dropped `from` means "allow everyone"). Any input shape is accepted: a wrong
 * type is one issue naming the field, never an exception.
 *
 * It runs for every policy at synth, so it does one pass over the object, compiles no regex per call
 * and copies nothing.
 *
 * Internal: the public entry point is `NetworkPolicyValidator.validate`.
 *
 * @module
 */
import { isDeepFrozen } from './frozen';
import { ValidationIssue, ValidationOptions } from './issues';
import { closest, describe, quote, sentence, shown, valueText } from './messages';
import { Severity } from '../severity';
import {
  checkDns1123Label,
  checkDns1123Subdomain,
  checkLabelKey,
  checkLabelValue,
  checkNamedPort,
  checkPortNumber,
  checkProtocol,
} from './syntax';
import { isObject, NETWORK_POLICY_API_VERSION, NETWORK_POLICY_KIND } from '../manifest';
import { parseCidr, ParsedCidr, cidrContainsCidr } from '../net/cidr';

type Json = Record<string, unknown>;

interface Context {
  readonly issues: ValidationIssue[];
  readonly strictCidr: boolean;
}

// No 'status': it existed only in Kubernetes 1.24-1.27 (alpha) and current API servers reject it.
const ROOT_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'spec']);
const OBJECT_META_FIELDS = new Set([
  'name', 'generateName', 'namespace', 'labels', 'annotations',
  // Set by the API server; present in manifests exported with `kubectl get -o yaml`.
  'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds',
  'selfLink', 'ownerReferences', 'finalizers', 'managedFields',
]);
const SPEC_FIELDS = new Set(['podSelector', 'policyTypes', 'ingress', 'egress']);
const INGRESS_RULE_FIELDS = new Set(['from', 'ports']);
const EGRESS_RULE_FIELDS = new Set(['to', 'ports']);
const PEER_FIELDS = new Set(['podSelector', 'namespaceSelector', 'ipBlock']);
const IP_BLOCK_FIELDS = new Set(['cidr', 'except']);
const PORT_FIELDS = new Set(['protocol', 'port', 'endPort']);
const SELECTOR_FIELDS = new Set(['matchLabels', 'matchExpressions']);
const REQUIREMENT_FIELDS = new Set(['key', 'operator', 'values']);

// apimachinery TotalAnnotationSizeLimitB: keys plus values, in bytes.
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/**
 * Validate one plain NetworkPolicy object (parsed YAML/JSON or a synthesized manifest).
 *
 * Returns the issues in document order; an empty list means the API server would accept it.
 */
export function validateNetworkPolicy(manifest: unknown, options?: ValidationOptions): ValidationIssue[] {
  const ctx: Context = { issues: [], strictCidr: options?.strictCidr === true };
  if (!isObject(manifest)) {
    ctx.issues.push({
      severity: Severity.ERROR,
      field: '<root>',
      value: valueText(manifest),
      message: `The manifest must be a NetworkPolicy object, not ${describe(manifest)}.`,
    });
    return ctx.issues;
  }
  checkFields(ctx, manifest, '', ROOT_FIELDS, 'a NetworkPolicy');

  checkConstant(ctx, manifest.apiVersion, 'apiVersion', NETWORK_POLICY_API_VERSION);
  checkConstant(ctx, manifest.kind, 'kind', NETWORK_POLICY_KIND);

  const metadata = manifest.metadata;
  if (metadata == null) {
    required(ctx, 'metadata', 'it must hold at least metadata.name');
  } else if (!isObject(metadata)) {
    wrongType(ctx, 'metadata', metadata, 'an object');
  } else {
    validateMetadata(ctx, metadata, options?.requireNamespace === true);
  }

  const spec = manifest.spec;
  if (spec == null) {
    required(ctx, 'spec', 'it must hold at least spec.podSelector ({} selects every pod in the namespace)');
  } else if (!isObject(spec)) {
    wrongType(ctx, 'spec', spec, 'an object');
  } else {
    validateSpec(ctx, spec);
  }
  return ctx.issues;
}

/**
 * Validate only the metadata of a NetworkPolicy (name, namespace, labels, annotations), with the same rules
 * and messages as `validateNetworkPolicy`. The constructs use it at synth: their spec is built from values
 * that were each validated with these rules when they were created.
 */
export function validateNetworkPolicyMetadata(metadata: unknown, options?: ValidationOptions): ValidationIssue[] {
  const ctx: Context = { issues: [], strictCidr: options?.strictCidr === true };
  if (!isObject(metadata)) {
    wrongType(ctx, 'metadata', metadata, 'an object');
  } else {
    validateMetadata(ctx, metadata, options?.requireNamespace === true);
  }
  return ctx.issues;
}

function checkConstant(ctx: Context, value: unknown, field: string, expected: string): void {
  if (value == null || value === '') {
    required(ctx, field, `it must be '${expected}'`);
  } else if (typeof value !== 'string') {
    wrongType(ctx, field, value, `the string '${expected}'`);
  } else if (value !== expected) {
    invalid(ctx, field, value, `it must be '${expected}'`);
  }
}

function validateMetadata(ctx: Context, metadata: Json, requireNamespace: boolean): void {
  checkFields(ctx, metadata, 'metadata', OBJECT_META_FIELDS, 'ObjectMeta');

  const generateName = metadata.generateName;
  const hasGenerateName = typeof generateName === 'string' && generateName !== '';
  if (generateName != null && generateName !== '') {
    if (typeof generateName !== 'string') {
      wrongType(ctx, 'metadata.generateName', generateName, 'a string');
    } else {
      // The server appends a random suffix, so a trailing '-' is fine (apimachinery masks it the same way).
      const masked = generateName.endsWith('-') ? generateName.slice(0, -1) + 'a' : generateName;
      reportReason(ctx, 'metadata.generateName', generateName, checkDns1123Subdomain(masked));
    }
  }

  const name = metadata.name;
  if (name == null || name === '') {
    if (!hasGenerateName) {
      required(ctx, 'metadata.name', "it must be a DNS-1123 subdomain such as 'allow-dns'");
    }
  } else if (typeof name !== 'string') {
    wrongType(ctx, 'metadata.name', name, 'a string');
  } else {
    reportReason(ctx, 'metadata.name', name, checkDns1123Subdomain(name));
  }

  const namespace = metadata.namespace;
  if (namespace == null || namespace === '') {
    if (requireNamespace) {
      required(ctx, 'metadata.namespace', "it must be a namespace name (a DNS-1123 label such as 'production')");
    }
  } else if (typeof namespace !== 'string') {
    wrongType(ctx, 'metadata.namespace', namespace, 'a string');
  } else {
    reportReason(ctx, 'metadata.namespace', namespace, checkDns1123Label(namespace));
  }

  if (metadata.labels != null) {
    validateLabelMap(ctx, metadata.labels, 'metadata.labels');
  }

  const annotations = metadata.annotations;
  if (annotations != null) {
    if (!isObject(annotations)) {
      wrongType(ctx, 'metadata.annotations', annotations, 'an object of key: value strings');
    } else {
      validateAnnotations(ctx, annotations);
    }
  }
}

function validateAnnotations(ctx: Context, annotations: Json): void {
  let chars = 0;
  for (const key in annotations) {
    const field = `metadata.annotations[${key}]`;
    // The API server checks annotation keys case-insensitively.
    const reason = checkLabelKey(key.toLowerCase());
    if (reason !== undefined) {
      ctx.issues.push({
        severity: Severity.ERROR,
        field,
        value: key,
        message: `${field}: annotation key ${quote(key)} is invalid: ${reason}.`,
      });
    }
    const value = annotations[key];
    if (typeof value !== 'string') {
      wrongType(ctx, field, value, 'a string');
    } else {
      chars += key.length + value.length;
    }
  }
  // A UTF-16 code unit is at most 3 UTF-8 bytes: only count bytes when the limit is within reach.
  if (chars * 3 > ANNOTATIONS_MAX_BYTES) {
    let bytes = 0;
    for (const key in annotations) {
      const value = annotations[key];
      bytes += Buffer.byteLength(key) + (typeof value === 'string' ? Buffer.byteLength(value) : 0);
    }
    if (bytes > ANNOTATIONS_MAX_BYTES) {
      ctx.issues.push({
        severity: Severity.ERROR,
        field: 'metadata.annotations',
        message: `metadata.annotations are too long: keys and values total ${bytes} bytes, and must total no more than ${ANNOTATIONS_MAX_BYTES} bytes.`,
      });
    }
  }
}

function validateSpec(ctx: Context, spec: Json): void {
  checkFields(ctx, spec, 'spec', SPEC_FIELDS, 'NetworkPolicySpec');

  if (spec.podSelector == null) {
    required(ctx, 'spec.podSelector', 'use {} to select every pod in the namespace');
  } else {
    validateSelector(ctx, spec.podSelector, 'spec.podSelector');
  }

  const policyTypes = spec.policyTypes;
  if (policyTypes != null) {
    if (!Array.isArray(policyTypes)) {
      wrongType(ctx, 'spec.policyTypes', policyTypes, "a list of 'Ingress' and/or 'Egress'");
    } else {
      validatePolicyTypes(ctx, policyTypes);
    }
  }

  validateRules(ctx, spec.ingress, 'spec.ingress', 'from', INGRESS_RULE_FIELDS, 'NetworkPolicyIngressRule');
  validateRules(ctx, spec.egress, 'spec.egress', 'to', EGRESS_RULE_FIELDS, 'NetworkPolicyEgressRule');
}

function validatePolicyTypes(ctx: Context, policyTypes: unknown[]): void {
  if (policyTypes.length > 2) {
    invalid(ctx, 'spec.policyTypes', policyTypes, "it may list at most two policy types: 'Ingress' and 'Egress'");
  }
  let seenIngress = false;
  let seenEgress = false;
  for (let i = 0; i < policyTypes.length; i++) {
    const field = `spec.policyTypes[${i}]`;
    const type = policyTypes[i];
    if (typeof type !== 'string') {
      wrongType(ctx, field, type, "the string 'Ingress' or 'Egress'");
    } else if (type === 'Ingress' || type === 'Egress') {
      const seen = type === 'Ingress' ? seenIngress : seenEgress;
      if (seen) {
        // The API server accepts a repeated type; it changes nothing, so it is only worth a warning.
        ctx.issues.push({
          severity: Severity.WARNING,
          field,
          value: type,
          message: `${field} ${quote(type)} is listed twice in spec.policyTypes: list each policy type once.`,
        });
      }
      if (type === 'Ingress') seenIngress = true; else seenEgress = true;
    } else {
      const lower = type.toLowerCase();
      const hint = lower === 'ingress' || lower === 'egress' ? ` (note the capital letter: '${lower[0].toUpperCase()}${lower.slice(1)}')` : '';
      invalid(ctx, field, type, `it must be 'Ingress' or 'Egress'${hint}`);
    }
  }
}

function validateRules(ctx: Context, rules: unknown, path: string, peerKey: 'from' | 'to', known: Set<string>, typeName: string): void {
  if (rules == null) return;
  if (!Array.isArray(rules)) {
    wrongType(ctx, path, rules, 'a list of rules');
    return;
  }
  for (let i = 0; i < rules.length; i++) {
    const rulePath = `${path}[${i}]`;
    const rule = rules[i];
    if (!isObject(rule)) {
      wrongType(ctx, rulePath, rule, `an object with '${peerKey}' and/or 'ports' ({} allows all traffic)`);
      continue;
    }
    checkFields(ctx, rule, rulePath, known, typeName);

    const peers = rule[peerKey];
    if (peers != null) {
      const peersPath = `${rulePath}.${peerKey}`;
      if (!Array.isArray(peers)) {
        wrongType(ctx, peersPath, peers, 'a list of peers');
      } else {
        for (let j = 0; j < peers.length; j++) {
          validatePeer(ctx, peers[j], `${peersPath}[${j}]`, peerKey);
        }
      }
    }

    const ports = rule.ports;
    if (ports != null) {
      const portsPath = `${rulePath}.ports`;
      if (!Array.isArray(ports)) {
        wrongType(ctx, portsPath, ports, 'a list of ports');
      } else {
        for (let j = 0; j < ports.length; j++) {
          validatePort(ctx, ports[j], `${portsPath}[${j}]`);
        }
      }
    }
  }
}

/**
 * Whether a value is a deeply frozen manifest of the library's own that was found clean before: it cannot
 * have changed since, so it need not be looked at again.
 */
function knownClean(value: unknown): boolean {
  return isDeepFrozen(value) && CLEAN.has(value as object);
}

/** Remembers a deeply frozen manifest as clean when its check (begun at `before` issues) found nothing. */
function rememberClean(ctx: Context, value: unknown, before: number): void {
  if (ctx.issues.length === before && isDeepFrozen(value)) CLEAN.add(value as object);
}

/**
 * Frozen manifests found without any issue. One set for both modes: `strictCidr` changes only the severity of
 * an issue, never whether there is one.
 */
const CLEAN = new WeakSet<object>();

function validatePeer(ctx: Context, peer: unknown, path: string, peerKey: 'from' | 'to'): void {
  if (knownClean(peer)) return;
  const before = ctx.issues.length;
  validatePeerOnce(ctx, peer, path, peerKey);
  rememberClean(ctx, peer, before);
}

function validatePeerOnce(ctx: Context, peer: unknown, path: string, peerKey: 'from' | 'to'): void {
  if (!isObject(peer)) {
    wrongType(ctx, path, peer, 'an object with podSelector, namespaceSelector or ipBlock');
    return;
  }
  checkFields(ctx, peer, path, PEER_FIELDS, 'NetworkPolicyPeer');
  const hasPods = peer.podSelector != null;
  const hasNamespaces = peer.namespaceSelector != null;
  const hasIpBlock = peer.ipBlock != null;

  if (!hasPods && !hasNamespaces && !hasIpBlock) {
    const everyone = peerKey === 'from' ? 'every source' : 'every destination';
    ctx.issues.push({
      severity: Severity.ERROR,
      field: path,
      value: valueText(peer),
      message: `${path} ${shown(peer)} is invalid: a peer must set podSelector, namespaceSelector or ipBlock `
        + `(to allow ${everyone}, leave '${peerKey}' out instead).`,
    });
  } else if (hasIpBlock && (hasPods || hasNamespaces)) {
    ctx.issues.push({
      severity: Severity.ERROR,
      field: path,
      value: valueText(peer),
      message: `${path} is invalid: ipBlock may not be combined with podSelector or namespaceSelector in one peer; `
        + 'make them separate peers.',
    });
  }

  if (hasPods) validateSelector(ctx, peer.podSelector, `${path}.podSelector`);
  if (hasNamespaces) validateSelector(ctx, peer.namespaceSelector, `${path}.namespaceSelector`);
  if (hasIpBlock) validateIpBlock(ctx, peer.ipBlock, `${path}.ipBlock`);
}

function validateIpBlock(ctx: Context, ipBlock: unknown, path: string): void {
  if (!isObject(ipBlock)) {
    wrongType(ctx, path, ipBlock, "an object with 'cidr' (and optionally 'except')");
    return;
  }
  checkFields(ctx, ipBlock, path, IP_BLOCK_FIELDS, 'IPBlock');

  const cidrPath = `${path}.cidr`;
  const cidrText = ipBlock.cidr;
  let cidr: ParsedCidr | undefined;
  if (cidrText == null || cidrText === '') {
    required(ctx, cidrPath, 'it must be a CIDR such as 10.0.0.0/16 or 2001:db8::/32');
  } else if (typeof cidrText !== 'string') {
    wrongType(ctx, cidrPath, cidrText, 'a CIDR string such as 10.0.0.0/16');
  } else {
    const parsed = parseCidr(cidrText);
    if (typeof parsed === 'string') {
      invalid(ctx, cidrPath, cidrText, parsed);
    } else {
      cidr = parsed;
      checkHostBits(ctx, cidrPath, cidrText, parsed);
    }
  }

  const except = ipBlock.except;
  if (except == null) return;
  const exceptPath = `${path}.except`;
  if (!Array.isArray(except)) {
    wrongType(ctx, exceptPath, except, 'a list of CIDR strings');
    return;
  }
  for (let i = 0; i < except.length; i++) {
    const field = `${exceptPath}[${i}]`;
    const text = except[i];
    if (typeof text !== 'string') {
      wrongType(ctx, field, text, 'a CIDR string such as 10.0.1.0/24');
      continue;
    }
    const inner = parseCidr(text);
    if (typeof inner === 'string') {
      invalid(ctx, field, text, inner);
      continue;
    }
    checkHostBits(ctx, field, text, inner);
    if (cidr === undefined) continue;
    if (inner.family !== cidr.family) {
      invalid(ctx, field, text, `it must be an IPv${cidr.family} CIDR inside cidr ${quote(cidrText as string)}, not IPv${inner.family}`);
    } else if (!cidrContainsCidr(cidr, inner)) {
      invalid(ctx, field, text, `it must be a strict subset of cidr ${quote(cidrText as string)}, but it is not inside it`);
    } else if (inner.prefix === cidr.prefix) {
      invalid(ctx, field, text, `it must be a strict subset of cidr ${quote(cidrText as string)}, but it is all of it (use a longer prefix than /${cidr.prefix})`);
    }
  }
}

function checkHostBits(ctx: Context, field: string, text: string, cidr: ParsedCidr): void {
  if (!cidr.hostBitsSet) return;
  const single = cidr.family === 4 ? '/32' : '/128';
  ctx.issues.push({
    severity: ctx.strictCidr ? Severity.ERROR : Severity.WARNING,
    field,
    value: text,
    message: `${field} ${quote(text)} has bits set beyond its prefix length, so it means ${quote(cidr.canonical)}: `
      + `write ${quote(cidr.canonical)} (or use ${single} for a single address).`,
  });
}

function validatePort(ctx: Context, port: unknown, path: string): void {
  if (knownClean(port)) return;
  const before = ctx.issues.length;
  validatePortOnce(ctx, port, path);
  rememberClean(ctx, port, before);
}

function validatePortOnce(ctx: Context, port: unknown, path: string): void {
  if (!isObject(port)) {
    wrongType(ctx, path, port, "an object with 'port', 'protocol' and optionally 'endPort'");
    return;
  }
  checkFields(ctx, port, path, PORT_FIELDS, 'NetworkPolicyPort');

  const protocol = port.protocol;
  if (protocol != null) {
    const field = `${path}.protocol`;
    if (typeof protocol !== 'string') {
      wrongType(ctx, field, protocol, "the string 'TCP', 'UDP' or 'SCTP'");
    } else {
      reportReason(ctx, field, protocol, checkProtocol(protocol));
    }
  }

  const portField = `${path}.port`;
  const value = port.port;
  if (value != null) {
    if (typeof value === 'number') {
      reportReason(ctx, portField, value, checkPortNumber(value));
    } else if (typeof value === 'string') {
      reportReason(ctx, portField, value, checkNamedPort(value));
    } else {
      wrongType(ctx, portField, value, "a port number (e.g. 443) or a named port (e.g. 'https')");
    }
  }

  const endPort = port.endPort;
  if (endPort == null) return;
  const endField = `${path}.endPort`;
  if (typeof endPort !== 'number') {
    wrongType(ctx, endField, endPort, 'a whole number from 1 to 65535');
  } else if (value == null) {
    invalid(ctx, endField, endPort, `it may only be set together with a numeric port (the start of the range): set ${portField}`);
  } else if (typeof value === 'string') {
    invalid(ctx, endField, endPort, `it may not be used with the named port ${quote(value)}: port ranges need a numeric port`);
  } else {
    const reason = checkPortNumber(endPort);
    if (reason !== undefined) {
      invalid(ctx, endField, endPort, reason);
    } else if (typeof value === 'number' && endPort < value) {
      invalid(ctx, endField, endPort, `it must be greater than or equal to port (${value})`);
    }
  }
}

function validateSelector(ctx: Context, selector: unknown, path: string): void {
  if (knownClean(selector)) return;
  const before = ctx.issues.length;
  validateSelectorOnce(ctx, selector, path);
  rememberClean(ctx, selector, before);
}

function validateSelectorOnce(ctx: Context, selector: unknown, path: string): void {
  if (!isObject(selector)) {
    wrongType(ctx, path, selector, 'a label selector object ({} selects everything)');
    return;
  }
  checkFields(ctx, selector, path, SELECTOR_FIELDS, 'LabelSelector');
  if (selector.matchLabels != null) {
    validateLabelMap(ctx, selector.matchLabels, `${path}.matchLabels`);
  }
  const expressions = selector.matchExpressions;
  if (expressions == null) return;
  const expressionsPath = `${path}.matchExpressions`;
  if (!Array.isArray(expressions)) {
    wrongType(ctx, expressionsPath, expressions, 'a list of {key, operator, values} requirements');
    return;
  }
  for (let i = 0; i < expressions.length; i++) {
    validateRequirement(ctx, expressions[i], `${expressionsPath}[${i}]`);
  }
}

function validateRequirement(ctx: Context, requirement: unknown, path: string): void {
  if (!isObject(requirement)) {
    wrongType(ctx, path, requirement, "an object with 'key', 'operator' and 'values'");
    return;
  }
  checkFields(ctx, requirement, path, REQUIREMENT_FIELDS, 'LabelSelectorRequirement');

  const key = requirement.key;
  const keyField = `${path}.key`;
  if (key == null || key === '') {
    required(ctx, keyField, "it must be a label key such as 'app'");
  } else if (typeof key !== 'string') {
    wrongType(ctx, keyField, key, 'a string');
  } else {
    reportReason(ctx, keyField, key, checkLabelKey(key));
  }

  const valuesField = `${path}.values`;
  const values = requirement.values;
  let count = 0;
  let valuesReported = false;
  if (values != null) {
    if (!Array.isArray(values)) {
      wrongType(ctx, valuesField, values, 'a list of label values');
      valuesReported = true;
    } else {
      count = values.length;
      for (let i = 0; i < values.length; i++) {
        const field = `${valuesField}[${i}]`;
        const value = values[i];
        if (typeof value !== 'string') {
          wrongType(ctx, field, value, 'a string');
        } else {
          reportReason(ctx, field, value, checkLabelValue(value));
        }
      }
    }
  }

  const operator = requirement.operator;
  const operatorField = `${path}.operator`;
  if (operator == null || operator === '') {
    required(ctx, operatorField, "it must be 'In', 'NotIn', 'Exists' or 'DoesNotExist'");
  } else if (typeof operator !== 'string') {
    wrongType(ctx, operatorField, operator, "the string 'In', 'NotIn', 'Exists' or 'DoesNotExist'");
  } else if (operator === 'In' || operator === 'NotIn') {
    if (count === 0 && !valuesReported) {
      ctx.issues.push({
        severity: Severity.ERROR,
        field: valuesField,
        value: values == null ? undefined : valueText(values),
        message: `${valuesField} must list at least one value when operator is '${operator}' `
          + '(to match any value of the key, use the operator \'Exists\').',
      });
    }
  } else if (operator === 'Exists' || operator === 'DoesNotExist') {
    if (count > 0) {
      invalid(ctx, valuesField, values, `it must be empty when operator is '${operator}'`);
    }
  } else {
    invalid(ctx, operatorField, operator, "it must be 'In', 'NotIn', 'Exists' or 'DoesNotExist' (case-sensitive)");
  }
}

/** `metadata.labels` and `matchLabels`: an object of valid label keys to valid (string) label values. */
function validateLabelMap(ctx: Context, labels: unknown, path: string): void {
  if (!isObject(labels)) {
    wrongType(ctx, path, labels, 'an object of key: value strings');
    return;
  }
  for (const key in labels) {
    const field = `${path}[${key}]`;
    const keyReason = checkLabelKey(key);
    if (keyReason !== undefined) {
      ctx.issues.push({
        severity: Severity.ERROR,
        field,
        value: key,
        message: `${field}: label key ${quote(key)} is invalid: ${keyReason}.`,
      });
    }
    const value = labels[key];
    if (typeof value !== 'string') {
      wrongType(ctx, field, value, 'a string label value');
    } else {
      const valueReason = checkLabelValue(value);
      if (valueReason !== undefined) {
        ctx.issues.push({
          severity: Severity.ERROR,
          field,
          value,
          message: `${field}: label value ${quote(value)} is invalid: ${valueReason}.`,
        });
      }
    }
  }
}

/** Report every key the Kubernetes type does not have. */
function checkFields(ctx: Context, object: Json, path: string, known: Set<string>, typeName: string): void {
  for (const key in object) {
    if (known.has(key)) continue;
    const field = path === '' ? key : `${path}.${key}`;
    const guess = closest(key, known);
    const hint = guess === undefined ? '' : ` Did you mean '${guess}'?`;
    ctx.issues.push({
      severity: Severity.ERROR,
      field,
      message: `${field} is not a field of ${typeName}: the API server rejects unknown fields `
        + `(or, with validation off, drops them silently).${hint} Valid fields: ${[...known].join(', ')}.`,
    });
  }
}

function required(ctx: Context, field: string, hint: string): void {
  ctx.issues.push({
    severity: Severity.ERROR,
    field,
    message: `${field} is required: ${hint}.`,
  });
}

function invalid(ctx: Context, field: string, value: unknown, reason: string): void {
  ctx.issues.push({
    severity: Severity.ERROR,
    field,
    value: valueText(value),
    message: `${field} ${shown(value)} is invalid: ${sentence(reason)}`,
  });
}

function reportReason(ctx: Context, field: string, value: unknown, reason: string | undefined): void {
  if (reason !== undefined) {
    invalid(ctx, field, value, reason);
  }
}

function wrongType(ctx: Context, field: string, value: unknown, expected: string): void {
  // YAML reads `version: 1.0` or `enabled: true` as a number or boolean: quoting it makes it a string.
  const quoteHint = expected.includes('string') && (typeof value === 'number' || typeof value === 'boolean')
    ? ` (in YAML, quote it: "${String(value)}")`
    : '';
  ctx.issues.push({
    severity: Severity.ERROR,
    field,
    value: valueText(value),
    message: `${field} must be ${expected}, not ${value == null ? describe(value) : `${describe(value)} ${shown(value)}`}${quoteHint}.`,
  });
}
