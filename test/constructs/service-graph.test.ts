/**
 * ServiceGraph: the manifests it writes (snapshots and targeted assertions), what they allow (connectivity
 * on every option, through label endpoints and the evaluator), and every misuse refused with its path.
 */
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import * as kplus from 'cdk8s-plus-33';
import { byName, errorOf, newChart, synth, synthError } from './helpers';
import {
  Connectivity, DnsTarget, Equivalence, LabelExpression, LabelSelector, Linter, Namespaces, NetworkModel, NetworkPolicy, Peer, Port,
  ServiceGraph, ThreeTierApp, Workload,
} from '../../src';
import '../../src/testing/jest';

/** A raw Deployment selecting its pods by `app: name`, with container ports. */
function deployment(chart: Chart, name: string, ports: Array<number | [number, string]> = [], namespace?: string): ApiObject {
  const containerPorts = ports.map((p) => (Array.isArray(p) ? { containerPort: p[0], protocol: p[1] } : { containerPort: p }));
  return new ApiObject(chart, `deploy-${namespace ?? ''}-${name}`, {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...(namespace ? { namespace } : {}) },
    spec: {
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name, version: 'v1' } },
        spec: { containers: [{ name, ports: containerPorts }] },
      },
    },
  });
}

function shop() {
  const chart = newChart('shop');
  const frontend = Workload.of(deployment(chart, 'frontend', [8080]));
  const cart = Workload.of(deployment(chart, 'cart', [7070]));
  const redis = Workload.select('redis', LabelSelector.labels({ app: 'redis' }), { ports: [Port.REDIS] });
  const graph = new ServiceGraph(chart, 'graph');
  graph.allowFrom(frontend, [Peer.anyone()]);
  graph.allow(frontend, cart);
  graph.allow(cart, redis);
  return { chart, graph, frontend, cart, redis };
}

const policiesOf = (chart: Chart) => synth(chart).filter((m) => m.kind === 'NetworkPolicy');

