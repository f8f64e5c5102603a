/**
 * A lint report as SARIF 2.1.0, for code-scanning tools: the rules in tool.driver.rules, one result per
 * finding with its rule, level, message, the file (when read from one) and a logical location naming the
 * policy or workload. Internal.
 *
 * @module
 */
import type { LintFinding } from '../lint/lint-finding';
import type { LintRule } from '../lint/rule';
import { Severity } from '../severity';

const LEVELS: Record<Severity, string> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

const CLUSTER_POLICY_PREFIX = 'ClusterNetworkPolicy ';

export function formatSarif(findings: readonly LintFinding[], rules: readonly LintRule[]): any {
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-netpol',
          informationUri: 'https://github.com/cdk8s-netpol/cdk8s-netpol',
          rules: rules.map((r) => ({
            id: r.id,
            name: r.name,
            shortDescription: { text: r.summary },
            help: { text: r.help },
            defaultConfiguration: { level: LEVELS[r.severity] },
          })),
        },
      },
      results: findings.map((f) => {
        // A ClusterNetworkPolicy is named `ClusterNetworkPolicy <name>` (cluster-scoped); a NetworkPolicy `namespace/name`.
        const resource = f.policy?.startsWith(CLUSTER_POLICY_PREFIX) ? `ClusterNetworkPolicy/${f.policy.slice(CLUSTER_POLICY_PREFIX.length)}` : `NetworkPolicy/${f.policy}`;
        const subject = f.policy !== undefined
          ? { name: f.policy, fullyQualifiedName: `${resource}${f.field ? `/${f.field}` : ''}`, kind: 'resource' }
          : { name: f.workload, fullyQualifiedName: `workload/${f.workload}`, kind: 'resource' };
        const location: any = { logicalLocations: [subject] };
        if (f.file !== undefined) location.physicalLocation = { artifactLocation: { uri: toUri(f.file) } };
        return {
          ruleId: f.ruleId,
          ruleIndex: ruleIndex.get(f.ruleId),
          level: LEVELS[f.severity],
          message: { text: `${f.message} Fix: ${f.fix}` },
          locations: [location],
          properties: {
            ...(f.field !== undefined ? { field: f.field } : {}),
            ...(f.document !== undefined ? { document: f.document } : {}),
          },
        };
      }),
    }],
  };
}

/** A relative file path as a URI reference: forward slashes, each segment percent-encoded. */
function toUri(file: string): string {
  return file.split(/[\\/]/).map((segment) => encodeURIComponent(segment)).join('/');
}
