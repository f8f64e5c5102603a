// Checks the diagrams written by verify-diagrams.ts with the real tools (run by verify-diagrams.sh):
// - every DOT file renders to SVG with Graphviz `dot`, with one SVG node per expected node (its id,
//   label lines and classes), one edge per expected edge (with its label) and one cluster per namespace;
// - every Mermaid file parses with the real mermaid library (under jsdom), and mermaid's own model of
//   it has exactly the expected nodes (shape, label, classes), subgraphs, edges (with labels) and classes.
//
// Usage: node verify-diagrams.mjs DIAGRAM_DIR TOOLS_DIR   (TOOLS_DIR holds node_modules/mermaid and jsdom)
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

const [dir, tools] = process.argv.slice(2);
if (!dir || !tools) {
  console.error('usage: verify-diagrams.mjs DIAGRAM_DIR TOOLS_DIR');
  process.exit(2);
}
const toolRequire = createRequire(path.join(path.resolve(tools), 'package.json'));
const { JSDOM } = toolRequire('jsdom');
const dom = new JSDOM('<!doctype html><html><body></body></html>', { pretendToBeVisual: true });
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import(pathToFileURL(toolRequire.resolve('mermaid')).href);
mermaid.initialize({ startOnLoad: false });

const failures = [];
const check = (file, what, actual, expected) => {
  const a = JSON.stringify(actual);
  const e = JSON.stringify(expected);
  if (a !== e) failures.push(`${file}: ${what}\n    mermaid/graphviz: ${a}\n    expected:         ${e}`);
};

// Mermaid keeps `#name;` and `#35;` codes as placeholders in its model and decodes them when drawing.
const NAMED = { quot: '"', lt: '<', gt: '>', amp: '&' };
const decode = (text) => text
  .replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, (_, code) => String.fromCharCode(Number(code)))
  .replace(/\ufb02\u00b0(\w+)\u00b6\u00df/g, (_, name) => NAMED[name] ?? `&${name};`);
const SHAPES = { square: 'box', circle: 'circle', hexagon: 'hexagon' };
const byId = (a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
const byEdge = (a, b) => `${a.from} ${a.to}`.localeCompare(`${b.from} ${b.to}`);

// Graphviz escapes text in SVG as XML.
const xml = (text) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const svgText = (text) => text.replace(/&#45;/g, '-').replace(/&#160;/g, ' ');

const cases = fs.readdirSync(dir).filter((f) => f.endsWith('.expect.json')).map((f) => f.slice(0, -'.expect.json'.length)).sort();
for (const name of cases) {
  const expected = JSON.parse(fs.readFileSync(path.join(dir, `${name}.expect.json`), 'utf8'));
  const nodes = [...expected.nodes].sort(byId);
  const edges = [...expected.edges].sort(byEdge);
  const namespaces = [...new Set(nodes.map((n) => n.namespace).filter((n) => n !== null))];

  // --- DOT through Graphviz
  const dotFile = `${name}.dot`;
  let svg;
  try {
    svg = execFileSync('dot', ['-Tsvg', path.join(dir, dotFile)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    fs.writeFileSync(path.join(dir, `${name}.svg`), svg);
  } catch (e) {
    failures.push(`${dotFile}: dot -Tsvg failed: ${e.stderr || e.message}`);
  }
  if (svg) {
    const svgNodes = [...svg.matchAll(/<g id="node\d+" class="node([^"]*)">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)]
      .map((m) => ({ id: svgText(m[2]), classes: svgText(m[1]).trim().split(/\s+/).filter(Boolean), text: [...m[3].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => svgText(t[1])) }))
      .sort(byId);
    check(dotFile, 'SVG nodes (id, classes, label lines)', svgNodes, nodes.map((n) => ({ id: n.id, classes: n.classes, text: n.lines.map(xml) })));
    const svgEdges = [...svg.matchAll(/<g id="edge\d+" class="edge">\s*<title>([^<]*)<\/title>([\s\S]*?)<\/g>/g)]
      .map((m) => {
        const [from, to] = svgText(m[1]).split('&#45;&gt;').length === 2 ? svgText(m[1]).split('&#45;&gt;') : svgText(m[1]).split('-&gt;');
        return { from, to, label: [...m[2].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((t) => svgText(t[1])).join(' ') };
      })
      .sort(byEdge);
    check(dotFile, 'SVG edges (from, to, label)', svgEdges, edges.map((e) => ({ from: e.from, to: e.to, label: xml(e.label) })));
    const clusters = [...svg.matchAll(/<g id="clust\d+" class="cluster">[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)].map((m) => svgText(m[1])).sort();
    check(dotFile, 'SVG clusters', clusters, namespaces.map((ns) => xml(`namespace ${ns}`)).sort());
  }

  // --- Mermaid through the mermaid parser
  const mmdFile = `${name}.mmd`;
  const text = fs.readFileSync(path.join(dir, mmdFile), 'utf8');
  let diagram;
  try {
    await mermaid.parse(text);
    diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  } catch (e) {
    failures.push(`${mmdFile}: mermaid cannot parse it: ${e.message}`);
    continue;
  }
  const db = diagram.db;
  check(mmdFile, 'diagram type', diagram.type, 'flowchart-v2');
  const vertices = [...db.getVertices().values()]
    .map((v) => ({ id: v.id, shape: SHAPES[v.type] ?? v.type, lines: decode(v.text).split('<br>'), classes: v.classes }))
    .sort(byId);
  check(mmdFile, 'nodes (id, shape, label lines, classes)', vertices, nodes.map((n) => ({ id: n.id, shape: n.shape, lines: n.lines, classes: n.classes })));
  const mEdges = db.getEdges().map((e) => ({ from: e.start, to: e.end, label: decode(e.text) })).sort(byEdge);
  check(mmdFile, 'edges (from, to, label)', mEdges, edges.map((e) => ({ from: e.from, to: e.to, label: e.label })));
  const subgraphs = db.getSubGraphs().map((s) => ({ title: decode(s.title), nodes: [...s.nodes].sort() }))
    .sort((a, b) => a.title.localeCompare(b.title));
  check(mmdFile, 'subgraphs (namespace title, members)', subgraphs, namespaces.map((ns) => ({
    title: `namespace ${ns}`,
    nodes: nodes.filter((n) => n.namespace === ns).map((n) => n.id).sort(),
  })).sort((a, b) => a.title.localeCompare(b.title)));
  const classes = Object.fromEntries([...db.getClasses().entries()].map(([k, c]) => [k, c.styles.join(',')]));
  check(mmdFile, 'class definitions', classes, expected.classDefs);
}

if (failures.length > 0) {
  console.error(`${failures.length} problem(s):\n${failures.join('\n')}`);
  process.exit(1);
}
console.log(`ok: ${cases.length} diagrams; every DOT file renders with Graphviz and every Mermaid file parses with mermaid ${toolRequire('mermaid/package.json').version}, with the expected nodes, classes, subgraphs and edges`);
