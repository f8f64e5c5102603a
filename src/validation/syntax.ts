/**
 * Field-level syntax checks, following the Kubernetes API server's own rules
 * (apimachinery `IsDNS1123Subdomain`, `IsDNS1123Label`, `IsQualifiedName`, `IsValidLabelValue`,
 * `IsValidPortNum`, `IsValidPortName`, and the NetworkPolicy protocol list).
 *
 * Each check returns `undefined` when the value is valid, otherwise a short reason that says what
 * would be valid. Callers add the field path and the value. Internal: not re-exported from the barrel.
 *
 * @module
 */

import { Protocol } from '../protocol';

// Compiled once: the validator runs for every policy at synth time.
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME_PART = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const PORT_NAME_CHARS = /^[-a-z0-9]+$/;
const HAS_LETTER = /[a-z]/;
const ALL_DIGITS = /^[0-9]+$/;

const DNS1123_LABEL_MAX = 63;
const DNS1123_SUBDOMAIN_MAX = 253;
const QUALIFIED_NAME_MAX = 63;
const LABEL_VALUE_MAX = 63;
const PORT_NAME_MAX = 15;

const SUBDOMAIN_HINT = "lower-case letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')";
const LABEL_HINT = "lower-case letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')";
const NAME_PART_HINT = "letters, digits, '-', '_' and '.', starting and ending with a letter or digit (e.g. 'app', 'my_key.v1')";

/** `metadata.name` and similar: a DNS-1123 subdomain (at most 253 characters). */
export function checkDns1123Subdomain(value: string): string | undefined {
  if (value.length === 0) {
    return `must not be empty: a DNS-1123 subdomain is ${SUBDOMAIN_HINT}`;
  }
  if (value.length > DNS1123_SUBDOMAIN_MAX) {
    return `must be no more than ${DNS1123_SUBDOMAIN_MAX} characters (has ${value.length})`;
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    return `must be a DNS-1123 subdomain: ${SUBDOMAIN_HINT}`;
  }
  return undefined;
}

/** Namespace names: a DNS-1123 label (at most 63 characters, no dots). */
function dns1123LabelReason(value: string): string | undefined {
  if (value.length === 0) {
    return `must not be empty: a DNS-1123 label is ${LABEL_HINT}`;
  }
  if (value.length > DNS1123_LABEL_MAX) {
    return `must be no more than ${DNS1123_LABEL_MAX} characters (has ${value.length})`;
  }
  if (!DNS1123_LABEL.test(value)) {
    return `must be a DNS-1123 label: ${LABEL_HINT}`;
  }
  return undefined;
}

/**
 * Label and annotation keys: a qualified name, `[prefix/]name`, where the optional prefix is a
 * DNS-1123 subdomain and the name is at most 63 characters.
 */
function labelKeyReason(key: string): string | undefined {
  const slash = key.indexOf('/');
  let name = key;
  if (slash >= 0) {
    if (key.indexOf('/', slash + 1) >= 0) {
      return "must be a qualified name, '[prefix/]name', with at most one '/' (e.g. 'app' or 'example.com/app')";
    }
    const prefix = key.slice(0, slash);
    name = key.slice(slash + 1);
    if (prefix.length === 0) {
      return "prefix before '/' must not be empty: it must be a DNS-1123 subdomain (e.g. 'example.com/app')";
    }
    const prefixReason = checkDns1123Subdomain(prefix);
    if (prefixReason !== undefined) {
      return `prefix before '/' ${prefixReason}`;
    }
  }
  if (name.length === 0) {
    return `name part must not be empty: it must be ${NAME_PART_HINT}`;
  }
  if (name.length > QUALIFIED_NAME_MAX) {
    return `name part must be no more than ${QUALIFIED_NAME_MAX} characters (has ${name.length})`;
  }
  if (!QUALIFIED_NAME_PART.test(name)) {
    return `name part must be ${NAME_PART_HINT}`;
  }
  return undefined;
}

