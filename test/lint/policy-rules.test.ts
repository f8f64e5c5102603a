/**
 * Rules about whole policies: NP000 (the validator's findings), NP007 (missing policyTypes), NP008
 * (selects nothing), NP014 (missing namespace), NP015 (duplicate names), NP016 (allow-all voiding a
 * default deny) and NP017 (rules for a direction policyTypes leaves out).
 */
import { allowDns, findings, lint, only } from './helpers';
import { Severity } from '../../src';
import { deployment, policy } from '../support/manifests';

const web = deployment('shop', 'web', { app: 'web' }, [[8080]]);

describe('NP000 invalid-manifest', () => {
  test('reports every validator error as a lint error, and does not analyse the invalid policy further', () => {
    const bad = policy('shop', 'bad', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [], ports: [{ port: 70000 }] }] });
    const report = lint([bad]);
    expect(findings(report, 'NP000')).toEqual([{ severity: Severity.ERROR, policy: 'shop/bad', field: 'spec.ingress[0].ports[0].port' }]);
    expect(only(report, 'NP000').message).toContain('70000');
    // Its empty 'from' would be NP006, but an invalid policy is not linted for meaning.
    expect(report.findings.map((f) => f.ruleId)).toEqual(['NP000']);
  });

  test('reports validator warnings as warnings (a CIDR with host bits set), or errors with strictCidr', () => {
    const hostBits = policy('shop', 'cidr', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ ipBlock: { cidr: '10.0.0.1/24' } }] }] });
    expect(findings(lint([hostBits, allowDns('shop')]), 'NP000')).toEqual([{ severity: Severity.WARNING, policy: 'shop/cidr', field: 'spec.egress[0].to[0].ipBlock.cidr' }]);
    expect(findings(lint([hostBits], { strictCidr: true }), 'NP000')[0].severity).toBe(Severity.ERROR);
  });

  test('is silent on a valid policy; other kinds and other groups\' NetworkPolicy kinds are not ours', () => {
    const calico = { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'x' }, spec: { selector: 'all()' } };
    const report = lint([policy('shop', 'ok', { podSelector: {}, policyTypes: ['Ingress'] }), calico, { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } }]);
    expect(report.findingsOf('NP000')).toEqual([]);
    expect(report.policyCount).toBe(1);
  });

  test('a NetworkPolicy inside a List is linted, with its own field paths', () => {
    const list = { apiVersion: 'v1', kind: 'List', items: [policy('shop', 'bad', { podSelector: { matchLabels: { app: 'we b' } } })] };
    expect(findings(lint([list]), 'NP000')).toEqual([{ severity: Severity.ERROR, policy: 'shop/bad', field: 'spec.podSelector.matchLabels[app]' }]);
  });
});

describe('NP007 missing-policy-types', () => {
  const egressRule = { to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ port: 5432 }] };

  test('warns that an egress-only policy without policyTypes also denies all ingress', () => {
    const report = lint([policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, egress: [egressRule] })]);
    expect(findings(report, 'NP007')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.policyTypes' }]);
    expect(only(report, 'NP007').message).toContain('infers [Ingress, Egress]');
    expect(only(report, 'NP007').message).toContain('denies all their incoming traffic');
  });

  test('warns that egress: [] without policyTypes isolates nothing', () => {
    const report = lint([policy('shop', 'deny-egress', { podSelector: {}, egress: [] })]);
    expect(findings(report, 'NP007')).toEqual([{ severity: Severity.WARNING, policy: 'shop/deny-egress', field: 'spec.policyTypes' }]);
    expect(only(report, 'NP007').message).toContain("'egress: []' does not isolate egress");
  });

  test('is information when the inferred types match the rules (ingress only)', () => {
    const report = lint([policy('shop', 'db', { podSelector: {}, ingress: [{ from: [{ podSelector: {} }] }] })]);
    expect(findings(report, 'NP007')).toEqual([{ severity: Severity.INFO, policy: 'shop/db', field: 'spec.policyTypes' }]);
  });

  test('is silent when policyTypes is written', () => {
    expect(lint([policy('shop', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [egressRule] })]).findingsOf('NP007')).toEqual([]);
  });
});

