import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { Connectivity, NetworkModel, Port, Protocol, WorkloadKind } from '../../src';
import { ManifestLoadError } from '../../src/ingest/errors';

/** Runs `fn`, expecting a ManifestLoadError, and returns it. */
function loadError(fn: () => unknown): ManifestLoadError {
  try {
    fn();
  } catch (e) {
    if (e instanceof ManifestLoadError) return e;
    throw e;
  }
  throw new Error('expected a ManifestLoadError');
}

const POLICY = `apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: db, namespace: prod}
spec:
  podSelector: {matchLabels: {app: db}}
  ingress: [{from: [{podSelector: {matchLabels: {app: web}}}]}]
`;

describe('YAML text', () => {
  test('multi-document YAML: empty documents are skipped but still counted', () => {
    const model = NetworkModel.fromYaml([
      '---',
      '# an empty document: only a comment',
      '---',
      'apiVersion: v1',
      'kind: Pod',
      'metadata: {name: web, namespace: prod, labels: {app: web}}',
      '---',
      '---',
      POLICY,
    ].join('\n'), 'app.yaml');
    expect(model.workloads.map((w) => [w.id, w.origin])).toEqual([['prod/web', 'app.yaml#1']]);
    expect(model.policies).toEqual(['prod/db']);
    // The error of a later document carries its index, counting the empty ones.
    const error = loadError(() => NetworkModel.fromYaml('kind: Namespace\napiVersion: v1\nmetadata: {name: x}\n---\n---\nkind: Pod\napiVersion: v1\nmetadata: {namespace: x}\n', 'bad.yaml'));
    expect(error.file).toBe('bad.yaml');
    expect(error.documentIndex).toBe(2);
    expect(error.field).toBe('metadata.name');
  });

  test('a YAML syntax error names the file and document, on one line', () => {
    const error = loadError(() => NetworkModel.fromYaml('a: 1\n---\nb: [1, 2\n', 'broken.yaml'));
    expect(error.file).toBe('broken.yaml');
    expect(error.documentIndex).toBe(1);
    expect(error.field).toBeUndefined();
    expect(error.detail).toMatch(/^YAML syntax error: .* at line \d+, column \d+$/);
    expect(error.message).not.toContain('\n');
    expect(error.message.startsWith('broken.yaml, document 1: YAML syntax error')).toBe(true);
  });

  test('duplicate keys are a syntax error, not a silent last-wins', () => {
    const error = loadError(() => NetworkModel.fromYaml('kind: Pod\nkind: Namespace\n'));
    expect(error.detail).toMatch(/the key "kind" appears twice in one mapping/);
    expect(error.file).toBe('<yaml>');
  });

  test('a document that is not an object is an error', () => {
    expect(loadError(() => NetworkModel.fromYaml('- a\n- b\n')).detail).toBe('a manifest must be an object with apiVersion and kind, not a list');
    expect(loadError(() => NetworkModel.fromYaml('just text\n')).detail).toBe('a manifest must be an object with apiVersion and kind, not the string "just text"');
    expect(loadError(() => NetworkModel.fromManifests([{ kind: 'Pod', metadata: { name: 'a' } }, 42])).documentIndex).toBe(1);
  });
});

