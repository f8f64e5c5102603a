/**
 * Runs the library's validator over every NetworkPolicy in the parsed documents (including the
 * items of `List` objects), and reports each issue with its file, document and full field path.
 *
 * @module
 */
import { InputError } from './cli-error';
import { ParsedDocument } from './documents';
import { isNetworkPolicy, isObject, NETWORK_POLICY_KIND } from '../manifest';
import { ValidationSeverity } from '../validation/issues';
import { validateNetworkPolicy } from '../validation/validate';

/** One validator issue, located. */
export interface PolicyFinding {
  readonly severity: ValidationSeverity;
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
}

/**
 * Validates every NetworkPolicy. A document (or `List` item) that is not an object is an
 * `InputError`: it is not a manifest at all.
 */
export function validatePolicies(documents: readonly ParsedDocument[], options: { strictCidr: boolean }): ValidationReport {
  const findings: PolicyFinding[] = [];
  let policies = 0;
  const visit = (value: unknown, document: ParsedDocument, prefix: string) => {
    if (!isObject(value)) {
      throw new InputError(`a manifest must be an object with apiVersion and kind, not ${describe(value)}`, {
        file: document.file, document: document.index, field: prefix || undefined,
      });
    }
    if (value.kind === 'List' && Array.isArray(value.items)) {
      value.items.forEach((item: unknown, i: number) => visit(item, document, `${prefix}items[${i}]`));
      return;
    }
    if (!isNetworkPolicy(value)) return;
    policies++;
    const metadata = isObject(value.metadata) ? value.metadata : {};
    for (const issue of validateNetworkPolicy(value, { strictCidr: options.strictCidr })) {
      const inner = issue.field === '<root>' ? '' : issue.field;
      findings.push({
        severity: issue.severity,
        file: document.file,
        document: document.index,
        kind: NETWORK_POLICY_KIND,
        namespace: typeof metadata.namespace === 'string' ? metadata.namespace : null,
        name: typeof metadata.name === 'string' ? metadata.name : null,
        field: prefix && inner ? `${prefix}.${inner}` : prefix || inner || '<root>',
        message: issue.message,
        detail: inner && issue.message.startsWith(`${inner} `) ? issue.message.slice(inner.length + 1) : issue.message,
      });
    }
  };
  for (const document of documents) visit(document.value, document, '');
  return { findings, policies };
}

/** The finding as an input error: one line naming the file, the document and the field. */
export function findingError(finding: PolicyFinding): InputError {
  return new InputError(finding.detail, { file: finding.file, document: finding.document, field: finding.field });
}


function describe(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'string') return `the string ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value)}`;
  return `${typeof value} ${JSON.stringify(value)}`;
}
