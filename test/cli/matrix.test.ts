import * as path from 'path';
import { cli, cliJson, FIXTURES } from './helpers';
import { Connectivity } from '../../src/analysis/connectivity';
import { NetworkModel } from '../../src/analysis/network-model';

const WORKLOADS = ['kube-system/coredns', 'monitoring/prometheus', 'shop/api', 'shop/db', 'shop/frontend'];

describe('cdk8s-netpol matrix', () => {
  test('JSON over the declared ports: every pair, allowed and denied ports per cell', () => {
    const { code, json } = cliJson(['matrix', 'shop', '-o', 'json']);
    expect(code).toBe(0);
    expect(json.workloads).toEqual(WORKLOADS);
    expect(json.portsPerDestination).toBe(true);
    expect(json.ports).toEqual(['53/TCP', '53/UDP', '5432/TCP', '8080/TCP', '9090/TCP']);
    expect(json.cells).toHaveLength(WORKLOADS.length * WORKLOADS.length);
    const cell = (from: string, to: string) => json.cells.find((c: any) => c.from === from && c.to === to);
    // api declares 8080 (http) and 9090 (metrics): frontend may use http only, prometheus metrics only.
    expect(cell('shop/frontend', 'shop/api')).toEqual({ from: 'shop/frontend', to: 'shop/api', allowed: ['8080/TCP'], denied: ['9090/TCP'] });
    expect(cell('monitoring/prometheus', 'shop/api')).toEqual({ from: 'monitoring/prometheus', to: 'shop/api', allowed: ['9090/TCP'], denied: ['8080/TCP'] });
    expect(cell('shop/api', 'shop/db')).toMatchObject({ allowed: ['5432/TCP'], denied: [] });
    expect(cell('shop/frontend', 'shop/db')).toMatchObject({ allowed: [], denied: ['5432/TCP'] });
    // Every shop pod may reach DNS on both protocols.
    expect(cell('shop/db', 'kube-system/coredns')).toMatchObject({ allowed: ['53/TCP', '53/UDP'], denied: [] });
  });

  test('--port (repeated) and --protocol: only those ports, for every destination', () => {
    const { code, json } = cliJson(['matrix', 'shop', '--port', '8080', '--port', '5432', '--output', 'json']);
    expect(code).toBe(0);
    expect(json.portsPerDestination).toBe(false);
    expect(json.ports).toEqual(['8080/TCP', '5432/TCP']);
    const cell = (from: string, to: string) => json.cells.find((c: any) => c.from === from && c.to === to);
    expect(cell('shop/frontend', 'shop/api')).toMatchObject({ allowed: ['8080/TCP'], denied: ['5432/TCP'] });

    const udp = cliJson(['matrix', 'shop', '--port', '53', '--protocol', 'UDP', '-o', 'json']).json;
    expect(udp.ports).toEqual(['53/UDP']);
    expect(udp.cells.find((c: any) => c.from === 'shop/frontend' && c.to === 'kube-system/coredns')).toMatchObject({ allowed: ['53/UDP'] });
  });

  test('text, csv and md: the library\'s renderings of the same matrix', () => {
    const matrix = Connectivity.of(NetworkModel.fromFiles([path.join(FIXTURES, 'shop')])).matrix();
    const expected: Record<string, string> = { text: matrix.toText(), csv: matrix.toCsv(), md: matrix.toMarkdown() };
    for (const format of Object.keys(expected)) {
      const result = cli(['matrix', 'shop', '-o', format]);
      expect(result).toMatchObject({ code: 0, stderr: '', stdout: expected[format] });
    }
    // Text is the default.
    expect(cli(['matrix', 'shop']).stdout).toBe(expected.text);
    const csv = cli(['matrix', 'shop', '--output', 'csv']).stdout.trimEnd().split('\n');
    expect(csv).toEqual([
      ['from', ...WORKLOADS].join(','),
      // DNS is open to all; kube-system and monitoring have no policies.
      'kube-system/coredns,allow,allow,deny,deny,deny',
      'monitoring/prometheus,allow,allow,9090/TCP,deny,deny',
      'shop/api,allow,deny,deny,allow,deny',
      'shop/db,allow,deny,deny,deny,deny',
      'shop/frontend,allow,deny,8080/TCP,deny,deny',
    ]);
  });

  test('--namespace narrows the rows and columns', () => {
    const { json } = cliJson(['matrix', 'shop', '-n', 'shop', '-o', 'json']);
    expect(json.workloads).toEqual(['shop/api', 'shop/db', 'shop/frontend']);
  });

  test('a Pod snapshot: pods are rows and columns, ipBlocks apply to their IPs', () => {
    const { json } = cliJson(['matrix', 'snapshot', '--port', '5432', '-o', 'json']);
    expect(json.workloads).toEqual(['default/debug', 'payments/checkout-7d9f6', 'payments/ledger-0']);
    const toLedger = json.cells.filter((c: any) => c.to === 'payments/ledger-0').map((c: any) => [c.from, c.allowed.length > 0]);
    // Only 10.1.0.5 (checkout) is in the ledger's ipBlock; a pod's traffic to itself is always allowed.
    expect(toLedger).toEqual([['default/debug', false], ['payments/checkout-7d9f6', true], ['payments/ledger-0', true]]);
  });
});
