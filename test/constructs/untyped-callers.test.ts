/**
 * Untyped callers: plain JavaScript and the other jsii languages pass what they pass. Every public entry
 * point checks its arguments (types, enum members, required props, list elements, unknown keys) and says
 * where, which argument, the bad value and what would be valid; values are deeply immutable, shared ones
 * included; and any label key Kubernetes accepts works as a key, even one that names an Object.prototype
 * member.
 */
import { ApiObject, App, Chart, Testing, Yaml } from 'cdk8s';
import { errorOf, newChart, synth, synthError, synthOne } from './helpers';
import {
  AllowDns,
  AllowFrom,
  AllowTo,
  Annotations,
  DefaultDeny,
  DnsTarget,
  LabelExpression,
  LabelSelector,
  Linter,
  Namespaces,
  NetworkModel,
  NetworkPolicy,
  NetworkPolicyValidator,
  Peer,
  Port,
  PolicyType,
  Protocol,
  ServiceGraph,
  ThreeTierApp,
  Severity,
  Workload,
} from '../../src';
import { NetworkPolicyLintPlugin } from '../../src/plugin';
import { freezeDeep, objectOf, show } from '../../src/runtime-checks';

// Everything below bypasses TypeScript on purpose.
const untyped: any = {
  NetworkModel,
  Port,
  Annotations,
  LabelExpression,
  LabelSelector,
  Namespaces,
  Peer,
  Workload,
  DnsTarget,
  Linter,
  NetworkPolicy,
  AllowFrom,
  AllowTo,
  AllowDns,
  DefaultDeny,
  ServiceGraph,
  ThreeTierApp,
  NetworkPolicyLintPlugin,
};
const web = LabelSelector.labels({ app: 'web' });
const PEER_HINT = 'Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for everyone';
const NAMESPACES_HINT = "Namespaces.named(['kube-system']), Namespaces.selectedBy(...) or Namespaces.all()";
const PROTOCOLS = 'use Protocol.TCP, Protocol.UDP or Protocol.SCTP';
const LINT_OPTIONS = 'disabledRules, dnsNamespace, dnsPodLabels, dnsPort and strictCidr';
const PLUGIN = 'NetworkPolicyLintPlugin (properties in cdk8s.yaml)';
const PLUGIN_PROPERTIES = 'disabledRules, dnsNamespace, dnsPodLabels, dnsPort, strictCidr, failOn and includeInfo';

const policy = () => new NetworkPolicy(newChart(), 'p');
const graph = () => new ServiceGraph(newChart(), 'g');
const a = () => Workload.select('a', web);
const b = () => Workload.select('b', LabelSelector.labels({ app: 'b' }));

describe('enum arguments must be members of the enum', () => {
  test.each<[string, () => unknown, string]>([
    ["Port.number('tcp', 80): the protocol a manifest would write as tcp", () => untyped.Port.number('tcp', 80),
      `Port.number(): protocol 'tcp' is not a Protocol: ${PROTOCOLS}`],
    ['Port.number(undefined, 80): a missing protocol', () => untyped.Port.number(undefined, 80),
      `Port.number(): protocol undefined is not a Protocol: ${PROTOCOLS}`],
    ['Port.range', () => untyped.Port.range('udp', 1000, 2000), `Port.range(): protocol 'udp' is not a Protocol: ${PROTOCOLS}`],
    ['Port.named', () => untyped.Port.named('http', 'tcp'), `Port.named('http'): protocol 'tcp' is not a Protocol: ${PROTOCOLS}`],
    ['Port.named, protocol null', () => untyped.Port.named('http', null), `Port.named('http'): protocol null is not a Protocol: ${PROTOCOLS}`],
    ['Annotations.rule', () => untyped.Annotations.rule('ingress', 0),
      "Annotations.rule(): policyType 'ingress' is not a PolicyType: use PolicyType.INGRESS or PolicyType.EGRESS"],
    ['NetworkPolicy policyTypes', () => new untyped.NetworkPolicy(newChart(), 'p', { policyTypes: [PolicyType.EGRESS, 'ingress'] }),
      "[test/p] policyTypes[1] 'ingress' is not a PolicyType: use PolicyType.INGRESS or PolicyType.EGRESS"],
    ['DefaultDeny directions', () => new untyped.DefaultDeny(newChart(), 'd', { directions: ['Ingress', null] }),
      '[test/d] directions[1] null is not a PolicyType: use PolicyType.INGRESS or PolicyType.EGRESS'],
    ['NetworkPolicyLintPlugin failOn', () => new untyped.NetworkPolicyLintPlugin({ failOn: 'info' }),
      `${PLUGIN}: failOn must be 'error' or 'warning' (Severity.ERROR or Severity.WARNING), got 'info'`],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });

  test('no manifest with protocol tcp, or without a protocol, can be synthesized', () => {
    const chart = newChart();
    const p = new NetworkPolicy(chart, 'p');
    expect(() => p.addIngress({ peers: [Peer.anyone()], ports: [untyped.Port.number('tcp', 80)] })).toThrow(/is not a Protocol/);
    expect(() => p.addIngress({ peers: [Peer.anyone()], ports: [untyped.Port.range(undefined, 80, 90)] })).toThrow(/is not a Protocol/);
    p.addIngress({ peers: [Peer.anyone()], ports: [Port.number(Protocol.UDP, 53)] });
    expect(synthOne(chart).spec.ingress[0].ports).toEqual([{ protocol: 'UDP', port: 53 }]);
  });
});

