import { errorOf, newChart, synthOne } from './helpers';
import { LabelExpression, LabelOperator, LabelSelector, NetworkPolicy, PolicyType } from '../../src';

/** The `spec.podSelector` a policy with this selector synthesizes to. */
function rendered(selector: LabelSelector): any {
  const chart = newChart();
  new NetworkPolicy(chart, 'policy', { podSelector: selector, policyTypes: [PolicyType.INGRESS] });
  return synthOne(chart).spec.podSelector;
}

describe('LabelSelector', () => {
  test('labels() renders matchLabels only', () => {
    expect(rendered(LabelSelector.labels({ app: 'web' }))).toEqual({ matchLabels: { app: 'web' } });
  });

  test('labels are sorted by key, so equal selectors render identically', () => {
    const selector = LabelSelector.labels({ tier: 'web', app: 'shop' });
    expect(Object.keys(selector.matchLabels)).toEqual(['app', 'tier']);
    expect(JSON.stringify(rendered(selector))).toBe(JSON.stringify(rendered(LabelSelector.labels({ app: 'shop', tier: 'web' }))));
  });

  test('of() renders labels and expressions together (AND-ed)', () => {
    const selector = LabelSelector.of({
      labels: { app: 'web' },
      expressions: [LabelExpression.isIn('tier', ['b', 'a']), LabelExpression.doesNotExist('canary')],
    });
    expect(rendered(selector)).toEqual({
      matchLabels: { app: 'web' },
      matchExpressions: [
        { key: 'tier', operator: 'In', values: ['a', 'b'] },
        { key: 'canary', operator: 'DoesNotExist' },
      ],
    });
    expect(selector.toString()).toBe('app=web,tier in (a,b),!canary');
    expect(selector.isAll).toBe(false);
  });

  test('of() with expressions only renders no matchLabels', () => {
    expect(rendered(LabelSelector.of({ expressions: [LabelExpression.exists('app')] })))
      .toEqual({ matchExpressions: [{ key: 'app', operator: 'Exists' }] });
  });

  test('all() is the empty selector {}, said on purpose', () => {
    const all = LabelSelector.all();
    expect(all.isAll).toBe(true);
    expect(all.toString()).toBe('all');
    expect(rendered(all)).toEqual({});
  });

  test('a selector using every operator (snapshot)', () => {
    expect(rendered(LabelSelector.of({
      labels: { 'app.kubernetes.io/name': 'shop', 'app': 'web' },
      expressions: [
        LabelExpression.isIn('tier', ['frontend', 'backend']),
        LabelExpression.notIn('env', ['dev']),
        LabelExpression.exists('team'),
        LabelExpression.doesNotExist('canary'),
      ],
    }))).toMatchSnapshot();
  });

  describe('accepts valid labels', () => {
    test.each([
      ['a prefixed key', { 'example.com/app': 'web' }],
      ['a key of 63 characters', { ['k'.repeat(63)]: 'v' }],
      ['a value of 63 characters', { app: 'v'.repeat(63) }],
      ['a value with _ . and -', { app: 'my_app.v1-2' }],
      ['upper-case letters in key and value', { App: 'Web' }],
    ])('%s', (_what, labels) => {
      expect(rendered(LabelSelector.labels(labels)).matchLabels).toEqual(labels);
    });
  });

  describe('rejects invalid labels at once, naming the bad value and what is valid', () => {
    test('a key with a space', () => {
      const message = errorOf(() => LabelSelector.labels({ 'my app': 'web' }));
      expect(message).toContain("label key 'my app'");
      expect(message).toMatch(/letters, digits/);
    });

    test('a key with an invalid prefix', () => {
      const message = errorOf(() => LabelSelector.labels({ 'Example.com/app': 'web' }));
      expect(message).toContain("'Example.com/app'");
      expect(message).toMatch(/prefix/);
    });

    test('a key name longer than 63 characters', () => {
      const key = 'k'.repeat(64);
      const message = errorOf(() => LabelSelector.labels({ [key]: 'v' }));
      expect(message).toContain(key);
      expect(message).toMatch(/no more than 63 characters/);
    });

    test('a value with a character labels cannot hold', () => {
      const message = errorOf(() => LabelSelector.labels({ app: 'web/api' }));
      expect(message).toContain("label 'app' value 'web/api'");
      expect(message).toMatch(/letters, digits, '-', '_' and '.'/);
    });

    test('a value longer than 63 characters', () => {
      const message = errorOf(() => LabelSelector.labels({ app: 'v'.repeat(64) }));
      expect(message).toMatch(/no more than 63 characters \(has 64\)/);
    });

    test('a value that is not a string (from untyped callers)', () => {
      const message = errorOf(() => LabelSelector.labels({ replicas: 3 as unknown as string }));
      expect(message).toContain("label 'replicas' has value 3");
      expect(message).toMatch(/strings/);
    });
  });
});

describe('LabelExpression', () => {
  test.each([
    ['in', LabelExpression.isIn('tier', ['web']), LabelOperator.IN, { key: 'tier', operator: 'In', values: ['web'] }, 'tier in (web)'],
    ['notIn', LabelExpression.notIn('tier', ['db']), LabelOperator.NOT_IN, { key: 'tier', operator: 'NotIn', values: ['db'] }, 'tier notin (db)'],
    ['exists', LabelExpression.exists('tier'), LabelOperator.EXISTS, { key: 'tier', operator: 'Exists' }, 'tier'],
    ['doesNotExist', LabelExpression.doesNotExist('tier'), LabelOperator.DOES_NOT_EXIST, { key: 'tier', operator: 'DoesNotExist' }, '!tier'],
  ])('%s renders its operator, and values only where the operator takes them', (_name, expression, operator, manifest, text) => {
    expect(expression.operator).toBe(operator);
    expect(expression.toString()).toBe(text);
    expect(rendered(LabelSelector.of({ expressions: [expression] })).matchExpressions).toEqual([manifest]);
  });

  test('values are sorted and de-duplicated', () => {
    expect(LabelExpression.isIn('tier', ['web', 'api', 'web']).values).toEqual(['api', 'web']);
  });

  test("in(key, ['']) matches the empty value explicitly", () => {
    expect(rendered(LabelSelector.of({ expressions: [LabelExpression.isIn('canary', [''])] })).matchExpressions)
      .toEqual([{ key: 'canary', operator: 'In', values: [''] }]);
  });

  test('rejects an invalid key at once, naming the factory and the key', () => {
    const message = errorOf(() => LabelExpression.exists('bad key'));
    expect(message).toContain("LabelExpression.exists('bad key')");
    expect(message).toContain("key 'bad key'");
  });

  test('rejects an invalid value at once', () => {
    const message = errorOf(() => LabelExpression.notIn('tier', ['ok', 'not ok']));
    expect(message).toContain("LabelExpression.notIn('tier')");
    expect(message).toContain("value 'not ok'");
    expect(message).toMatch(/must be empty or letters/);
  });
});
