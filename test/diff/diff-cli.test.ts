import { spawnSync } from 'child_process';
import * as path from 'path';
import { NetworkModel } from '../../src';
import { DIFF_USAGE } from '../../src/cli/commands/diff';
import { ConnectivityDiff } from '../../src/diff';
import { cli, expectBadInput, expectUsageError as expectUsageErrorOf } from '../cli/helpers';

/** Runs are made from the fixtures folder, so paths in messages are short and relative. */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const run = (...args: string[]) => cli(['diff', ...args], FIXTURES);
const model = (name: string) => NetworkModel.fromFiles([path.join(FIXTURES, 'diff', name)]);

function expectUsageError(args: string[], reason: RegExp): void {
  expectUsageErrorOf(run(...args), reason, DIFF_USAGE);
}

describe('cdk8s-netpol diff', () => {
  test('text by default: the library\'s report, exit 0, written once', () => {
    const result = run('diff/base', 'diff/remove-rule');
    expect(result).toMatchObject({ code: 0, stderr: '', writes: { stdout: 1, stderr: 0 } });
    expect(result.stdout).toBe(ConnectivityDiff.between(model('base'), model('remove-rule')).toText());
    expect(result.stdout).toContain('  - shop/api -> shop/db on TCP 5432\n');
  });

  test('json: added and removed flows, exit 0', () => {
    const result = run('diff/base', 'diff/open-port', '--output', 'json');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.added.map((f: any) => [f.from, f.to, f.port, f.protocol, f.allowedBy.map((r: any) => `${r.policy} ${r.direction} ${r.ruleIndex}`)])).toEqual([
      ['internet / any address', 'shop/api', 9090, 'TCP', ['shop/api Ingress 1']],
      ['kube-system/coredns', 'shop/api', 9090, 'TCP', ['shop/api Ingress 1']],
    ]);
    expect(json.removed).toEqual([]);
  });

  test('md: a pull request comment', () => {
    const result = run('diff/base', 'diff/add-workload', '-o', 'md');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(ConnectivityDiff.between(model('base'), model('add-workload')).toMarkdown());
    expect(result.stdout).toMatch(/^## NetworkPolicy connectivity changes\n\n\*\*3 flows added, 0 removed; 1 workload added\.\*\*\n/);
  });

  test('no change is still exit 0 (it reports)', () => {
    expect(run('diff/base', 'diff/base')).toMatchObject({
      code: 0,
      stdout: 'Connectivity diff: equivalent: both sides allow exactly the same connections (5 endpoints and address ranges compared on every port).\n',
      stderr: '',
    });
  });

  test('files as well as folders; --port and --namespace narrow the comparison', () => {
    // Workloads only (nothing isolated) against the whole base: the policies remove flows.
    const result = run('diff/base/workloads.yaml', 'diff/base', '-o', 'json', '--port', '5432', '-n', 'shop');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.added).toEqual([]);
    expect(json.removed.length).toBeGreaterThan(0);
    expect(json.removed.every((f: any) => f.port === 5432 && f.protocol === 'TCP')).toBe(true);
    expect(json.removed.some((f: any) => f.from.startsWith('kube-system/') || f.to.startsWith('kube-system/'))).toBe(false);
    // The one connection on 5432 the policies keep is not removed.
    expect(json.removed.some((f: any) => f.from === 'shop/api' && f.to === 'shop/db')).toBe(false);
  });

  test('bad input: one line on stderr, exit 2', () => {
    expect(expectBadInput(run('diff/base', 'diff/missing'))).toBe('error: diff/missing: cannot read: ENOENT');
    expect(expectBadInput(run('cli/invalid/bad-port.yaml', 'diff/base'))).toMatch(/^error: cli\/invalid\/bad-port\.yaml: document \d+: spec\.ingress\[0\]\.ports\[0\]\.port: /);
  });

  test('usage errors: exit 2, the reason and the usage', () => {
    expectUsageError([], /^error: give two paths, OLD and NEW \(a file or a folder each\), got 0$/);
    expectUsageError(['diff/base'], /^error: give two paths, OLD and NEW .*, got 1$/);
    expectUsageError(['diff/base', 'diff/open-port', 'diff/remove-rule'], /^error: give two paths, OLD and NEW .*, got 3$/);
    expectUsageError(['diff/base', 'diff/base', '-o', 'csv'], /^error: --output must be text, json or md, got 'csv'$/);
    expectUsageError(['diff/base', 'diff/base', '--port', '65536'], /^error: --port "65536" must be a port number/);
  });

  test('--help prints the usage', () => {
    expect(run('-h')).toMatchObject({ code: 0, stdout: DIFF_USAGE, stderr: '' });
  });

  test('the real executable: exit 0 and JSON on stdout; exit 2 and one line on stderr', () => {
    const root = path.join(__dirname, '..', '..');
    const spawn = (...args: string[]) => spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join('src', 'cli', 'main.ts'), 'diff', ...args], {
      cwd: root, encoding: 'utf8', timeout: 60_000,
    });
    const fixture = (name: string) => path.join('test', 'fixtures', 'diff', name);
    const ok = spawn(fixture('base'), fixture('remove-rule'), '-o', 'json');
    expect({ status: ok.status, stderr: ok.stderr }).toEqual({ status: 0, stderr: '' });
    expect(JSON.parse(ok.stdout).removed).toHaveLength(1);
    const bad = spawn(fixture('base'), fixture('nowhere'));
    expect(bad.status).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: [^\n]*nowhere: cannot read: ENOENT\n$/);
  }, 60_000);
});
