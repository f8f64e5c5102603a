import * as path from 'path';
import { Connectivity, NetworkModel, Port } from '../../src';
import { ConnectivityDiff, FlowChange } from '../../src/diff';
import { namespace, pod, policy, workload } from '../support/manifests';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'diff');
const load = (name: string) => NetworkModel.fromFiles([path.join(FIXTURES, name)]);

/** `from -> to PROTOCOL port` for each change (`all` for ports 1-65535, `*` for every other port), to compare whole lists at once. */
function flows(changes: readonly FlowChange[]): string[] {
  return changes.map((c) => `${c.source} -> ${c.destination} ${c.protocol} ${c.port === 1 && c.endPort === 65535 ? 'all' : c.port ?? '*'}`);
}

/** A pair's flows on every port of each protocol, as `flows()` writes them: one per protocol, the named ports in it. */
function everyPort(from: string, to: string): string[] {
  return ['TCP', 'UDP', 'SCTP'].map((protocol) => `${from} -> ${to} ${protocol} all`);
}

/** The rules each change names, as `policy direction[index]`. */
function rules(change: FlowChange): string[] {
  return change.allowedBy.map((r) => `${r.policy} ${r.direction.toLowerCase()}[${r.ruleIndex}]`);
}

describe('ConnectivityDiff on the pull request fixtures', () => {
  const base = load('base');

  test('a PR that opens a port to anyone: the exact flows added, and the rule that allows them', () => {
    const diff = ConnectivityDiff.between(base, load('open-port'));
    expect(flows(diff.added)).toEqual([
      // The new rule has no peers: any address, and every pod whose egress is open (kube-dns here;
      // the shop's own pods are egress-isolated by the default deny).
      'internet / any address -> shop/api TCP 9090',
      'kube-system/coredns -> shop/api TCP 9090',
    ]);
    expect(diff.removed).toEqual([]);
    expect(diff.addedWorkloads).toEqual([]);
    expect(diff.removedWorkloads).toEqual([]);
    for (const change of diff.added) expect(rules(change)).toEqual(['shop/api ingress[1]']);
    expect(diff.added[1].allowedBy[0]).toEqual({
      policy: 'shop/api',
      direction: 'Ingress',
      ruleIndex: 1,
      description: 'shop/api ingress[1]: any source (pods anywhere and external addresses), on TCP 9090',
    });
    expect(diff.added[1].reason).toBe(
      'egress: kube-system/coredns is not isolated for egress; '
      + 'ingress: allowed by shop/api ingress[1] (any source (pods anywhere and external addresses), on TCP 9090)',
    );
    expect(diff.added[0].reason).toMatch(/^egress: internet \/ any address is an external address, never isolated; /);
  });

  test('a PR that removes a rule: the flow it allowed is removed, with the rules that allowed it before', () => {
    const diff = ConnectivityDiff.between(base, load('remove-rule'));
    expect(diff.added).toEqual([]);
    expect(flows(diff.removed)).toEqual(['shop/api -> shop/db TCP 5432']);
    expect(rules(diff.removed[0])).toEqual(['shop/api egress[0]', 'shop/db ingress[0]']);
  });

  test('a PR that adds a workload: the workload and every flow it takes part in are added', () => {
    const diff = ConnectivityDiff.between(base, load('add-workload'));
    expect(diff.addedWorkloads).toEqual(['shop/worker']);
    expect(flows(diff.added)).toEqual([
      // DNS comes from the namespace-wide allow-dns policy, the database from the new rules.
      'shop/worker -> kube-system/coredns TCP 53',
      'shop/worker -> kube-system/coredns UDP 53',
      'shop/worker -> shop/db TCP 5432',
    ]);
    expect(diff.removed).toEqual([]);
    expect(rules(diff.added[2])).toEqual(['shop/worker egress[0]', 'shop/db ingress[0]']);
  });

  test('reverting a PR swaps added and removed', () => {
    const forward = ConnectivityDiff.between(base, load('add-workload'));
    const back = ConnectivityDiff.between(load('add-workload'), base);
    expect(back.removedWorkloads).toEqual(forward.addedWorkloads);
    expect(flows(back.removed)).toEqual(flows(forward.added));
    expect(back.added).toEqual([]);
    // A removed flow names the rules that allowed it on the old side.
    expect(back.removed.map(rules)).toEqual(forward.added.map(rules));
  });

  test('no change: nothing added or removed', () => {
    const diff = ConnectivityDiff.between(base, load('base'));
    expect(diff.isEmpty).toBe(true);
    expect(diff.toJson()).toEqual({ equivalent: true, compared: 5, added: [], removed: [], addedWorkloads: [], removedWorkloads: [] });
    expect(diff.toText()).toBe('Connectivity diff: equivalent: both sides allow exactly the same connections (5 endpoints and address ranges compared on every port).\n');
    expect(diff.toMarkdown()).toBe('## NetworkPolicy connectivity changes\n\nNo change: equivalent: both sides allow exactly the same connections.\n');
  });

  test('every added flow is allowed after and denied before, every removed flow the reverse (the evaluator agrees)', () => {
    for (const name of ['open-port', 'remove-rule', 'add-workload']) {
      const after = load(name);
      const diff = ConnectivityDiff.between(base, after);
      const before = Connectivity.of(base);
      const now = Connectivity.of(after);
      const known = (model: NetworkModel, id: string) => model.workloads.some((w) => w.id === id);
      for (const change of diff.added) {
        if (change.source.startsWith('internet')) continue;
        const query = { source: change.source, destination: change.destination, port: Port.number(change.protocol, change.port!) };
        expect(now.isAllowed(query)).toBe(true);
        if (known(base, change.source) && known(base, change.destination)) expect(before.isAllowed(query)).toBe(false);
      }
      for (const change of diff.removed) {
        const query = { source: change.source, destination: change.destination, port: Port.number(change.protocol, change.port!) };
        expect(before.isAllowed(query)).toBe(true);
        expect(now.isAllowed(query)).toBe(false);
      }
    }
  });
});

