import { errorOf, newChart, synthOne } from './helpers';
import { LabelExpression, LabelSelector, Namespaces, NetworkPolicy, Peer } from '../../src';

/** The `from` list an ingress rule with these peers synthesizes to (undefined: no `from`). */
function from(...peers: Peer[]): any[] | undefined {
  const chart = newChart();
  new NetworkPolicy(chart, 'policy', { ingress: [{ peers }] });
  return synthOne(chart).spec.ingress[0].from;
}

const web = LabelSelector.labels({ app: 'web' });

describe('Peer.pods', () => {
  test('without namespaces: pods of the policy\'s own namespace (podSelector only)', () => {
    const peer = Peer.pods(web);
    expect(from(peer)).toEqual([{ podSelector: { matchLabels: { app: 'web' } } }]);
    expect(peer.toString()).toBe("pods app=web in the policy's namespace");
  });

  test('with namespaces: ONE peer carrying both selectors, so a pod must match both (AND)', () => {
    const peer = Peer.pods(web, Namespaces.named(['shop']));
    expect(from(peer)).toEqual([{
      namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } },
      podSelector: { matchLabels: { app: 'web' } },
    }]);
    expect(peer.toString()).toBe('pods app=web in namespace shop');
  });

  test('LabelSelector.all() is every pod of the namespace (podSelector: {})', () => {
    expect(from(Peer.pods(LabelSelector.all()))).toEqual([{ podSelector: {} }]);
  });
});

describe('Peer.namespaces and Namespaces', () => {
  test('Namespaces.named() uses the immutable kubernetes.io/metadata.name label, not a custom one', () => {
    expect(from(Peer.namespaces(Namespaces.named(['kube-system'])))).toEqual([
      { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } },
    ]);
  });

  test('several names become one In expression, sorted and without duplicates', () => {
    const namespaces = Namespaces.named(['b', 'a', 'b']);
    expect(from(Peer.namespaces(namespaces))).toEqual([{
      namespaceSelector: { matchExpressions: [{ key: 'kubernetes.io/metadata.name', operator: 'In', values: ['a', 'b'] }] },
    }]);
    expect(namespaces.toString()).toBe('namespaces a, b');
  });

  test('Namespaces.selectedBy() selects namespaces by their labels', () => {
    const peer = Peer.namespaces(Namespaces.selectedBy(LabelSelector.labels({ purpose: 'monitoring' })));
    expect(from(peer)).toEqual([{ namespaceSelector: { matchLabels: { purpose: 'monitoring' } } }]);
    expect(peer.toString()).toBe('every pod in namespaces purpose=monitoring');
  });

  test('Namespaces.selectedBy(LabelSelector.all()) is Namespaces.all()', () => {
    expect(Namespaces.selectedBy(LabelSelector.all()).selector.isAll).toBe(true);
    expect(Namespaces.selectedBy(LabelSelector.all()).toString()).toBe(Namespaces.all().toString());
  });

  test('Peer.allPods() is every pod of every namespace (namespaceSelector: {}), which excludes external addresses', () => {
    expect(from(Peer.allPods())).toEqual([{ namespaceSelector: {} }]);
    expect(from(Peer.namespaces(Namespaces.all()))).toEqual([{ namespaceSelector: {} }]);
  });

  test('Namespaces.named() rejects an invalid namespace name at once, naming it', () => {
    const message = errorOf(() => Namespaces.named(['Kube_System']));
    expect(message).toContain("namespace name 'Kube_System'");
    expect(message).toMatch(/DNS-1123 label: lower-case letters, digits and '-'/);
  });

  test('Namespaces.named() rejects a name longer than 63 characters', () => {
    expect(errorOf(() => Namespaces.named(['n'.repeat(64)]))).toMatch(/no more than 63 characters/);
  });
});