describe('kinds', () => {
  test('a List stands for its items; errors inside name the item', () => {
    const list = {
      apiVersion: 'v1',
      kind: 'List',
      items: [
        { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', namespace: 'x' } },
        { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'x', labels: { team: 't' } } }] },
      ],
    };
    const model = NetworkModel.fromManifests([list]);
    expect(model.workloads.map((w) => [w.id, w.origin])).toEqual([['x/a', '<manifests>#0 items[0]']]);
    expect(model.namespaces).toEqual(['x']);

    const bad = { kind: 'List', items: [{}, { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p' }, spec: {} }] };
    const error = loadError(() => NetworkModel.fromManifests([bad]));
    expect(error.field).toBe('items[1].spec.podSelector');
    expect(error.documentIndex).toBe(0);
    // Nested too: the path names every level.
    const nested = { kind: 'List', items: [{ kind: 'NetworkPolicyList', apiVersion: 'networking.k8s.io/v1', items: [bad.items[1]] }] };
    expect(loadError(() => NetworkModel.fromManifests([nested])).field).toBe('items[0].items[0].spec.podSelector');
  });

  test('every workload kind stands for the pods of its template; CronJob through its job template', () => {
    const template = (app: string, port: number) => ({
      metadata: { labels: { app } },
      spec: { containers: [{ name: 'c', ports: [{ containerPort: port, name: 'main' }] }], initContainers: [{ name: 'i', ports: [{ containerPort: 9, protocol: 'UDP' }] }] },
    });
    const workloads = [
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deploy', namespace: 'w' }, spec: { template: template('deploy', 1) } },
      { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts', namespace: 'w' }, spec: { template: template('sts', 2) } },
      { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds', namespace: 'w' }, spec: { template: template('ds', 3) } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', namespace: 'w' }, spec: { template: template('rs', 4) } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job', namespace: 'w' }, spec: { template: template('job', 5) } },
      { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cron', namespace: 'w' }, spec: { schedule: '* * * * *', jobTemplate: { spec: { template: template('cron', 6) } } } },
    ];
    const model = NetworkModel.fromManifests(workloads);
    expect(model.workloads.map((w) => ({ id: w.id, kind: w.kind, labels: w.labels, ports: w.ports }))).toEqual([
      ['deploy', WorkloadKind.DEPLOYMENT, 1], ['sts', WorkloadKind.STATEFUL_SET, 2], ['ds', WorkloadKind.DAEMON_SET, 3],
      ['rs', WorkloadKind.REPLICA_SET, 4], ['job', WorkloadKind.JOB, 5], ['cron', WorkloadKind.CRON_JOB, 6],
    ].map(([name, kind, port]) => ({
      id: `w/${name}`,
      kind,
      labels: { app: name },
      ports: [{ port, name: 'main', protocol: Protocol.TCP }, { port: 9, name: undefined, protocol: Protocol.UDP }],
    })));
    // The labels come from the template: a policy selecting app=cron isolates the CronJob's pods.
    const connectivity = Connectivity.of(NetworkModel.fromManifests([...workloads, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'p', namespace: 'w' },
      spec: { podSelector: { matchLabels: { app: 'cron' } }, ingress: [{ ports: [{ port: 'main' }] }] },
    }]));
    expect(connectivity.isAllowed({ source: 'w/deploy', destination: 'w/cron', port: Port.tcp(6) })).toBe(true);
    expect(connectivity.isAllowed({ source: 'w/deploy', destination: 'w/cron', port: Port.tcp(5) })).toBe(false);
  });

  test('a ReplicationController stands for the pods of its template', () => {
    const model = NetworkModel.fromManifests([{
      apiVersion: 'v1',
      kind: 'ReplicationController',
      metadata: { name: 'legacy', namespace: 'old' },
      spec: { template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', ports: [{ containerPort: 80 }] }] } } },
    }]);
    expect(model.workloads.map((w) => [w.id, w.kind, w.labels])).toEqual([['old/legacy', WorkloadKind.REPLICATION_CONTROLLER, { app: 'legacy' }]]);
  });

  test('a snapshot\'s pods are grouped under their workload: the owner references, or the pod-template-hash label', () => {
    const owner = (kind: string, name: string) => ({ ownerReferences: [{ apiVersion: 'apps/v1', kind, name, uid: 'u', controller: true }] });
    const model = NetworkModel.fromManifests([
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'api', namespace: 'w' }, spec: { template: { metadata: { labels: { app: 'api' } } } } },
      { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'api-abc', namespace: 'w', ...owner('Deployment', 'api') }, spec: { template: { metadata: { labels: { app: 'api' } } } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'api-abc-1', namespace: 'w', labels: { 'app': 'api', 'pod-template-hash': 'abc' }, ...owner('ReplicaSet', 'api-abc') } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web-xyz-1', namespace: 'w', labels: { 'app': 'web', 'pod-template-hash': 'xyz' }, ...owner('ReplicaSet', 'web-xyz') } },
      { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'once', namespace: 'w' }, spec: { template: { metadata: { labels: { app: 'once' } } } } },
    ]);
    // The Deployment and its ReplicaSet stand for nothing once their pod is here; the Job has no pod, so it stays.
    expect(model.workloads.map((w) => [w.id, w.kind, w.workload])).toEqual([
      ['w/api-abc-1', WorkloadKind.POD, 'w/api'],
      ['w/web-xyz-1', WorkloadKind.POD, 'w/web'],
      ['w/once', WorkloadKind.JOB, undefined],
    ]);
    const connectivity = Connectivity.of(model);
    expect(connectivity.explain({ source: 'w/web', destination: 'w/api', port: Port.tcp(80) }).source).toBe('w/web');
    expect(connectivity.explain({ source: 'w/Deployment/web', destination: 'w/api-abc-1', port: Port.tcp(80) }).destination).toBe('w/api-abc-1');
  });

  test('a workload without its pod template is an error naming the template path', () => {
    const error = loadError(() => NetworkModel.fromManifests([{ apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: {} } }]));
    expect(error.field).toBe('spec.jobTemplate.spec.template');
  });

  test('objects without metadata.namespace live in default', () => {
    const model = NetworkModel.fromManifests([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd' }, spec: { template: {} } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np' }, spec: { podSelector: {} } },
    ]);
    expect(model.workloads.map((w) => w.id)).toEqual(['default/p', 'default/d']);
    expect(model.policies).toEqual(['default/np']);
    expect(model.namespaces).toEqual(['default']);
  });

  test('an empty metadata.namespace is no namespace: the objects live in default (the validator accepts it too)', () => {
    const model = NetworkModel.fromManifests([
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: '' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'd', namespace: '' }, spec: { template: {} } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: '' }, spec: { podSelector: {} } },
    ]);
    expect(model.workloads.map((w) => w.id)).toEqual(['default/p', 'default/d']);
    expect(model.policies).toEqual(['default/np']);
    expect(model.namespaces).toEqual(['default']);
  });

  test('pod IPs come from status.podIP and status.podIPs, once each', () => {
    const model = NetworkModel.fromManifests([{
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', namespace: 'n' },
      status: { podIP: '10.1.2.3', podIPs: [{ ip: '10.1.2.3' }, { ip: 'fd00::7' }] },
    }]);
    expect(model.workloads[0].ips).toEqual(['10.1.2.3', 'fd00::7']);
    const connectivity = Connectivity.of(model);
    expect(connectivity.explain({ source: 'FD00::7', destination: '10.1.2.3', port: Port.tcp(80) }).source).toBe('n/p');

    const error = loadError(() => NetworkModel.fromManifests([{ kind: 'Pod', metadata: { name: 'p' }, status: { podIPs: [{ ip: '10.1.2' }] } }]));
    expect(error.field).toBe('status.podIPs[0].ip');
  });

  test('namespaces: the API server\'s name label always wins; referenced namespaces exist with just that label', () => {
    const model = NetworkModel.fromManifests([
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'a', labels: { 'kubernetes.io/metadata.name': 'b', 'team': 't' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'c' } },
      {
        apiVersion: 'networking.k8s.io/v1',
        kind: 'NetworkPolicy',
        metadata: { name: 'np', namespace: 'd' },
        spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'e' } } }] }] },
      },
    ]);
    expect(model.namespaces).toEqual(['a', 'c', 'd', 'e']);
    const cluster = model._cluster;
    expect(cluster.namespace('a')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'a', 'team': 't' });
    expect(cluster.namespace('c')?.labels).toEqual({ 'kubernetes.io/metadata.name': 'c' });
    expect(cluster.namespace('c')?.declared).toBe(false);
  });

  test('other kinds, and NetworkPolicy kinds of other API groups, are skipped and summarised in one note', () => {
    const model = NetworkModel.fromManifests([
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's1' } },
      { apiVersion: 'v1', kind: 'Service', metadata: { name: 's2' } },
      { apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'calico' }, spec: {} },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } },
      { metadata: { name: 'no-kind' } },
    ]);
    expect(model.policies).toEqual([]);
    // Services are read (for queries naming them); the rest is summarised on one line.
    expect(model.services).toEqual(['default/s1', 'default/s2']);
    expect(model.notes).toEqual([
      'skipped 1 projectcalico.org/v3 NetworkPolicy, 1 v1 ConfigMap, 1 (no kind) (not used for connectivity analysis)',
    ]);
  });

  test('a later object of the same identity replaces an earlier one, with a note', () => {
    const model = NetworkModel.fromYaml([
      'kind: Pod\napiVersion: v1\nmetadata: {name: p, labels: {v: "1"}}',
      'kind: Pod\napiVersion: v1\nmetadata: {name: p, labels: {v: "2"}}',
    ].join('\n---\n'), 'dup.yaml');
    expect(model.workloads.map((w) => w.labels)).toEqual([{ v: '2' }]);
    expect(model.notes).toEqual(['dup.yaml#1: Pod default/p is defined again; this definition replaces the one from dup.yaml#0']);
  });
});

