/**
 * Manifests the library built itself and froze deeply (selectors, peers, ports): they cannot change, so
 * once the validator has found one clean it need not look at it again. Shared values appear in many
 * policies of a chart (the same app selector, the DNS peer, Port.DNS_UDP), and this keeps the full
 * validation at synthesis cheap. Only objects registered here are trusted: a caller's frozen object may
 * hold parts that are not.
 */
const DEEP_FROZEN = new WeakSet<object>();

/** Registers a deeply frozen manifest; returns it. */
export function markDeepFrozen<T>(value: T): T {
  if (typeof value === 'object' && value !== null) DEEP_FROZEN.add(value);
  return value;
}

/** Whether a value is a manifest registered with `markDeepFrozen`. */
export function isDeepFrozen(value: unknown): boolean {
  return typeof value === 'object' && value !== null && DEEP_FROZEN.has(value);
}
