/**
 * Label selectors: the normalized form the evaluator indexes, a direct predicate over plain manifest
 * selectors (used by the naive evaluator, so that the oracle shares no matching code with the index),
 * and the kubectl-style text used in explanations. Internal.
 *
 * @module
 */
import { Labels } from '../ingest/records';
import { LabelSelectorManifest } from '../manifest';
import { NormalizedSelector } from '../selection/normalized';
import { sortedUnique } from '../sorted-unique';

export { isEmptySelector, SELECTOR_OPERATORS } from '../selection/normalized';
export type { NormalizedSelector, Requirement, SelectorOperator } from '../selection/normalized';

/** A canonical key, equal for selectors that select the same thing by construction. */
export function selectorKey(selector: NormalizedSelector): string {
  const parts = selector.matchLabels.map(([k, v]) => `${k}=${v}`);
  for (const r of selector.expressions) {
    parts.push(`${r.key} ${r.operator} ${[...r.values].sort().join(',')}`);
  }
  return parts.sort().join('\u0000');
}

/**
 * Whether a plain manifest selector matches the labels. `matchLabels` and every expression must all
 * hold; `NotIn` and `DoesNotExist` hold for objects without the key.
 */
export function matchesSelector(selector: LabelSelectorManifest, labels: Labels): boolean {
  for (const [key, value] of Object.entries(selector.matchLabels ?? {})) {
    if (!Object.prototype.hasOwnProperty.call(labels, key) || labels[key] !== value) return false;
  }
  for (const requirement of selector.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(labels, requirement.key);
    const values = requirement.values ?? [];
    switch (requirement.operator) {
      case 'In':
        if (!has || !values.includes(labels[requirement.key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[requirement.key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        throw new Error(`unknown label selector operator '${requirement.operator}'`);
    }
  }
  return true;
}

/** Whether a normalized selector matches the labels (used to explain; the index never matches one by one). */
export function matchesNormalizedSelector(selector: NormalizedSelector, labels: Labels): boolean {
  // Plain loops and one table of operators: this runs per namespace and per explanation, so no closure is
  // made per call. (The manifest predicate above is kept apart: the naive evaluator, a test oracle, uses it.)
  for (const [k, v] of selector.matchLabels) {
    if (!Object.prototype.hasOwnProperty.call(labels, k) || labels[k] !== v) return false;
  }
  for (const r of selector.expressions) {
    const has = Object.prototype.hasOwnProperty.call(labels, r.key);
    if (!(REQUIREMENT_HOLDS[r.operator]?.(has, labels[r.key], r.values) ?? false)) return false;
  }
  return true;
}

/** Whether a requirement holds, per operator, given whether the key is present and its value. */
const REQUIREMENT_HOLDS: Record<string, (has: boolean, value: string | undefined, values: readonly string[]) => boolean> = {
  In: (has, value, values) => has && values.includes(value!),
  NotIn: (has, value, values) => !has || !values.includes(value!),
  Exists: (has) => has,
  DoesNotExist: (has) => !has,
};

/** Labels as `k=v,k2=v2` (sorted), or `no labels`. */
export function describeLabels(labels: Labels, skipKey?: string): string {
  // Runs for every pod of a lint or a diff: the small-list sort, without a sort's work area.
  const keys = sortedUnique(Object.keys(labels).filter((k) => k !== skipKey));
  return keys.length === 0 ? 'no labels' : keys.map((k) => `${k}=${labels[k]}`).join(',');
}
