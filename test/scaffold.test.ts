import * as lib from '../src';

test('the package entry point loads', () => {
  expect(typeof lib).toBe('object');
});
