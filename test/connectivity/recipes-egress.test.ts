/**
 * The egress recipes of kubernetes-network-policy-recipes (11 to 14, with the announced but never
 * written 13a and 13b), written with the library's constructs, each with its truth table over the fixed
 * cluster of `recipe-cluster.ts`.
 */
import { Chart } from 'cdk8s';
import { describeRecipe, EXTERNAL_DNS, INTERNET, Recipe, recipeModel } from './recipe-cluster';
import { allowed, denied } from './truth-table';
import { AllowDns, AllowTo, Connectivity, DefaultDeny, LabelSelector, Namespaces, Peer, PolicyType, Port, Protocol } from '../../src';

const FOO = LabelSelector.labels({ app: 'foo' });
const WEB = LabelSelector.labels({ app: 'web' });

/** 11: foo sends nothing. */
function fooDenyEgress(chart: Chart): void {
  new DefaultDeny(chart, 'foo-deny-egress', { metadata: { name: 'foo-deny-egress' }, podSelector: FOO, directions: [PolicyType.EGRESS] });
}

/** 14, intended: foo reaches every pod of the cluster and the cluster DNS, and nothing outside. */
function fooDenyExternalEgress(chart: Chart): void {
  new AllowTo(chart, 'foo-deny-external-egress', {
    metadata: { name: 'foo-deny-external-egress' },
    podSelector: FOO,
    peers: [Peer.allPods()],
  });
  new AllowDns(chart, 'foo-allow-dns', { metadata: { name: 'foo-allow-dns' }, podSelector: FOO });
}

/** 14, as the published YAML now reads: DNS to kube-dns only. */
function fooDenyExternalEgressAsPublished(chart: Chart): void {
  new AllowDns(chart, 'foo-deny-external-egress', { metadata: { name: 'foo-deny-external-egress' }, podSelector: FOO });
}

