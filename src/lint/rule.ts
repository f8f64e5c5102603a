/**
 * The shape of a lint rule, and what rules are handed: the raw policies (for rules about how a manifest
 * is written) or the loaded model with its evaluator (for rules about what the policies do). Internal.
 *
 * @module
 */
import { LintContext } from './lint-context';
import { LintSeverity } from './lint-severity';
import { PolicyDocument } from './policy-document';

/** What a rule reports; the engine adds the rule's id, name and default severity. */
export interface FindingDraft {
  /** @default the rule's severity */
  readonly severity?: LintSeverity;
  /** `namespace/name` of the policy. */
  readonly policy?: string;
  /** `namespace/name` of the workload. */
  readonly workload?: string;
  readonly field?: string;
  readonly file?: string;
  readonly document?: number;
  readonly message: string;
  readonly fix: string;
}

export type Report = (draft: FindingDraft) => void;

export interface LintRule {
  readonly id: string;
  readonly name: string;
  readonly severity: LintSeverity;
  readonly summary: string;
  readonly help: string;
  /** Rules about the manifests as written (needs every object, before loading). */
  checkDocuments?(policies: readonly PolicyDocument[], report: Report): void;
  /** Rules about what the loaded policies do. */
  checkModel?(context: LintContext, report: Report): void;
}
