/**
 * A set of small integers (`0..size-1`) stored as 32-bit words.
 *
 * The evaluator's index keeps one bitset per selector, peer and rule over the pod classes, so that
 * "which pods does this rule allow" is a handful of word-wide ANDs and ORs instead of a selector
 * match per pod pair. Internal.
 *
 * A set holds only a window of words, from the word of its lowest member to that of its highest (and
 * may hold zero words at either end): the set of pods a policy selects is mostly a word or two of a
 * cluster's thousands, so it costs a word or two, and so do the passes over it. Words outside the
 * window are zero. The window grows (doubling) when a member outside it is added.
 *
 * @module
 */

// Bit operations are the point of this file.
/* eslint-disable no-bitwise */

const NO_WORDS = new Uint32Array(0);

export class Bitset {
  /** A set holding every member of `0..size-1`. */
  public static full(size: number): Bitset {
    const set = new Bitset(size);
    const words = new Uint32Array((size + 31) >>> 5);
    words.fill(0xffffffff);
    const extra = words.length * 32 - size;
    if (extra > 0) words[words.length - 1] >>>= extra;
    set.window = words;
    return set;
  }

  /** A set of the given members. */
  public static of(size: number, members: Iterable<number>): Bitset {
    const set = new Bitset(size);
    if (Array.isArray(members) && members.length > 0) {
      let low = members[0];
      let high = low;
      for (const m of members) {
        if (m < low) low = m; else if (m > high) high = m;
      }
      set.start = low >>> 5;
      set.window = new Uint32Array((high >>> 5) - set.start + 1);
    }
    for (const member of members) set.add(member);
    return set;
  }

  /** The index of the first word of the window. */
  private start = 0;
  /** The words of the window: word `i` of the set is `window[i - start]`. */
  private window: Uint32Array = NO_WORDS;

  constructor(public readonly size: number) {}

  /** The index of the first word held (see `words`). */
  public get firstWord(): number {
    return this.start;
  }

  /**
   * The words held, from word `firstWord` on: member `m` is bit `m & 31` of `words[(m >>> 5) - firstWord]`.
   * Words outside are zero. Read only.
   */
  public get words(): Uint32Array {
    return this.window;
  }

  public add(member: number): void {
    const w = (member >>> 5) - this.start;
    if (w < 0 || w >= this.window.length) {
      this.cover(member >>> 5, member >>> 5);
      this.window[(member >>> 5) - this.start] |= 1 << (member & 31);
    } else {
      this.window[w] |= 1 << (member & 31);
    }
  }

  public remove(member: number): void {
    const w = (member >>> 5) - this.start;
    if (w >= 0 && w < this.window.length) this.window[w] &= ~(1 << (member & 31));
  }

  public has(member: number): boolean {
    const w = (member >>> 5) - this.start;
    return w >= 0 && w < this.window.length && (this.window[w] & (1 << (member & 31))) !== 0;
  }

  /** A copy, holding only the words from its lowest member to its highest. */
  public clone(): Bitset {
    const copy = new Bitset(this.size);
    const a = this.window;
    let from = 0;
    let to = a.length;
    while (from < to && a[from] === 0) from++;
    while (to > from && a[to - 1] === 0) to--;
    if (from < to) {
      copy.start = this.start + from;
      copy.window = a.slice(from, to);
    }
    return copy;
  }

  /** In place: remove every member. */
  public clear(): this {
    this.window.fill(0);
    return this;
  }

  /** In place: keep only members also in `other`. */
  public and(other: Bitset): this {
    const a = this.window;
    const b = other.window;
    const shift = this.start - other.start;
    const from = Math.max(0, -shift);
    const to = Math.min(a.length, b.length - shift);
    if (to <= from) return this.clear();
    for (let i = 0; i < from; i++) a[i] = 0;
    for (let i = from; i < to; i++) a[i] &= b[i + shift];
    for (let i = to; i < a.length; i++) a[i] = 0;
    return this;
  }

  /** In place: add every member of `other`. */
  public or(other: Bitset): this {
    const b = other.window;
    let from = 0;
    let to = b.length;
    const outside = other.start < this.start || other.start + to > this.start + this.window.length;
    if (outside) {
      while (from < to && b[from] === 0) from++;
      while (to > from && b[to - 1] === 0) to--;
      if (from === to) return this;
      this.cover(other.start + from, other.start + to - 1);
    }
    const a = this.window;
    const shift = other.start - this.start;
    for (let i = from; i < to; i++) a[i + shift] |= b[i];
    return this;
  }

  /** In place: add every member that is in both `x` and `y` (a fused `this |= x & y`). */
  public orAnd(x: Bitset, y: Bitset): this {
    const low = Math.max(x.start, y.start);
    const high = Math.min(x.start + x.window.length, y.start + y.window.length);
    if (high <= low) return this;
    const b = x.window;
    const c = y.window;
    const bShift = low - x.start;
    const cShift = low - y.start;
    let from = 0;
    let to = high - low;
    while (from < to && (b[from + bShift] & c[from + cShift]) === 0) from++;
    while (to > from && (b[to - 1 + bShift] & c[to - 1 + cShift]) === 0) to--;
    if (from === to) return this;
    this.cover(low + from, low + to - 1);
    const a = this.window;
    const aShift = low - this.start;
    for (let i = from; i < to; i++) a[i + aShift] |= b[i + bShift] & c[i + cShift];
    return this;
  }

