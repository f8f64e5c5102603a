/**
 * A fixed-size set of small integers stored as 32-bit words.
 *
 * The evaluator's index keeps one bitset per selector, peer and rule over the pod classes, so that
 * "which pods does this rule allow" is a handful of word-wide ANDs and ORs instead of a selector
 * match per pod pair. Internal.
 *
 * @module
 */

// Bit operations are the point of this file.
/* eslint-disable no-bitwise */

export class Bitset {
  /** A set holding every member of `0..size-1`. */
  public static full(size: number): Bitset {
    const set = new Bitset(size);
    set.words.fill(0xffffffff);
    set.clearTail();
    return set;
  }

  /** A set of the given members. */
  public static of(size: number, members: Iterable<number>): Bitset {
    const set = new Bitset(size);
    for (const member of members) set.add(member);
    return set;
  }

  public readonly words: Uint32Array;

  constructor(public readonly size: number) {
    this.words = new Uint32Array((size + 31) >>> 5);
  }

  public add(member: number): void {
    this.words[member >>> 5] |= 1 << (member & 31);
  }


  public remove(member: number): void {
    this.words[member >>> 5] &= ~(1 << (member & 31));
  }

  public has(member: number): boolean {
    return (this.words[member >>> 5] & (1 << (member & 31))) !== 0;
  }

  public clone(): Bitset {
    const copy = new Bitset(this.size);
    copy.words.set(this.words);
    return copy;
  }

  /** In place: keep only members also in `other`. */
  public and(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] &= b[i];
    return this;
  }

  /** In place: add every member of `other`. */
  public or(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] |= b[i];
    return this;
  }

  /** In place: add every member that is in both `x` and `y` (a fused `this |= x & y`). */
  public orAnd(x: Bitset, y: Bitset): this {
    const a = this.words;
    const b = x.words;
    const c = y.words;
    for (let i = 0; i < a.length; i++) a[i] |= b[i] & c[i];
    return this;
  }

  /** In place: remove every member of `other`. */
  public andNot(other: Bitset): this {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) a[i] &= ~b[i];
    return this;
  }


  /** How many members the set has. */
  public count(): number {
    let n = 0;
    const a = this.words;
    for (let i = 0; i < a.length; i++) {
      let v = a[i];
      v -= (v >>> 1) & 0x55555555;
      v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
      n += (((v + (v >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return n;
  }

  /** Whether the set has no member. */
  public isEmpty(): boolean {
    const a = this.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
    return true;
  }

  /** Whether the sets have the same members (and size). */
  public equals(other: Bitset): boolean {
    if (other.size !== this.size) return false;
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
  }

  /** A hash of the members (equal sets, equal hashes). */
  public hash(): number {
    const a = this.words;
    let h = 0x811c9dc5;
    for (let i = 0; i < a.length; i++) h = Math.imul(h ^ a[i], 0x01000193);
    return h >>> 0;
  }

  /** Whether every member of this set is in `other`. */
  public isSubsetOf(other: Bitset): boolean {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) if ((a[i] & ~b[i]) !== 0) return false;
    return true;
  }

  /** Whether the sets share a member. */
  public intersects(other: Bitset): boolean {
    const a = this.words;
    const b = other.words;
    for (let i = 0; i < a.length; i++) if ((a[i] & b[i]) !== 0) return true;
    return false;
  }

  /** The members in increasing order. */
  public members(): number[] {
    const out: number[] = [];
    const a = this.words;
    for (let i = 0; i < a.length; i++) {
      let v = a[i];
      while (v !== 0) {
        const low = v & -v;
        out.push((i << 5) + 31 - Math.clz32(low));
        v ^= low;
      }
    }
    return out;
  }

  private clearTail(): void {
    const extra = this.words.length * 32 - this.size;
    if (extra > 0) {
      this.words[this.words.length - 1] >>>= extra;
    }
  }
}
