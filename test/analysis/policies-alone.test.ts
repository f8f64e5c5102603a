/**
 * The library on policies alone: the representatives a model derives and how they are named, label
 * endpoints in queries, exposure analysis beside workloads, Services, and the equivalence API.
 */
import { Chart, Testing } from 'cdk8s';
import { Connectivity, ConnectivityDiff, Equivalence, LabelSelector, NetworkModel, Peer, Port, ThreeTierApp } from '../../src';
import { namespace, pod, policy } from '../support/manifests';
import '../../src/testing/jest';

const ids = (connectivity: Connectivity) => connectivity.endpoints.map((e) => e.id);

function threeTier(): Chart {
  const chart = new Chart(Testing.app(), 'three-tier', { namespace: 'three-tier' });
  new ThreeTierApp(chart, 'app');
  return chart;
}

describe('representatives: named by the simplest labels of the pods they stand for', () => {
  test('ThreeTierApp alone: one per tier (named by its ServiceGraph workload), the other pods, the DNS pods, every other namespace', () => {
    const connectivity = Connectivity.of(NetworkModel.fromChart(threeTier()));
    expect(ids(connectivity)).toEqual([
      'kube-system/*', 'kube-system/[k8s-app=kube-dns]',
      'three-tier/*', 'three-tier/backend', 'three-tier/database', 'three-tier/frontend',
      '*/*',
    ]);
    const frontend = connectivity.endpoints.find((e) => e.id === 'three-tier/frontend')!;
    expect(frontend).toEqual({
      id: 'three-tier/frontend',
      namespace: 'three-tier',
      kind: 'Representative',
      labels: { tier: 'frontend' },
      standsFor: 'the pods of workload frontend (pods of namespace three-tier with labels [tier=frontend] (and any other labels no selector mentions))',
    });
    // The same policies written by hand (no workload annotation): named by their labels.
    const handWritten = Connectivity.of(NetworkModel.fromManifests(Testing.synth(threeTier()).map((o: any) => {
      const { ['cdk8s-netpol/workload']: _, ...annotations } = o.metadata.annotations;
      return { ...o, metadata: { ...o.metadata, annotations } };
    })));
    expect(ids(handWritten)).toContain('three-tier/[tier=frontend]');
    expect(connectivity.endpoints.find((e) => e.id === '*/*')!.standsFor).toBe('pods of every namespace the input does not name that no selector singles out');
  });

  test('every operator: In and matchLabels name values, NotIn and Exists also "any other value" (*), DoesNotExist the absence', () => {
    const connectivity = Connectivity.of(NetworkModel.fromManifests([
      policy('ns', 'p', {
        podSelector: { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'stage'] }] },
        ingress: [{ from: [{ podSelector: { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }, { key: 'canary', operator: 'DoesNotExist' }] } }] }],
        egress: [{ to: [{ podSelector: { matchExpressions: [{ key: 'release', operator: 'Exists' }] } }] }],
      }),
    ]));
    const inNamespace = ids(connectivity).filter((id) => id.startsWith('ns/'));
    // One per combination of truth values, with the simplest labels: env in (prod, stage) is true or not
    // (prod and stage behave alike, so prod names it); the peer selector is false for tier=db or for a pod
    // carrying canary (one representative, [tier=db], stands for both); release exists or not.
    expect(inNamespace).toEqual([
      'ns/*', 'ns/[tier=db]', 'ns/[release=*]', 'ns/[release=*,tier=db]',
      'ns/[env=prod]', 'ns/[env=prod,tier=db]', 'ns/[env=prod,release=*]', 'ns/[env=prod,release=*,tier=db]',
    ]);
    // Pods with values no selector mentions, or the other value of a set, are judged like their representative.
    const alike = (a: string, b: string) => expect(connectivity.explain({ source: a, destination: 'ns/env=prod', port: Port.tcp(80) }).allowed)
      .toBe(connectivity.explain({ source: b, destination: 'ns/env=prod', port: Port.tcp(80) }).allowed);
    alike('ns/release=v7', 'ns/[release=*]');
    alike('ns/canary=yes', 'ns/[tier=db]');
    alike('ns/env=stage,release=1', 'ns/[env=prod,release=*]');
    expect(connectivity.isAllowed({ source: 'ns/*', destination: 'ns/env=prod', port: Port.tcp(80) })).toBe(true);
    expect(connectivity.isAllowed({ source: 'ns/tier=db', destination: 'ns/env=prod', port: Port.tcp(80) })).toBe(false);
    expect(connectivity.isAllowed({ source: 'ns/canary=1', destination: 'ns/env=stage', port: Port.tcp(80) })).toBe(false);
  });

  test('every other namespace: one representative namespace per combination of the namespace selectors', () => {
    const connectivity = Connectivity.of(NetworkModel.fromManifests([
      policy('app', 'from-monitoring', {
        podSelector: {},
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } } }] }],
      }),
    ]));
    expect(ids(connectivity).filter((id) => id.startsWith('*'))).toEqual([
      '*/*', '*[purpose=monitoring]/*', '*[purpose=monitoring]/[app=prometheus]',
    ]);
    expect(connectivity.isAllowed({ source: '*[purpose=monitoring]/[app=prometheus]', destination: 'app/*', port: Port.tcp(9090) })).toBe(true);
    expect(connectivity.isAllowed({ source: '*[purpose=monitoring]/*', destination: 'app/*', port: Port.tcp(9090) })).toBe(false);
    expect(connectivity.isAllowed({ source: '*/*', destination: 'app/*', port: Port.tcp(9090) })).toBe(false);
  });

  test('a namespace the policies name but the input does not declare has only kubernetes.io/metadata.name', () => {
    const manifests = [policy('app', 'from-ops', { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'ops' } } }] }] })];
    const undeclared = Connectivity.of(NetworkModel.fromManifests([...manifests, policy('ops', 'x', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })]));
    expect(undeclared.isAllowed({ source: 'ops/*', destination: 'app/*', port: Port.tcp(80) })).toBe(false);
    const declared = Connectivity.of(NetworkModel.fromManifests([...manifests, namespace('ops', { team: 'ops' }), policy('ops', 'x', { podSelector: {}, policyTypes: ['Egress'], egress: [{}] })]));
    expect(declared.isAllowed({ source: 'ops/*', destination: 'app/*', port: Port.tcp(80) })).toBe(true);
  });

  test('too many kinds of pods to enumerate is an error, not a guess', () => {
    const selectors = Array.from({ length: 18 }, (_, i) => policy('ns', `p${i}`, { podSelector: { matchLabels: { [`k${i}`]: 'v' } }, policyTypes: ['Ingress'] }));
    expect(() => Connectivity.of(NetworkModel.fromManifests(selectors))).toThrow('the policies tell apart more than 20000 kinds of pods; analyse them with the workloads instead');
  });
});