describe('ServiceGraph: one policy per workload, both sides of every call', () => {
  test('the manifests (snapshot)', () => {
    expect(policiesOf(shop().chart)).toMatchSnapshot();
  });

  test('each policy selects exactly its workload\'s pods, by the object\'s own spec.selector, isolated both ways', () => {
    const policies = policiesOf(shop().chart);
    expect(policies.map((p) => p.metadata.name)).toEqual(['frontend-policy', 'cart-policy', 'redis-policy']);
    // spec.selector (app) rather than every template label (app and version).
    expect(byName(policies, 'cart-policy').spec.podSelector).toEqual({ matchLabels: { app: 'cart' } });
    for (const p of policies) expect(p.spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });

  test('the call writes the egress of the caller and the ingress of the callee, on the callee\'s declared ports', () => {
    const policies = policiesOf(shop().chart);
    expect(byName(policies, 'frontend-policy').spec.egress[1]).toEqual({
      to: [{ podSelector: { matchLabels: { app: 'cart' } } }], ports: [{ protocol: 'TCP', port: 7070 }],
    });
    expect(byName(policies, 'cart-policy').spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7070 }],
    }]);
    expect(byName(policies, 'redis-policy').spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 6379 }]);
  });

  test('every rule says why it exists, with the ports known at synthesis', () => {
    const annotations = byName(policiesOf(shop().chart), 'cart-policy').metadata.annotations;
    expect(annotations['cdk8s-netpol/ingress.0']).toBe('frontend calls cart on TCP 7070');
    expect(annotations['cdk8s-netpol/egress.1']).toBe('cart calls redis on TCP 6379');
    expect(annotations['cdk8s-netpol/egress.0']).toMatch(/^DNS lookups to pods k8s-app=kube-dns/);
    expect(annotations['cdk8s-netpol/workload']).toBe('cart');
    expect(byName(policiesOf(shop().chart), 'frontend-policy').metadata.annotations['cdk8s-netpol/ingress.0']).toBe('anyone may call frontend on TCP 8080');
  });

  test('calling allow twice, or the same call with the same ports given, is harmless: identical calls merge', () => {
    const once = shop();
    const twice = shop();
    twice.graph.allow(twice.frontend, twice.cart);
    twice.graph.allow(twice.frontend, twice.cart);
    expect(policiesOf(twice.chart)).toEqual(policiesOf(once.chart));
    // Two calls to one workload on other ports: one rule with both ports (same peers).
    const more = shop();
    more.graph.allow(more.frontend, more.cart, { ports: [Port.tcp(9090)], description: 'frontend reads cart metrics' });
    const ingress = byName(policiesOf(more.chart), 'cart-policy').spec.ingress;
    expect(ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 7070 }, { protocol: 'TCP', port: 9090 }] }]);
    expect(byName(policiesOf(more.chart), 'cart-policy').metadata.annotations['cdk8s-netpol/ingress.0'])
      .toBe('frontend calls cart on TCP 7070; frontend reads cart metrics');
  });

  test('the output is deterministic', () => {
    expect(JSON.stringify(policiesOf(shop().chart))).toBe(JSON.stringify(policiesOf(shop().chart)));
  });

  test('containers added after the call count: cdk8s-plus workloads are read at synthesis', () => {
    const chart = newChart('shop');
    const web = new kplus.Deployment(chart, 'web', { containers: [{ image: 'web', portNumber: 8080, securityContext: { ensureNonRoot: false } }] });
    const api = new kplus.Deployment(chart, 'api', { containers: [{ image: 'api', securityContext: { ensureNonRoot: false } }] });
    const graph = new ServiceGraph(chart, 'graph');
    const apiWorkload = Workload.of(ApiObject.of(api));
    graph.allow(Workload.of(ApiObject.of(web)), apiWorkload);
    // Only now does the api get a port.
    api.containers[0].addPort({ number: 3000 });
    const policies = policiesOf(chart);
    const apiPolicy = policies.find((p) => p.metadata.annotations['cdk8s-netpol/workload'] === api.name);
    expect(apiPolicy.spec.ingress[0].ports).toEqual([{ protocol: 'TCP', port: 3000 }]);
    // cdk8s-plus selects its pods by its own label, which the policy uses.
    expect(Object.keys(apiPolicy.spec.podSelector.matchLabels)).toEqual(['cdk8s.io/metadata.addr']);
    const connectivity = Connectivity.of(NetworkModel.fromChart(chart));
    expect(connectivity.isAllowed({ source: `shop/${web.name}`, destination: `shop/${api.name}`, port: Port.tcp(3000) })).toBe(true);
    expect(connectivity.isAllowed({ source: `shop/${web.name}`, destination: `shop/${api.name}`, port: Port.tcp(8080) })).toBe(false);
  });
});

