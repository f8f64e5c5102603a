import { cli, cliJson, expectBadInput, SHOP_NOTE } from './helpers';

describe('cdk8s-netpol validate', () => {
  test('valid policies, found recursively in a folder: exit 0, a summary naming what was read', () => {
    const result = cli(['validate', 'shop']);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(SHOP_NOTE);
    // 5 policies in 2 files; 6 manifest files in all (the .yml in a nested folder and the .json included, README.txt not).
    expect(result.stdout).toBe('valid: 0 errors, 0 warnings in 5 NetworkPolicies in 6 files\n');
  });

  test('JSON for valid input', () => {
    const { code, json } = cliJson(['validate', 'shop', '--output', 'json']);
    expect(code).toBe(0);
    expect(json).toEqual({ valid: true, errors: [], warnings: [] });
  });

  test('every error of every policy is reported, each with file, document, kind, namespace, name, field and message', () => {
    const { code, json, stderr } = cliJson(['validate', 'invalid/several-errors.yaml', '-o', 'json']);
    expect(code).toBe(2);
    expect(json.valid).toBe(false);
    expect(json.warnings).toEqual([]);
    expect(json.errors.map((e: any) => e.field)).toEqual([
      'metadata.name',
      'spec.policyTypes[1]',
      'spec.ingress[0].from[0].ipBlock.except[0]',
      'spec.ingress[0].ports[0].protocol',
    ]);
    for (const error of json.errors) {
      expect(Object.keys(error).sort()).toEqual(['document', 'field', 'file', 'kind', 'message', 'name', 'namespace']);
      expect(error).toMatchObject({ file: 'invalid/several-errors.yaml', document: 0, kind: 'NetworkPolicy', namespace: 'shop', name: 'Bad_Name' });
      // The validator's message starts with the field path it is about.
      expect(error.message.startsWith(error.field)).toBe(true);
    }
    // The Calico NetworkPolicy (projectcalico.org/v3) in document 1 is another kind: not validated.
    expect(json.errors.some((e: any) => e.document === 1)).toBe(false);
    // Exit 2 always comes with one line on stderr naming the first problem.
    expect(stderr).toBe(`error: invalid/several-errors.yaml: document 0: metadata.name: ${json.errors[0].message.slice('metadata.name '.length)} (and 3 more errors)\n`);
  });

  test('the document index counts every YAML document of the file, and the field path is the full Kubernetes path', () => {
    const { code, json } = cliJson(['validate', 'invalid/bad-port.yaml', '--output=json']);
    expect(code).toBe(2);
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0]).toMatchObject({
      file: 'invalid/bad-port.yaml',
      document: 2,
      namespace: 'shop',
      name: 'web-ingress',
      field: 'spec.ingress[0].ports[0].port',
    });
    expect(json.errors[0].message).toMatch(/70000/);
  });

  test('a policy inside a List is reported with its items[i] path', () => {
    const { json } = cliJson(['validate', 'invalid/list-item.yaml', '-o', 'json']);
    expect(json.errors).toEqual([expect.objectContaining({
      document: 0,
      name: 'port-range',
      field: 'items[1].spec.egress[0].ports[0].endPort',
    })]);
  });

  test('a CIDR with host bits set is a warning (exit 0), and an error with --strict (exit 2)', () => {
    const lenient = cliJson(['validate', 'invalid/host-bits.yaml', '-o', 'json']);
    expect(lenient.code).toBe(0);
    expect(lenient.json.valid).toBe(true);
    expect(lenient.json.errors).toEqual([]);
    expect(lenient.json.warnings).toEqual([expect.objectContaining({
      file: 'invalid/host-bits.yaml', document: 0, name: 'egress-to-office', field: 'spec.egress[0].to[0].ipBlock.cidr',
    })]);
    expect(lenient.stderr).toBe('');

    const strict = cliJson(['validate', 'invalid/host-bits.yaml', '-o', 'json', '--strict']);
    expect(strict.code).toBe(2);
    expect(strict.json.valid).toBe(false);
    expect(strict.json.warnings).toEqual([]);
    expect(strict.json.errors).toEqual([expect.objectContaining({ field: 'spec.egress[0].to[0].ipBlock.cidr' })]);
  });

  test('text output: one line per issue with its severity, location and policy, then a summary', () => {
    const result = cli(['validate', 'invalid/host-bits.yaml', 'invalid/list-item.yaml']);
    expect(result.code).toBe(2);
    expect(result.stdout).toMatchSnapshot();
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^warning: invalid\/host-bits\.yaml: document 0: NetworkPolicy shop\/egress-to-office: spec\.egress\[0\]\.to\[0\]\.ipBlock\.cidr: /);
    expect(lines[1]).toMatch(/^error: invalid\/list-item\.yaml: document 0: NetworkPolicy shop\/port-range: items\[1\]\.spec\.egress\[0\]\.ports\[0\]\.endPort: /);
    expect(lines[2]).toBe('invalid: 1 error, 1 warning in 3 NetworkPolicies in 2 files');
  });

  test('every object is read the one way: a Pod the API server would reject is bad input for validate too', () => {
    expect(expectBadInput(cli(['validate', 'shop', 'invalid/bad-pod.yaml'])))
      .toMatch(/^error: invalid\/bad-pod\.yaml: document 0: spec\.containers\[0\]\.ports\[0\]\.containerPort: /);
  });

  test('nothing to validate is bad input, never a pass: no NetworkPolicy, or no manifest at all', () => {
    expect(expectBadInput(cli(['validate', 'shop/namespaces.yaml'])))
      .toBe('error: no NetworkPolicy in shop/namespaces.yaml: nothing to validate (read 1 file and 2 objects)');
    expect(expectBadInput(cli(['validate', 'shop/README.txt'])))
      .toBe('error: no NetworkPolicy in shop/README.txt: nothing to validate (read 1 file and 1 object; skipped 1 (no kind) (not used for connectivity analysis))');
  });
});
