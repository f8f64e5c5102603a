/**
 * Every command on policies alone (what `cdk8s synth` writes, or a repository of policies), on kubectl
 * snapshots, and the rules that keep the CLI from passing having judged nothing.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Chart, Testing } from 'cdk8s';
import { cli, cliJson, expectBadInput } from './helpers';
import { ThreeTierApp } from '../../src';
import { run } from '../../src/cli/main';
import { expandMatrixJson } from '../analysis/helpers';
import { readMermaid } from '../render/mermaid-reader';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const at = (args: string[]) => cli(args, FIXTURES);
const THREE_TIER = 'policies-only/three-tier';

describe('the three-tier policies alone (ThreeTierApp as cdk8s synth writes it)', () => {
  test('check proves the tier intent with label endpoints: calls, no skipping, DNS for every tier, no internet', () => {
    const result = at(['check', THREE_TIER, '--expect', 'policies-only/expectations/three-tier.yaml']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/\n14 passed, 0 failed\n$/);
    expect(result.stdout).toContain('PASS three-tier/tier=frontend -> three-tier/tier=database TCP 5432: denied');
  });

  test('a failing expectation fails the check, with the explanation naming the representatives', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-only-'));
    try {
      fs.writeFileSync(path.join(dir, 'expect.yaml'), '- { from: three-tier/tier=frontend, to: three-tier/tier=database, port: 5432, allowed: true }\n');
      const result = cli(['check', path.join(FIXTURES, THREE_TIER), '--expect', 'expect.yaml'], dir);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain('FAIL three-tier/tier=frontend -> three-tier/tier=database TCP 5432: expected allowed, but denied');
      expect(result.stdout).toContain('three-tier/[tier=frontend] is isolated for egress by three-tier/frontend-policy');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('explain names the representatives the policies tell apart', () => {
    const result = at(['explain', THREE_TIER, '--from', 'three-tier/[tier=backend]', '--to', 'three-tier/tier=database', '--port', '5432']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout.split('\n')[0]).toBe('ALLOWED: three-tier/[tier=backend] -> three-tier/[tier=database] on TCP 5432');
    expect(result.stdout).toContain('why: "the backend queries the database on TCP 5432"');
  });

  test('matrix: a row and column per representative, with the ports allowed', () => {
    const { code, json } = cliJson(['matrix', THREE_TIER, '-o', 'json'], FIXTURES);
    expect(code).toBe(0);
    const ids = json.endpoints.map((e: any) => e.id);
    expect(ids).toEqual([
      'kube-system/*', 'kube-system/[k8s-app=kube-dns]',
      'three-tier/*', 'three-tier/[tier=backend]', 'three-tier/[tier=database]', 'three-tier/[tier=frontend]',
      '*/*', 'internet / any address',
    ]);
    expect(json.endpoints.every((e: any) => e.kind === 'Representative' || e.id === 'internet / any address')).toBe(true);
    const ports = (from: string, to: string) => expandMatrixJson(json)
      .find((a) => a.to === ids.indexOf(to) && a.from.includes(ids.indexOf(from)))?.ports;
    expect(ports('three-tier/[tier=frontend]', 'three-tier/[tier=backend]')).toEqual(['TCP 8080']);
    expect(ports('three-tier/[tier=backend]', 'three-tier/[tier=database]')).toEqual(['TCP 5432']);
    expect(ports('three-tier/[tier=frontend]', 'three-tier/[tier=database]')).toBeUndefined();
    expect(ports('three-tier/[tier=database]', 'kube-system/[k8s-app=kube-dns]')).toEqual(['TCP 53', 'UDP 53']);
    expect(ports('internet / any address', 'three-tier/[tier=frontend]')).toEqual(['TCP 80']);
    expect(ports('three-tier/[tier=backend]', 'internet / any address')).toBeUndefined();
  });

  test('diagram: the seed article\'s picture, tiers as nodes, allowed flows as labelled edges, DNS visible', () => {
    const result = at(['diagram', THREE_TIER]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    const diagram = readMermaid(result.stdout);
    const edges = diagram.edges.map((e) => `${e.from} -> ${e.to}: ${e.label}`);
    expect(edges).toEqual([
      'ext_any -> w_three_tier_tier_frontend: TCP 80',
      'w_three_tier_tier_backend -> w_kube_system_k8s_app_kube_dns: TCP 53, UDP 53',
      'w_three_tier_tier_backend -> w_three_tier_tier_database: TCP 5432',
      'w_three_tier_tier_database -> w_kube_system_k8s_app_kube_dns: TCP 53, UDP 53',
      'w_three_tier_tier_frontend -> w_kube_system_k8s_app_kube_dns: TCP 53, UDP 53',
      'w_three_tier_tier_frontend -> w_three_tier_tier_backend: TCP 8080',
    ]);
    expect(diagram.nodes.get('w_three_tier_tier_frontend')!.lines).toEqual(['[tier=frontend]', 'pods', 'isolated']);
    expect(result.stdout).toMatchSnapshot();
  });

  test('diff against a copy without the database\'s ingress rule reports the lost flow; against itself, equivalent', () => {
    const lost = at(['diff', THREE_TIER, 'policies-only/three-tier-no-db-ingress']);
    expect(lost.code).toBe(0);
    expect(lost.stdout).toBe([
      'Connectivity diff: 0 flows added, 1 removed.',
      '',
      'Removed flows:',
      '  - three-tier/[tier=backend] -> three-tier/[tier=database] on TCP 5432',
      '      before: egress: allowed by three-tier/backend-policy egress[1] (pods tier=database in namespace three-tier, on TCP 5432); '
        + 'ingress: allowed by three-tier/database-policy ingress[0] (pods tier=backend in namespace three-tier, on TCP 5432)',
      '',
    ].join('\n'));
    expect(at(['diff', THREE_TIER, THREE_TIER]).stdout).toMatch(/^Connectivity diff: equivalent: both sides allow exactly the same connections \(/);
  });

  test('diff --exit-code: 1 when a connection changed, 0 when equivalent, so a pipeline can gate on it', () => {
    const lost = at(['diff', THREE_TIER, 'policies-only/three-tier-no-db-ingress', '--exit-code']);
    expect(lost.code).toBe(1);
    expect(lost.stdout).toMatch(/^Connectivity diff: 0 flows added, 1 removed\./);
    expect(at(['diff', THREE_TIER, THREE_TIER, '--exit-code']).code).toBe(0);
    expect(at(['diff', THREE_TIER, 'policies-only/three-tier-no-db-ingress', '--exit-code', '-o', 'json']).code).toBe(1);
  });

  test('--namespace naming no endpoint is an error (exit 2), not an empty matrix, diagram or "equivalent"', () => {
    for (const args of [['matrix', THREE_TIER, '-n', 'thre-tier'], ['diagram', THREE_TIER, '-n', 'thre-tier'],
      ['diff', THREE_TIER, 'policies-only/three-tier-no-db-ingress', '-n', 'thre-tier', '--exit-code']]) {
      const result = at(args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr).toBe("error: --namespace thre-tier: no endpoint to judge is in that namespace (the input's: *, kube-system, three-tier)\n");
    }
    expect(at(['matrix', THREE_TIER, '-n', 'three-tier']).code).toBe(0);
  });

  test('--exposure: a representative never takes the name of a real workload, so a query for it judges the workload', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-only-'));
    try {
      // A Deployment named like the frontend tier, whose pods lack tier=frontend: the tier's policies do not apply to it.
      fs.writeFileSync(path.join(dir, 'deploy.yaml'), [
        'apiVersion: apps/v1', 'kind: Deployment', 'metadata: {name: frontend, namespace: three-tier}',
        'spec: {selector: {matchLabels: {app: frontend}}, template: {metadata: {labels: {app: frontend}}, spec: {containers: [{name: c, image: i}]}}}',
        // Its pod, as kubectl lists it: named after the ReplicaSet, owned through it by the Deployment.
        '---', 'apiVersion: apps/v1', 'kind: ReplicaSet',
        'metadata: {name: frontend-7d9, namespace: three-tier, ownerReferences: [{apiVersion: apps/v1, kind: Deployment, name: frontend, uid: u1}]}',
        'spec: {selector: {matchLabels: {app: frontend}}, template: {metadata: {labels: {app: frontend}}, spec: {containers: [{name: c, image: i}]}}}',
        '---', 'apiVersion: v1', 'kind: Pod',
        'metadata: {name: frontend-7d9-x2k, namespace: three-tier, labels: {app: frontend}, ownerReferences: [{apiVersion: apps/v1, kind: ReplicaSet, name: frontend-7d9, uid: u2}]}',
        'spec: {containers: [{name: c, image: i}]}', '',
      ].join('\n'));
      // ThreeTierApp's policies as cdk8s synth writes them: each names its workload (frontend, backend, database).
      const chart = new Chart(Testing.app(), 'three-tier', { namespace: 'three-tier' });
      new ThreeTierApp(chart, 'app');
      fs.writeFileSync(path.join(dir, 'policies.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Testing.synth(chart) }));
      const inputs = ['policies.json', 'deploy.yaml', '--exposure'];
      const { json } = cliJson(['matrix', ...inputs, '-o', 'json'], dir);
      const ids = json.endpoints.map((e: { id: string }) => e.id);
      expect(ids.filter((id: string) => id === 'three-tier/frontend')).toHaveLength(1);
      expect(ids).toContain('three-tier/[tier=frontend]');
      const explain = cli(['explain', ...inputs, '--from', 'three-tier/frontend', '--to', 'three-tier/backend', '--port', '8080'], dir);
      expect(explain.stdout).toMatch(/^DENIED: three-tier\/frontend -> three-tier\/backend on TCP 8080/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('diff where the new side deletes every allow policy: every allowed flow is removed, not "0 removed"', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policies-only-'));
    try {
      fs.writeFileSync(path.join(dir, 'deny.yaml'), [
        'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: deny-all, namespace: three-tier}',
        'spec: {podSelector: {}, policyTypes: [Ingress, Egress]}', '',
      ].join('\n'));
      const { code, json } = cliJson(['diff', path.join(FIXTURES, THREE_TIER), 'deny.yaml', '-o', 'json'], dir);
      expect(code).toBe(0);
      expect(json.equivalent).toBe(false);
      const removed = json.removed.map((c: any) => `${c.from} -> ${c.to} ${c.protocol} ${c.port}`);
      expect(removed).toEqual(expect.arrayContaining([
        'three-tier/[tier=frontend] -> three-tier/[tier=backend] TCP 8080',
        'three-tier/[tier=backend] -> three-tier/[tier=database] TCP 5432',
        'internet / any address -> three-tier/[tier=frontend] TCP 80',
      ]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('lint: ThreeTierApp lints clean on its policies alone, and says what it could not judge', () => {
    const result = at(['lint', THREE_TIER]);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('0 errors, 0 warnings, 0 infos in 3 NetworkPolicies, without workloads (DNS judged on the pods the policies tell apart; '
      + 'the rules about what selectors match need the workloads and were not judged)\n');
  });
});

describe('a microservice shop in the common deny-all plus one policy per workload pattern', () => {
  test('lint: no false NP002 (every real pod has an egress allow), exit 0', () => {
    const { code, json } = cliJson(['lint', 'policies-only/shop', '-o', 'json'], FIXTURES);
    expect(code).toBe(0);
    expect(json.errorCount).toBe(0);
    expect(json.findings.filter((f: any) => f.ruleId === 'NP002')).toEqual([]);
  });

  test('Services: a query to a Service is judged on the pods it selects, at its target port', () => {
    const result = at(['explain', 'policies-only/shop', '--from', 'shop/app=checkout', '--to', 'shop/email', '--port', '5000']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 3)).toEqual([
      'ALLOWED: shop/[app=checkout] -> shop/Service/email on TCP 5000',
      '  via Service shop/email port TCP 5000 -> pods app=email, targetPort 8080',
      '  ALLOWED: shop/[app=checkout] -> shop/[app=email] on TCP 8080',
    ]);
    // By its ClusterIP, or its kind, the same.
    expect(at(['explain', 'policies-only/shop', '--from', 'shop/app=checkout', '--to', '10.96.0.25', '--port', '5000']).stdout).toBe(result.stdout);
    expect(at(['explain', 'policies-only/shop', '--from', 'shop/app=frontend', '--to', 'shop/Service/email', '--port', '5000']).stdout)
      .toMatch(/^DENIED: shop\/\[app=frontend\] -> shop\/Service\/email on TCP 5000\n/);
    // A port the Service does not have, an ExternalName Service: said so.
    expect(expectBadInput(at(['explain', 'policies-only/shop', '--from', 'shop/app=checkout', '--to', 'shop/email', '--port', '8080'])))
      .toBe('error: --port: Service shop/email has no TCP port 8080 (its ports: TCP 5000 (grpc) -> 8080)');
    expect(expectBadInput(at(['explain', 'policies-only/shop', '--from', 'shop/app=checkout', '--to', 'shop/legacy', '--port', '80'])))
      .toMatch(/^error: --to: Service shop\/legacy has no selector \(an ExternalName Service, outside the cluster\)/);
  });
});

describe('kubectl pipelines', () => {
  const snapshot = fs.readFileSync(path.join(FIXTURES, 'kubectl', 'snapshot.yaml'), 'utf8');
  const withStdin = (args: string[], input: string) => {
    let stdout = '';
    let stderr = '';
    const code = run(args, {
      stdout: { write: (text: string) => { stdout += text; return true; } },
      stderr: { write: (text: string) => { stderr += text; return true; } },
      cwd: FIXTURES,
      stdin: () => input,
    });
    return { code, stdout, stderr };
  };

  test('- reads standard input: kubectl get netpol,pods,ns -A -o yaml | cdk8s-netpol matrix -', () => {
    const piped = withStdin(['matrix', '-', '-o', 'csv'], snapshot);
    expect(piped.code).toBe(0);
    expect(piped.stdout).toBe(at(['matrix', 'kubectl/snapshot.yaml', '-o', 'csv']).stdout);
    expect(piped.stderr).toBe('note: skipped 1 v1 ConfigMap (not used for connectivity analysis)\n');
    expect(expectBadInput({ ...withStdin(['validate', '-', '-'], snapshot), writes: { stdout: 0, stderr: 1 } }))
      .toBe('error: <stdin>: standard input (-) is named twice');
  });

  test('pods are grouped under their workload through ownerReferences (Pod -> ReplicaSet -> Deployment)', () => {
    const { json } = cliJson(['matrix', 'kubectl/snapshot.yaml', '-o', 'json'], FIXTURES);
    // The Deployment and its ReplicaSet stand for nothing: their pods, with real labels and IPs, do.
    expect(json.endpoints.map((e: any) => [e.id, e.kind])).toEqual([
      ['web/api', 'Deployment'], ['web/frontend', 'Deployment'], ['internet / any address', 'Addresses'],
    ]);
    const explain = at(['explain', 'kubectl/snapshot.yaml', '--from', 'web/frontend', '--to', 'web/api', '--port', '8080']);
    expect(explain.stdout.split('\n')[0]).toBe('ALLOWED: web/frontend -> web/api on TCP 8080');
    // A pod's IP names it (status.podIPs).
    expect(at(['explain', 'kubectl/snapshot.yaml', '--from', '10.244.1.8', '--to', '10.244.2.9', '--port', '8080']).stdout.split('\n')[0])
      .toBe('ALLOWED: web/frontend-5f6d7c8b9-xyz12 -> web/api-7d4b9c8f5-fghij on TCP 8080');
  });

  test('a Service with a named targetPort resolves it on each pod it selects', () => {
    const result = at(['explain', 'kubectl/snapshot.yaml', '--from', 'web/frontend', '--to', 'web/Service/api', '--port', '80']);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      'ALLOWED: web/frontend -> web/Service/api on TCP 80',
      "  via Service web/api port TCP 80 -> pods app=api (web/api-7d4b9c8f5-abcde, web/api-7d4b9c8f5-fghij), targetPort 'http'",
    ]);
  });
});

describe('never pass having judged nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'never-silent-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, text: string) => fs.writeFileSync(path.join(dir, name), text);
  const here = (args: string[]) => cli(args, dir);
  const denyAll = {
    apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'deny-all', namespace: 'app' }, spec: { podSelector: {}, policyTypes: ['Ingress'] },
  };

  test.each([
    ['NetworkPolicyList', { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicyList', items: [denyAll] }],
    ['a List of another apiVersion', { apiVersion: 'v2', kind: 'List', items: [denyAll] }],
    ['a List in a List', { apiVersion: 'v1', kind: 'List', items: [{ apiVersion: 'v1', kind: 'List', items: [denyAll] }] }],
  ])('%s is read: the deny-all it lists denies', (_, list) => {
    write('list.json', JSON.stringify(list));
    const result = here(['explain', 'list.json', '--from', 'app/x=1', '--to', 'app/y=1', '--port', '80']);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n')[0]).toBe('DENIED: app/x=1 -> app/y=1 on TCP 80');
  });

  test('PodList and NamespaceList are read too', () => {
    write('pods.yaml', [
      'apiVersion: v1', 'kind: PodList', 'items:',
      '  - {apiVersion: v1, kind: Pod, metadata: {name: web, namespace: app, labels: {app: web}}}',
      '---',
      'apiVersion: v1', 'kind: NamespaceList', 'items:', '  - {apiVersion: v1, kind: Namespace, metadata: {name: app, labels: {team: a}}}',
      '---',
      JSON.stringify(denyAll),
    ].join('\n'));
    const { json } = cliJson(['matrix', 'pods.yaml', '-o', 'json'], dir);
    expect(json.endpoints.map((e: any) => e.id)).toEqual(['app/web', 'internet / any address']);
  });

  test.each([
    ['kind: networkpolicy', { ...denyAll, kind: 'networkpolicy' }, "kind: 'networkpolicy' is not a kind the API server knows (kinds are case-sensitive): did you mean 'NetworkPolicy'?"],
    ['kind: Networkpolicy', { ...denyAll, kind: 'Networkpolicy' }, "did you mean 'NetworkPolicy'?"],
    ['extensions/v1beta1', { ...denyAll, apiVersion: 'extensions/v1beta1' }, 'apiVersion: extensions/v1beta1 NetworkPolicy is not served by current API servers'],
    ['networking.k8s.io/v1beta1', { ...denyAll, apiVersion: 'networking.k8s.io/v1beta1' }, 'write apiVersion: networking.k8s.io/v1'],
    ['kind: pod', { apiVersion: 'v1', kind: 'pod', metadata: { name: 'p' } }, "did you mean 'Pod'?"],
  ])('a lookalike (%s) is an error naming what was meant, never "0 NetworkPolicies"', (_, object, message) => {
    write('typo.yaml', JSON.stringify(object));
    for (const command of ['validate', 'lint', 'matrix']) {
      expect(expectBadInput(here([command, 'typo.yaml']))).toContain(message);
    }
    expect(expectBadInput(here(['validate', 'typo.yaml']))).toMatch(/^error: typo\.yaml: document 0: (kind|apiVersion): /);
  });

  test('other groups\' NetworkPolicy kinds (Calico, Cilium) are other kinds: noted, not read', () => {
    write('calico.yaml', [
      JSON.stringify({ apiVersion: 'projectcalico.org/v3', kind: 'NetworkPolicy', metadata: { name: 'c', namespace: 'app' }, spec: {} }),
      '---',
      JSON.stringify(denyAll),
    ].join('\n'));
    const result = here(['validate', 'calico.yaml']);
    expect(result).toMatchObject({ code: 0, stderr: 'note: skipped 1 projectcalico.org/v3 NetworkPolicy (not used for connectivity analysis)\n' });
    expect(result.stdout).toBe('valid: 0 errors, 0 warnings in 1 NetworkPolicy in 1 file\n');
  });

  test('skipped kinds are summarised on one stderr line', () => {
    write('all.yaml', [
      ...Array.from({ length: 13 }, (_, i) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `c${i}` } })),
      JSON.stringify({ apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization' }),
      JSON.stringify(denyAll),
    ].join('\n---\n'));
    expect(here(['matrix', 'all.yaml']).stderr)
      .toBe('note: skipped 13 v1 ConfigMap, 1 kustomize.config.k8s.io/v1beta1 Kustomization (not used for connectivity analysis)\n');
  });

  test.each(['check', 'validate', 'explain', 'matrix', 'lint', 'diagram'])('%s: nothing to judge (no NetworkPolicy) is exit 2, said so', (command) => {
    write('ns.yaml', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } }));
    write('expect.yaml', '- { from: app/a, to: app/b, port: 80, allowed: true }\n');
    fs.mkdirSync(path.join(dir, 'empty'));
    const extra: Record<string, string[]> = { check: ['--expect', 'expect.yaml'], explain: ['--from', 'app/a=1', '--to', 'app/b=1', '--port', '80'] };
    expect(expectBadInput(here([command, 'ns.yaml', ...(extra[command] ?? [])]))).toMatch(/^error: no NetworkPolicy in ns\.yaml: nothing to \w+ \(read 1 file and 1 object\)$/);
    expect(expectBadInput(here([command, 'empty', ...(extra[command] ?? [])]))).toMatch(/^error: no NetworkPolicy in empty: nothing to \w+ \(no manifest file was found\)$/);
  });

  test('diff: nothing on either side is exit 2; one side without policies is a real comparison', () => {
    write('ns.yaml', JSON.stringify({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'app' } }));
    write('deny.yaml', JSON.stringify(denyAll));
    expect(expectBadInput(here(['diff', 'ns.yaml', 'ns.yaml']))).toBe('error: no NetworkPolicy in ns.yaml nor in ns.yaml: nothing to compare');
    const result = here(['diff', 'ns.yaml', 'deny.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Connectivity diff: 0 flows added, \d+ removed\./);
  });
});
