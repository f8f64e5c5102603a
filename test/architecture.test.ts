/**
 * The layers of src/, checked on the file-level import graph: every relative `import ... from`,
 * `export ... from` and `require()` of a file under src/ that is there at run time (`import type` and
 * `export type` are left out: they are erased), resolved to the file it names.
 *
 *   constructs (intents/, cluster/, root files: network-policy, selectors, peers, ports, ...) -> validation/ -> net/
 *   ingest/ -> analysis/ ; lint/ (rules on analysis) ; render/ (one formatter file per output format)
 *   diff/ (flows of two models) ; cli/ (argument parsing and output only)
 */
import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';

const SRC = path.join(__dirname, '..', 'src');

interface Edge {
  /** Paths relative to src/, with forward slashes. */
  readonly from: string;
  readonly to: string;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  }).sort();
}

function relative(file: string): string {
  return path.relative(SRC, file).split(path.sep).join('/');
}

/** Whether an import brings in values: not `import type`, and not only `{ type A, type B }`. */
function importsValues(clause: ts.ImportClause | undefined): boolean {
  if (clause === undefined) return true; // `import './x'`: run for its effects
  if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return false;
  if (clause.name !== undefined) return true;
  const bindings = clause.namedBindings;
  if (bindings === undefined || ts.isNamespaceImport(bindings)) return true;
  return bindings.elements.length === 0 || bindings.elements.some((e) => !e.isTypeOnly);
}

function exportsValues(declaration: ts.ExportDeclaration): boolean {
  if (declaration.isTypeOnly) return false;
  const clause = declaration.exportClause;
  if (clause === undefined || ts.isNamespaceExport(clause)) return true;
  return clause.elements.length === 0 || clause.elements.some((e) => !e.isTypeOnly);
}

/** The relative module specifiers a file needs at run time. */
function runtimeSpecifiers(file: string): string[] {
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const specifiers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
      if (importsValues(node.importClause)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      if (exportsValues(node)) specifiers.push(node.moduleSpecifier.text);
    } else if (ts.isImportEqualsDeclaration(node) && !node.isTypeOnly && ts.isExternalModuleReference(node.moduleReference)
      && ts.isStringLiteral(node.moduleReference.expression)) {
      specifiers.push(node.moduleReference.expression.text);
    } else if (ts.isCallExpression(node) && node.arguments.length === 1 && ts.isStringLiteral(node.arguments[0])
      && ((ts.isIdentifier(node.expression) && node.expression.text === 'require') || node.expression.kind === ts.SyntaxKind.ImportKeyword)) {
      specifiers.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return specifiers.filter((s) => s.startsWith('.'));
}

function resolve(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  const candidates = [base, `${base}.ts`, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  return candidates.find((c) => fs.existsSync(c) && fs.statSync(c).isFile());
}

function importGraph(): { files: string[]; edges: Edge[]; unresolved: string[] } {
  const files = sourceFiles(SRC);
  const edges: Edge[] = [];
  const unresolved: string[] = [];
  for (const file of files) {
    for (const specifier of runtimeSpecifiers(file)) {
      const target = resolve(file, specifier);
      if (target === undefined) unresolved.push(`${relative(file)}: '${specifier}'`);
      else if (target.endsWith('.ts')) edges.push({ from: relative(file), to: relative(target) });
    }
  }
  return { files: files.map(relative), edges, unresolved };
}

/** The strongly connected components with more than one file, or one file importing itself (Tarjan). */
function cycles(files: readonly string[], edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>(files.map((f) => [f, []]));
  for (const e of edges) next.get(e.from)!.push(e.to);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let counter = 0;
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter);
    counter++;
    stack.push(v);
    onStack.add(v);
    for (const w of next.get(v) ?? []) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (next.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const f of files) if (!index.has(f)) connect(f);
  return found;
}

/** A shortest way from `start` back to itself through files of `members`. */
function loop(start: string, edges: readonly Edge[], members: ReadonlySet<string>): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let k = 0; k < queue.length; k++) {
    const v = queue[k];
    for (const e of edges) {
      if (e.from !== v || !members.has(e.to)) continue;
      if (e.to === start) {
        const way = [v];
        while (way[0] !== start) way.unshift(previous.get(way[0])!);
        return [...way, start];
      }
      if (!previous.has(e.to)) {
        previous.set(e.to, v);
        queue.push(e.to);
      }
    }
  }
  return [start];
}