describe('label endpoints in queries', () => {
  const connectivity = Connectivity.of(NetworkModel.fromChart(threeTier()));

  test('namespace/key=value is a pod with exactly those labels: a known one (here a representative), else a hypothetical one', () => {
    expect(connectivity.explain({ source: 'three-tier/tier=frontend', destination: 'three-tier/tier=backend', port: Port.tcp(8080) }).source).toBe('three-tier/frontend');
    const hypothetical = connectivity.explain({ source: 'three-tier/tier=frontend,version=2', destination: 'three-tier/tier=backend', port: Port.tcp(8080) });
    expect(hypothetical).toMatchObject({ allowed: true, source: 'three-tier/tier=frontend,version=2', destination: 'three-tier/backend' });
    // A representative is named by its id too.
    expect(connectivity.isAllowed({ source: 'three-tier/frontend', destination: 'three-tier/backend', port: Port.tcp(8080) })).toBe(true);
    expect(connectivity.isAllowed({ source: 'three-tier/tier=frontend', destination: 'three-tier/tier=database', port: Port.tcp(5432) })).toBe(false);
    expect(connectivity.isAllowed({ source: 'three-tier/*', destination: 'three-tier/tier=frontend', port: Port.tcp(80) })).toBe(true);
    expect(connectivity.isAllowed({ source: 'other/app=x', destination: 'three-tier/tier=frontend', port: Port.tcp(80) })).toBe(true);
    expect(connectivity.isAllowed({ source: 'other/app=x', destination: 'three-tier/tier=backend', port: Port.tcp(8080) })).toBe(false);
  });

  test('with workloads: a workload with exactly those labels, else a hypothetical pod', () => {
    const withPods = Connectivity.of(NetworkModel.fromManifests([
      ...threeTier().toJson(),
      pod('three-tier', 'web', { tier: 'frontend', app: 'shop' }),
      pod('three-tier', 'api', { tier: 'backend' }),
    ]));
    expect(withPods.explain({ source: 'three-tier/app=shop,tier=frontend', destination: 'three-tier/tier=backend', port: Port.tcp(8080) }))
      .toMatchObject({ allowed: true, source: 'three-tier/web', destination: 'three-tier/api' });
    expect(withPods.explain({ source: 'three-tier/tier=frontend', destination: 'three-tier/api', port: Port.tcp(8080) }).source).toBe('three-tier/tier=frontend');
  });

  test('invalid label endpoints are named', () => {
    expect(() => connectivity.isAllowed({ source: 'three-tier/Tier=a b', destination: 'three-tier/*', port: Port.tcp(80) })).toThrow(/label value 'a b'/);
    expect(() => connectivity.isAllowed({ source: 'three-tier/a=1,a=2', destination: 'three-tier/*', port: Port.tcp(80) })).toThrow("label key 'a' is given twice");
    expect(() => connectivity.isAllowed({ source: 'three-tier/a=1', destination: 'three-tier/*', port: Port.named('http') }))
      .toThrow("the named port 'http' cannot be resolved on three-tier/*: pods of namespace three-tier that no selector singles out declare no known container ports");
  });
});

