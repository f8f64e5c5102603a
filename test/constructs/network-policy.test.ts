import { App, Chart, Testing } from 'cdk8s';
import { errorOf, newChart, synth, synthError, synthOne } from './helpers';
import {
  Annotations,
  LabelSelector,
  Namespaces,
  NetworkPolicy,
  Peer,
  PolicyType,
  Port,
} from '../../src';

const web = LabelSelector.labels({ app: 'web' });
const api = LabelSelector.labels({ app: 'api' });
const db = LabelSelector.labels({ app: 'db' });

describe('output', () => {
  test('a policy with every option (snapshot)', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'api', {
      metadata: { name: 'api-policy', labels: { team: 'shop' }, annotations: { owner: 'shop-team' } },
      description: 'The API serves the web tier and reads the database.',
      podSelector: api,
      policyTypes: [PolicyType.EGRESS, PolicyType.INGRESS],
      ingress: [
        { peers: [Peer.pods(web)], ports: [Port.HTTP_ALT], description: 'the web tier calls the API' },
        { peers: [Peer.pods(LabelSelector.labels({ app: 'prometheus' }), Namespaces.named(['monitoring']))], ports: [Port.named('metrics')] },
      ],
      egress: [
        { peers: [Peer.pods(db)], ports: [Port.POSTGRESQL], description: 'reads the database' },
        { peers: [Peer.ipv4('0.0.0.0/0', ['10.0.0.0/8'])], ports: [Port.HTTPS], description: 'calls payment providers' },
      ],
    });
    expect(synth(chart)).toMatchSnapshot();
  });

  test('apiVersion, kind, name and namespace', () => {
    const chart = newChart('shop');
    new NetworkPolicy(chart, 'policy', { metadata: { name: 'web' }, ingress: [{ peers: [Peer.pods(web)] }] });
    const manifest = synthOne(chart);
    expect(manifest.apiVersion).toBe('networking.k8s.io/v1');
    expect(manifest.kind).toBe('NetworkPolicy');
    expect(manifest.metadata.name).toBe('web');
    expect(manifest.metadata.namespace).toBe('shop');
  });

  test('metadata.namespace overrides the chart\'s namespace', () => {
    const chart = newChart('shop');
    const policy = new NetworkPolicy(chart, 'policy', { metadata: { namespace: 'other' }, ingress: [{ peers: [Peer.pods(web)] }] });
    expect(policy.namespace).toBe('other');
    expect(synthOne(chart).metadata.namespace).toBe('other');
  });

  test('without a name, one is generated from the construct path that the API server accepts', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'AllowWeb', { ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthOne(chart).metadata.name).toMatch(/^test-allowweb-[0-9a-f]{8}$/);
  });

  test('the podSelector defaults to every pod of the namespace', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    expect(policy.podSelector.isAll).toBe(true);
    expect(synthOne(chart).spec.podSelector).toEqual({});
  });

  test('the description is written as an annotation, next to the user\'s own annotations', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', {
      metadata: { annotations: { owner: 'shop-team' } },
      description: 'Why this policy exists.',
      policyTypes: [PolicyType.INGRESS],
    });
    expect(synthOne(chart).metadata.annotations).toEqual({
      owner: 'shop-team',
      [Annotations.DESCRIPTION]: 'Why this policy exists.',
    });
  });

  test('rule descriptions are annotations keyed by direction and rule index', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', {
      ingress: [{ peers: [Peer.pods(web)], description: 'web calls in' }],
      egress: [
        { peers: [Peer.pods(db)], ports: [Port.POSTGRESQL] },
        { peers: [Peer.pods(api)], ports: [Port.HTTP_ALT], description: 'calls the API' },
      ],
    });
    expect(Annotations.rule(PolicyType.INGRESS, 0)).toBe('cdk8s-netpol/ingress.0');
    expect(Annotations.rule(PolicyType.EGRESS, 1)).toBe('cdk8s-netpol/egress.1');
    expect(synthOne(chart).metadata.annotations).toEqual({
      'cdk8s-netpol/ingress.0': 'web calls in',
      'cdk8s-netpol/egress.1': 'calls the API',
    });
  });

  test('without descriptions, no annotations are written', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthOne(chart).metadata.annotations).toBeUndefined();
  });

  test('a rule without ports allows every port (no ports field, never an empty list)', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthOne(chart).spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }]);
  });
});

