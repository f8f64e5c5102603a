/**
 * One connection question (from, to, port, protocol) asked of the library, with endpoint and port
 * problems reported as input errors at the place the question was written (an expectation's field, or
 * a flag).
 *
 * @module
 */
import { describePort } from '../describe';
import { InputError, InputLocation } from './cli-error';
import { ConnectionExplanation, Connectivity } from '../analysis/connectivity';
import { QueryError } from '../analysis/query';
import { Labels } from '../ingest/records';
import { Protocol } from '../protocol';

export interface Query {
  readonly from: string;
  readonly to: string;
  /** A number, or the name of a container port of the destination (or of a Service port). */
  readonly port: number | string;
  readonly protocol: Protocol;
  readonly fromNamespaceLabels?: Labels;
  readonly toNamespaceLabels?: Labels;
}

/** Where each part of the query was written, for error messages. */
export interface QueryLocations {
  readonly from: InputLocation;
  readonly to: InputLocation;
  readonly port: InputLocation;
}

/** The library's explanation of the connection; an unknown endpoint or port is an `InputError` placed where it was written. */
export function explainQuery(connectivity: Connectivity, query: Query, where: QueryLocations): ConnectionExplanation {
  try {
    return connectivity._explain({
      from: query.from,
      to: query.to,
      ...(typeof query.port === 'string' ? { portName: query.port } : { port: query.port }),
      protocol: query.protocol,
      fromNamespaceLabels: query.fromNamespaceLabels,
      toNamespaceLabels: query.toNamespaceLabels,
    });
  } catch (e) {
    if (e instanceof QueryError) throw new InputError(e.message, where[e.part]);
    throw e;
  }
}

/** `shop/web -> shop/db TCP 5432` (a named port shows its name). */
export function describeQuery(query: Query): string {
  return `${query.from} -> ${query.to} ${describePort({ protocol: query.protocol, port: query.port })}`;
}
