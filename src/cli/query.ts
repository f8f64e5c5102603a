/**
 * One connection question (from, to, port, protocol) asked of the library, with endpoint and named
 * port problems reported as input errors at the place the question was written (an expectation's
 * field, or a flag).
 *
 * @module
 */
import { InputError, InputLocation } from './cli-error';
import { ConnectionExplanation, Connectivity } from '../analysis/connectivity';
import { ResolvedEndpoint } from '../analysis/endpoints';
import { Protocol } from '../protocol';

export interface Query {
  readonly from: string;
  readonly to: string;
  /** A number, or the name of a container port of the destination. */
  readonly port: number | string;
  readonly protocol: Protocol;
}

/** Where each part of the query was written, for error messages. */
export interface QueryLocations {
  readonly from: InputLocation;
  readonly to: InputLocation;
  readonly port: InputLocation;
}

/** The library's explanation of the connection; an unknown endpoint or port name is an `InputError`. */
export function explainQuery(connectivity: Connectivity, query: Query, where: QueryLocations): ConnectionExplanation {
  const evaluator = connectivity._evaluator;
  // Resolve here first, only to place the error: the library resolves again (cached) in explain().
  const resolve = (text: string, location: InputLocation): ResolvedEndpoint => {
    try {
      return evaluator.resolve(text);
    } catch (e) {
      throw new InputError((e as Error).message, location);
    }
  };
  resolve(query.from, where.from);
  const to = resolve(query.to, where.to);
  if (typeof query.port === 'string') {
    try {
      evaluator.resolveNamedPort(to, query.port, query.protocol);
    } catch (e) {
      throw new InputError((e as Error).message, where.port);
    }
    return connectivity.explain({ from: query.from, to: query.to, portName: query.port, protocol: query.protocol });
  }
  return connectivity.explain({ from: query.from, to: query.to, port: query.port, protocol: query.protocol });
}

/** `shop/web -> shop/db 5432/TCP` (a named port shows its name). */
export function describeQuery(query: Query): string {
  return `${query.from} -> ${query.to} ${query.port}/${query.protocol}`;
}