describe('Peer.anyone()', () => {
  test('yields an ingress rule without from', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.anyone()], ports: [Port.HTTPS] }] });
    expect(synthOne(chart).spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  test('yields an egress rule without to', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { egress: [{ peers: [Peer.anyone()], ports: [Port.HTTPS] }] });
    expect(synthOne(chart).spec.egress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  test('without ports yields the allow-all rule {}', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.anyone()] }] });
    expect(synthOne(chart).spec.ingress).toEqual([{}]);
  });
});

describe('policyTypes are always present', () => {
  test.each([
    ['ingress rules only', { ingress: [{ peers: [Peer.pods(web)] }] }, ['Ingress']],
    ['egress rules only', { egress: [{ peers: [Peer.pods(web)] }] }, ['Egress']],
    ['rules both ways', { egress: [{ peers: [Peer.pods(web)] }], ingress: [{ peers: [Peer.pods(web)] }] }, ['Ingress', 'Egress']],
    ['explicit types without rules', { policyTypes: [PolicyType.EGRESS, PolicyType.INGRESS] }, ['Ingress', 'Egress']],
    ['explicit types wider than the rules', { policyTypes: [PolicyType.INGRESS, PolicyType.EGRESS], ingress: [{ peers: [Peer.pods(web)] }] }, ['Ingress', 'Egress']],
    ['a type listed twice', { policyTypes: [PolicyType.EGRESS, PolicyType.EGRESS] }, ['Egress']],
  ])('%s', (_what, props, expected) => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', props);
    // Kubernetes documents the order Ingress, Egress; the getter returns the same set.
    expect(synthOne(chart).spec.policyTypes).toEqual(expected);
    expect([...policy.policyTypes].sort()).toEqual([...expected].sort());
  });

  test('an egress-only policy does not isolate ingress (as an omitted policyTypes would in Kubernetes)', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { egress: [{ peers: [Peer.pods(db)], ports: [Port.POSTGRESQL] }] });
    const spec = synthOne(chart).spec;
    expect(spec.policyTypes).not.toContain('Ingress');
    expect(spec.ingress).toBeUndefined();
  });

  test('types follow rules added after construction', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    policy.addEgress({ peers: [Peer.pods(db)] });
    expect(synthOne(chart).spec.policyTypes).toEqual(['Ingress', 'Egress']);
  });
});

describe('rules added after construction', () => {
  test('addIngress and addEgress appear in the output', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', { podSelector: api });
    policy.addIngress({ peers: [Peer.pods(web)], ports: [Port.HTTP_ALT], description: 'added later' });
    policy.addEgress({ peers: [Peer.pods(db)], ports: [Port.POSTGRESQL] });
    const manifest = synthOne(chart);
    expect(manifest.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ protocol: 'TCP', port: 8080 }] }]);
    expect(manifest.spec.egress).toEqual([{ to: [{ podSelector: { matchLabels: { app: 'db' } } }], ports: [{ protocol: 'TCP', port: 5432 }] }]);
    expect(manifest.metadata.annotations['cdk8s-netpol/ingress.0']).toBe('added later');
  });

  test('a rule added after a first synthesis appears in the next one', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthOne(chart).spec.ingress).toHaveLength(1);
    policy.addIngress({ peers: [Peer.pods(api)], ports: [Port.HTTPS] });
    expect(synthOne(chart).spec.ingress).toHaveLength(2);
  });
});

