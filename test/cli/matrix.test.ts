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

const WORKLOADS = ['kube-system/coredns', 'monitoring/prometheus', 'shop/api', 'shop/db', 'shop/frontend'];

describe('cdk8s-netpol matrix', () => {
  test('JSON over the declared ports: every pair, allowed and denied ports per cell', () => {
    const { code, json } = cliJson(['matrix', 'shop', '-o', 'json']);
    expect(code).toBe(0);
    expect(json.workloads).toEqual(WORKLOADS);
    expect(json.portsPerDestination).toBe(true);
    expect(json.ports).toEqual(['53/TCP', '53/UDP', '5432/TCP', '8080/TCP', '9090/TCP']);
    expect(json.cells).toHaveLength(WORKLOADS.length * WORKLOADS.length);
    const cell = (from: string, to: string) => json.cells.find((c: any) => c.from === from && c.to === to);
    // api declares 8080 (http) and 9090 (metrics): frontend may use http only, prometheus metrics only.
    expect(cell('shop/frontend', 'shop/api')).toEqual({ from: 'shop/frontend', to: 'shop/api', allowed: ['8080/TCP'], denied: ['9090/TCP'] });
    expect(cell('monitoring/prometheus', 'shop/api')).toEqual({ from: 'monitoring/prometheus', to: 'shop/api', allowed: ['9090/TCP'], denied: ['8080/TCP'] });
    expect(cell('shop/api', 'shop/db')).toMatchObject({ allowed: ['5432/TCP'], denied: [] });
    expect(cell('shop/frontend', 'shop/db')).toMatchObject({ allowed: [], denied: ['5432/TCP'] });
    // Every shop pod may reach DNS on both protocols.
    expect(cell('shop/db', 'kube-system/coredns')).toMatchObject({ allowed: ['53/TCP', '53/UDP'], denied: [] });
  });

  test('--port (repeated) and --protocol: only those ports, for every destination', () => {
    const { code, json } = cliJson(['matrix', 'shop', '--port', '8080', '--port', '5432', '--output', 'json']);
    expect(code).toBe(0);
    expect(json.portsPerDestination).toBe(false);
    expect(json.ports).toEqual(['8080/TCP', '5432/TCP']);
    const cell = (from: string, to: string) => json.cells.find((c: any) => c.from === from && c.to === to);
    expect(cell('shop/frontend', 'shop/api')).toMatchObject({ allowed: ['8080/TCP'], denied: ['5432/TCP'] });

    const udp = cliJson(['matrix', 'shop', '--port', '53', '--protocol', 'UDP', '-o', 'json']).json;
    expect(udp.ports).toEqual(['53/UDP']);
    expect(udp.cells.find((c: any) => c.from === 'shop/frontend' && c.to === 'kube-system/coredns')).toMatchObject({ allowed: ['53/UDP'] });
  });

  test('text, csv and md: the library\'s renderings of the same matrix', () => {
    const matrix = Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix();
    const expected: Record<string, string> = { text: matrix.toText(), csv: matrix.toCsv(), md: matrix.toMarkdown() };
    for (const format of Object.keys(expected)) {
      const result = cli(['matrix', 'shop', '-o', format]);
      expect(result).toMatchObject({ code: 0, stderr: '', stdout: expected[format] });
    }
    // Text is the default.
    expect(cli(['matrix', 'shop']).stdout).toBe(expected.text);
    const csv = cli(['matrix', 'shop', '--output', 'csv']).stdout.trimEnd().split('\n');
    expect(csv).toEqual([
      ['from', ...WORKLOADS].join(','),
      // DNS is open to all; kube-system and monitoring have no policies.
      'kube-system/coredns,allow,allow,deny,deny,deny',
      'monitoring/prometheus,allow,allow,9090/TCP,deny,deny',
      'shop/api,allow,deny,deny,allow,deny',
      'shop/db,allow,deny,deny,deny,deny',
      'shop/frontend,allow,deny,8080/TCP,deny,deny',
    ]);
  });

  test('--namespace narrows the rows and columns', () => {
    const { json } = cliJson(['matrix', 'shop', '-n', 'shop', '-o', 'json']);
    expect(json.workloads).toEqual(['shop/api', 'shop/db', 'shop/frontend']);
  });

  test('a Pod snapshot: pods are rows and columns, ipBlocks apply to their IPs', () => {
    const { json } = cliJson(['matrix', 'snapshot', '--port', '5432', '-o', 'json']);
    expect(json.workloads).toEqual(['default/debug', 'payments/checkout-7d9f6', 'payments/ledger-0']);
    const toLedger = json.cells.filter((c: any) => c.to === 'payments/ledger-0').map((c: any) => [c.from, c.allowed.length > 0]);
    // Only 10.1.0.5 (checkout) is in the ledger's ipBlock; a pod's traffic to itself is always allowed.
    expect(toLedger).toEqual([['default/debug', false], ['payments/checkout-7d9f6', true], ['payments/ledger-0', true]]);
  });

  describe('streamed output', () => {
    afterEach(() => jest.restoreAllMocks());

    const shopMatrix = (options?: { ports?: number[] }) =>
      Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix(options);

    // The CLI writes the library's chunks one by one; what a reader receives must be the whole rendering.
    test.each([
      ['text', 'text', (m: ConnectivityMatrix) => m.toText()],
      ['csv', 'csv', (m: ConnectivityMatrix) => m.toCsv()],
      ['md', 'markdown', (m: ConnectivityMatrix) => m.toMarkdown()],
    ] as const)('-o %s: the chunks written add up to the whole rendering', (output, format, whole) => {
      const matrix = shopMatrix();
      const result = cli(['matrix', 'shop', '-o', output]);
      expect(result).toMatchObject({ code: 0, stderr: '' });
      expect(result.stdout).toBe(whole(matrix));
      // Streamed: one write per chunk (a title, a header, a row per source), not one write of everything.
      expect(result.writes.stdout).toBe([...matrix._chunks(format)].length);
      expect(result.writes.stdout).toBeGreaterThan(WORKLOADS.length);
    });

    test('-o json: the chunks written parse to the whole JSON object', () => {
      for (const args of [[], ['--port', '8080', '--port', '5432']]) {
        const ports = args.length > 0 ? [8080, 5432] : undefined;
        const result = cli(['matrix', 'shop', ...args, '-o', 'json']);
        expect(result.code).toBe(0);
        expect(JSON.parse(result.stdout)).toEqual(shopMatrix({ ports }).toJson());
        expect(result.writes.stdout).toBe(WORKLOADS.length + 2);
      }
    });

    test('an empty matrix is still whole, valid output in every format', () => {
      const json = cliJson(['matrix', 'shop', '-n', 'nowhere', '-o', 'json']).json;
      expect(json).toEqual({ ports: [], portsPerDestination: true, workloads: [], cells: [] });
      expect(cli(['matrix', 'shop', '-n', 'nowhere', '-o', 'csv']).stdout).toBe('from\n');
    });

    test('a failure while computing the matrix leaves stdout empty: the matrix is complete before the first write', () => {
      let calls = 0;
      const original = Evaluator.prototype.allowedSources;
      jest.spyOn(Evaluator.prototype, 'allowedSources').mockImplementation(function (this: Evaluator, ...args) {
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
      const code = run(['matrix', 'shop', '-o', 'csv'], {
        stdout: { write: () => { writes++; return true; }, get closed() { return writes >= 2; } },
        stderr: { write: (text: string) => { stderr += text; return true; } },
        cwd: FIXTURES,
      });
      expect({ code, writes, stderr }).toEqual({ code: 0, writes: 2, stderr: '' });
    });
  });

  describe('through a pipe, as a process', () => {
    const ROOT = path.join(__dirname, '..', '..');
    const ENTRY = path.join('src', 'cli', 'main.ts');
    let dir: string;
    let file: string;

    // 400 pods and no policies: 160,000 cells, about 1 MB of CSV, many times what a pipe holds at once (64 KiB on Linux).
    beforeAll(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'matrix-pipe-'));
      file = path.join(dir, 'pods.yaml');
      const pods = Array.from({ length: 400 }, (_, i) =>
        `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: big\nspec:\n  containers:\n  - name: main\n    ports:\n    - containerPort: 8080\n`);
      fs.writeFileSync(file, pods.join('---\n'));
    });
    afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
    jest.setTimeout(60_000);

    const args = () => ['-r', 'ts-node/register/transpile-only', ENTRY, 'matrix', file, '-o', 'csv'];

    test('the whole output arrives, byte for byte the in-process rendering', () => {
      const child = spawnSync(process.execPath, args(), { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 * 2 ** 20, timeout: 60_000 });
      expect({ code: child.status, stderr: child.stderr }).toEqual({ code: 0, stderr: '' });
      const expected = Connectivity.of(NetworkModel.fromFiles([file])).matrix().toCsv();
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
