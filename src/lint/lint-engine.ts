/**
 * Runs the rules: the validator and the rules about how manifests are written over every NetworkPolicy
 * object, then the model rules over the objects loaded into a cluster model. Internal: `Linter` and the
 * CLI and cdk8s plugin build on it.
 *
 * @module
 */
import { LintContext, DnsSettings } from './lint-context';
import { LintFinding } from './lint-finding';
import { LintOptions } from './lint-options';
import { LintReport } from './lint-report';
import { LintSeverity } from './lint-severity';
import { PolicyDocument } from './policy-document';
import { FindingDraft, LintRule } from './rule';
import { RULES } from './rules';
import { invalidManifest } from './rules/invalid-manifest';
import { formatOrigin, ManifestLoadError, Origin } from '../analysis/errors';
import { ManifestLoader } from '../analysis/load';
import { ClusterModel, DEFAULT_NAMESPACE } from '../analysis/model';
import { isNetworkPolicy, isObject } from '../manifest';
import { ValidationSeverity } from '../validation/issues';
import { checkPortNumber } from '../validation/syntax';
import { validateNetworkPolicy } from '../validation/validate';

/** One object to lint, with where it came from. */
export interface LintObject {
  readonly value: unknown;
  /** Names the origin in messages: the file, or a label such as `chart my-chart`. */
  readonly source: string;
  /** The file it was read from, when it was. */
  readonly file?: string;
  /** 0-based index of the document in its source. */
  readonly document: number;
}

interface ResolvedOptions {
  readonly rules: readonly LintRule[];
  readonly dns: DnsSettings;
  readonly strictCidr: boolean;
}

/** Lints plain objects (List items included), read from files or not. */
export function lintObjects(objects: readonly LintObject[], options: LintOptions = {}): LintReport {
  const resolved = resolveOptions(options);
  const findings: LintFinding[] = [];
  const files = new Set<string>();
  const items: Array<{ value: unknown; origin: Origin; file?: string }> = [];
  for (const object of objects) {
    if (object.file !== undefined) files.add(object.source);
    const origin: Origin = { source: object.source, documentIndex: object.document };
    const value = object.value;
    if (isObject(value) && value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item: unknown, i: number) => items.push({ value: item, origin: { ...origin, path: `items[${i}]` }, file: object.file }));
    } else {
      items.push({ value, origin, file: object.file });
    }
  }

  const documents: PolicyDocument[] = [];
  const invalid = new Set<unknown>();
  for (const item of items) {
    if (!isObject(item.value) || !isNetworkPolicy(item.value)) continue;
    const issues = validateNetworkPolicy(item.value, { strictCidr: resolved.strictCidr });
    if (issues.some((i) => i.severity === ValidationSeverity.ERROR)) invalid.add(item.value);
    documents.push(policyDocument(item.value, item.origin, item.file, issues));
  }
  runDocumentRules(resolved, documents, findings);

  const cluster = new ClusterModel();
  const loader = new ManifestLoader(cluster);
  try {
    for (const item of items) {
      if (invalid.has(item.value)) continue;
      try {
        loader.loadObject(item.value, item.origin);
      } catch (e) {
        // A policy the validator accepts but the evaluator cannot read (e.g. named only by generateName) is left out, and said so.
        if (!(e instanceof ManifestLoadError) || !isObject(item.value) || !isNetworkPolicy(item.value)) throw e;
        const doc = documents.find((d) => d.value === item.value)!;
        if (resolved.rules.includes(invalidManifest)) {
          findings.push(finding(invalidManifest, {
            severity: LintSeverity.WARNING,
            policy: doc.id,
            field: e.field,
            file: doc.file,
            document: doc.document,
            message: `${doc.id} cannot be analysed: ${e.detail}`,
            fix: 'Give the policy a metadata.name so that its connectivity can be judged.',
          }));
        }
      }
    }
  } finally {
    loader.finish();
  }
  return runModelRules(resolved, cluster, (origin) => (origin && files.has(origin.source) ? origin.source : undefined), findings, documents.length);
}

/** Lints a model built elsewhere: the validator over each policy as loaded, then the model rules. */
export function lintCluster(cluster: ClusterModel, options: LintOptions = {}): LintReport {
  const resolved = resolveOptions(options);
  const findings: LintFinding[] = [];
  const policies = cluster.snapshot().policies;
  const documents = policies.map((p) => policyDocument(
    p.manifest as unknown as Record<string, any>,
    p.origin ?? { source: '<model>', documentIndex: 0 },
    undefined,
    validateNetworkPolicy(p.manifest, { strictCidr: resolved.strictCidr }),
  ));
  runDocumentRules(resolved, documents, findings);
  return runModelRules(resolved, cluster, () => undefined, findings, documents.length);
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

function runModelRules(
  options: ResolvedOptions, cluster: ClusterModel, fileOf: (origin: Origin | undefined) => string | undefined,
  findings: LintFinding[], policyCount: number,
): LintReport {
  const context = new LintContext(cluster, options.dns, fileOf);
  for (const rule of options.rules) {
    rule.checkModel?.(context, (draft) => findings.push(finding(rule, draft)));
  }
  return LintReport._create(findings, options.rules, policyCount, context.evaluator.endpoints.length);
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

