import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { Peer, Port, ServiceGraph, Workload } from '../src';

/**
 * Weaveworks' Sock Shop, a public microservice demo: thirteen workloads, fourteen calls, a public front end.
 * The workloads are plain Deployments (as its manifests have them); the policies are one ServiceGraph.
 */
export const SOCK_SHOP_NAMESPACE = 'sock-shop';

/** Each workload and the container ports it declares (as Sock Shop's manifests do). */
export const WORKLOADS: Readonly<Record<string, readonly number[]>> = {
  'front-end': [8079],
  'catalogue': [80],
  'catalogue-db': [3306],
  'carts': [80],
  'carts-db': [27017],
  'orders': [80],
  'orders-db': [27017],
  'payment': [80],
  'shipping': [80],
  'queue-master': [80],
  'rabbitmq': [15672, 5672],
  'user': [80],
  'user-db': [27017],
};

/** Who calls whom; a port when the callee declares more than the call uses. */
export const CALLS: ReadonlyArray<readonly [string, string, number?]> = [
  ['front-end', 'catalogue'],
  ['front-end', 'carts'],
  ['front-end', 'orders'],
  ['front-end', 'user'],
  ['catalogue', 'catalogue-db'],
  ['carts', 'carts-db'],
  ['orders', 'orders-db'],
  ['orders', 'carts'],
  ['orders', 'user'],
  ['orders', 'payment'],
  ['orders', 'shipping'],
  ['user', 'user-db'],
  ['shipping', 'rabbitmq', 5672],
  ['queue-master', 'rabbitmq', 5672],
];

/** The workload the internet reaches, and on which port. */
export const PUBLIC: readonly [string, number] = ['front-end', 8079];

export class SockShopChart extends Chart {
  constructor(scope: Construct, id: string) {
    super(scope, id, { namespace: SOCK_SHOP_NAMESPACE });
    const workloads = new Map<string, Workload>();
    for (const [name, ports] of Object.entries(WORKLOADS)) {
      workloads.set(name, Workload.of(new ApiObject(this, name, {
        apiVersion: 'apps/v1',
        kind: 'Deployment',
        metadata: { name },
        spec: {
          selector: { matchLabels: { name } },
          template: {
            metadata: { labels: { name } },
            spec: { containers: [{ name, image: `weaveworksdemos/${name}:0.4.8`, ports: ports.map((containerPort) => ({ containerPort })) }] },
          },
        },
      })));
    }

    // The policies: one line per call.
    const graph = new ServiceGraph(this, 'policies', { description: 'Sock Shop: only the calls of its architecture are allowed.' });
    graph.allowFrom(workloads.get(PUBLIC[0])!, [Peer.anyone()], { description: 'shoppers reach the front end' });
    for (const [from, to, port] of CALLS) {
      graph.allow(workloads.get(from)!, workloads.get(to)!, port === undefined ? undefined : { ports: [Port.tcp(port)] });
    }
  }
}

/**
 * The expectations of the Sock Shop, from the call list: every call allowed on its port, every other
 * ordered pair of workloads denied on the destination's ports, DNS for every workload, no internet egress,
 * the internet reaching the front end only. `examples/sock-shop-expectations.yaml` is this text; a test
 * keeps them the same (`npx ts-node --project tsconfig.dev.json examples/sock-shop.ts > examples/sock-shop-expectations.yaml`).
 */
export function expectations(): string {
  const ns = SOCK_SHOP_NAMESPACE;
  const lines = [
    '# The Sock Shop\'s expected connectivity, generated from the call list of examples/sock-shop.ts',
    '# (npx ts-node --project tsconfig.dev.json examples/sock-shop.ts > examples/sock-shop-expectations.yaml); a test keeps the two the same.',
    `- { from: 203.0.113.10, to: ${ns}/${PUBLIC[0]}, port: ${PUBLIC[1]}, allowed: true }`,
  ];
  const names = Object.keys(WORKLOADS);
  const portsOf = (to: string, port?: number) => (port === undefined ? WORKLOADS[to] : [port]);
  for (const [from, to, port] of CALLS) {
    for (const p of portsOf(to, port)) lines.push(`- { from: ${ns}/${from}, to: ${ns}/${to}, port: ${p}, allowed: true }`);
  }
  for (const from of names) {
    for (const to of names) {
      if (from === to) continue;
      const call = CALLS.find(([a, b]) => a === from && b === to);
      const denied = call ? WORKLOADS[to].filter((p) => call[2] !== undefined && p !== call[2]) : WORKLOADS[to];
      for (const p of denied) lines.push(`- { from: ${ns}/${from}, to: ${ns}/${to}, port: ${p}, allowed: false }`);
    }
  }
  for (const name of names) {
    lines.push(`- { from: ${ns}/${name}, to: kube-system/k8s-app=kube-dns, port: 53, protocol: UDP, allowed: true }`);
    lines.push(`- { from: ${ns}/${name}, to: kube-system/k8s-app=kube-dns, port: 53, protocol: TCP, allowed: true }`);
    lines.push(`- { from: ${ns}/${name}, to: 198.51.100.7, port: 443, allowed: false }`);
    if (name !== PUBLIC[0]) {
      for (const p of WORKLOADS[name]) lines.push(`- { from: 203.0.113.10, to: ${ns}/${name}, port: ${p}, allowed: false }`);
    }
  }
  return `${lines.join('\n')}\n`;
}

if (require.main === module) {
  process.stdout.write(expectations());
}
