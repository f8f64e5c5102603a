import { Ingestion } from '../ingest/ingest';
import { lintIngested } from '../lint/lint-engine';
import { LintFinding } from '../lint/lint-finding';
import { LintOptions } from '../lint/lint-options';
import { LintReport } from '../lint/lint-report';
import { LintSeverity } from '../lint/lint-severity';
import { checkLintOptions, checkOptionalBoolean, show } from '../runtime-checks';

/**
 * The `properties` of the plugin in `cdk8s.yaml`.
 */
export interface NetworkPolicyLintPluginProps extends LintOptions {
  /**
   * The least severe finding that fails `cdk8s synth`: `error`, or `warning` to fail on warnings too.
   *
   * @default LintSeverity.ERROR
   */
  readonly failOn?: LintSeverity;

  /**
   * Report `info` findings (e.g. pods no policy isolates) in the synth report too.
   *
   * @default false - only errors and warnings are reported
   */
  readonly includeInfo?: boolean;
}

const PLUGIN_KEYS: readonly string[] = ['failOn', 'includeInfo'];

const RANK: Record<LintSeverity, number> = { [LintSeverity.ERROR]: 0, [LintSeverity.WARNING]: 1, [LintSeverity.INFO]: 2 };

/**
 * A cdk8s validation plugin: `cdk8s synth` validates and lints the NetworkPolicies it synthesizes, together
 * with the workloads of the app, and fails when the linter finds errors (validator errors included).
 * Warnings are reported without failing.
 *
 * List it under `validations:` in `cdk8s.yaml`, as a local path to a file that exports this class:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-netpol/lib/plugin/index.js
 *     version: 0.0.0
 *     class: NetworkPolicyLintPlugin
 *     properties:
 *       disabledRules: [NP011]
 * ```
 */
export class NetworkPolicyLintPlugin {
  private readonly props: NetworkPolicyLintPluginProps;

  /**
   * @param props the `properties` given in `cdk8s.yaml`
   */
  public constructor(props: NetworkPolicyLintPluginProps = {}) {
    // The properties come from cdk8s.yaml, untyped: a misspelt one would otherwise be ignored without a word.
    // `properties:` left empty in YAML is null: no properties.
    const given = props === null ? {} : props;
    const where = 'NetworkPolicyLintPlugin (properties in cdk8s.yaml)';
    checkLintOptions(given, where, 'property', PLUGIN_KEYS);
    const failOn = given.failOn ?? LintSeverity.ERROR;
    if (failOn !== LintSeverity.ERROR && failOn !== LintSeverity.WARNING) {
      throw new Error(`${where}: failOn must be 'error' or 'warning' (LintSeverity.ERROR or LintSeverity.WARNING), got ${show(given.failOn)}`);
    }
    checkOptionalBoolean(given.includeInfo, where, 'includeInfo');
    this.props = Object.freeze({ ...given, failOn });
    // Unknown rules and bad DNS settings are reported when cdk8s loads the plugin, not as a lint failure.
    lintIngested(new Ingestion().result(), this.props);
  }

  /**
   * Lints the synthesized manifests (`context.manifests`) as one cluster and submits the report to
   * `context.report`: one violation per finding, naming the rule, the resource, the field and the file.
   *
   * @param context the cdk8s-cli `ValidationContext`
   */
  public async validate(context: any): Promise<void> {
    const report = context.report;
    let lint: LintReport;
    const names = new Map<string, number>();
    try {
      const ingested = new Ingestion().addPaths(context.manifests as readonly string[]).result();
      const count = (name: unknown) => {
        if (typeof name === 'string') names.set(name, (names.get(name) ?? 0) + 1);
      };
      for (const policy of ingested.policies) count(policy.value.metadata?.name);
      for (const object of [...ingested.endpoints, ...ingested.services, ...ingested.namespaces]) count(object.name);
      lint = lintIngested(ingested, this.props);
    } catch (e) {
      report.addViolation({
        ruleName: 'cdk8s-netpol: cannot lint',
        recommendation: (e as Error).message,
        fix: 'Make the synthesized manifests readable (this is likely a bug: please report it).',
        violatingResources: [],
      });
      report.submit('failure', { error: (e as Error).message });
      return;
    }
    const shown = lint.findings.filter((f) => this.props.includeInfo === true || f.severity !== LintSeverity.INFO);
    for (const finding of shown) report.addViolation(violation(finding, names));
    const failing = lint.findings.some((f) => RANK[f.severity] <= RANK[this.props.failOn!]);
    report.submit(failing ? 'failure' : 'success', {
      errors: String(lint.errorCount),
      warnings: String(lint.warningCount),
      infos: String(lint.infoCount),
      policies: String(lint.policyCount),
      workloads: String(lint.workloadCount),
    });
  }
}

/**
 * One finding as a cdk8s violation. cdk8s maps a violation's resource name to a construct path by
 * `metadata.name` alone, so a name used by several objects (in other namespaces or charts) would be shown
 * with another object's path: such a resource is named `namespace/name`, which cdk8s shows without a path.
 */
function violation(finding: LintFinding, names: ReadonlyMap<string, number>): any {
  const subject = finding.policy ?? finding.workload ?? '';
  const name = subject.slice(subject.lastIndexOf('/') + 1);
  return {
    ruleName: `${finding.ruleId} ${finding.ruleName} (${finding.severity})`,
    recommendation: finding.message,
    fix: finding.fix,
    violatingResources: [{
      resourceName: (names.get(name) ?? 0) > 1 ? subject : name,
      locations: [`${subject}${finding.field ? ` ${finding.field}` : ''}`],
      manifestPath: finding.file ?? '',
    }],
  };
}