const RECIPES: Recipe[] = [
  {
    title: '11 DENY egress traffic from an application (foo-deny-egress)',
    policies: fooDenyEgress,
    names: ['default/foo-deny-egress'],
    rows: [
      denied('default/foo', 'default/web', 'TCP 80'),
      denied('default/foo', 'other/client', 'TCP 80'),
      denied('default/foo', INTERNET, 'TCP 443'),
      denied('default/foo', 'kube-system/kube-dns', 'UDP 53', 'DNS breaks too'),
      denied('default/foo', 'kube-system/kube-dns', 'TCP 53'),
      allowed('default/web', 'default/foo', 'TCP 8080', 'ingress to foo is untouched'),
      allowed(INTERNET, 'default/foo', 'TCP 8080'),
      allowed('default/web', 'kube-system/kube-dns', 'UDP 53', 'other pods keep DNS'),
    ],
  },
  {
    title: '11 with the DNS fix: foo-deny-egress plus AllowDns for foo',
    policies: (chart) => {
      fooDenyEgress(chart);
      new AllowDns(chart, 'foo-allow-dns', { metadata: { name: 'foo-allow-dns' }, podSelector: FOO });
    },
    names: ['default/foo-deny-egress', 'default/foo-allow-dns'],
    rows: [
      allowed('default/foo', 'kube-system/kube-dns', 'UDP 53'),
      allowed('default/foo', 'kube-system/kube-dns', 'TCP 53', 'large answers fall back to TCP'),
      allowed('default/foo', 'kube-system/kube-dns', 'UDP dns', 'by the port\'s name'),
      denied('default/foo', 'kube-system/kube-dns', 'UDP 54', 'only port 53'),
      denied('default/foo', 'other/fake-dns', 'UDP 53', 'kube-dns labels outside kube-system'),
      denied('default/foo', EXTERNAL_DNS, 'UDP 53', 'a resolver outside the cluster'),
      denied('default/foo', 'default/web', 'TCP 80', 'everything else stays denied'),
    ],
  },
  {
    title: '12 DENY all non-whitelisted traffic from a namespace (default-deny-all-egress)',
    policies: (chart) => {
      new DefaultDeny(chart, 'default-deny-all-egress', { metadata: { name: 'default-deny-all-egress' }, directions: [PolicyType.EGRESS] });
    },
    names: ['default/default-deny-all-egress'],
    rows: [
      denied('default/web', 'default/api', 'TCP 8080', 'within the namespace'),
      denied('default/db', 'other/client', 'TCP 80', 'to another namespace'),
      denied('default/api', INTERNET, 'TCP 443', 'to the internet'),
      denied('default/foo', 'kube-system/kube-dns', 'UDP 53', 'DNS is blocked too'),
      allowed('other/client', 'default/web', 'TCP 80', 'ingress is untouched'),
      allowed(INTERNET, 'default/web', 'TCP 80'),
      allowed('other/client', INTERNET, 'TCP 443', 'other namespaces are untouched'),
    ],
  },
  {
    title: '13a LIMIT egress traffic from an application to some pods: web calls only the api on TCP 8080, and DNS',
    policies: (chart) => {
      new AllowTo(chart, 'web-allow-egress-to-api', {
        metadata: { name: 'web-allow-egress-to-api' },
        podSelector: WEB,
        peers: [Peer.pods(LabelSelector.labels({ app: 'bookstore', role: 'api' }))],
        ports: [Port.tcp(8080)],
      });
      new AllowDns(chart, 'web-allow-dns', { metadata: { name: 'web-allow-dns' }, podSelector: WEB });
    },
    names: ['default/web-allow-egress-to-api', 'default/web-allow-dns'],
    rows: [
      allowed('default/web', 'default/api', 'TCP 8080'),
      allowed('default/web', 'default/api', 'TCP http', 'the api\'s port named http is 8080'),
      allowed('default/web', 'kube-system/kube-dns', 'UDP 53'),
      allowed('default/web', 'kube-system/kube-dns', 'TCP 53'),
      denied('default/web', 'default/api', 'TCP 5000', 'only the listed port'),
      denied('default/web', 'default/db', 'TCP 6379', 'another pod of the namespace'),
      denied('default/web', 'other/bookstore', 'TCP 9200', 'bookstore labels in another namespace'),
      denied('default/web', 'other/fake-dns', 'UDP 53'),
      denied('default/web', INTERNET, 'TCP 443'),
      allowed('default/foo', 'default/db', 'TCP 6379', 'pods other than web are not selected'),
      allowed('default/foo', 'default/web', 'TCP 80', 'web\'s ingress is untouched'),
    ],
  },
  {
    title: '13b ALLOW traffic only to Pods in a namespace: foo sends only to pods of prod, and DNS',
    policies: (chart) => {
      new AllowTo(chart, 'foo-allow-egress-to-prod', {
        metadata: { name: 'foo-allow-egress-to-prod' },
        podSelector: FOO,
        peers: [Peer.namespaces(Namespaces.named(['prod']))],
      });
      new AllowDns(chart, 'foo-allow-dns', { metadata: { name: 'foo-allow-dns' }, podSelector: FOO });
    },
    names: ['default/foo-allow-egress-to-prod', 'default/foo-allow-dns'],
    rows: [
      allowed('default/foo', 'prod/client', 'TCP 80'),
      allowed('default/foo', 'prod/client', 'UDP 9999', 'every port and protocol'),
      allowed('default/foo', 'kube-system/kube-dns', 'UDP 53'),
      denied('default/foo', 'default/web', 'TCP 80', 'its own namespace is not prod'),
      denied('default/foo', 'other/client', 'TCP 80'),
      denied('default/foo', 'operations/logger', 'TCP 80'),
      denied('default/foo', INTERNET, 'TCP 443'),
      allowed('default/web', 'other/client', 'TCP 80', 'pods other than foo are not selected'),
    ],
  },
  {
    title: '14 DENY external egress traffic (foo-deny-external-egress), as intended: in-cluster and DNS allowed, internet denied',
    policies: fooDenyExternalEgress,
    names: ['default/foo-deny-external-egress', 'default/foo-allow-dns'],
    rows: [
      allowed('default/foo', 'default/web', 'TCP 80', 'the recipe\'s prose: foo can reach web'),
      allowed('default/foo', 'other/client', 'TCP 443', 'pods of every namespace, on every port'),
      allowed('default/foo', 'operations/logger', 'UDP 514'),
      allowed('default/foo', 'kube-system/kube-dns', 'UDP 53'),
      allowed('default/foo', 'kube-system/kube-dns', 'TCP 53'),
      denied('default/foo', INTERNET, 'TCP 443', 'the internet'),
      denied('default/foo', INTERNET, 'TCP 80'),
      denied('default/foo', EXTERNAL_DNS, 'UDP 53', 'a resolver outside the cluster is the internet too'),
      allowed(INTERNET, 'default/foo', 'TCP 8080', 'ingress is untouched'),
    ],
  },
  {
    title: '14 as the published YAML now reads (DNS only): the drift from its prose',
    policies: fooDenyExternalEgressAsPublished,
    names: ['default/foo-deny-external-egress'],
    rows: [
      allowed('default/foo', 'kube-system/kube-dns', 'UDP 53'),
      denied('default/foo', 'default/web', 'TCP 80', 'DRIFT: the prose says foo can reach web, the YAML no longer lets it'),
      denied('default/foo', INTERNET, 'TCP 443'),
    ],
  },
];

describe('kubernetes-network-policy-recipes, egress', () => {
  for (const recipe of RECIPES) {
    describeRecipe(recipe);
  }

  test('14: the published YAML and the intended policy disagree exactly on in-cluster traffic other than DNS', () => {
    const intended = Connectivity.of(recipeModel(fooDenyExternalEgress));
    const published = Connectivity.of(recipeModel(fooDenyExternalEgressAsPublished));
    const query = (destination: string, port: number, protocol = Protocol.TCP) => ({ source: 'default/foo', destination, port: Port.number(protocol, port) });
    const probes = [
      query('default/web', 80),
      query('other/client', 443),
      query('kube-system/kube-dns', 53, Protocol.UDP),
      query(INTERNET, 443),
      query(EXTERNAL_DNS, 53, Protocol.UDP),
    ];
    const differing = probes
      .filter((q) => intended.isAllowed(q) !== published.isAllowed(q))
      .map((q) => q.destination);
    expect(differing).toEqual(['default/web', 'other/client']);
  });
});
