import { newChart, synthOne } from './helpers';
import { AllowFrom, AllowTo, LabelSelector, Namespaces, Peer, Port } from '../../src';

const backend = LabelSelector.labels({ app: 'backend' });
const frontend = LabelSelector.labels({ app: 'frontend' });

describe('AllowFrom', () => {
  test('allows ingress from the peers on the ports, and isolates ingress only', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', {
      metadata: { name: 'allow-frontend' },
      description: 'The backend serves the frontend.',
      podSelector: backend,
      peers: [Peer.pods(frontend)],
      ports: [Port.HTTP_ALT],
    });
    const manifest = synthOne(chart);
    expect(manifest.spec).toEqual({
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }],
    });
    expect(manifest.metadata.annotations).toEqual({ 'cdk8s-netpol/description': 'The backend serves the frontend.' });
    expect(manifest).toMatchSnapshot();
  });

  test('without ports, every port of the listed peers', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', { podSelector: LabelSelector.all(), peers: [Peer.namespaces(Namespaces.named(['monitoring']))] });
    const manifest = synthOne(chart);
    expect(manifest.spec.ingress).toEqual([{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }] }]);
    expect(manifest.metadata.annotations).toBeUndefined();
    expect(manifest).toMatchSnapshot();
  });

  test('Peer.anyone(): from every source, written without from', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', { podSelector: frontend, peers: [Peer.anyone()], ports: [Port.HTTP, Port.HTTPS] });
    expect(synthOne(chart).spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 443 }] }]);
  });

  test('several peers are one rule (OR-ed)', () => {
    const chart = newChart();
    new AllowFrom(chart, 'allow', { podSelector: backend, peers: [Peer.pods(frontend), Peer.ipv4('10.0.0.0/8')], ports: [Port.HTTP_ALT] });
    expect(synthOne(chart).spec.ingress[0].from).toHaveLength(2);
  });

  test('more rules can be added to it', () => {
    const chart = newChart();
    const allow = new AllowFrom(chart, 'allow', { podSelector: backend, peers: [Peer.pods(frontend)], ports: [Port.HTTP_ALT] });
    allow.addIngress({ peers: [Peer.pods(frontend)], ports: [Port.named('metrics')] });
    expect(synthOne(chart).spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { app: 'frontend' } } }],
      ports: [{ protocol: 'TCP', port: 8080 }, { protocol: 'TCP', port: 'metrics' }],
    }]);
  });
});

describe('AllowTo', () => {
  test('allows egress to the peers on the ports, and isolates egress only', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', {
      metadata: { name: 'allow-external-db' },
      description: 'The backend uses the database outside the cluster.',
      podSelector: backend,
      peers: [Peer.ipv4('10.0.0.0/24')],
      ports: [Port.POSTGRESQL],
    });
    const manifest = synthOne(chart);
    expect(manifest.spec).toEqual({
      podSelector: { matchLabels: { app: 'backend' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/24' } }], ports: [{ protocol: 'TCP', port: 5432 }] }],
    });
    expect(manifest).toMatchSnapshot();
  });

  test('without ports, every port of the listed peers', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', { podSelector: frontend, peers: [Peer.pods(backend)] });
    const manifest = synthOne(chart);
    expect(manifest.spec.egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'backend' } } }] }]);
    expect(manifest).toMatchSnapshot();
  });

  test('Peer.anyone(): to every destination, written without to', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', { podSelector: frontend, peers: [Peer.anyone()], ports: [Port.HTTPS] });
    expect(synthOne(chart).spec.egress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  test('the public internet only: 0.0.0.0/0 except the private ranges', () => {
    const chart = newChart();
    new AllowTo(chart, 'allow', {
      podSelector: frontend,
      peers: [Peer.ipv4('0.0.0.0/0', ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'])],
      ports: [Port.HTTPS],
    });
    expect(synthOne(chart).spec.egress[0].to).toEqual([
      { ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'] } },
    ]);
  });
});
