import { App, Chart } from 'cdk8s';
import { lintCluster, lintIngested } from './lint-engine';
import { LintRuleInfo } from './lint-finding';
import { LintOptions } from './lint-options';
import { LintReport } from './lint-report';
import { RULES } from './rules';
import { NetworkModel } from '../analysis/network-model';
import { Ingestion } from '../ingest/ingest';
import { checkInstance, checkLintOptions, checkStrings, fail, show } from '../runtime-checks';

/**
 * Finds mistakes in NetworkPolicies by what they do, not by how they look: pods that can no longer
 * resolve names, DNS opened to every pod, selectors that match nothing, peers OR-ed where AND was meant,
 * allow-all rules voiding a default deny, and more (see `Linter.rules()`). Every validator error is a lint
 * error too (`NP000`).
 *
 * Rules about what selectors match judge the pods and workloads (Deployments, StatefulSets, ...) given
 * with the policies; without any, those rules stay silent rather than guess. DNS is judged against the
 * cluster DNS pods of the model, or a stand-in (`k8s-app=kube-dns` in `kube-system`).
 *
 * @example
 * import { Linter } from 'cdk8s-netpol';
 *
 * const report = Linter.lintChart(chart);
 * if (report.errorCount > 0) {
 *   console.log(report.toText());
 * }
 */
export class Linter {
  /** Lints what the chart synthesizes. */
  public static lintChart(chart: Chart, options?: LintOptions): LintReport {
    checkInstance(chart, Chart, 'Linter.lintChart()', 'chart', 'the chart to lint', 'cdk8s Chart');
    checkLintOptions(options, 'Linter.lintChart()', 'option');
    return lintIngested(new Ingestion().addObjects(chart.toJson(), `chart ${chart.node.path}`).result(), options);
  }

  /** Lints what every chart of the app synthesizes, as one cluster. */
  public static lintApp(app: App, options?: LintOptions): LintReport {
    checkInstance(app, App, 'Linter.lintApp()', 'app', 'the app to lint', 'cdk8s App');
    checkLintOptions(options, 'Linter.lintApp()', 'option');
    const ingestion = new Ingestion();
    for (const chart of app.charts) ingestion.addObjects(chart.toJson(), `chart ${chart.node.path}`);
    return lintIngested(ingestion.result(), options);
  }

  /**
   * Lints a model. The model holds each policy as loaded, so the rules that need the manifests as written
   * (a missing namespace, duplicate names) cannot fire: prefer `lintManifests` or `lintFiles` for those.
   */
  public static lintModel(model: NetworkModel, options?: LintOptions): LintReport {
    checkInstance(model, NetworkModel, 'Linter.lintModel()', 'model', 'NetworkModel.fromChart(), NetworkModel.fromFiles(), ...');
    checkLintOptions(options, 'Linter.lintModel()', 'option');
    return lintCluster(model._cluster, options);
  }

  /**
   * Lints plain manifest objects (parsed YAML or JSON): NetworkPolicies, and the Namespaces, Pods and
   * workloads they are judged against. Other kinds are ignored.
   *
   * @param manifests the objects; `List` objects are read item by item
   */
  public static lintManifests(manifests: any[], options?: LintOptions): LintReport {
    if (!Array.isArray(manifests)) fail('Linter.lintManifests()', `manifests must be a list of manifest objects, got ${show(manifests)}`);
    checkLintOptions(options, 'Linter.lintManifests()', 'option');
    return lintIngested(new Ingestion().addObjects(manifests, '<manifests>').result(), options);
  }

  /**
   * Lints YAML and JSON files; folders are read recursively (`*.yaml`, `*.yml`, `*.json`); `-` is standard
   * input. Findings name the file and the document.
   *
   * Throws when a file cannot be read or parsed.
   */
  public static lintFiles(paths: string[], options?: LintOptions): LintReport {
    checkStrings(paths, 'Linter.lintFiles()', 'paths');
    checkLintOptions(options, 'Linter.lintFiles()', 'option');
    return lintIngested(new Ingestion().addPaths(paths).result(), options);
  }

  /** Every rule: id, name, severity and what it checks. */
  public static rules(): LintRuleInfo[] {
    return RULES.map((r) => ({ id: r.id, name: r.name, severity: r.severity, summary: r.summary, help: r.help }));
  }

  private constructor() {}
}