describe('strings are strings, ports are whole numbers', () => {
  test.each<[string, () => unknown, string]>([
    ["Port.tcp('80')", () => untyped.Port.tcp('80'), "Port.tcp('80'): port '80' must be a whole number from 1 to 65535."],
    ['Port.udp(Infinity)', () => Port.udp(Infinity), 'Port.udp(Infinity): port Infinity must be a whole number from 1 to 65535.'],
    ['Port.sctp(80.5)', () => Port.sctp(80.5), 'Port.sctp(80.5): port 80.5 must be a whole number from 1 to 65535.'],
    ['Port.number(TCP, NaN)', () => Port.number(Protocol.TCP, NaN), 'Port.tcp(NaN): port NaN must be a whole number from 1 to 65535.'],
    ["Port.tcpRange('1', 2)", () => untyped.Port.tcpRange('1', 2), "Port.range(TCP, '1', 2): port '1' must be a whole number from 1 to 65535."],
    ['Port.udpRange(1, null)', () => untyped.Port.udpRange(1, null), 'Port.range(UDP, 1, null): endPort null must be a whole number from 1 to 65535.'],
    ['Port.named(80)', () => untyped.Port.named(80), 'Port.named(): name must be a string, got 80'],
    ['Annotations.rule(INGRESS, -1)', () => Annotations.rule(PolicyType.INGRESS, -1), 'Annotations.rule(): index -1 must be a whole number, 0 or more'],
    ['LabelExpression.exists(3)', () => untyped.LabelExpression.exists(3), 'LabelExpression.exists(3): key must be a string, got 3'],
    ['LabelExpression.doesNotExist()', () => untyped.LabelExpression.doesNotExist(),
      'LabelExpression.doesNotExist(undefined): key must be a string, got undefined'],
    ['Peer.ipv4(10)', () => untyped.Peer.ipv4(10), 'Peer.ipv4(): cidr must be a string, got 10'],
    ['Peer.ipv6()', () => untyped.Peer.ipv6(), 'Peer.ipv6(): cidr must be a string, got undefined'],
    ['Workload.select(3, ...)', () => untyped.Workload.select(3, web), 'Workload.select(3): name must be a string, got 3'],
    ['DnsTarget.nodeLocalDnsCache(169)', () => untyped.DnsTarget.nodeLocalDnsCache(169), 'DnsTarget.nodeLocalDnsCache(): address must be a string, got 169'],
    ["DnsTarget.custom(peer, '53')", () => untyped.DnsTarget.custom(Peer.anyone(), '53'),
      "DnsTarget.custom(): port '53' must be a whole number from 1 to 65535."],
    ["DnsTarget.clusterDns({ port: '53' })", () => untyped.DnsTarget.clusterDns({ port: '53' }),
      "DnsTarget.clusterDns(): port '53' must be a whole number from 1 to 65535."],
    ['DnsTarget.clusterDns({ namespace: 3 })', () => untyped.DnsTarget.clusterDns({ namespace: 3 }), 'DnsTarget.clusterDns(): namespace must be a string, got 3'],
    ["DnsTarget.clusterDns({ anyNamespace: 'true' })", () => untyped.DnsTarget.clusterDns({ anyNamespace: 'true' }),
      "DnsTarget.clusterDns(): anyNamespace must be true or false, got 'true'"],
    ['NetworkPolicy description', () => new untyped.NetworkPolicy(newChart(), 'p', { description: 5 }), '[test/p] description must be a string, got 5'],
    ['a rule description', () => policy().addEgress({ peers: [Peer.anyone()], description: 1 } as any), '[test/p] rule.description must be a string, got 1'],
    ['ServiceGraph defaultDeny', () => new untyped.ServiceGraph(newChart(), 'g', { defaultDeny: 'yes' }), "[test/g] defaultDeny must be true or false, got 'yes'"],
    ['ServiceGraph namePrefix', () => new untyped.ServiceGraph(newChart(), 'g', { namePrefix: 3 }), '[test/g] namePrefix must be a string, got 3'],
    ['ServiceGraph description', () => new untyped.ServiceGraph(newChart(), 'g', { description: [] }), '[test/g] description must be a string, got []'],
    ['ThreeTierApp namespace', () => new untyped.ThreeTierApp(newChart(), 't', { namespace: 3 }), '[test/t] namespace must be a string, got 3'],
    ['ThreeTierApp namePrefix', () => new untyped.ThreeTierApp(newChart(), 't', { namePrefix: false }), '[test/t] namePrefix must be a string, got false'],
    ['a label value', () => untyped.LabelSelector.labels({ app: 3 }), "LabelSelector.labels(): labels: label 'app' has value 3; label values are strings"],
    ['a long value is cut', () => untyped.Port.named('x'.repeat(100).split('')),
      `Port.named(): name must be a string, got ${JSON.stringify('x'.repeat(100).split('')).slice(0, 57)}...`],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });
});

describe('values: In and NotIn need a list of strings, never [] or something else', () => {
  test.each<[string, () => unknown, string]>([
    ["LabelExpression.isIn('tier', [])", () => LabelExpression.isIn('tier', []),
      "LabelExpression.isIn('tier'): values must list at least one value (the API server rejects an empty list for In)."],
    ["LabelExpression.isIn('tier') without values (once rendered as values: [])", () => untyped.LabelExpression.isIn('tier'),
      "LabelExpression.isIn('tier'): values must be a list of strings, got undefined"],
    ["LabelExpression.isIn('tier', 'web') (once read letter by letter)", () => untyped.LabelExpression.isIn('tier', 'web'),
      "LabelExpression.isIn('tier'): values must be a list of strings, got 'web'"],
    ["LabelExpression.notIn('tier', [null])", () => untyped.LabelExpression.notIn('tier', [null]),
      "LabelExpression.notIn('tier'): values[0] must be a string, got null"],
    ["LabelExpression.notIn('tier', null)", () => untyped.LabelExpression.notIn('tier', null),
      "LabelExpression.notIn('tier'): values must be a list of strings, got null"],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });
});

describe('required props are present: no podSelector: {} from an omitted one', () => {
  test.each<[string, () => unknown, string]>([
    ['AllowFrom without props', () => new untyped.AllowFrom(newChart(), 'a'),
      '[test/a] props are required: { podSelector, peers, ports?, metadata?, description? }'],
    ['AllowFrom without podSelector', () => new untyped.AllowFrom(newChart(), 'a', { peers: [Peer.anyone()] }),
      "[test/a] podSelector is required: a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod)"],
    ['AllowTo without podSelector', () => new untyped.AllowTo(newChart(), 'a', { peers: [Peer.anyone()], ports: [Port.HTTPS] }),
      "[test/a] podSelector is required: a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod)"],
    ['AllowFrom without peers', () => new untyped.AllowFrom(newChart(), 'a', { podSelector: web }), `[test/a] peers is required: a list of Peer values (${PEER_HINT})`],
    ['AllowTo without peers', () => new untyped.AllowTo(newChart(), 'a', { podSelector: web }), `[test/a] peers is required: a list of Peer values (${PEER_HINT})`],
    ['a rule without peers', () => policy().addIngress({} as any), `[test/p] rule.peers is required: a list of Peer values (${PEER_HINT})`],
    ['no rule at all', () => untyped.NetworkPolicy.prototype.addIngress.call(policy()),
      '[test/p] rule must be an object { peers, ports?, description? }, got undefined'],
    ['LabelSelector.labels()', () => untyped.LabelSelector.labels(),
      "LabelSelector.labels(): labels must be an object of label keys to values, e.g. { app: 'web' }, got undefined"],
    ['Peer.pods()', () => untyped.Peer.pods(),
      "Peer.pods(): pods must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod), got undefined"],
    ['Workload.select(name) without a selector', () => untyped.Workload.select('a'),
      "Workload.select('a'): selector must be a LabelSelector (LabelSelector.labels({ app: 'a' })), got undefined"],
    ['DnsTarget.custom()', () => untyped.DnsTarget.custom(),
      "DnsTarget.custom(): peer must be a Peer (Peer.ipv4('10.0.0.2/32'), Peer.pods(...), ...), got undefined"],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });
});

