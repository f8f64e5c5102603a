import { NetworkModel } from '../../src';
import { Ingestion } from '../../src/ingest/ingest';
import { LintFinding, LintOptions, LintReport, Linter } from '../../src/lint';
import { lintIngested } from '../../src/lint/lint-engine';
import { deployment, policy } from '../support/manifests';

/** CoreDNS as clusters run it: k8s-app=kube-dns in kube-system, port 53 on UDP and TCP. */
export const COREDNS = deployment('kube-system', 'coredns', { 'k8s-app': 'kube-dns' }, [[53, 'dns', 'UDP'], [53, 'dns-tcp', 'TCP'], [9153, 'metrics']]);

/** The egress rule to the cluster DNS pods on UDP and TCP 53, as `DnsTarget.clusterDns()` writes it. */
export const DNS_RULE = {
  to: [{
    namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
  }],
  ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }],
};

/** A policy letting every pod of the namespace resolve names. */
export function allowDns(ns: string): any {
  return policy(ns, 'allow-dns', { podSelector: {}, policyTypes: ['Egress'], egress: [DNS_RULE] });
}

/**
 * Lints objects as `cdk8s-netpol lint` does (an invalid policy is an `NP000` finding); objects a model
 * accepts are linted through `Linter.lint` too, and both reports must agree.
 */
export function lint(objects: any[], options?: LintOptions): LintReport {
  const report = lintIngested(new Ingestion().addObjects(objects, '<manifests>').result(), options);
  if (report.findingsOf('NP000').length === 0) {
    expect(Linter.lint(NetworkModel.fromManifests(objects), options).toJson()).toEqual(report.toJson());
  }
  return report;
}

/** The findings of one rule, as the parts tests assert on. */
export function findings(report: LintReport, ruleId: string): Array<Pick<LintFinding, 'severity' | 'policy' | 'workload' | 'field'>> {
  return report.findingsOf(ruleId).map((f) => ({
    severity: f.severity,
    ...(f.policy !== undefined ? { policy: f.policy } : {}),
    ...(f.workload !== undefined ? { workload: f.workload } : {}),
    ...(f.field !== undefined ? { field: f.field } : {}),
  }));
}

/** The one finding of a rule (failing when there are none or several). */
export function only(report: LintReport, ruleId: string): LintFinding {
  const found = report.findingsOf(ruleId);
  if (found.length !== 1) throw new Error(`expected one ${ruleId} finding, got ${found.length}:\n${report.toText()}`);
  return found[0];
}
