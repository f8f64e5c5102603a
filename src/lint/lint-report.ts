import { LintFinding } from './lint-finding';
import { formatSarif } from '../render/lint-sarif';
import { formatText } from '../render/lint-text';
import { Severity } from '../severity';
import { LintRule } from './rule';

const SEVERITY_ORDER: readonly Severity[] = [Severity.ERROR, Severity.WARNING, Severity.INFO];

/**
 * What the linter found: the findings, errors first, and renderings as text, JSON and SARIF.
 */
export class LintReport {
  /** @internal */
  public static _create(
    findings: readonly LintFinding[], rules: readonly LintRule[], policyCount: number, workloadCount: number, clusterPolicyCount = 0,
  ): LintReport {
    return new LintReport(findings, rules, policyCount, workloadCount, clusterPolicyCount);
  }

  /** The findings: errors, then warnings, then infos; within a severity, by rule and then in document order. */
  public readonly findings: LintFinding[];

  /** How many NetworkPolicies were linted. */
  public readonly policyCount: number;

  /** How many pods and workloads the model had (rules about what selectors match need some). */
  public readonly workloadCount: number;

  /** How many ClusterNetworkPolicies were linted (NP000, NP002, NP015 and NP019 to NP022 judge them). */
  public readonly clusterPolicyCount: number;

  private readonly rules: readonly LintRule[];

  private constructor(
    findings: readonly LintFinding[], rules: readonly LintRule[], policyCount: number, workloadCount: number, clusterPolicyCount: number,
  ) {
    const rank = (f: LintFinding) => SEVERITY_ORDER.indexOf(f.severity);
    const order = (f: LintFinding) => rules.findIndex((r) => r.id === f.ruleId);
    // Stable: rules report in document order, so ties keep it.
    this.findings = [...findings].sort((a, b) => rank(a) - rank(b) || order(a) - order(b));
    this.rules = rules;
    this.policyCount = policyCount;
    this.workloadCount = workloadCount;
    this.clusterPolicyCount = clusterPolicyCount;
  }

  /** How many findings are errors. `lint` and the cdk8s plugin fail when this is not zero. */
  public get errorCount(): number {
    return this.count(Severity.ERROR);
  }

  /** How many findings are warnings. */
  public get warningCount(): number {
    return this.count(Severity.WARNING);
  }

  /** How many findings are infos. */
  public get infoCount(): number {
    return this.count(Severity.INFO);
  }

  /**
   * The findings of one rule.
   *
   * @param rule the rule's id (`NP002`) or name (`dns-blocked`)
   */
  public findingsOf(rule: string): LintFinding[] {
    return this.findings.filter((f) => f.ruleId === rule || f.ruleName === rule);
  }

  /**
   * The findings as text: per finding, a line with severity, rule, policy (or workload), field and origin,
   * then the message and the fix; a count line at the end.
   */
  public toText(): string {
    return formatText(this.findings, this.policyCount, this.workloadCount, this.clusterPolicyCount);
  }

  /** The report as a JSON object: the counts and the findings. */
  public toJson(): any {
    return {
      errorCount: this.errorCount,
      warningCount: this.warningCount,
      infoCount: this.infoCount,
      policyCount: this.policyCount,
      workloadCount: this.workloadCount,
      clusterPolicyCount: this.clusterPolicyCount,
      findings: this.findings.map((f) => ({ ...f })),
    };
  }

  /**
   * The report as a SARIF 2.1.0 log (a JSON object), for code-scanning tools: the rules in `tool.driver.rules`,
   * one result per finding with its rule id, level (`error`, `warning`, `note`), message and locations (the
   * file when read from one, and a logical location naming the policy or workload).
   */
  public toSarif(): any {
    return formatSarif(this.findings, this.rules);
  }

  private count(severity: Severity): number {
    return this.findings.filter((f) => f.severity === severity).length;
  }
}
