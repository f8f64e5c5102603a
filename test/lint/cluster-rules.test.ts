/**
 * The ClusterNetworkPolicy rules, a case that reports and one that does not per rule: shadowed rules (NP019),
 * equal-priority overlaps (NP020), Pass with no NetworkPolicy to pass to (NP021), Admin Accept over a default
 * deny (NP022); and an invalid ClusterNetworkPolicy is an NP000 error, in the library and in `cdk8s-netpol lint`.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { COREDNS, findings, lint, only } from './helpers';
import { Severity } from '../../src';
import { cliJson } from '../cli/helpers';
import { clusterPolicy, deployment, namespace, policy } from '../support/manifests';

const ALL_NAMESPACES = { namespaces: {} };
const named = (name: string) => ({ matchLabels: { 'kubernetes.io/metadata.name': name } });
const fromNamespace = (name: string) => ({ namespaces: named(name) });
const tcp = (port: number) => ({ tcp: { destinationPort: { number: port } } });
const tcpRange = (start: number, end: number) => ({ tcp: { destinationPort: { range: { start, end } } } });

const CLUSTER = [
  namespace('shop', { team: 'shop' }), namespace('billing', { team: 'billing' }), namespace('monitoring'),
  deployment('shop', 'web', { app: 'web' }, [[8080, 'http']]),
  deployment('shop', 'api', { app: 'api' }, [[9000]]),
  deployment('billing', 'payments', { app: 'payments' }, [[8443]]),
  deployment('monitoring', 'prometheus', { app: 'prometheus' }, [[9090]]),
];
const SHOP_DENY_ALL = policy('shop', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

describe('NP019 cnp-shadowed-rule', () => {
  test('a rule after one with namespaces: {} and no protocols in the same policy never decides', () => {
    const report = lint([clusterPolicy('no-ingress', 'Admin', 10, ALL_NAMESPACES, {
      ingress: [
        { name: 'deny-all', action: 'Deny', from: [ALL_NAMESPACES] },
        { name: 'accept-monitoring', action: 'Accept', from: [fromNamespace('monitoring')], protocols: [tcp(9090)] },
      ],
    })]);
    expect(findings(report, 'NP019')).toEqual([{ severity: Severity.WARNING, policy: 'ClusterNetworkPolicy no-ingress', field: 'spec.ingress[1]' }]);
    const finding = only(report, 'NP019');
    expect(finding.message).toBe("ClusterNetworkPolicy no-ingress spec.ingress[1] ('accept-monitoring') (Accept) can never decide: "
      + "ClusterNetworkPolicy no-ingress spec.ingress[0] ('deny-all') (Deny), earlier in the same policy, matches every connection it "
      + 'matches (from every pod in every namespace on every port), so the Admin tier never reaches it: those connections get Deny, not Accept.');
    expect(finding.fix).toContain('Move spec.ingress[1] before spec.ingress[0]');
  });

  test('a rule of a later policy whose subject the earlier one takes in, with identical peers: redundant', () => {
    const report = lint([
      clusterPolicy('deny-metadata', 'Admin', 10, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }] }),
      clusterPolicy('shop-metadata', 'Admin', 20, { namespaces: { matchLabels: { team: 'shop' } } }, {
        egress: [{ action: 'Deny', to: [{ networks: ['169.254.169.254/32'] }] }],
      }),
    ]);
    expect(findings(report, 'NP019')).toEqual([{ severity: Severity.WARNING, policy: 'ClusterNetworkPolicy shop-metadata', field: 'spec.egress[0]' }]);
    expect(only(report, 'NP019').message).toContain('of priority 10 (before 20)');
    expect(only(report, 'NP019').message).toMatch(/it is redundant\.$/);
  });

  test('port ranges of the earlier rule together covering the later one, and a narrower CIDR', () => {
    const report = lint([clusterPolicy('ranges', 'Baseline', 5, { pods: { namespaceSelector: {}, podSelector: { matchLabels: { app: 'web' } } } }, {
      egress: [
        { action: 'Deny', to: [{ networks: ['10.0.0.0/8'] }], protocols: [tcpRange(80, 90), tcpRange(91, 100)] },
        { action: 'Accept', to: [{ networks: ['10.1.0.0/16'] }], protocols: [tcpRange(85, 95)] },
      ],
    })]);
    expect(findings(report, 'NP019')).toEqual([{ severity: Severity.WARNING, policy: 'ClusterNetworkPolicy ranges', field: 'spec.egress[1]' }]);
  });

  test('not reported: a wider rule after a narrower one, a gap in the ports, equal priorities, selectors that only may cover', () => {
    const report = lint([
      // BaselineNamespaceIsolation: Accept the own namespace, then Deny every namespace (wider, not shadowed).
      clusterPolicy('isolate-shop', 'Baseline', 1000, { namespaces: named('shop') }, {
        ingress: [{ action: 'Accept', from: [fromNamespace('shop')] }, { action: 'Deny', from: [ALL_NAMESPACES] }],
      }),
      clusterPolicy('gap', 'Admin', 30, ALL_NAMESPACES, {
        ingress: [
          { action: 'Deny', from: [ALL_NAMESPACES], protocols: [tcpRange(80, 89), tcpRange(91, 100)] },
          { action: 'Accept', from: [ALL_NAMESPACES], protocols: [tcpRange(85, 95)] },
        ],
      }),
      // Same priority as `a-first`: no defined order, so not shadowed (NP020 reports the pair).
      clusterPolicy('a-first', 'Admin', 40, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [ALL_NAMESPACES] }] }),
      clusterPolicy('b-second', 'Admin', 40, ALL_NAMESPACES, { egress: [{ action: 'Accept', to: [fromNamespace('shop')] }] }),
      // app=web does not take in `app in (web, api)`; and a narrower earlier subject proves nothing for a wider one.
      clusterPolicy('web-only', 'Admin', 50, ALL_NAMESPACES, {
        ingress: [{ action: 'Deny', from: [{ pods: { podSelector: { matchLabels: { app: 'web' } } } }] }],
      }),
      clusterPolicy('web-or-api', 'Admin', 60, ALL_NAMESPACES, {
        ingress: [{ action: 'Accept', from: [{ pods: { podSelector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['web', 'api'] }] } } }] }],
      }),
      clusterPolicy('shop-subject', 'Admin', 1, { namespaces: named('shop') }, { egress: [{ action: 'Deny', to: [ALL_NAMESPACES] }] }),
    ]);
    expect(findings(report, 'NP019')).toEqual([]);
  });
});

describe('NP020 cnp-equal-priority-overlap', () => {
  test('two Admin policies at one priority, overlapping subjects, both with ingress rules', () => {
    const report = lint([
      clusterPolicy('allow-monitoring', 'Admin', 10, ALL_NAMESPACES, { ingress: [{ action: 'Accept', from: [fromNamespace('monitoring')] }] }),
      clusterPolicy('lock-shop', 'Admin', 10, { namespaces: { matchLabels: { team: 'shop' } } }, { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES] }] }),
    ]);
    expect(findings(report, 'NP020')).toEqual([{ severity: Severity.WARNING, policy: 'ClusterNetworkPolicy lock-shop', field: 'spec.priority' }]);
    const message = only(report, 'NP020').message;
    expect(message).toContain('ClusterNetworkPolicy lock-shop and ClusterNetworkPolicy allow-monitoring are both Admin tier at priority 10');
    expect(message).toContain('both have ingress rules');
  });

  test('not reported: disjoint subjects, different directions, different priorities or tiers', () => {
    const report = lint([
      clusterPolicy('isolate-shop', 'Baseline', 1000, { namespaces: named('shop') }, { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES] }] }),
      clusterPolicy('isolate-billing', 'Baseline', 1000, { namespaces: named('billing') }, { ingress: [{ action: 'Deny', from: [ALL_NAMESPACES] }] }),
      clusterPolicy('ingress-only', 'Admin', 10, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNamespace('billing')] }] }),
      clusterPolicy('egress-only', 'Admin', 10, ALL_NAMESPACES, { egress: [{ action: 'Deny', to: [fromNamespace('billing')] }] }),
      clusterPolicy('other-priority', 'Admin', 11, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNamespace('shop')] }] }),
      clusterPolicy('baseline-10', 'Baseline', 10, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNamespace('shop')] }] }),
    ]);
    expect(findings(report, 'NP020')).toEqual([]);
  });
});

describe('NP021 cnp-pass-without-networkpolicy', () => {
  const passFromMonitoring = (subject: any) => clusterPolicy('pass-monitoring', 'Admin', 10, subject, {
    ingress: [{ name: 'to-owners', action: 'Pass', from: [fromNamespace('monitoring')] }],
  });

  test('no pod of the subject has a NetworkPolicy for the direction: a warning, and what decides instead', () => {
    const report = lint([...CLUSTER, SHOP_DENY_ALL, passFromMonitoring({ namespaces: named('billing') })]);
    expect(findings(report, 'NP021')).toEqual([{ severity: Severity.WARNING, policy: 'ClusterNetworkPolicy pass-monitoring', field: 'spec.ingress[0]' }]);
    expect(only(report, 'NP021').message).toBe("ClusterNetworkPolicy pass-monitoring spec.ingress[0] ('to-owners') passes ingress from every pod "
      + 'in namespace monitoring on every port to the NetworkPolicies, but no NetworkPolicy selects any pod of its subject for ingress '
      + '(billing/payments): no Baseline ClusterNetworkPolicy has ingress rules for them, so the connections are allowed.');
  });

  test('some pods of the subject have one: information, naming the others and the Baseline policy that decides for them', () => {
    const baseline = clusterPolicy('baseline-deny', 'Baseline', 100, ALL_NAMESPACES, { ingress: [{ action: 'Deny', from: [fromNamespace('monitoring')] }] });
    const report = lint([...CLUSTER, SHOP_DENY_ALL, baseline, passFromMonitoring(ALL_NAMESPACES)]);
    expect(findings(report, 'NP021')).toEqual([{ severity: Severity.INFO, policy: 'ClusterNetworkPolicy pass-monitoring', field: 'spec.ingress[0]' }]);
    const message = only(report, 'NP021').message;
    expect(message).toContain('no NetworkPolicy selects billing/payments and monitoring/prometheus for ingress (2 of the 4 pods of its subject)');
    expect(message).toContain('the Baseline tier decides for them (ClusterNetworkPolicy baseline-deny)');
  });

  test('not reported: every pod of the subject has a NetworkPolicy for the direction, or no workloads are given', () => {
    expect(findings(lint([...CLUSTER, SHOP_DENY_ALL, passFromMonitoring({ namespaces: named('shop') })]), 'NP021')).toEqual([]);
    // An egress-only NetworkPolicy does not select the pods for ingress, but this Pass is for egress.
    const egressPass = clusterPolicy('pass-egress', 'Admin', 10, { namespaces: named('shop') }, { egress: [{ action: 'Pass', to: [ALL_NAMESPACES] }] });
    const egressOnly = policy('shop', 'egress-only', { podSelector: {}, policyTypes: ['Egress'] });
    expect(findings(lint([...CLUSTER, egressOnly, egressPass]), 'NP021')).toEqual([]);
    // Without workloads there is nothing to judge: silent, as the other selector rules.
    expect(findings(lint([SHOP_DENY_ALL, passFromMonitoring({ namespaces: named('billing') })]), 'NP021')).toEqual([]);
  });
});

describe('NP022 cnp-accept-voids-default-deny', () => {
  const acceptMonitoring = (tier: 'Admin' | 'Baseline', direction: 'ingress' | 'egress' = 'ingress') => clusterPolicy('monitoring', tier, 20, ALL_NAMESPACES,
    direction === 'ingress'
      ? { ingress: [{ name: 'scrape', action: 'Accept', from: [fromNamespace('monitoring')], protocols: [tcp(9090)] }] }
      : { egress: [{ name: 'push', action: 'Accept', to: [fromNamespace('monitoring')], protocols: [tcp(9090)] }] });

  test('an Admin Accept on pods a default deny isolates: information naming the deny and the pods', () => {
    const report = lint([...CLUSTER, SHOP_DENY_ALL, acceptMonitoring('Admin')]);
    expect(findings(report, 'NP022')).toEqual([{ severity: Severity.INFO, policy: 'ClusterNetworkPolicy monitoring', field: 'spec.ingress[0]' }]);
    expect(only(report, 'NP022').message).toBe("ClusterNetworkPolicy monitoring spec.ingress[0] ('scrape') accepts ingress from every pod in "
      + 'namespace monitoring on TCP 9090 for pods the default deny of shop/deny-all isolates (shop/web and shop/api): the Admin tier '
      + 'decides before any NetworkPolicy, so the namespace owners cannot block this traffic. Often intended (monitoring, say); the owners should know.');
    expect(only(report, 'NP022').fix).toMatch(/^If intended, say why in a cdk8s-netpol\/ingress\.0 annotation/);
  });

  test('without workloads: a default deny in a namespace the subject selects', () => {
    expect(findings(lint([SHOP_DENY_ALL, acceptMonitoring('Admin')]), 'NP022'))
      .toEqual([{ severity: Severity.INFO, policy: 'ClusterNetworkPolicy monitoring', field: 'spec.ingress[0]' }]);
  });

  test('not reported: a Baseline Accept (NetworkPolicies decide first), no default deny, a deny of the other direction', () => {
    const allowSome = policy('shop', 'allow-web', {
      podSelector: {}, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
    });
    const ingressDeny = policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] });
    expect(findings(lint([...CLUSTER, SHOP_DENY_ALL, acceptMonitoring('Baseline')]), 'NP022')).toEqual([]);
    expect(findings(lint([...CLUSTER, allowSome, acceptMonitoring('Admin')]), 'NP022')).toEqual([]);
    expect(findings(lint([...CLUSTER, ingressDeny, acceptMonitoring('Admin', 'egress')]), 'NP022')).toEqual([]);
  });
});

describe('NP002 dns-blocked with ClusterNetworkPolicies', () => {
  test('DNS denied by a tier: the finding names the ClusterNetworkPolicy rule, not a NetworkPolicy', () => {
    const denyEgress = clusterPolicy('no-egress', 'Baseline', 100, { namespaces: named('billing') }, {
      egress: [{ name: 'deny-all', action: 'Deny', to: [ALL_NAMESPACES] }],
    });
    const report = lint([...CLUSTER, denyEgress]);
    expect(findings(report, 'NP002')).toEqual([{ severity: Severity.ERROR, policy: 'ClusterNetworkPolicy no-egress', field: 'spec.egress[0]' }]);
    expect(only(report, 'NP002').message).toBe("billing/payments cannot resolve names: ClusterNetworkPolicy no-egress spec.egress[0] ('deny-all') "
      + '(Baseline tier, Deny) matches their egress to the cluster DNS (pods k8s-app=kube-dns in namespace kube-system) on UDP or TCP 53, '
      + 'before any rule that allows it. Lookups fail, and applications report timeouts rather than DNS errors.');
    expect(only(report, 'NP002').fix).toMatch(/or let a NetworkPolicy selecting these pods allow it\.$/);
    // With the DNS pods given, every pod is judged through the tiers too (no NetworkPolicy isolates payments).
    const withDns = lint([...CLUSTER, COREDNS, denyEgress]);
    expect(findings(withDns, 'NP002')).toEqual([{ severity: Severity.ERROR, policy: 'ClusterNetworkPolicy no-egress', field: 'spec.egress[0]' }]);
    expect(only(withDns, 'NP002').message).toContain('matches their egress to kube-system/coredns on UDP or TCP 53');
  });
});

describe('NP000 for ClusterNetworkPolicies', () => {
  const tooMany = clusterPolicy('too-many', 'Admin', 10, ALL_NAMESPACES, {
    ingress: Array.from({ length: 26 }, (_, i) => ({ action: 'Deny', from: [ALL_NAMESPACES], protocols: [tcp(1000 + i)] })),
  });

  test('an invalid ClusterNetworkPolicy is an error finding, and is left out of the model rules', () => {
    const report = lint([...CLUSTER, SHOP_DENY_ALL, tooMany, clusterPolicy('bad-priority', 'Admin', 2000, ALL_NAMESPACES, {
      ingress: [{ action: 'Accept', from: [fromNamespace('monitoring')] }],
    })]);
    expect(findings(report, 'NP000')).toEqual([
      { severity: Severity.ERROR, policy: 'ClusterNetworkPolicy too-many', field: 'spec.ingress' },
      { severity: Severity.ERROR, policy: 'ClusterNetworkPolicy bad-priority', field: 'spec.priority' },
    ]);
    expect(report.findingsOf('NP000')[0].message).toContain('it must have at most 25 items, not 26');
    expect(report.findings.filter((f) => f.severity === Severity.ERROR).map((f) => f.ruleId)).toEqual(['NP000', 'NP000', 'NP002']);
    // Neither is judged: the 26 Deny rules shadow nothing, the Accept voids no deny.
    expect(report.findings.filter((f) => /^NP0(19|2\d)$/.test(f.ruleId))).toEqual([]);
  });

  test('cdk8s-netpol lint: exit 1, the NP000 error in the JSON report with file, document and field; the note names the rules', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-cnp-'));
    try {
      const yaml = [policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }), tooMany].map((o) => JSON.stringify(o)).join('\n---\n');
      fs.writeFileSync(path.join(dir, 'guardrails.yaml'), yaml);
      const { code, json, stderr } = cliJson(['lint', 'guardrails.yaml', '-o', 'json'], dir);
      expect(code).toBe(1);
      expect(json.errorCount).toBe(1);
      expect(json.findings.filter((f: any) => f.ruleId === 'NP000')).toEqual([{
        ruleId: 'NP000',
        ruleName: 'invalid-manifest',
        severity: 'error',
        policy: 'ClusterNetworkPolicy too-many',
        field: 'spec.ingress',
        file: 'guardrails.yaml',
        document: 1,
        message: expect.stringContaining('it must have at most 25 items, not 26'),
        fix: expect.any(String),
      }]);
      expect(stderr).toBe('note: 1 ClusterNetworkPolicy read; NP000, NP002, NP015, NP019, NP020, NP021 and NP022 judge them, the other rules judge NetworkPolicies\n');
      // SARIF names it as a cluster-scoped resource.
      const sarif = cliJson(['lint', 'guardrails.yaml', '-o', 'sarif', '--disable', 'NP021'], dir);
      const result = sarif.json.runs[0].results.find((r: any) => r.ruleId === 'NP000');
      expect(result.locations[0].logicalLocations[0]).toEqual({
        name: 'ClusterNetworkPolicy too-many', fullyQualifiedName: 'ClusterNetworkPolicy/too-many/spec.ingress', kind: 'resource',
      });
      expect(sarif.stderr).toContain('NP000, NP002, NP015, NP019, NP020 and NP022 judge them');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('NP011 unprotected-pods beside ClusterNetworkPolicies', () => {
  test('a pod no NetworkPolicy selects, but a ClusterNetworkPolicy does, is said to be judged by that one', () => {
    const objects = [
      namespace('shop'), namespace('billing'), COREDNS,
      deployment('shop', 'web', { app: 'web' }),
      deployment('billing', 'pay', { app: 'pay' }),
      clusterPolicy('isolate-shop', 'Baseline', 10, { namespaces: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } },
        { ingress: [{ action: 'Deny', from: [{ namespaces: {} }] }] }),
    ];
    const messages = lint(objects).findingsOf('NP011').map((f) => f.message);
    expect(messages.find((m) => m.startsWith('shop/web '))).toBe('shop/web is not isolated for ingress or egress: no NetworkPolicy selects it for that, '
      + 'so all its incoming and outgoing traffic is allowed as far as NetworkPolicies go; Baseline ClusterNetworkPolicy isolate-shop has rules for it there.');
    expect(messages.find((m) => m.startsWith('billing/pay '))).toBe('billing/pay is not isolated for ingress or egress: no NetworkPolicy selects it for that, '
      + 'so all its incoming and outgoing traffic is allowed.');
  });
});

describe('NP015 duplicate-policy-name for ClusterNetworkPolicies, and the count line', () => {
  const accept = (name: string) => clusterPolicy(name, 'Admin', 10, ALL_NAMESPACES, { ingress: [{ action: 'Accept', from: [fromNamespace('monitoring')] }] });

  test('two ClusterNetworkPolicies of one name: an error on the second, whatever their namespaces say', () => {
    const second = { ...accept('monitoring'), metadata: { name: 'monitoring', namespace: 'shop' } };
    const report = lint([...CLUSTER, accept('monitoring'), second]);
    expect(findings(report, 'NP015')).toEqual([{ severity: Severity.ERROR, policy: 'ClusterNetworkPolicy monitoring', field: 'metadata.name' }]);
    expect(only(report, 'NP015').message).toMatch(/^ClusterNetworkPolicy monitoring is defined again \(first at <manifests>#7\): ClusterNetworkPolicies are cluster-scoped/);
    // Distinct names, and a NetworkPolicy of the same name: nothing.
    expect(findings(lint([...CLUSTER, accept('a'), accept('b'), policy('shop', 'a', { podSelector: {} })]), 'NP015')).toEqual([]);
  });

  test('the count line and JSON count the ClusterNetworkPolicies', () => {
    const report = lint([...CLUSTER, SHOP_DENY_ALL, accept('a'), accept('b')]);
    expect(report.clusterPolicyCount).toBe(2);
    expect(report.toJson()).toMatchObject({ policyCount: 1, clusterPolicyCount: 2 });
    expect(report.toText()).toMatch(/ in 1 NetworkPolicy, 2 ClusterNetworkPolicies and 4 workloads\n$/);
    expect(lint([...CLUSTER, SHOP_DENY_ALL]).toText()).toMatch(/ in 1 NetworkPolicy and 4 workloads\n$/);
  });
});
