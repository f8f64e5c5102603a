/**
 * The cdk8s validation plugin, in-process: the synthesized manifests handed over in the cdk8s-cli's own
 * ValidationContext (so the contract is the real one), a report per finding, failure on errors only (or on
 * warnings with failOn), and unreadable manifests reported as a failure rather than thrown.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { LintSeverity } from '../../src/lint';
import { NetworkPolicyLintPlugin } from '../../src/plugin';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'lint');
const files = (dir: string) => fs.readdirSync(path.join(FIXTURES, dir)).sort().map((f) => path.join(FIXTURES, dir, f));

async function validate(manifests: string[], props?: ConstructorParameters<typeof NetworkPolicyLintPlugin>[0]): Promise<ValidationContext> {
  const context = new ValidationContext(manifests, 'cdk8s-netpol', '0.0.0', { 'backend-policy': { path: 'app/three-tier/backend' } });
  await new NetworkPolicyLintPlugin(props).validate(context);
  return context;
}

test('errors fail the validation, with one violation per error and warning, naming rule, resource, field and file', async () => {
  const context = await validate(files('three-tier'));
  expect(context.report.success).toBe(false);
  const json = context.report.toJson();
  expect(json.summary).toMatchObject({ status: 'failure', metadata: { errors: '1', warnings: '3', infos: '2', policies: '3', workloads: '4' } });
  expect(json.violations.map((v) => v.ruleName)).toEqual([
    'NP002 dns-blocked (error)',
    'NP003 dns-udp-only (warning)',
    'NP004 dns-too-broad (warning)',
    'NP006 empty-peer-list (warning)',
  ]);
  expect(json.violations[0]).toMatchObject({
    recommendation: expect.stringContaining('production/backend cannot resolve names'),
    fix: expect.stringContaining('UDP and TCP 53'),
    violatingConstructs: [{
      resourceName: 'backend-policy',
      locations: ['production/backend-policy spec.egress'],
      manifestPath: path.join(FIXTURES, 'three-tier', 'policies.yaml'),
      // cdk8s maps the resource name to the construct that wrote it.
      constructPath: 'app/three-tier/backend',
    }],
  });
  expect(context.report.toString()).toContain('NP002 dns-blocked (error)');
});

test('warnings alone pass; infos are left out unless asked for', async () => {
  const passing = await validate(files('three-tier'), { disabledRules: ['NP002'] });
  expect(passing.report.success).toBe(true);
  expect(passing.report.toJson().violations).toHaveLength(3);
  const withInfo = await validate(files('three-tier'), { disabledRules: ['NP002'], includeInfo: true });
  expect(withInfo.report.toJson().violations.map((v) => v.ruleName)).toContain('NP011 unprotected-pods (info)');
});

test('failOn: warning fails on warnings too', async () => {
  const context = await validate(files('three-tier'), { disabledRules: ['NP002'], failOn: LintSeverity.WARNING });
  expect(context.report.success).toBe(false);
});

test('a clean app passes with no violations', async () => {
  const context = await validate(files('fixed'));
  expect(context.report.success).toBe(true);
  expect(context.report.toJson().violations).toEqual([]);
});

test('validator errors fail the validation too (NP000)', async () => {
  const context = await validate(files('invalid'));
  expect(context.report.success).toBe(false);
  expect(context.report.toJson().violations.map((v) => v.ruleName)).toEqual(['NP000 invalid-manifest (error)']);
});

test('an unreadable manifest is a failed report, not an exception', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-plugin-'));
  try {
    const context = await validate([path.join(dir, 'missing.k8s.yaml')]);
    expect(context.report.success).toBe(false);
    expect(context.report.toJson().violations[0].ruleName).toBe('cdk8s-netpol: cannot lint');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('properties are checked when the plugin is loaded', () => {
  expect(() => new NetworkPolicyLintPlugin({ failOn: 'info' as LintSeverity })).toThrow(/failOn must be 'error' or 'warning'/);
  expect(() => new NetworkPolicyLintPlugin({ disabledRules: ['NP999'] })).toThrow(/unknown lint rule 'NP999'/);
  expect(() => new NetworkPolicyLintPlugin({ dnsPort: 70000 })).toThrow(/dnsPort 70000/);
});
