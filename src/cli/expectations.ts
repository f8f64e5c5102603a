/**
 * The expectations file of `check`: YAML or JSON, a list of
 * `{from, to, port, protocol, allowed}`. `from` and `to` are endpoint texts, or mappings
 * `{namespace, labels, namespaceLabels}` for a pod with those labels (in a namespace with those labels).
 * Every malformed entry is an `InputError` naming the file, the document and the field (`[2].allowed`).
 *
 * @module
 */
import { parsePortText, parseProtocol } from './args';
import { InputError } from './cli-error';
import { labelsText } from '../analysis/endpoints';
import { ManifestLoadError } from '../ingest/errors';
import { parseManifestText } from '../ingest/parse';
import { Labels } from '../ingest/records';
import { readTextFile } from '../ingest/sources';
import { isObject } from '../manifest';
import { Protocol } from '../protocol';
import { checkDns1123Label, checkLabelKey, checkLabelValue } from '../validation/syntax';

/** One expected connection, with where it was written. */
export interface Expectation {
  /** The source as written: `namespace/name` or an IP address. */
  readonly from: string;
  /** The destination as written. */
  readonly to: string;
  /** A port number, or the name of a container port of the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly allowed: boolean;
  /** Namespace labels given in the mapping form of `from`. */
  readonly fromNamespaceLabels?: Labels;
  /** Namespace labels given in the mapping form of `to`. */
  readonly toNamespaceLabels?: Labels;
  readonly file: string;
  readonly document: number;
  /** `[i]`: the entry's place in its document's list. */
  readonly field: string;
}

const FIELDS = ['from', 'to', 'port', 'protocol', 'allowed'];

/** Reads the expectations file (`given` relative to `cwd`). An empty file is bad input: a check of nothing passes vacuously. */
export function readExpectations(given: string, cwd: string): Expectation[] {
  let documents: Array<{ value: unknown; index: number }>;
  try {
    const source = readTextFile(given, { cwd });
    documents = parseManifestText(source.text, given, source.syntax).map((d) => ({ value: d.value, index: d.documentIndex }));
  } catch (e) {
    if (e instanceof ManifestLoadError) throw InputError.fromLoadError(e);
    throw e;
  }
  const expectations: Expectation[] = [];
  for (const document of documents) {
    const at = (field: string | undefined, detail: string) =>
      new InputError(detail, { file: given, document: document.index, field });
    if (!Array.isArray(document.value)) {
      throw at(undefined, `the expectations must be a list of {from, to, port, protocol, allowed}, not ${describe(document.value)}`);
    }
    document.value.forEach((entry: unknown, i: number) => {
      expectations.push(readExpectation(entry, `[${i}]`, (field, detail) => at(field, detail), given, document.index));
    });
  }
  if (expectations.length === 0) {
    throw new InputError('holds no expectations: write a list of {from, to, port, protocol, allowed}', { file: given });
  }
  return expectations;
}

