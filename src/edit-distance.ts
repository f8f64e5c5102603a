/**
 * The Levenshtein distance of two texts, or `max + 1` as soon as it is known to be more than `max`: for
 * "did you mean" hints (option names, manifest fields, endpoint names), which only care about near misses.
 *
 * @internal
 */
export function editDistanceWithin(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let least = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      least = Math.min(least, current[j]);
    }
    if (least > max) return max + 1;
    previous = current;
  }
  return previous[b.length];
}
