import { Connectivity, NetworkModel, Protocol } from '../../src';
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

describe('sources into a destination, for the matrix and the diagrams', () => {
  const evaluator = Connectivity.of(NetworkModel.fromManifests([
    namespace('shop'),
    pod('shop', 'web', { app: 'web' }),
    pod('shop', 'batch', { app: 'batch' }),
    pod('shop', 'api', { app: 'api', tier: 'back' }),
    pod('shop', 'db', { app: 'db', tier: 'back' }),
    pod('shop', 'cache', { app: 'cache' }),
    // The back tier takes web on 80; the cache takes web and batch on 80 (two rules: a union), nothing on 81.
    policy('shop', 'back', {
      podSelector: { matchLabels: { tier: 'back' } },
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] }],
    }),
    policy('shop', 'cache', {
      podSelector: { matchLabels: { app: 'cache' } },
      ingress: [
        { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] },
        { from: [{ podSelector: { matchLabels: { app: 'batch' } } }], ports: [{ port: 80 }] },
      ],
    }),
  ]))._evaluator;
  const cls = (id: string) => (evaluator.resolve(id) as any).cls as number;
  const sources = (id: string, port: number) => {
    const found = evaluator.sourcesInto(cls(id), Protocol.TCP, port);
    return found === undefined ? [] : found.members().map((c) => evaluator.classes[c].members.map((i) => evaluator.resolver.ids[i])).flat().sort();
  };

  test('the sources allowed, a union where several rules apply, none where no rule does', () => {
    expect(sources('shop/api', 80)).toEqual(['shop/web']);
    expect(sources('shop/cache', 80)).toEqual(['shop/batch', 'shop/web']);
    expect(sources('shop/cache', 81)).toEqual([]);
    expect(sources('shop/web', 81)).toEqual(['shop/api', 'shop/batch', 'shop/cache', 'shop/db', 'shop/web']);
  });

  test('equal results are one kept object, and a result kept stays as it was after later questions', () => {
    const api = evaluator.sourcesInto(cls('shop/api'), Protocol.TCP, 80)!;
    const before = api.members();
    expect(evaluator.sourcesInto(cls('shop/db'), Protocol.TCP, 80)).toBe(api);
    expect(evaluator.sourcesInto(cls('shop/api'), Protocol.TCP, 8080)).toBeUndefined();
    const cache = evaluator.sourcesInto(cls('shop/cache'), Protocol.TCP, 80)!;
    const open = evaluator.sourcesInto(cls('shop/web'), Protocol.TCP, 443)!;
    expect(cache).not.toBe(api);
    expect(open.count()).toBe(evaluator.classes.length);
    expect(api.members()).toEqual(before);
    expect(evaluator.sourcesInto(cls('shop/cache'), Protocol.TCP, 80)).toBe(cache);
  });
});
