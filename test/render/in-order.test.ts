import { inOrderOf } from '../../src/render/diagram-view';

describe('the order of a diagram\'s edges', () => {
  test('items come in the order of their numbers, by a typed array', () => {
    const items = ['c', 'a', 'd', 'b', 'e'];
    const numbers: Record<string, number> = { a: 3, b: 70_000_000, c: 900, d: 0, e: 12 };
    expect(inOrderOf(items, (x) => numbers[x])).toEqual(['d', 'a', 'e', 'c', 'b']);
    expect(inOrderOf([], () => 0)).toEqual([]);
  });

  test('numbers too large to share a float with a position are sorted by comparison, in the same order', () => {
    const items = [5, 1, 4, 2, 3];
    const huge = (x: number) => Number.MAX_SAFE_INTEGER - 10 * (6 - x);
    expect(inOrderOf(items, huge)).toEqual([1, 2, 3, 4, 5]);
  });

  test('many items keep each its own position', () => {
    const items = Array.from({ length: 5000 }, (_, i) => i);
    const shuffled = [...items].sort((a, b) => ((a * 7919) % 5000) - ((b * 7919) % 5000));
    expect(inOrderOf(shuffled, (x) => x * 3)).toEqual(items);
  });
});
