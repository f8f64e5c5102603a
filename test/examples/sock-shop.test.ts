/**
 * The Sock Shop example, judged from its call list: every call allowed on its port, every other ordered
 * pair of workloads denied, DNS for every workload, no internet egress, only the front end public.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Testing } from 'cdk8s';
import { CALLS, expectations, PUBLIC, SOCK_SHOP_NAMESPACE, SockShopChart, WORKLOADS } from '../../examples/sock-shop';
import { SockShopTwoSidedChart } from '../../examples/sock-shop-two-sided';
import { Connectivity, Equivalence, NetworkModel, Port } from '../../src';
import { validateNetworkPolicy } from '../../src/validation/validate';
import '../../src/testing/jest';

const app = Testing.app();
const chart = new SockShopChart(app, 'sock-shop');
const manifests = Testing.synth(chart);
const net = Connectivity.of(NetworkModel.fromManifests(manifests));
const id = (name: string) => `${SOCK_SHOP_NAMESPACE}/${name}`;
const names = Object.keys(WORKLOADS);

describe('the Sock Shop: thirteen Deployments and one ServiceGraph', () => {
  test('one valid policy per workload, in the namespace, named after it', () => {
    const policies = manifests.filter((m) => m.kind === 'NetworkPolicy');
    expect(policies.map((p) => p.metadata.name).sort()).toEqual(names.map((n) => `${n}-policy`).sort());
    for (const p of policies) expect(validateNetworkPolicy(p, { strictCidr: true })).toEqual([]);
  });

  test.each(CALLS.map(([from, to, port]) => [from, to, port]))('%s calls %s', (from, to, port) => {
    for (const p of port === undefined ? WORKLOADS[to as string] : [port as number]) {
      expect(net).toAllowConnection({ source: id(from as string), destination: id(to as string), port: Port.tcp(p) });
    }
  });

  test('every other ordered pair is denied, on every port the destination declares', () => {
    let denied = 0;
    for (const from of names) {
      for (const to of names) {
        if (from === to) continue;
        const call = CALLS.find(([a, b]) => a === from && b === to);
        for (const port of WORKLOADS[to]) {
          if (call && (call[2] === undefined || call[2] === port)) continue;
          expect(net).toDenyConnection({ source: id(from), destination: id(to), port: Port.tcp(port) });
          denied++;
        }
      }
    }
    expect(denied).toBeGreaterThan(150);
  });

  test('DNS for every workload, over UDP and TCP; no internet egress; only the front end reachable from outside', () => {
    for (const name of names) {
      expect(net).toAllowConnection({ source: id(name), destination: 'kube-system/k8s-app=kube-dns', port: Port.udp(53) });
      expect(net).toAllowConnection({ source: id(name), destination: 'kube-system/k8s-app=kube-dns', port: Port.tcp(53) });
      expect(net).toDenyConnection({ source: id(name), destination: '198.51.100.7', port: Port.tcp(443) });
      const inbound = { source: '203.0.113.10', destination: id(name), port: Port.tcp(WORKLOADS[name][0]) };
      if (name === PUBLIC[0]) expect(net).toAllowConnection(inbound); else expect(net).toDenyConnection(inbound);
    }
  });

  test('the expectations file is the one generated from the call list (npx projen example checks it with the CLI)', () => {
    const file = fs.readFileSync(path.join(__dirname, '..', '..', 'examples', 'sock-shop-expectations.yaml'), 'utf8');
    expect(file).toBe(expectations());
  });

  test('allows exactly what the same policies written twice (per direction, with AllowFrom and AllowTo) allow', () => {
    const graphPolicies = NetworkModel.fromManifests(manifests.filter((m) => m.kind === 'NetworkPolicy'));
    const twoSided = NetworkModel.fromChart(new SockShopTwoSidedChart(Testing.app(), 'two-sided'));
    const result = Equivalence.check(graphPolicies, twoSided);
    expect(result.summary).toMatch(/^equivalent: /);
  });
});
