/** What the benches share: CPU time of a function after a collection, and the median of measurements. */

/**
 * CPU time (user + system, all threads of this process) of `fn`, in ms, after a garbage collection when
 * node runs with `--expose-gc`. CPU rather than wall time, so that other work on the machine shifts both
 * sides of a ratio less.
 */
export function cpuMs(fn: () => unknown): number {
  (globalThis as any).gc?.();
  const start = process.cpuUsage();
  fn();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** The median of some measurements. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
