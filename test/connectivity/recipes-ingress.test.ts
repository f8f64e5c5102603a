/**
 * The ingress recipes of kubernetes-network-policy-recipes (01 to 10), written with the library's
 * constructs, each with its truth table over the fixed cluster of `recipe-cluster.ts`.
 */
import { Chart } from 'cdk8s';
import { describeRecipe, INTERNET, Recipe } from './recipe-cluster';
import { allowed, denied } from './truth-table';
import { AllowFrom, DefaultDeny, LabelSelector, Namespaces, Peer, PolicyType, Port } from '../../src';

const WEB = LabelSelector.labels({ app: 'web' });
const API = LabelSelector.labels({ app: 'bookstore', role: 'api' });

/** 01: nothing reaches the web pods. */
function webDenyAll(chart: Chart): void {
  new DefaultDeny(chart, 'web-deny-all', { metadata: { name: 'web-deny-all' }, podSelector: WEB, directions: [PolicyType.INGRESS] });
}

/** 03: ingress default-deny for every pod of the namespace. */
function defaultDenyAll(chart: Chart): void {
  new DefaultDeny(chart, 'default-deny-all', { metadata: { name: 'default-deny-all' }, directions: [PolicyType.INGRESS] });
}

const RECIPES: Recipe[] = [
  {
    title: '01 DENY all traffic to an application (web-deny-all)',
    policies: webDenyAll,
    names: ['default/web-deny-all'],
    rows: [
      denied('default/foo', 'default/web', 'TCP 80', 'from the same namespace'),
      denied('other/client', 'default/web', 'TCP 80', 'from another namespace'),
      denied(INTERNET, 'default/web', 'TCP 80', 'from outside the cluster'),
      denied('default/api', 'default/web', 'TCP 8080', 'on any port'),
      allowed('default/web', 'default/api', 'TCP 8080', 'web may still call out: egress is untouched'),
      allowed('default/foo', 'default/api', 'TCP 8080', 'pods other than web are not selected'),
    ],
  },
  {
    title: '02 LIMIT traffic to an application (api-allow)',
    policies: (chart) => {
      new AllowFrom(chart, 'api-allow', {
        metadata: { name: 'api-allow' },
        podSelector: API,
        peers: [Peer.pods(LabelSelector.labels({ app: 'bookstore' }))],
      });
    },
    names: ['default/api-allow'],
    rows: [
      allowed('default/search', 'default/api', 'TCP 8080', 'app=bookstore'),
      allowed('default/db', 'default/api', 'TCP 8080', 'app=bookstore, whatever its role'),
      allowed('default/search', 'default/api', 'TCP 5000', 'on every port'),
      denied('default/catalog', 'default/api', 'TCP 8080', 'app=inventory'),
      denied('default/foo', 'default/api', 'TCP 8080'),
      denied('default/web', 'default/api', 'TCP 8080'),
      denied('other/bookstore', 'default/api', 'TCP 8080', 'app=bookstore in another namespace: a podSelector alone means the policy\'s namespace'),
      denied(INTERNET, 'default/api', 'TCP 8080'),
      allowed('default/foo', 'default/db', 'TCP 6379', 'the db has role=db: not selected'),
      allowed('default/api', INTERNET, 'TCP 443', 'egress is untouched'),
    ],
  },
  {
    title: '02a ALLOW all traffic to an application (web-allow-all), next to 01 web-deny-all and 03 default-deny-all',
    policies: (chart) => {
      webDenyAll(chart);
      defaultDenyAll(chart);
      new AllowFrom(chart, 'web-allow-all', { metadata: { name: 'web-allow-all' }, podSelector: WEB, peers: [Peer.anyone()] });
    },
    names: ['default/web-deny-all', 'default/default-deny-all', 'default/web-allow-all'],
    rows: [
      allowed('default/foo', 'default/web', 'TCP 80', 'policies add up: the allow voids both denies'),
      allowed('other/client', 'default/web', 'TCP 80'),
      allowed(INTERNET, 'default/web', 'TCP 80'),
      allowed(INTERNET, 'default/web', 'TCP 8443', 'every port'),
      allowed('other/client', 'default/web', 'UDP 80', 'every protocol'),
      denied('default/web', 'default/api', 'TCP 8080', 'the other pods stay denied by default-deny-all'),
      denied(INTERNET, 'default/db', 'TCP 6379'),
    ],
  },
  {
    title: '03 DENY all non-whitelisted traffic to a namespace (default-deny-all)',
    policies: defaultDenyAll,
    names: ['default/default-deny-all'],
    rows: [
      denied('default/foo', 'default/web', 'TCP 80', 'from the same namespace'),
      denied('default/web', 'default/api', 'TCP 8080'),
      denied('other/client', 'default/db', 'TCP 6379', 'from another namespace'),
      denied(INTERNET, 'default/web', 'TCP 80'),
      allowed('default/web', 'other/client', 'TCP 80', 'egress is untouched'),
      allowed('default/foo', 'kube-system/kube-dns', 'UDP 53', 'so DNS still works'),
      allowed('default/web', INTERNET, 'TCP 443'),
      allowed('other/client', 'prod/client', 'TCP 80', 'other namespaces are untouched'),
    ],
  },
  {
    title: '04 DENY all traffic from other namespaces (deny-from-other-namespaces)',
    policies: (chart) => {
      new AllowFrom(chart, 'deny-from-other-namespaces', {
        metadata: { name: 'deny-from-other-namespaces' },
        podSelector: LabelSelector.all(),
        peers: [Peer.pods(LabelSelector.all())],
      });
    },
    names: ['default/deny-from-other-namespaces'],
    rows: [
      allowed('default/foo', 'default/web', 'TCP 80', 'same namespace'),
      allowed('default/web', 'default/db', 'TCP 6379', 'same namespace, any port'),
      denied('other/client', 'default/web', 'TCP 80'),
      denied('prod/client', 'default/api', 'TCP 8080'),
      denied('operations/monitoring', 'default/web', 'TCP 80'),
      denied('kube-system/kube-dns', 'default/web', 'TCP 80'),
      denied(INTERNET, 'default/web', 'TCP 80', 'an external address is no pod of the namespace'),
      allowed('other/client', 'prod/client', 'TCP 80', 'other namespaces are untouched'),
    ],
  },
  {
    title: '05 ALLOW traffic to an application from all namespaces (web-allow-all-namespaces)',
    policies: (chart) => {
      new AllowFrom(chart, 'web-allow-all-namespaces', {
        metadata: { name: 'web-allow-all-namespaces' },
        podSelector: WEB,
        peers: [Peer.allPods()],
      });
    },
    names: ['default/web-allow-all-namespaces'],
    rows: [
      allowed('other/client', 'default/web', 'TCP 80'),
      allowed('operations/logger', 'default/web', 'TCP 80'),
      allowed('default/foo', 'default/web', 'TCP 80', 'its own namespace too'),
      denied(INTERNET, 'default/web', 'TCP 80', 'namespaceSelector: {} selects pods, not external addresses'),
      allowed(INTERNET, 'default/api', 'TCP 8080', 'the api is not selected'),
    ],
  },
  {
    title: '06 ALLOW all traffic from a namespace (web-allow-prod)',
    policies: (chart) => {
      new AllowFrom(chart, 'web-allow-prod', {
        metadata: { name: 'web-allow-prod' },
        podSelector: WEB,
        peers: [Peer.namespaces(Namespaces.selectedBy(LabelSelector.labels({ purpose: 'production' })))],
      });
    },
    names: ['default/web-allow-prod'],
    rows: [
      allowed('prod/client', 'default/web', 'TCP 80', 'namespace purpose=production'),
      allowed('prod/client', 'default/web', 'TCP 8080', 'any port'),
      denied('other/client', 'default/web', 'TCP 80'),
      denied('operations/monitoring', 'default/web', 'TCP 80'),
      denied('default/foo', 'default/web', 'TCP 80', 'its own namespace lacks purpose=production'),
      denied(INTERNET, 'default/web', 'TCP 80'),
    ],
  },
  {
    title: '07 ALLOW traffic from some pods in another namespace (web-allow-all-ns-monitoring): one peer, namespace AND pod',
    policies: (chart) => {
      new AllowFrom(chart, 'web-allow-all-ns-monitoring', {
        metadata: { name: 'web-allow-all-ns-monitoring' },
        podSelector: WEB,
        peers: [Peer.pods(LabelSelector.labels({ type: 'monitoring' }), Namespaces.selectedBy(LabelSelector.labels({ team: 'operations' })))],
      });
    },
    names: ['default/web-allow-all-ns-monitoring'],
    rows: [
      allowed('operations/monitoring', 'default/web', 'TCP 80', 'type=monitoring in team=operations'),
      denied('operations/logger', 'default/web', 'TCP 80', 'right namespace, wrong pod'),
      denied('other/monitoring', 'default/web', 'TCP 80', 'right pod, wrong namespace'),
      denied('default/monitoring', 'default/web', 'TCP 80', 'type=monitoring in web\'s own namespace, which is not team=operations'),
      denied('other/client', 'default/web', 'TCP 80'),
      denied(INTERNET, 'default/web', 'TCP 80'),
    ],
  },
  {
    title: '07 contrast: the OR form, two peers (every pod of operations, or type=monitoring in this namespace)',
    policies: (chart) => {
      new AllowFrom(chart, 'web-allow-all-ns-monitoring', {
        metadata: { name: 'web-allow-all-ns-monitoring' },
        podSelector: WEB,
        peers: [
          Peer.namespaces(Namespaces.selectedBy(LabelSelector.labels({ team: 'operations' }))),
          Peer.pods(LabelSelector.labels({ type: 'monitoring' })),
        ],
      });
    },
    names: ['default/web-allow-all-ns-monitoring'],
    rows: [
      allowed('operations/monitoring', 'default/web', 'TCP 80'),
      allowed('operations/logger', 'default/web', 'TCP 80', 'wider than the AND form: any pod of operations'),
      allowed('default/monitoring', 'default/web', 'TCP 80', 'wider than the AND form: type=monitoring in the policy\'s namespace'),
      denied('other/monitoring', 'default/web', 'TCP 80', 'a podSelector alone only looks in the policy\'s namespace'),
      denied('other/client', 'default/web', 'TCP 80'),
      denied(INTERNET, 'default/web', 'TCP 80'),
    ],
  },
  {
    title: '08 ALLOW traffic from external clients (web-allow-external), next to 03 default-deny-all',
    policies: (chart) => {
      defaultDenyAll(chart);
      new AllowFrom(chart, 'web-allow-external', { metadata: { name: 'web-allow-external' }, podSelector: WEB, peers: [Peer.anyone()] });
    },
    names: ['default/default-deny-all', 'default/web-allow-external'],
    rows: [
      allowed(INTERNET, 'default/web', 'TCP 80', 'from the internet or a load balancer'),
      allowed(INTERNET, 'default/web', 'TCP 443', 'on every port'),
      allowed('other/client', 'default/web', 'TCP 80', 'and from every pod'),
      allowed('default/foo', 'default/web', 'UDP 80', 'every protocol'),
      denied(INTERNET, 'default/api', 'TCP 8080', 'only web is opened'),
    ],
  },
  {
    title: '08 variant: external clients on port 80 only, next to 03 default-deny-all',
    policies: (chart) => {
      defaultDenyAll(chart);
      new AllowFrom(chart, 'web-allow-external', {
        metadata: { name: 'web-allow-external' },
        podSelector: WEB,
        peers: [Peer.anyone()],
        ports: [Port.HTTP],
      });
    },
    names: ['default/default-deny-all', 'default/web-allow-external'],
    rows: [
      allowed(INTERNET, 'default/web', 'TCP 80'),
      allowed('other/client', 'default/web', 'TCP 80'),
      allowed(INTERNET, 'default/web', 'TCP http', 'web\'s port named http is 80'),
      denied(INTERNET, 'default/web', 'TCP 443', 'only port 80'),
      denied(INTERNET, 'default/web', 'UDP 80', 'only TCP'),
      denied(INTERNET, 'default/api', 'TCP 8080'),
    ],
  },
  {
    title: '09 ALLOW traffic only to a port of an application (api-allow-5000)',
    policies: (chart) => {
      new AllowFrom(chart, 'api-allow-5000', {
        metadata: { name: 'api-allow-5000' },
        podSelector: API,
        peers: [Peer.pods(LabelSelector.labels({ role: 'monitoring' }))],
        ports: [Port.tcp(5000)],
      });
    },
    names: ['default/api-allow-5000'],
    rows: [
      allowed('default/monitoring', 'default/api', 'TCP 5000'),
      allowed('default/monitoring', 'default/api', 'TCP metrics', 'the pod port named metrics is 5000'),
      denied('default/monitoring', 'default/api', 'TCP 8080', 'the api\'s own port stays closed'),
      denied('default/monitoring', 'default/api', 'UDP 5000', 'only TCP'),
      denied('default/monitoring', 'default/api', 'TCP 80', 'policies see pod ports: a Service port 80 arrives as 5000, never as 80'),
      denied('default/foo', 'default/api', 'TCP 5000', 'not role=monitoring'),
      denied('operations/monitoring', 'default/api', 'TCP 5000', 'role=monitoring in another namespace'),
    ],
  },
  {
    title: '09 variant: the port by its name (metrics), resolved on the api pod',
    policies: (chart) => {
      new AllowFrom(chart, 'api-allow-5000', {
        metadata: { name: 'api-allow-5000' },
        podSelector: API,
        peers: [Peer.pods(LabelSelector.labels({ role: 'monitoring' }))],
        ports: [Port.named('metrics')],
      });
    },
    names: ['default/api-allow-5000'],
    rows: [
      allowed('default/monitoring', 'default/api', 'TCP 5000', 'metrics resolves to 5000 on the api'),
      allowed('default/monitoring', 'default/api', 'TCP metrics'),
      denied('default/monitoring', 'default/api', 'TCP 8080', 'the port named http is not metrics'),
      denied('default/monitoring', 'default/api', 'UDP 5000', 'metrics is declared for TCP'),
      denied('default/foo', 'default/api', 'TCP metrics'),
    ],
  },
  {
    title: '10 ALLOW traffic from apps using multiple selectors (redis-allow-services)',
    policies: (chart) => {
      new AllowFrom(chart, 'redis-allow-services', {
        metadata: { name: 'redis-allow-services' },
        podSelector: LabelSelector.labels({ app: 'bookstore', role: 'db' }),
        peers: [
          Peer.pods(LabelSelector.labels({ app: 'bookstore', role: 'search' })),
          Peer.pods(LabelSelector.labels({ app: 'bookstore', role: 'api' })),
          Peer.pods(LabelSelector.labels({ app: 'inventory' })),
        ],
      });
    },
    names: ['default/redis-allow-services'],
    rows: [
      allowed('default/search', 'default/db', 'TCP 6379', 'first selector'),
      allowed('default/api', 'default/db', 'TCP 6379', 'second selector'),
      allowed('default/catalog', 'default/db', 'TCP 6379', 'third selector'),
      allowed('default/catalog', 'default/db', 'TCP redis', 'by the port\'s name'),
      denied('default/web', 'default/db', 'TCP 6379'),
      denied('default/foo', 'default/db', 'TCP 6379'),
      denied('default/monitoring', 'default/db', 'TCP 6379'),
      denied('other/bookstore', 'default/db', 'TCP 6379', 'app=bookstore,role=search in another namespace'),
      denied(INTERNET, 'default/db', 'TCP 6379'),
    ],
  },
];

describe('kubernetes-network-policy-recipes, ingress', () => {
  for (const recipe of RECIPES) {
    describeRecipe(recipe);
  }
});
