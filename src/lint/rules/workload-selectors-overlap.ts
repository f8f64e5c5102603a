import { matchesNormalizedSelector } from '../../analysis/selector-match';
import { describeSelector } from '../../describe';
import { WORKLOAD_ANNOTATION } from '../../manifest';
import { enumerateRegions } from '../../selection/regions';
import { Severity } from '../../severity';
import { LintRule } from '../rule';

/**
 * NP018: two workloads of a ServiceGraph (policies carrying `cdk8s-netpol/workload`) whose selectors could
 * select the same pod, which would then get both workloads' rules.
 */
export const workloadSelectorsOverlap: LintRule = {
  id: 'NP018',
  name: 'workload-selectors-overlap',
  severity: Severity.WARNING,
  summary: 'Two workloads of a ServiceGraph have selectors that could select the same pod: it would get the rules of both.',
  help: 'Each ServiceGraph policy is meant for the pods of one workload. When another workload\'s selector can match the same '
    + 'pod (app=web and team=shop, say), a pod with both labels is selected by both policies and allowed what either allows. '
    + 'A selector that takes in every pod of another is refused when the graph is written; this finds the ones that only '
    + 'could overlap. With workloads given, the pods that do are named. Give each workload a label only its pods carry.',
  checkModel(context, report) {
    const graphPolicies = context.policies.filter((p) => typeof p.raw.metadata?.annotations?.[WORKLOAD_ANNOTATION] === 'string');
    graphPolicies.forEach((b, j) => {
      for (const a of graphPolicies.slice(0, j)) {
        if (a.namespace !== b.namespace) continue;
        const regions = enumerateRegions([a.policy.podSelector, b.policy.podSelector]);
        const both = regions.find((r) => r.truth[0] && r.truth[1]);
        if (!both) continue;
        const workload = (p: typeof a) => p.raw.metadata.annotations[WORKLOAD_ANNOTATION] as string;
        const pods = context.evaluator.endpoints
          .map((e, i) => ({ e, i }))
          .filter(({ e }) => e.namespace === a.namespace
            && matchesNormalizedSelector(a.policy.podSelector, e.labels) && matchesNormalizedSelector(b.policy.podSelector, e.labels))
          .map(({ i }) => context.endpointId(i));
        const labels = Object.entries(both.witness).map(([k, v]) => `${k}=${v}`).join(',');
        report({
          ...context.at(b, 'spec.podSelector'),
          message: `the selectors of workloads ${workload(a)} (${describeSelector(a.policy.podSelector)}) and ${workload(b)} `
            + `(${describeSelector(b.policy.podSelector)}) could select the same pods (e.g. a pod with labels ${labels}), which would get `
            + `the rules of both${pods.length > 0 ? `; they do: ${pods.slice(0, 4).join(', ')}` : ''}.`,
          fix: `Select each workload by a label only its pods carry (e.g. app=${workload(b)}).`,
        });
      }
    });
  },
};
