/**
 * Hostile or careless input, one test per class: every command that reads manifests ends with exit 2,
 * one line on stderr, nothing on stdout, no stack trace, no hang, bounded memory; or, where the input
 * is fine but surprising, reads it as kubectl does and says so.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli, cliJson, expectBadInput } from './helpers';

/** Every command that reads manifests, with the arguments it needs besides PATH. */
const READERS: Array<[string, string[]]> = [
  ['validate', []],
  ['lint', []],
  ['matrix', ['-o', 'json']],
  ['diagram', []],
  ['explain', ['--from', 'shop/web', '--to', 'shop/api', '--port', '80']],
];

const POLICY = [
  'apiVersion: networking.k8s.io/v1',
  'kind: NetworkPolicy',
  'metadata: {name: deny, namespace: shop}',
  'spec: {podSelector: {}, policyTypes: [Ingress]}',
].join('\n');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-hostile-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string | Buffer): string {
  const file = path.join(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return name;
}

describe('paths that are not manifest files', () => {
  test.each(READERS)('%s: /dev/zero and /dev/urandom are refused before a byte is read', (command, extra) => {
    for (const device of ['/dev/zero', '/dev/urandom']) {
      expect(expectBadInput(cli([command, device, ...extra], dir)))
        .toBe(`error: ${device}: is not a regular file or a folder (a character device): only files, folders and - are read`);
    }
  });

  test.each(READERS)('%s: an empty path is an error, not the working directory', (command, extra) => {
    expect(expectBadInput(cli([command, '', ...extra], dir)))
      .toBe('error: an empty path names no file: give a file, a folder, or - for standard input');
  });

  test('a fifo in a folder is noted, not opened (which would wait for a writer forever); named, it is an error', () => {
    write('fifo/policy.yaml', POLICY);
    execFileSync('mkfifo', [path.join(dir, 'fifo', 'pipe.yaml')]);
    const result = cli(['validate', 'fifo'], dir);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('note: skipped 1 folder entry that is not a regular file (fifo/pipe.yaml) (not used for connectivity analysis)\n');
    expect(expectBadInput(cli(['validate', 'fifo/pipe.yaml'], dir))).toBe(
      'error: fifo/pipe.yaml: is not a regular file or a folder (a fifo): only files, folders and - are read');
  });

  test('a file over the size limit is refused before it is read; the limit is an option', () => {
    write('big/policy.yaml', `${POLICY}\n# ${'x'.repeat(4096)}\n`);
    expect(expectBadInput(cli(['validate', 'big', '--max-file-size', '2K'], dir))).toMatch(
      /^error: big\/policy\.yaml: is larger than the limit of 2048 bytes \(it has \d+\): split it, or raise the limit with --max-file-size$/);
    expect(cli(['validate', 'big', '--max-file-size', '1M'], dir).code).toBe(0);
    expect(expectBadInput(cli(['validate', 'big', '--max-file-size', 'lots'], dir))).toBe(
      'error: --max-file-size "lots" is not a size: give bytes, or a number with K, M or G (e.g. 64M) (usage: cdk8s-netpol validate --help)');
  });
});

describe('texts no Kubernetes object could be', () => {
  test.each(READERS)('%s: binary bytes are a syntax error, printed escaped', (command, extra) => {
    write('binary.yaml', Buffer.from([0x1b, 0x5b, 0x32, 0x4a, 0x00, 0xff, 0xfe, 0x07]));
    const error = expectBadInput(cli([command, 'binary.yaml', ...extra], dir));
    expect(error).toMatch(/^error: binary\.yaml: document 0: YAML syntax error: /);
    expect(error).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
  });

  test('a file name with control characters is printed escaped', () => {
    const name = write('bad\u001b[2Jname.yaml', 'kind: [');
    const error = expectBadInput(cli(['validate', name], dir));
    expect(error).toMatch(/^error: bad\\u001b\[2Jname\.yaml: document 0: YAML syntax error: /);
  });

  test.each(READERS)('%s: a value larger than any object the API server accepts is refused (a 150 MB label is read no further)', (command, extra) => {
    write('huge-value.yaml', `${POLICY.replace('name: deny,', `name: deny, labels: {big: ${'v'.repeat(4 * 1024 * 1024)}},`)}\n`);
    expect(expectBadInput(cli([command, 'huge-value.yaml', ...extra], dir))).toMatch(
      /^error: huge-value\.yaml: document 0: YAML error: a value of 4194304 characters: larger than any object the API server accepts \(3 MiB\) at line 3, column \d+$/);
  });

  test.each(READERS)('%s: Lists nested 3,000 deep are refused without exhausting the stack', (command, extra) => {
    const depth = 3000;
    write('deep.yaml', `${'{kind: List, items: ['.repeat(depth)}${']}'.repeat(depth)}\n`);
    expect(expectBadInput(cli([command, 'deep.yaml', ...extra], dir)))
      .toMatch(/^error: deep\.yaml: document 0: YAML syntax error: nesting exceeded maxDepth \(100\) at line 1, column \d+$/);
    write('deep.json', `${'{"kind": "List", "items": ['.repeat(depth)}${']}'.repeat(depth)}\n`);
    expect(expectBadInput(cli([command, 'deep.json', ...extra], dir)))
      .toBe('error: deep.json: document 0: JSON error: nested more than 100 deep (no Kubernetes object is)');
  });

  test.each(READERS)('%s: an alias bomb is refused', (command, extra) => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    write('bomb.yaml', `${POLICY}\n---\n${lines.join('\n')}\n`);
    expect(expectBadInput(cli([command, 'bomb.yaml', ...extra], dir)))
      .toMatch(/^error: bomb\.yaml: document 1: YAML error: aliases expand to more than 1000000 nodes/);
  });

  test('a map of 100,000 keys is read in linear time, and its labels judged', () => {
    const labels = Array.from({ length: 100_000 }, (_, i) => `    k${i}: v`).join('\n');
    write('wide.yaml', `${POLICY.replace('metadata: {name: deny, namespace: shop}', 'metadata:\n  name: deny\n  namespace: shop\n  labels:\n' + labels)}\n`);
    const started = process.hrtime.bigint();
    const { code, json } = cliJson(['validate', 'wide.yaml', '-o', 'json'], dir);
    // Generous: the quadratic reading took minutes; this takes well under a second.
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(20);
    expect(code).toBe(0);
    expect(json.valid).toBe(true);
  });

  test('100,000 policies in one file are read within a 1 GiB heap', () => {
    const policy = (i: number) => [
      'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', `metadata: {name: p${i}, namespace: ns${i % 100}}`,
      `spec: {podSelector: {matchLabels: {app: a${i}}}, ingress: [{from: [{podSelector: {matchLabels: {app: b${i}}}}], ports: [{port: 8080}]}]}`,
    ].join('\n');
    const file = path.join(dir, 'many.yaml');
    fs.writeFileSync(file, Array.from({ length: 100_000 }, (_, i) => policy(i)).join('\n---\n'));
    const root = path.join(__dirname, '..', '..');
    const result = spawnSync(process.execPath,
      ['--max-old-space-size=1024', '-r', 'ts-node/register/transpile-only', path.join('src', 'cli', 'main.ts'), 'validate', file, '-o', 'json'],
      { cwd: root, encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ valid: true, errors: [] });
  }, 150_000);
});

describe('scalars as kubectl reads them', () => {
  test('port: 0443 is the octal 291 to kubectl: judged as 291, and validate says why', () => {
    write('octal/policy.yaml', [
      'apiVersion: networking.k8s.io/v1', 'kind: NetworkPolicy', 'metadata: {name: web, namespace: shop}',
      'spec:', '  podSelector: {matchLabels: {app: web}}', '  ingress:', '  - ports:', '    - port: 0443',
    ].join('\n'));
    write('octal/pods.yaml', [
      'apiVersion: v1', 'kind: Pod', 'metadata: {name: web, namespace: shop, labels: {app: web}}', 'spec: {containers: [{name: c, image: i}]}',
      '---', 'apiVersion: v1', 'kind: Pod', 'metadata: {name: client, namespace: shop}', 'spec: {containers: [{name: c, image: i}]}',
    ].join('\n'));
    const { json } = cliJson(['validate', 'octal', '-o', 'json'], dir);
    expect(json.warnings).toEqual([expect.objectContaining({
      field: 'spec.ingress[0].ports[0].port',
      message: expect.stringContaining('0443 is read by kubectl (YAML 1.1) as 291, by YAML 1.2 tools as 443: write 291, or "0443" if a string is meant'),
    })]);
    const explain = (port: string) => cliJson(['explain', 'octal', '--from', 'shop/client', '--to', 'shop/web', '--port', port, '-o', 'json'], dir).json;
    expect(explain('291').allowed).toBe(true);
    expect(explain('443').allowed).toBe(false);
    // The commands that judge connectivity print no validation report: the reading is said on stderr, once.
    const warning = 'warning: octal/policy.yaml: document 0: spec.ingress[0].ports[0].port: 0443 is read by kubectl (YAML 1.1) as 291';
    for (const args of [['explain', 'octal', '--from', 'shop/client', '--to', 'shop/web', '--port', '291'], ['matrix', 'octal'], ['diagram', 'octal']]) {
      const { stderr } = cli(args, dir);
      expect(stderr.split('\n').filter((line) => line.startsWith(warning))).toHaveLength(1);
    }
  });

  test('a label value yes is the boolean true to kubectl: an error, as for the API server, and validate says why', () => {
    write('bools.yaml', `${POLICY.replace('name: deny,', 'name: deny, labels: {enabled: yes},')}\n`);
    const { json } = cliJson(['validate', 'bools.yaml', '-o', 'json'], dir);
    expect(json.valid).toBe(false);
    expect(json.errors[0].message).toMatch(/^metadata\.labels\[enabled\] must be a string label value, not a boolean true/);
    expect(json.warnings[0].message).toMatch(/^yes is read by kubectl \(YAML 1\.1\) as true, by YAML 1\.2 tools as "yes"/);
  });
});
