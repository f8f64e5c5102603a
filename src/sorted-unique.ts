/**
 * Sorting a handful of strings without duplicates, cheaply. Internal.
 *
 * @module
 */

/**
 * The strings (or numbers) sorted, without duplicates. Selectors hold a handful of labels or values, and
 * `Array.prototype.sort` allocates a work area of about a kilobyte per call: an insertion sort allocates
 * nothing, and this runs for every selector of every policy (and every pod's labels). Longer lists are
 * sorted by `Array.prototype.sort`, so that the cost stays n log n.
 */
export function sortedUnique<T extends string | number>(values: readonly T[]): T[] {
  const out = values.slice();
  if (out.length > 32) {
    out.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  }
  for (let i = 1; i < out.length; i++) {
    const value = out[i];
    let j = i - 1;
    while (j >= 0 && out[j] > value) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = value;
  }
  let kept = 0;
  for (let i = 0; i < out.length; i++) {
    if (kept === 0 || out[kept - 1] !== out[i]) {
      out[kept++] = out[i];
    }
  }
  out.length = kept;
  return out;
}
