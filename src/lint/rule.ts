/**
 * The shape of a lint rule, and what rules are handed: the raw policies (for rules about how a manifest
 * is written: NetworkPolicies and ClusterNetworkPolicies apart) or the loaded model with its evaluator (for
 * rules about what the policies do). Internal.
 *
 * @module
 */
import { LintContext } from './lint-context';
import { LintFinding } from './lint-finding';
import { Severity } from '../severity';
import { ClusterPolicyDocument, PolicyDocument } from './policy-document';

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
  /** Whether the rule judges ClusterNetworkPolicies (the others judge NetworkPolicies only). */
  readonly judgesClusterPolicies?: boolean;
  /** Rules about the manifests as written (needs every object, before loading). */
  checkDocuments?(policies: readonly PolicyDocument[], report: Report): void;
  /** Rules about the ClusterNetworkPolicy manifests as written, before loading. */
  checkClusterDocuments?(policies: readonly ClusterPolicyDocument[], report: Report): void;
  /** Rules about what the loaded policies do. */
  checkModel?(context: LintContext, report: Report): void;
}
