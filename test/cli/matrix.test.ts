import { spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, cliJson, expectBadInput, FIXTURES } from './helpers';
import { Connectivity } from '../../src/analysis/connectivity';
import { Evaluator } from '../../src/analysis/evaluator';
import { ConnectivityMatrix } from '../../src/analysis/matrix';
import { NetworkModel } from '../../src/analysis/network-model';
import { run } from '../../src/cli/main';
import { Port } from '../../src/ports';
import { expandMatrixJson } from '../analysis/helpers';

const WORKLOADS = ['kube-system/coredns', 'monitoring/prometheus', 'shop/api', 'shop/db', 'shop/frontend'];
/** The rows and columns: the workloads, then the address atoms something reaches or comes from. */
const ENDPOINTS = [...WORKLOADS, 'internet / any address'];
/** The shop fixture holds a ConfigMap, which is not read: every command says so. */
const NOTE = 'note: skipped 1 v1 ConfigMap (not used for connectivity analysis)\n';

/**
 * 400 pods a policy leaves open, in a file of a temporary folder: 160,000 allowed pairs, some 640 KB of
 * CSV, many times what a pipe holds at once (64 KiB on Linux) and what the CLI gathers before a write.
 */
function writeBigCluster(dir: string): string {
  const file = path.join(dir, 'pods.yaml');
  const pods = Array.from({ length: 400 }, (_, i) =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: big\nspec:\n  containers:\n  - name: main\n    ports:\n    - containerPort: 8080\n`);
  const policy = 'apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata:\n  name: web-only\n  namespace: big\nspec:\n  podSelector: {matchLabels: {app: web}}\n';
  fs.writeFileSync(file, [...pods, policy].join('---\n'));
  return file;
}

describe('cdk8s-netpol matrix', () => {
  // The large cluster of the streaming tests, in a folder of its own.
  let dir: string;
  let big: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-big-'));
    big = writeBigCluster(dir);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('JSON: every endpoint once, then only the allowed pairs with their ports (deny is the default), by destination', () => {
    const { code, json, stderr } = cliJson(['matrix', 'shop', '-o', 'json']);
    expect({ code, stderr }).toEqual({ code: 0, stderr: NOTE });
    expect(Object.keys(json)).toEqual(['ports', 'endpoints', 'allowed', 'sourceSets']);
    expect(json.ports).toBe('every port of every protocol');
    expect(json.endpoints.map((e: any) => e.id)).toEqual(ENDPOINTS);
    expect(json.endpoints[3]).toEqual({ id: 'shop/db', kind: 'StatefulSet' });
    const allowed = expandMatrixJson(json);
    const ports = (from: string, to: string) => allowed
      .find((c: any) => c.to === ENDPOINTS.indexOf(to) && c.from.includes(ENDPOINTS.indexOf(from)))?.ports;
    // api declares 8080 (http) and 9090 (metrics): frontend may use http only, prometheus metrics only.
    expect(ports('shop/frontend', 'shop/api')).toEqual(['TCP 8080']);
    expect(ports('monitoring/prometheus', 'shop/api')).toEqual(['TCP 9090']);
    expect(ports('shop/api', 'shop/db')).toEqual(['TCP 5432']);
    expect(ports('shop/frontend', 'shop/db')).toBeUndefined();
    // Every shop pod may reach DNS on both protocols; kube-system and monitoring have no policies.
    expect(ports('shop/db', 'kube-system/coredns')).toEqual(['TCP 53', 'UDP 53']);
    expect(ports('kube-system/coredns', 'monitoring/prometheus')).toEqual(['all ports']);
    expect(ports('internet / any address', 'shop/frontend')).toBeUndefined();
    // Denied pairs are not listed; the sources of a destination on the same ports share an entry.
    expect(allowed.reduce((n, c) => n + c.from.length, 0)).toBe(14);
    expect(allowed.find((c) => c.to === ENDPOINTS.indexOf('kube-system/coredns') && c.ports.join() === 'TCP 53,UDP 53')!.from
      .map((i) => ENDPOINTS[i])).toEqual(['shop/api', 'shop/db', 'shop/frontend']);
    // Each set of sources is listed once, however many destinations it serves: coredns and prometheus share one.
    const open = [ENDPOINTS.indexOf('kube-system/coredns'), ENDPOINTS.indexOf('monitoring/prometheus')];
    const shared = json.allowed.filter((c: any) => open.includes(c.to) && c.ports.join() === 'all ports').map((c: any) => c.sourceSet);
    expect(shared).toHaveLength(2);
    expect(shared[0]).toBe(shared[1]);
    expect(json.sourceSets).toHaveLength(new Set(json.allowed.map((c: any) => c.sourceSet)).size);
    const entries = json.allowed.map((c: any) => `${c.to} ${c.ports}`);
    expect(new Set(entries).size).toBe(entries.length);
  });

  test('--port (repeated) and --protocol: only those ports, for every destination', () => {
    const { code, json } = cliJson(['matrix', 'shop', '--port', '8080', '--port', '5432', '--output', 'json']);
    expect(code).toBe(0);
    expect(json.ports).toEqual(['TCP 8080', 'TCP 5432']);
    const ports = (from: string, to: string) => expandMatrixJson(json)
      .find((c) => c.to === ENDPOINTS.indexOf(to) && c.from.includes(ENDPOINTS.indexOf(from)))?.ports;
    expect(ports('shop/frontend', 'shop/api')).toEqual(['TCP 8080']);
    expect(ports('kube-system/coredns', 'monitoring/prometheus')).toEqual(['TCP 5432', 'TCP 8080']);

    const udp = cliJson(['matrix', 'shop', '--port', '53', '--protocol', 'UDP', '-o', 'json']).json;
    expect(udp.ports).toEqual(['UDP 53']);
    expect(expandMatrixJson(udp).find((c) => c.to === 0 && c.from.includes(ENDPOINTS.indexOf('shop/frontend'))))
      .toEqual({ to: 0, ports: ['UDP 53'], from: [0, 1, 2, 3, 4, 5] });
  });

  test('text, csv and md: the library\'s renderings of the same matrix', () => {
    const matrix = Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix();
    const expected: Record<string, string> = { text: matrix.toText(), csv: matrix.toCsv(), md: matrix.toMarkdown() };
    for (const format of Object.keys(expected)) {
      const result = cli(['matrix', 'shop', '-o', format]);
      expect(result).toMatchObject({ code: 0, stderr: NOTE, stdout: expected[format] });
    }
    // Text is the default.
    expect(cli(['matrix', 'shop']).stdout).toBe(expected.text);
    const csv = cli(['matrix', 'shop', '--output', 'csv']).stdout.trimEnd().split('\n');
    // Every endpoint once, then destination by destination a set of sources per set of ports, then each set once.
    expect(csv).toEqual([
      'record,index,endpoint,kind,ports,sources',
      'endpoint,0,kube-system/coredns,Deployment,,',
      'endpoint,1,monitoring/prometheus,Deployment,,',
      'endpoint,2,shop/api,Deployment,,',
      'endpoint,3,shop/db,StatefulSet,,',
      'endpoint,4,shop/frontend,Deployment,,',
      'endpoint,5,internet / any address,Addresses,,',
      // DNS is open to all; kube-system and monitoring have no policies.
      'allowed,0,,,all ports,0',
      'allowed,0,,,"TCP 53, UDP 53",1',
      'allowed,1,,,all ports,0',
      'allowed,2,,,TCP 9090,2',
      'allowed,2,,,TCP 8080,3',
      'allowed,3,,,TCP 5432,4',
      // Addresses are judged as destinations of egress: kube-system and monitoring send anywhere.
      'allowed,5,,,all ports,5',
      // The sources by set: coredns, prometheus and any address may reach coredns and prometheus on every port.
      'sources,0,,,,0 1 5',
      'sources,1,,,,2 3 4',
      'sources,2,,,,1',
      'sources,3,,,,4',
      'sources,4,,,,2',
      'sources,5,,,,0 1',
    ]);
    expect(cli(['matrix', 'shop']).stdout.split('\n')[5]).toBe(
      'monitoring/prometheus   all ports            all ports              TCP 9090  -         -              all ports');
  });

  test('--namespace narrows the rows and columns', () => {
    const { json } = cliJson(['matrix', 'shop', '-n', 'shop', '-o', 'json']);
    expect(json.endpoints.map((e: any) => e.id)).toEqual(['shop/api', 'shop/db', 'shop/frontend']);
  });

  test('a Pod snapshot: pods are rows and columns, ipBlocks apply to their IPs, a pod to itself is "self"', () => {
    const { json } = cliJson(['matrix', 'snapshot', '--port', '5432', '-o', 'json']);
    const ids = json.endpoints.map((e: any) => e.id);
    expect(ids.slice(0, 3)).toEqual(['default/debug', 'payments/checkout-7d9f6', 'payments/ledger-0']);
    const toLedger = expandMatrixJson(json).filter((c) => c.to === 2).flatMap((c) => c.from.map((i) => ids[i]));
    // Only 10.1.0.5 (checkout) is in the ledger's ipBlock; a pod's traffic to itself is not a connection.
    expect(toLedger).toEqual(['payments/checkout-7d9f6']);
    expect(cli(['matrix', 'snapshot', '--port', '5432']).stdout.split('\n')[6]).toMatch(/^payments\/ledger-0 +TCP 5432 +- +self /);
  });

  describe('streamed output', () => {
    afterEach(() => jest.restoreAllMocks());

    const shopMatrix = (options?: { ports?: Port[] }) =>
      Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix(options);

    // The CLI writes the library's chunks some 64 KiB at a time; what a reader receives must be the whole rendering.
    test.each([
      ['text', 'text', (m: ConnectivityMatrix) => m.toText()],
      ['csv', 'csv', (m: ConnectivityMatrix) => m.toCsv()],
      ['md', 'markdown', (m: ConnectivityMatrix) => m.toMarkdown()],
    ] as const)('-o %s: the chunks written add up to the whole rendering', (output, format, whole) => {
      const matrix = shopMatrix();
      const result = cli(['matrix', 'shop', '-o', output]);
      expect(result).toMatchObject({ code: 0, stderr: NOTE });
      expect(result.stdout).toBe(whole(matrix));
      // A small matrix is one write, though rendered in many chunks (a title, a header, a row per source).
      expect([...matrix._chunks(format)].length).toBeGreaterThan(WORKLOADS.length);
      expect(result.writes.stdout).toBe(1);
    });

    test('a large matrix is written as it is rendered, some 64 KiB at a time, not a write per line or one of everything', () => {
      const texts: string[] = [];
      const code = run(['matrix', big, '-o', 'csv'], {
        stdout: { write: (text: string) => { texts.push(text); return true; }, closed: false },
        stderr: { write: () => true },
        cwd: dir,
      });
      expect(code).toBe(0);
      expect(texts.join('')).toBe(Connectivity.of(NetworkModel.fromFiles([big])).matrix().toCsv());
      expect(texts.length).toBeGreaterThan(8);
      // Every write but the last holds at least 64 KiB, and not much more (the chunks are lines).
      for (const text of texts.slice(0, -1)) expect(text.length >= 65536 && text.length < 65536 + 4096).toBe(true);
    });

    test('-o json: the chunks written parse to the whole JSON object', () => {
      for (const args of [[], ['--port', '8080', '--port', '5432']]) {
        const ports = args.length > 0 ? [Port.tcp(8080), Port.tcp(5432)] : undefined;
        const result = cli(['matrix', 'shop', ...args, '-o', 'json']);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(shopMatrix({ ports }).toJson());
        // The header with the endpoints, one chunk per source with allowed pairs, and the end: one write.
        expect([...shopMatrix({ ports })._chunks('json')].length).toBeGreaterThan(3);
        expect(result.writes.stdout).toBe(1);
      }
    });

    test('an empty matrix is still whole, valid output in every format; the CLI refuses a namespace with nothing to judge', () => {
      const empty = Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix({ namespaces: ['nowhere'] });
      expect(empty.toJson()).toEqual({ ports: 'every port of every protocol', endpoints: [], allowed: [], sourceSets: [] });
      expect(empty.toCsv()).toBe('record,index,endpoint,kind,ports,sources\n');
      expect(expectBadInput(cli(['matrix', 'shop', '-n', 'nowhere', '-o', 'json']))).toMatch(/^error: --namespace nowhere: no endpoint to judge is in that namespace/);
    });

    test('a failure while computing the matrix leaves stdout empty: the matrix is complete before the first write', () => {
      let calls = 0;
      const original = Evaluator.prototype.sourcesInto;
      jest.spyOn(Evaluator.prototype, 'sourcesInto').mockImplementation(function (this: Evaluator, ...args) {
        if (++calls === 3) throw new Error('third port fails');
        return original.apply(this, args);
      });
      const result = cli(['matrix', 'shop', '-o', 'csv']);
      expect(calls).toBe(3);
      expect(expectBadInput(result)).toBe('error: internal error: third port fails');
      expect(result.writes.stdout).toBe(0);
    });

    test('a reader that went away stops the writing: no more rows are rendered, and that is no error', () => {
      let writes = 0;
      let stderr = '';
      let rendered = 0;
      let largest = 0;
      const original = ConnectivityMatrix.prototype._chunks;
      jest.spyOn(ConnectivityMatrix.prototype, '_chunks').mockImplementation(function* (this: ConnectivityMatrix, format) {
        for (const chunk of original.call(this, format)) {
          rendered += chunk.length;
          largest = Math.max(largest, chunk.length);
          yield chunk;
        }
      });
      const code = run(['matrix', big, '-o', 'csv'], {
        stdout: { write: () => { writes++; return true; }, get closed() { return writes >= 2; } },
        stderr: { write: (text: string) => { stderr += text; return true; } },
        cwd: dir,
      });
      expect({ code, writes, stderr }).toEqual({ code: 0, writes: 2, stderr: '' });
      // Two writes of some 64 KiB and the chunk that would have begun a third: not the 400 sources' whole matrix.
      const whole = Connectivity.of(NetworkModel.fromFiles([big])).matrix().toCsv().length;
      expect(rendered).toBeLessThanOrEqual(2 * (65536 + 4096) + largest);
      expect(rendered).toBeLessThan(whole / 2);
    });
  });

  describe('through a pipe, as a process', () => {
    const ROOT = path.join(__dirname, '..', '..');
    const ENTRY = path.join('src', 'cli', 'main.ts');
    jest.setTimeout(60_000);

    const args = () => ['-r', 'ts-node/register/transpile-only', ENTRY, 'matrix', big, '-o', 'csv'];

    test('the whole output arrives, byte for byte the in-process rendering', () => {
      const child = spawnSync(process.execPath, args(), { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: 60_000 });
      expect({ code: child.status, stderr: child.stderr }).toEqual({ code: 0, stderr: '' });
      const expected = Connectivity.of(NetworkModel.fromFiles([big])).matrix().toCsv();
      expect(expected.length).toBeGreaterThan(2 ** 19);
      expect(child.stdout.length).toBe(expected.length);
      expect(child.stdout === expected).toBe(true);
    });

    test('a reader that closes early (| head) ends the run quietly with exit 0', async () => {
      const child = spawn(process.execPath, args(), { cwd: ROOT });
      let stderr = '';
      child.stderr.on('data', (data) => { stderr += data; });
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
      expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    });
  });
});
