import { newChart, synth, synthOne } from './helpers';
import { AllowFrom, DefaultDeny, LabelSelector, Peer, PolicyType } from '../../src';

describe('DefaultDeny', () => {
  test('writes policyTypes and no rules: by default it isolates every pod both ways', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny');
    const manifest = synthOne(chart);
    expect(manifest.spec).toEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
    expect(manifest).toMatchSnapshot();
  });

  test.each([
    ['ingress only', [PolicyType.INGRESS], ['Ingress'], 'Default deny: all ingress of every pod in the namespace, unless another policy allows it.'],
    ['egress only', [PolicyType.EGRESS], ['Egress'], 'Default deny: all egress of every pod in the namespace, unless another policy allows it.'],
    ['both, in any order', [PolicyType.EGRESS, PolicyType.INGRESS], ['Ingress', 'Egress'], 'Default deny: all ingress and egress of every pod in the namespace, unless another policy allows it.'],
  ])('directions: %s', (_what, directions, types, description) => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny', { directions });
    const manifest = synthOne(chart);
    expect(manifest.spec).toEqual({ podSelector: {}, policyTypes: types });
    expect(manifest.metadata.annotations).toEqual({ 'cdk8s-netpol/description': description });
    expect(manifest).toMatchSnapshot();
  });

  test('a direction listed twice denies that direction only, and says so', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny', { directions: [PolicyType.INGRESS, PolicyType.INGRESS] });
    const manifest = synthOne(chart);
    expect(manifest.spec.policyTypes).toEqual(['Ingress']);
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe(
      'Default deny: all ingress of every pod in the namespace, unless another policy allows it.',
    );
  });

  test('podSelector isolates only the selected pods', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny', { podSelector: LabelSelector.labels({ app: 'web' }), directions: [PolicyType.INGRESS] });
    const manifest = synthOne(chart);
    expect(manifest.spec).toEqual({ podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress'] });
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe(
      'Default deny: all ingress of pods app=web, unless another policy allows it.',
    );
  });

  test('metadata and description are the user\'s when given', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny', { metadata: { name: 'default-deny', labels: { team: 'shop' } }, description: 'Zero trust.' });
    const manifest = synthOne(chart);
    expect(manifest.metadata).toEqual({
      name: 'default-deny',
      namespace: 'prod',
      labels: { team: 'shop' },
      annotations: { 'cdk8s-netpol/description': 'Zero trust.' },
    });
  });

  test('is a NetworkPolicy: rules added to it are written, and the types stay as chosen', () => {
    const chart = newChart();
    const deny = new DefaultDeny(chart, 'deny', { directions: [PolicyType.INGRESS] });
    deny.addIngress({ peers: [Peer.pods(LabelSelector.labels({ app: 'web' }))] });
    const spec = synthOne(chart).spec;
    expect(spec.policyTypes).toEqual(['Ingress']);
    expect(spec.ingress).toHaveLength(1);
  });

  test('next to an allow policy, both are written as they are (Kubernetes adds allowances up)', () => {
    const chart = newChart();
    new DefaultDeny(chart, 'deny', { metadata: { name: 'deny' } });
    new AllowFrom(chart, 'allow', { metadata: { name: 'allow' }, podSelector: LabelSelector.all(), peers: [Peer.allPods()] });
    const names = synth(chart).map((m) => `${m.metadata.name}:${m.spec.policyTypes.join('+')}`);
    expect(names).toEqual(['deny:Ingress+Egress', 'allow:Ingress']);
  });
});