describe('ServiceGraph connectivity, judged by the evaluator', () => {
  test('every call allowed on its port, nothing else between the workloads, DNS for all, no internet egress', () => {
    const { chart } = shop();
    // The chart holds the Deployments: the analysis judges them (redis is not one: named by its labels).
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net).toAllowConnection({ source: '203.0.113.9', destination: 'shop/frontend', port: Port.tcp(8080) });
    expect(net).toAllowConnection({ source: 'shop/frontend', destination: 'shop/cart', port: Port.tcp(7070) });
    expect(net).toAllowConnection({ source: 'shop/cart', destination: 'shop/app=redis', port: Port.tcp(6379) });
    expect(net).toDenyConnection({ source: 'shop/frontend', destination: 'shop/app=redis', port: Port.tcp(6379) });
    expect(net).toDenyConnection({ source: 'shop/cart', destination: 'shop/frontend', port: Port.tcp(8080) });
    expect(net).toDenyConnection({ source: 'shop/frontend', destination: 'shop/cart', port: Port.tcp(8080) });
    for (const from of ['shop/frontend', 'shop/cart', 'shop/app=redis']) {
      expect(net).toAllowConnection({ source: from, destination: 'kube-system/k8s-app=kube-dns', port: Port.DNS_UDP });
      expect(net).toAllowConnection({ source: from, destination: 'kube-system/k8s-app=kube-dns', port: Port.DNS_TCP });
      expect(net).toDenyConnection({ source: from, destination: '198.51.100.1', port: Port.HTTPS });
    }
  });

  test('dns: [] allows no DNS; other targets replace the cluster DNS', () => {
    const chart = newChart('shop');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    const b = Workload.select('b', LabelSelector.labels({ app: 'b' }), { ports: [Port.HTTP] });
    new ServiceGraph(chart, 'graph', { dns: [] }).allow(a, b);
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net.isAllowed({ source: 'shop/app=a', destination: 'kube-system/k8s-app=kube-dns', port: Port.udp(53) })).toBe(false);
    expect(net.isAllowed({ source: 'shop/app=a', destination: 'shop/app=b', port: Port.tcp(80) })).toBe(true);

    const local = newChart('shop');
    new ServiceGraph(local, 'graph', { dns: [DnsTarget.nodeLocalDnsCache()] }).allow(a, b);
    const localNet = Connectivity.of(NetworkModel.fromChart(local));
    expect(localNet.isAllowed({ source: 'shop/app=a', destination: '169.254.20.10', port: Port.udp(53) })).toBe(true);
    expect(localNet.isAllowed({ source: 'shop/app=a', destination: 'kube-system/k8s-app=kube-dns', port: Port.udp(53) })).toBe(false);
  });

  test('calls across namespaces: each side in its own namespace, with namespace-qualified peers', () => {
    const chart = newChart('web');
    const frontend = Workload.select('frontend', LabelSelector.labels({ app: 'frontend' }));
    const payments = Workload.select('payments', LabelSelector.labels({ app: 'payments' }), { namespace: 'billing', ports: [Port.tcp(9000)] });
    new ServiceGraph(chart, 'graph').allow(frontend, payments);
    const policies = policiesOf(chart);
    const billing = byName(policies, 'payments-policy');
    expect(billing.metadata.namespace).toBe('billing');
    expect(billing.spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'web' } }, podSelector: { matchLabels: { app: 'frontend' } },
    }]);
    expect(byName(policies, 'frontend-policy').spec.egress[1].to).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'billing' } }, podSelector: { matchLabels: { app: 'payments' } },
    }]);
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net.isAllowed({ source: 'web/frontend', destination: 'billing/payments', port: Port.tcp(9000) })).toBe(true);
    expect(net.isAllowed({ source: 'billing/app=frontend', destination: 'billing/payments', port: Port.tcp(9000) })).toBe(false);
  });

  test('allowFrom and allowTo: callers and destinations outside the graph', () => {
    const chart = newChart('shop');
    const api = Workload.select('api', LabelSelector.labels({ app: 'api' }), { ports: [Port.HTTPS] });
    const graph = new ServiceGraph(chart, 'graph');
    graph.allowFrom(api, [Peer.pods(LabelSelector.labels({ 'app.kubernetes.io/name': 'ingress-nginx' }), Namespaces.named(['ingress']))]);
    graph.allowTo(api, [Peer.ipv4('10.20.0.0/16')], { ports: [Port.POSTGRESQL], description: 'the api uses the managed database' });
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net.isAllowed({ source: 'ingress/app.kubernetes.io/name=ingress-nginx', destination: 'shop/api', port: Port.tcp(443) })).toBe(true);
    expect(net.isAllowed({ source: 'ingress/app=other', destination: 'shop/api', port: Port.tcp(443) })).toBe(false);
    expect(net.isAllowed({ source: 'shop/api', destination: '10.20.3.4', port: Port.tcp(5432) })).toBe(true);
    expect(net.isAllowed({ source: 'shop/api', destination: '10.21.3.4', port: Port.tcp(5432) })).toBe(false);
    expect(byName(policiesOf(chart), 'api-policy').metadata.annotations['cdk8s-netpol/egress.1']).toBe('the api uses the managed database');
    // allowTo to workloads takes their ports.
    const other = newChart('shop');
    const cache = Workload.select('cache', LabelSelector.labels({ app: 'cache' }), { ports: [Port.MEMCACHED] });
    new ServiceGraph(other, 'graph').allowTo(api, [Peer.workload(cache)]);
    expect(byName(policiesOf(other), 'api-policy').spec.egress[1].ports).toEqual([{ protocol: 'TCP', port: 11211 }]);
  });

  test('allowTo several workloads without ports: each on its own ports, never on another\'s', () => {
    const chart = newChart('shop');
    const api = Workload.select('api', LabelSelector.labels({ app: 'api' }), { ports: [Port.HTTPS] });
    const cache = Workload.select('cache', LabelSelector.labels({ app: 'cache' }), { ports: [Port.MEMCACHED] });
    const dns = Workload.select('resolver', LabelSelector.labels({ app: 'resolver' }), { ports: [Port.DNS_UDP] });
    new ServiceGraph(chart, 'graph').allowTo(api, [Peer.workload(cache), Peer.workload(dns)]);
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net.isAllowed({ source: 'shop/app=api', destination: 'shop/app=cache', port: Port.tcp(11211) })).toBe(true);
    expect(net.isAllowed({ source: 'shop/app=api', destination: 'shop/app=resolver', port: Port.udp(53) })).toBe(true);
    expect(net.isAllowed({ source: 'shop/app=api', destination: 'shop/app=cache', port: Port.udp(53) })).toBe(false);
    expect(net.isAllowed({ source: 'shop/app=api', destination: 'shop/app=resolver', port: Port.tcp(11211) })).toBe(false);
  });

  test('defaultDeny: the other pods of the graph\'s namespaces are isolated too; without it, left alone', () => {
    const build = (defaultDeny: boolean) => {
      const chart = newChart('shop');
      const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
      const b = Workload.select('b', LabelSelector.labels({ app: 'b' }), { ports: [Port.HTTP] });
      new ServiceGraph(chart, 'graph', { defaultDeny }).allow(a, b);
      return chart;
    };
    expect(Connectivity.of(NetworkModel.fromChart(build(false))).isAllowed({ source: 'shop/app=x', destination: 'shop/app=y', port: Port.tcp(80) })).toBe(true);
    const denied = build(true);
    expect(policiesOf(denied).map((p) => p.metadata.name)).toEqual(['a-policy', 'default-deny', 'b-policy']);
    const net = Connectivity.of(NetworkModel.fromChart(denied));
    expect(net.isAllowed({ source: 'shop/app=x', destination: 'shop/app=y', port: Port.tcp(80) })).toBe(false);
    expect(net.isAllowed({ source: 'shop/app=a', destination: 'shop/app=b', port: Port.tcp(80) })).toBe(true);
  });

  test('Peer.workload in any rule: the workload\'s selector, and its namespace when it is not the policy\'s', () => {
    const chart = newChart('shop');
    const metrics = Workload.select('prometheus', LabelSelector.labels({ app: 'prometheus' }), { namespace: 'monitoring' });
    const policy = new NetworkPolicy(chart, 'scrape', { ingress: [{ peers: [Peer.workload(metrics)], ports: [Port.tcp(9100)] }] });
    expect(synth(chart)[0].spec.ingress[0].from).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { app: 'prometheus' } },
    }]);
    expect(Peer.workload(metrics).toString()).toBe('pods of workload prometheus in namespace monitoring');
    void policy;
  });

  test('analysis names the graph\'s workloads by their names, on the policies alone', () => {
    const chart = newChart('shop');
    const a = Workload.select('checkout', LabelSelector.labels({ app: 'checkout' }));
    const b = Workload.select('payment', LabelSelector.of({ expressions: [LabelExpression.isIn('app', ['payment'])] }), { ports: [Port.tcp(50051)] });
    new ServiceGraph(chart, 'graph').allow(a, b);
    const net = Connectivity.of(NetworkModel.fromChart(chart));
    expect(net.endpoints.map((e) => e.id).filter((id) => id.startsWith('shop/'))).toEqual(['shop/*', 'shop/checkout', 'shop/payment']);
    expect(net.explain({ source: 'shop/checkout', destination: 'shop/payment', port: Port.tcp(50051) }).reason.split('\n')[0]).toBe('ALLOWED: shop/checkout -> shop/payment on TCP 50051');
    expect(net.matrix().toText()).toContain('shop/checkout ');
  });
});

