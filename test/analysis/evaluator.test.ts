import { Connectivity, NetworkModel } from '../../src';
import { namespace, pod, policy } from '../support/manifests';

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
