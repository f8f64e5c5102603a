/**
 * Fail closed: in Kubernetes an empty list or an empty selector often means "everything", so a list that
 * happened to be empty would silently open a policy. Each such input is an error; "everything" must be
 * said with an explicit form, and each explicit form works.
 */
import { errorOf, newChart, synthOne } from './helpers';
import {
  AllowDns,
  AllowFrom,
  AllowTo,
  DefaultDeny,
  DnsTarget,
  LabelExpression,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Peer,
  Port,
  ThreeTierApp,
} from '../../src';

const web = LabelSelector.labels({ app: 'web' });

describe('empty inputs are errors, never "everything"', () => {
  test('an empty peer list in an ingress rule', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { ingress: [{ peers: [] }] }));
    expect(message).toContain('[test/policy] spec.ingress[0].from: the peer list is empty');
    expect(message).toContain('Peer.anyone()');
  });

  test('an empty peer list in an egress rule', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { egress: [{ peers: [], ports: [Port.HTTPS] }] }));
    expect(message).toContain('[test/policy] spec.egress[0].to: the peer list is empty');
  });

  test('an empty peer list in AllowFrom and AllowTo', () => {
    expect(errorOf(() => new AllowFrom(newChart(), 'allow', { podSelector: web, peers: [] })))
      .toContain('[test/allow] spec.ingress[0].from: the peer list is empty');
    expect(errorOf(() => new AllowTo(newChart(), 'allow', { podSelector: web, peers: [] })))
      .toContain('[test/allow] spec.egress[0].to: the peer list is empty');
  });

  test('an empty list of frontend sources in ThreeTierApp', () => {
    expect(errorOf(() => new ThreeTierApp(newChart(), 'app', { frontendSources: [] })))
      .toContain('[test/app/graph] peers must list at least one Peer (Peer.anyone() for everyone); an empty list would mean everyone in Kubernetes');
  });

  test('an empty port list', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { ingress: [{ peers: [Peer.pods(web)], ports: [] }] }));
    expect(message).toContain('[test/policy] spec.ingress[0].ports: the port list is empty');
    expect(message).toContain('omit ports');
    expect(errorOf(() => new AllowTo(newChart(), 'allow', { podSelector: web, peers: [Peer.pods(web)], ports: [] })))
      .toContain('[test/allow] spec.egress[0].ports: the port list is empty');
  });

  test('Namespaces.named([])', () => {
    const message = errorOf(() => Namespaces.named([]));
    expect(message).toContain('Namespaces.named([]): no namespace names given');
    expect(message).toContain('Namespaces.all()');
  });

  test('an empty label value', () => {
    const message = errorOf(() => LabelSelector.labels({ app: '' }));
    expect(message).toContain("label 'app' has an empty value");
    expect(message).toContain("LabelExpression.isIn('app', [''])");
  });

  test('LabelSelector.of({}) and LabelSelector.labels({})', () => {
    expect(errorOf(() => LabelSelector.of({}))).toContain('LabelSelector.of(): no labels and no expressions given');
    expect(errorOf(() => LabelSelector.of({}))).toContain('LabelSelector.all()');
    expect(errorOf(() => LabelSelector.labels({}))).toContain('no labels and no expressions given');
    expect(errorOf(() => LabelSelector.of({ labels: {}, expressions: [] }))).toContain('no labels and no expressions given');
  });

  test('an empty value list for In and NotIn', () => {
    expect(errorOf(() => LabelExpression.isIn('tier', []))).toContain("LabelExpression.isIn('tier'): values must list at least one value");
    expect(errorOf(() => LabelExpression.notIn('tier', []))).toContain("LabelExpression.notIn('tier'): values must list at least one value");
  });

  test('an empty except list', () => {
    const message = errorOf(() => Peer.ipv4('10.0.0.0/8', []));
    expect(message).toBe("Peer.ipv4('10.0.0.0/8', []): exceptCidrs is empty; omit it to allow the whole range.");
    expect(errorOf(() => Peer.ipv6('2001:db8::/32', []))).toContain('exceptCidrs is empty');
  });

  test('empty policyTypes', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { policyTypes: [] }));
    expect(message).toContain('[test/policy] spec.policyTypes is empty');
  });

  test('empty DefaultDeny directions', () => {
    expect(errorOf(() => new DefaultDeny(newChart(), 'deny', { directions: [] })))
      .toContain("DefaultDeny 'deny': directions is empty");
  });

  test('empty AllowDns targets', () => {
    expect(errorOf(() => new AllowDns(newChart(), 'dns', { targets: [] })))
      .toContain("AllowDns 'dns': targets is empty");
  });

  test('empty ThreeTierApp DNS targets', () => {
    expect(errorOf(() => new ThreeTierApp(newChart(), 'app', { dns: [] })))
      .toContain('[test/app] dns is empty');
  });

  test('empty DNS pod labels', () => {
    expect(errorOf(() => DnsTarget.clusterDns({ podLabels: {} }))).toContain('no labels and no expressions given');
  });
});

describe('the explicit forms of "everything" work', () => {
  test('Peer.anyone(): a rule without from', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.anyone()] }] });
    expect(synthOne(chart).spec.ingress).toEqual([{}]);
  });

  test('LabelSelector.all(): podSelector {}', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', { podSelector: LabelSelector.all(), peers: [Peer.pods(LabelSelector.all())] });
    const spec = synthOne(chart).spec;
    expect(spec.podSelector).toEqual({});
    expect(spec.ingress).toEqual([{ from: [{ podSelector: {} }] }]);
  });

  test('Namespaces.all(): namespaceSelector {}', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', { podSelector: web, peers: [Peer.namespaces(Namespaces.all())] });
    expect(synthOne(chart).spec.ingress).toEqual([{ from: [{ namespaceSelector: {} }] }]);
  });

  test('omitting ports: every port, without an empty list', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', { podSelector: web, peers: [Peer.allPods()] });
    expect(synthOne(chart).spec.egress).toEqual([{ to: [{ namespaceSelector: {} }] }]);
  });

  test('omitting except: the whole range', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', { podSelector: web, peers: [Peer.ipv4('0.0.0.0/0')] });
    expect(synthOne(chart).spec.egress).toEqual([{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }]);
  });
});
