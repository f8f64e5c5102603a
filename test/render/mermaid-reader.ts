/**
 * Reads back the Mermaid the diagram writes (only the statements it writes), so that tests can check
 * what a reader of the diagram would conclude against the evaluator.
 */
import { Protocol } from '../../src';

export interface ReadNode {
  readonly id: string;
  readonly shape: 'box' | 'circle' | 'hexagon';
  readonly lines: string[];
  readonly classes: string[];
  readonly namespace?: string;
}

export interface ReadEdge {
  readonly from: string;
  readonly to: string;
  readonly label: string;
}

export interface ReadDiagram {
  readonly nodes: Map<string, ReadNode>;
  readonly edges: ReadEdge[];
  readonly classDefs: Map<string, string>;
}

const ENTITIES: Record<string, string> = { '#quot;': '"', '#lt;': '<', '#gt;': '>', '#amp;': '&', '#35;': '#' };

function unescape(text: string): string {
  return text.replace(/#quot;|#lt;|#gt;|#amp;|#35;/g, (m) => ENTITIES[m]);
}

function lines(label: string): string[] {
  return label.split('<br/>').map(unescape);
}

const NODE = /^([A-Za-z][A-Za-z0-9_]*)(\(\("(.*)"\)\)|\{\{"(.*)"\}\}|\["(.*)"\])$/;
const EDGE = /^([A-Za-z][A-Za-z0-9_]*) -->\|"(.*)"\| ([A-Za-z][A-Za-z0-9_]*)$/;

export function readMermaid(text: string): ReadDiagram {
  const nodes = new Map<string, ReadNode>();
  const edges: ReadEdge[] = [];
  const classDefs = new Map<string, string>();
  const classes = new Map<string, string[]>();
  let namespace: string | undefined;
  const body = text.split('\n');
  for (const raw of body) {
    const line = raw.trim();
    if (line === '' || line.startsWith('%%') || line === 'flowchart LR' || line === '---' || line.startsWith('title:')) continue;
    let m: RegExpExecArray | null;
    if ((m = /^subgraph [A-Za-z][A-Za-z0-9_]*\["namespace (.*)"\]$/.exec(line))) {
      namespace = unescape(m[1]);
    } else if (line === 'end') {
      namespace = undefined;
    } else if ((m = EDGE.exec(line))) {
      edges.push({ from: m[1], to: m[3], label: unescape(m[2]) });
    } else if ((m = /^classDef (\S+) (\S.*)$/.exec(line))) {
      classDefs.set(m[1], m[2]);
    } else if ((m = /^class (\S+) (\S+)$/.exec(line))) {
      for (const id of m[1].split(',')) classes.set(id, [...(classes.get(id) ?? []), m[2]]);
    } else if ((m = NODE.exec(line))) {
      const shape = m[3] !== undefined ? 'circle' : m[4] !== undefined ? 'hexagon' : 'box';
      nodes.set(m[1], { id: m[1], shape, lines: lines(m[3] ?? m[4] ?? m[5]), classes: [], namespace });
    } else {
      throw new Error(`unexpected Mermaid line: ${raw}`);
    }
  }
  for (const [id, names] of classes) {
    const node = nodes.get(id);
    if (!node) throw new Error(`class for an unknown node ${id}`);
    node.classes.push(...names);
  }
  for (const edge of edges) {
    if (!nodes.has(edge.from) || !nodes.has(edge.to)) throw new Error(`edge between unknown nodes: ${edge.from} -> ${edge.to}`);
  }
  return { nodes, edges, classDefs };
}

/** Whether an edge label (`TCP 53, UDP 53`, `all TCP`, `all ports`) covers a port. */
export function labelCovers(label: string, protocol: Protocol, port: number): boolean {
  if (label === 'all ports') return true;
  return label.split(', ').some((part) => {
    if (part === `all ${protocol}` || part === `${protocol} ${port}`) return true;
    const range = new RegExp(`^${protocol} (\\d+)-(\\d+)$`).exec(part);
    return range !== null && Number(range[1]) <= port && port <= Number(range[2]);
  });
}

/** The nodes (id, label lines, classes) and edges of the DOT the diagram writes, to compare with its Mermaid. */
export function readDot(text: string): { nodes: Map<string, { lines: string[]; classes: string[]; cluster?: string }>; edges: ReadEdge[] } {
  const nodes = new Map<string, { lines: string[]; classes: string[]; cluster?: string }>();
  const edges: ReadEdge[] = [];
  const unquote = (s: string) => s.replace(/\\(["\\])/g, '$1').replace(/&amp;/g, '&');
  let cluster: string | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    let m: RegExpExecArray | null;
    if ((m = /^subgraph (cluster_[A-Za-z0-9_]+) \{$/.exec(line))) {
      cluster = m[1];
    } else if (line === '}') {
      cluster = undefined;
    } else if ((m = /^([A-Za-z][A-Za-z0-9_]*) -> ([A-Za-z][A-Za-z0-9_]*) \[label="((?:[^"\\]|\\.)*)"\];$/.exec(line))) {
      edges.push({ from: m[1], to: m[2], label: unquote(m[3]) });
    } else if ((m = /^([A-Za-z][A-Za-z0-9_]*) \[label="((?:[^"\\]|\\.)*)", class="([^"]*)"/.exec(line))) {
      nodes.set(m[1], { lines: m[2].split('\\n').map(unquote), classes: m[3].split(' '), cluster });
    }
  }
  return { nodes, edges };
}
