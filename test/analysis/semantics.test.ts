/**
 * The connectivity corpus: one case per NetworkPolicy rule, written from the Kubernetes documentation
 * (concepts/services-networking/network-policies) and the API field docs of networking.k8s.io/v1.
 * Every query is judged three ways (indexed evaluator, naive oracle, one-port matrix) and all three
 * must give the expected verdict.
 */
import { judgeThreeWays, namespace, pod, policy } from './helpers';
import { ConnectionQuery, Connectivity, NetworkModel, Port, Protocol } from '../../src';

/** prod and dev namespaces; IPs on most pods; prod/db is dual-stack; dev/tool has no IP. */
function cluster(): any[] {
  return [
    namespace('prod', { team: 'core' }),
    namespace('dev', { team: 'dev' }),
    pod('prod', 'web', { app: 'web', tier: 'front' }, { ports: [[80, 'http']], ips: ['10.0.1.1'] }),
    pod('prod', 'api', { app: 'api', tier: 'back' }, { ports: [[8080, 'http']], ips: ['10.0.1.2'] }),
    pod('prod', 'db', { app: 'db' }, { ports: [[5432, 'postgres']], ips: ['10.0.1.3', 'fd00::3'] }),
    pod('dev', 'web', { app: 'web' }, { ports: [[80, 'http']], ips: ['10.0.2.1'] }),
    pod('dev', 'tool', { app: 'tool' }),
  ];
}

const DENY_ALL_PROD = policy('prod', 'deny-all', { podSelector: {}, policyTypes: ['Ingress', 'Egress'] });

interface Case {
  readonly name: string;
  readonly manifests: any[];
  /** Queries and the expected verdict (true = allowed). */
  readonly expect: ReadonlyArray<readonly [ConnectionQuery, boolean]>;
}

function q(source: string, destination: string, port: number, protocol?: Protocol): ConnectionQuery {
  return { source, destination, port: Port.number(protocol ?? Protocol.TCP, port) };
}