describe('ConnectivityDiff: what both sides are judged on', () => {
  const workloads = [
    namespace('app'),
    workload('Deployment', 'app', 'web', { app: 'web' }, [[80]]),
    workload('Deployment', 'app', 'db', { app: 'db' }, [[5432]]),
  ];
  const denyAll = policy('app', 'deny', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  const model = (...manifests: any[]) => NetworkModel.fromManifests([...workloads, ...manifests]);

  test('removing isolation opens every pair, on the ports either side names', () => {
    const before = model(denyAll, policy('app', 'web-to-db', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 7000 }] }],
    }));
    const diff = ConnectivityDiff.between(before, model());
    // 7000 is named only by the old rule and declared by no one: it is still checked on the new side. Every
    // other port of every protocol opens too.
    const any = 'internet / any address';
    expect(flows(diff.added)).toEqual([
      ...everyPort('app/db', 'app/db'), ...everyPort('app/db', 'app/web'), ...everyPort('app/db', any),
      ...everyPort('app/web', 'app/db'), ...everyPort('app/web', 'app/web'), ...everyPort('app/web', any),
      // Open for ingress, they accept any address too.
      ...everyPort(any, 'app/db'), ...everyPort(any, 'app/web'),
    ]);
    // Both ends are open now: no rule to name.
    expect(diff.added.every((c) => c.allowedBy.length === 0)).toBe(true);
    expect(diff.added[0].reason).toBe('egress: app/db is not isolated for egress; ingress: app/db is not isolated for ingress');
  });

  test('a new default deny: every flow it cuts is removed', () => {
    const diff = ConnectivityDiff.between(model(), model(denyAll));
    const any = 'internet / any address';
    expect(flows(diff.removed)).toEqual([
      ...everyPort('app/db', 'app/db'), ...everyPort('app/db', 'app/web'), ...everyPort('app/db', any),
      ...everyPort('app/web', 'app/db'), ...everyPort('app/web', 'app/web'), ...everyPort('app/web', any),
      ...everyPort(any, 'app/db'), ...everyPort(any, 'app/web'),
    ]);
    expect(diff.added).toEqual([]);
  });

  test('a change on every TCP port of a pair is one row: no TCP 5432 row beside "every other TCP port"', () => {
    const diff = ConnectivityDiff.between(model(), model(denyAll));
    const pair = diff.removed.filter((c) => c.source === 'app/web' && c.destination === 'app/db');
    // The database declares 5432, so its TCP ports are cut in two: 5432, and every other. Both are cut off.
    expect(pair.map((c) => [c.protocol, c.port, c.endPort])).toEqual([['TCP', 1, 65535], ['UDP', 1, 65535], ['SCTP', 1, 65535]]);
    expect(diff.toText()).toContain('  - app/web -> app/db on all ports\n');
    expect(diff.toText()).not.toMatch(/TCP 5432|TCP \*|every port of the protocol that no manifest names/);
    expect(diff.toMarkdown()).toContain('| `app/web` | `app/db` | all ports | no policy isolates either end |');
    expect(diff.toJson().removed[0]).toMatchObject({ from: 'app/db', to: 'app/db', protocol: 'TCP', port: 1, endPort: 65535 });
    // A change on some TCP ports only keeps its rows: the port allowed before and after is not among them.
    const db = (ports?: any[]) => policy('app', 'db-in', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ...(ports ? { ports } : {}) }],
    });
    const opened = ConnectivityDiff.between(model(db([{ port: 5432 }, { port: 7000 }])), model(db([{ port: 7000 }, { port: 8000 }])));
    expect(flows(opened.added)).toEqual(['app/web -> app/db TCP 8000']);
    expect(flows(opened.removed)).toEqual(['app/web -> app/db TCP 5432']);
  });

  test('opening every port: "every other port" flows, then the named ports on their own', () => {
    const rule = (ports?: any[]) => policy('app', 'db-in', {
      podSelector: { matchLabels: { app: 'db' } },
      policyTypes: ['Ingress'],
      ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ...(ports ? { ports } : {}) }],
    });
    const egressOpen = policy('app', 'deny', { podSelector: {}, policyTypes: ['Ingress'] });
    const diff = ConnectivityDiff.between(model(egressOpen, rule([{ port: 5432 }])), model(egressOpen, rule()));
    // TCP 5432 was allowed before: the other TCP ports are added; UDP and SCTP are added whole.
    expect(flows(diff.added)).toEqual(['app/web -> app/db TCP *', 'app/web -> app/db UDP all', 'app/web -> app/db SCTP all']);
    expect(diff.added[0].port).toBeUndefined();
    expect(diff.toJson().added[0]).toMatchObject({ from: 'app/web', to: 'app/db', port: '*' });
    expect(diff.toText()).toContain('every port of the protocol that no manifest names');
    // And back: narrowing to one port removes the others, keeps 5432.
    const narrowed = ConnectivityDiff.between(model(egressOpen, rule()), model(egressOpen, rule([{ port: 5432 }])));
    expect(flows(narrowed.removed)).toEqual(['app/web -> app/db TCP *', 'app/web -> app/db UDP all', 'app/web -> app/db SCTP all']);
  });

  test('widening an egress block: the new block is a node of both sides, judged away from the narrower one', () => {
    const egress = (cidr: string) => policy('app', 'web-out', {
      podSelector: { matchLabels: { app: 'web' } },
      policyTypes: ['Egress'],
      egress: [{ to: [{ ipBlock: { cidr } }], ports: [{ port: 443 }] }],
    });
    const diff = ConnectivityDiff.between(model(egress('10.0.0.0/24')), model(egress('10.0.0.0/16')));
    // 10.0.0.0/24 stays reachable (it is inside the /16); the rest of the /16 is new.
    expect(flows(diff.added)).toEqual(['app/web -> 10.0.0.0/16 except 10.0.0.0/24 TCP 443']);
    expect(diff.removed).toEqual([]);
  });

  test('options: ports and namespaces narrow what is compared', () => {
    const before = model();
    const after = model(denyAll);
    // Given ports are checked on every destination, "any address" included.
    expect(flows(ConnectivityDiff.between(before, after, { ports: [Port.tcp(80)] }).removed)).toEqual([
      'app/db -> app/db TCP 80', 'app/db -> app/web TCP 80', 'app/db -> internet / any address TCP 80',
      'app/web -> app/db TCP 80', 'app/web -> app/web TCP 80', 'app/web -> internet / any address TCP 80',
      'internet / any address -> app/db TCP 80', 'internet / any address -> app/web TCP 80',
    ]);
    const udp = ConnectivityDiff.between(before, after, { ports: [Port.udp(53)] });
    expect(new Set(udp.removed.map((c) => `${c.protocol} ${c.port}`))).toEqual(new Set(['UDP 53']));
    expect(udp.removed).toHaveLength(8);
    expect(ConnectivityDiff.between(before, after, { namespaces: ['other'] }).isEmpty).toBe(true);
    expect(() => ConnectivityDiff.between(before, after, { ports: [{ port: 80 }] as any })).toThrow('ConnectivityDiff: ports[0] must be a Port (Port.tcp(8080), Port.udp(53), ...), got {"port":80}');
  });

  test('a workload renamed: removed and added, with their flows', () => {
    const renamed = NetworkModel.fromManifests([
      namespace('app'),
      workload('Deployment', 'app', 'web2', { app: 'web' }, [[80]]),
      workload('Deployment', 'app', 'db', { app: 'db' }, [[5432]]),
    ]);
    const diff = ConnectivityDiff.between(model(), renamed);
    expect(diff.removedWorkloads).toEqual(['app/web']);
    expect(diff.addedWorkloads).toEqual(['app/web2']);
    const any = 'internet / any address';
    expect(flows(diff.removed)).toEqual([
      ...everyPort('app/db', 'app/web'), ...everyPort('app/web', 'app/db'), ...everyPort('app/web', 'app/web'),
      ...everyPort('app/web', any), ...everyPort(any, 'app/web'),
    ]);
    expect(flows(diff.added)).toEqual([
      ...everyPort('app/db', 'app/web2'), ...everyPort('app/web2', 'app/db'), ...everyPort('app/web2', 'app/web2'),
      ...everyPort('app/web2', any), ...everyPort(any, 'app/web2'),
    ]);
  });

  test('pods: a pod\'s traffic to itself is not a flow (a workload\'s, between its pods, is)', () => {
    const diff = ConnectivityDiff.between(new NetworkModel(), NetworkModel.fromManifests([pod('p', 'solo', {}, { ports: [[80]] })]));
    expect(diff.addedWorkloads).toEqual(['p/solo']);
    expect(flows(diff.added)).toEqual([...everyPort('internet / any address', 'p/solo'), ...everyPort('p/solo', 'internet / any address')]);
  });
});

