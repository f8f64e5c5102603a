import { errorOf, newChart, synthOne } from './helpers';
import { AllowDns, DnsTarget, LabelSelector, Peer } from '../../src';

/** The synthesized AllowDns policy with these props. */
function allowDns(props: ConstructorParameters<typeof AllowDns>[2] = {}): any {
  const chart = newChart();
  new AllowDns(chart, 'dns', props);
  return synthOne(chart);
}

const kubeDns = {
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } },
  podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
};
const dnsPorts = (port: number) => [{ protocol: 'UDP', port }, { protocol: 'TCP', port }];

describe('AllowDns with defaults', () => {
  test('allows UDP and TCP 53 to kube-dns in kube-system as ONE peer that ANDs namespace and pod selectors', () => {
    const manifest = allowDns();
    expect(manifest.spec.egress).toEqual([{ to: [kubeDns], ports: dnsPorts(53) }]);
    // One peer, not two: two peers would be OR-ed and allow every pod of kube-system,
    // or every kube-dns-labelled pod of this namespace.
    expect(manifest.spec.egress[0].to).toHaveLength(1);
    expect(manifest).toMatchSnapshot();
  });

  test('is egress-only: it does not isolate the pods for ingress', () => {
    const spec = allowDns().spec;
    expect(spec.policyTypes).toEqual(['Egress']);
    expect(spec.ingress).toBeUndefined();
  });

  test('applies to every pod of the namespace and says so', () => {
    const manifest = allowDns();
    expect(manifest.spec.podSelector).toEqual({});
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe(
      'Lets every pod in the namespace resolve names through pods k8s-app=kube-dns in namespace kube-system on port 53.',
    );
    expect(manifest.metadata.annotations['cdk8s-netpol/egress.0']).toBe(
      'DNS lookups to pods k8s-app=kube-dns in namespace kube-system on port 53 (UDP for queries, TCP for large answers)',
    );
  });
});

describe('AllowDns options', () => {
  test('podSelector limits which pods may resolve names', () => {
    const manifest = allowDns({ podSelector: LabelSelector.labels({ app: 'web' }), description: 'web needs DNS', metadata: { name: 'web-dns' } });
    expect(manifest.metadata.name).toBe('web-dns');
    expect(manifest.spec.podSelector).toEqual({ matchLabels: { app: 'web' } });
    expect(manifest.metadata.annotations['cdk8s-netpol/description']).toBe('web needs DNS');
    expect(manifest).toMatchSnapshot();
  });

  test('clusterDns() with another namespace, pod labels and port', () => {
    const target = DnsTarget.clusterDns({ namespace: 'dns', podLabels: { app: 'coredns' }, port: 1053 });
    expect(target.port).toBe(1053);
    expect(target.toString()).toBe('pods app=coredns in namespace dns on port 1053');
    expect(allowDns({ targets: [target] }).spec.egress).toEqual([{
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'dns' } },
        podSelector: { matchLabels: { app: 'coredns' } },
      }],
      ports: dnsPorts(1053),
    }]);
  });

  test('clusterDns({ anyNamespace: true }) is the article\'s looser form: namespaceSelector {} AND the pod labels', () => {
    expect(allowDns({ targets: [DnsTarget.clusterDns({ anyNamespace: true })] }).spec.egress[0].to).toEqual([
      { namespaceSelector: {}, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } },
    ]);
  });

  test('clusterDns() refuses a namespace together with anyNamespace: true, rather than widening it to every namespace', () => {
    expect(() => DnsTarget.clusterDns({ namespace: 'kube-system', anyNamespace: true })).toThrow(
      /namespace 'kube-system' and anyNamespace: true contradict each other/,
    );
    // anyNamespace: false with a namespace is no contradiction.
    expect(DnsTarget.clusterDns({ namespace: 'dns', anyNamespace: false }).toString()).toBe('pods k8s-app=kube-dns in namespace dns on port 53');
  });

  test('openShiftDns() targets openshift-dns on 5353', () => {
    const manifest = allowDns({ targets: [DnsTarget.openShiftDns()] });
    expect(manifest.spec.egress).toEqual([{
      to: [{
        namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-dns' } },
        podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } },
      }],
      ports: dnsPorts(5353),
    }]);
    expect(manifest).toMatchSnapshot();
  });

  test('nodeLocalDnsCache() targets the link-local address as an ipBlock, which selectors cannot match', () => {
    expect(allowDns({ targets: [DnsTarget.nodeLocalDnsCache()] }).spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '169.254.20.10/32' } }], ports: dnsPorts(53) },
    ]);
  });

  test('nodeLocalDnsCache() with another IPv4 or an IPv6 address', () => {
    expect(DnsTarget.nodeLocalDnsCache('10.96.0.10').peer.toString()).toBe('addresses in 10.96.0.10/32');
    expect(allowDns({ targets: [DnsTarget.nodeLocalDnsCache('fd00::a')] }).spec.egress[0].to).toEqual([
      { ipBlock: { cidr: 'fd00::a/128' } },
    ]);
  });

  test('nodeLocalDnsCache() rejects an address that is not one, at once', () => {
    expect(errorOf(() => DnsTarget.nodeLocalDnsCache('dns.local'))).toContain("'dns.local/32'");
  });

  test('custom() takes any peer, on port 53 unless told otherwise', () => {
    const resolver = DnsTarget.custom(Peer.ipv4('10.0.0.2/32'));
    expect(resolver.port).toBe(53);
    expect(allowDns({ targets: [DnsTarget.custom(Peer.ipv4('10.0.0.2/32'), 5353)] }).spec.egress).toEqual([
      { to: [{ ipBlock: { cidr: '10.0.0.2/32' } }], ports: dnsPorts(5353) },
    ]);
  });

  test('custom() rejects a bad port at once', () => {
    expect(errorOf(() => DnsTarget.custom(Peer.ipv4('10.0.0.2/32'), 0))).toBe('DnsTarget.custom(): port 0 must be a whole number from 1 to 65535.');
  });

  test('several targets on the same port share one rule; on other ports they get their own', () => {
    const manifest = allowDns({
      targets: [DnsTarget.clusterDns(), DnsTarget.nodeLocalDnsCache(), DnsTarget.openShiftDns()],
    });
    expect(manifest.spec.egress).toEqual([
      { to: [kubeDns, { ipBlock: { cidr: '169.254.20.10/32' } }], ports: dnsPorts(53) },
      { to: [expect.objectContaining({ podSelector: { matchLabels: { 'dns.operator.openshift.io/daemonset-dns': 'default' } } })], ports: dnsPorts(5353) },
    ]);
    expect(manifest).toMatchSnapshot();
  });
});
