/**
 * The YAML reader's fast path (`yaml-block.ts`) against its full path (js-yaml's events and our
 * builder): on every committed YAML file, on seeded random documents in every style the fast path
 * reads, and on those documents broken at random, both paths give the same documents, values,
 * readings and errors. The fast path may give a document back; it may never read one differently, or
 * accept one the full path refuses.
 */
import * as fs from 'fs';
import * as path from 'path';
import { readYaml } from '../../src/ingest/yaml';
import { readBlockDocument } from '../../src/ingest/yaml-block';
import { prng } from '../analysis/helpers';

type Outcome = { documents: unknown } | { error: string };

function outcome(text: string, blockPath: boolean): Outcome {
  try {
    return { documents: readYaml(text, 'x.yaml', blockPath) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** Both paths agree on `text`; whether the fast path read its first document itself. */
function agree(text: string): boolean {
  const full = outcome(text, false);
  const fast = outcome(text, true);
  if (JSON.stringify(Object.keys(full)) !== JSON.stringify(Object.keys(fast)) || !equalOutcomes(full, fast)) {
    // Shown whole on failure: the text and both outcomes.
    expect({ text, fast }).toEqual({ text, fast: full });
  }
  return readBlockDocument(text, 0) !== undefined;
}

function equalOutcomes(a: Outcome, b: Outcome): boolean {
  try {
    expect(b).toEqual(a);
    return true;
  } catch {
    return false;
  }
}

const PLAIN = [
  'web', 'shop', 'TCP', 'tcp', '8080', '0443', '0x1bb', '1_000', '0', '-0', '00', '08', '0b101', '0o17', '-1', '+5', '1.', '.5', '1e3',
  '1e400', '.inf', '-.Inf', '.nan', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'true', 'True', 'FALSE', '~', 'null', 'Null', '2024-01-01',
  'a:b', 'http://x/y', 'a #b', 'a# b', 'a b  c', 'é', 'x,y', 'x]', 'a: b', 'a:', '#c', '- a', '-', '-x', ':x', '?x', '? x', '<<', '*x',
  '&x', '!x', '!!str 8', '|', '>', '%x', '@x', '`x', '[x]', '{x}', '{}', '[]', '{ }', ',x', '"', "'", 'a"b', "a'b", 'a\\b', '---', '...',
];
const DOUBLE = ['', 'a', 'a b', '8080', 'yes', '\\n', '\\t', '\\"', '\\\\', '\\u00e9', '\\x41', '\\0', '\\ ', '\\/', 'a\\', "it's", '#x', 'a: b'];
const SINGLE = ['', 'a', "it''s", '8080', 'on', '\\n', '"q"', '#x', 'a: b', "''"];
const KEYS = [
  'a', 'name', 'ports', 'on', 'yes', 'n', '8080', '0443', '1_0', 'a b', 'a:b', '~', 'null', '.inf', 'x#y', '-k', '?k', '<<', 'constructor',
  '__proto__', 'toString', 'é', 'a.b', 'k8s-app', 'app.kubernetes.io/name',
];

/** A random value, as text lines, in the block style at `indent`, with the styles chosen at random. */
export function generator(seed: number) {
  const random = prng(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const chance = (p: number) => random() < p;
  const anchors: string[] = [];

  function scalar(): string {
    const roll = random();
    if (roll < 0.6) return pick(PLAIN);
    if (roll < 0.85) return `"${pick(DOUBLE)}"`;
    return `'${pick(SINGLE)}'`;
  }
  function key(): string {
    const roll = random();
    if (roll < 0.85) return pick(KEYS);
    if (roll < 0.95) return `"${pick(['a', 'on', '8080', 'a: b', '\\n'])}"`;
    return `'${pick(['a', 'yes', "it''s"])}'`;
  }
  function gap(): string {
    return chance(0.3) ? ' '.repeat(1 + Math.floor(random() * 2)) : ' ';
  }
  function comment(): string {
    return chance(0.1) ? ` # ${pick(['c', 'a: b', '- x', ''])}` : '';
  }
  function trailing(): string {
    return chance(0.05) ? '  ' : '';
  }
  /** A block scalar (`|`, `|-`, and the headers the fast path gives back), its lines deeper than `indent`. */
  function literal(prefix: string, indent: number, out: string[]): void {
    const header = pick(['|', '|', '|', '|-', '|-', '|+', '|2', '>', '>-', '| # c', '|-  ']);
    out.push(`${' '.repeat(indent)}${prefix} ${header}`);
    const depth = indent + pick([1, 2, 2, 4]);
    const count = chance(0.1) ? 0 : 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      const roll = random();
      if (roll < 0.15) out.push('');
      else if (roll < 0.18) out.push(' '.repeat(Math.floor(random() * (depth + 3))));
      else if (roll < 0.3) out.push(`${' '.repeat(depth + 1 + Math.floor(random() * 3))}${scalar()}`);
      else out.push(`${' '.repeat(depth)}${pick(['{"kind":"Pod","a":[1]}', 'x', '# not a comment', 'a: b', '- x', "'q'", 'a  ', '---', '|', 'é'])}`);
    }
    if (chance(0.2)) out.push('');
  }
  /** Lines of a node that is the value of `prefix` (`key:` or `-`), at `indent`. */
  function node(prefix: string, indent: number, depth: number, out: string[]): void {
    const pad = ' '.repeat(indent);
    const roll = random();
    if (depth > 4 || roll < 0.45) {
      out.push(`${pad}${prefix}${gap()}${scalar()}${comment()}${trailing()}`);
      return;
    }
    if (roll < 0.5) {
      out.push(`${pad}${prefix}${chance(0.5) ? '' : ' '}${comment()}`);
      return;
    }
    if (roll < 0.55) {
      out.push(`${pad}${prefix} ${pick(['{}', '[]'])}${comment()}`);
      return;
    }
    if (roll < 0.57) {
      literal(prefix, indent, out);
      return;
    }
    if (roll < 0.62 && anchors.length > 0) {
      out.push(`${pad}${prefix} *${pick(anchors)}${comment()}`);
      return;
    }
    let anchor = '';
    if (chance(0.15)) {
      const name = `a${anchors.length}`;
      anchor = ` &${name}`;
      anchors.push(name);
    }
    out.push(`${pad}${prefix}${anchor}${comment()}`);
    if (chance(0.1)) out.push(chance(0.5) ? '' : `${' '.repeat(Math.floor(random() * 6))}# between`);
    const isMap = chance(0.55);
    const childIndent = isMap || chance(0.5) ? indent + 2 : indent + (prefix.startsWith('-') ? 2 : 0);
    collection(isMap, childIndent, depth + 1, out);
  }
  function collection(isMap: boolean, indent: number, depth: number, out: string[]): void {
    const count = 1 + Math.floor(random() * 4);
    for (let i = 0; i < count; i++) {
      if (isMap) {
        node(`${key()}:`, indent, depth, out);
      } else if (chance(0.3)) {
        // A mapping in the item: `- key: value` then its other keys under the first.
        const lines: string[] = [];
        collection(true, indent + 2, depth + 1, lines);
        lines[0] = `${' '.repeat(indent)}-${' '.repeat(1)}${lines[0].slice(indent + 2)}`;
        out.push(...lines);
      } else {
        node('-', indent, depth, out);
      }
    }
  }
  return {
    document(): string {
      anchors.length = 0;
      const out: string[] = [];
      if (chance(0.5)) out.push(chance(0.8) ? '---' : '--- # a document');
      collection(chance(0.8), 0, 0, out);
      return `${out.join('\n')}\n`;
    },
    /** A document of mappings (some in sequence items) whose values are mostly block scalars. */
    literals(): string {
      const out: string[] = [];
      const map = (indent: number, depth: number, dash: boolean) => {
        const count = 1 + Math.floor(random() * 3);
        for (let i = 0; i < count; i++) {
          const at = out.length;
          const name = pick(['a', 'name', 'k8s-app', 'kubectl.kubernetes.io/last-applied-configuration', 'script']);
          const roll = random();
          if (depth < 2 && roll < 0.25) {
            out.push(`${' '.repeat(indent)}${name}:`);
            map(indent + 2, depth + 1, false);
          } else if (depth < 2 && roll < 0.4) {
            out.push(`${' '.repeat(indent)}${name}:`);
            map(indent + 2, depth + 1, true);
          } else if (roll < 0.5) {
            out.push(`${' '.repeat(indent)}${name}: ${scalar()}`);
          } else {
            literal(`${name}:`, indent, out);
          }
          if (dash && i === 0) out[at] = `${' '.repeat(indent - 2)}- ${out[at].slice(indent)}`;
        }
      };
      map(0, 0, false);
      return `${out.join('\n')}\n`;
    },
    mutate(text: string): string {
      const at = Math.floor(random() * text.length);
      const roll = random();
      if (roll < 0.3) return text.slice(0, at) + text.slice(at + 1);
      if (roll < 0.7) {
        const c = pick([' ', '\t', ':', '-', '#', '"', "'", '&', '*', '{', '}', '[', ']', '\n', '\r', '!', '|', '>', '%', '?', ',', '\\', 'a', '0', '\u0001', '\uFEFF']);
        return text.slice(0, at) + c + text.slice(at);
      }
      const lines = text.split('\n');
      const i = Math.floor(random() * lines.length);
      if (roll < 0.8) lines.splice(i, 0, lines[i]);
      else if (roll < 0.9) lines[i] = ` ${lines[i]}`;
      else lines[i] = lines[i].replace(/^ {1,2}/, '');
      return lines.join('\n');
    },
  };
}

/** A List as `kubectl get -o yaml` writes it, of the given item lines (each item `- ...` at column 0). */
function kubectlList(items: readonly string[]): string {
  return ['apiVersion: v1', 'items:', ...items, 'kind: List', 'metadata:', '  resourceVersion: ""', ''].join('\n');
}

describe('the fast path reads what the full path reads', () => {
  test('on every committed YAML file, document by document', () => {
    const root = path.join(__dirname, '..', '..');
    const pending = [path.join(root, 'test'), path.join(root, 'examples')];
    let files = 0;
    let read = 0;
    while (pending.length > 0) {
      const dir = pending.pop()!;
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory() && entry.name !== 'node_modules' && entry.name !== 'dist') {pending.push(full);} else if (/\.ya?ml$/.test(entry.name)) {
          files++;
          const text = fs.readFileSync(full, 'utf8');
          agree(text);
          for (const part of text.split(/^(?=---)/m)) if (readBlockDocument(part, 0) !== undefined) read++;
        }
      }
    }
    expect(files).toBeGreaterThan(50);
    // Most committed documents are in the style the fast path reads.
    expect(read).toBeGreaterThan(150);
  });

  test('on 4,000 random documents in every block style', () => {
    const gen = generator(20261203);
    let read = 0;
    let literals = 0;
    for (let i = 0; i < 4000; i++) {
      const text = gen.document();
      if (!agree(text)) continue;
      read++;
      if (/: \|-?$/m.test(text)) literals++;
    }
    // The generator writes many documents the fast path gives back (tags, odd scalars), and many it reads.
    expect(read).toBeGreaterThan(700);
    expect(literals).toBeGreaterThan(10);
  });

  test('on 3,000 random documents of block scalars, and on as many broken at random', () => {
    const gen = generator(41);
    let read = 0;
    for (let i = 0; i < 3000; i++) {
      const text = gen.literals();
      if (agree(text) && /: \|-?$/m.test(text)) read++;
      agree(gen.mutate(text));
    }
    // Hundreds of them on the fast path (the others have a header, a line or an ending it gives back).
    expect(read).toBeGreaterThan(250);
  });

  test('on 6,000 of them broken at random: never accepted where the full path refuses, never read otherwise', () => {
    const gen = generator(7);
    let refused = 0;
    for (let i = 0; i < 6000; i++) {
      const text = gen.mutate(gen.document());
      if ('error' in outcome(text, false)) refused++;
      agree(text);
    }
    expect(refused).toBeGreaterThan(500);
  });

  test('documents of a file: fast and full paths mixed, indices, lines and readings kept', () => {
    const text = [
      'a: 0443', '---', 'b: !!str 0443', '---', '# only a comment', '---', 'c:', '  - on', '  - "x"', '...', '---', 'd: [1, 2]', '---', 'e: yes', '',
    ].join('\n');
    agree(text);
    const documents = readYaml(text, 'x.yaml');
    expect(documents.map((d) => d.documentIndex)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(documents.map((d) => d.value)).toEqual([{ a: 291 }, { b: '0443' }, null, { c: [true, 'x'] }, { d: [1, 2] }, { e: true }]);
    expect(documents[5].readings).toEqual([{ path: 'e', line: 14, column: 4, text: 'yes', kubectl: true, yaml12: 'yes', isKey: false }]);
  });

  test('a List as kubectl get -o yaml writes it (sequences at their key\'s column, quoted timestamps) is read on the fast path, alike', () => {
    const text = kubectlList([
      '- apiVersion: networking.k8s.io/v1',
      '  kind: NetworkPolicy',
      '  metadata:',
      '    creationTimestamp: "2026-11-30T10:00:00Z"',
      '    generation: 1',
      '    name: api-from-frontend',
      '    namespace: web',
      '    resourceVersion: "4242"',
      '    uid: 0c1d-22',
      '  spec:',
      '    ingress:',
      '    - from:',
      '      - podSelector:',
      '          matchLabels:',
      '            app: frontend',
      '      ports:',
      '      - port: 8080',
      '        protocol: TCP',
      '    podSelector:',
      '      matchLabels:',
      '        app: api',
      '    policyTypes:',
      '    - Ingress',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    labels:',
      '      app: api',
      '    name: api-1',
      '    namespace: web',
      '  spec:',
      '    containers:',
      '    - image: api:1',
      '      name: api',
      '      ports:',
      '      - containerPort: 8080',
      '        name: http',
      '        protocol: TCP',
      '  status:',
      '    podIP: 10.1.0.7',
      '- apiVersion: v1',
      '  kind: Pod',
      '  metadata:',
      '    labels:',
      '      app: frontend',
      '    name: frontend-1',
      '    namespace: web',
      '  spec:',
      '    containers:',
      '    - image: fe:1',
      '      name: fe',
      '  status:',
      '    podIP: 10.1.0.8',
    ]);
    expect(readBlockDocument(text, 0)).toBeDefined();
    agree(text);
    const [list] = readYaml(text, 'x.yaml');
    expect((list.value as any).items.map((i: any) => i.metadata.name)).toEqual(['api-from-frontend', 'api-1', 'frontend-1']);
    expect((list.value as any).items[0].spec.ingress[0].ports).toEqual([{ port: 8080, protocol: 'TCP' }]);
  });

  test('literal block scalars as kubectl writes last-applied-configuration are read on the fast path, alike', () => {
    const applied = '{"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"annotations":{},"name":"deny","namespace":"web"},"spec":{"podSelector":{}}}';
    const text = kubectlList([
      '- apiVersion: networking.k8s.io/v1',
      '  kind: NetworkPolicy',
      '  metadata:',
      '    annotations:',
      '      kubectl.kubernetes.io/last-applied-configuration: |',
      `        ${applied}`,
      '    name: deny',
      '    namespace: web',
      '  spec:',
      '    podSelector: {}',
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  data:',
      '    script: |-',
      '',
      '      # a comment, kept',
      '        indented: more',
      '',
      '      end',
      '',
      '',
      '  metadata:',
      '    name: script',
    ]);
    expect(readBlockDocument(text, 0)).toBeDefined();
    agree(text);
    const items = (readYaml(text, 'x.yaml')[0].value as any).items;
    expect(items[0].metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).toBe(`${applied}\n`);
    expect(items[0].metadata.name).toBe('deny');
    expect(items[1].data.script).toBe('\n# a comment, kept\n  indented: more\n\nend');
    expect(items[1].metadata.name).toBe('script');
  });

  test('keys met before are found again exactly: alike ones, ones read otherwise, __proto__', () => {
    const text = 'abc: 1\naxc: 2\nabc2: 3\n__proto__: 4\non: 5\nox: 6\n---\naxc: 7\nabc: 8\nox: 9\non: 10\n__proto__: 11\n';
    // Both documents on the fast path (`abc` and `axc` take the same place among the keys kept).
    agree(text);
    expect(readBlockDocument(text.slice(0, text.indexOf('---')), 0)).toBeDefined();
    expect(readBlockDocument(text.slice(text.indexOf('---')), 0)).toBeDefined();
    const [first, second] = readYaml(text, 'x.yaml');
    expect(Object.entries(first.value as object)).toEqual([['abc', 1], ['axc', 2], ['abc2', 3], ['__proto__', 4], ['true', 5], ['ox', 6]]);
    expect(Object.entries(second.value as object)).toEqual([['axc', 7], ['abc', 8], ['ox', 9], ['true', 10], ['__proto__', 11]]);
    // `on` is read as a boolean each time, so it is noted each time.
    expect(second.readings.map((r) => r.text)).toEqual(['on']);
  });

  test('an alias shares its anchor\'s value, as in the full path', () => {
    const text = 'spec:\n  selector:\n    matchLabels: &a1\n      app: web\n  template:\n    metadata:\n      labels: *a1\n';
    expect(readBlockDocument(text, 0)).toBeDefined();
    const [doc] = readYaml(text, 'x.yaml');
    const spec = (doc.value as any).spec;
    expect(spec.template.metadata.labels).toEqual({ app: 'web' });
    agree(text);
  });

  test('what it gives back: tabs, tags, other block scalars, multi-line scalars, flow collections, merges, duplicates', () => {
    for (const text of [
      'a:\tb\n', 'a: !!str 1\n', 'a: |+\n  x\n', 'a: |2\n   x\n', 'a: | # c\n  x\n', 'a: |\n', 'a: |\nb: 1\n', 'a: |\n  x', 'a: |\n  x\n   \n  y\n',
      '- |\n  x\n', `a: |\n${'\n'.repeat(70_000)}  x\n`, `a: |\n  ${'x'.repeat(70_000)}\n`, 'a: >\n  x\n', 'a: b\n  c\n', 'a: [1]\n', 'a: {b: 1}\n', '<<: {}\n', 'a: 1\na: 2\n',
      'a: "x\n  y"\n', '? a\n: b\n', 'a: &x 1\n', '%YAML 1.1\n---\na: 1\n', 'a: 1\r\n', '- - a\n', 'plain\n', '',
    ]) {
      expect([text, readBlockDocument(text, 0)]).toEqual([text, undefined]);
      agree(text);
    }
  });
});
