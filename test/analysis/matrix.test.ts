import { expandMatrixJson } from './helpers';
import { Connectivity, ConnectivityMatrix, NetworkModel, Port } from '../../src';
import { Progress } from '../../src/analysis/progress';
import { namespace, pod, policy } from '../support/manifests';

/**
 * shop: web (80 http), api (8080 http, 9090 metrics), db (5432, UDP 53 for the test's sake); ops: prom.
 * api accepts 8080 from web and 9090 from ops; db accepts 5432 from api; shop is otherwise closed to ingress.
 */
const MANIFESTS = [
  namespace('shop'),
  namespace('ops', { purpose: 'monitoring' }),
  pod('shop', 'web', { app: 'web' }, { ports: [[80, 'http']] }),
  pod('shop', 'api', { app: 'api' }, { ports: [[8080, 'http'], [9090, 'metrics']] }),
  pod('shop', 'db', { app: 'db' }, { ports: [[5432], [53, 'dns', 'UDP']] }),
  pod('ops', 'prom', { app: 'prom' }),
  policy('shop', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
  policy('shop', 'api', {
    podSelector: { matchLabels: { app: 'api' } },
    ingress: [
      { from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 'http' }] },
      { from: [{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }], ports: [{ port: 9090 }] },
    ],
  }),
  policy('shop', 'db', {
    podSelector: { matchLabels: { app: 'db' } },
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
  }),
];

const connectivity = Connectivity.of(NetworkModel.fromManifests(MANIFESTS));

