/**
 * Every CLI command, end to end, on a seeded cluster (bench/analysis-cluster.ts) of 2,000 namespaces,
 * 20,000 workloads and 8,000 NetworkPolicies, against the floor: `JSON.parse` of the same documents,
 * measured in this process. Each command runs as its own process (the compiled `lib/cli/main.js`,
 * through bench/measured-run.js, which reports the process's CPU time and peak memory), so start-up,
 * reading, judging and writing the whole output all count; each runs three times, and the run of median
 * CPU is shown (with the highest peak of the three). The floor is measured just before each of the three
 * runs and its median is that command's floor: the machine's speed drifts by tens of percent over the
 * minutes the bench takes, and a ratio of two figures measured minutes apart would carry that drift. The same commands on a tenth of the cluster
 * give the growth: from 1x to 10x no command may grow faster than n log n.
 *
 * Also measured here: the YAML parsers on the same text, and start-up (`--help`, `validate` of a small
 * file) against `node -e 0`.
 *
 * Run: npx projen bench (after `npx projen compile`), or
 *      node --expose-gc -r ts-node/register/transpile-only bench/commands.ts [--quick]
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { loadAll } from 'js-yaml';
import * as YAML from 'yaml';
import { generateCluster, Random, SyntheticCluster } from './analysis-cluster';
import { cpuMs, median } from './measure';
import { Connectivity } from '../src/analysis/connectivity';
import { NetworkModel } from '../src/analysis/network-model';
import { readYaml } from '../src/ingest/yaml';
import { Port } from '../src/ports';
import { Protocol } from '../src/protocol';

const FULL = { namespaces: 2000, workloads: 20000, policies: 8000 };
const TENTH = { namespaces: 200, workloads: 2000, policies: 800 };
const SEED = 20240501;
const TARGET_RATIO = 20;
const TARGET_MEMORY_KB = 1024 * 1024;
const ROOT = path.join(__dirname, '..');
const ENTRY = path.join(ROOT, 'lib', 'cli', 'main.js');
const RUNNER = path.join(__dirname, 'measured-run.js');
const EXPECTATIONS = 1000;

interface Measured {
  readonly code: number;
  readonly cpuMs: number;
  readonly maxRssKb: number;
  readonly outputBytes: number;
}

/** Runs `node measured-run.js lib/cli/main.js ARGS` with stdout to a file; its CPU, memory and output size. */
function measure(args: readonly string[], workDir: string): Measured {
  const out = path.join(workDir, 'stdout');
  const fd = fs.openSync(out, 'w');
  try {
    const result = spawnSync(process.execPath, [RUNNER, ENTRY, ...args], {
      cwd: workDir,
      stdio: ['ignore', fd, 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024,
      timeout: 20 * 60 * 1000,
    });
    const report = result.output[3]?.toString() ?? '';
    if (!report) throw new Error(`cdk8s-netpol ${args.join(' ')} reported nothing (signal ${result.signal}): ${result.stderr?.toString().slice(0, 400)}`);
    const measured = JSON.parse(report);
    return { ...measured, outputBytes: fs.statSync(out).size };
  } finally {
    fs.closeSync(fd);
  }
}

/** Node alone, measured the same way. */
function measureNode(workDir: string): Measured {
  const result = spawnSync(process.execPath, [RUNNER, '--node-only'], { cwd: workDir, stdio: ['ignore', 'ignore', 'pipe', 'pipe'] });
  return { ...JSON.parse(result.output[3]!.toString()), outputBytes: 0 };
}

interface Inputs {
  readonly cluster: SyntheticCluster;
  readonly file: string;
  readonly changed: string;
  /** The cluster with a ClusterNetworkPolicy per namespace and one for the whole cluster (`clusterPoliciesYaml`). */
  readonly guarded: string;
  readonly expectations: string;
  readonly explain: readonly string[];
  /** JSON.parse of the same documents, median CPU ms (measured once, at the start). */
  readonly floorMs: number;
  /** Measures the floor now: JSON.parse of the same documents, median CPU ms of three passes. */
  readonly floorNow: () => number;
}

/**
 * The cluster with guardrails beside its NetworkPolicies: per namespace a Baseline ClusterNetworkPolicy
 * that denies ingress from other namespaces (the NetworkPolicies decide where they select a pod), and one
 * Admin policy that denies egress to the cloud metadata address: one more document per namespace.
 */
function clusterPoliciesYaml(cluster: SyntheticCluster): string {
  const name = 'kubernetes.io/metadata.name';
  const documents = cluster.namespaces.map((ns) => [
    'apiVersion: policy.networking.k8s.io/v1alpha2', 'kind: ClusterNetworkPolicy', `metadata:\n  name: baseline-${ns}`,
    'spec:', '  tier: Baseline', '  priority: 50', `  subject:\n    namespaces:\n      matchLabels:\n        ${name}: ${ns}`,
    '  ingress:', '    - action: Deny', '      from:', '        - namespaces:', '            matchExpressions:',
    `              - {key: ${name}, operator: NotIn, values: [${ns}]}`,
  ].join('\n'));
  documents.push([
    'apiVersion: policy.networking.k8s.io/v1alpha2', 'kind: ClusterNetworkPolicy', 'metadata:\n  name: admin-deny-metadata',
    'spec:', '  tier: Admin', '  priority: 1', '  subject:\n    namespaces: {}', '  egress:', '    - action: Deny',
    '      to:', '        - networks: [169.254.169.254/32]',
  ].join('\n'));
  return documents.map((d) => `---\n${d}\n`).join('');
}

/** An object as kubectl keeps it once applied: its own JSON in the last-applied-configuration annotation. */
function withLastApplied(object: unknown): unknown {
  const copy = JSON.parse(JSON.stringify(object));
  copy.metadata = { ...copy.metadata, annotations: { ...copy.metadata?.annotations, 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(object)}\n` } };
  return copy;
}

/** Writes the cluster, a changed copy (one policy in 800 removed), and expectations computed by the library. */
function prepare(size: typeof FULL, workDir: string, label: string): Inputs {
  const cluster = generateCluster(size, SEED);
  const file = path.join(workDir, `${label}.yaml`);
  fs.writeFileSync(file, cluster.yaml);
  const documents = cluster.yaml.split(/^---\n/m);
  let policy = 0;
  // A pull request's change: one policy in 800 removed (10 of the whole cluster's, 1 of its tenth's). Removing
  // many default denies at once opens pairs by the million, and the diff lists every one with its reasons.
  const kept = documents.filter((d) => !(d.includes('kind: NetworkPolicy') && policy++ % 800 === 0));
  const changed = path.join(workDir, `${label}-changed.yaml`);
  fs.writeFileSync(changed, kept.join('---\n'));

  const json = cluster.objects.map((o) => JSON.stringify(o));
  const floorMs = median([0, 1, 2, 3, 4].map(() => cpuMs(() => json.map((j) => JSON.parse(j)))));

  // Expectations: random pairs of workloads on one of the destination's ports, with what the library says.
  const connectivity = Connectivity.of(NetworkModel.fromYaml(cluster.yaml));
  const random = new Random(SEED + 1);
  const lines: string[] = [];
  for (let i = 0; i < EXPECTATIONS; i++) {
    const from = random.pick(cluster.workloads);
    const to = random.pick(cluster.workloads);
    const port = to.ports.length > 0 ? random.pick(to.ports) : { port: 8080, protocol: 'TCP' };
    const allowed = connectivity.isAllowed({ source: from.id, destination: to.id, port: Port.number(port.protocol as Protocol, port.port) });
    lines.push(`- {from: ${from.id}, to: ${to.id}, port: ${port.port}, protocol: ${port.protocol}, allowed: ${allowed}}`);
  }
  const expectations = path.join(workDir, `${label}-expectations.yaml`);
  fs.writeFileSync(expectations, `${lines.join('\n')}\n`);
  const [a, b] = [cluster.workloads[10], cluster.workloads[20]];
  const guarded = path.join(workDir, `${label}-guardrails.yaml`);
  fs.writeFileSync(guarded, `${cluster.yaml}${cluster.yaml.endsWith('\n') ? '' : '\n'}${clusterPoliciesYaml(cluster)}`);
  const floorNow = () => median([0, 1, 2].map(() => cpuMs(() => json.map((j) => JSON.parse(j)))));
  return { cluster, file, changed, guarded, expectations, explain: ['--from', a.id, '--to', b.id, '--port', String(b.ports[0]?.port ?? 8080)], floorMs, floorNow };
}

const COMMANDS: ReadonlyArray<{ readonly name: string; readonly args: (inputs: Inputs) => string[]; readonly codes: readonly number[] }> = [
  { name: 'validate', args: (i) => ['validate', i.file], codes: [0] },
  { name: 'lint', args: (i) => ['lint', i.file], codes: [0, 1] },
  { name: 'check', args: (i) => ['check', i.file, '--expect', i.expectations], codes: [0] },
  { name: 'explain', args: (i) => ['explain', i.file, ...i.explain], codes: [0] },
  { name: 'matrix (text)', args: (i) => ['matrix', i.file], codes: [0] },
  { name: 'matrix --output json', args: (i) => ['matrix', i.file, '--output', 'json'], codes: [0] },
  { name: 'matrix --output csv', args: (i) => ['matrix', i.file, '--output', 'csv'], codes: [0] },
  { name: 'matrix --output md', args: (i) => ['matrix', i.file, '--output', 'md'], codes: [0] },
  { name: 'diagram (mermaid)', args: (i) => ['diagram', i.file], codes: [0] },
  { name: 'diagram --format dot', args: (i) => ['diagram', i.file, '--format', 'dot'], codes: [0] },
  { name: 'diff', args: (i) => ['diff', i.file, i.changed], codes: [0] },
  // Beside the list: the same cluster with 2,001 ClusterNetworkPolicies (for the tenth, 201).
  { name: 'lint, with CNPs', args: (i) => ['lint', i.guarded], codes: [0, 1] },
  { name: 'matrix, with CNPs', args: (i) => ['matrix', i.guarded], codes: [0] },
  { name: 'diagram, with CNPs', args: (i) => ['diagram', i.guarded], codes: [0] },
];

function mib(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MiB`;
}

function bytes(n: number): string {
  return n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MiB` : `${(n / 1024).toFixed(1)} KiB`;
}

function main(): void {
  if (!fs.existsSync(ENTRY)) throw new Error(`bench/commands: ${path.relative(ROOT, ENTRY)} is missing: run npx projen compile first`);
  const quick = process.argv.includes('--quick');
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-bench-'));
  try {
    const full = prepare(quick ? TENTH : FULL, workDir, 'full');
    const tenth = prepare(quick ? { namespaces: 20, workloads: 200, policies: 80 } : TENTH, workDir, 'tenth');
    const n = (i: Inputs) => i.cluster.documents;
    // n log n from the tenth to the whole, with the documents as n.
    const allowedGrowth = (n(full) * Math.log2(n(full))) / (n(tenth) * Math.log2(n(tenth)));
    console.log(`bench/commands: seeded cluster (seed ${SEED}): ${full.cluster.namespaces.length} namespaces, ${full.cluster.workloads.length} workloads, `
      + `${full.cluster.policies} policies, ${n(full)} documents, ${bytes(fs.statSync(full.file).size)} of YAML`);
    console.log(`floor: JSON.parse of the same documents: ${full.floorMs.toFixed(0)} ms CPU at the start (tenth: ${tenth.floorMs.toFixed(0)} ms); `
      + 'each command is divided by the floor measured beside its own runs (column "floor")');
    console.log(`targets: CPU within ${TARGET_RATIO}x the floor, peak memory under ${mib(TARGET_MEMORY_KB)}, growth from 1x to 10x `
      + `at most n log n (${allowedGrowth.toFixed(1)}x)`);
    console.log('');
    const header = ['command', 'CPU (median of 3)', 'floor', 'x floor', 'peak', 'output', 'growth 1x->10x', 'verdict'];
    const rows: string[][] = [header];
    let misses = 0;
    for (const command of COMMANDS) {
      // The run of median CPU of three: one run alone moves by 10-25% on a busy machine.
      // The floor just before each run: its median is this command's floor (see the top of this file).
      const floors: number[] = [];
      const bigRuns = [0, 1, 2].map(() => {
        floors.push(full.floorNow());
        return measure(command.args(full), workDir);
      }).sort((a, b) => a.cpuMs - b.cpuMs);
      const floorMs = median(floors);
      const big = { ...bigRuns[1], maxRssKb: Math.max(...bigRuns.map((r) => r.maxRssKb)) };
      const small = median([0, 1, 2].map(() => measure(command.args(tenth), workDir).cpuMs));
      if (!command.codes.includes(big.code)) throw new Error(`${command.name} exited ${big.code}`);
      const ratio = big.cpuMs / floorMs;
      const growth = big.cpuMs / small;
      const ok = ratio <= TARGET_RATIO && big.maxRssKb <= TARGET_MEMORY_KB && growth <= allowedGrowth;
      if (!ok) misses++;
      rows.push([command.name, `${(big.cpuMs / 1000).toFixed(2)} s`, `${floorMs.toFixed(0)} ms`, `${ratio.toFixed(1)}x`, mib(big.maxRssKb), bytes(big.outputBytes),
        `${growth.toFixed(1)}x`, ok ? 'PASS' : 'MISS']);
    }
    const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
    for (const row of rows) console.log(row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '));

    // ---------------------------------------------------------------- YAML parsers
    console.log('');
    const text = full.cluster.yaml;
    const json = full.cluster.objects.map((o) => JSON.stringify(o));
    const parsers: Array<[string, () => unknown]> = [
      ['JSON.parse of the same documents', () => json.map((j) => JSON.parse(j))],
      ['ours (block fast path, YAML 1.1 as kubectl)', () => readYaml(text, 'bench')],
      ['ours, full path only (js-yaml events)', () => readYaml(text, 'bench', false)],
      ['js-yaml loadAll (YAML 1.2 core)', () => loadAll(text)],
      ['yaml parseAllDocuments (YAML 1.2)', () => YAML.parseAllDocuments(text).map((d) => d.toJS())],
    ];
    const parseMs = parsers.map(([, fn]) => median([0, 1, 2].map(() => cpuMs(fn))));
    console.log(`YAML parsers on the same ${bytes(Buffer.byteLength(text))} (CPU, median of 3; the library uses "ours"):`);
    parsers.forEach(([name], i) => console.log(`  ${name.padEnd(44)} ${parseMs[i].toFixed(0).padStart(6)} ms  ${(parseMs[i] / parseMs[0]).toFixed(1).padStart(5)}x JSON.parse`));
    // The same objects as `kubectl get -o yaml` writes them: each with its last-applied-configuration
    // annotation, a literal block scalar, and sequences at their key's column.
    const snapshotObjects = full.cluster.objects.map(withLastApplied);
    const snapshot = snapshotObjects.map((o) => `---\n${YAML.stringify(o, { lineWidth: 0, blockQuote: 'literal', indentSeq: false })}`).join('');
    const snapshotJson = snapshotObjects.map((o) => JSON.stringify(o));
    const snapshotParsers: Array<[string, () => unknown]> = [
      ['JSON.parse of the same documents', () => snapshotJson.map((j) => JSON.parse(j))],
      ['ours (block fast path, YAML 1.1 as kubectl)', () => readYaml(snapshot, 'bench')],
      ['ours, full path only (js-yaml events)', () => readYaml(snapshot, 'bench', false)],
    ];
    const snapshotMs = snapshotParsers.map(([, fn]) => median([0, 1, 2].map(() => cpuMs(fn))));
    console.log(`The same as a kubectl snapshot, last-applied-configuration annotations included (${bytes(Buffer.byteLength(snapshot))}):`);
    snapshotParsers.forEach(([name], i) => console.log(`  ${name.padEnd(44)} ${snapshotMs[i].toFixed(0).padStart(6)} ms  ${(snapshotMs[i] / snapshotMs[0]).toFixed(1).padStart(5)}x JSON.parse`));

    // ---------------------------------------------------------------- start-up
    console.log('');
    const small = path.join(ROOT, 'test', 'fixtures', 'policies-only', 'three-tier', 'policies.yaml');
    const node = median([0, 1, 2, 3, 4].map(() => measureNode(workDir).cpuMs));
    const help = median([0, 1, 2, 3, 4].map(() => measure(['--help'], workDir).cpuMs));
    const validate = median([0, 1, 2, 3, 4].map(() => measure(['validate', small], workDir).cpuMs));
    const startOk = (ms: number) => (ms - node <= 60 ? 'PASS' : 'MISS');
    console.log(`start-up (CPU, median of 5; target: within 60 ms of node -e 0): node ${node.toFixed(0)} ms, `
      + `--help ${help.toFixed(0)} ms (+${(help - node).toFixed(0)}, ${startOk(help)}), `
      + `validate of a small file ${validate.toFixed(0)} ms (+${(validate - node).toFixed(0)}, ${startOk(validate)})`);
    if (startOk(help) === 'MISS' || startOk(validate) === 'MISS') misses++;
    console.log('');
    console.log(misses === 0 ? 'every figure within its target' : `${misses} figure(s) outside their target`);
  } finally {
    fs.rmSync(workDir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main();
}
