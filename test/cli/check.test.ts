import { cli, cliJson, SHOP_NOTE } from './helpers';

describe('cdk8s-netpol check', () => {
  test('every expectation holds: exit 0, results in the order of the expectations, field by field', () => {
    const { code, json, stderr } = cliJson(['check', 'shop', '--expect', 'expectations/shop-pass.yaml', '--output', 'json']);
    expect(stderr).toBe(SHOP_NOTE);
    expect(code).toBe(0);
    expect(Object.keys(json).sort()).toEqual(['failed', 'passed', 'results']);
    expect(json.passed).toBe(8);
    expect(json.failed).toBe(0);
    for (const result of json.results) {
      expect(Object.keys(result).sort()).toEqual(['allowed', 'expected', 'from', 'ok', 'port', 'protocol', 'reason', 'to']);
      expect(result.ok).toBe(true);
      expect(result.allowed).toBe(result.expected);
    }
    // The expectations as written (named ports stay names), the protocol defaulted to TCP.
    expect(json.results.map((r: any) => [r.from, r.to, r.port, r.protocol, r.allowed])).toEqual([
      // frontend-egress allows egress to api on the port named http; api-ingress allows it in.
      ['shop/frontend', 'shop/api', 'http', 'TCP', true],
      // The same connection by number: 'http' is 8080 on api.
      ['shop/frontend', 'shop/api', 8080, 'TCP', true],
      // Nothing lets frontend out to db, nor db accept it.
      ['shop/frontend', 'shop/db', 5432, 'TCP', false],
      // api-ingress egress[0] and db-ingress ingress[0]; 'postgres' is 5432 on db.
      ['shop/api', 'shop/db', 'postgres', 'TCP', true],
      // monitoring has no policies; api-ingress ingress[1] admits namespaces labelled purpose=monitoring on 'metrics'.
      ['monitoring/prometheus', 'shop/api', 'metrics', 'TCP', true],
      ['monitoring/prometheus', 'shop/db', 5432, 'TCP', false],
      // allow-dns: kube-dns pods in kube-system, found through the label the API server sets on namespaces.
      ['shop/frontend', 'kube-system/coredns', 53, 'UDP', true],
      // shop is egress-isolated and no rule names an ipBlock.
      ['shop/db', '8.8.8.8', 443, 'TCP', false],
    ]);
    // The reason is the library's explanation: verdict first, named ports resolved.
    expect(json.results[0].reason).toMatch(/^ALLOWED: shop\/frontend -> shop\/api on TCP 8080 \(port 'http'\)\n/);
    expect(json.results[2].reason).toMatch(/^DENIED: shop\/frontend -> shop\/db on TCP 5432\n/);
  });

  test('a failed expectation: exit 1, ok false, the reason says why', () => {
    const { code, json } = cliJson(['check', 'shop', '--expect', 'expectations/shop-fail.json', '-o', 'json']);
    expect(code).toBe(1);
    expect(json.passed).toBe(1);
    expect(json.failed).toBe(2);
    expect(json.results[0]).toMatchObject({ from: 'shop/frontend', to: 'shop/api', port: 'http', expected: true, allowed: true, ok: true });
    expect(json.results[1]).toMatchObject({ from: 'shop/frontend', to: 'shop/db', port: 5432, protocol: 'TCP', expected: true, allowed: false, ok: false });
    // db accepts only app=api pods: the explanation names the policy, the rule and the mismatch.
    expect(json.results[1].reason).toMatch(/^DENIED: shop\/frontend -> shop\/db on TCP 5432\n/);
    expect(json.results[1].reason).toMatch(/shop\/db-ingress ingress\[0\] allows only pods app=api .*: shop\/frontend has labels app=frontend/);
    // Protocols are read in any case; api may query DNS (allow-dns covers every pod of shop), so "denied" fails.
    expect(json.results[2]).toMatchObject({ to: 'kube-system/coredns', port: 53, protocol: 'UDP', expected: false, allowed: true, ok: false });
    expect(json.results[2].reason).toContain('allowed by shop/allow-dns egress[0]');
  });

  test('text output: PASS/FAIL per expectation, the library\'s explanation under each failure, then the summary', () => {
    const result = cli(['check', 'shop', '-e', 'expectations/shop-fail.json']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(SHOP_NOTE);
    const reasons = cliJson(['check', 'shop', '-e', 'expectations/shop-fail.json', '-o', 'json']).json.results.map((r: any) => r.reason);
    const indented = (reason: string) => reason.split('\n').map((line) => `     ${line}`);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      "PASS shop/frontend -> shop/api TCP port 'http': allowed",
      'FAIL shop/frontend -> shop/db TCP 5432: expected allowed, but denied',
      ...indented(reasons[1]),
      'FAIL shop/api -> kube-system/coredns UDP 53: expected denied, but allowed',
      ...indented(reasons[2]),
      '1 passed, 2 failed',
    ]);
    expect(reasons[1]).toMatch(/^DENIED: shop\/frontend -> shop\/db on TCP 5432\n/);
  });

  test('text output when everything holds', () => {
    const result = cli(['check', 'shop', '--expect', 'expectations/shop-pass.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout.trimEnd().split('\n')).toEqual([
      "PASS shop/frontend -> shop/api TCP port 'http': allowed",
      'PASS shop/frontend -> shop/api TCP 8080: allowed',
      'PASS shop/frontend -> shop/db TCP 5432: denied',
      "PASS shop/api -> shop/db TCP port 'postgres': allowed",
      "PASS monitoring/prometheus -> shop/api TCP port 'metrics': allowed",
      'PASS monitoring/prometheus -> shop/db TCP 5432: denied',
      'PASS shop/frontend -> kube-system/coredns UDP 53: allowed',
      'PASS shop/db -> 8.8.8.8 TCP 443: denied',
      '8 passed, 0 failed',
    ]);
  });

  test('a cluster snapshot: Pods with status.podIP, IP endpoints matching pods by IP, ipBlocks matching pod IPs', () => {
    const { code, json } = cliJson(['check', 'snapshot', '--expect', 'expectations/snapshot.yaml', '-o', 'json']);
    expect(json.results.map((r: any) => [r.from, r.to, r.port, r.allowed, r.ok])).toEqual([
      // 10.1.0.5 is the checkout pod and 10.1.0.6 the ledger pod; the ledger admits the ipBlock 10.1.0.5/32.
      ['10.1.0.5', '10.1.0.6', 5432, true, true],
      // The debug pod (10.1.0.99) is outside that block.
      ['10.1.0.99', 'payments/ledger-0', 5432, false, true],
      // An address no pod has is external: 0.0.0.0/0 except 10.0.0.0/8 admits it on the named port https.
      ['198.51.100.7', 'payments/checkout-7d9f6', 'https', true, true],
      // The debug pod's IP is in the excepted 10.0.0.0/8.
      ['10.1.0.99', 'payments/checkout-7d9f6', 8443, false, true],
      // A named port of a destination given by IP.
      ['payments/checkout-7d9f6', '10.1.0.6', 'postgres', true, true],
    ]);
    expect(code).toBe(0);
    // The IP was resolved to the pod: the explanation names the pods, not the addresses.
    expect(json.results[0].reason).toMatch(/^ALLOWED: payments\/checkout-7d9f6 -> payments\/ledger-0 on TCP 5432\n/);
  });

  test('expectations may come before the paths, and --expect=FILE works', () => {
    const result = cli(['check', '--expect=expectations/snapshot.yaml', 'snapshot/pods.yaml', 'snapshot/policies.yaml']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/5 passed, 0 failed\n$/);
  });
});