describe('rule merging keeps the meaning and shortens the manifest', () => {
  function ingressOf(...rules: Array<{ peers: Peer[]; ports?: Port[]; description?: string }>): any {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy');
    for (const rule of rules) {
      policy.addIngress(rule);
    }
    return synthOne(chart);
  }

  test('identical peers are merged: one rule, ports added', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(web)], ports: [Port.HTTP] },
      { peers: [Peer.pods(LabelSelector.labels({ app: 'web' }))], ports: [Port.HTTPS] },
    );
    expect(manifest.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { app: 'web' } } }],
      ports: [{ protocol: 'TCP', port: 80 }, { protocol: 'TCP', port: 443 }],
    }]);
  });

  test('identical ports are merged: one rule, peers added', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(web)], ports: [Port.HTTPS] },
      { peers: [Peer.pods(api)], ports: [Port.HTTPS] },
    );
    expect(manifest.spec.ingress).toEqual([{
      from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'api' } } }],
      ports: [{ protocol: 'TCP', port: 443 }],
    }]);
  });

  test('the same rule twice is written once', () => {
    const rule = { peers: [Peer.pods(web)], ports: [Port.HTTPS] };
    expect(ingressOf(rule, rule).spec.ingress).toEqual(ingressOf(rule).spec.ingress);
  });

  test('rules differing in both peers and ports stay apart (merging them would allow web on 5432)', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(web)], ports: [Port.HTTPS] },
      { peers: [Peer.pods(api)], ports: [Port.POSTGRESQL] },
    );
    expect(manifest.spec.ingress).toHaveLength(2);
  });

  test('every port merged with some ports is every port', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(web)], ports: [Port.HTTPS] },
      { peers: [Peer.pods(web)] },
    );
    expect(manifest.spec.ingress).toEqual([{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }]);
  });

  test('anyone merged with some peers is anyone', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(web)], ports: [Port.HTTPS] },
      { peers: [Peer.anyone()], ports: [Port.HTTPS] },
    );
    expect(manifest.spec.ingress).toEqual([{ ports: [{ protocol: 'TCP', port: 443 }] }]);
  });

  test('the descriptions of merged rules are joined under the merged rule\'s index', () => {
    const manifest = ingressOf(
      { peers: [Peer.pods(db)], ports: [Port.POSTGRESQL], description: 'first' },
      { peers: [Peer.pods(web)], ports: [Port.HTTPS], description: 'web over TLS' },
      { peers: [Peer.pods(api)], ports: [Port.HTTPS], description: 'api over TLS' },
      { peers: [Peer.pods(api)], ports: [Port.HTTPS], description: 'api over TLS' },
    );
    expect(manifest.spec.ingress).toHaveLength(2);
    expect(manifest.metadata.annotations).toEqual({
      'cdk8s-netpol/ingress.0': 'first',
      'cdk8s-netpol/ingress.1': 'web over TLS; api over TLS',
    });
  });

  test('ingress and egress rules are merged separately', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy');
    policy.addIngress({ peers: [Peer.pods(web)], ports: [Port.HTTPS] });
    policy.addEgress({ peers: [Peer.pods(web)], ports: [Port.HTTPS] });
    const spec = synthOne(chart).spec;
    expect(spec.ingress).toHaveLength(1);
    expect(spec.egress).toHaveLength(1);
  });
});

describe('deterministic output', () => {
  function build(): Chart {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', {
      podSelector: LabelSelector.labels({ tier: 'api', app: 'shop' }),
      description: 'd',
      ingress: [{ peers: [Peer.pods(web), Peer.namespaces(Namespaces.named(['b', 'a']))], ports: [Port.HTTPS, Port.HTTP] }],
    });
    policy.addEgress({ peers: [Peer.ipv4('10.0.0.0/8', ['10.2.0.0/16', '10.1.0.0/16'])], description: 'e' });
    return chart;
  }

  test('synthesizing twice gives identical output', () => {
    const chart = build();
    expect(JSON.stringify(Testing.synth(chart))).toBe(JSON.stringify(Testing.synth(chart)));
  });

  test('building the same chart twice gives identical output', () => {
    expect(JSON.stringify(synth(build()))).toBe(JSON.stringify(synth(build())));
  });
});

