import * as path from 'path';
import { Ingestion } from '../ingest/ingest';
import { lintIngested } from '../lint/lint-engine';
import { LintFinding } from '../lint/lint-finding';
import { LintOptions } from '../lint/lint-options';
import { LintReport } from '../lint/lint-report';
import { checkLintOptions, checkOptionalBoolean, show } from '../runtime-checks';
import { Severity } from '../severity';

/**
 * The `properties` of the plugin in `cdk8s.yaml`.
 */
export interface NetworkPolicyLintPluginProps extends LintOptions {
  /**
   * The least severe finding that fails `cdk8s synth`: `error`, or `warning` to fail on warnings too.
   *
   * @default Severity.ERROR
   */
  readonly failOn?: Severity;

  /**
   * Report `info` findings (e.g. pods no policy isolates) in the synth report too.
   *
   * @default false - only errors and warnings are reported
   */
  readonly includeInfo?: boolean;
}

const PLUGIN_KEYS: readonly string[] = ['failOn', 'includeInfo'];

const RANK: Record<Severity, number> = { [Severity.ERROR]: 0, [Severity.WARNING]: 1, [Severity.INFO]: 2 };

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
    const failOn = given.failOn ?? Severity.ERROR;
    if (failOn !== Severity.ERROR && failOn !== Severity.WARNING) {
      throw new Error(`${where}: failOn must be 'error' or 'warning' (Severity.ERROR or Severity.WARNING), got ${show(given.failOn)}`);
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
    // The files of the objects of each name.
    const names = new Map<string, Array<string | undefined>>();
    try {
      const ingested = new Ingestion().addPaths(context.manifests as readonly string[]).result();
      const add = (name: unknown, file: string | undefined) => {
        if (typeof name !== 'string') return;
        const files = names.get(name);
        if (files) files.push(file);
        else names.set(name, [file]);
      };
      for (const policy of ingested.policies) add(policy.value.metadata?.name, policy.file);
      for (const object of [...ingested.endpoints, ...ingested.services, ...ingested.namespaces]) add(object.name, object.origin?.source);
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
    const includeInfo = this.props.includeInfo === true;
    const shown = lint.findings.filter((f) => includeInfo || f.severity !== Severity.INFO);
    const metadata = context.metadata ?? {};
    const recorded = (name: string): unknown => (Object.prototype.hasOwnProperty.call(metadata, name) ? metadata[name]?.path : undefined);
    for (const finding of shown) report.addViolation(violation(finding, names, recorded));
    const failing = lint.findings.some((f) => RANK[f.severity] <= RANK[this.props.failOn!]);
    // The summary counts what the report shows: infos only when they are shown.
    report.submit(failing ? 'failure' : 'success', {
      errors: String(lint.errorCount),
      warnings: String(lint.warningCount),
      ...(includeInfo ? { infos: String(lint.infoCount) } : {}),
      policies: String(lint.policyCount),
      workloads: String(lint.workloadCount),
    });
  }
}

/**
 * One finding as a cdk8s violation, named so that cdk8s finds the construct that wrote the object.
 *
 * cdk8s maps a violation's resource name to a construct path through its construct metadata, which it
 * records by `metadata.name` alone: for a name used by several objects (in other namespaces or charts) it
 * records the path of one of them only. A finding is named by its plain name, so that cdk8s shows that
 * path, when the name is its alone, or when it is the one object of that name in the manifest file that
 * the recorded path's chart wrote (`<chart>.k8s.yaml`, `0001-<chart>.k8s.yaml` or the folder `<chart>/`).
 * Any other finding on a shared name is named `namespace/name`, which cdk8s shows without a path rather
 * than with another object's.
 */
function violation(finding: LintFinding, names: ReadonlyMap<string, ReadonlyArray<string | undefined>>, recorded: (name: string) => unknown): any {
  const subject = finding.policy ?? finding.workload ?? '';
  const name = subject.slice(subject.lastIndexOf('/') + 1);
  const files = names.get(name) ?? [];
  const constructPath = recorded(name);
  const chart = typeof constructPath === 'string' ? constructPath.split('/')[0] : '';
  const ofChart = (file: string | undefined) => file !== undefined && chart !== '' && writtenByChart(file, chart);
  const owner = files.length <= 1 || (ofChart(finding.file) && files.filter(ofChart).length === 1);
  return {
    ruleName: `${finding.ruleId} ${finding.ruleName} (${finding.severity})`,
    recommendation: finding.message,
    fix: finding.fix,
    violatingResources: [{
      resourceName: owner ? name : subject,
      locations: [`${subject}${finding.field ? ` ${finding.field}` : ''}`],
      manifestPath: finding.file ?? '',
    }],
  };
}

/**
 * Whether cdk8s wrote a manifest file for the top-level chart of this id: a file per chart
 * (`shop.k8s.yaml`, or `0000-shop.k8s.yaml` when charts depend on one another), or a folder per chart.
 */
function writtenByChart(file: string, chart: string): boolean {
  const unindexed = (base: string) => base.replace(/^\d{4}-/, '');
  return unindexed(path.basename(file)).startsWith(`${chart}.`) || unindexed(path.basename(path.dirname(file))) === chart;
}
