import { Connectivity, NetworkModel } from '../../src';
import { Bitset } from '../../src/bitset';
import { namespace, pod, policy } from '../support/manifests';

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
    expect(a.has(32) && !a.has(33)).toBe(true);
    // clone is independent
    const c = a.clone();
    c.add(5);
    expect(a.has(5)).toBe(false);
  });
});

describe('evaluator questions used by lint and renderers', () => {
  const connectivity = Connectivity.of(NetworkModel.fromManifests([
    namespace('shop'),
    namespace('ops', { purpose: 'monitoring' }),
    pod('shop', 'web', { app: 'web' }),
    pod('shop', 'api', { app: 'api' }),
    pod('shop', 'api-2', { app: 'api' }),
    pod('ops', 'prom', { app: 'prom' }),
    policy('shop', 'api', {
      podSelector: { matchLabels: { app: 'api' } },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }] }, {}],
    }),
    policy('shop', 'nothing', { podSelector: { matchLabels: { app: 'none' } } }),
  ]));
  const evaluator = connectivity._evaluator;
  const names = (indices: number[]) => indices.map((i) => evaluator.resolver.ids[i]);

  test('identical pods share a class', () => {
    expect(evaluator.classes.length).toBe(3);
    expect(evaluator.classOf[1]).toBe(evaluator.classOf[2]);
  });

  test('selectedEndpoints', () => {
    expect(names(evaluator.selectedEndpoints(0))).toEqual(['shop/api', 'shop/api-2']);
    expect(evaluator.selectedEndpoints(1)).toEqual([]);
  });

  test('ruleEndpoints: peers matched, or every endpoint for a rule without peers', () => {
    const [withPeers, withoutPeers] = evaluator.policies[0].ingress;
    expect(names(evaluator.ruleEndpoints(withPeers))).toEqual(['shop/web', 'ops/prom']);
    expect(names(evaluator.ruleEndpoints(withoutPeers))).toEqual(['shop/web', 'shop/api', 'shop/api-2', 'ops/prom']);
  });

  test('isolatingPolicies per direction', () => {
    const api = (evaluator.resolve('shop/api') as any).index;
    const web = (evaluator.resolve('shop/web') as any).index;
    expect(evaluator.isolatingPolicies(api, 'Ingress').map((p) => p.id)).toEqual(['shop/api']);
    expect(evaluator.isolatingPolicies(api, 'Egress').map((p) => p.id)).toEqual(['shop/api']);
    expect(evaluator.isolatingPolicies(web, 'Ingress')).toEqual([]);
  });
});