describe('Peer.ipv4 / Peer.ipv6', () => {
  test('an IPv4 range', () => {
    const peer = Peer.ipv4('10.0.0.0/24');
    expect(from(peer)).toEqual([{ ipBlock: { cidr: '10.0.0.0/24' } }]);
    expect(peer.toString()).toBe('addresses in 10.0.0.0/24');
  });

  test('an IPv4 range with except ranges strictly inside it', () => {
    const peer = Peer.ipv4('0.0.0.0/0', ['10.0.0.0/8', '192.168.0.0/16', '10.0.0.0/8']);
    expect(from(peer)).toEqual([{ ipBlock: { cidr: '0.0.0.0/0', except: ['10.0.0.0/8', '192.168.0.0/16'] } }]);
    expect(peer.toString()).toBe('addresses in 0.0.0.0/0 except 10.0.0.0/8, 192.168.0.0/16');
  });

  test.each([
    ['a single address', '203.0.113.7/32'],
    ['everything', '0.0.0.0/0'],
  ])('accepts %s', (_what, cidr) => {
    expect(from(Peer.ipv4(cidr))).toEqual([{ ipBlock: { cidr } }]);
  });

  test.each([
    ['lower-case', '2001:db8::/32'],
    ['upper-case', '2001:DB8::/32'],
  ])('accepts an IPv6 range written in %s, with except', (_what, cidr) => {
    expect(from(Peer.ipv6(cidr, ['2001:db8:1::/48']))).toEqual([{ ipBlock: { cidr, except: ['2001:db8:1::/48'] } }]);
  });

  test('accepts a single IPv6 address', () => {
    expect(from(Peer.ipv6('2001:db8::1/128'))).toEqual([{ ipBlock: { cidr: '2001:db8::1/128' } }]);
  });

  describe('rejects bad ranges at once, naming the value and what is valid', () => {
    test('an octet above 255', () => {
      const message = errorOf(() => Peer.ipv4('300.1.1.1/8'));
      expect(message).toContain("Peer.ipv4('300.1.1.1/8'): cidr '300.1.1.1/8'");
      expect(message).toContain("'300' must be a number from 0 to 255");
    });

    test('a missing prefix', () => {
      const message = errorOf(() => Peer.ipv4('10.0.0.0'));
      expect(message).toContain("cidr '10.0.0.0'");
      expect(message).toContain('has no prefix length: a CIDR looks like 10.0.0.0/16');
    });

    test('a prefix too long for the family', () => {
      const message = errorOf(() => Peer.ipv4('10.0.0.0/33'));
      expect(message).toContain("cidr '10.0.0.0/33'");
      expect(message).toContain('from 0 to 32 for IPv4');
    });

    test('host bits set: says which network address to write', () => {
      const message = errorOf(() => Peer.ipv4('10.0.0.1/24'));
      expect(message).toContain("cidr '10.0.0.1/24' has host bits set");
      expect(message).toContain("'10.0.0.0/24'");
    });

    test('host bits set in an except', () => {
      const message = errorOf(() => Peer.ipv4('10.0.0.0/8', ['10.1.0.1/16']));
      expect(message).toContain("exceptCidrs '10.1.0.1/16' has host bits set");
      expect(message).toContain("'10.1.0.0/16'");
    });

    test('an except outside the range', () => {
      const message = errorOf(() => Peer.ipv4('10.0.0.0/8', ['192.168.0.0/16']));
      expect(message).toContain("exceptCidrs '192.168.0.0/16' must lie strictly inside 10.0.0.0/8");
    });

    test('an except equal to the range (it must be strictly inside)', () => {
      expect(errorOf(() => Peer.ipv4('10.0.0.0/8', ['10.0.0.0/8']))).toMatch(/must lie strictly inside/);
    });

    test('an except of another family', () => {
      expect(errorOf(() => Peer.ipv4('10.0.0.0/8', ['2001:db8::/32']))).toMatch(/IPv6 range/);
    });

    test('an IPv6 range given to ipv4(), and the reverse', () => {
      expect(errorOf(() => Peer.ipv4('2001:db8::/32'))).toContain('use Peer.ipv6()');
      expect(errorOf(() => Peer.ipv6('10.0.0.0/8'))).toContain('use Peer.ipv4()');
    });

    test('an IPv4-mapped IPv6 address, which plugins read differently', () => {
      const message = errorOf(() => Peer.ipv6('::ffff:10.0.0.0/120'));
      expect(message).toContain("cidr '::ffff:10.0.0.0/120'");
      expect(message).toContain('write the IPv4 address itself');
    });
  });
});

describe('Peer.anyone', () => {
  test('is the only way to say "everyone": the rule is written without from', () => {
    expect(Peer.anyone().isAnyone).toBe(true);
    expect(Peer.anyone().toString()).toBe('anyone');
    expect(from(Peer.anyone())).toBeUndefined();
  });

  test('other peers listed with it add nothing: anyone already includes them', () => {
    expect(from(Peer.pods(web), Peer.anyone())).toBeUndefined();
  });

  test('no other peer is anyone', () => {
    for (const peer of [Peer.allPods(), Peer.pods(LabelSelector.all()), Peer.ipv4('0.0.0.0/0')]) {
      expect(peer.isAnyone).toBe(false);
    }
  });
});

test('peers made from equal values are the same peer (listed once)', () => {
  const a = Peer.pods(LabelSelector.labels({ app: 'web', tier: 'front' }), Namespaces.named(['shop']));
  const b = Peer.pods(LabelSelector.labels({ tier: 'front', app: 'web' }), Namespaces.named(['shop']));
  expect(from(a, b)).toHaveLength(1);
});

test('peers that differ stay apart, in the order given', () => {
  const peers = [
    Peer.pods(web),
    Peer.namespaces(Namespaces.named(['shop'])),
    Peer.pods(web, Namespaces.named(['shop'])),
    Peer.ipv4('10.0.0.0/8'),
    Peer.ipv4('10.0.0.0/8', ['10.1.0.0/16']),
    Peer.pods(LabelSelector.of({ expressions: [LabelExpression.exists('app')] })),
  ];
  expect(from(...peers)).toMatchSnapshot();
});