  /** In place: add every member of `x` that is not in `y` (a fused `this |= x & ~y`). */
  public orAndNot(x: Bitset, y: Bitset): this {
    const b = x.window;
    let from = 0;
    let to = b.length;
    while (from < to && b[from] === 0) from++;
    while (to > from && b[to - 1] === 0) to--;
    if (from === to) return this;
    this.cover(x.start + from, x.start + to - 1);
    const a = this.window;
    const c = y.window;
    const aShift = x.start - this.start;
    const cShift = x.start - y.start;
    for (let i = from; i < to; i++) {
      const j = i + cShift;
      a[i + aShift] |= j >= 0 && j < c.length ? b[i] & ~c[j] : b[i];
    }
    return this;
  }

  /** In place: remove every member of `other`. */
  public andNot(other: Bitset): this {
    const a = this.window;
    const b = other.window;
    const shift = this.start - other.start;
    const from = Math.max(0, -shift);
    const to = Math.min(a.length, b.length - shift);
    for (let i = from; i < to; i++) a[i] &= ~b[i + shift];
    return this;
  }

  /** How many members the set has. */
  public count(): number {
    let n = 0;
    const a = this.window;
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
    const a = this.window;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) return false;
    return true;
  }

  /** Whether the sets have the same members (and size), whatever their windows. */
  public equals(other: Bitset): boolean {
    if (other.size !== this.size) return false;
    const a = this.window;
    const b = other.window;
    // Word i of this window is word i + shift of the other's; from..to is where both hold words.
    const shift = this.start - other.start;
    const from = Math.min(a.length, Math.max(0, -shift));
    const to = Math.max(from, Math.min(a.length, b.length - shift));
    for (let i = from; i < to; i++) if (a[i] !== b[i + shift]) return false;
    // Outside, both must be zero.
    for (let i = 0; i < from; i++) if (a[i] !== 0) return false;
    for (let i = to; i < a.length; i++) if (a[i] !== 0) return false;
    const otherFrom = Math.min(b.length, Math.max(0, from + shift));
    const otherTo = Math.max(otherFrom, Math.min(b.length, to + shift));
    for (let j = 0; j < otherFrom; j++) if (b[j] !== 0) return false;
    for (let j = otherTo; j < b.length; j++) if (b[j] !== 0) return false;
    return true;
  }

  /** A hash of the members (equal sets, equal hashes, whatever their windows). */
  public hash(): number {
    const a = this.window;
    let h = 0x811c9dc5;
    for (let i = 0; i < a.length; i++) {
      if (a[i] === 0) continue;
      h = Math.imul(h ^ (this.start + i), 0x01000193);
      h = Math.imul(h ^ a[i], 0x01000193);
    }
    return h >>> 0;
  }

  /** A text equal for two sets exactly when they have the same members: a key for maps. */
  public key(): string {
    const parts: string[] = [];
    const a = this.window;
    for (let i = 0; i < a.length; i++) if (a[i] !== 0) parts.push(`${this.start + i}:${a[i]}`);
    return parts.join(',');
  }

  /** Whether every member of this set is in `other`. */
  public isSubsetOf(other: Bitset): boolean {
    const a = this.window;
    for (let i = 0; i < a.length; i++) {
      if (a[i] !== 0 && (a[i] & ~other.word(this.start + i)) !== 0) return false;
    }
    return true;
  }

  /** Whether the sets share a member. */
  public intersects(other: Bitset): boolean {
    const a = this.window;
    const b = other.window;
    const shift = this.start - other.start;
    const to = Math.min(a.length, b.length - shift);
    for (let i = Math.max(0, -shift); i < to; i++) if ((a[i] & b[i + shift]) !== 0) return true;
    return false;
  }

  /** The members in increasing order. */
  public members(): number[] {
    const out: number[] = [];
    const a = this.window;
    for (let i = 0; i < a.length; i++) {
      let v = a[i];
      while (v !== 0) {
        const low = v & -v;
        out.push(((this.start + i) << 5) + 31 - Math.clz32(low));
        v ^= low;
      }
    }
    return out;
  }

  /** Word `w` of the set (zero outside the window). */
  private word(w: number): number {
    const i = w - this.start;
    return i >= 0 && i < this.window.length ? this.window[i] : 0;
  }

  /**
   * Widens the window to hold words `low..high` (of the set's), at least doubling it when it must grow,
   * so that adding members one by one costs amortized constant time.
   */
  private cover(low: number, high: number): void {
    const old = this.window;
    const oldStart = this.start;
    const last = ((this.size + 31) >>> 5) - 1;
    let from: number;
    let to: number;
    if (old.length === 0) {
      from = low;
      to = high;
    } else {
      from = Math.min(low, oldStart);
      to = Math.max(high, oldStart + old.length - 1);
      if (to - from + 1 < 2 * old.length) {
        if (low < oldStart) from = Math.max(0, to - 2 * old.length + 1);
        else to = Math.min(last, from + 2 * old.length - 1);
      }
    }
    if (from < 0 || to > last) throw new RangeError(`member outside 0..${this.size - 1}`);
    const words = new Uint32Array(to - from + 1);
    if (old.length > 0) words.set(old, oldStart - from);
    this.start = from;
    this.window = words;
  }
}
