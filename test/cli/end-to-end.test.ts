import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

/**
 * The real entry point in a child process, as `npx cdk8s-netpol` runs it: argv, exit codes and the
 * streams of the process itself (ts-node stands in for the jsii compile).
 */
const ROOT = path.join(__dirname, '..', '..');
const ENTRY = path.join('src', 'cli', 'main.ts');
const FIXTURES = path.join('test', 'fixtures', 'cli');

function spawnCli(args: string[], input?: string): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', ENTRY, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 60_000,
    input,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const fixture = (name: string) => path.join(FIXTURES, name);

jest.setTimeout(60_000);

describe('the cdk8s-netpol executable', () => {
  test('the entry starts with a node shebang (it becomes lib/cli/main.js, the package bin)', () => {
    expect(fs.readFileSync(path.join(ROOT, ENTRY), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });

  test('check: exit 0 with one JSON object on stdout when every expectation holds', () => {
    const result = spawnCli(['check', fixture('shop'), '--expect', fixture('expectations/shop-pass.yaml'), '--output', 'json']);
    expect(result.stderr).toBe('note: skipped 1 v1 ConfigMap (not used for connectivity analysis)\n');
    expect(result.code).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json).toMatchObject({ passed: 8, failed: 0 });
    expect(json.results).toHaveLength(8);
  });

  test('check: exit 1 when an expectation fails', () => {
    const result = spawnCli(['check', fixture('shop'), '-e', fixture('expectations/shop-fail.json')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\n1 passed, 2 failed\n$/);
  });

  test('bad input: exit 2 and one line on stderr, no stack trace', () => {
    const result = spawnCli(['matrix', fixture('shop'), fixture('invalid/bad-port.yaml')]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(`error: ${fixture('invalid/bad-port.yaml')}: document 2: spec.ingress[0].ports[0].port: 70000 is invalid: it must be a whole number from 1 to 65535.\n`);
  });

  test('- reads standard input, as in kubectl get ... -o yaml | cdk8s-netpol matrix -', () => {
    const snapshot = fs.readFileSync(path.join(ROOT, 'test', 'fixtures', 'kubectl', 'snapshot.yaml'), 'utf8');
    const result = spawnCli(['matrix', '-', '-o', 'csv'], snapshot);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(spawnCli(['matrix', path.join('test', 'fixtures', 'kubectl', 'snapshot.yaml'), '-o', 'csv']).stdout);
    // web/frontend (index 1) may reach web/api (index 0) on TCP 8080.
    expect(result.stdout).toContain('endpoint,0,web/api,Deployment,,\nendpoint,1,web/frontend,Deployment,,\n');
    expect(result.stdout).toMatch(/^allowed,0,,,TCP 8080,(\d+)\n[^]*^sources,\1,,,,1\n/m);
    expect(result.stderr).toBe('note: skipped 1 v1 ConfigMap (not used for connectivity analysis)\n');
    // Nothing on standard input: nothing to judge.
    expect(spawnCli(['matrix', '-'], '')).toMatchObject({ code: 2, stdout: '', stderr: 'error: no NetworkPolicy in -: nothing to judge (read 1 file and 0 objects)\n' });
  });

  test('usage error: exit 2 with one line on stderr; --version on stdout', () => {
    const bad = spawnCli(['frobnicate']);
    expect(bad.code).toBe(2);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toMatch(/^error: unknown command 'frobnicate': the commands are .* \(usage: cdk8s-netpol --help\)\n$/);
    const version = spawnCli(['--version']);
    expect(version.code).toBe(0);
    expect(version.stdout).toMatch(/^\d+\.\d+\.\d+.*\n$/);
  });
});
