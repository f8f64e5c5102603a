import { Connectivity, ConnectionQuery, NetworkModel, Port } from '../../src';
import { NaiveEnd, NaiveEvaluator } from '../support/naive-evaluator';

export interface Judgement {
  readonly indexed: boolean;
  readonly naive: boolean;
  /** Undefined when an end is an external address (matrices hold workloads only). */
  readonly matrix?: boolean;
}

/** Judges a query with the indexed evaluator, the naive oracle and a one-port matrix. */
export function judgeThreeWays(connectivity: Connectivity, model: NetworkModel, query: ConnectionQuery): Judgement {
  const evaluator = connectivity._evaluator;
  const protocol = query.port.protocol;
  const indexed = connectivity.isAllowed(query);
  const from = evaluator.resolve(query.source);
  const to = evaluator.resolve(query.destination);
  const port = query.port.portNumber ?? evaluator.resolveNamedPort(to, query.port.name!, protocol);
  const toNaive = (end: typeof from): NaiveEnd => (end.kind === 'pod' ? { pod: end.endpoint } : { ip: end.ip });
  const naive = new NaiveEvaluator(model._cluster.snapshot()).isAllowed(toNaive(from), toNaive(to), protocol, port);
  const matrix = from.kind === 'pod' && to.kind === 'pod'
    ? connectivity.matrix({ ports: [Port.number(protocol, port)] }).isAllowed(from.id, to.id, Port.number(protocol, port))
    : undefined;
  return { indexed, naive, matrix };
}

/** A deterministic PRNG (mulberry32), so randomized tests repeat exactly. */
export function prng(seed: number): () => number {
  // 32-bit integer mixing is the algorithm.
  /* eslint-disable no-bitwise */
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  /* eslint-enable no-bitwise */
}

/**
 * A matrix's JSON (`toJson()`, `matrix -o json`) with each entry's source set written out: `{ to, ports, from }`,
 * `from` the sources' endpoint indices. Fails on an entry whose set is not listed.
 */
export function expandMatrixJson(json: any): Array<{ to: number; ports: string[]; from: number[] }> {
  return json.allowed.map((entry: any) => {
    const from = json.sourceSets[entry.sourceSet];
    if (!Array.isArray(from)) throw new Error(`entry ${JSON.stringify(entry)} names no listed source set`);
    return { to: entry.to, ports: entry.ports, from };
  });
}
