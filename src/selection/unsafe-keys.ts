/**
 * Whether a label key of some selector may be one that cdk8s cannot synthesize in a plain object
 * (`constructor`, `__proto__`): policies rename such keys for cdk8s, and skip looking for them while none
 * was ever given. Internal.
 *
 * @module
 */

let possible = false;

/** Notes a label key given to a selector. */
export function noteLabelKey(key: string): void {
  if (key === 'constructor' || key === '__proto__') possible = true;
}

/** Notes labels the library did not check (a workload object's, read at synthesis). */
export function noteUnsafeLabelKeys(): void {
  possible = true;
}

/** Whether any selector may hold such a key. */
export function unsafeLabelKeysPossible(): boolean {
  return possible;
}