describe('lists are lists, their elements are instances of the expected class and never null', () => {
  test.each<[string, () => unknown, string]>([
    ['NetworkPolicy ingress: [{ peers: [null] }] (once from: [null])', () => new untyped.NetworkPolicy(newChart(), 'p', { ingress: [{ peers: [null] }] }),
      `[test/p] ingress[0].peers[0] must be a Peer (${PEER_HINT}), got null`],
    ['NetworkPolicy egress: [null]', () => new untyped.NetworkPolicy(newChart(), 'p', { egress: [null] }),
      '[test/p] egress[0] must be an object { peers, ports?, description? }, got null'],
    ['NetworkPolicy ingress: an object', () => new untyped.NetworkPolicy(newChart(), 'p', { ingress: { peers: [] } }),
      '[test/p] ingress must be a list of rules { peers, ports?, description? }, got {"peers":[]}'],
    ["NetworkPolicy policyTypes: 'Ingress'", () => new untyped.NetworkPolicy(newChart(), 'p', { policyTypes: 'Ingress' }),
      "[test/p] policyTypes must be a list of PolicyType values, got 'Ingress'"],
    ['addEgress ports: [null]', () => policy().addEgress({ peers: [Peer.anyone()], ports: [null] } as any),
      '[test/p] rule.ports[0] must be a Port (Port.tcp(8080), ...), got null'],
    ['addEgress ports: null', () => policy().addEgress({ peers: [Peer.anyone()], ports: null } as any),
      '[test/p] rule.ports must be a list of Port values, got null'],
    ['addIngress peers: [a Port]', () => policy().addIngress({ peers: [Port.HTTP] } as any),
      `[test/p] rule.peers[0] must be a Peer (${PEER_HINT}), got a Port (TCP 80)`],
    ['AllowFrom peers: [null]', () => new untyped.AllowFrom(newChart(), 'a', { podSelector: web, peers: [null] }),
      '[test/a] peers[0] must be a Peer (Peer.pods(...), Peer.ipv4(...), ...; Peer.anyone() for every source), got null'],
    ['AllowTo ports: [null]', () => new untyped.AllowTo(newChart(), 'a', { podSelector: web, peers: [Peer.anyone()], ports: [null] }),
      '[test/a] ports[0] must be a Port (Port.tcp(8080), ...), got null'],
    ['AllowDns targets: [null]', () => new untyped.AllowDns(newChart(), 'd', { targets: [null] }),
      '[test/d] targets[0] must be a DnsTarget (DnsTarget.clusterDns(), DnsTarget.nodeLocalDnsCache(), ...), got null'],
    ['ServiceGraph dns: [null]', () => new untyped.ServiceGraph(newChart(), 'g', { dns: [null] }),
      '[test/g] dns[0] must be a DnsTarget (DnsTarget.clusterDns(), ...; [] for no DNS), got null'],
    ['ServiceGraph.allowTo peers: [null]', () => graph().allowTo(a(), [null as any], { ports: [Port.HTTP] }),
      `[test/g] peers[0] must be a Peer (${PEER_HINT}), got null`],
    ['ServiceGraph.allowFrom peers: a Peer, not a list', () => graph().allowFrom(a(), Peer.anyone() as any),
      '[test/g] peers must be a list of Peer values, got a Peer (anyone)'],
    ['ServiceGraph.allow ports: [null]', () => graph().allow(a(), b(), { ports: [null as any] }), '[test/g] ports[0] must be a Port (Port.tcp(8080), ...), got null'],
    ['ThreeTierApp frontendSources: [null]', () => new untyped.ThreeTierApp(newChart(), 't', { frontendSources: [null] }),
      `[test/t] frontendSources[0] must be a Peer (${PEER_HINT}), got null`],
    ['ThreeTierApp dns: [null]', () => new untyped.ThreeTierApp(newChart(), 't', { dns: [null] }),
      '[test/t] dns[0] must be a DnsTarget (DnsTarget.clusterDns(), ...), got null'],
    ['LabelSelector.of expressions: [null]', () => untyped.LabelSelector.of({ expressions: [null] }),
      "LabelSelector.of(): expressions[0] must be a LabelExpression (LabelExpression.isIn('tier', ['web']), LabelExpression.exists('tier'), ...), got null"],
    ['LabelSelector.of expressions: an object', () => untyped.LabelSelector.of({ expressions: { key: 'a' } }),
      'LabelSelector.of(): expressions must be a list of LabelExpression values, got {"key":"a"}'],
    ["Namespaces.named('kube-system')", () => untyped.Namespaces.named('kube-system'), "Namespaces.named(): names must be a list of strings, got 'kube-system'"],
    ['Namespaces.named([null])', () => untyped.Namespaces.named([null]), 'Namespaces.named(): names[0] must be a string, got null'],
    ["Peer.ipv4(cidr, '10.1.0.0/16')", () => untyped.Peer.ipv4('10.0.0.0/8', '10.1.0.0/16'),
      "Peer.ipv4('10.0.0.0/8'): exceptCidrs must be a list of strings, got '10.1.0.0/16'"],
    ['Peer.ipv6(cidr, [null])', () => untyped.Peer.ipv6('2001:db8::/32', [null]), "Peer.ipv6('2001:db8::/32'): exceptCidrs[0] must be a string, got null"],
    ['Workload.select ports: [null]', () => untyped.Workload.select('a', web, { ports: [null] }),
      "Workload.select('a'): ports[0] must be a Port (Port.tcp(8080), ...), got null"],
    ['NetworkModel.fromFiles(a path)', () => untyped.NetworkModel.fromFiles('x.yaml'), "NetworkModel.fromFiles(): paths must be a list of strings, got 'x.yaml'"],
    ['NetworkModel.fromManifests(an object)', () => untyped.NetworkModel.fromManifests({}), 'NetworkModel.fromManifests(): manifests must be a list of manifest objects, got {}'],
    ['NetworkModel option exposure: "yes"', () => untyped.NetworkModel.fromManifests([], { exposure: 'yes' }), "NetworkModel: exposure must be true or false, got 'yes'"],
    ['NetworkModel option typo', () => untyped.NetworkModel.fromManifests([], { exposed: true }), "NetworkModel: unknown option 'exposed' (the options are exposure)"],
    ['lint option disabledRules', () => untyped.Linter.lint(NetworkModel.fromManifests([]), { disabledRules: 'NP011' }),
      "Linter.lint(): disabledRules must be a list of strings, got 'NP011'"],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });
});