describe('exposure analysis beside workloads', () => {
  const manifests = [
    namespace('shop'),
    pod('shop', 'web', { app: 'web' }),
    policy('shop', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }),
    policy('ops', 'tools', { podSelector: {}, policyTypes: ['Egress'] }),
  ];

  test('by default, the workloads only, plus representatives of namespaces without any (ops here)', () => {
    expect(ids(Connectivity.of(NetworkModel.fromManifests(manifests)))).toEqual(['shop/web', 'ops/*']);
  });

  test('with exposure: every kind of pod the workloads do not cover, other namespaces included', () => {
    const connectivity = Connectivity.of(NetworkModel.fromManifests(manifests, { exposure: true }));
    // shop/[app=web] is covered by shop/web, so it is not added.
    expect(ids(connectivity)).toEqual(['shop/web', 'ops/*', 'shop/*', 'shop/[app=api]', '*/*']);
    expect(connectivity.isAllowed({ source: 'shop/[app=api]', destination: 'shop/web', port: Port.tcp(80) })).toBe(true);
    expect(connectivity.isAllowed({ source: '*/*', destination: 'shop/web', port: Port.tcp(80) })).toBe(false);
    expect(() => new NetworkModel(42 as any)).toThrow('NetworkModel: options must be an object { exposure? }, got 42');
  });
});

describe('equivalence: "these constructs allow exactly what that YAML allowed"', () => {
  const yaml = () => NetworkModel.fromChart(threeTier());

  test('the same policies, however written, are equivalent', () => {
    const result = Equivalence.check(NetworkModel.fromChart(threeTier()), NetworkModel.fromYaml(Testing.synth(threeTier()).map((o) => JSON.stringify(o)).join('\n---\n')));
    expect(result).toEqual({ equivalent: true, summary: expect.stringMatching(/^equivalent: both allow exactly the same connections \(\d+ endpoints/) });
    expect(() => Equivalence.assertEquivalent(yaml(), yaml())).not.toThrow();
    expect(threeTier()).toAllowSameConnectionsAs(yaml());
  });

  test('a difference comes with a counterexample flow and the rules that allow it', () => {
    const chart = threeTier();
    const app = chart.node.findChild('app') as ThreeTierApp;
    // A rule the frontend's egress does not meet changes nothing: the frontend still cannot send there.
    app.database.addIngress({ peers: [Peer.pods(LabelSelector.labels({ tier: 'frontend' }))], ports: [Port.POSTGRESQL] });
    expect(Equivalence.check(yaml(), NetworkModel.fromChart(chart)).equivalent).toBe(true);
    // A migration slip that matters: the database open to anyone on its port.
    app.database.addIngress({ peers: [Peer.anyone()], ports: [Port.POSTGRESQL] });
    const result = Equivalence.check(yaml(), NetworkModel.fromChart(chart));
    expect(result.equivalent).toBe(false);
    expect(result.allowedBy).toBe('second');
    expect(result.counterexample).toMatchObject({ source: '*/*', destination: 'three-tier/database', protocol: 'TCP', port: 5432 });
    expect(result.summary).toMatch(/^not equivalent: \*\/\* -> three-tier\/database on TCP 5432 is allowed by the second model and not by the first \(egress: \*\/\* is not isolated for egress; ingress: allowed by three-tier\/database-policy ingress\[0\] \(any source/);
    expect(() => Equivalence.assertEquivalent(yaml(), NetworkModel.fromChart(chart))).toThrow(result.summary);
    expect(() => expect(chart).toAllowSameConnectionsAs(yaml())).toThrow(/^not equivalent: \*\/\* -> three-tier/);
    expect(chart).not.toAllowSameConnectionsAs(yaml());
    expect(ConnectivityDiff.between(yaml(), NetworkModel.fromChart(chart)).isEmpty).toBe(false);
  });
});