/** `analysis` for `analysis/matrix.ts`; `.` for a file directly under src/. */
function folderOf(file: string): string {
  const slash = file.indexOf('/');
  return slash < 0 ? '.' : file.slice(0, slash);
}

/** A file directly under src/ other than the barrel: a construct or a value (selectors, peers, ports, severity, ...). */
function isRootFile(file: string): boolean {
  return folderOf(file) === '.' && file !== 'index.ts';
}

interface FolderRule {
  readonly name: string;
  /** Whether the edge breaks the rule. */
  readonly breaks: (edge: Edge) => boolean;
}

const RULES: FolderRule[] = [
  {
    name: 'render/ imports only render/, analysis/, net/ and root value files',
    breaks: ({ from, to }) => folderOf(from) === 'render'
      && !(['render', 'analysis', 'net'].includes(folderOf(to)) || isRootFile(to)),
  },
  {
    name: 'diff/ imports no render/ but the diff-* formatters, no cli/, no lint/',
    breaks: ({ from, to }) => folderOf(from) === 'diff'
      && ((folderOf(to) === 'render' && !/^render\/diff-[^/]+\.ts$/.test(to)) || ['cli', 'lint'].includes(folderOf(to))),
  },
  {
    name: 'analysis/ imports no cli/, lint/, diff/, intents/, cluster/, plugin/, testing/',
    breaks: ({ from, to }) => folderOf(from) === 'analysis'
      && ['cli', 'lint', 'diff', 'intents', 'cluster', 'plugin', 'testing'].includes(folderOf(to)),
  },
  {
    name: 'only cli/ imports cli/',
    breaks: ({ from, to }) => folderOf(to) === 'cli' && folderOf(from) !== 'cli',
  },
  {
    name: 'intents/ and root construct files import no analysis/',
    breaks: ({ from, to }) => (folderOf(from) === 'intents' || isRootFile(from)) && folderOf(to) === 'analysis',
  },
];

describe('the import graph of src/', () => {
  const graph = importGraph();

  test('is read: every relative import resolves, and there are files and edges', () => {
    expect(graph.unresolved).toEqual([]);
    expect(graph.files.length).toBeGreaterThan(50);
    expect(graph.edges.length).toBeGreaterThan(100);
    // The reader sees multi-line imports, `export ... from` and lazy `require()`.
    expect(graph.edges).toContainEqual({ from: 'index.ts', to: 'analysis/index.ts' });
    expect(graph.edges).toContainEqual({ from: 'cli/main.ts', to: 'cli/commands/check.ts' });
  });

  test('has no cycle between files', () => {
    const found = cycles(graph.files, graph.edges).map((component) => {
      const members = new Set(component);
      const inside = graph.edges.filter((e) => members.has(e.from) && members.has(e.to)).map((e) => `${e.from} -> ${e.to}`);
      return `cycle of ${component.length} file(s): ${loop(component[0], graph.edges, members).join(' -> ')}\n`
        + `  its imports:\n    ${inside.join('\n    ')}`;
    });
    if (found.length > 0) throw new Error(`import cycles in src/:\n${found.join('\n')}`);
  });

  test.each(RULES.map((rule) => [rule.name, rule] as const))('%s', (_name, rule) => {
    const offending = graph.edges.filter(rule.breaks).map((e) => `${e.from} -> ${e.to}`);
    if (offending.length > 0) throw new Error(`${rule.name}; offending imports:\n  ${offending.join('\n  ')}`);
  });
});
