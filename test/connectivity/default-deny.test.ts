/**
 * What a DefaultDeny denies, what it leaves open, and how allow policies add to it. The workloads are
 * a NetworkModel (namespace `app` with pods a, b and c; namespace `other` with x and y; kube-dns).
 */
import { App, Chart } from 'cdk8s';
import { INTERNET } from './workloads';
import '../../src/testing/jest';
import {
  AllowFrom, AllowTo, Connectivity, DefaultDeny, DefaultDenyProps, LabelSelector, NetworkModel, Peer, PolicyType, Port,
} from '../../src';

/** The workloads, plus what `policies` adds to a chart of namespace `app`. */
function model(policies: (chart: Chart) => void): NetworkModel {
  const m = new NetworkModel();
  m.addNamespace('app');
  m.addNamespace('other');
  m.addPod({ namespace: 'app', name: 'a', labels: { app: 'a' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'app', name: 'b', labels: { app: 'b' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'app', name: 'c', labels: { app: 'c' }, ports: [{ port: 8080 }] });
  m.addPod({ namespace: 'other', name: 'x', labels: { app: 'x' } });
  m.addPod({ namespace: 'other', name: 'y', labels: { app: 'y' } });
  m.addPod({ namespace: 'kube-system', name: 'kube-dns', labels: { 'k8s-app': 'kube-dns' } });
  const chart = new Chart(new App(), 'app', { namespace: 'app' });
  policies(chart);
  m.addChart(chart);
  return m;
}

function denyOnly(props: DefaultDenyProps): Connectivity {
  return Connectivity.of(model((chart) => new DefaultDeny(chart, 'deny', props)));
}

const DNS = { destination: 'kube-system/kube-dns', port: Port.DNS_UDP };

describe('DefaultDeny', () => {
  test('ingress only: nothing gets in, everything gets out', () => {
    const c = denyOnly({ directions: [PolicyType.INGRESS] });
    c.assertDenied({ source: 'app/a', destination: 'app/b', port: Port.tcp(8080) });
    c.assertDenied({ source: 'other/x', destination: 'app/a', port: Port.tcp(8080) });
    c.assertDenied({ source: INTERNET, destination: 'app/a', port: Port.tcp(8080) });
    c.assertAllowed({ source: 'app/a', destination: 'other/x', port: Port.tcp(80) });
    c.assertAllowed({ source: 'app/a', destination: INTERNET, port: Port.tcp(443) });
    c.assertAllowed({ source: 'app/a', ...DNS });
  });

  test('egress only: nothing gets out, DNS included; everything gets in', () => {
    const c = denyOnly({ directions: [PolicyType.EGRESS] });
    c.assertDenied({ source: 'app/a', destination: 'app/b', port: Port.tcp(8080) });
    c.assertDenied({ source: 'app/a', destination: 'other/x', port: Port.tcp(80) });
    c.assertDenied({ source: 'app/a', destination: INTERNET, port: Port.tcp(443) });
    c.assertDenied({ source: 'app/a', ...DNS });
    c.assertDenied({ source: 'app/a', ...DNS, port: Port.DNS_TCP });
    c.assertAllowed({ source: 'other/x', destination: 'app/a', port: Port.tcp(8080) });
    c.assertAllowed({ source: INTERNET, destination: 'app/a', port: Port.tcp(8080) });
  });

  test('both directions (the default): nothing in, nothing out, other namespaces untouched', () => {
    const c = denyOnly({});
    c.assertDenied({ source: 'app/a', destination: 'app/b', port: Port.tcp(8080) });
    c.assertDenied({ source: 'other/x', destination: 'app/a', port: Port.tcp(8080) });
    c.assertDenied({ source: 'app/a', destination: 'other/x', port: Port.tcp(80) });
    c.assertDenied({ source: 'app/a', ...DNS });
    c.assertDenied({ source: INTERNET, destination: 'app/a', port: Port.tcp(8080) });
    c.assertAllowed({ source: 'other/x', destination: 'other/y', port: Port.tcp(80) });
    c.assertAllowed({ source: 'other/x', destination: INTERNET, port: Port.tcp(443) });
  });

  test('a pod-selected DefaultDeny isolates those pods only', () => {
    const m = model((chart) => new DefaultDeny(chart, 'deny', { podSelector: LabelSelector.labels({ app: 'a' }) }));
    expect(m).toDenyConnection({ source: 'other/x', destination: 'app/a', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'other/x', port: Port.tcp(80) });
    expect(m).toDenyConnection({ source: 'app/b', destination: 'app/a', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'other/x', destination: 'app/b', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'app/b', destination: 'app/c', port: Port.tcp(8080) });
    expect(m).toAllowConnection({ source: 'app/b', destination: INTERNET, port: Port.tcp(443) });
  });

  test('additivity: an AllowFrom next to an ingress DefaultDeny opens exactly its flow', () => {
    const m = model((chart) => {
      new DefaultDeny(chart, 'deny', { directions: [PolicyType.INGRESS] });
      new AllowFrom(chart, 'a-to-b', {
        podSelector: LabelSelector.labels({ app: 'b' }),
        peers: [Peer.pods(LabelSelector.labels({ app: 'a' }))],
        ports: [Port.tcp(8080)],
      });
    });
    expect(m).toAllowConnection({ source: 'app/a', destination: 'app/b', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'app/b', port: Port.tcp(8081) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'app/b', port: Port.udp(8080) });
    expect(m).toDenyConnection({ source: 'app/c', destination: 'app/b', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'app/a', destination: 'app/c', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'app/b', destination: 'app/a', port: Port.tcp(8080) });
    expect(m).toDenyConnection({ source: 'other/x', destination: 'app/b', port: Port.tcp(8080) });
  });

  test('additivity across directions: with both denied, a flow needs the AllowFrom and the AllowTo', () => {
    const allowFrom = (chart: Chart) => new AllowFrom(chart, 'b-from-a', {
      podSelector: LabelSelector.labels({ app: 'b' }),
      peers: [Peer.pods(LabelSelector.labels({ app: 'a' }))],
      ports: [Port.tcp(8080)],
    });
    const allowTo = (chart: Chart) => new AllowTo(chart, 'a-to-b', {
      podSelector: LabelSelector.labels({ app: 'a' }),
      peers: [Peer.pods(LabelSelector.labels({ app: 'b' }))],
      ports: [Port.tcp(8080)],
    });
    const flow = { source: 'app/a', destination: 'app/b', port: Port.tcp(8080) };

    const ingressOnly = Connectivity.of(model((chart) => {
      new DefaultDeny(chart, 'deny');
      allowFrom(chart);
    }));
    const why = ingressOnly.explain(flow);
    expect(why.allowed).toBe(false);
    expect(why.ingress.allowed).toBe(true);
    expect(why.egress.allowed).toBe(false);

    const both = Connectivity.of(model((chart) => {
      new DefaultDeny(chart, 'deny');
      allowFrom(chart);
      allowTo(chart);
    }));
    both.assertAllowed(flow);
    both.assertDenied({ ...flow, port: Port.tcp(8081) });
    both.assertDenied({ source: 'app/a', destination: 'app/c', port: Port.tcp(8080) });
    both.assertDenied({ source: 'app/a', ...DNS });
  });
});
