/**
 * The seed article's "Complete Example" (three tiers in namespace production), linted with the workloads
 * it is meant for: the linter must say what is wrong with it, and the library's ThreeTierApp, linted with
 * the same workloads, must be clean.
 */
import { Chart, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { COREDNS } from './helpers';
import { NetworkModel, ThreeTierApp, Severity } from '../../src';
import { LintReport, Linter } from '../../src/lint';
import { deployment } from '../support/manifests';

const ARTICLE_EXAMPLE = `
# Three-tier application network policies
---
# Frontend: Allow ingress from internet, egress to backend
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: frontend-policy
  namespace: production
spec:
  podSelector:
    matchLabels:
      tier: frontend
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from: []  # Allow all ingress
      ports:
        - port: 80
  egress:
    - to:
        - podSelector:
            matchLabels:
              tier: backend
      ports:
        - port: 8080
    - to:  # DNS
        - namespaceSelector: {}
      ports:
        - port: 53
          protocol: UDP
---
# Backend: Allow from frontend, egress to database
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: backend-policy
  namespace: production
spec:
  podSelector:
    matchLabels:
      tier: backend
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: frontend
      ports:
        - port: 8080
  egress:
    - to:
        - podSelector:
            matchLabels:
              tier: database
      ports:
        - port: 5432
---
# Database: Allow only from backend
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: database-policy
  namespace: production
spec:
  podSelector:
    matchLabels:
      tier: database
  policyTypes:
    - Ingress
  ingress:
    - from:
        - podSelector:
            matchLabels:
              tier: backend
      ports:
        - port: 5432
`;

/** The three tiers in production, and CoreDNS in kube-system. */
const WORKLOADS = [
  deployment('production', 'frontend', { tier: 'frontend' }, [[80, 'http']]),
  deployment('production', 'backend', { tier: 'backend' }, [[8080, 'http']]),
  deployment('production', 'database', { tier: 'database' }, [[5432, 'postgres']]),
  COREDNS,
];

function articleManifests(): any[] {
  return parseAllDocuments(ARTICLE_EXAMPLE).map((d) => d.toJS()).filter((d) => d !== null);
}

describe('the article\'s complete example', () => {
  let report: LintReport;
  beforeAll(() => {
    report = Linter.lint(NetworkModel.fromManifests([...articleManifests(), ...WORKLOADS]));
  });

  test('is valid Kubernetes: every finding is about meaning, none about syntax', () => {
    expect(report.policyCount).toBe(3);
    expect(report.findingsOf('NP000')).toEqual([]);
  });

  test('the backend\'s egress is restricted with no DNS: an error', () => {
    const [finding] = report.findingsOf('dns-blocked');
    expect(report.findingsOf('dns-blocked')).toHaveLength(1);
    expect(finding).toMatchObject({ severity: Severity.ERROR, policy: 'production/backend-policy', field: 'spec.egress' });
    expect(finding.message).toContain('production/backend cannot resolve names');
  });

  test('the frontend\'s DNS rule opens UDP 53 to every pod of every namespace', () => {
    expect(report.findingsOf('dns-too-broad')).toEqual([expect.objectContaining({
      severity: Severity.WARNING, policy: 'production/frontend-policy', field: 'spec.egress[1].to[0]',
    })]);
    expect(report.findingsOf('dns-too-broad')[0].message).toContain('opens UDP 53 to every pod of every namespace');
  });

  test('DNS goes over UDP only', () => {
    expect(report.findingsOf('dns-udp-only')).toEqual([expect.objectContaining({
      severity: Severity.WARNING, policy: 'production/frontend-policy', field: 'spec.egress[1].ports',
    })]);
  });

  test('the database, isolated for ingress only, is not said to lose DNS', () => {
    expect(report.findings.filter((f) => f.ruleId === 'NP002' && f.message.includes('database'))).toEqual([]);
  });

  test('all findings, in order', () => {
    expect(report.findings.map((f) => `${f.severity} ${f.ruleId} ${f.policy ?? f.workload} ${f.field ?? ''}`.trim())).toEqual([
      'error NP002 production/backend-policy spec.egress',
      'warning NP003 production/frontend-policy spec.egress[1].ports',
      'warning NP004 production/frontend-policy spec.egress[1].to[0]',
      'warning NP006 production/frontend-policy spec.ingress[0].from',
      'info NP011 production/database',
      'info NP011 kube-system/coredns',
    ]);
  });
});

describe('ThreeTierApp, synthesized', () => {
  test('lints clean with the same workloads: no error, no warning', () => {
    const chart = new Chart(Testing.app(), 'three-tier', { namespace: 'production' });
    new ThreeTierApp(chart, 'app');
    const report = Linter.lint(NetworkModel.fromManifests([...Testing.synth(chart), ...WORKLOADS]));
    expect(report.policyCount).toBe(3);
    expect({ errors: report.errorCount, warnings: report.warningCount }).toEqual({ errors: 0, warnings: 0 });
    // Only CoreDNS, which no policy selects, is worth a note.
    expect(report.findings.map((f) => `${f.ruleId} ${f.workload}`)).toEqual(['NP011 kube-system/coredns']);
  });
});