describe('structure errors name the document and the field (a NetworkPolicy\'s are the validator\'s)', () => {
  const policyWith = (spec: any) => [{ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'p', namespace: 'n' }, spec }];
  const cases: Array<[string, any[], string, RegExp]> = [
    ['a policy without spec', [{ kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', metadata: { name: 'p' } }], 'spec', /is required: it must hold at least spec.podSelector/],
    ['a policy without a name', [{ kind: 'NetworkPolicy', apiVersion: 'networking.k8s.io/v1', metadata: {}, spec: { podSelector: {} } }], 'metadata.name', /is required: it must be a DNS-1123 subdomain/],
    ['a policy without podSelector', policyWith({}), 'spec.podSelector', /is required: use \{\} to select every pod/],
    ['an invalid CIDR', policyWith({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '300.1.1.1/8' } }] }] }), 'spec.ingress[0].from[0].ipBlock.cidr', /0 to 255/],
    ['an invalid except', policyWith({ podSelector: {}, egress: [{ to: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0'] } }] }] }), 'spec.egress[0].to[0].ipBlock.except[0]', /no prefix length/],
    ['an unknown operator', policyWith({ podSelector: { matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] } }), 'spec.podSelector.matchExpressions[0].operator', /it must be 'In', 'NotIn', 'Exists' or 'DoesNotExist'/],
    ['a port of digits in a string', policyWith({ podSelector: {}, ingress: [{ ports: [{ port: '80' }] }] }), 'spec.ingress[0].ports[0].port', /write it as a number/],
    ['endPort with a named port', policyWith({ podSelector: {}, ingress: [{ ports: [{ port: 'http', endPort: 90 }] }] }), 'spec.ingress[0].ports[0].endPort', /may not be used with the named port/],
    ['endPort below port', policyWith({ podSelector: {}, ingress: [{ ports: [{ port: 90, endPort: 80 }] }] }), 'spec.ingress[0].ports[0].endPort', /greater than or equal/],
    ['a lower-case protocol', policyWith({ podSelector: {}, ingress: [{ ports: [{ protocol: 'tcp', port: 80 }] }] }), 'spec.ingress[0].ports[0].protocol', /upper case/],
    ['an empty peer', policyWith({ podSelector: {}, ingress: [{ from: [{}] }] }), 'spec.ingress[0].from[0]', /must set podSelector, namespaceSelector or ipBlock/],
    ['ipBlock with a selector', policyWith({ podSelector: {}, ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/8' }, podSelector: {} }] }] }), 'spec.ingress[0].from[0]', /separate peers/],
    ['an unknown policy type', policyWith({ podSelector: {}, policyTypes: ['ingress'] }), 'spec.policyTypes[0]', /it must be 'Ingress' or 'Egress'/],
    ['rules that are not a list', policyWith({ podSelector: {}, ingress: { from: [] } }), 'spec.ingress', /must be a list/],
    ['a label value that is not a string', policyWith({ podSelector: { matchLabels: { enabled: true } } }), 'spec.podSelector.matchLabels[enabled]', /quote it/],
    ['a pod without a name', [{ apiVersion: 'v1', kind: 'Pod', metadata: { labels: {} } }], 'metadata.name', /needs a name/],
    ['a container port without a number', [{ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p' }, spec: { containers: [{ ports: [{ name: 'http' }] }] } }], 'spec.containers[0].ports[0].containerPort', /1 to 65535/],
  ];
  test.each(cases)('%s', (_, manifests, field, detail) => {
    const error = loadError(() => NetworkModel.fromManifests(manifests));
    expect(error.file).toBe('<manifests>');
    expect(error.documentIndex).toBe(0);
    expect(error.field).toBe(field);
    expect(error.detail).toMatch(detail);
    expect(error.message).toBe(`<manifests>, document 0, ${field}: ${error.detail}`);
  });
});

describe('files and folders', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-load-'));
  });
  afterEach(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const write = (name: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  };
  const podYaml = (name: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\n`;

  test('folders are read recursively, in sorted order, yaml/yml/json only, skipping hidden entries', () => {
    write('b.yaml', podYaml('b'));
    write('a/z.yml', podYaml('az'));
    write('a.json', JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'json' } }));
    write('c/d/e.YAML', podYaml('deep'));
    write('notes.txt', podYaml('ignored'));
    write('.hidden/x.yaml', podYaml('hidden'));
    write('node_modules/x.yaml', podYaml('module'));
    const model = NetworkModel.fromFiles([dir]);
    expect(model.workloads.map((w) => w.name)).toEqual(['az', 'json', 'b', 'deep']); // a/ before a.json
    expect(model.workloads[0].origin).toBe(`${path.join(dir, 'a', 'z.yml')}#0`);
  });

  test('a named file is read whatever its ending; several paths are read in the order given', () => {
    write('one.txt', podYaml('one'));
    write('two.yaml', podYaml('two'));
    const model = NetworkModel.fromFiles([path.join(dir, 'two.yaml'), path.join(dir, 'one.txt')]);
    expect(model.workloads.map((w) => w.name)).toEqual(['two', 'one']);
  });

  test('a missing file, and a JSON syntax error, are load errors naming the file', () => {
    const missing = path.join(dir, 'missing.yaml');
    const error = loadError(() => NetworkModel.fromFiles([missing]));
    expect(error.file).toBe(missing);
    expect(error.detail).toMatch(/ENOENT/);

    write('bad.json', '{"kind": "Pod",}');
    const json = loadError(() => NetworkModel.fromFiles([dir]));
    expect(json.file).toBe(path.join(dir, 'bad.json'));
    expect(json.documentIndex).toBe(0);
    expect(json.detail).toMatch(/^JSON syntax error/);
  });

  test('errors in a file carry the document index within that file', () => {
    write('a.yaml', podYaml('fine'));
    write('b.yaml', `${podYaml('fine2')}---\n${POLICY.replace('podSelector: {matchLabels: {app: db}}', 'podSelector: {matchLabels: {app: [db]}}')}`);
    const error = loadError(() => NetworkModel.fromFiles([dir]));
    expect([error.file, error.documentIndex, error.field]).toEqual([path.join(dir, 'b.yaml'), 1, 'spec.podSelector.matchLabels[app]']);
  });
});

describe('cdk8s charts and apps', () => {
  test('a chart\'s synthesized objects are loaded, with the chart as origin', () => {
    const chart = Testing.chart();
    new ApiObject(chart, 'ns', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop', labels: { team: 's' } } });
    new ApiObject(chart, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'web', namespace: 'shop', labels: { app: 'web' } } });
    new ApiObject(chart, 'np', {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'deny', namespace: 'shop' },
      spec: { podSelector: {}, policyTypes: ['Ingress'] },
    });
    const model = NetworkModel.fromChart(chart);
    expect(model.workloads.map((w) => [w.id, w.origin])).toEqual([['shop/web', 'chart test#1']]);
    expect(Connectivity.of(NetworkModel.fromChart(chart)).isAllowed({ source: '203.0.113.1', destination: 'shop/web', port: Port.tcp(80) })).toBe(false);
  });

  test('an app\'s charts are all loaded, and a chart namespace applies to its objects', () => {
    const app = new App({ outdir: fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-app-')) });
    const one = new Chart(app, 'one', { namespace: 'first' });
    new ApiObject(one, 'pod', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a' } });
    const two = new Chart(app, 'two');
    new ApiObject(two, 'np', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'np', namespace: 'first' }, spec: { podSelector: {} } });
    const model = NetworkModel.fromApp(app);
    expect(model.workloads.map((w) => w.id)).toEqual(['first/a']);
    expect(model.policies).toEqual(['first/np']);
    expect(Connectivity.of(NetworkModel.fromApp(app)).isAllowed({ source: '203.0.113.1', destination: 'first/a', port: Port.tcp(80) })).toBe(false);
  });
});

describe('building a model in code', () => {
  test('addNamespace, addPod and addPolicy', () => {
    const model = new NetworkModel();
    model.addNamespace('shop', { team: 'a' });
    model.addPod({ namespace: 'shop', name: 'web', labels: { app: 'web' }, ports: [{ port: 8080, name: 'http' }], ips: ['10.0.0.1'] });
    model.addPod({ namespace: 'shop', name: 'web', kind: WorkloadKind.DEPLOYMENT, labels: { app: 'web' } });
    model.addPolicy({ metadata: { name: 'p', namespace: 'shop' }, spec: { podSelector: {}, ingress: [{ ports: [{ port: 'http' }] }] } });
    expect(model.workloads.map((w) => w.id)).toEqual(['shop/Pod/web', 'shop/Deployment/web']);
    const connectivity = Connectivity.of(model);
    expect(connectivity.isAllowed({ source: '203.0.113.1', destination: 'shop/web', port: Port.named('http') })).toBe(true);
    expect(connectivity.isAllowed({ source: '203.0.113.1', destination: 'shop/Deployment/web', port: Port.tcp(8080) })).toBe(false);
    expect(() => model.addPod({ name: 'x', ips: ['nope'] })).toThrow("default/x: 'nope' is not an IP address");
    expect(() => model.addPod({ name: 'x', ports: [{ port: 0 }] })).toThrow('container port 0 must be from 1 to 65535');
  });

  test('the index is a snapshot: later changes to the model are not seen', () => {
    const model = new NetworkModel();
    model.addPod({ name: 'a' });
    const before = Connectivity.of(model);
    model.addPod({ name: 'b' });
    expect(() => before.isAllowed({ source: 'default/a', destination: 'default/b', port: Port.tcp(1) })).toThrow(/unknown endpoint 'default\/b'/);
    expect(Connectivity.of(model).isAllowed({ source: 'default/a', destination: 'default/b', port: Port.tcp(1) })).toBe(true);
  });
});

describe('YAML that cannot be expanded', () => {
  // A "billion laughs" document: each level multiplies the expansion by ten, to 10^9 nodes.
  const bomb = [
    'apiVersion: v1',
    'kind: ConfigMap',
    'metadata: { name: fine }',
    '---',
    'a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x", "x"]',
    'b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]',
    'c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]',
    'd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]',
    'e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]',
    'f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]',
    'g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]',
    'h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]',
    'i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h, *h]',
  ].join('\n');

  test('the loader reports it as a load error naming the file and the document', () => {
    let error: unknown;
    try {
      NetworkModel.fromYaml(bomb, 'bomb.yaml');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ManifestLoadError);
    expect((error as ManifestLoadError).file).toBe('bomb.yaml');
    expect((error as ManifestLoadError).documentIndex).toBe(1);
    expect((error as Error).message).toContain('YAML error');
  });
});
