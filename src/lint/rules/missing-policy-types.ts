import { Severity } from '../../severity';
import { LintRule } from '../rule';

/** NP007: no policyTypes, and what Kubernetes infers instead (mistake 11). */
export const missingPolicyTypes: LintRule = {
  id: 'NP007',
  name: 'missing-policy-types',
  severity: Severity.WARNING,
  summary: 'The policy has no policyTypes, so Kubernetes infers them: Ingress always, Egress only when there are egress rules.',
  help: 'Without policyTypes, a policy with only egress rules also isolates ingress (and, having no ingress rules, denies all '
    + 'incoming traffic), and `egress: []` isolates nothing. Those two cases are warnings; otherwise the inferred types '
    + 'match the rules and the finding is information. Always write policyTypes.',
  checkModel(context, report) {
    for (const policy of context.policies) {
      if (!policy.policy.policyTypesDefaulted) continue;
      const spec = policy.raw.spec ?? {};
      const ingressWritten = Array.isArray(spec.ingress);
      const egressWritten = Array.isArray(spec.egress);
      const egressRules = policy.egress.length;
      const inferred = egressRules > 0 ? '[Ingress, Egress]' : '[Ingress]';
      const base = `spec.policyTypes is not set, so Kubernetes infers ${inferred}`;
      if (egressRules > 0 && !ingressWritten) {
        report({
          ...context.at(policy, 'spec.policyTypes'),
          message: `${base}: besides applying its egress rules, ${policy.id} isolates the pods it selects for ingress and, `
            + 'having no ingress rules, denies all their incoming traffic.',
          fix: 'Set spec.policyTypes: [Egress] if only egress is meant, or [Ingress, Egress] if denying ingress is intended.',
        });
      } else if (egressWritten && egressRules === 0) {
        report({
          ...context.at(policy, 'spec.policyTypes'),
          message: `${base}: 'egress: []' does not isolate egress without policyTypes, so the selected pods' egress stays open.`,
          fix: `Set spec.policyTypes: [${ingressWritten ? 'Ingress, ' : ''}Egress] to deny egress.`,
        });
      } else {
        report({
          ...context.at(policy, 'spec.policyTypes'),
          severity: Severity.INFO,
          message: `${base}, which matches its rules; written out, the intent would not depend on the rules present.`,
          fix: `Set spec.policyTypes: ${inferred}.`,
        });
      }
    }
  },
};
