/**
 * The flags `diagram` and `diff` share: `--port P[/PROTOCOL]` (repeatable) and `--namespace NS`
 * (repeatable).
 *
 * @module
 */
import { Evaluator } from '../../analysis/evaluator';
import { Port } from '../../ports';
import { checkPortNumber } from '../../validation/syntax';
import { OptionSpecs, OptionValues, parseProtocol, stringsOption } from '../args';
import { InputError, UsageError } from '../cli-error';

export const FLOW_OPTIONS: OptionSpecs = {
  port: { type: 'string', multiple: true },
  namespace: { type: 'string', short: 'n', multiple: true },
};

/** `--port 8080`, `--port 53/udp`: a number from 1 to 65535, optionally with a protocol (TCP by default). */
export function flowPorts(values: OptionValues, usage: string): Port[] | undefined {
  const texts = stringsOption(values, 'port');
  if (texts.length === 0) return undefined;
  return texts.map((text) => {
    const match = /^([0-9]+)(?:\/([A-Za-z]+))?$/.exec(text);
    const port = match ? Number(match[1]) : NaN;
    const reason = checkPortNumber(port);
    if (!match || reason !== undefined) {
      throw new UsageError(`--port ${JSON.stringify(text)} must be a port number from 1 to 65535, optionally with a protocol (8080, 53/UDP)`, usage);
    }
    if (match[2] === undefined) return Port.tcp(port);
    const protocol = parseProtocol(match[2]);
    if (protocol === undefined) throw new UsageError(`--port ${JSON.stringify(text)}: the protocol must be TCP, UDP or SCTP`, usage);
    return Port.number(protocol, port);
  });
}

/**
 * Throws when a `--namespace` holds no endpoint the command judges (none of the workloads, nor of the pods
 * the policies tell apart): a misspelt name would otherwise judge nothing and pass.
 */
export function checkNamespacesJudged(namespaces: readonly string[] | undefined, evaluators: readonly Evaluator[]): void {
  if (namespaces === undefined) return;
  const known = new Set(evaluators.flatMap((e) => e.endpoints.map((endpoint) => endpoint.namespace)));
  for (const ns of namespaces) {
    if (known.has(ns)) continue;
    const names = [...known].sort();
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? `, and ${names.length - 10} more` : '');
    throw new InputError(`--namespace ${ns}: no endpoint to judge is in that namespace (the input's: ${shown || 'none'})`);
  }
}

/** `--namespace`, or undefined for every namespace. */
export function flowNamespaces(values: OptionValues): string[] | undefined {
  const namespaces = stringsOption(values, 'namespace');
  return namespaces.length > 0 ? namespaces : undefined;
}