describe('arguments are instances of the expected class', () => {
  test.each<[string, () => unknown, string]>([
    ['Peer.pods(a Namespaces)', () => untyped.Peer.pods(Namespaces.all()),
      "Peer.pods(): pods must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod), got a Namespaces (every namespace)"],
    ['Peer.pods(selector, a LabelSelector)', () => untyped.Peer.pods(web, web),
      `Peer.pods(): namespaces must be a Namespaces (${NAMESPACES_HINT}), got a LabelSelector (app=web)`],
    ['Peer.pods(selector, null)', () => untyped.Peer.pods(web, null), `Peer.pods(): namespaces must be a Namespaces (${NAMESPACES_HINT}), got null`],
    ['Peer.namespaces(a LabelSelector)', () => untyped.Peer.namespaces(web),
      `Peer.namespaces(): namespaces must be a Namespaces (${NAMESPACES_HINT}), got a LabelSelector (app=web)`],
    ['Peer.workload(a LabelSelector)', () => untyped.Peer.workload(web),
      'Peer.workload(): workload must be a Workload (Workload.select() or Workload.of()), got a LabelSelector (app=web)'],
    ['Namespaces.selectedBy(a plain object)', () => untyped.Namespaces.selectedBy({ app: 'web' }),
      "Namespaces.selectedBy(): selector must be a LabelSelector (LabelSelector.labels({ purpose: 'monitoring' })), got {\"app\":\"web\"}"],
    ['Workload.select(name, a plain object)', () => untyped.Workload.select('a', { app: 'a' }),
      "Workload.select('a'): selector must be a LabelSelector (LabelSelector.labels({ app: 'a' })), got {\"app\":\"a\"}"],
    ['Workload.of(a plain object)', () => untyped.Workload.of({}),
      "Workload.of(): apiObject must be a cdk8s ApiObject (a cdk8s-plus workload's is its apiObject), got {}"],
    ['DnsTarget.custom(a Port)', () => untyped.DnsTarget.custom(Port.HTTP),
      "DnsTarget.custom(): peer must be a Peer (Peer.ipv4('10.0.0.2/32'), Peer.pods(...), ...), got a Port (TCP 80)"],
    ['NetworkPolicy podSelector: {}', () => new untyped.NetworkPolicy(newChart(), 'p', { podSelector: {} }),
      "[test/p] podSelector must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all()), got {}"],
    ['AllowFrom podSelector: a plain object', () => new untyped.AllowFrom(newChart(), 'a', { podSelector: { app: 'web' }, peers: [Peer.anyone()] }),
      "[test/a] podSelector must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all() for every pod), got {\"app\":\"web\"}"],
    ['AllowDns podSelector: a plain object', () => new untyped.AllowDns(newChart(), 'd', { podSelector: { app: 'web' } }),
      "[test/d] podSelector must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all()), got {\"app\":\"web\"}"],
    ['DefaultDeny podSelector: {}', () => new untyped.DefaultDeny(newChart(), 'd', { podSelector: {} }),
      "[test/d] podSelector must be a LabelSelector (LabelSelector.labels({ app: 'web' }), or LabelSelector.all()), got {}"],
    ['ThreeTierApp backend port: 8080', () => new untyped.ThreeTierApp(newChart(), 't', { backend: { port: 8080 } }),
      '[test/t] backend.port must be a Port (Port.tcp(8080), ...), got 8080'],
    ['ServiceGraph.policyFor(a name)', () => graph().policyFor('a' as any),
      "[test/g] the workload must be a Workload (Workload.select() or Workload.of()), got 'a'"],
    ['NetworkModel.fromChart(a plain object)', () => untyped.NetworkModel.fromChart({}), 'NetworkModel.fromChart(): chart must be a cdk8s Chart (the chart to judge), got {}'],
    ['NetworkModel.fromApp(a Chart)', () => untyped.NetworkModel.fromApp(new Chart(new App(), 'c')),
      'NetworkModel.fromApp(): app must be a cdk8s App (the app to judge), got a Chart (c)'],
    ['Linter.lint(a plain object)', () => untyped.Linter.lint({}),
      'Linter.lint(): model must be a NetworkModel (NetworkModel.fromChart(chart), NetworkModel.fromFiles([...]), ...), got {}'],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });

  test('Workload.of() of a kind named like an Object.prototype member is "no pods", not a crash', () => {
    const chart = newChart();
    for (const kind of ['constructor', 'toString', 'hasOwnProperty']) {
      const object = new ApiObject(chart, `object-${kind.toLowerCase()}`, { apiVersion: 'v1', kind, metadata: { name: 'x' } });
      expect(errorOf(() => Workload.of(object)))
        .toBe(`Workload.of(${kind} 'x'): a ${kind} has no pods; give a Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob, Pod`);
    }
  });
});