const CASES: Case[] = [
  {
    name: 'without policies everything is allowed (no pod is isolated)',
    manifests: cluster(),
    expect: [
      [q('prod/web', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/api', 9999, Protocol.UDP), true],
      [q('prod/web', '203.0.113.9', 443), true],
      [q('203.0.113.9', 'prod/db', 5432), true],
    ],
  },
  {
    name: 'isolation is per direction: an Ingress policy leaves egress alone',
    manifests: [...cluster(), policy('prod', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] })],
    expect: [
      [q('prod/web', 'prod/db', 5432), false],
      [q('dev/web', 'prod/web', 80), false],
      [q('prod/db', 'dev/web', 80), true],
      [q('prod/db', '203.0.113.9', 443), true],
    ],
  },
  {
    name: 'isolation is per pod: only the selected pods are isolated',
    manifests: [...cluster(), policy('prod', 'db-only', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'] })],
    expect: [
      [q('prod/web', 'prod/db', 5432), false],
      [q('prod/web', 'prod/api', 8080), true],
    ],
  },
  {
    name: 'a connection needs egress allowed at the source and ingress allowed at the destination',
    manifests: [
      ...cluster(),
      policy('prod', 'web-egress', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
      }),
      policy('prod', 'api-ingress', {
        podSelector: { matchLabels: { app: 'api' } },
        policyTypes: ['Ingress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'db' } } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/api', 8080), false], // egress allows, ingress denies
      [q('prod/db', 'prod/api', 8080), true],
      [q('prod/web', 'prod/db', 5432), false], // ingress open, egress denies
    ],
  },
  {
    name: 'policies are additive: a deny-all does not cancel another policy\'s allow',
    manifests: [
      ...cluster(),
      policy('prod', 'deny-ingress', { podSelector: {}, policyTypes: ['Ingress'] }),
      policy('prod', 'db-from-web', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 5432 }] }],
      }),
      policy('prod', 'db-from-api', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 9187 }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true],
      [q('prod/api', 'prod/db', 9187), true],
      [q('prod/api', 'prod/db', 5432), false],
      [q('prod/web', 'prod/db', 9187), false],
      [q('dev/web', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'peers in one list are OR-ed',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { podSelector: { matchLabels: { app: 'api' } } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true],
      [q('prod/api', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'namespaceSelector and podSelector in one peer are AND-ed',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'dev' } }, podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ],
    expect: [
      [q('dev/web', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/db', 5432), false], // right namespace, wrong pod
      [q('prod/web', 'prod/db', 5432), false], // right pod labels, wrong namespace
    ],
  },
  {
    name: 'namespaceSelector and podSelector as two peers are OR-ed',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ namespaceSelector: { matchLabels: { team: 'dev' } } }, { podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ],
    expect: [
      [q('dev/tool', 'prod/db', 5432), true],
      [q('prod/web', 'prod/db', 5432), true],
      [q('prod/api', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'a peer podSelector alone means pods of the policy\'s own namespace',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true],
      [q('dev/web', 'prod/db', 5432), false], // same labels, other namespace
    ],
  },
  {
    name: 'namespaceSelector {} is every pod in every namespace, but not external addresses',
    manifests: [
      ...cluster(),
      policy('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ namespaceSelector: {} }] }] }),
      policy('prod', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ from: [{ podSelector: {} }] }] }),
    ],
    expect: [
      [q('dev/tool', 'prod/db', 5432), true],
      [q('prod/web', 'prod/db', 5432), true],
      [q('203.0.113.9', 'prod/db', 5432), false],
      [q('10.0.2.1', 'prod/db', 5432), true], // dev/web by its IP: a pod, so it matches
      [q('prod/web', 'prod/api', 8080), true], // podSelector {} alone: the policy's namespace
      [q('dev/web', 'prod/api', 8080), false],
    ],
  },
  {
    name: 'an empty rule ({}) allows every source, external addresses included, on every port and protocol',
    manifests: [...cluster(), policy('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{}] })],
    expect: [
      [q('203.0.113.9', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/db', 53, Protocol.UDP), true],
      [q('dev/tool', 'prod/db', 9, Protocol.SCTP), true],
    ],
  },
  {
    name: 'empty from/to and ports lists mean all, like absent ones',
    manifests: [
      ...cluster(),
      policy('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [], ports: [] }] }),
      policy('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Egress'], egress: [{ to: [] }] }),
    ],
    expect: [
      [q('203.0.113.9', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/db', 1, Protocol.UDP), true],
      [q('prod/web', '203.0.113.9', 443), true],
      [q('prod/web', 'dev/tool', 22), true],
    ],
  },
  {
    name: 'absent from with ports: every source, only those ports',
    manifests: [...cluster(), policy('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] })],
    expect: [
      [q('203.0.113.9', 'prod/db', 5432), true],
      [q('203.0.113.9', 'prod/db', 5433), false],
    ],
  },
  {
    name: 'a declared policy type without rules denies that direction',
    manifests: [
      ...cluster(),
      policy('prod', 'web-lockdown', { podSelector: { matchLabels: { app: 'web' } }, policyTypes: ['Ingress', 'Egress'] }),
      policy('prod', 'api-no-egress', { podSelector: { matchLabels: { app: 'api' } }, policyTypes: ['Egress'], egress: [] }),
      policy('prod', 'db-no-ingress', { podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress'], ingress: [] }),
    ],
    expect: [
      [q('prod/web', 'dev/tool', 80), false],
      [q('prod/web', '203.0.113.9', 443), false],
      [q('dev/tool', 'prod/web', 80), false],
      [q('prod/api', 'dev/tool', 80), false],
      [q('dev/tool', 'prod/api', 8080), true], // api is isolated for egress only
      [q('dev/tool', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'policyTypes absent: Ingress, plus Egress because there is an egress rule',
    manifests: [
      ...cluster(),
      policy('prod', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        egress: [{ to: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/api', 8080), true],
      [q('prod/web', 'prod/db', 5432), false], // egress isolated
      [q('dev/tool', 'prod/web', 80), false], // ingress isolated too, with no ingress rule
    ],
  },
  {
    name: 'policyTypes absent with `egress: []`: egress is not isolated',
    manifests: [
      ...cluster(),
      policy('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{}], egress: [] }),
      policy('prod', 'api', { podSelector: { matchLabels: { app: 'api' } } }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/web', 80), true],
      [q('prod/api', 'prod/db', 5432), true], // a bare podSelector isolates ingress only
      [q('prod/db', 'prod/api', 8080), false],
    ],
  },
  {
    name: 'ingress rules of an Egress-only policy have no effect',
    manifests: [
      ...cluster(),
      policy('prod', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }] }],
        egress: [{}],
      }),
    ],
    expect: [
      [q('dev/tool', 'prod/web', 80), true],
      [q('prod/web', '203.0.113.9', 443), true], // egress `- {}`: absent `to` and ports, so everything
      [q('prod/web', 'dev/tool', 22, Protocol.UDP), true],
    ],
  },
  {
    name: 'protocol defaults to TCP, and protocols stay distinct',
    manifests: [
      ...cluster(),
      policy('prod', 'db', { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ ports: [{ port: 5432 }] }] }),
      policy('prod', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ protocol: 'UDP', port: 53 }] }] }),
      policy('prod', 'web', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ ports: [{ protocol: 'SCTP' }] }] }),
    ],
    expect: [
      [q('dev/tool', 'prod/db', 5432), true],
      [q('dev/tool', 'prod/db', 5432, Protocol.UDP), false],
      [q('dev/tool', 'prod/api', 53, Protocol.UDP), true],
      [q('dev/tool', 'prod/api', 53, Protocol.TCP), false],
      [q('dev/tool', 'prod/web', 9999, Protocol.SCTP), true],
      [q('dev/tool', 'prod/web', 9999, Protocol.TCP), false],
    ],
  },
  {
    name: 'a named port resolves on the destination pod, by name and protocol',
    manifests: [
      ...cluster(),
      pod('prod', 'api2', { app: 'api' }, { ports: [[9090, 'http']] }),
      pod('prod', 'api-udp', { app: 'api' }, { ports: [[8080, 'http', 'UDP']] }),
      policy('prod', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 'http' }] }] }),
    ],
    expect: [
      [q('prod/web', 'prod/api', 8080), true],
      [q('prod/web', 'prod/api', 9090), false], // 'http' is 8080 on prod/api
      [q('prod/web', 'prod/api2', 9090), true],
      [q('prod/web', 'prod/api2', 8080), false],
      [q('prod/web', 'prod/api-udp', 8080), false], // its 'http' is UDP; the rule is TCP
      [q('prod/web', 'prod/api-udp', 8080, Protocol.UDP), false],
      [{ source: 'prod/web', destination: 'prod/api', port: Port.named('http') }, true],
    ],
  },
  {
    name: 'a named port never matches an external destination (egress)',
    manifests: [
      ...cluster(),
      policy('prod', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: 'http' }] }],
      }),
    ],
    expect: [
      [q('prod/web', '203.0.113.9', 8080), false],
      [q('prod/web', 'prod/api', 8080), true], // api's IP is in 0.0.0.0/0 and its 'http' is 8080
      [q('prod/web', 'prod/api', 80), false],
    ],
  },
  {
    name: 'endPort makes an inclusive range',
    manifests: [...cluster(), policy('prod', 'api', { podSelector: { matchLabels: { app: 'api' } }, ingress: [{ ports: [{ port: 8000, endPort: 8080 }] }] })],
    expect: [
      [q('prod/web', 'prod/api', 7999), false],
      [q('prod/web', 'prod/api', 8000), true],
      [q('prod/web', 'prod/api', 8042), true],
      [q('prod/web', 'prod/api', 8080), true],
      [q('prod/web', 'prod/api', 8081), false],
    ],
  },
  {
    name: 'ipBlock with except matches external addresses and pod IPs, IPv4 and IPv6',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.0.0/16', except: ['10.0.2.0/24'] } }, { ipBlock: { cidr: '2001:DB8::/32' } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true], // 10.0.1.1
      [q('dev/web', 'prod/db', 5432), false], // 10.0.2.1 is excepted
      [q('dev/tool', 'prod/db', 5432), false], // no IP: no ipBlock matches it
      [q('10.0.3.3', 'prod/db', 5432), true],
      [q('10.0.2.7', 'prod/db', 5432), false],
      [q('192.0.2.1', 'prod/db', 5432), false],
      [q('2001:db8::5', 'prod/db', 5432), true],
      [q('2001:db9::5', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'a pod matches an ipBlock when one of its IPs is inside (dual stack)',
    manifests: [
      ...cluster(),
      policy('prod', 'web', {
        podSelector: { matchLabels: { app: 'web' } },
        policyTypes: ['Egress'],
        egress: [{ to: [{ ipBlock: { cidr: 'fd00::/8' } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true], // fd00::3 is one of db's IPs
      [q('prod/web', 'prod/api', 8080), false], // IPv4 only
      [q('prod/web', 'fd12::1', 443), true],
    ],
  },
  {
    name: 'a CIDR with host bits set means its masked network',
    manifests: [
      ...cluster(),
      policy('prod', 'db', {
        podSelector: { matchLabels: { app: 'db' } },
        ingress: [{ from: [{ ipBlock: { cidr: '10.0.1.77/24', except: ['10.0.1.129/25'] } }] }],
      }),
    ],
    expect: [
      [q('prod/web', 'prod/db', 5432), true], // 10.0.1.1
      [q('10.0.1.100', 'prod/db', 5432), true],
      [q('10.0.1.200', 'prod/db', 5432), false], // in 10.0.1.128/25
      [q('dev/web', 'prod/db', 5432), false],
    ],
  },
  {
    name: 'matchExpressions: In, NotIn, Exists, DoesNotExist (NotIn and DoesNotExist match pods without the key)',
    manifests: [
      namespace('ns'),
      pod('ns', 'env-prod', { env: 'prod' }),
      pod('ns', 'env-dev', { env: 'dev' }),
      pod('ns', 'no-env', {}),
      pod('ns', 't-in', { role: 'in' }),
      pod('ns', 't-notin', { role: 'notin' }),
      pod('ns', 't-exists', { role: 'exists' }),
      pod('ns', 't-dne', { role: 'dne' }),
      ...(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const).map((operator) => policy('ns', operator.toLowerCase(), {
        podSelector: { matchLabels: { role: { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: 'dne' }[operator] } },
        ingress: [{
          from: [{
            podSelector: {
              matchExpressions: [{ key: 'env', operator, ...(operator === 'In' || operator === 'NotIn' ? { values: ['prod', 'staging'] } : {}) }],
            },
          }],
        }],
      })),
    ],
    expect: [
      [q('ns/env-prod', 'ns/t-in', 80), true],
      [q('ns/env-dev', 'ns/t-in', 80), false],
      [q('ns/no-env', 'ns/t-in', 80), false],
      [q('ns/env-prod', 'ns/t-notin', 80), false],
      [q('ns/env-dev', 'ns/t-notin', 80), true],
      [q('ns/no-env', 'ns/t-notin', 80), true],
      [q('ns/env-prod', 'ns/t-exists', 80), true],
      [q('ns/env-dev', 'ns/t-exists', 80), true],
      [q('ns/no-env', 'ns/t-exists', 80), false],
      [q('ns/env-prod', 'ns/t-dne', 80), false],
      [q('ns/env-dev', 'ns/t-dne', 80), false],
      [q('ns/no-env', 'ns/t-dne', 80), true],
    ],
  },
  {
    name: 'a policy podSelector with NotIn selects pods without the key',
    manifests: [
      namespace('ns'),
      pod('ns', 'prod', { env: 'prod' }),
      pod('ns', 'none', {}),
      policy('ns', 'isolate-non-prod', { podSelector: { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, policyTypes: ['Ingress'] }),
    ],
    expect: [
      [q('ns/prod', 'ns/none', 80), false],
      [q('ns/none', 'ns/prod', 80), true],
    ],
  },
  {
    name: 'a pod\'s traffic to itself is never judged; a workload\'s is (between its replicas)',
    manifests: [
      ...cluster(),
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'worker', namespace: 'prod' }, spec: { template: { metadata: { labels: { app: 'worker' } } } } },
      DENY_ALL_PROD,
    ],
    expect: [
      [q('prod/web', 'prod/web', 80), true],
      [q('10.0.1.1', 'prod/web', 80), true], // its own IP
      [q('prod/worker', 'prod/worker', 80), false],
      [q('prod/web', 'prod/api', 8080), false],
    ],
  },
  {
    name: 'external addresses are never isolated: only the pod end is judged',
    manifests: [
      ...cluster(),
      DENY_ALL_PROD,
      policy('prod', 'web-from-net', {
        podSelector: { matchLabels: { app: 'web' } },
        ingress: [{ from: [{ ipBlock: { cidr: '203.0.113.0/24' } }] }],
      }),
    ],
    expect: [
      [q('203.0.113.9', '198.51.100.1', 443), true],
      [q('203.0.113.9', 'prod/web', 80), true],
      [q('198.51.100.1', 'prod/web', 80), false],
      [q('prod/web', '203.0.113.9', 443), false], // egress is denied
      [q('dev/web', '198.51.100.1', 443), true],
    ],
  },
  {
    name: 'namespaces carry kubernetes.io/metadata.name; a referenced namespace exists with just that label',
    manifests: [
      namespace('prod', { 'team': 'core', 'kubernetes.io/metadata.name': 'overridden-by-the-api-server' }),
      pod('prod', 'db', { app: 'db' }),
      pod('dev', 'web', { app: 'web' }), // dev is never declared
      policy('prod', 'db', {
        podSelector: {},
        ingress: [
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dev' } } }], ports: [{ port: 1 }] },
          { from: [{ namespaceSelector: { matchLabels: { team: 'dev' } } }], ports: [{ port: 2 }] },
          { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'prod' } } }], ports: [{ port: 3 }] },
        ],
      }),
    ],
    expect: [
      [q('dev/web', 'prod/db', 1), true],
      [q('dev/web', 'prod/db', 2), false],
      [q('prod/db', 'prod/db', 3), true],
      [q('dev/web', 'prod/db', 3), false],
    ],
  },
  {
    name: 'without metadata.namespace, objects live in default',
    manifests: [
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'a', labels: { app: 'a' } } },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'b', labels: { app: 'b' } } },
      { apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name: 'b' }, spec: { podSelector: { matchLabels: { app: 'b' } } } },
    ],
    expect: [
      [q('default/a', 'default/b', 80), false],
      [q('default/b', 'default/a', 80), true],
    ],
  },
  {
    name: 'a policy selects pods of its own namespace only',
    manifests: [...cluster(), policy('dev', 'isolate-web', { podSelector: { matchLabels: { app: 'web' } } })],
    expect: [
      [q('dev/tool', 'prod/web', 80), true],
      [q('dev/tool', 'dev/web', 80), false],
    ],
  },
];

describe('connectivity corpus', () => {
  for (const c of CASES) {
    describe(c.name, () => {
      const model = NetworkModel.fromManifests(c.manifests);
      const connectivity = Connectivity.of(model);
      for (const [query, expected] of c.expect) {
        const text = `${query.source} -> ${query.destination} ${query.port}`;
        test(`${text} is ${expected ? 'allowed' : 'denied'}`, () => {
          const judged = judgeThreeWays(connectivity, model, query);
          expect(judged.indexed).toBe(expected);
          expect(judged.naive).toBe(expected);
          if (judged.matrix !== undefined) expect(judged.matrix).toBe(expected);
          expect(connectivity.explain(query).allowed).toBe(expected);
        });
      }
    });
  }
});
