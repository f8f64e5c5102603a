/**
 * Label selectors in the normalized form the evaluator, the representatives and the constructs' checks
 * reason about: `matchLabels` as sorted pairs and the expressions as requirements. Internal.
 *
 * @module
 */

/** The four label selector operators of the Kubernetes API. */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';

export const SELECTOR_OPERATORS: readonly SelectorOperator[] = ['In', 'NotIn', 'Exists', 'DoesNotExist'];

export interface Requirement {
  readonly key: string;
  readonly operator: SelectorOperator;
  readonly values: readonly string[];
}

/** A label selector after loading. Both lists empty means "everything". */
export interface NormalizedSelector {
  /** `matchLabels`, sorted by key. */
  readonly matchLabels: ReadonlyArray<readonly [string, string]>;
  readonly expressions: readonly Requirement[];
}