/** Label values: empty, or at most 63 characters of the qualified-name charset. The API accepts ''. */
function labelValueReason(value: string): string | undefined {
  if (value.length === 0) {
    return undefined;
  }
  if (value.length > LABEL_VALUE_MAX) {
    return `must be no more than ${LABEL_VALUE_MAX} characters (has ${value.length})`;
  }
  if (!QUALIFIED_NAME_PART.test(value)) {
    return `must be empty or ${NAME_PART_HINT}`;
  }
  return undefined;
}

/** Whether a value names one of the protocols NetworkPolicy defines, exactly as written in a manifest. */
export function isProtocol(value: unknown): value is Protocol {
  return value === Protocol.TCP || value === Protocol.UDP || value === Protocol.SCTP;
}

/** A port number: an integer from 1 to 65535. */
export function checkPortNumber(port: number): string | undefined {
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return 'must be a whole number from 1 to 65535';
  }
  return undefined;
}

/**
 * A named port (IANA_SVC_NAME, RFC 6335): 1 to 15 characters of lower-case letters, digits and '-',
 * at least one letter, no leading or trailing '-', no '--'.
 */
export function checkNamedPort(name: string): string | undefined {
  if (name.length === 0) {
    return "must not be empty: a port name is 1 to 15 lower-case letters, digits and '-' (e.g. 'http')";
  }
  if (ALL_DIGITS.test(name)) {
    // The usual cause is a quoted number in YAML ("80"): the API server reads it as a name, not a number.
    return `must contain at least one letter: to mean port ${name}, write it as a number, not the string "${name}"`;
  }
  if (name.length > PORT_NAME_MAX) {
    return `must be no more than ${PORT_NAME_MAX} characters (has ${name.length})`;
  }
  if (!PORT_NAME_CHARS.test(name)) {
    return "must contain only lower-case letters, digits and '-' (e.g. 'http', 'grpc-web')";
  }
  if (!HAS_LETTER.test(name)) {
    return 'must contain at least one letter (a-z)';
  }
  if (name.startsWith('-') || name.endsWith('-')) {
    return "must not start or end with '-'";
  }
  if (name.includes('--')) {
    return "must not contain '--'";
  }
  return undefined;
}

/** A NetworkPolicy port protocol: exactly `TCP`, `UDP` or `SCTP` (upper case). */
export function checkProtocol(protocol: string): string | undefined {
  if (isProtocol(protocol)) {
    return undefined;
  }
  const upper = protocol.toUpperCase();
  if (isProtocol(upper)) {
    return `must be upper case: '${upper}'`;
  }
  return "must be one of 'TCP', 'UDP' or 'SCTP'";
}

/**
 * Strings already found valid, per check. Charts repeat the same label keys, values and namespace names
 * thousands of times; a set lookup is cheaper than the regular expressions. Only valid strings are kept
 * (an invalid one is rare and its message is built anew), and a set that grows past its bound is emptied.
 */
class ValidMemo {
  private readonly valid = new Set<string>();

  public constructor(private readonly reasonOf: (value: string) => string | undefined) {}

  public check(value: string): string | undefined {
    if (this.valid.has(value)) {
      return undefined;
    }
    const reason = this.reasonOf(value);
    if (reason === undefined) {
      if (this.valid.size >= MEMO_LIMIT) {
        this.valid.clear();
      }
      this.valid.add(value);
    }
    return reason;
  }
}

const MEMO_LIMIT = 10_000;
const LABEL_KEYS = new ValidMemo(labelKeyReason);
const LABEL_VALUES = new ValidMemo(labelValueReason);
const DNS1123_LABELS = new ValidMemo(dns1123LabelReason);

/** Namespace names: a DNS-1123 label (at most 63 characters, no dots). */
export function checkDns1123Label(value: string): string | undefined {
  return DNS1123_LABELS.check(value);
}

/**
 * Label and annotation keys: a qualified name, `[prefix/]name`, where the optional prefix is a
 * DNS-1123 subdomain and the name is at most 63 characters.
 */
export function checkLabelKey(key: string): string | undefined {
  return LABEL_KEYS.check(key);
}

/** Label values: empty, or at most 63 characters of the qualified-name charset. The API accepts ''. */
export function checkLabelValue(value: string): string | undefined {
  return LABEL_VALUES.check(value);
}
