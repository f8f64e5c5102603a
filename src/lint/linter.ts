import { lintCluster } from './lint-engine';
import { LintRuleInfo } from './lint-finding';
import { LintOptions } from './lint-options';
import { LintReport } from './lint-report';
import { RULES } from './rules';
import { NetworkModel } from '../analysis/network-model';
import { checkInstance, checkLintOptions } from '../runtime-checks';

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
 * import { Linter, NetworkModel } from 'cdk8s-netpol';
 *
 * const report = Linter.lint(NetworkModel.fromChart(chart));
 * if (report.errorCount > 0) {
 *   console.log(report.toText());
 * }
 */
export class Linter {
  /**
   * Lints a model: the validator and the rules about how manifests are written over every NetworkPolicy as
   * it was read (a policy replaced by a later one of the same name included), then the rules about what
   * the policies do over the model.
   *
   * A model refuses a policy the API server would reject, so lint never sees one: the model's error names
   * it (`cdk8s-netpol lint` reports such policies as `NP000` findings instead).
   *
   * @param model what to lint: `NetworkModel.fromChart(chart)`, `NetworkModel.fromApp(app)`,
   * `NetworkModel.fromFiles([...])`, ...
   * @param options rules to disable, where cluster DNS runs, strict CIDRs
   */
  public static lint(model: NetworkModel, options?: LintOptions): LintReport {
    checkInstance(model, NetworkModel, 'Linter.lint()', 'model', 'NetworkModel.fromChart(chart), NetworkModel.fromFiles([...]), ...');
    checkLintOptions(options, 'Linter.lint()', 'option');
    return lintCluster(model._cluster, options);
  }

  /** Every rule: id, name, severity and what it checks. */
  public static rules(): LintRuleInfo[] {
    return RULES.map((r) => ({ id: r.id, name: r.name, severity: r.severity, summary: r.summary, help: r.help }));
  }

  private constructor() {}
}