describe('ServiceGraph misuse, refused with the construct path', () => {
  test('a selector that takes in another\'s (every pod of one is a pod of the other)', () => {
    const chart = newChart('shop');
    const graph = new ServiceGraph(chart, 'graph');
    const web = Workload.select('web', LabelSelector.labels({ app: 'web' }));
    const webCanary = Workload.select('web-canary', LabelSelector.labels({ app: 'web', track: 'canary' }), { ports: [Port.HTTP] });
    expect(errorOf(() => graph.allow(web, webCanary)))
      .toBe('[test/graph] the selector of web takes in every pod of web-canary (namespace shop): web\'s policy would apply to web-canary\'s pods too. '
        + 'Give each workload labels the others do not all carry.');
    // Workloads read at synthesis are checked then.
    const late = newChart('shop');
    const all = Workload.of(new ApiObject(late, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'x' } } }));
    const same = Workload.of(new ApiObject(late, 'pod2', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', labels: { app: 'x' } } }), { ports: [Port.HTTP] });
    new ServiceGraph(late, 'graph').allow(all, same);
    expect(synthError(late)).toContain('the selector of a takes in every pod of b (namespace shop)');
  });

  test('selectors that could merely overlap are allowed (lint warns about them)', () => {
    const chart = newChart('shop');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    const b = Workload.select('b', LabelSelector.labels({ team: 'x' }), { ports: [Port.HTTP] });
    new ServiceGraph(chart, 'graph').allow(a, b);
    expect(policiesOf(chart)).toHaveLength(2);
  });

  test('a Deployment whose containerPort is not a number is a validation error naming the workload, not a crash', () => {
    const chart = newChart('shop');
    const b = new ApiObject(chart, 'b', {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'b' },
      spec: { selector: { matchLabels: { app: 'b' } }, template: { metadata: { labels: { app: 'b' } }, spec: { containers: [{ name: 'b', ports: [{ containerPort: '80' }] }] } } },
    });
    new ServiceGraph(chart, 'graph').allow(Workload.of(deployment(chart, 'a', [80])), Workload.of(b));
    const error = synthError(chart);
    expect(error).toMatch(/^Validation failed with the following errors:/);
    expect(error).toContain('[test/graph] Workload.of(Deployment \'b\'): container port {"containerPort":"80"} has containerPort "80": it must be a whole number from 1 to 65535');
  });

  test('a call on no known port: name the ports, or say Port.allTcp()', () => {
    const chart = newChart('shop');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    const b = Workload.select('b', LabelSelector.labels({ app: 'b' }));
    new ServiceGraph(chart, 'graph').allow(a, b);
    expect(synthError(chart)).toContain('[test/graph] a calls b on no port: b declares none (no container ports, no WorkloadOptions.ports). '
      + 'Name the ports of the call (FlowOptions.ports), or say Port.allTcp() to allow every TCP port.');
    const open = newChart('shop');
    new ServiceGraph(open, 'graph').allow(a, b, { ports: [Port.allTcp()] });
    expect(byName(policiesOf(open), 'b-policy').spec.ingress[0].ports).toEqual([{ protocol: 'TCP' }]);
    const external = newChart('shop');
    expect(errorOf(() => new ServiceGraph(external, 'graph').allowTo(a, [Peer.ipv4('10.0.0.0/8')])))
      .toContain('the destinations are not workloads, so their ports are not known: name them with ports');
  });

  test('a workload of another app; a call to itself; the same name twice', () => {
    const other = new Chart(new App(), 'other', { namespace: 'shop' });
    const foreign = Workload.of(deployment(other, 'foreign', [80]));
    const chart = newChart('shop');
    const graph = new ServiceGraph(chart, 'graph');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    expect(errorOf(() => graph.allow(a, foreign))).toBe('[test/graph] workload foreign is an object of another cdk8s App: a graph can only take workloads of its own app');
    expect(errorOf(() => graph.allow(a, a, { ports: [Port.HTTP] }))).toMatch(/^\[test\/graph\] a calls itself: to let its pods call one another, write allowFrom\(a, \[Peer\.workload\(a\)\]/);
    graph.allowFrom(a, [Peer.anyone()], { ports: [Port.HTTP] });
    const twin = Workload.select('a', LabelSelector.labels({ app: 'other-a' }));
    expect(errorOf(() => graph.allowFrom(twin, [Peer.anyone()], { ports: [Port.HTTP] })))
      .toBe('[test/graph] two workloads are named a in namespace shop: a graph names each workload once');
  });

  test('untyped callers: wrong values, empty lists and unknown options are refused', () => {
    const chart = newChart('shop');
    const graph = new ServiceGraph(chart, 'graph');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    expect(errorOf(() => graph.allow(a, 'b' as any))).toBe("[test/graph] the destination must be a Workload (Workload.select() or Workload.of()), got 'b'");
    expect(errorOf(() => graph.allowFrom(a, []))).toMatch(/peers must list at least one Peer/);
    expect(errorOf(() => graph.allowFrom(a, [{} as any], { ports: [Port.HTTP] }))).toMatch(/peers\[0\] must be a Peer/);
    expect(errorOf(() => graph.allowFrom(a, [Peer.anyone()], { ports: [] }))).toMatch(/ports must list at least one Port; an empty list would mean every port/);
    expect(errorOf(() => graph.allowFrom(a, [Peer.anyone()], { port: 80 } as any))).toMatch(/unknown option 'port'/);
    expect(errorOf(() => new ServiceGraph(chart, 'g2', { namespaces: 'x' } as any))).toMatch(/unknown property 'namespaces'/);
    expect(errorOf(() => Workload.select('Bad_Name', LabelSelector.labels({ app: 'a' })))).toMatch(/^Workload\.select\('Bad_Name'\): name 'Bad_Name' must be a DNS-1123 subdomain/);
    expect(errorOf(() => Workload.select('a', LabelSelector.all()))).toMatch(/selects every pod of the namespace/);
    expect(errorOf(() => Workload.of({} as any))).toMatch(/must be a cdk8s ApiObject/);
    const configMap = new ApiObject(chart, 'cm', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm' } });
    expect(errorOf(() => Workload.of(configMap))).toMatch(/a ConfigMap has no pods/);
  });
});