function readExpectation(
  entry: unknown, field: string, at: (field: string, detail: string) => InputError, file: string, document: number,
): Expectation {
  if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) {
    throw at(field, `an expectation must be an object {from, to, port, protocol, allowed}, not ${describe(entry)}`);
  }
  const object = entry as Record<string, unknown>;
  for (const key of Object.keys(object)) {
    // A misspelt key (protocl: UDP) would otherwise be ignored and change the question silently.
    if (!FIELDS.includes(key)) throw at(`${field}.${key}`, `unknown field: an expectation has only ${FIELDS.join(', ')}`);
  }
  const endpoint = (key: 'from' | 'to'): { text: string; namespaceLabels?: Labels } => {
    const value = object[key];
    if (value === undefined || value === null) {
      throw at(`${field}.${key}`, "is required: 'namespace/name' of a pod or workload, 'namespace/key=value', or an IP address");
    }
    if (isObject(value)) return labelEndpoint(value, `${field}.${key}`, at);
    if (typeof value !== 'string' || value.trim() === '') {
      throw at(`${field}.${key}`, `must be 'namespace/name' of a pod or workload, 'namespace/key=value', an IP address, or {namespace, labels}, not ${describe(value)}`);
    }
    return { text: value.trim() };
  };
  const from = endpoint('from');
  const to = endpoint('to');

  const rawPort = object.port;
  let port: number | string;
  if (rawPort === undefined || rawPort === null) {
    throw at(`${field}.port`, 'is required: a port number (1 to 65535) or the name of a container port of the destination');
  } else if (typeof rawPort === 'number') {
    if (!Number.isInteger(rawPort) || rawPort < 1 || rawPort > 65535) throw at(`${field}.port`, `${rawPort} is not a port number: it must be a whole number from 1 to 65535`);
    port = rawPort;
  } else if (typeof rawPort === 'string') {
    const parsed = parsePortText(rawPort.trim());
    if (typeof parsed === 'object') throw at(`${field}.port`, parsed.error);
    port = parsed;
  } else {
    throw at(`${field}.port`, `must be a port number or a port name, not ${describe(rawPort)}`);
  }

  const rawProtocol = object.protocol;
  let protocol = Protocol.TCP;
  if (rawProtocol !== undefined && rawProtocol !== null) {
    const parsed = typeof rawProtocol === 'string' ? parseProtocol(rawProtocol) : undefined;
    if (parsed === undefined) throw at(`${field}.protocol`, `must be TCP, UDP or SCTP, not ${describe(rawProtocol)}`);
    protocol = parsed;
  }

  const allowed = object.allowed;
  if (allowed === undefined || allowed === null) throw at(`${field}.allowed`, 'is required: true when the connection must be allowed, false when it must be denied');
  if (typeof allowed !== 'boolean') {
    throw at(`${field}.allowed`, `must be true or false, not ${describe(allowed)}${typeof allowed === 'string' ? ' (write it unquoted)' : ''}`);
  }
  return {
    from: from.text,
    to: to.text,
    port,
    protocol,
    allowed,
    ...(from.namespaceLabels ? { fromNamespaceLabels: from.namespaceLabels } : {}),
    ...(to.namespaceLabels ? { toNamespaceLabels: to.namespaceLabels } : {}),
    file,
    document,
    field,
  };
}

const LABEL_ENDPOINT_FIELDS = ['namespace', 'labels', 'namespaceLabels'];

/** `{namespace: shop, labels: {app: web}, namespaceLabels: {team: a}}`: a pod with those labels. */
function labelEndpoint(
  value: Record<string, unknown>, field: string, at: (field: string, detail: string) => InputError,
): { text: string; namespaceLabels?: Labels } {
  for (const key of Object.keys(value)) {
    if (!LABEL_ENDPOINT_FIELDS.includes(key)) throw at(`${field}.${key}`, `unknown field: a label endpoint has only ${LABEL_ENDPOINT_FIELDS.join(', ')}`);
  }
  const namespace = value.namespace;
  if (typeof namespace !== 'string' || checkDns1123Label(namespace) !== undefined) {
    throw at(`${field}.namespace`, `must be a namespace name, not ${describe(namespace)}`);
  }
  const labels = (key: 'labels' | 'namespaceLabels'): Labels | undefined => {
    const map = value[key];
    if (map === undefined || map === null) return undefined;
    if (!isObject(map)) throw at(`${field}.${key}`, `must be a map of label keys to values, not ${describe(map)}`);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(map)) {
      const keyReason = checkLabelKey(k);
      if (keyReason !== undefined) throw at(`${field}.${key}.${k}`, `label key '${k}' ${keyReason}`);
      if (typeof v !== 'string') throw at(`${field}.${key}.${k}`, `label values must be strings, not ${describe(v)} (quote it in YAML)`);
      const valueReason = checkLabelValue(v);
      if (valueReason !== undefined) throw at(`${field}.${key}.${k}`, `label value '${v}' ${valueReason}`);
      out[k] = v;
    }
    return out;
  };
  const pod = labels('labels') ?? {};
  const text = labelsText(pod);
  return { text: `${namespace}/${text === '' ? '*' : text}`, namespaceLabels: labels('namespaceLabels') };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 60)}...` : text}`;
}