describe('props and options are objects, without unknown keys (a misspelt optional one is never dropped)', () => {
  test.each<[string, () => unknown, string]>([
    ["NetworkPolicy props: 'x'", () => new untyped.NetworkPolicy(newChart(), 'p', 'x'),
      "[test/p] props must be an object { metadata?, podSelector?, policyTypes?, ingress?, egress?, description? }, got 'x'"],
    ['NetworkPolicy podselector', () => new untyped.NetworkPolicy(newChart(), 'p', { podselector: web }),
      "[test/p] unknown property 'podselector'; did you mean 'podSelector'? (the properties are metadata, podSelector, policyTypes, ingress, egress and description)"],
    ["NetworkPolicy metadata: 'x'", () => new untyped.NetworkPolicy(newChart(), 'p', { metadata: 'x' }),
      "[test/p] metadata must be an object (ApiObjectMetadata: { name?, namespace?, labels?, ... }), got 'x'"],
    ['a rule with port instead of ports (once: every port)', () => policy().addEgress({ peers: [Peer.anyone()], port: [Port.HTTP] } as any),
      "[test/p] rule: unknown field 'port' (the fields of a rule are peers, ports and description)"],
    ['a rule of the props with from', () => new untyped.NetworkPolicy(newChart(), 'p', { ingress: [{ peers: [Peer.anyone()], from: [] }] }),
      "[test/p] ingress[0]: unknown field 'from' (the fields of a rule are peers, ports and description)"],
    ['AllowFrom port', () => new untyped.AllowFrom(newChart(), 'a', { podSelector: web, peers: [Peer.anyone()], port: [Port.HTTP] }),
      "[test/a] unknown property 'port'; did you mean 'ports'? (the properties are metadata, podSelector, peers, ports and description)"],
    ['AllowTo descripton', () => new untyped.AllowTo(newChart(), 'a', { podSelector: web, peers: [Peer.anyone()], descripton: 'x' }),
      "[test/a] unknown property 'descripton'; did you mean 'description'? (the properties are metadata, podSelector, peers, ports and description)"],
    ['AllowDns target', () => new untyped.AllowDns(newChart(), 'd', { target: [] }),
      "[test/d] unknown property 'target'; did you mean 'targets'? (the properties are metadata, podSelector, targets and description)"],
    ['DefaultDeny props: 5', () => new untyped.DefaultDeny(newChart(), 'd', 5),
      '[test/d] props must be an object { metadata?, podSelector?, directions?, description? }, got 5'],
    ['DefaultDeny direction', () => new untyped.DefaultDeny(newChart(), 'd', { direction: [PolicyType.INGRESS] }),
      "[test/d] unknown property 'direction'; did you mean 'directions'? (the properties are metadata, podSelector, directions and description)"],
    ['ServiceGraph props: []', () => new untyped.ServiceGraph(newChart(), 'g', []),
      '[test/g] props must be an object { namespace?, dns?, description?, defaultDeny?, namePrefix? }, got []'],
    ['ServiceGraph defaultdeny', () => new untyped.ServiceGraph(newChart(), 'g', { defaultdeny: true }),
      "[test/g] unknown property 'defaultdeny'; did you mean 'defaultDeny'? (the properties are namespace, dns, description, defaultDeny and namePrefix)"],
    ["ServiceGraph.allow options: 'x'", () => graph().allow(a(), b(), 'x' as any), "[test/g] options must be an object { ports?, description? }, got 'x'"],
    ['ServiceGraph.allowFrom port', () => graph().allowFrom(a(), [Peer.anyone()], { port: [Port.HTTP] } as any),
      "[test/g] unknown option 'port'; did you mean 'ports'? (the options are ports and description)"],
    ['ThreeTierApp props: null', () => new untyped.ThreeTierApp(newChart(), 't', null),
      '[test/t] props must be an object { namespace?, namePrefix?, frontend?, backend?, database?, frontendSources?, dns? }, got null'],
    ['ThreeTierApp frontendSource', () => new untyped.ThreeTierApp(newChart(), 't', { frontendSource: [] }),
      "[test/t] unknown property 'frontendSource'; did you mean 'frontendSources'? "
      + '(the properties are namespace, namePrefix, frontend, backend, database, frontendSources and dns)'],
    ["ThreeTierApp frontend: 'x'", () => new untyped.ThreeTierApp(newChart(), 't', { frontend: 'x' }), "[test/t] frontend must be an object { labels?, port? }, got 'x'"],
    ['ThreeTierApp frontend label', () => new untyped.ThreeTierApp(newChart(), 't', { frontend: { label: { tier: 'f' } } }),
      "[test/t] unknown option of frontend 'label'; did you mean 'labels'? (the options are labels and port)"],
    ['ThreeTierApp database labels: a string', () => new untyped.ThreeTierApp(newChart(), 't', { database: { labels: 'db' } }),
      "[test/t] database.labels must be an object of label keys to values, e.g. { app: 'web' }, got 'db'"],
    ['LabelSelector.of(null)', () => untyped.LabelSelector.of(null), 'LabelSelector.of(): options must be an object { labels?, expressions? }, got null'],
    ['LabelSelector.of label', () => untyped.LabelSelector.of({ label: { app: 'web' } }),
      "LabelSelector.of(): unknown option 'label'; did you mean 'labels'? (the options are labels and expressions)"],
    ['LabelSelector.labels(a list)', () => untyped.LabelSelector.labels(['app']),
      "LabelSelector.labels(): labels must be an object of label keys to values, e.g. { app: 'web' }, got [\"app\"]"],
    ['LabelSelector.labels(a Map)', () => untyped.LabelSelector.labels(new Map([['app', 'web']])),
      "LabelSelector.labels(): labels must be an object of label keys to values, e.g. { app: 'web' }, got a Map"],
    ['DnsTarget.clusterDns(null)', () => untyped.DnsTarget.clusterDns(null),
      'DnsTarget.clusterDns(): options must be an object { namespace?, anyNamespace?, podLabels?, port? }, got null'],
    ['DnsTarget.clusterDns namespaces', () => untyped.DnsTarget.clusterDns({ namespaces: ['kube-system'] }),
      "DnsTarget.clusterDns(): unknown option 'namespaces'; did you mean 'namespace'? (the options are namespace, anyNamespace, podLabels and port)"],
    ["DnsTarget.clusterDns podLabels: 'kube-dns'", () => untyped.DnsTarget.clusterDns({ podLabels: 'kube-dns' }),
      "DnsTarget.clusterDns(): podLabels must be an object of label keys to values, e.g. { app: 'web' }, got 'kube-dns'"],
    ['Workload.select namespaces', () => untyped.Workload.select('a', web, { namespaces: 'x' }),
      "Workload.select('a'): unknown option 'namespaces'; did you mean 'namespace'? (the options are namespace and ports)"],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });
});

describe('lint options and plugin properties: unknown keys are errors naming the valid ones', () => {
  test.each<[string, () => unknown, string]>([
    ['Linter.lint option disabledRule', () => untyped.Linter.lint(NetworkModel.fromManifests([]), { disabledRule: ['NP011'] }),
      `Linter.lint(): unknown option 'disabledRule'; did you mean 'disabledRules'? (the options are ${LINT_OPTIONS})`],
    ['Linter.lint option strict', () => untyped.Linter.lint(NetworkModel.fromFiles([]), { strict: true }),
      `Linter.lint(): unknown option 'strict' (the options are ${LINT_OPTIONS})`],
    ['Linter.lint option dnsnamespace', () => untyped.Linter.lint(NetworkModel.fromChart(newChart()), { dnsnamespace: 'dns' }),
      `Linter.lint(): unknown option 'dnsnamespace'; did you mean 'dnsNamespace'? (the options are ${LINT_OPTIONS})`],
    ['Linter.lint option dnsPorts', () => untyped.Linter.lint(NetworkModel.fromApp(new App()), { dnsPorts: 53 }),
      `Linter.lint(): unknown option 'dnsPorts'; did you mean 'dnsPort'? (the options are ${LINT_OPTIONS})`],
    ['Linter.lintModel failOn (a plugin property)', () => untyped.Linter.lint(NetworkModel.fromManifests([]), { failOn: 'error' }),
      `Linter.lint(): unknown option 'failOn' (the options are ${LINT_OPTIONS})`],
    ['lint options: null', () => untyped.Linter.lint(NetworkModel.fromManifests([]), null),
      'Linter.lint(): options must be an object { disabledRules?, dnsNamespace?, dnsPodLabels?, dnsPort?, strictCidr? }, got null'],
    ["lint option dnsPort: '53'", () => untyped.Linter.lint(NetworkModel.fromManifests([]), { dnsPort: '53' }),
      "Linter.lint(): dnsPort '53' must be a whole number from 1 to 65535"],
    ['lint option dnsNamespace: 3', () => untyped.Linter.lint(NetworkModel.fromManifests([]), { dnsNamespace: 3 }), 'Linter.lint(): dnsNamespace must be a string, got 3'],
    ['lint option dnsPodLabels', () => untyped.Linter.lint(NetworkModel.fromManifests([]), { dnsPodLabels: { app: 1 } }),
      "Linter.lint(): dnsPodLabels: label 'app' has value 1; label values are strings"],
    ["lint option strictCidr: 'yes'", () => untyped.Linter.lint(NetworkModel.fromManifests([]), { strictCidr: 'yes' }),
      "Linter.lint(): strictCidr must be true or false, got 'yes'"],
    ['plugin disabledRule', () => new untyped.NetworkPolicyLintPlugin({ disabledRule: ['NP011'] }),
      `${PLUGIN}: unknown property 'disabledRule'; did you mean 'disabledRules'? (the properties are ${PLUGIN_PROPERTIES})`],
    ['plugin failon', () => new untyped.NetworkPolicyLintPlugin({ failon: 'warning' }),
      `${PLUGIN}: unknown property 'failon'; did you mean 'failOn'? (the properties are ${PLUGIN_PROPERTIES})`],
    ['plugin verbose', () => new untyped.NetworkPolicyLintPlugin({ verbose: true }),
      `${PLUGIN}: unknown property 'verbose' (the properties are ${PLUGIN_PROPERTIES})`],
    ["plugin includeInfo: 'yes'", () => new untyped.NetworkPolicyLintPlugin({ includeInfo: 'yes' }), `${PLUGIN}: includeInfo must be true or false, got 'yes'`],
    ["plugin properties: 'x'", () => new untyped.NetworkPolicyLintPlugin('x'),
      `${PLUGIN}: properties must be an object { disabledRules?, dnsNamespace?, dnsPodLabels?, dnsPort?, strictCidr?, failOn?, includeInfo? }, got 'x'`],
  ])('%s', (_name, call, message) => {
    expect(errorOf(call)).toBe(message);
  });

  test('valid options still work, and properties: left empty in cdk8s.yaml (null) means none', () => {
    expect(() => new untyped.NetworkPolicyLintPlugin(null)).not.toThrow();
    expect(() => new NetworkPolicyLintPlugin({ failOn: 'warning' as any, includeInfo: true, disabledRules: ['NP011'], dnsPort: 53 })).not.toThrow();
    expect(Linter.lint(NetworkModel.fromManifests([]), { disabledRules: ['NP011'], dnsNamespace: 'kube-system', dnsPodLabels: { 'k8s-app': 'kube-dns' }, dnsPort: 53, strictCidr: true })
      .errorCount).toBe(0);
  });
});

