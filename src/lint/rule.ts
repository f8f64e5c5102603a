/**
 * The shape of a lint rule, and what rules are handed: the raw policies (for rules about how a manifest
 * is written) or the loaded model with its evaluator (for rules about what the policies do). Internal.
 *
 * @module
 */
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { Severity } from '../severity';
import { PolicyDocument } from './policy-document';

/**
 * What a rule reports: a finding without the rule's id and name, which the engine adds, and with the
 * severity optional (the rule's own by default).
 */
export type FindingDraft = Omit<LintFinding, 'ruleId' | 'ruleName' | 'severity'> & { readonly severity?: Severity };

export type Report = (draft: FindingDraft) => void;

export interface LintRule {
  readonly id: string;
  readonly name: string;
  readonly severity: Severity;
  readonly summary: string;
  readonly help: string;
  /** Rules about the manifests as written (needs every object, before loading). */
  checkDocuments?(policies: readonly PolicyDocument[], report: Report): void;
  /** Rules about what the loaded policies do. */
  checkModel?(context: LintContext, report: Report): void;
}