describe('matrix over every port', () => {
  const matrix = connectivity.matrix();

  test('rows and columns are the workloads, sorted, then the address atoms reached or reaching', () => {
    expect(matrix.endpoints).toEqual(['ops/prom', 'shop/api', 'shop/db', 'shop/web', 'internet / any address']);
  });

  test('each cell gives the ports allowed, judged on every port of every protocol', () => {
    // api: 8080 (http) from web, 9090 from the monitoring namespace; nothing else.
    expect(matrix.cell('shop/web', 'shop/api')).toEqual({ source: 'shop/web', destination: 'shop/api', allowed: true, ports: 'TCP 8080' });
    expect(matrix.cell('ops/prom', 'shop/api')).toEqual({ source: 'ops/prom', destination: 'shop/api', allowed: true, ports: 'TCP 9090' });
    expect(matrix.cell('shop/api', 'shop/db').ports).toBe('TCP 5432');
    expect(matrix.cell('shop/web', 'shop/db')).toEqual({ source: 'shop/web', destination: 'shop/db', allowed: false, ports: '' });
    // prom is in a namespace without policies: everything reaches it, on every port.
    expect(matrix.cell('shop/web', 'ops/prom').ports).toBe('all ports');
    expect(matrix.cell('internet / any address', 'ops/prom').ports).toBe('all ports');
    // A pod to itself is always allowed (not judged).
    expect(matrix.cell('shop/db', 'shop/db').ports).toBe('self');
    expect(matrix.isAllowed('shop/web', 'shop/api', Port.tcp(8080))).toBe(true);
    expect(matrix.isAllowed('shop/web', 'shop/api', Port.tcp(5432))).toBe(false);
    expect(matrix.isAllowed('shop/web', 'ops/prom', Port.sctp(12345))).toBe(true);
  });

  test('text', () => {
    expect(matrix.toText()).toMatchSnapshot();
  });

  test('markdown', () => {
    expect(matrix.toMarkdown()).toMatchSnapshot();
  });

  test('csv: the JSON in one table, every endpoint and source set once, the allowed connections by index', () => {
    const csv = matrix.toCsv();
    expect(csv).toMatchSnapshot();
    const [header, ...rows] = csvRows(csv);
    expect(header).toEqual(['record', 'index', 'endpoint', 'kind', 'ports', 'sources']);
    const json = matrix.toJson();
    // Endpoint rows: the endpoints, in order, each once.
    expect(rows.filter((r) => r[0] === 'endpoint').map(([, index, id, kind]) => ({ index: Number(index), id, kind })))
      .toEqual(json.endpoints.map((e: any, index: number) => ({ index, id: e.id, kind: e.kind })));
    // Allowed rows: the JSON's entries; source rows: its sets, by number; and nothing else.
    const allowed = rows.filter((r) => r[0] === 'allowed');
    const sets = rows.filter((r) => r[0] === 'sources');
    expect(allowed.length + sets.length + json.endpoints.length).toBe(rows.length);
    expect(allowed.map(([, to, id, kind, ports, set]) => ({ to: Number(to), id, kind, ports: ports.split(', '), sourceSet: Number(set) })))
      .toEqual(json.allowed.map((a: any) => ({ ...a, id: '', kind: '' })));
    expect(sets.map(([, k, id, kind, ports, members]) => ({ k: Number(k), id, kind, ports, members: members.split(' ').map(Number) })))
      .toEqual(json.sourceSets.map((members: number[], k: number) => ({ k, id: '', kind: '', ports: '', members })));
    // Denied pairs are not listed: shop/web may not reach shop/db.
    const web = json.endpoints.findIndex((e: any) => e.id === 'shop/web');
    const db = json.endpoints.findIndex((e: any) => e.id === 'shop/db');
    expect(expandMatrixJson(json).some(({ to, from }) => to === db && from.includes(web))).toBe(false);
  });

  test('json: every endpoint once, the allowed pairs by destination and ports, each set of sources once', () => {
    const json = matrix.toJson();
    expect(Object.keys(json)).toEqual(['ports', 'endpoints', 'allowed', 'sourceSets']);
    expect(json.endpoints.map((e: any) => e.id)).toEqual(matrix.endpoints);
    expect(json.allowed.every((a: any) => Number.isInteger(a.to) && Number.isInteger(a.sourceSet) && a.ports.length > 0)).toBe(true);
    // Sets are numbered in the order of their first use, each is used, and no two are equal.
    const firstUses = [...new Set(json.allowed.map((a: any) => a.sourceSet))];
    expect(firstUses).toEqual(json.sourceSets.map((_: unknown, k: number) => k));
    expect(new Set(json.sourceSets.map((set: number[]) => set.join())).size).toBe(json.sourceSets.length);
    const ascending = (set: number[]) => set.length > 0 && set.every((i, at) => Number.isInteger(i) && (at === 0 || set[at - 1] < i));
    expect(json.sourceSets.every(ascending)).toBe(true);
    // Every entry agrees with the cells, and every allowed cell is in exactly one entry.
    let pairs = 0;
    for (const entry of expandMatrixJson(json)) {
      for (const from of entry.from) {
        expect(matrix.cell(json.endpoints[from].id, json.endpoints[entry.to].id).ports).toBe(entry.ports.join(', '));
        pairs++;
      }
    }
    const ids = matrix.endpoints;
    const allowedCells = ids.flatMap((a) => ids.map((b) => matrix.cell(a, b))).filter((c) => c.allowed && c.ports !== 'self');
    expect(pairs).toBe(allowedCells.length);
    expect(json).toMatchSnapshot();
  });

  test('the chunked output (for large matrices) is the same as the whole string or object', () => {
    const joined = (format: 'text' | 'csv' | 'markdown' | 'json') => [...matrix._chunks(format)].join('');
    expect(joined('text')).toBe(matrix.toText());
    expect(joined('csv')).toBe(matrix.toCsv());
    expect(joined('markdown')).toBe(matrix.toMarkdown());
    expect(JSON.parse(joined('json'))).toEqual(matrix.toJson());
    // A chunk per destination with allowed pairs, after the header.
    expect([...matrix._chunks('csv')].length).toBeGreaterThan(2);
  });

  test('csv of policies alone: representatives whose ids hold commas are quoted, and read back whole', () => {
    // No workloads: the endpoints are the representatives, and one stands for two labels (`[app=db,tier=data]`).
    const alone = Connectivity.of(NetworkModel.fromManifests([
      policy('shop', 'db', { podSelector: { matchLabels: { app: 'db', tier: 'data' } }, policyTypes: ['Ingress'], ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }] }),
    ])).matrix();
    const json = alone.toJson();
    const ids = json.endpoints.map((e: any) => e.id);
    expect(ids.some((id: string) => id.includes(','))).toBe(true);
    const rows = csvRows(alone.toCsv()).slice(1);
    expect(rows.filter((r) => r[0] === 'endpoint').map((r) => r[2])).toEqual(ids);
    expect(rows.filter((r) => r[0] === 'allowed').length).toBe(json.allowed.length);
    expect(rows.filter((r) => r[0] === 'sources').map((r) => r[5])).toEqual(json.sourceSets.map((set: number[]) => set.join(' ')));
  });

  test('an empty matrix renders', () => {
    const empty = Connectivity.of(NetworkModel.fromManifests(MANIFESTS)).matrix({ namespaces: ['nowhere'] });
    expect(empty.toCsv()).toBe('record,index,endpoint,kind,ports,sources\n');
    expect(JSON.parse([...empty._chunks('json')].join(''))).toEqual({ ports: 'every port of every protocol', endpoints: [], allowed: [], sourceSets: [] });
  });
});