describe('values are deeply immutable', () => {
  // Test files are modules, so strict mode: writing a read-only property or a frozen object throws.
  const readOnly = /Cannot assign to read only property|object is not extensible|Cannot add property|Cannot delete property|Cannot redefine|which has only a getter/;

  test('LabelSelector: matchLabels, matchExpressions, expression values and the cached manifest', () => {
    const expression = LabelExpression.isIn('tier', ['web', 'api']);
    const selector = LabelSelector.of({ labels: { app: 'shop' }, expressions: [expression] });
    const s: any = selector;
    expect(() => { s.matchLabels.app = 'other'; }).toThrow(readOnly);
    expect(() => { s.matchLabels.extra = 'x'; }).toThrow(readOnly);
    expect(() => { delete s.matchLabels.app; }).toThrow(readOnly);
    expect(() => { s.matchLabels = {}; }).toThrow(readOnly);
    expect(() => s.matchExpressions.push(LabelExpression.exists('x'))).toThrow(readOnly);
    expect(() => { s.matchExpressions = []; }).toThrow(readOnly);
    const e: any = expression;
    expect(() => e.values.push('db')).toThrow(readOnly);
    expect(() => { e.values[0] = 'db'; }).toThrow(readOnly);
    expect(() => { e.key = 'other'; }).toThrow(readOnly);
    expect(() => { e.operator = 'NotIn'; }).toThrow(readOnly);
    const manifest = s._toManifest();
    expect(() => { manifest.matchLabels.app = 'other'; }).toThrow(readOnly);
    expect(() => { manifest.matchExpressions[0].values.push('db'); }).toThrow(readOnly);
    expect(() => { manifest.matchExpressions[0].operator = 'NotIn'; }).toThrow(readOnly);
    expect(() => { manifest.matchExpressions = []; }).toThrow(readOnly);
    expect(selector.toString()).toBe('app=shop,tier in (api,web)');
    const chart = newChart();
    new NetworkPolicy(chart, 'p', { podSelector: selector, policyTypes: [PolicyType.INGRESS] });
    expect(synthOne(chart).spec.podSelector).toEqual({
      matchLabels: { app: 'shop' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['api', 'web'] }],
    });
  });

  test('equal values are shared, and sharing never lets bad input through', () => {
    expect(LabelSelector.labels({ app: 'shop', tier: 'web' })).toBe(LabelSelector.labels({ app: 'shop', tier: 'web' }));
    expect(LabelSelector.labels({ app: 'shop' })).not.toBe(LabelSelector.labels({ app: 'shop', tier: 'web' }));
    expect(Port.tcp(8080)).toBe(Port.HTTP_ALT);
    expect(Port.tcpRange(5000, 5100)).toBe(Port.tcpRange(5000, 5100));
    expect(Port.tcpRange(5000, 5000)).toBe(Port.tcp(5000));
    expect(Port.named('metrics')).toBe(Port.named('metrics'));
    expect(Port.named('metrics', Protocol.UDP)).not.toBe(Port.named('metrics'));
    const shop = LabelSelector.labels({ app: 'shop' });
    expect(Peer.pods(shop)).toBe(Peer.pods(shop));
    expect(Peer.pods(shop, Namespaces.named(['shop']))).toBe(Peer.pods(shop, Namespaces.named(['shop'])));
    expect(Peer.pods(shop, Namespaces.named(['shop']))).not.toBe(Peer.pods(shop));
    expect(Peer.pods(shop, Namespaces.all())).toBe(Peer.pods(shop, Namespaces.all()));
    const team = LabelSelector.labels({ team: 'a' });
    expect(Peer.pods(shop, Namespaces.selectedBy(team))).toBe(Peer.pods(shop, Namespaces.selectedBy(team)));
    expect(Peer.pods(shop, Namespaces.selectedBy(team))).not.toBe(Peer.pods(shop, Namespaces.all()));
    // A valid selector seen first must not answer for an invalid map whose keys and values join to the same text.
    LabelSelector.labels({ a: 'x', b: 'y' });
    expect(() => LabelSelector.labels({ 'a\u0000x\u0000b': 'y' })).toThrow(/LabelSelector.labels\(\): label key/);
    // A map answering differently on a second read (a getter) is judged on the values its key was made of.
    let reads = 0;
    const shifty = Object.defineProperty({}, 'app', { enumerable: true, get: () => (reads++ === 0 ? '' : 'web') });
    expect(() => LabelSelector.labels(shifty)).toThrow(/label 'app' has an empty value/);
    expect(() => LabelSelector.labels({ app: '' })).toThrow(/label 'app' has an empty value/);
    // A changed map after a first call gives a new selector, not the cached one.
    const labels: Record<string, string> = { app: 'cache-a' };
    const first = LabelSelector.labels(labels);
    labels.app = 'cache-b';
    expect(LabelSelector.labels(labels).toString()).toBe('app=cache-b');
    expect(first.toString()).toBe('app=cache-a');
  });

  test("the caller's objects are copied: changing them later changes nothing", () => {
    const labels: Record<string, string> = { app: 'shop' };
    const values = ['web'];
    const expressions = [LabelExpression.isIn('tier', values)];
    const selector = LabelSelector.of({ labels, expressions });
    labels.app = 'other';
    values.push('db');
    expressions.push(LabelExpression.exists('canary'));
    expect(selector.toString()).toBe('app=shop,tier in (web)');
    const except = ['10.0.1.0/24'];
    const peer = Peer.ipv4('10.0.0.0/16', except);
    except[0] = '10.0.2.0/24';
    expect(peer.toString()).toBe('addresses in 10.0.0.0/16 except 10.0.1.0/24');
    const ports = [Port.HTTP];
    const workload = Workload.select('a', selector, { ports });
    ports.push(Port.SSH);
    expect((workload as any)._resolve().ports).toEqual([Port.HTTP]);
  });

  test('LabelSelector.all(), shared by every caller', () => {
    const all: any = LabelSelector.all();
    expect(() => { all.matchLabels.app = 'web'; }).toThrow(readOnly);
    expect(() => all.matchExpressions.push(LabelExpression.exists('app'))).toThrow(readOnly);
    expect(() => { all.matchLabels = { app: 'web' }; }).toThrow(readOnly);
    expect(() => { all._toManifest().matchLabels = { app: 'web' }; }).toThrow(readOnly);
    expect(LabelSelector.all().isAll).toBe(true);
    expect(LabelSelector.all().toString()).toBe('all');
    const chart = newChart();
    new NetworkPolicy(chart, 'p', { policyTypes: [PolicyType.INGRESS] });
    expect(synthOne(chart).spec.podSelector).toEqual({});
  });

  test('Namespaces.named(), cached for the whole process', () => {
    const named: any = Namespaces.named(['kube-system']);
    expect(Namespaces.named(['kube-system'])).toBe(named);
    expect(() => { named.selector = LabelSelector.all(); }).toThrow(readOnly);
    expect(() => { named.selector.matchLabels['kubernetes.io/metadata.name'] = 'default'; }).toThrow(readOnly);
    expect(() => { named.selector._toManifest().matchLabels['kubernetes.io/metadata.name'] = 'default'; }).toThrow(readOnly);
    expect(Namespaces.named(['kube-system']).toString()).toBe('namespace kube-system');
    expect(Peer.namespaces(Namespaces.named(['kube-system']))._manifest).toEqual({
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
    });
  });

  test('Port constants, shared by every caller, cannot be replaced or changed', () => {
    const P: any = Port;
    expect(() => { P.DNS_UDP = Port.HTTP; }).toThrow(readOnly);
    expect(() => { P.HTTPS = Port.tcp(8443); }).toThrow(readOnly);
    const dns: any = Port.DNS_UDP;
    expect(() => { dns.portNumber = 54; }).toThrow(readOnly);
    expect(() => { dns.protocol = 'TCP'; }).toThrow(readOnly);
    expect(() => { dns.endPort = 60; }).toThrow(readOnly);
    expect(() => { dns._key = 'TCP/53'; }).toThrow(readOnly);
    expect(() => { dns._toManifest().port = 54; }).toThrow(readOnly);
    expect(Port.DNS_UDP.toString()).toBe('UDP 53');
    expect(Port.DNS_UDP._toManifest()).toEqual({ protocol: 'UDP', port: 53 });
    const A: any = Annotations;
    expect(() => { A.DESCRIPTION = 'x'; }).toThrow(readOnly);
  });

  test('peers, workloads, DNS targets and construct properties', () => {
    const peer: any = Peer.ipv4('10.0.0.0/16', ['10.0.1.0/24']);
    expect(() => { peer._manifest.ipBlock.cidr = '0.0.0.0/0'; }).toThrow(readOnly);
    expect(() => { peer._manifest.ipBlock.except.pop(); }).toThrow(readOnly);
    expect(() => { peer._manifest = undefined; }).toThrow(readOnly);
    const workload: any = Workload.select('a', web, { namespace: 'shop', ports: [Port.HTTP] });
    expect(() => { workload.name = 'b'; }).toThrow(readOnly);
    expect(() => { workload.namespace = 'other'; }).toThrow(readOnly);
    expect(() => workload._resolve().ports.push(Port.SSH)).toThrow(readOnly);
    expect(() => { workload._resolve().selector.matchLabels.app = 'x'; }).toThrow(readOnly);
    const target: any = DnsTarget.clusterDns();
    expect(() => { target.port = 5353; }).toThrow(readOnly);
    expect(() => { target.peer = Peer.anyone(); }).toThrow(readOnly);
    const chart = newChart();
    const p: any = new NetworkPolicy(chart, 'p', { podSelector: web, policyTypes: [PolicyType.INGRESS] });
    expect(() => { p.podSelector = LabelSelector.all(); }).toThrow(readOnly);
    const app: any = new ThreeTierApp(chart, 'app');
    expect(() => { app.frontend = p; }).toThrow(readOnly);
    expect(() => { app.graph = undefined; }).toThrow(readOnly);
  });

  test('synthesis hands out copies: changing them changes nothing for the next synthesis', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'p', { podSelector: web, ingress: [{ peers: [Peer.pods(web, Namespaces.named(['kube-system']))], ports: [Port.DNS_UDP] }] });
    const first = Testing.synth(chart)[0];
    first.spec.podSelector.matchLabels.app = 'other';
    first.spec.ingress[0].from[0].namespaceSelector.matchLabels['kubernetes.io/metadata.name'] = 'default';
    first.spec.ingress[0].ports[0].port = 54;
    expect(Testing.synth(chart)[0].spec).toEqual({
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Ingress'],
      ingress: [{
        from: [{ podSelector: { matchLabels: { app: 'web' } }, namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }],
        ports: [{ protocol: 'UDP', port: 53 }],
      }],
    });
  });

  test('class instances are not frozen: the jsii kernel can still tag them', () => {
    const chart = newChart();
    const instances: object[] = [
      web, LabelSelector.all(), LabelExpression.exists('a'), Namespaces.named(['kube-system']), Peer.anyone(), Port.DNS_UDP,
      Workload.select('a', web), DnsTarget.clusterDns(), new NetworkPolicy(chart, 'p', { policyTypes: [PolicyType.INGRESS] }),
    ];
    for (const instance of instances) {
      expect(Object.isExtensible(instance)).toBe(true);
      const tag = Symbol('jsii-objref');
      (instance as any)[tag] = 'ref';
      expect((instance as any)[tag]).toBe('ref');
    }
  });
});

