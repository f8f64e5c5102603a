/**
 * The examples app synthesizes: examples/main.ts is run the way `cdk8s synth` runs it (ts-node with the
 * examples' own tsconfig, from the examples folder), with its output sent to a temporary directory.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { SeedChart, ThreeTierChart, WorkloadsChart } from '../../examples/charts';
import { SockShopChart } from '../../examples/sock-shop';
import { validateNetworkPolicy } from '../../src/validation/validate';
import { expectSchemaValid } from '../support/schema';

const EXAMPLES = path.join(__dirname, '..', '..', 'examples');
const FILES = ['seed.k8s.yaml', 'sock-shop.k8s.yaml', 'three-tier.k8s.yaml', 'workloads.k8s.yaml'];

let outdir: string;
let run: ReturnType<typeof spawnSync>;

beforeAll(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-examples-'));
  run = spawnSync(
    process.execPath,
    [require.resolve('ts-node/dist/bin.js'), '--project', 'tsconfig.json', 'main.ts'],
    { cwd: EXAMPLES, env: { ...process.env, CDK8S_OUTDIR: outdir }, encoding: 'utf8', timeout: 120_000 },
  );
}, 130_000);

afterAll(() => {
  fs.rmSync(outdir, { recursive: true, force: true });
});

/** The documents of one output file. */
function documents(file: string): any[] {
  const docs = parseAllDocuments(fs.readFileSync(path.join(outdir, file), 'utf8'));
  for (const doc of docs) {
    expect(doc.errors).toEqual([]);
  }
  return docs.map((d) => d.toJS());
}

test('main.ts exits cleanly', () => {
  expect(run.error).toBeUndefined();
  // stderr is shown only when the run failed, so that a harmless warning does not fail the test.
  expect({ status: run.status, stderr: run.status === 0 ? '' : run.stderr }).toEqual({ status: 0, stderr: '' });
});

test('writes one file per chart, and only those', () => {
  expect(fs.readdirSync(outdir).sort()).toEqual(FILES);
});

test.each([
  ['seed.k8s.yaml', { NetworkPolicy: 10 }],
  ['three-tier.k8s.yaml', { NetworkPolicy: 3 }],
  ['workloads.k8s.yaml', { Namespace: 4, Deployment: 8 }],
  ['sock-shop.k8s.yaml', { Deployment: 13, NetworkPolicy: 13 }],
])('%s parses, with the expected objects', (file, kinds) => {
  const counts: Record<string, number> = {};
  for (const doc of documents(file)) {
    counts[doc.kind] = (counts[doc.kind] ?? 0) + 1;
  }
  expect(counts).toEqual(kinds);
});

test('every NetworkPolicy written is schema-valid and passes the full validator, strict', () => {
  let policies = 0;
  for (const file of FILES) {
    for (const doc of documents(file).filter((d) => d.kind === 'NetworkPolicy')) {
      expectSchemaValid(doc);
      expect(validateNetworkPolicy(doc, { strictCidr: true, requireNamespace: true })).toEqual([]);
      policies++;
    }
  }
  expect(policies).toBe(26);
});

test.each([
  ['seed.k8s.yaml', (app: App) => new SeedChart(app, 'seed')],
  ['three-tier.k8s.yaml', (app: App) => new ThreeTierChart(app, 'three-tier')],
  ['workloads.k8s.yaml', (app: App) => new WorkloadsChart(app, 'workloads')],
  ['sock-shop.k8s.yaml', (app: App) => new SockShopChart(app, 'sock-shop')],
])('%s holds what the chart synthesizes in-process (same charts, deterministic across runs)', (file, make: (app: App) => Chart) => {
  expect(documents(file)).toEqual(Testing.synth(make(new App())));
});

test('the three-tier, workloads and Sock Shop charts (snapshot)', () => {
  expect(Testing.synth(new ThreeTierChart(new App(), 'three-tier'))).toMatchSnapshot();
  expect(Testing.synth(new WorkloadsChart(new App(), 'workloads'))).toMatchSnapshot();
  expect(Testing.synth(new SockShopChart(new App(), 'sock-shop')).filter((m) => m.kind === 'NetworkPolicy')).toMatchSnapshot();
});