describe('arguments wrong on their own are rejected at once', () => {
  test('an invalid policy name, naming the construct path, field and value', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { metadata: { name: 'Web_Policy' } }));
    expect(message).toContain("[test/policy] metadata.name 'Web_Policy'");
    expect(message).toMatch(/DNS-1123 subdomain: lower-case letters/);
  });

  test('a policy name longer than 253 characters', () => {
    const name = 'a'.repeat(254);
    expect(errorOf(() => new NetworkPolicy(newChart(), 'policy', { metadata: { name } }))).toMatch(/no more than 253 characters/);
  });

  test('an invalid namespace on the policy', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'policy', { metadata: { namespace: 'my.namespace' } }));
    expect(message).toContain("[test/policy] metadata.namespace 'my.namespace'");
    expect(message).toMatch(/DNS-1123 label/);
  });

  test('an invalid namespace on the chart', () => {
    expect(errorOf(() => new NetworkPolicy(newChart('Production'), 'policy'))).toContain("metadata.namespace 'Production'");
  });

  test('an empty peer list on a later rule names its index', () => {
    const policy = new NetworkPolicy(newChart(), 'policy', { egress: [{ peers: [Peer.pods(web)], ports: [Port.HTTPS] }] });
    const message = errorOf(() => policy.addEgress({ peers: [] }));
    expect(message).toContain('[test/policy] spec.egress[1].to: the peer list is empty');
    expect(message).toContain('Peer.anyone()');
  });

  test('a generated name the API server would reject (cdk8s keeps \'_\' from the id) is reported at once', () => {
    const message = errorOf(() => new NetworkPolicy(newChart(), 'allow_web', { policyTypes: [PolicyType.INGRESS] }));
    expect(message).toMatch(/^\[test\/allow_web\] metadata.name 'test-allow_web-[0-9a-f]{8}' must be a DNS-1123 subdomain/);
  });

  test('valid names and namespaces are accepted', () => {
    const chart = newChart('team-a');
    new NetworkPolicy(chart, 'policy', { metadata: { name: 'allow.web-1' }, policyTypes: [PolicyType.INGRESS] });
    expect(synthOne(chart).metadata).toEqual({ name: 'allow.web-1', namespace: 'team-a' });
  });
});