describe('ConnectivityDiff renderings', () => {
  const diff = ConnectivityDiff.between(load('base'), load('add-workload'));

  test('text', () => {
    expect(diff.toText()).toMatchSnapshot();
    expect(diff.toText().split('\n')[0]).toBe('Connectivity diff: 3 flows added, 0 removed; 1 workload added.');
  });

  test('Markdown for a pull request comment: heading, summary line, a table of added flows', () => {
    const md = diff.toMarkdown();
    expect(md).toMatchSnapshot();
    const lines = md.split('\n');
    expect(lines[0]).toBe('## NetworkPolicy connectivity changes');
    expect(lines[2]).toBe('**3 flows added, 0 removed; 1 workload added.**');
    expect(lines).toContain('| `shop/worker` | `shop/db` | TCP 5432 | `shop/worker egress[0]`, `shop/db ingress[0]` |');
    expect(md).not.toContain('### Removed flows');
    const removed = ConnectivityDiff.between(load('base'), load('remove-rule')).toMarkdown();
    expect(removed).toContain('### Removed flows\n\n| From | To | Ports | Was allowed by |\n| --- | --- | --- | --- |\n| `shop/api` | `shop/db` | TCP 5432 |');
  });

  test('JSON: added and removed flows with from, to, port, protocol and the allowing rules', () => {
    const json = diff.toJson();
    expect(Object.keys(json)).toEqual(['equivalent', 'compared', 'added', 'removed', 'addedWorkloads', 'removedWorkloads']);
    expect(json.equivalent).toBe(false);
    expect(json.added[2]).toEqual({
      from: 'shop/worker',
      to: 'shop/db',
      port: 5432,
      protocol: 'TCP',
      allowedBy: [
        { policy: 'shop/worker', direction: 'Egress', ruleIndex: 0, description: 'shop/worker egress[0]: pods app=db in namespace shop, on TCP 5432' },
        { policy: 'shop/db', direction: 'Ingress', ruleIndex: 0, description: expect.stringMatching(/^shop\/db ingress\[0\]: pods app=api in namespace shop or pods app=worker in namespace shop, on TCP 5432$/) },
      ],
      reason: expect.stringMatching(/^egress: allowed by shop\/worker egress\[0\] .*; ingress: allowed by shop\/db ingress\[0\] /),
    });
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
  });

  test('names that could break a Markdown cell never get there: the API server rejects them, and so do we', () => {
    expect(() => NetworkModel.fromManifests([pod('ns', 'a|b', { app: 'a' }, { ports: [[80]] })]))
      .toThrow('metadata.name: "a|b" must be a DNS-1123 subdomain');
  });
});
