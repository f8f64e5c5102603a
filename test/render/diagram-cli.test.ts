import * as path from 'path';
import { NetworkModel, Port } from '../../src';
import { DIAGRAM_USAGE } from '../../src/cli/commands/diagram';
import { Diagram } from '../../src/render';
import { cli, expectBadInput, expectUsageError as expectUsageErrorOf } from '../cli/helpers';

/** Runs are made from the fixtures folder, so paths in messages are short and relative. */
const FIXTURES = path.join(__dirname, '..', 'fixtures');
const run = (...args: string[]) => cli(['diagram', ...args], FIXTURES);
const base = () => NetworkModel.fromFiles([path.join(FIXTURES, 'diff', 'base')]);

function expectUsageError(args: string[], reason: RegExp): void {
  expectUsageErrorOf(run(...args), reason, DIAGRAM_USAGE);
}

describe('cdk8s-netpol diagram', () => {
  test('Mermaid by default: exit 0, the library\'s diagram written once, nothing on stderr', () => {
    const result = run('diff/base');
    expect(result).toMatchObject({ code: 0, stderr: '', writes: { stdout: 1, stderr: 0 } });
    expect(result.stdout).toBe(Diagram.mermaid(base()));
    expect(result.stdout).toMatch(/^flowchart LR\n/);
    expect(result.stdout).toContain('  w_shop_api -->|"TCP 5432"| w_shop_db\n');
  });

  test('--format dot (any case), -f', () => {
    const dot = run('diff/base', '--format', 'dot');
    expect(dot.code).toBe(0);
    expect(dot.stdout).toBe(Diagram.dot(base()));
    expect(run('diff/base', '-f', 'DOT').stdout).toBe(dot.stdout);
    expect(run('diff/base', '--format', 'mermaid').stdout).toBe(run('diff/base').stdout);
  });

  test('--port (repeatable, with a protocol), --namespace and --title reach the library', () => {
    const result = run('diff/base', '--port', '53/udp', '--port', '5432', '-n', 'shop', '--title', 'Shop');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(Diagram.mermaid(base(), {
      ports: [Port.udp(53), Port.tcp(5432)],
      namespaces: ['shop'],
      title: 'Shop',
    }));
    // DNS lives in kube-system, outside the namespaces drawn.
    expect(result.stdout).not.toContain('coredns');
    expect(result.stdout).not.toContain('UDP 53');
  });

  test('several paths are read together', () => {
    const result = run('diff/base/workloads.yaml', 'diff/base/policies.yaml');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe(run('diff/base').stdout);
  });

  test('--help prints the usage', () => {
    expect(run('--help')).toMatchObject({ code: 0, stdout: DIAGRAM_USAGE, stderr: '' });
    expect(cli(['help', 'diagram'])).toMatchObject({ code: 0, stdout: DIAGRAM_USAGE });
  });

  test('bad input: one line on stderr, exit 2', () => {
    expect(expectBadInput(run('diff/missing'))).toBe('error: diff/missing: cannot read: ENOENT');
    expect(expectBadInput(run('cli/invalid/bad-port.yaml'))).toMatch(/^error: cli\/invalid\/bad-port\.yaml: document \d+: spec\.ingress\[0\]\.ports\[0\]\.port: /);
    expect(expectBadInput(run('cli/invalid/yaml-syntax.yaml'))).toMatch(/^error: cli\/invalid\/yaml-syntax\.yaml: document \d+: YAML syntax error/);
  });

  test('usage errors: exit 2, the reason and the usage', () => {
    expectUsageError([], /^error: give at least one PATH/);
    expectUsageError(['diff/base', '--format', 'svg'], /^error: --format must be mermaid or dot, got 'svg'$/);
    expectUsageError(['diff/base', '--port', '0'], /^error: --port "0" must be a port number from 1 to 65535/);
    expectUsageError(['diff/base', '--port', 'http'], /^error: --port "http" must be a port number/);
    expectUsageError(['diff/base', '--port', '53/icmp'], /^error: --port "53\/icmp": the protocol must be TCP, UDP or SCTP$/);
    expectUsageError(['diff/base', '--output', 'json'], /^error: unknown option '--output'$/);
  });
});
