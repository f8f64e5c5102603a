/**
 * The expectations file of `check`: YAML or JSON, a list of
 * `{from, to, port, protocol, allowed}`. Every malformed entry is an `InputError` naming the file,
 * the document and the field (`[2].allowed`).
 *
 * @module
 */
import * as path from 'path';
import { parsePortText, parseProtocol } from './args';
import { InputError } from './cli-error';
import { parseText, readText } from './documents';
import { Protocol } from '../protocol';

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
  readonly file: string;
  readonly document: number;
  /** `[i]`: the entry's place in its document's list. */
  readonly field: string;
}

const FIELDS = ['from', 'to', 'port', 'protocol', 'allowed'];

/** Reads the expectations file (`given` relative to `cwd`). An empty file is bad input: a check of nothing passes vacuously. */
export function readExpectations(given: string, cwd: string): Expectation[] {
  const text = readText(path.resolve(cwd, given), given);
  const expectations: Expectation[] = [];
  for (const document of parseText(text, given)) {
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
  const endpoint = (key: 'from' | 'to'): string => {
    const value = object[key];
    if (value === undefined || value === null) throw at(`${field}.${key}`, "is required: 'namespace/name' of a pod or workload, or an IP address");
    if (typeof value !== 'string' || value.trim() === '') {
      throw at(`${field}.${key}`, `must be 'namespace/name' of a pod or workload, or an IP address, not ${describe(value)}`);
    }
    return value.trim();
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
  return { from, to, port, protocol, allowed, file, document, field };
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return `${typeof value} ${text.length > 60 ? `${text.slice(0, 60)}...` : text}`;
}