describe('NP008 policy-selects-nothing', () => {
  test('fires when workloads are known and the podSelector selects none of them, showing the labels there', () => {
    const report = lint([web, policy('shop', 'typo', { podSelector: { matchLabels: { app: 'wbe' } }, policyTypes: ['Ingress'] })]);
    expect(findings(report, 'NP008')).toEqual([{ severity: Severity.WARNING, policy: 'shop/typo', field: 'spec.podSelector' }]);
    expect(only(report, 'NP008').message).toContain('The pods there have labels: {app=web}');
  });

  test('names a namespace without workloads (a wrong namespace)', () => {
    const report = lint([web, policy('shpo', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(only(report, 'NP008').message).toContain('The model has no pods or workloads in namespace shpo');
  });

  test('is silent when the policy selects a pod, and when no workloads are known', () => {
    expect(lint([web, policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] })]).findingsOf('NP008')).toEqual([]);
    expect(lint([policy('shop', 'typo', { podSelector: { matchLabels: { app: 'wbe' } }, policyTypes: ['Ingress'] })]).findingsOf('NP008')).toEqual([]);
  });
});

describe('NP014 missing-namespace', () => {
  test('fires on a policy without metadata.namespace (linted as in default)', () => {
    const report = lint([policy(undefined, 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]);
    expect(findings(report, 'NP014')).toEqual([{ severity: Severity.WARNING, policy: 'default/deny', field: 'metadata.namespace' }]);
  });

  test('is silent when the namespace is set', () => {
    expect(lint([policy('shop', 'deny', { podSelector: {}, policyTypes: ['Ingress'] })]).findingsOf('NP014')).toEqual([]);
  });
});

describe('NP015 duplicate-policy-name', () => {
  const deny = (ns: string, types: string[]) => policy(ns, 'deny', { podSelector: {}, policyTypes: types });

  test('fires on the second policy of a name in a namespace, naming where the first is', () => {
    const report = lint([deny('shop', ['Ingress']), deny('shop', ['Egress']), allowDns('shop')]);
    expect(findings(report, 'NP015')).toEqual([{ severity: Severity.ERROR, policy: 'shop/deny', field: 'metadata.name' }]);
    expect(only(report, 'NP015').document).toBe(1);
    expect(only(report, 'NP015').message).toContain('first at <manifests>#0');
  });

  test('is silent for the same name in different namespaces', () => {
    expect(lint([deny('shop', ['Ingress']), deny('ops', ['Ingress'])]).findingsOf('NP015')).toEqual([]);
  });
});

describe('NP016 allow-all-voids-deny', () => {
  const denyIngress = policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
  const allowAll = (selector: any) => policy('shop', 'allow-all', { podSelector: selector, policyTypes: ['Ingress'], ingress: [{}] });

  test('fires when an allow-all rule covers pods a default deny isolates, with and without workloads', () => {
    const expected = [{ severity: Severity.WARNING, policy: 'shop/allow-all', field: 'spec.ingress[0]' }];
    expect(findings(lint([denyIngress, allowAll({ matchLabels: { app: 'web' } })]), 'NP016')).toEqual(expected);
    const report = lint([web, denyIngress, allowAll({ matchLabels: { app: 'web' } })]);
    expect(findings(report, 'NP016')).toEqual(expected);
    expect(only(report, 'NP016').message).toContain('voids the default deny of shop/deny-ingress for shop/web');
  });

  test('is information when no deny covers those pods, and silent for a rule naming peers', () => {
    expect(findings(lint([allowAll({})]), 'NP016')).toEqual([{ severity: Severity.INFO, policy: 'shop/allow-all', field: 'spec.ingress[0]' }]);
    const named = policy('shop', 'web', { podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: {} }] }] });
    expect(lint([denyIngress, named]).findingsOf('NP016')).toEqual([]);
  });

  test('does not claim a void deny when the deny and the allow-all select different pods', () => {
    const db = deployment('shop', 'db', { app: 'db' });
    const denyDb = policy('shop', 'deny-db', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] });
    expect(findings(lint([web, db, denyDb, allowAll({ matchLabels: { app: 'web' } })]), 'NP016')).toEqual([
      { severity: Severity.INFO, policy: 'shop/allow-all', field: 'spec.ingress[0]' },
    ]);
  });
});

describe('NP017 ineffective-rules', () => {
  test('fires on egress rules when policyTypes lists only Ingress', () => {
    const report = lint([policy('shop', 'web', {
      podSelector: {},
      policyTypes: ['Ingress'],
      egress: [{ to: [{ podSelector: {} }] }],
    })]);
    expect(findings(report, 'NP017')).toEqual([{ severity: Severity.WARNING, policy: 'shop/web', field: 'spec.egress' }]);
  });

  test('is silent when policyTypes covers the rules (or is inferred from them)', () => {
    expect(lint([policy('shop', 'web', { podSelector: {}, policyTypes: ['Egress'], egress: [{ to: [{ podSelector: {} }] }] })]).findingsOf('NP017')).toEqual([]);
    expect(lint([policy('shop', 'web', { podSelector: {}, egress: [{ to: [{ podSelector: {} }] }] })]).findingsOf('NP017')).toEqual([]);
  });
});