describe('label keys named like Object.prototype members work everywhere', () => {
  const keys = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

  test.each(keys)('%s: in LabelSelector.labels() and .of(), as an own key, sorted', (key) => {
    const fromJson = LabelSelector.labels(JSON.parse(`{ "${key}": "v", "app": "web" }`));
    expect(Object.keys(fromJson.matchLabels)).toEqual(['app', key].sort());
    expect(Object.getOwnPropertyDescriptor(fromJson.matchLabels, key)?.value).toBe('v');
    const of = LabelSelector.of({ labels: { [key]: 'v' }, expressions: [LabelExpression.isIn(key, ['a'])] });
    expect(of.toString()).toBe(`${key}=v,${key} in (a)`);
  });

  test('constructor in a policy\'s own labels or annotations, which cdk8s itself cannot write: a validation error, not a serializer crash', () => {
    const chart = newChart();
    const own = new NetworkPolicy(chart, 'p', { metadata: { labels: { constructor: 'x' } }, policyTypes: [PolicyType.INGRESS] });
    own.metadata.addAnnotation('constructor', 'y');
    const error = synthError(chart);
    expect(error).toMatch(/^Validation failed with the following errors:/);
    expect(error).toContain("metadata.labels[constructor]: cdk8s cannot synthesize a metadata key named 'constructor'");
    expect(error).toContain("metadata.annotations[constructor]: cdk8s cannot synthesize a metadata key named 'constructor'");
  });

  test.each(keys)('%s: synthesized by every construct, and valid for the schema and the library\'s validator', (key) => {
    const chart = newChart();
    new NetworkPolicy(chart, 'p', {
      metadata: { name: 'p' },
      podSelector: LabelSelector.labels({ [key]: 'v', app: 'web' }),
      ingress: [{
        peers: [Peer.pods(LabelSelector.of({ labels: { [key]: 'x' }, expressions: [LabelExpression.notIn(key, ['y'])] }),
          Namespaces.selectedBy(LabelSelector.labels({ [key]: 'ns' })))],
        ports: [Port.HTTP],
      }],
    });
    new AllowFrom(chart, 'from', { metadata: { name: 'from' }, podSelector: LabelSelector.labels({ [key]: 'v' }), peers: [Peer.anyone()] });
    new AllowDns(chart, 'dns', { metadata: { name: 'dns' }, targets: [DnsTarget.clusterDns({ podLabels: { [key]: 'dns' } })] });
    const graph_ = new ServiceGraph(chart, 'graph', { namePrefix: 'g-' });
    graph_.allow(Workload.select('a', LabelSelector.labels({ [key]: 'a' })), Workload.select('b', LabelSelector.labels({ [key]: 'b' })), { ports: [Port.HTTP] });
    new ThreeTierApp(chart, 'app', {
      namePrefix: 't-', frontend: { labels: { [key]: 'f' } }, backend: { labels: { [key]: 'b' } }, database: { labels: { [key]: 'd' } },
    });
    // The helper checks every policy against the strict schema and the library's own validator.
    const manifests = synth(chart);
    for (const manifest of manifests) {
      expect(NetworkPolicyValidator.validate(manifest).filter((i) => i.severity === Severity.ERROR)).toEqual([]);
    }
    const p = manifests.find((m) => m.metadata.name === 'p');
    expect(p.spec.podSelector).toEqual({ matchLabels: { app: 'web', [key]: 'v' } });
    expect(Object.keys(p.spec.podSelector.matchLabels)).toEqual(['app', key].sort());
    expect(p.spec.ingress[0].from).toEqual([{
      podSelector: { matchLabels: { [key]: 'x' }, matchExpressions: [{ key, operator: 'NotIn', values: ['y'] }] },
      namespaceSelector: { matchLabels: { [key]: 'ns' } },
    }]);
    expect(manifests.find((m) => m.metadata.name === 'from').spec.podSelector).toEqual({ matchLabels: { [key]: 'v' } });
    expect(manifests.find((m) => m.metadata.name === 'dns').spec.egress[0].to[0].podSelector).toEqual({ matchLabels: { [key]: 'dns' } });
    expect(manifests.find((m) => m.metadata.name === 'g-a-policy').spec.podSelector).toEqual({ matchLabels: { [key]: 'a' } });
    expect(manifests.find((m) => m.metadata.name === 'g-a-policy').spec.egress.at(-1).to[0].podSelector).toEqual({ matchLabels: { [key]: 'b' } });
    expect(manifests.find((m) => m.metadata.name === 't-backend-policy').spec.podSelector).toEqual({ matchLabels: { [key]: 'b' } });
    expect(Yaml.stringify(p)).toContain(`\n  podSelector:\n    matchLabels:\n      app: web\n      ${key}: v\n`);
    // Synthesizing again gives the same output (the renamed keys are restored on each synthesis).
    expect(Testing.synth(chart)).toEqual(manifests);
  });

  test('__proto__ is not a valid label key: refused by name, never taken as a prototype', () => {
    const message = "label key '__proto__' name part must be letters, digits, '-', '_' and '.', starting and ending with a letter or digit (e.g. 'app', 'my_key.v1').";
    expect(errorOf(() => LabelSelector.labels(JSON.parse('{ "__proto__": "v" }')))).toBe(`LabelSelector.labels(): ${message}`);
    expect(errorOf(() => LabelSelector.of({ labels: JSON.parse('{ "app": "web", "__proto__": "v" }') }))).toBe(`LabelSelector.of(): ${message}`);
    expect(errorOf(() => LabelExpression.exists('__proto__'))).toMatch(/^LabelExpression\.exists\('__proto__'\): key '__proto__' name part must be/);
    expect(errorOf(() => Workload.select('a', web, JSON.parse('{ "__proto__": { "namespace": "x" } }'))))
      .toBe("Workload.select('a'): unknown option '__proto__' (the options are namespace and ports)");
    expect(errorOf(() => new untyped.AllowFrom(newChart(), 'a', JSON.parse('{ "__proto__": { "podSelector": {} }, "peers": [] }'))))
      .toBe("[test/a] unknown property '__proto__' (the properties are metadata, podSelector, peers, ports and description)");
    expect(Object.getPrototypeOf(LabelSelector.labels({ app: 'web' }).matchLabels)).toBe(Object.prototype);
  });
});

