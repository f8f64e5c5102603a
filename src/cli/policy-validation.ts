/**
 * The validator's issues for every NetworkPolicy read (`List` items included), each located with its
 * file, document and full field path.
 *
 * @module
 */
import { InputError } from './cli-error';
import { CLUSTER_NETWORK_POLICY_KIND } from '../cluster-manifest';
import { Ingested } from '../ingest/ingest';
import { isObject, NETWORK_POLICY_KIND } from '../manifest';
import { Severity } from '../severity';

/** One validator issue, located. */
export interface PolicyFinding {
  readonly severity: Severity;
  readonly file: string;
  readonly document: number;
  readonly kind: string;
  /** As written in the manifest; `null` when absent (or not a string). */
  readonly namespace: string | null;
  readonly name: string | null;
  /** Kubernetes field path from the document root, e.g. `items[1].spec.ingress[0].ports[0].endPort`. */
  readonly field: string;
  /** The validator's message: a full sentence starting with the field path inside the policy. */
  readonly message: string;
  /** The message without its leading field path, to follow `field` in a located one-line message. */
  readonly detail: string;
}

export interface ValidationReport {
  readonly findings: readonly PolicyFinding[];
  /** How many NetworkPolicies were validated. */
  readonly policies: number;
  /** How many ClusterNetworkPolicies were validated. */
  readonly clusterPolicies: number;
}

/** The issues the one way in found, located. */
export function validationReport(ingested: Ingested): ValidationReport {
  const findings: PolicyFinding[] = [];
  const all = [...ingested.policies.map((p) => ({ ...p, kind: NETWORK_POLICY_KIND })),
    ...ingested.clusterPolicies.map((p) => ({ ...p, kind: CLUSTER_NETWORK_POLICY_KIND }))];
  for (const policy of all) {
    const metadata = isObject(policy.value.metadata) ? policy.value.metadata : {};
    const prefix = policy.origin.path ?? '';
    for (const issue of policy.issues) {
      const inner = issue.field === '<root>' ? '' : issue.field;
      findings.push({
        severity: issue.severity,
        file: policy.origin.source,
        document: policy.origin.documentIndex,
        kind: policy.kind,
        namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
        name: typeof metadata.name === 'string' ? metadata.name : null,
        field: prefix && inner ? `${prefix}.${inner}` : prefix || inner || '<root>',
        message: issue.message,
        detail: inner && issue.message.startsWith(`${inner} `) ? issue.message.slice(inner.length + 1) : issue.message,
      });
    }
  }
  return { findings, policies: ingested.policies.length, clusterPolicies: ingested.clusterPolicies.length };
}

/** The finding as an input error: one line naming the file, the document and the field. */
export function findingError(finding: PolicyFinding): InputError {
  return new InputError(finding.detail, { file: finding.file, document: finding.document, field: finding.field });
}
