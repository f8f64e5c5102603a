/**
 * Connectivity analysis at cluster scale, measured in one process: loading and indexing against plain
 * YAML parsing, single queries against the naive evaluator, and the full workload matrix for one port.
 *
 * The input is a synthetic cluster (bench/analysis-cluster.ts, seeded, so every run measures the same
 * YAML). Timed steps alternate between the two sides of each ratio, so both see the same machine
 * state, and medians of the rounds are printed. Answers are checked while measuring: the indexed and
 * naive evaluators must agree on every sampled query and matrix cell, or the run aborts.
 *
 * Run: node --expose-gc -r ts-node/register/transpile-only bench/analysis.ts
 */
import * as YAML from 'yaml';
import { generateCluster, Random, SyntheticCluster, SyntheticWorkload } from './analysis-cluster';
import { median } from './measure';
import { Connectivity, ConnectionQuery } from '../src/analysis/connectivity';
import { ResolvedEndpoint } from '../src/analysis/endpoints';
import { Evaluator } from '../src/analysis/evaluator';
import { ConnectivityMatrix } from '../src/analysis/matrix';
import { NetworkModel } from '../src/analysis/network-model';
import { Port } from '../src/ports';
import { Protocol } from '../src/protocol';
import { NaiveEnd, NaiveEvaluator } from '../test/support/naive-evaluator';

const SIZE = { namespaces: 500, workloads: 5000, policies: 2000 };
const SEED = 20240501;
const QUERIES = 200_000;
const NAIVE_SAMPLE = 5_000;
const MATRIX_PORT = 8080;
const MATRIX_ASKED = Port.tcp(MATRIX_PORT);
const MATRIX_CELL_SAMPLE = 5_000;
const LOAD_ROUNDS = 3;
const QUERY_ROUNDS = 3;
const MATRIX_ROUNDS = 3;

const TARGET_QPS = 100_000;
const TARGET_MATRIX_MS = 10_000;
const TARGET_MEMORY = 1024 ** 3;

// ---------------------------------------------------------------- measuring

const memory = { rss: 0, heapUsed: 0 };

/** Samples memory; called between steps and inside long loops (timers cannot fire during synchronous work). */
function sampleMemory(): void {
  const usage = process.memoryUsage();
  memory.rss = Math.max(memory.rss, usage.rss);
  memory.heapUsed = Math.max(memory.heapUsed, usage.heapUsed);
}

function gc(): void {
  (globalThis as any).gc?.();
}

function timeMs<T>(fn: () => T): { ms: number; value: T } {
  gc();
  sampleMemory();
  const start = process.hrtime.bigint();
  const value = fn();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  sampleMemory();
  return { ms, value };
}

function fail(message: string): never {
  throw new Error(`bench/analysis: ${message}`);
}

// ---------------------------------------------------------------- queries

interface Query {
  readonly public: ConnectionQuery;
  readonly protocol: Protocol;
  readonly port: number;
  from?: ResolvedEndpoint;
  to?: ResolvedEndpoint;
}

const COMMON_PORTS: ReadonlyArray<readonly [number, Protocol]> = [
  [53, Protocol.UDP], [53, Protocol.TCP], [80, Protocol.TCP], [443, Protocol.TCP], [3000, Protocol.TCP],
  [5050, Protocol.TCP], [5432, Protocol.TCP], [6379, Protocol.TCP], [8080, Protocol.TCP], [8443, Protocol.TCP],
  [8500, Protocol.TCP], [9090, Protocol.TCP], [31000, Protocol.TCP], [8125, Protocol.UDP], [5432, Protocol.SCTP],
];

/**
 * Random queries: mostly workload to workload on a port the destination declares, some on common
 * ports it may not declare, some to and from addresses outside the cluster, and some naming bare
 * pods by IP. A third stay within one namespace, where most allowed traffic is.
 */
function makeQueries(cluster: SyntheticCluster, count: number, random: Random): Query[] {
  const queries: Query[] = [];
  const byNamespace = groupByNamespace(cluster.workloads);
  const name = (w: SyntheticWorkload) => (w.ip !== undefined && random.chance(0.3) ? w.ip : w.id);
  while (queries.length < count) {
    const kind = random.next();
    const from = random.pick(cluster.workloads);
    const to = random.chance(0.35) ? random.pick(byNamespace.get(namespaceOf(from.id))!) : random.pick(cluster.workloads);
    let port: readonly [number, Protocol] = random.pick(COMMON_PORTS);
    if (kind < 0.6 && to.ports.length > 0) {
      const declared = random.pick(to.ports);
      port = [declared.port, declared.protocol as Protocol];
    }
    let fromText = name(from);
    let toText = name(to);
    if (kind >= 0.85 && kind < 0.95) toText = random.pick(cluster.externalIps);
    if (kind >= 0.95) fromText = random.pick(cluster.externalIps);
    queries.push({ public: { source: fromText, destination: toText, port: Port.number(port[1], port[0]) }, protocol: port[1], port: port[0] });
  }
  return queries;
}

