/**
 * The cdk8s validation plugin, in-process: the synthesized manifests handed over in the cdk8s-cli's own
 * ValidationContext (so the contract is the real one), a report per finding, failure on errors only (or on
 * warnings with failOn), and unreadable manifests reported as a failure rather than thrown.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ValidationContext } from 'cdk8s-cli/plugins';
import { Severity } from '../../src';
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
  expect(json.summary).toMatchObject({ status: 'failure', metadata: { errors: '1', warnings: '3', policies: '3', workloads: '4' } });
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

test('the summary counts only what the report shows: infos when they are shown', async () => {
  const hidden = (await validate(files('three-tier'))).report.toJson();
  expect(hidden.violations.filter((v) => v.ruleName.endsWith('(info)'))).toEqual([]);
  expect(hidden.summary.metadata).not.toHaveProperty('infos');
  const shown = (await validate(files('three-tier'), { includeInfo: true })).report.toJson();
  const infos = shown.violations.filter((v) => v.ruleName.endsWith('(info)')).length;
  expect(infos).toBe(2);
  expect(shown.summary.metadata).toMatchObject({ errors: '1', warnings: '3', infos: String(infos) });
});

test('a policy name used in two namespaces: the construct path cdk8s recorded is shown for the policy it belongs to', async () => {
  // Two charts write a policy of one name, each in its namespace and its own file. cdk8s records the construct
  // metadata by name alone: the path of the last one synthesized (cart's), as `cdk8s synth` does.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-plugin-'));
  try {
    const manifests = ['shop', 'cart'].map((ns) => {
      const file = path.join(dir, `${ns}.k8s.yaml`);
      fs.writeFileSync(file, [
        'apiVersion: networking.k8s.io/v1',
        'kind: NetworkPolicy',
        `metadata: { name: deny-all, namespace: ${ns} }`,
        'spec: { podSelector: {}, policyTypes: [Ingress, Egress] }',
        '',
      ].join('\n'));
      return file;
    });
    const context = new ValidationContext(manifests, 'cdk8s-netpol', '0.0.0', { 'deny-all': { path: 'cart/deny-all' } });
    await new NetworkPolicyLintPlugin().validate(context);
    const occurrences = context.report.toJson().violations.flatMap((v) => v.violatingConstructs);
    const byLocation = Object.fromEntries(occurrences.map((c) => [c.locations[0].split(' ')[0], c.constructPath]));
    // cart's policy is found by namespace and name; shop's path is not recorded, so none is shown rather than cart's.
    expect(byLocation).toEqual({ 'cart/deny-all': 'cart/deny-all', 'shop/deny-all': undefined });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('failOn: warning fails on warnings too', async () => {
  const context = await validate(files('three-tier'), { disabledRules: ['NP002'], failOn: Severity.WARNING });
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
  expect(() => new NetworkPolicyLintPlugin({ failOn: 'info' as Severity })).toThrow(/failOn must be 'error' or 'warning'/);
  expect(() => new NetworkPolicyLintPlugin({ disabledRules: ['NP999'] })).toThrow(/unknown lint rule 'NP999'/);
  expect(() => new NetworkPolicyLintPlugin({ dnsPort: 70000 })).toThrow(/dnsPort 70000/);
});
