import { namespace, pod, policy } from './helpers';
import { Connectivity, ConnectivityMatrix, Protocol } from '../../src';
import { Progress } from '../../src/analysis/progress';

/**
 * shop: web (80 http), api (8080 http, 9090 metrics), db (5432, 53/UDP for the test's sake); ops: prom.
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

const connectivity = Connectivity.fromManifests(MANIFESTS);

describe('matrix over the destinations\' declared ports', () => {
  const matrix = connectivity.matrix();

  test('rows and columns are the workloads, sorted; ports are every declared port', () => {
    expect(matrix.workloads).toEqual(['ops/prom', 'shop/api', 'shop/db', 'shop/web']);
    expect(matrix.ports).toEqual(['53/UDP', '80/TCP', '5432/TCP', '8080/TCP', '9090/TCP']);
    expect(matrix.portsPerDestination).toBe(true);
  });

  test('each destination is checked on its own ports', () => {
    expect(matrix.cell('shop/web', 'shop/api')).toEqual({ from: 'shop/web', to: 'shop/api', allowed: ['8080/TCP'], denied: ['9090/TCP'] });
    expect(matrix.cell('ops/prom', 'shop/api')).toEqual({ from: 'ops/prom', to: 'shop/api', allowed: ['9090/TCP'], denied: ['8080/TCP'] });
    expect(matrix.cell('shop/api', 'shop/db')).toEqual({ from: 'shop/api', to: 'shop/db', allowed: ['5432/TCP'], denied: ['53/UDP'] });
    // prom declares no port: nothing to check.
    expect(matrix.cell('shop/web', 'ops/prom')).toEqual({ from: 'shop/web', to: 'ops/prom', allowed: [], denied: [] });
    // A pod to itself is always allowed.
    expect(matrix.cell('shop/db', 'shop/db').denied).toEqual([]);
    expect(matrix.isAllowed('shop/web', 'shop/api', 8080)).toBe(true);
    expect(() => matrix.isAllowed('shop/web', 'shop/api', 5432)).toThrow('the matrix did not check 5432/TCP to shop/api');
  });

  test('text', () => {
    expect(matrix.toText()).toMatchSnapshot();
  });

  test('markdown', () => {
    expect(matrix.toMarkdown()).toMatchSnapshot();
  });

  test('csv', () => {
    expect(matrix.toCsv()).toMatchSnapshot();
  });

  test('json', () => {
    const json = matrix.toJson();
    expect(json.cells).toHaveLength(16);
    expect(json).toMatchSnapshot();
  });

  test('the chunked output (for large matrices) is the same as the whole string or object', () => {
    const joined = (format: 'text' | 'csv' | 'markdown' | 'json') => [...matrix._chunks(format)].join('');
    expect(joined('text')).toBe(matrix.toText());
    expect(joined('csv')).toBe(matrix.toCsv());
    expect(joined('markdown')).toBe(matrix.toMarkdown());
    expect(JSON.parse(joined('json'))).toEqual(matrix.toJson());
    // A chunk per source row, after the header.
    expect([...matrix._chunks('csv')]).toHaveLength(1 + matrix.workloads.length);
  });

  test('an empty matrix renders', () => {
    const empty = Connectivity.fromManifests([]).matrix();
    expect(empty.toCsv()).toBe('from\n');
    expect(JSON.parse([...empty._chunks('json')].join(''))).toEqual({ ports: [], portsPerDestination: true, workloads: [], cells: [] });
  });
});

describe('matrix over given ports', () => {
  test('every pair is checked on every given port', () => {
    const matrix = connectivity.matrix({ ports: [8080, 5432] });
    expect(matrix.ports).toEqual(['8080/TCP', '5432/TCP']);
    expect(matrix.portsPerDestination).toBe(false);
    expect(matrix.cell('shop/web', 'shop/api')).toEqual({ from: 'shop/web', to: 'shop/api', allowed: ['8080/TCP'], denied: ['5432/TCP'] });
    expect(matrix.cell('shop/web', 'ops/prom').allowed).toEqual(['8080/TCP', '5432/TCP']);
    expect(matrix.toText()).toMatchSnapshot();
  });

  test('protocol applies to the given ports; namespaces limit rows and columns', () => {
    const matrix = connectivity.matrix({ ports: [53], protocol: Protocol.UDP, namespaces: ['shop'] });
    expect(matrix.workloads).toEqual(['shop/api', 'shop/db', 'shop/web']);
    expect(matrix.cell('shop/web', 'shop/db').denied).toEqual(['53/UDP']);
    expect(() => matrix.cell('ops/prom', 'shop/db')).toThrow("'ops/prom' is not a workload of this matrix");
  });

  test('without ports, protocol filters the declared ports', () => {
    expect(connectivity.matrix({ protocol: Protocol.UDP }).ports).toEqual(['53/UDP']);
  });

  test('a workload talking to itself is judged between its pods', () => {
    const withWorkload = Connectivity.fromManifests([
      ...MANIFESTS,
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'cache', namespace: 'shop' }, spec: { template: { metadata: { labels: { app: 'cache' } } } } },
    ]);
    const matrix: ConnectivityMatrix = withWorkload.matrix({ ports: [6379] });
    expect(matrix.cell('shop/cache', 'shop/cache').denied).toEqual(['6379/TCP']);
    expect(matrix.cell('shop/web', 'shop/web').allowed).toEqual(['6379/TCP']);
  });

  test('invalid ports are rejected', () => {
    expect(() => connectivity.matrix({ ports: [0] })).toThrow('port 0 must be a whole number from 1 to 65535');
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