function namespaceOf(id: string): string {
  return id.slice(0, id.indexOf('/'));
}

function groupByNamespace<T extends { readonly id: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const ns = namespaceOf(item.id);
    const group = groups.get(ns);
    if (group) group.push(item); else groups.set(ns, [item]);
  }
  return groups;
}

function naiveEnd(end: ResolvedEndpoint): NaiveEnd {
  return end.kind === 'pod' ? { pod: end.endpoint } : { ip: end.ip };
}

// ---------------------------------------------------------------- the run

interface Row {
  readonly what: string;
  readonly value: string;
  readonly target?: string;
  readonly verdict?: boolean;
}

function main(): void {
  const started = Date.now();
  if (!(globalThis as any).gc) console.log('note: run with node --expose-gc for steadier timings (gc between steps)');
  const random = new Random(SEED);
  const cluster = generateCluster(SIZE, SEED);
  sampleMemory();
  console.log(`bench/analysis: synthetic cluster (seed ${SEED}): ${cluster.namespaces.length} namespaces, ${cluster.workloads.length} workloads, `
    + `${cluster.policies} NetworkPolicies; ${cluster.documents} YAML documents, ${(cluster.yaml.length / 1e6).toFixed(1)} MB`);
  const rows: Row[] = [];

  // ---------------- 1. plain YAML parsing vs loading into the model and indexing, alternating
  const parse = () => YAML.parseAllDocuments(cluster.yaml).map((d) => d.toJS());
  const load = () => {
    const model = NetworkModel.fromYaml(cluster.yaml, 'synthetic.yaml');
    const t = process.hrtime.bigint();
    const connectivity = Connectivity.of(model);
    return { model, connectivity, indexMs: Number(process.hrtime.bigint() - t) / 1e6 };
  };
  gc();
  const heapBefore = process.memoryUsage().heapUsed;
  // Warm-up rounds, not timed.
  const documents = timeMs(parse).value.length;
  if (documents !== cluster.documents) fail(`the yaml package read ${documents} documents, expected ${cluster.documents}`);
  let loaded: ReturnType<typeof load> | undefined = load();
  const parseMs: number[] = [];
  const loadMs: number[] = [];
  const indexMs: number[] = [];
  for (let r = 0; r < LOAD_ROUNDS; r++) {
    parseMs.push(timeMs(parse).ms);
    loaded = undefined; // so that two models are never alive at once
    const run = timeMs(load);
    loaded = run.value;
    loadMs.push(run.ms);
    indexMs.push(run.value.indexMs);
  }
  const { model, connectivity } = loaded!;
  gc();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  const evaluator: Evaluator = connectivity._evaluator;
  if (model.workloads.length !== SIZE.workloads || model.policies.length !== SIZE.policies || model.namespaces.length !== SIZE.namespaces) {
    fail(`the model holds ${model.namespaces.length} namespaces, ${model.workloads.length} workloads, ${model.policies.length} policies; expected ${JSON.stringify(SIZE)}`);
  }
  const parseMedian = median(parseMs);
  const loadMedian = median(loadMs);
  rows.push({ what: 'plain YAML parsing (yaml parseAllDocuments + toJS)', value: `${parseMedian.toFixed(0)} ms` });
  rows.push({
    what: 'load + index (NetworkModel.fromYaml + Connectivity.of)',
    value: `${loadMedian.toFixed(0)} ms = ${(loadMedian / parseMedian).toFixed(2)}x plain parsing (index alone ${median(indexMs).toFixed(0)} ms)`,
  });
  rows.push({ what: '  pod classes in the index', value: `${evaluator.classes.length} for ${model.workloads.length} workloads` });
  rows.push({ what: '  heap retained by model + index', value: `${(retained / 2 ** 20).toFixed(0)} MiB` });

  // ---------------- 2. single queries: the public API, and the evaluator on resolved ends, alternating
  const queries = makeQueries(cluster, QUERIES, random);
  for (const q of queries) {
    q.from = evaluator.resolve(q.public.source);
    q.to = evaluator.resolve(q.public.destination);
  }
  const publicAnswers = new Uint8Array(queries.length);
  const evaluatorAnswers = new Uint8Array(queries.length);
  const runPublic = () => {
    let allowed = 0;
    for (let i = 0; i < queries.length; i++) {
      const answer = connectivity.isAllowed(queries[i].public);
      publicAnswers[i] = answer ? 1 : 0;
      if (answer) allowed++;
      if (i % 20_000 === 0) sampleMemory();
    }
    return allowed;
  };
  const runEvaluator = () => {
    let allowed = 0;
    for (let i = 0; i < queries.length; i++) {
      const q = queries[i];
      const answer = evaluator.isAllowed(q.from!, q.to!, q.protocol, q.port);
      evaluatorAnswers[i] = answer ? 1 : 0;
      if (answer) allowed++;
    }
    return allowed;
  };
  runPublic(); // warm-up
  runEvaluator();
  const publicMs: number[] = [];
  const evaluatorMs: number[] = [];
  let allowedQueries = 0;
  for (let r = 0; r < QUERY_ROUNDS; r++) {
    const p = timeMs(runPublic);
    publicMs.push(p.ms);
    allowedQueries = p.value;
    evaluatorMs.push(timeMs(runEvaluator).ms);
    for (let i = 0; i < queries.length; i++) {
      if (publicAnswers[i] !== evaluatorAnswers[i]) fail(`query ${i} ${JSON.stringify(queries[i].public)}: Connectivity.isAllowed and the evaluator disagree`);
    }
  }
  const publicQps = QUERIES / (median(publicMs) / 1000);
  const evaluatorQps = QUERIES / (median(evaluatorMs) / 1000);
  rows.push({
    what: `queries/s, Connectivity.isAllowed (${QUERIES.toLocaleString('en')} random, ${(100 * allowedQueries / QUERIES).toFixed(1)}% allowed)`,
    value: `${Math.round(publicQps).toLocaleString('en')} q/s`,
    target: `>= ${TARGET_QPS.toLocaleString('en')} q/s`,
    verdict: publicQps >= TARGET_QPS,
  });
  rows.push({ what: '  the evaluator alone (ends resolved beforehand)', value: `${Math.round(evaluatorQps).toLocaleString('en')} q/s` });

  // ---------------- 3. the naive evaluator on a sample of the same queries, alternating with ours on that sample
  const naive = new NaiveEvaluator(model._cluster.snapshot());
  const step = Math.floor(QUERIES / NAIVE_SAMPLE);
  const sample = queries.filter((_, i) => i % step === 0).slice(0, NAIVE_SAMPLE);
  const naiveEnds = sample.map((q) => ({ from: naiveEnd(q.from!), to: naiveEnd(q.to!) }));
  const naiveAnswers = new Uint8Array(sample.length);
  const runNaive = () => {
    for (let i = 0; i < sample.length; i++) {
      naiveAnswers[i] = naive.isAllowed(naiveEnds[i].from, naiveEnds[i].to, sample[i].protocol, sample[i].port) ? 1 : 0;
    }
  };
  // Ours on the sample, repeated so that its time is long enough to measure.
  const repeat = 20;
  const runOursOnSample = () => {
    let allowed = 0;
    for (let k = 0; k < repeat; k++) {
      for (const q of sample) if (connectivity.isAllowed(q.public)) allowed++;
    }
    return allowed;
  };
  const naiveMs: number[] = [];
  const oursSampleMs: number[] = [];
  let naiveAllowed = 0;
  for (let r = 0; r < QUERY_ROUNDS; r++) {
    naiveMs.push(timeMs(runNaive).ms);
    oursSampleMs.push(timeMs(runOursOnSample).ms);
    sample.forEach((q, i) => {
      const ours = connectivity.isAllowed(q.public);
      if (r === 0 && ours) naiveAllowed++;
      if ((ours ? 1 : 0) !== naiveAnswers[i]) {
        fail(`the indexed and naive evaluators disagree on ${JSON.stringify(q.public)}: indexed says ${ours ? 'allowed' : 'denied'}`);
      }
    });
  }
  const naiveQps = sample.length / (median(naiveMs) / 1000);
  const oursSampleQps = (sample.length * repeat) / (median(oursSampleMs) / 1000);
  const naivePerQueryMs = median(naiveMs) / sample.length;
  rows.push({
    what: `queries/s, naive evaluator (${sample.length.toLocaleString('en')}-query sample, ${naiveAllowed} allowed, all agree)`,
    value: `${Math.round(naiveQps).toLocaleString('en')} q/s; ours on the same sample ${Math.round(oursSampleQps).toLocaleString('en')} q/s = ${(oursSampleQps / naiveQps).toFixed(0)}x faster`,
  });

  // ---------------- 4. the full workload matrix for one port, through the public API
  const workloadIds = new Set(model.workloads.map((w) => w.id));
  const computeMs: number[] = [];
  const countMs: number[] = [];
  let allowedCells = -1;
  let matrix: ConnectivityMatrix | undefined;
  for (let r = 0; r < MATRIX_ROUNDS; r++) {
    matrix = undefined; // so that two matrices are never alive at once
    const computed = timeMs(() => connectivity.matrix({ ports: [Port.tcp(MATRIX_PORT)] }));
    matrix = computed.value;
    const ids = matrix.endpoints.filter((id) => workloadIds.has(id));
    const m = matrix;
    // Every cell read through the public API: what a caller pays to get the answers out.
    const counted = timeMs(() => {
      let allowed = 0;
      for (let i = 0; i < ids.length; i++) {
        for (let j = 0; j < ids.length; j++) if (m.isAllowed(ids[i], ids[j], MATRIX_ASKED)) allowed++;
        if (i % 250 === 0) sampleMemory();
      }
      return allowed;
    });
    if (allowedCells >= 0 && counted.value !== allowedCells) fail(`matrix rounds disagree: ${allowedCells} then ${counted.value} allowed cells`);
    allowedCells = counted.value;
    computeMs.push(computed.ms);
    countMs.push(counted.ms);
  }
  const ids = matrix!.endpoints.filter((id) => workloadIds.has(id));
  const cells = ids.length * ids.length;
  if (ids.length !== SIZE.workloads) fail(`the matrix has ${ids.length} workloads, expected ${SIZE.workloads}`);
  // Check cells against the naive evaluator (the matrix is computed by another path than single queries):
  // half at random, half within one namespace, where most allowed cells are.
  const idsByNamespace = groupByNamespace(ids.map((id) => ({ id })));
  let allowedChecked = 0;
  for (let k = 0; k < MATRIX_CELL_SAMPLE; k++) {
    const fromId = ids[random.int(ids.length)];
    const toId = k % 2 === 0 ? ids[random.int(ids.length)] : random.pick(idsByNamespace.get(namespaceOf(fromId))!).id;
    const from = evaluator.resolve(fromId);
    const to = evaluator.resolve(toId);
    const ours = matrix!.isAllowed(fromId, toId, MATRIX_ASKED);
    if (ours !== naive.isAllowed(naiveEnd(from), naiveEnd(to), Protocol.TCP, MATRIX_PORT)) {
      fail(`matrix cell ${fromId} -> ${toId} on ${MATRIX_PORT}/TCP: the matrix says ${ours ? 'allowed' : 'denied'}, the naive evaluator does not`);
    }
    if (ours) allowedChecked++;
  }
  const matrixMs = median(computeMs) + median(countMs);
  rows.push({
    what: `full ${ids.length.toLocaleString('en')} x ${ids.length.toLocaleString('en')} matrix on ${MATRIX_PORT}/TCP (${(100 * allowedCells / cells).toFixed(2)}% of cells allowed)`,
    value: `${(matrixMs / 1000).toFixed(2)} s = matrix() ${median(computeMs).toFixed(0)} ms + reading all ${(cells / 1e6).toFixed(0)}M cells via isAllowed ${median(countMs).toFixed(0)} ms`,
    target: `<= ${TARGET_MATRIX_MS / 1000} s`,
    verdict: matrixMs <= TARGET_MATRIX_MS,
  });
  const naiveMatrixS = (naivePerQueryMs * cells) / 1000;
  rows.push({
    what: '  naive full matrix, ESTIMATED from its per-query time',
    value: `~${naiveMatrixS.toFixed(0)} s (${(naivePerQueryMs * 1000).toFixed(1)} us x ${(cells / 1e6).toFixed(0)}M cells) = ~${(naiveMatrixS * 1000 / matrixMs).toFixed(0)}x ours`,
  });
  rows.push({ what: '  matrix cells checked against the naive evaluator', value: `${MATRIX_CELL_SAMPLE.toLocaleString('en')} (${allowedChecked} allowed), all agree` });

  // ---------------- 5. memory
  sampleMemory();
  const maxRss = process.resourceUsage().maxRSS * 1024;
  const peak = Math.max(maxRss, memory.rss);
  rows.push({
    what: 'peak memory (whole run)',
    value: `rss ${(peak / 2 ** 20).toFixed(0)} MiB (sampled ${(memory.rss / 2 ** 20).toFixed(0)} MiB), heapUsed ${(memory.heapUsed / 2 ** 20).toFixed(0)} MiB`,
    target: '< 1 GiB',
    verdict: peak < TARGET_MEMORY,
  });

  print(rows);
  console.log(`medians of ${LOAD_ROUNDS} rounds each, the two sides of each ratio alternating; total run ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

function print(rows: readonly Row[]): void {
  const whatWidth = Math.max(...rows.map((r) => r.what.length));
  const valueWidth = Math.max(...rows.map((r) => r.value.length));
  for (const row of rows) {
    const verdict = row.verdict === undefined ? '' : `${row.verdict ? 'PASS' : 'MISS'} (target ${row.target})`;
    console.log(`${row.what.padEnd(whatWidth)}  ${row.value.padEnd(valueWidth)}  ${verdict}`.trimEnd());
  }
}

if (require.main === module) {
  main();
}
