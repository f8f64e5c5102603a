/**
 * Label selectors in the normalized form the evaluator, the representatives and the constructs' checks
 * reason about: `matchLabels` as sorted pairs and the expressions as requirements. Internal.
 *
 * @module
 */
import { LabelSelectorManifest } from '../manifest';

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

/** The normalized form of a selector manifest: `matchLabels` sorted by key, expressions as written. */
export function normalizeSelector(selector: LabelSelectorManifest): NormalizedSelector {
  const matchLabels = Object.entries(selector.matchLabels ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const expressions: Requirement[] = (selector.matchExpressions ?? [])
    .map((e) => ({ key: e.key, operator: e.operator as SelectorOperator, values: e.values ?? [] }));
  return { matchLabels, expressions };
}

/** Whether a selector selects everything (both lists empty). */
export function isEmptySelector(selector: NormalizedSelector): boolean {
  return selector.matchLabels.length === 0 && selector.expressions.length === 0;
}
