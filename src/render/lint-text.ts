/**
 * A lint report as text: one block per finding (severity, rule, subject, field, origin; the message; the
 * fix), then a count line. Internal.
 *
 * @module
 */
import type { LintFinding } from '../lint/lint-finding';
import { Severity } from '../severity';

export function formatText(findings: readonly LintFinding[], policyCount: number, workloadCount: number, clusterPolicyCount = 0): string {
  const blocks = findings.map((f) => {
    const subject = f.policy ?? f.workload ?? '';
    const where = f.file !== undefined ? ` (${f.file}${f.document !== undefined ? `, document ${f.document}` : ''})` : '';
    const head = `${f.severity} ${f.ruleId} ${f.ruleName}: ${subject}${f.field ? ` ${f.field}` : ''}${where}`;
    return `${head}\n  ${f.message}\n  fix: ${f.fix}\n`;
  });
  const count = (s: Severity) => findings.filter((f) => f.severity === s).length;
  // Without workloads, say what could not be judged rather than pass silently over it.
  const policies = plural(policyCount, 'NetworkPolicy', 'NetworkPolicies')
    + (clusterPolicyCount > 0 ? `, ${plural(clusterPolicyCount, 'ClusterNetworkPolicy', 'ClusterNetworkPolicies')}` : '');
  const scope = workloadCount > 0 || policyCount + clusterPolicyCount === 0
    ? `${policies} and ${plural(workloadCount, 'workload', 'workloads')}`
    : `${policies}, without workloads (DNS judged on the pods the policies tell apart; `
      + 'the rules about what selectors match need the workloads and were not judged)';
  const summary = `${plural(count(Severity.ERROR), 'error', 'errors')}, ${plural(count(Severity.WARNING), 'warning', 'warnings')}, `
    + `${plural(count(Severity.INFO), 'info', 'infos')} in ${scope}\n`;
  return [...blocks, summary].join('\n');
}

export function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
