/**
 * The evaluator's bitsets: each operation checked against a plain `Set` on seeded random sets whose
 * windows start, end and grow at different words, so that every alignment of two windows is met.
 */
import { prng } from './helpers';
import { Bitset } from '../../src/bitset';
import { KeptSets } from '../../src/kept-sets';

describe('Bitset', () => {
  test('full sets hold exactly 0..size-1, across word boundaries', () => {
    for (const size of [0, 1, 31, 32, 33, 64, 100]) {
      expect(Bitset.full(size).members()).toEqual(Array.from({ length: size }, (_, i) => i));
    }
  });

  test('set operations', () => {
    const a = Bitset.of(70, [0, 31, 32, 69]);
    const b = Bitset.of(70, [31, 40, 69]);
    expect(a.clone().and(b).members()).toEqual([31, 69]);
    expect(a.clone().or(b).members()).toEqual([0, 31, 32, 40, 69]);
    expect(a.clone().andNot(b).members()).toEqual([0, 32]);
    expect(new Bitset(70).orAnd(a, b).members()).toEqual([31, 69]);
    expect(new Bitset(70).orAndNot(a, b).members()).toEqual([0, 32]);
    expect(a.has(32) && !a.has(33)).toBe(true);
    // clone is independent
    const c = a.clone();
    c.add(5);
    expect(a.has(5)).toBe(false);
  });

  test('a set holds only the words between its lowest and highest member', () => {
    const set = Bitset.of(32 * 1000, [32 * 500 + 3, 32 * 501]);
    expect(set.firstWord).toBe(500);
    expect(set.words.length).toBe(2);
    expect(new Bitset(32 * 1000).words.length).toBe(0);
    // A clone drops the zero words a set came to hold.
    const grown = Bitset.of(32 * 1000, [0, 32 * 999]);
    grown.remove(0);
    const copy = grown.clone();
    expect([copy.firstWord, copy.words.length]).toEqual([999, 1]);
    expect(copy.equals(grown) && copy.hash() === grown.hash() && copy.key() === grown.key()).toBe(true);
  });

  test('a member outside 0..size-1 is refused, not lost', () => {
    expect(() => new Bitset(64).add(64)).toThrow(RangeError);
    expect(() => new Bitset(64).add(-1)).toThrow(RangeError);
  });

  test('every operation agrees with a Set, whatever the windows', () => {
    const random = prng(20261204);
    const size = 32 * 12 + 7;
    // A set of members clustered somewhere (or empty, or spread), built in a random order.
    const randomSet = (): number[] => {
      const shape = random();
      if (shape < 0.1) return [];
      const low = Math.floor(random() * size);
      const span = shape < 0.5 ? 40 : shape < 0.8 ? 150 : size;
      const out: number[] = [];
      const n = Math.floor(random() * 30);
      for (let i = 0; i < n; i++) out.push(Math.min(size - 1, low + Math.floor(random() * span)));
      return out;
    };
    // Built one member at a time (growing the window), or at once, or with members removed again.
    const build = (members: number[]): Bitset => {
      const how = random();
      if (how < 0.3) return Bitset.of(size, members);
      const set = new Bitset(size);
      for (const m of members) set.add(m);
      if (how > 0.7) {
        const extra = Math.floor(random() * size);
        set.add(extra);
        if (!members.includes(extra)) set.remove(extra);
      }
      return set;
    };
    const sorted = (s: Set<number>) => [...s].sort((x, y) => x - y);
    for (let round = 0; round < 1200; round++) {
      const am = randomSet();
      const bm = randomSet();
      const cm = randomSet();
      const a = build(am);
      const b = build(bm);
      const c = build(cm);
      const A = new Set(am);
      const B = new Set(bm);
      const C = new Set(cm);
      expect(a.members()).toEqual(sorted(A));
      expect(a.count()).toBe(A.size);
      expect(a.isEmpty()).toBe(A.size === 0);
      expect(a.clone().and(b).members()).toEqual(sorted(new Set([...A].filter((x) => B.has(x)))));
      expect(a.clone().or(b).members()).toEqual(sorted(new Set([...A, ...B])));
      expect(a.clone().andNot(b).members()).toEqual(sorted(new Set([...A].filter((x) => !B.has(x)))));
      expect(c.clone().orAnd(a, b).members()).toEqual(sorted(new Set([...C, ...[...A].filter((x) => B.has(x))])));
      expect(c.clone().orAndNot(a, b).members()).toEqual(sorted(new Set([...C, ...[...A].filter((x) => !B.has(x))])));
      expect(a.isSubsetOf(b)).toBe([...A].every((x) => B.has(x)));
      expect(a.intersects(b)).toBe([...A].some((x) => B.has(x)));
      const same = sorted(A).join() === sorted(B).join();
      expect(a.equals(b)).toBe(same);
      expect(a.key() === b.key()).toBe(same);
      if (same) expect(a.hash()).toBe(b.hash());
      // Built another way, the same members are the same set.
      const twin = Bitset.of(size, sorted(A).reverse());
      expect(twin.equals(a) && a.equals(twin) && twin.hash() === a.hash() && twin.key() === a.key()).toBe(true);
      for (const probe of [0, size - 1, Math.floor(random() * size)]) expect(a.has(probe)).toBe(A.has(probe));
    }
  });
});

describe('kept sets', () => {
  test('equal sets are one kept copy; the set given is never kept, so a scratch set may change after', () => {
    const kept = new KeptSets();
    const scratch = Bitset.of(200, [3, 150]);
    const first = kept.keep(scratch);
    expect(first).not.toBe(scratch);
    scratch.add(7);
    expect(first.members()).toEqual([3, 150]);
    expect(kept.keep(Bitset.of(200, [150, 3]))).toBe(first);
    const other = kept.keep(scratch);
    expect(other).not.toBe(first);
    expect(other.members()).toEqual([3, 7, 150]);
    expect(kept.keep(new Bitset(200))).toBe(kept.keep(new Bitset(200)));
  });
});
