/**
 * YAML as kubectl reads it: go-yaml v2's scalar rules (YAML 1.1), the differences from YAML 1.2 reported
 * where they are, and every input bounded.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';
import { ManifestLoadError } from '../../src/ingest/errors';
import { MAX_ALIAS_NODES, MAX_DEPTH, readYaml, resolveCore, resolvePlain } from '../../src/ingest/yaml';

function values(text: string): unknown[] {
  return readYaml(text, 'x.yaml').map((d) => d.value);
}

function errorOf(text: string): ManifestLoadError {
  try {
    readYaml(text, 'x.yaml');
  } catch (e) {
    if (e instanceof ManifestLoadError) return e;
    throw e;
  }
  throw new Error('no error');
}

describe('plain scalars, as go-yaml v2 resolves them', () => {
  test.each<[string, unknown]>([
    // Integers: Go's ParseInt with base 0, after removing underscores.
    ['0443', 291],
    ['0x1bb', 443],
    ['0X1BB', 443],
    ['0o17', 15],
    ['0b101', 5],
    ['-0b101', -5],
    ['+0x1F', 31],
    ['1_000', 1000],
    ['0', 0],
    ['-0', 0],
    ['00', 0],
    ['8080', 8080],
    ['+8080', 8080],
    ['9223372036854775807', 9223372036854775807],
    ['18446744073709551615', 18446744073709551615],
    // Not an octal: go-yaml falls through to its float syntax, which reads decimal digits.
    ['08', 8],
    ['0448', 448],
    // Floats.
    ['1e3', 1000],
    ['1.5', 1.5],
    ['1.', 1],
    ['.5', 0.5],
    ['1_000.5', 1000.5],
    ['.inf', Infinity],
    ['-.Inf', -Infinity],
    ['+.INF', Infinity],
    // Out of range for a float64: go-yaml keeps the text.
    ['1e400', '1e400'],
    // Out of range for a uint64, in hexadecimal: not a float either.
    ['0x1FFFFFFFFFFFFFFFF', '0x1FFFFFFFFFFFFFFFF'],
    // Booleans and nulls of YAML 1.1.
    ['yes', true], ['Yes', true], ['YES', true], ['y', true], ['Y', true], ['on', true], ['On', true], ['ON', true],
    ['true', true], ['True', true], ['TRUE', true],
    ['no', false], ['n', false], ['N', false], ['off', false], ['Off', false], ['OFF', false], ['false', false],
    ['~', null], ['null', null], ['Null', null], ['NULL', null], ['', null],
    // Strings: mixed case, sexagesimal (go-yaml never read it), timestamps (kept as written), the rest.
    ['yEs', 'yEs'], ['nULL', 'nULL'], ['1:30', '1:30'], ['2024-01-01', '2024-01-01'], ['2024-01-01T10:00:00Z', '2024-01-01T10:00:00Z'],
    ['0x', '0x'], ['_1', '_1'], ['-', '-'], ['.', '.'], ['.e5', '.e5'], ['1e', '1e'], ['Infinity', 'Infinity'], ['0x1p-2', '0x1p-2'],
    ['web', 'web'], ['tcp', 'tcp'],
  ])('%j is %p', (text, expected) => {
    expect(resolvePlain(text)).toEqual(expected);
  });

  test.each<[string, unknown]>([
    ['0443', 443], ['0x1bb', 443], ['1_000', '1_000'], ['yes', 'yes'], ['on', 'on'], ['0b101', '0b101'], ['+0x1F', '+0x1F'],
    ['0o17', 15], ['08', 8], ['true', true], ['~', null], ['1e400', Infinity],
  ])('YAML 1.2 (core schema) reads %j as %p', (text, expected) => {
    expect(resolveCore(text)).toEqual(expected);
  });
});

describe('documents', () => {
  test('documents are split at their markers and numbered as written; empty ones count', () => {
    const docs = readYaml('# head\n---\na: 1\n---\n---\nb: 2\n...\n%YAML 1.2\n---\nc: 3\n', 'x.yaml');
    expect(docs.map((d) => [d.documentIndex, d.value])).toEqual([[0, { a: 1 }], [1, null], [2, { b: 2 }], [3, { c: 3 }]]);
  });

  test('a document without a marker, and a marker line inside a block scalar ends it', () => {
    expect(values('a: |\n  text\n---\nb: 2')).toEqual([{ a: 'text\n' }, { b: 2 }]);
  });

  test('a byte order mark and Windows line ends are read', () => {
    expect(values('\ufeffa: 1\r\n---\r\nb: yes\r\n')).toEqual([{ a: 1 }, { b: true }]);
  });

  test('quoted and block scalars are strings; explicit tags are obeyed', () => {
    expect(values("a: '0443'\nb: \"yes\"\nc: !!str 0443\nd: !!int \"0443\"\ne: !!float 1\nf: !custom 12\ng: |\n  on\n")).toEqual([
      { a: '0443', b: 'yes', c: '0443', d: 291, e: 1, f: '12', g: 'on\n' },
    ]);
    expect(errorOf('a: !!int web').message).toBe('x.yaml, document 0: YAML error: !!int "web" is not an integer at line 1, column 4');
  });

  test('keys become strings as sigs.k8s.io/yaml makes them; any key is a key', () => {
    const [doc] = values('on: 1\n8080: 2\n__proto__: 3\nconstructor: 4\ntoString: 5\nhasOwnProperty: 6\n') as Array<Record<string, unknown>>;
    expect(Object.keys(doc).sort()).toEqual(['8080', '__proto__', 'constructor', 'hasOwnProperty', 'toString', 'true']);
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype);
    expect(doc.__proto__).toBe(3);
    expect(JSON.parse(JSON.stringify(doc))).toEqual(JSON.parse('{"true":1,"8080":2,"__proto__":3,"constructor":4,"toString":5,"hasOwnProperty":6}'));
  });

  test('merges as go-yaml v2 does them', () => {
    const text = [
      'base: &base {a: 1, b: 1}',
      'other: &other {b: 2, c: 2}',
      'one: {<<: *base, b: 9}',
      'list: {<<: [*base, *other]}',
      'quoted: {"<<": 1}',
    ].join('\n');
    expect(values(text)[0]).toEqual({
      base: { a: 1, b: 1 },
      other: { b: 2, c: 2 },
      one: { a: 1, b: 9 },
      list: { a: 1, b: 1, c: 2 },
      quoted: { '<<': 1 },
    });
    expect(errorOf('a: {<<: 1}').detail).toMatch(/^YAML error: a merge \(<<\) needs a mapping or a list of mappings at line 1, column 5$/);
  });
});

describe('where YAML 1.1 and 1.2 differ, the document says so', () => {
  test('values and keys, with their paths and positions', () => {
    const [doc] = readYaml('spec:\n  ports:\n  - port: 0443\n  - port: 80\n  labels: {on: "x", a: yes}\nok: 08\n', 'x.yaml');
    expect(doc.readings).toEqual([
      { path: 'spec.ports[0].port', line: 3, column: 11, text: '0443', kubectl: 291, yaml12: 443, isKey: false },
      { path: 'spec.labels.on', line: 5, column: 12, text: 'on', kubectl: true, yaml12: 'on', isKey: true },
      { path: 'spec.labels.a', line: 5, column: 24, text: 'yes', kubectl: true, yaml12: 'yes', isKey: false },
    ]);
  });

  test('readings are per document, with lines counted in the whole file', () => {
    const docs = readYaml('a: 1\n---\nb: off\n', 'x.yaml');
    expect(docs[0].readings).toEqual([]);
    expect(docs[1].readings).toEqual([{ path: 'b', line: 3, column: 4, text: 'off', kubectl: false, yaml12: 'off', isKey: false }]);
  });

  test('on every committed fixture and example, kubectl and the reference YAML 1.2 parser read the same, but where a reading says not', () => {
    // Committed files only: examples/dist is written by `projen example`, which CI runs after the tests.
    const root = path.join(__dirname, '..', '..');
    const files: string[] = [];
    const pending = [path.join(root, 'test', 'fixtures'), path.join(root, 'examples')];
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') pending.push(full);
        else if (/\.ya?ml$/.test(entry.name)) files.push(full);
      }
    }
    expect(files.length).toBeGreaterThan(50);
    let compared = 0;
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      const reference = parseAllDocuments(text);
      if (reference.some((d) => d.errors.length > 0)) continue;
      let ours;
      try {
        ours = readYaml(text, file);
      } catch {
        continue;
      }
      ours.forEach((doc, i) => {
        if (doc.readings.length > 0) return;
        expect([file, i, doc.value]).toEqual([file, i, reference[i].toJS()]);
        compared++;
      });
    }
    expect(compared).toBeGreaterThan(100);
  });
});

describe('bounded', () => {
  test('a duplicate key is an error at the second one', () => {
    expect(errorOf('a: 1\nb: 2\na: 3\n').message)
      .toBe('x.yaml, document 0: YAML error: the key "a" appears twice in one mapping (kubectl refuses duplicate fields): keep one at line 3, column 1');
  });

  test('nesting deeper than the limit is an error, at any depth', () => {
    const deep = `${'['.repeat(MAX_DEPTH + 1)}${']'.repeat(MAX_DEPTH + 1)}`;
    expect(errorOf(deep).detail).toMatch(/^YAML syntax error: nesting exceeded maxDepth \(100\) at line 1, column \d+$/);
    expect(() => errorOf(`${'['.repeat(200000)}`)).not.toThrow();
    expect(values(`${'['.repeat(MAX_DEPTH - 10)}1${']'.repeat(MAX_DEPTH - 10)}`)).toHaveLength(1);
  });

  test('an alias bomb is an error, while aliases within bounds are read', () => {
    const lines = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(10).fill(`*${String.fromCharCode(96 + i)}`).join(', ')}]`);
    expect(errorOf(lines.join('\n')).detail).toMatch(new RegExp(`^YAML error: aliases expand to more than ${MAX_ALIAS_NODES} nodes`));
    expect(values(lines.slice(0, 3).join('\n'))).toHaveLength(1);
  });

  test('a scalar larger than the API server accepts is an error, read no further', () => {
    expect(errorOf(`a: ${'x'.repeat(3 * 1024 * 1024 + 1)}\n`).detail)
      .toBe('YAML error: a value of 3145729 characters: larger than any object the API server accepts (3 MiB) at line 1, column 4');
  });

  test('infinity and NaN values, and null keys, cannot be sent to the API server', () => {
    expect(errorOf('port: .inf').detail).toBe('YAML error: .inf cannot be sent to the API server (JSON has no infinity or NaN) at line 1, column 7');
    expect(errorOf('~: 1').detail).toBe('YAML error: a mapping key must not be null (kubectl refuses it): quote it at line 1, column 1');
  });

  test('a map of 100,000 keys is read in linear time', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => `k${i}: ${i}`).join('\n');
    const [doc] = values(text) as Array<Record<string, number>>;
    expect(Object.keys(doc)).toHaveLength(100_000);
    expect(doc.k99999).toBe(99999);
  });

  test('syntax errors name the document and the position in the file', () => {
    const error = errorOf('a: 1\n---\nb: 2\n---\nc:\n  - d\n e: 1\n');
    expect(error.documentIndex).toBe(2);
    expect(error.detail).toMatch(/^YAML syntax error: .* at line 7, column \d+$/);
  });
});
