/**
 * Mermaid flowchart text for a diagram view. Internal; reached through `Diagram.mermaid`.
 *
 * @module
 */
import { DiagramNode, DiagramView } from './diagram-view';

/** Label text inside double quotes: Mermaid's entity codes for the characters that would end or change it. */
function text(value: string): string {
  // '#' first: the codes themselves start with it.
  return value.replace(/#/g, '#35;').replace(/&/g, '#amp;').replace(/"/g, '#quot;').replace(/</g, '#lt;').replace(/>/g, '#gt;');
}

function label(lines: readonly string[]): string {
  return `"${lines.map(text).join('<br/>')}"`;
}

function nodeLine(node: DiagramNode): string {
  // Workloads are boxes, address blocks hexagons, "any address" a circle.
  if (node.kind === 'any') return `${node.id}((${label(node.lines)}))`;
  if (node.kind === 'block') return `${node.id}{{${label(node.lines)}}}`;
  return `${node.id}[${label(node.lines)}]`;
}

const CLASS_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['isolated-ingress', 'stroke:#2e7d32,stroke-width:3px'],
  ['open-ingress', 'stroke:#c62828,stroke-width:2px,stroke-dasharray:6 4'],
  ['isolated-egress', 'fill:#e8f5e9'],
  ['open-egress', 'fill:#ffebee'],
  ['external', 'fill:#eceff1,stroke:#607d8b'],
];

/** Styles of the nodes a ClusterNetworkPolicy rule applies to: defined only in diagrams that have such nodes. */
const TIER_STYLES: ReadonlyArray<readonly [string, string]> = [
  ['tiered-ingress', 'stroke:#1565c0,stroke-width:3px'],
  ['tiered-egress', 'fill:#e3f2fd'],
  ['tiered-egress-networks', 'font-style:italic'],
];

export function renderMermaid(view: DiagramView): string {
  const lines: string[] = [];
  if (view.title !== undefined) lines.push('---', `title: ${JSON.stringify(view.title)}`, '---');
  lines.push('flowchart LR');
  for (const line of view.legend) lines.push(`  %% ${line}`);
  for (const ns of view.namespaces) {
    lines.push(`  subgraph ${ns.id}[${label([ns.title])}]`);
    for (const node of ns.nodes) lines.push(`    ${nodeLine(node)}`);
    lines.push('  end');
  }
  for (const node of [...view.namespaceNodes, ...view.externals]) lines.push(`  ${nodeLine(node)}`);
  // Edges by the hundred thousand share a few labels: each written once.
  const labels = new Map<string, string>();
  for (const edge of view.edges) {
    let written = labels.get(edge.label);
    if (written === undefined) labels.set(edge.label, (written = label([edge.label])));
    lines.push(`  ${edge.from} -->|${written}| ${edge.to}`);
  }
  const members = new Map<string, string[]>();
  for (const node of [...view.namespaces.flatMap((ns) => ns.nodes), ...view.namespaceNodes, ...view.externals]) {
    for (const name of node.classes) {
      const ids = members.get(name);
      if (ids) ids.push(node.id); else members.set(name, [node.id]);
    }
  }
  const styles = [...CLASS_STYLES, ...TIER_STYLES.filter(([name]) => members.has(name))];
  for (const [name, style] of styles) lines.push(`  classDef ${name} ${style}`);
  for (const [name] of styles) {
    const ids = members.get(name);
    if (ids) lines.push(`  class ${ids.join(',')} ${name}`);
  }
  return `${lines.join('\n')}\n`;
}
