/**
 * Numbers for objects by identity, in the order they are first asked for: a key built from shared
 * objects (kept sets, rules, lists of rows) is then a short string of numbers. Internal.
 *
 * @module
 */
export class IdentityNumbers<T extends object> {
  private readonly numbers = new WeakMap<T, number>();
  private next = 0;

  /** The object's number: the one it was given when first asked, else the next one. */
  public numberOf(object: T): number {
    let n = this.numbers.get(object);
    if (n === undefined) this.numbers.set(object, (n = this.next++));
    return n;
  }
}
