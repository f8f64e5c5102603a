/**
 * `cdk8s-netpol lint`, run in-process: exit 1 with errors, 0 without (warnings allowed), 2 on bad usage or
 * unreadable input with one line on stderr; text, JSON and SARIF outputs.
 */
import * as path from 'path';
import { cli, expectBadInput } from '../cli/helpers';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'lint');
const lint = (...args: string[]) => cli(['lint', ...args], FIXTURES);

test('the three-tier example has errors: exit 1, the report on stdout, nothing on stderr', () => {
  const result = lint('three-tier');
  expect(result.code).toBe(1);
  expect(result.stderr).toBe('');
  expect(result.stdout).toContain('error NP002 dns-blocked: production/backend-policy spec.egress (three-tier/policies.yaml, document 1)');
  expect(result.stdout).toMatch(/1 error, 3 warnings, 2 infos in 3 NetworkPolicies and 4 workloads\n$/);
  expect(result.writes.stdout).toBe(1);
});

test('the fixed example lints with no error: exit 0', () => {
  const result = lint('fixed');
  expect(result).toMatchObject({ code: 0, stderr: '' });
  expect(result.stdout).toMatch(/0 errors, 0 warnings, 1 info in 4 NetworkPolicies and 4 workloads\n$/);
});

test('warnings alone do not fail: exit 0', () => {
  const result = lint('three-tier', '--disable', 'NP002');
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('0 errors, 3 warnings');
});

test('--disable takes ids and names, repeated or comma-separated', () => {
  const result = lint('three-tier', '--disable', 'dns-blocked,NP003', '--disable', 'np004');
  expect(result.stdout).toMatch(/0 errors, 1 warning, 2 infos/);
});

test('--output json holds the counts and findings', () => {
  const result = lint('three-tier', '--output', 'json');
  const json = JSON.parse(result.stdout);
  expect(result.code).toBe(1);
  expect(json).toMatchObject({ errorCount: 1, warningCount: 3, infoCount: 2 });
  expect(json.findings[0]).toMatchObject({ ruleId: 'NP002', ruleName: 'dns-blocked', file: path.join('three-tier', 'policies.yaml'), document: 1 });
});

test('--output sarif is SARIF 2.1.0 with files relative to the working directory', () => {
  const result = lint('three-tier', '-o', 'sarif');
  const sarif = JSON.parse(result.stdout);
  expect(result.code).toBe(1);
  expect(sarif.version).toBe('2.1.0');
  expect(sarif.runs[0].results[0].locations[0].physicalLocation.artifactLocation.uri).toBe('three-tier/policies.yaml');
});

test('validator errors are lint errors (exit 1, not 2): lint is a superset of validate', () => {
  expect(cli(['validate', 'invalid'], FIXTURES).code).toBe(2);
  const result = lint('invalid');
  expect(result.code).toBe(1);
  expect(result.stdout).toContain('error NP000 invalid-manifest: shop/db spec.ingress[0].ports[0].port (invalid/bad-port.yaml, document 0)');
});

describe('bad input and usage: exit 2, one line on stderr', () => {
  test('a YAML syntax error', () => {
    expect(expectBadInput(lint('broken'))).toMatch(/^error: broken\/syntax\.yaml: document 0: YAML syntax error/);
  });

  test('a missing path', () => {
    expect(expectBadInput(lint('nope.yaml'))).toMatch(/^error: nope\.yaml: /);
  });

  test('an unknown rule, an unknown format, no path', () => {
    for (const args of [['three-tier', '--disable', 'NP999'], ['three-tier', '-o', 'xml'], []]) {
      const result = lint(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n')[0]).toMatch(/^error: (--disable: unknown rule 'NP999'|--output must be text, json or sarif, got 'xml'|give at least one PATH)/);
    }
  });

  test('--help lists the rules', () => {
    const result = lint('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('  NP002 dns-blocked');
  });
});