describe('whole-policy problems are reported at synth, naming the construct path', () => {
  test('no namespace on the policy or the chart', () => {
    const chart = newChart(null);
    new NetworkPolicy(chart, 'policy', { ingress: [{ peers: [Peer.pods(web)] }] });
    const message = synthError(chart);
    expect(message).toContain('[test/policy] metadata.namespace is not set');
  });

  test('a namespace on the policy alone is enough', () => {
    const chart = newChart(null);
    new NetworkPolicy(chart, 'policy', { metadata: { namespace: 'shop' }, ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthOne(chart).metadata.namespace).toBe('shop');
  });

  test('no rules and no policyTypes', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { podSelector: web });
    expect(synthError(chart)).toContain('[test/policy] spec.policyTypes: the policy has no rules and no policy types');
  });

  test('ingress rules while policyTypes excludes Ingress', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { policyTypes: [PolicyType.EGRESS], ingress: [{ peers: [Peer.pods(web)] }] });
    expect(synthError(chart)).toContain('[test/policy] spec.ingress: the policy has ingress rules but policyTypes does not list Ingress');
  });

  test('egress rules while policyTypes excludes Egress, also when added later', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', { policyTypes: [PolicyType.INGRESS] });
    expect(synth(chart)).toHaveLength(1);
    policy.addEgress({ peers: [Peer.pods(db)] });
    expect(synthError(chart)).toContain('[test/policy] spec.egress: the policy has egress rules but policyTypes does not list Egress');
  });

  test('several problems are reported together', () => {
    const chart = newChart(null);
    new NetworkPolicy(chart, 'policy', { policyTypes: [PolicyType.INGRESS], egress: [{ peers: [Peer.pods(db)] }] });
    const message = synthError(chart);
    expect(message).toContain('metadata.namespace is not set');
    expect(message).toContain('spec.egress: the policy has egress rules');
  });

  test('the validator\'s findings on the whole manifest: an invalid label in metadata', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { metadata: { labels: { 'bad key': 'x' } }, policyTypes: [PolicyType.INGRESS] });
    const message = synthError(chart);
    expect(message).toContain('[test/policy] metadata.labels[bad key]');
    expect(message).toContain('"bad key"');
  });

  test('the validator\'s findings on the whole manifest: the user\'s annotations over the size limit', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { metadata: { annotations: { notes: 'x'.repeat(300 * 1024) } }, policyTypes: [PolicyType.INGRESS] });
    expect(synthError(chart)).toMatch(/\[test\/policy\] metadata\.annotations are too long: .* no more than 262144 bytes/);
  });

  test('the annotations the library writes count towards the size limit too', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'policy', { description: 'x'.repeat(300 * 1024), policyTypes: [PolicyType.INGRESS] });
    expect(synthError(chart)).toMatch(/\[test\/policy\] metadata\.annotations are too long/);
  });

  test('the user\'s and the library\'s annotations count together', () => {
    const chart = newChart();
    const policy = new NetworkPolicy(chart, 'policy', {
      metadata: { annotations: { notes: 'x'.repeat(200 * 1024) } },
      description: 'y'.repeat(40 * 1024),
      policyTypes: [PolicyType.INGRESS],
    });
    expect(synth(chart)).toHaveLength(1);
    policy.addIngress({ peers: [Peer.pods(web)], description: 'z'.repeat(40 * 1024) });
    expect(synthError(chart)).toMatch(/\[test\/policy\] metadata\.annotations are too long/);
  });

  test('a problem in one policy names that policy only', () => {
    const chart = newChart();
    new NetworkPolicy(chart, 'good', { ingress: [{ peers: [Peer.pods(web)] }] });
    new NetworkPolicy(chart, 'bad', { podSelector: web });
    const message = synthError(chart);
    expect(message).toContain('[test/bad]');
    expect(message).not.toContain('[test/good]');
  });
});

describe('labels and annotations from every source are validated at synth', () => {
  const policy = (chart: Chart) => new NetworkPolicy(chart, 'p', { ingress: [{ peers: [Peer.pods(web)] }] });

  test('a label added after construction', () => {
    const chart = newChart();
    policy(chart).metadata.addLabel('team', 'a b');
    const message = synthError(chart);
    expect(message).toContain('[test/p]');
    expect(message).toContain('metadata.labels');
    expect(message).toContain('a b');
  });

  test('an annotation key added after construction', () => {
    const chart = newChart();
    policy(chart).metadata.addAnnotation('bad key', 'x');
    expect(synthError(chart)).toContain('metadata.annotations');
  });

  test("the chart's labels", () => {
    const chart = new Chart(new App(), 'test', { namespace: 'prod', labels: { 'team/': 'x' } });
    policy(chart);
    expect(synthError(chart)).toContain('metadata.labels');
  });

  test('valid labels from every source pass', () => {
    const chart = new Chart(new App(), 'test', { namespace: 'prod', labels: { team: 'a' } });
    policy(chart).metadata.addLabel('app.kubernetes.io/part-of', 'shop');
    expect(synthOne(chart).metadata.labels).toEqual({ 'team': 'a', 'app.kubernetes.io/part-of': 'shop' });
  });
});
