/**
 * The library entry points (chart, app, model, manifests, files), options, the rule catalogue, and the
 * text, JSON and SARIF renderings of one report.
 */
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { AllowDns, DefaultDeny, NetworkModel, Severity } from '../../src';
import { Linter } from '../../src/lint';
import { deployment, policy } from '../support/manifests';

const FIXTURES = path.relative(process.cwd(), path.join(__dirname, '..', 'fixtures', 'lint'));
const THREE_TIER = path.join(FIXTURES, 'three-tier');

describe('renderings of the three-tier example read from files', () => {
  const report = Linter.lint(NetworkModel.fromFiles([THREE_TIER]));

  test('findings name the file and the document', () => {
    const dns = report.findingsOf('NP002')[0];
    expect(dns).toMatchObject({ file: path.join(THREE_TIER, 'policies.yaml'), document: 1, policy: 'production/backend-policy' });
    expect(report.findingsOf('NP011').map((f) => [f.file, f.document])).toEqual([
      [path.join(THREE_TIER, 'workloads.yaml'), 2],
      [path.join(THREE_TIER, 'workloads.yaml'), 3],
    ]);
  });

  test('text', () => {
    expect(report.toText()).toMatchSnapshot();
  });

  test('JSON holds the counts and every finding', () => {
    const json = report.toJson();
    expect(json).toMatchObject({ errorCount: 1, warningCount: 3, infoCount: 2, policyCount: 3, workloadCount: 4 });
    expect(json.findings).toHaveLength(6);
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('SARIF 2.1.0: rules with ids, results with ruleId, level, message and locations (file and policy)', () => {
    const sarif = report.toSarif();
    expect(sarif.version).toBe('2.1.0');
    const run = sarif.runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(Linter.rules().map((r) => r.id));
    const first = run.results[0];
    expect(first).toMatchObject({
      ruleId: 'NP002',
      level: 'error',
      locations: [{
        physicalLocation: { artifactLocation: { uri: 'test/fixtures/lint/three-tier/policies.yaml' } },
        logicalLocations: [{ name: 'production/backend-policy', fullyQualifiedName: 'NetworkPolicy/production/backend-policy/spec.egress' }],
      }],
    });
    expect(run.tool.driver.rules[first.ruleIndex].id).toBe('NP002');
    expect(run.results.map((r: any) => r.level)).toEqual(['error', 'warning', 'warning', 'warning', 'note', 'note']);
    expect(sarif).toMatchSnapshot();
  });

  test('the fixed example has no error and no warning', () => {
    const fixed = Linter.lint(NetworkModel.fromFiles([path.join(FIXTURES, 'fixed')]));
    expect(fixed.findings.filter((f) => f.severity !== Severity.INFO)).toEqual([]);
  });
});

describe('entry points', () => {
  const web = deployment('shop', 'web', { app: 'web' });

  test('models of a chart and of an app lint what the charts synthesize; the app as one cluster', () => {
    const app = Testing.app();
    const policies = new Chart(app, 'policies', { namespace: 'shop' });
    new DefaultDeny(policies, 'deny');
    expect(Linter.lint(NetworkModel.fromChart(policies)).findingsOf('NP002')).toHaveLength(1);
    // The DNS policy lives in another chart of the same app: the app as a whole can resolve names.
    const dns = new Chart(app, 'dns', { namespace: 'shop' });
    new AllowDns(dns, 'allow-dns');
    const report = Linter.lint(NetworkModel.fromApp(app));
    expect(report.findingsOf('NP002')).toEqual([]);
    expect(report.policyCount).toBe(2);
  });

  test('lintModel lints a model built in code', () => {
    const model = new NetworkModel();
    model.addPod({ name: 'web', namespace: 'shop', labels: { app: 'web' } });
    model.addPolicy(policy('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'] }));
    const report = Linter.lint(model);
    expect(report.findingsOf('NP002').map((f) => f.policy)).toEqual(['shop/deny']);
    expect(report.workloadCount).toBe(1);
  });

  test('a model without workloads stays silent on the rules that need them', () => {
    const report = Linter.lint(NetworkModel.fromManifests([policy('shop', 'typo', { podSelector: { matchLabels: { app: 'wbe' } }, policyTypes: ['Ingress'] })]));
    expect(report.findingsOf('NP008')).toEqual([]);
    expect(Linter.lint(NetworkModel.fromManifests([web, policy('shop', 'typo', { podSelector: { matchLabels: { app: 'wbe' } }, policyTypes: ['Ingress'] })])).findingsOf('NP008')).toHaveLength(1);
  });

  test('lintFiles throws on unreadable or unparsable input', () => {
    expect(() => Linter.lint(NetworkModel.fromFiles([path.join(FIXTURES, 'nope')]))).toThrow(/cannot read/);
    expect(() => Linter.lint(NetworkModel.fromFiles([path.join(FIXTURES, 'broken')]))).toThrow(/YAML syntax error/);
  });
});

describe('options', () => {
  const denyEgress = policy('shop', 'deny', { podSelector: {}, policyTypes: ['Egress'] });

  test('disabledRules skips rules by id or by name', () => {
    expect(Linter.lint(NetworkModel.fromManifests([denyEgress]), { disabledRules: ['NP002'] }).findingsOf('NP002')).toEqual([]);
    expect(Linter.lint(NetworkModel.fromManifests([denyEgress]), { disabledRules: ['dns-blocked'] }).findingsOf('NP002')).toEqual([]);
    expect(Linter.lint(NetworkModel.fromManifests([denyEgress]), { disabledRules: ['np002'] }).errorCount).toBe(0);
    expect(Linter.lint(NetworkModel.fromManifests([denyEgress])).errorCount).toBe(1);
  });

  test('an unknown rule or a bad DNS port is an error naming it', () => {
    expect(() => Linter.lint(NetworkModel.fromManifests([]), { disabledRules: ['NP999'] })).toThrow(/unknown lint rule 'NP999': the rules are NP000 \(invalid-manifest\)/);
    expect(() => Linter.lint(NetworkModel.fromManifests([]), { dnsPort: 0 })).toThrow(/dnsPort 0/);
  });
});

describe('the rule catalogue', () => {
  test('every rule has a unique id and name, a summary and help', () => {
    const rules = Linter.rules();
    expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
    expect(new Set(rules.map((r) => r.name)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.id).toMatch(/^NP\d{3}$/);
      expect(rule.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(rule.summary.length).toBeGreaterThan(20);
      expect(rule.help.length).toBeGreaterThan(rule.summary.length / 2);
    }
    expect(rules.map((r) => `${r.id} ${r.name} ${r.severity}`)).toMatchSnapshot();
  });
});

test('an App without charts lints to an empty report', () => {
  const report = Linter.lint(NetworkModel.fromApp(new App()));
  expect({ findings: report.findings, policies: report.policyCount }).toEqual({ findings: [], policies: 0 });
  expect(report.toText()).toBe('0 errors, 0 warnings, 0 infos in 0 NetworkPolicies and 0 workloads\n');
});
