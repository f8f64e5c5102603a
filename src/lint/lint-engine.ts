/**
 * Runs the rules: the validator and the rules about how manifests are written over every NetworkPolicy
 * and ClusterNetworkPolicy object, then the model rules over the objects loaded into a cluster model.
 * Internal: `Linter` and the CLI and cdk8s plugin build on it.
 *
 * @module
 */
import { DnsSettings } from './dns-settings';
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintOptions } from './lint-options';
import { LintReport } from './lint-report';
import { Severity } from '../severity';
import { ClusterPolicyDocument, PolicyDocument } from './policy-document';
import { FindingDraft, LintRule } from './rule';
import { RULES } from './rules';
import { invalidManifest } from './rules/invalid-manifest';
import { ClusterModel, DEFAULT_NAMESPACE } from '../analysis/model';
import { formatOrigin, ManifestLoadError, Origin } from '../ingest/errors';
import { Ingested } from '../ingest/ingest';
import { isObject } from '../manifest';
import { validateClusterNetworkPolicy } from '../validation/cluster-network-policy';
import { ValidationIssue } from '../validation/issues';
import { checkPortNumber } from '../validation/syntax';
import { validateNetworkPolicy } from '../validation/validate';

interface ResolvedOptions {
  readonly rules: readonly LintRule[];
  readonly dns: DnsSettings;
  readonly strictCidr: boolean;
}

/**
 * Lints what the one way in read: the validator and the rules about how manifests are written over every
 * NetworkPolicy and ClusterNetworkPolicy (List items included), then the model rules over the policies the
 * API server would accept (an invalid ClusterNetworkPolicy is left out of the model, as an invalid
 * NetworkPolicy is: its validator errors are the findings).
 */
export function lintIngested(ingested: Ingested, options: LintOptions = {}): LintReport {
  const resolved = resolveOptions(options);
  const findings: LintFinding[] = [];
  const documents: PolicyDocument[] = ingested.policies.map((record) => policyDocument(
    record.value,
    record.origin,
    record.file,
    resolved.strictCidr === true ? [...validateNetworkPolicy(record.value, { strictCidr: true }), ...record.readingIssues] : record.issues,
  ));
  runDocumentRules(resolved, documents, findings);
  runClusterDocumentRules(resolved, ingested.clusterPolicies.map((record) => clusterPolicyDocument(
    record.value, record.origin, record.file, record.issues,
  )), findings);

  const cluster = new ClusterModel();
  // skipInvalid: ClusterNetworkPolicies with validator errors are left out (NP000 reported them) instead of refused.
  cluster.addIngested({ ...ingested, policies: [] }, { skipInvalid: true });
  const files = ingested.files;
  documents.forEach((doc, i) => {
    if (doc.issues.some((issue) => issue.severity === Severity.ERROR)) return;
    const record = ingested.policies[i];
    try {
      cluster.addPolicyRecord(record);
    } catch (e) {
      // A policy the validator accepts but the evaluator cannot read (e.g. named only by generateName) is left out, and said so.
      if (!(e instanceof ManifestLoadError)) throw e;
      if (resolved.rules.includes(invalidManifest)) {
        findings.push(finding(invalidManifest, {
          severity: Severity.WARNING,
          policy: doc.id,
          field: e.field,
          file: doc.file,
          document: doc.document,
          message: `${doc.id} cannot be analysed: ${e.detail}`,
          fix: 'Give the policy a metadata.name so that its connectivity can be judged.',
        }));
      }
    }
  });
  return runModelRules(resolved, cluster, (origin) => (origin && files.has(origin.source) ? origin.source : undefined), findings, documents.length);
}

/** Lints a model: the validator and the document rules over every policy as it was read, then the model rules. */
export function lintCluster(cluster: ClusterModel, options: LintOptions = {}): LintReport {
  const resolved = resolveOptions(options);
  const findings: LintFinding[] = [];
  const documents = cluster.policyRecords.map((record) => policyDocument(
    record.value,
    record.origin,
    record.file,
    resolved.strictCidr === true ? [...validateNetworkPolicy(record.value, { strictCidr: true }), ...record.readingIssues] : record.issues,
  ));
  runDocumentRules(resolved, documents, findings);
  // A model holds only valid ClusterNetworkPolicies (the last of each name): their validator warnings, as read.
  const files = cluster.files;
  const fileOf = (origin: Origin | undefined) => (origin && files.has(origin.source) ? origin.source : undefined);
  runClusterDocumentRules(resolved, cluster.snapshot().clusterPolicies.map((p) => clusterPolicyDocument(
    p.manifest, p.origin, fileOf(p.origin), validateClusterNetworkPolicy(p.manifest, { channel: 'experimental' }),
  )), findings);
  return runModelRules(resolved, cluster, fileOf, findings, documents.length);
}

