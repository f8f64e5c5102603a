import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, expectBadInput } from './helpers';
import { Connectivity } from '../../src/analysis/connectivity';

const EXPLAIN = ['--from', 'shop/frontend', '--to', 'shop/api', '--port', '8080'];
/** Every command that reads manifests, with the arguments it needs besides PATH. */
const READERS: Array<[string, string[]]> = [
  ['check', ['--expect', 'expectations/shop-pass.yaml']],
  ['validate', []],
  ['explain', EXPLAIN],
  ['matrix', []],
];

describe('bad manifests: exit 2, one line on stderr naming the file, the document and the field', () => {
  test.each(READERS)('%s: a path that does not exist', (command, extra) => {
    expect(expectBadInput(cli([command, 'shop', 'no/such/dir', ...extra]))).toMatch(/^error: no\/such\/dir: cannot read.*ENOENT$/);
  });

  test.each(READERS)('%s: a YAML syntax error', (command, extra) => {
    expect(expectBadInput(cli([command, 'invalid/yaml-syntax.yaml', ...extra])))
      .toMatch(/^error: invalid\/yaml-syntax\.yaml: document 1: YAML syntax error: .* at line 13, column 3$/);
  });

  test.each(READERS)('%s: a document that is not an object', (command, extra) => {
    expect(expectBadInput(cli([command, 'invalid/scalar-document.yaml', ...extra])))
      .toBe('error: invalid/scalar-document.yaml: document 1: a manifest must be an object with apiVersion and kind, not the string "just some text, not a manifest"');
  });

  // validate reports invalid policies on stdout (tested with validate); for the others they are bad input.
  test.each(READERS.filter(([command]) => command !== 'validate'))('%s: an invalid NetworkPolicy (the validator\'s first error)', (command, extra) => {
    expect(expectBadInput(cli([command, 'shop', 'invalid/bad-port.yaml', ...extra])))
      .toBe('error: invalid/bad-port.yaml: document 2: spec.ingress[0].ports[0].port: 70000 is invalid: it must be a whole number from 1 to 65535.');
    expect(expectBadInput(cli([command, 'shop', 'invalid/list-item.yaml', ...extra])))
      .toMatch(/^error: invalid\/list-item\.yaml: document 0: items\[1\]\.spec\.egress\[0\]\.ports\[0\]\.endPort: 8000 is invalid: /);
  });

  test.each(READERS.filter(([command]) => command !== 'validate'))('%s: another invalid manifest (a Pod the analysis cannot read)', (command, extra) => {
    expect(expectBadInput(cli([command, 'shop', 'invalid/bad-pod.yaml', ...extra])))
      .toMatch(/^error: invalid\/bad-pod\.yaml: document 0: spec\.containers\[0\]\.ports\[0\]\.containerPort: .*\b0\b/);
  });

  test.each(READERS)('%s: of two broken documents, the first in the file is the one named (documents are read in order)', (command, extra) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-'));
    try {
      const file = path.join(dir, 'two.yaml');
      // Document 0: a label value that is not a string; document 1: a YAML syntax error.
      fs.writeFileSync(file, 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n  labels:\n    team: 5\n---\nkind: Pod\nmetadata: {name: [x\n');
      expect(expectBadInput(cli([command, file, ...extra]))).toMatch(/: document 0: metadata\.labels\.team: label values must be strings, got number 5/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('validator warnings do not fail check, explain or matrix', () => {
    const paths = ['invalid/host-bits.yaml', 'invalid/host-bits-pod.yaml'];
    const check = cli(['check', ...paths, '--expect', 'expectations/host-bits.yaml']);
    // The CIDR 10.0.0.1/24 means 10.0.0.0/24: 10.0.0.7 is in it, 10.0.1.7 is not.
    expect(check).toMatchObject({ code: 0, stderr: '' });
    expect(check.stdout).toMatch(/2 passed, 0 failed\n$/);
    expect(cli(['explain', ...paths, '--from', 'shop/frontend', '--to', '10.0.0.7', '--port', '443']).code).toBe(0);
    expect(cli(['matrix', ...paths]).code).toBe(0);
  });

  describe('files that cannot be read', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-cli-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    test('a dangling link found in a folder', () => {
      fs.mkdirSync(path.join(dir, 'manifests'));
      fs.symlinkSync(path.join(dir, 'gone.yaml'), path.join(dir, 'manifests', 'policy.yaml'));
      expect(expectBadInput(cli(['validate', 'manifests'], dir))).toBe('error: manifests/policy.yaml: cannot read the file: ENOENT');
    });

    test('a folder given as the expectations file', () => {
      fs.mkdirSync(path.join(dir, 'expect'));
      fs.writeFileSync(path.join(dir, 'pods.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata: { name: a }\n');
      expect(expectBadInput(cli(['check', 'pods.yaml', '--expect', 'expect'], dir))).toBe('error: expect: cannot read the file: it is a folder');
    });

    test('an absolute path is shown as given', () => {
      const missing = path.join(dir, 'missing.yaml');
      expect(expectBadInput(cli(['matrix', missing]))).toBe(`error: ${missing}: cannot read: ENOENT`); // the loader's wording for a missing path
    });
  });
});

describe('bad expectations: exit 2, one line naming the file, the document and the field', () => {
  const check = (file: string) => expectBadInput(cli(['check', 'shop', '--expect', `expectations/${file}`, '-o', 'json']));

  test('an unknown pod (with the known ones suggested)', () => {
    expect(check('unknown-pod.yaml')).toMatch(
      /^error: expectations\/unknown-pod\.yaml: document 0: \[1\]\.to: unknown endpoint 'shop\/cart': .*known: shop\/api, shop\/db, shop\/frontend/);
  });
  test('a missing allowed', () => {
    expect(check('missing-allowed.yaml')).toBe(
      'error: expectations/missing-allowed.yaml: document 0: [1].allowed: is required: true when the connection must be allowed, false when it must be denied');
  });
  test('a port out of range', () => {
    expect(check('bad-port.yaml')).toBe('error: expectations/bad-port.yaml: document 0: [0].port: 70000 is not a port number: it must be a whole number from 1 to 65535');
  });
  test('a protocol NetworkPolicy does not define', () => {
    expect(check('bad-protocol.yaml')).toBe('error: expectations/bad-protocol.yaml: document 0: [0].protocol: must be TCP, UDP or SCTP, not string "ICMP"');
  });
  test('a named port the destination does not declare', () => {
    expect(check('unknown-named-port.yaml')).toMatch(
      /^error: expectations\/unknown-named-port\.yaml: document 0: \[0\]\.port: shop\/db declares no TCP container port named 'http'.*postgres \(TCP 5432\)/);
  });
  test('a named port on an external address', () => {
    expect(check('external-named-port.yaml')).toMatch(/^error: expectations\/external-named-port\.yaml: document 0: \[0\]\.port: the named port 'https' cannot be resolved on 8\.8\.8\.8/);
  });
  test('a misspelt field, which would otherwise change the question silently', () => {
    expect(check('misspelt-field.yaml')).toBe(
      'error: expectations/misspelt-field.yaml: document 0: [0].protocl: unknown field: an expectation has only from, to, port, protocol, allowed');
  });
  test('not a list', () => {
    expect(check('not-a-list.yaml')).toBe(
      'error: expectations/not-a-list.yaml: document 0: the expectations must be a list of {from, to, port, protocol, allowed}, not an object');
  });
  test('no expectations at all (a check of nothing would pass)', () => {
    expect(check('empty.yaml')).toBe('error: expectations/empty.yaml: holds no expectations: write a list of {from, to, port, protocol, allowed}');
  });
  test('a JSON syntax error', () => {
    expect(check('broken.json')).toMatch(/^error: expectations\/broken\.json: document 0: JSON syntax error: /);
  });
  test('an expectations file that does not exist', () => {
    expect(check('nope.yaml')).toBe('error: expectations/nope.yaml: cannot read the file: ENOENT');
  });
});

describe('bad explain questions', () => {
  test('an unknown endpoint names the flag', () => {
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/cart', '--port', '80'])))
      .toMatch(/^error: --to: unknown endpoint 'shop\/cart': /);
  });
  test('a misspelt endpoint gets the closest known names, on the one error line (exit 2), for explain and check alike', () => {
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontnd', '--to', 'shop/api', '--port', '80'])))
      .toBe("error: --from: unknown endpoint 'shop/frontnd': no pod or workload of that name (did you mean shop/frontend?); known: shop/api, shop/db, shop/frontend (and 2 more)");
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/ap', '--port', '80'])))
      .toMatch(/^error: --to: unknown endpoint 'shop\/ap': no pod, workload or Service of that name \(did you mean shop\/api\?\); known: /);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk8s-netpol-expect-'));
    try {
      fs.writeFileSync(path.join(dir, 'typo.yaml'), '- { from: shop/Frontend, to: shop/db, port: 5432, allowed: false }\n');
      expect(expectBadInput(cli(['check', 'shop', '--expect', path.join(dir, 'typo.yaml')])))
        .toMatch(/\[0\]\.from: unknown endpoint 'shop\/Frontend': no pod or workload of that name \(did you mean shop\/frontend\?\)/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
    // Nothing close: no guess, only the known names.
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/cart', '--port', '80']))).not.toContain('did you mean');
  });
  test('a port that is neither a number nor a port name', () => {
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/api', '--port', 'HTTP'])))
      .toMatch(/^error: --port: port "HTTP" is neither a number nor a valid port name: /);
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/api', '--port', '65536'])))
      .toBe('error: --port: port 65536 must be a whole number from 1 to 65535');
  });
  test('a named port the destination does not declare (for this protocol)', () => {
    expect(expectBadInput(cli(['explain', 'shop', '--from', 'shop/frontend', '--to', 'shop/api', '--port', 'http', '--protocol', 'UDP'])))
      .toMatch(/^error: --port: shop\/api declares no UDP container port named 'http'/);
  });
});

describe('unexpected failures', () => {
  afterEach(() => jest.restoreAllMocks());

  test('an internal error is one line too, never a stack trace, and nothing is written to stdout', () => {
    jest.spyOn(Connectivity.prototype, '_explain').mockImplementation(() => {
      throw new Error('boom\n    at somewhere (file.ts:1:1)');
    });
    expect(expectBadInput(cli(['check', 'shop', '--expect', 'expectations/shop-pass.yaml']))).toBe('error: internal error: boom');
  });

  test('a failure after some expectations were judged leaves stdout empty: output is written once, complete', () => {
    let calls = 0;
    const original = Connectivity.prototype._explain;
    jest.spyOn(Connectivity.prototype, '_explain').mockImplementation(function (this: Connectivity, query) {
      if (++calls === 3) throw new Error('third one fails');
      return original.call(this, query);
    });
    const result = cli(['check', 'shop', '--expect', 'expectations/shop-pass.yaml']);
    expect(calls).toBe(3);
    expectBadInput(result);
    expect(result.writes.stdout).toBe(0);
  });
});