describe('matrix over given ports', () => {
  test('every pair is checked on every given port', () => {
    const matrix = connectivity.matrix({ ports: [Port.tcp(8080), Port.tcp(5432)] });
    expect(matrix.cell('shop/web', 'shop/api')).toEqual({ source: 'shop/web', destination: 'shop/api', allowed: true, ports: 'TCP 8080' });
    expect(matrix.cell('shop/web', 'ops/prom').ports).toBe('TCP 5432, TCP 8080');
    expect(() => matrix.isAllowed('shop/web', 'shop/api', Port.tcp(9090))).toThrow('the matrix did not check TCP 9090 to shop/api');
    expect(matrix.toText()).toMatchSnapshot();
  });

  test('ports of any protocol; namespaces limit rows and columns', () => {
    const matrix = connectivity.matrix({ ports: [Port.udp(53)], namespaces: ['shop'] });
    expect(matrix.endpoints).toEqual(['shop/api', 'shop/db', 'shop/web', 'internet / any address']);
    expect(matrix.cell('shop/web', 'shop/db').allowed).toBe(false);
    expect(() => matrix.cell('ops/prom', 'shop/db')).toThrow("'ops/prom' is not an endpoint of this matrix");
  });

  test('every port of one protocol limits the ports shown', () => {
    const udp = connectivity.matrix({ ports: [Port.allUdp()] });
    expect(udp.cell('shop/web', 'ops/prom').ports).toBe('all UDP');
    expect(udp.cell('shop/web', 'shop/api').allowed).toBe(false);
  });

  test('a workload talking to itself is judged between its pods', () => {
    const withWorkload = Connectivity.of(NetworkModel.fromManifests([
      ...MANIFESTS,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cache', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'cache' } } } } },
    ]));
    const matrix: ConnectivityMatrix = withWorkload.matrix({ ports: [Port.REDIS] });
    expect(matrix.cell('shop/cache', 'shop/cache').allowed).toBe(false);
    expect(matrix.cell('shop/web', 'shop/web').ports).toBe('self');
  });

  test('ports that are not numbered ports, and unknown options, are rejected at run time', () => {
    const untyped = connectivity as any;
    expect(() => untyped.matrix({ ports: [8080] })).toThrow('Connectivity.matrix(): ports[0] must be a Port (Port.tcp(8080), Port.udp(53), ...), got 8080');
    expect(() => connectivity.matrix({ ports: [] })).toThrow('ports is empty');
    expect(() => connectivity.matrix({ ports: [Port.named('http')] })).toThrow("ports: TCP port 'http' is not one numbered port");
    expect(() => connectivity.matrix({ ports: [Port.tcpRange(80, 90)] })).toThrow('ports: TCP 80-90 is not one numbered port');
    expect(() => untyped.matrix({ ports: [Port.tcp(80)], protocol: 'UDP' })).toThrow(/protocol/);
    expect(() => connectivity.matrix().isAllowed('shop/web', 'shop/api', 8080 as any)).toThrow('ConnectivityMatrix.isAllowed(): port must be a Port');
  });
});

describe('progress', () => {
  test('is written only to a terminal, only after a moment, and is cleared', () => {
    let now = 0;
    const written: string[] = [];
    const terminal = { isTTY: true, write: (text: string) => written.push(text) > 0 };
    const progress = new Progress('matrix', 10, terminal, () => now);
    progress.update(1);
    expect(written).toEqual([]); // quick work reports nothing
    now = 1500;
    progress.update(5);
    now = 1550;
    progress.update(6); // too soon after the last report
    now = 1800;
    progress.update(7);
    progress.finish();
    expect(written).toEqual(['\rmatrix: 5/10', '\rmatrix: 7/10', '\r\u001b[K']);

    const piped: string[] = [];
    const quiet = new Progress('matrix', 10, { isTTY: false, write: (text: string) => piped.push(text) > 0 }, () => now);
    now = 99_999;
    quiet.update(3);
    quiet.finish();
    expect(piped).toEqual([]);
  });
});

/** The rows of a CSV text, its fields unquoted (RFC 4180: `"a, b"`, `""` for a quote). */
function csvRows(text: string): string[][] {
  const rows: string[][] = [];
  for (const line of text.trimEnd().split('\n')) {
    const fields: string[] = [];
    let at = 0;
    while (at <= line.length) {
      if (line[at] === '"') {
        let value = '';
        let i = at + 1;
        for (; i < line.length; i++) {
          if (line[i] === '"' && line[i + 1] === '"') { value += '"'; i++; } else if (line[i] === '"') {break;} else {value += line[i];}
        }
        fields.push(value);
        at = i + 2;
      } else {
        const comma = line.indexOf(',', at);
        const end = comma === -1 ? line.length : comma;
        fields.push(line.slice(at, end));
        at = end + 1;
      }
    }
    rows.push(fields);
  }
  return rows;
}