describe('ThreeTierApp on ServiceGraph', () => {
  test('allows exactly what the ThreeTierApp before ServiceGraph allowed (its output, kept as a fixture)', () => {
    const chart = new Chart(Testing.app(), 'three-tier', { namespace: 'three-tier' });
    new ThreeTierApp(chart, 'app');
    const before = NetworkModel.fromFiles([path.join(__dirname, '..', 'fixtures', 'policies-only', 'three-tier')]);
    expect(Equivalence.check(before, NetworkModel.fromChart(chart)).equivalent).toBe(true);
    expect(chart).toAllowSameConnectionsAs(before);
  });
});

describe('lint NP018: ServiceGraph workloads whose selectors could overlap', () => {
  test('warns on selectors that could select the same pod, names the pods that do, and is silent otherwise', () => {
    const chart = newChart('shop');
    const a = Workload.select('a', LabelSelector.labels({ app: 'a' }));
    const team = Workload.select('team', LabelSelector.labels({ team: 'x' }), { ports: [Port.HTTP] });
    new ServiceGraph(chart, 'graph').allow(a, team);
    const findings = Linter.lint(NetworkModel.fromChart(chart)).findingsOf('NP018');
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({ policy: 'shop/team-policy', field: 'spec.podSelector', severity: 'warning' });
    expect(findings[0].message).toBe('the selectors of workloads a (app=a) and team (team=x) could select the same pods (e.g. a pod with labels app=a,team=x), '
      + 'which would get the rules of both.');
    // A pod that has both labels is named.
    new ApiObject(chart, 'both', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'both', labels: { app: 'a', team: 'x' } } });
    expect(Linter.lint(NetworkModel.fromChart(chart)).findingsOf('NP018')[0].message).toMatch(/; they do: shop\/both\.$/);
    expect(Linter.lint(NetworkModel.fromChart(shop().chart)).findingsOf('NP018')).toEqual([]);
  });
});
