/**
 * Sorting short lists cheaply. Internal.
 *
 * Selectors hold a handful of labels or values, a destination's port ranges are few, and
 * `Array.prototype.sort` allocates a work area of about a kilobyte per call: an insertion sort allocates
 * nothing. These run for every selector of every policy and for every pod, so a short list is sorted by
 * insertion; a longer one by `Array.prototype.sort`, so that the cost stays n log n.
 *
 * @module
 */

/** Beyond this many values, `Array.prototype.sort`. */
const SHORT = 32;

/** A copy of the values in `compare` order (stable). */
export function sortedShort<T>(values: readonly T[], compare: (a: T, b: T) => number): T[] {
  const out = values.slice();
  if (out.length > SHORT) return out.sort(compare);
  for (let i = 1; i < out.length; i++) {
    const value = out[i];
    let j = i - 1;
    while (j >= 0 && compare(out[j], value) > 0) {
      out[j + 1] = out[j];
      j--;
    }
    out[j + 1] = value;
  }
  return out;
}

/** The strings (or numbers) sorted, without duplicates. */
export function sortedUnique<T extends string | number>(values: readonly T[]): T[] {
  const out = sortedShort(values, (a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let kept = 0;
  for (let i = 0; i < out.length; i++) {
    if (kept === 0 || out[kept - 1] !== out[i]) {
      out[kept++] = out[i];
    }
  }
  out.length = kept;
  return out;
}
