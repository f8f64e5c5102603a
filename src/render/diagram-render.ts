/**
 * From an evaluator and options to diagram text. Internal: the CLI uses it with the evaluator it
 * already built; `Diagram` is the public face.
 *
 * @module
 */
import { diagramView } from './diagram-view';
import { renderDot } from './dot';
import { renderMermaid } from './mermaid';
import { Evaluator } from '../analysis/evaluator';
import { flowsOf, readPorts } from '../analysis/flows';
import { Port } from '../ports';

export type DiagramFormat = 'mermaid' | 'dot';

export interface DiagramSettings {
  readonly ports?: readonly Port[];
  readonly namespaces?: readonly string[];
  readonly title?: string;
}

export function renderDiagram(evaluator: Evaluator, format: DiagramFormat, settings: DiagramSettings = {}): string {
  const graph = flowsOf(evaluator, settings.namespaces, readPorts(settings.ports, 'Diagram'));
  const view = diagramView(graph, settings.title);
  return format === 'dot' ? renderDot(view) : renderMermaid(view);
}