/** Every rule, or an Error naming an unknown one. */
function resolveOptions(options: LintOptions): ResolvedOptions {
  const disabled = new Set<LintRule>();
  for (const name of options.disabledRules ?? []) {
    const rule = RULES.find((r) => r.id.toLowerCase() === String(name).toLowerCase() || r.name === name);
    if (!rule) throw new Error(`unknown lint rule '${name}': the rules are ${RULES.map((r) => `${r.id} (${r.name})`).join(', ')}`);
    disabled.add(rule);
  }
  const port = options.dnsPort ?? 53;
  const reason = checkPortNumber(port);
  if (reason !== undefined) throw new Error(`dnsPort ${port} ${reason}`);
  const namespace = options.dnsNamespace ?? 'kube-system';
  if (typeof namespace !== 'string' || namespace === '') throw new Error('dnsNamespace must be a non-empty namespace name');
  return {
    rules: RULES.filter((r) => !disabled.has(r)),
    dns: { namespace, podLabels: { ...(options.dnsPodLabels ?? { 'k8s-app': 'kube-dns' }) }, port },
    strictCidr: options.strictCidr === true,
  };
}

function runDocumentRules(options: ResolvedOptions, documents: readonly PolicyDocument[], findings: LintFinding[]): void {
  for (const rule of options.rules) {
    rule.checkDocuments?.(documents, (draft) => findings.push(finding(rule, draft)));
  }
}

function runClusterDocumentRules(options: ResolvedOptions, documents: readonly ClusterPolicyDocument[], findings: LintFinding[]): void {
  for (const rule of options.rules) {
    rule.checkClusterDocuments?.(documents, (draft) => findings.push(finding(rule, draft)));
  }
}

function runModelRules(
  options: ResolvedOptions, cluster: ClusterModel, fileOf: (origin: Origin | undefined) => string | undefined,
  findings: LintFinding[], policyCount: number,
): LintReport {
  const context = new LintContext(cluster, options.dns, fileOf);
  for (const rule of options.rules) {
    rule.checkModel?.(context, (draft) => findings.push(finding(rule, draft)));
  }
  return LintReport._create(findings, options.rules, policyCount, context.evaluator.endpoints.length, context.evaluator.tiers?.policies.length ?? 0);
}

function finding(rule: LintRule, draft: FindingDraft): LintFinding {
  const optional = { policy: draft.policy, workload: draft.workload, field: draft.field, file: draft.file, document: draft.document };
  return {
    ruleId: rule.id,
    ruleName: rule.name,
    severity: draft.severity ?? rule.severity,
    // Absent rather than undefined, so that JSON and snapshots show only what is known.
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined)),
    message: draft.message,
    fix: draft.fix,
  };
}

function policyDocument(value: Record<string, any>, origin: Origin, file: string | undefined, issues: PolicyDocument['issues']): PolicyDocument {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const namespace = typeof metadata.namespace === 'string' && metadata.namespace !== '' ? metadata.namespace : undefined;
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
  return {
    value,
    namespace,
    name,
    id: `${namespace ?? DEFAULT_NAMESPACE}/${name ?? '(no name)'}`,
    file,
    document: origin.documentIndex,
    where: formatOrigin(origin),
    issues,
  };
}

function clusterPolicyDocument(
  value: Record<string, any>, origin: Origin | undefined, file: string | undefined, issues: readonly ValidationIssue[],
): ClusterPolicyDocument {
  const metadata = isObject(value.metadata) ? value.metadata : {};
  const name = typeof metadata.name === 'string' && metadata.name !== '' ? metadata.name : undefined;
  return {
    value,
    name,
    id: `ClusterNetworkPolicy ${name ?? '(no name)'}`,
    file,
    document: origin?.documentIndex,
    where: origin ? formatOrigin(origin) : 'an object given directly',
    issues,
  };
}