describe('internal helpers (src/runtime-checks.ts)', () => {
  test('objectOf() keeps __proto__ as an own key; synthesis writes it (and constructor) as keys, not as prototypes', () => {
    const map = objectOf([['__proto__', 'p'], ['constructor', 'c'], ['app', 'web']]);
    expect(Object.keys(map)).toEqual(['__proto__', 'constructor', 'app']);
    expect(Object.getPrototypeOf(map)).toBe(Object.prototype);
    // A selector no public factory can make (the key is invalid), to see what synthesis does with such a map.
    const chart = newChart();
    const odd = new NetworkPolicy(chart, 'p', { podSelector: LabelSelector._lazy(() => 'odd', () => ({ matchLabels: map })), policyTypes: [PolicyType.INGRESS] });
    // The library's validator sees the key, and refuses it, at synthesis...
    expect(errorOf(() => Testing.synth(chart))).toContain(
      '[test/p] spec.podSelector.matchLabels[__proto__]: label key "__proto__" is invalid: name part must be letters',
    );
    // ... and the object's own rendering keeps it as a key.
    const json = odd.toJson();
    expect(Object.keys(json.spec.podSelector.matchLabels)).toEqual(['__proto__', 'app', 'constructor']);
    expect(Object.getOwnPropertyDescriptor(json.spec.podSelector.matchLabels, '__proto__')?.value).toBe('p');
    expect(Object.getPrototypeOf(json.spec.podSelector.matchLabels)).toBe(Object.prototype);
    expect(JSON.stringify(json.spec.podSelector)).toBe('{"matchLabels":{"__proto__":"p","app":"web","constructor":"c"}}');
  });

  test('freezeDeep() freezes plain data, not class instances; show() names classes and cuts long values', () => {
    const data = freezeDeep({ list: [{ a: 1 }], port: Port.tcp(8080) });
    expect(Object.isFrozen(data.list[0])).toBe(true);
    expect(Object.isFrozen(data.port)).toBe(false);
    expect(show('a"b')).toBe('\'a"b\'');
    expect(show(Port.HTTP)).toBe('a Port (TCP 80)');
    expect(show(Object.create(null))).toBe('{}');
    expect(show(() => 1)).toBe('a function');
    expect(show('x'.repeat(100))).toBe(`'${'x'.repeat(56)}...`);
  });
});
