/**
 * Whether a label key of some selector may be one that cdk8s cannot synthesize in a plain object
 * (`constructor`, `__proto__`): policies rename such keys for cdk8s, and skip looking for them while none
 * was ever given; and the renaming itself, which the NetworkPolicy and ClusterNetworkPolicy constructs share.
 * Internal.
 *
 * @module
 */

import { objectOf } from '../runtime-checks';

let possible = false;

/** Notes a label key given to a selector. */
export function noteLabelKey(key: string): void {
  if (UNSAFE_KEYS.includes(key)) possible = true;
}

/** Notes labels the library did not check (a workload object's, read at synthesis). */
export function noteUnsafeLabelKeys(): void {
  possible = true;
}

/** Whether any selector may hold such a key. */
export function unsafeLabelKeysPossible(): boolean {
  return possible;
}

/**
 * Label keys cdk8s cannot synthesize in a plain object: it tells plain objects from others by their
 * `constructor`, which a `constructor` key hides (synthesis fails), and it copies objects by assignment,
 * which takes a `__proto__` key as the prototype (the key is lost).
 */
export const UNSAFE_KEYS: readonly string[] = ['constructor', '__proto__'];
/** The prefix of a renamed key: no label key holds a NUL character. */
const ENCODED = '\u0000cdk8s-netpol:';

/** Whether plain data holds an unsafe key anywhere. */
export function hasUnsafeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasUnsafeKey);
  if (typeof value !== 'object' || value === null) return false;
  for (const key of Object.keys(value)) {
    if (UNSAFE_KEYS.includes(key) || hasUnsafeKey((value as Record<string, unknown>)[key])) return true;
  }
  return false;
}

/** A copy of plain data with the unsafe keys renamed. */
export function encodeUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeUnsafeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[UNSAFE_KEYS.includes(key) ? `${ENCODED}${key}` : key] = encodeUnsafeKeys(inner);
  }
  return out;
}

/** Plain data with the renamed keys restored as own keys, in sorted order as cdk8s writes them. */
export function decodeUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeUnsafeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value).map(([key, inner]): [string, unknown] => [
    key.startsWith(ENCODED) ? key.slice(ENCODED.length) : key, decodeUnsafeKeys(inner),
  ]);
  if (!process.env.CDK8S_DISABLE_SORT) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return objectOf(entries);
}
