/**
 * Graphviz DOT text for a diagram view. Internal; reached through `Diagram.dot`.
 *
 * @module
 */
import { DiagramNode, DiagramView } from './diagram-view';

/**
 * A double-quoted DOT string. Graphviz reads HTML entities in labels (`&amp;` is drawn `&`), so `&` is
 * written as one to keep the text as it is.
 */
function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/&/g, '&amp;').replace(/\r?\n/g, '\\n')}"`;
}

function label(lines: readonly string[]): string {
  // Escape each line, then join with DOT's own line break.
  return `"${lines.map((line) => quote(line).slice(1, -1)).join('\\n')}"`;
}

function nodeAttributes(node: DiagramNode): string {
  const attributes: string[] = [`label=${label(node.lines)}`, `class=${quote(node.classes.join(' '))}`];
  if (node.kind === 'workload' || node.kind === 'representative' || node.kind === 'namespace') {
    // Ingress shows on the border (solid green when isolated, dashed red when open), egress on the fill.
    // A node a ClusterNetworkPolicy rule applies to is blue on that side.
    const tiered = (side: string) => node.classes.includes(`tiered-${side}`);
    attributes.push(tiered('ingress') ? 'style="rounded,filled,bold", color="#1565c0"' : node.ingress === 'isolated'
      ? 'style="rounded,filled,bold", color="#2e7d32"'
      : 'style="rounded,filled,dashed", color="#c62828"');
    attributes.push(`fillcolor=${tiered('egress') ? '"#e3f2fd"' : node.egress === 'isolated' ? '"#e8f5e9"' : '"#ffebee"'}`);
  } else {
    attributes.push(`shape=${node.kind === 'any' ? 'ellipse' : 'hexagon'}`, 'style=filled', 'color="#607d8b"', 'fillcolor="#eceff1"');
  }
  return attributes.join(', ');
}

export function renderDot(view: DiagramView): string {
  const lines: string[] = ['digraph netpol {'];
  for (const line of view.legend) lines.push(`  // ${line}`);
  if (view.title !== undefined) lines.push(`  label=${quote(view.title)};`, '  labelloc=t;');
  lines.push(
    '  rankdir=LR;',
    '  fontname="Helvetica";',
    '  node [shape=box, fontname="Helvetica", fontsize=11];',
    '  edge [fontname="Helvetica", fontsize=10];',
  );
  for (const ns of view.namespaces) {
    lines.push(`  subgraph cluster_${ns.id} {`, `    label=${quote(ns.title)};`);
    for (const node of ns.nodes) lines.push(`    ${node.id} [${nodeAttributes(node)}];`);
    lines.push('  }');
  }
  for (const node of [...view.namespaceNodes, ...view.externals]) lines.push(`  ${node.id} [${nodeAttributes(node)}];`);
  // Edges by the hundred thousand share a few labels: each quoted once.
  const labels = new Map<string, string>();
  for (const edge of view.edges) {
    let text = labels.get(edge.label);
    if (text === undefined) labels.set(edge.label, (text = quote(edge.label)));
    lines.push(`  ${edge.from} -> ${edge.to} [label=${text}];`);
  }
  lines.push('}');
  return `${lines.join('\n')}\n`;
}
