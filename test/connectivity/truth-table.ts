/**
 * Truth tables: rows of (from, to, port, protocol, expected verdict), each run as one test case with a
 * readable name, judged by `Connectivity.assertAllowed` / `assertDenied` so that a failure prints the
 * evaluator's explanation.
 */
import { ConnectionQuery, Connectivity, Port, Protocol } from '../../src';

/** One expected verdict. */
export interface FlowRow {
  readonly from: string;
  readonly to: string;
  readonly protocol: Protocol;
  /** A port number, or the name of a container port of the destination. */
  readonly port: number | string;
  readonly allowed: boolean;
  /** Why this row is worth asserting, shown in the test name. */
  readonly note?: string;
}

/**
 * Reads `'TCP 80'`, `'UDP 53'` or `'TCP metrics'` (a named port).
 */
function readPort(spec: string): { protocol: Protocol; port: number | string } {
  const match = /^(TCP|UDP|SCTP) (\S+)$/.exec(spec);
  if (match === null) {
    throw new Error(`port '${spec}' must read like 'TCP 80', 'UDP 53' or 'TCP http'`);
  }
  const port = /^\d+$/.test(match[2]) ? Number(match[2]) : match[2];
  return { protocol: match[1] as Protocol, port };
}

/** A row expecting the connection to be allowed; `port` reads like `'TCP 80'` or `'TCP http'`. */
export function allowed(from: string, to: string, port: string, note?: string): FlowRow {
  return { from, to, ...readPort(port), allowed: true, note };
}

/** A row expecting the connection to be denied. */
export function denied(from: string, to: string, port: string, note?: string): FlowRow {
  return { from, to, ...readPort(port), allowed: false, note };
}

/** The query a row asks. */
export function queryOf(row: FlowRow): ConnectionQuery {
  return typeof row.port === 'number'
    ? { source: row.from, destination: row.to, port: Port.number(row.protocol, row.port) }
    : { source: row.from, destination: row.to, port: Port.named(row.port, row.protocol) };
}

/** `default/web -> default/api on TCP 8080: allowed (note)`. */
export function rowName(row: FlowRow): string {
  const port = typeof row.port === 'number' ? `${row.protocol} ${row.port}` : `${row.protocol} port '${row.port}'`;
  return `${row.from} -> ${row.to} on ${port}: ${row.allowed ? 'allowed' : 'denied'}${row.note ? ` (${row.note})` : ''}`;
}

/**
 * Asserts one row; the error message is the evaluator's explanation. The quick verdict (`isAllowed`)
 * is checked too: it takes its own path through the evaluator.
 */
export function checkRow(connectivity: Connectivity, row: FlowRow): void {
  const query = queryOf(row);
  if (row.allowed) {
    connectivity.assertAllowed(query);
  } else {
    connectivity.assertDenied(query);
  }
  if (connectivity.isAllowed(query) !== row.allowed) {
    throw new Error(`isAllowed says ${!row.allowed} for ${rowName(row)}, but explain agrees with the table`);
  }
}

/**
 * Declares one test per row, against the connectivity `build` returns (built once, before the rows run).
 *
 * A table must expect at least one connection allowed and one denied, so that neither an evaluator
 * that allows everything nor one that denies everything could pass it.
 */
export function truthTable(build: () => Connectivity, rows: readonly FlowRow[]): void {
  if (!rows.some((r) => r.allowed) || !rows.some((r) => !r.allowed)) {
    throw new Error('a truth table needs at least one allowed and one denied row');
  }
  const names = rows.map(rowName);
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new Error(`duplicate row in a truth table: ${duplicate}`);
  }
  let connectivity: Connectivity;
  beforeAll(() => {
    connectivity = build();
  });
  test.each(rows.map((row) => [rowName(row), row] as const))('%s', (_name, row) => {
    checkRow(connectivity, row);
  });
}
