import { cli, cliJson, SHOP_NOTE } from './helpers';

describe('cdk8s-netpol explain', () => {
  test('a denied connection: exit 0 (it answers a question), the policies isolating each side and why no rule matched', () => {
    const result = cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/db', '--port', '5432']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(SHOP_NOTE);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toBe('DENIED: shop/frontend -> shop/db on TCP 5432');
    expect(result.stdout).toContain('shop/frontend is isolated for egress by shop/frontend-egress, shop/default-deny and shop/allow-dns');
    expect(result.stdout).toContain('shop/db is isolated for ingress by shop/db-ingress and shop/default-deny');
    // Text output is the library's explanation, as JSON carries it in `reason`.
    expect(result.stdout).toBe(`${cliJson(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/db', '--port', '5432', '-o', 'json']).json.reason}\n`);
  });

  test('an allowed connection on a named port: the allowing rule of each side', () => {
    const result = cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/api', '--port', 'http']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe("ALLOWED: shop/frontend -> shop/api on TCP 8080 (port 'http')");
    // One line per side, each naming the rule that allows it.
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(/^ {2}egress from shop\/frontend: allowed by shop\/frontend-egress egress\[0\]/);
    expect(lines[2]).toMatch(/^ {2}ingress to shop\/api: allowed by shop\/api-ingress ingress\[0\]/);
  });

  test('JSON: the verdict and each side, field by field', () => {
    const { code, json } = cliJson(['explain', 'shop', '--from', 'shop/frontend', '--to', 'kube-system/coredns', '--port', '53', '--protocol', 'UDP', '-o', 'json']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ allowed: true, from: 'shop/frontend', to: 'kube-system/coredns', protocol: 'UDP', port: 53 });
    expect(json.reason).toMatch(/^ALLOWED: shop\/frontend -> kube-system\/coredns on UDP 53\n/);
    expect(json.egress).toMatchObject({
      direction: 'Egress',
      endpoint: 'shop/frontend',
      judged: true,
      isolated: true,
      allowed: true,
      isolatingPolicies: ['shop/frontend-egress', 'shop/default-deny', 'shop/allow-dns'],
      allowingRules: [expect.objectContaining({ policy: 'shop/allow-dns', direction: 'Egress', ruleIndex: 0 })],
    });
    // kube-system has no policies: its ingress is open.
    expect(json.ingress).toMatchObject({ direction: 'Ingress', endpoint: 'kube-system/coredns', judged: true, isolated: false, allowed: true, isolatingPolicies: [], allowingRules: [] });
  });

  test('the same question over TCP is not the UDP answer: the protocol flag is used (lower case accepted)', () => {
    const { json } = cliJson(['explain', 'shop', '--from', 'shop/frontend', '--to', 'kube-system/coredns', '--port', '53', '--protocol', 'sctp', '-o', 'json']);
    expect(json.protocol).toBe('SCTP');
    // allow-dns allows 53 on UDP and TCP only.
    expect(json.allowed).toBe(false);
  });

  test('IP endpoints from a Pod snapshot: an external source is not judged, the pod end is', () => {
    const { code, json } = cliJson(['explain', 'snapshot', '--from', '198.51.100.7', '--to', '10.1.0.5', '--port', 'https', '--output', 'json']);
    expect(code).toBe(0);
    expect(json).toMatchObject({ allowed: true, from: '198.51.100.7', to: 'payments/checkout-7d9f6', port: 8443 });
    expect(json.egress).toMatchObject({ judged: false, endpoint: '198.51.100.7' });
    expect(json.ingress.allowingRules).toEqual([expect.objectContaining({ policy: 'payments/checkout-from-internet', ruleIndex: 0 })]);
  });
});
