/**
 * Label keys that cdk8s cannot write in a plain object of a spec: it tells plain objects from others by their
 * `constructor` property, which a `constructor` key hides (synthesis fails), and it copies objects by
 * assignment, which reads a `__proto__` key as the prototype (the key is lost). Both are valid label keys.
 * The ClusterNetworkPolicy construct hands cdk8s a copy with such keys renamed, and renames them back in
 * the JSON cdk8s returns. Internal.
 *
 * @module
 */

const UNSAFE: readonly string[] = ['constructor', '__proto__'];
/** The prefix of a renamed key: no label key can hold a NUL character. */
const PREFIX = '\u0000cdk8s-netpol-cnp:';

/** Whether plain data holds an unsafe key anywhere. */
export function hasUnsafeKey(value: unknown): boolean {
  if (Array.isArray(value)) return value.some(hasUnsafeKey);
  if (typeof value !== 'object' || value === null) return false;
  return Object.keys(value).some((key) => UNSAFE.includes(key) || hasUnsafeKey((value as Record<string, unknown>)[key]));
}

/** A copy of plain data with the unsafe keys renamed. */
export function encodeUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(encodeUnsafeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    out[UNSAFE.includes(key) ? PREFIX + key : key] = encodeUnsafeKeys((value as Record<string, unknown>)[key]);
  }
  return out;
}

/** Plain data with renamed keys restored as own, enumerable keys, sorted as cdk8s sorts keys (unless CDK8S_DISABLE_SORT is set). */
export function decodeUnsafeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodeUnsafeKeys);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.keys(value).map((key): [string, unknown] => [
    key.startsWith(PREFIX) ? key.slice(PREFIX.length) : key, decodeUnsafeKeys((value as Record<string, unknown>)[key]),
  ]);
  if (!process.env.CDK8S_DISABLE_SORT) entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const out: Record<string, unknown> = {};
  for (const [key, inner] of entries) {
    // defineProperty: plain assignment of '__proto__' would set the prototype instead of a key.
    Object.defineProperty(out, key, { value: inner, enumerable: true, writable: true, configurable: true });
  }
  return out;
}
