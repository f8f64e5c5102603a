/**
 * From an evaluator and options to diagram text. Internal: the CLI uses it with the evaluator it
 * already built; `Diagram` is the public face.
 *
 * @module
 */
import { diagramView } from './diagram-view';
import { renderDot } from './dot';
import { flowsOf, PortKey } from './flow-graph';
import { FlowPort } from './flow-port';
import { renderMermaid } from './mermaid';
import { checkProtocolAndPort, Evaluator } from '../analysis/evaluator';
import { Protocol } from '../protocol';

export type DiagramFormat = 'mermaid' | 'dot';

export interface DiagramSettings {
  readonly ports?: readonly FlowPort[];
  readonly namespaces?: readonly string[];
  readonly title?: string;
}

/** Checks given ports (1-65535, TCP/UDP/SCTP) and removes duplicates; undefined when none are given. */
export function readPorts(ports: readonly FlowPort[] | undefined): PortKey[] | undefined {
  if (ports === undefined) return undefined;
  const seen = new Map<string, PortKey>();
  for (const p of ports) {
    const protocol = p.protocol ?? Protocol.TCP;
    checkProtocolAndPort(protocol, p.port);
    seen.set(`${p.port}/${protocol}`, { protocol, port: p.port });
  }
  return [...seen.values()];
}

export function renderDiagram(evaluator: Evaluator, format: DiagramFormat, settings: DiagramSettings = {}): string {
  const graph = flowsOf(evaluator, settings.namespaces, readPorts(settings.ports));
  const view = diagramView(graph, settings.title);
  return format === 'dot' ? renderDot(view) : renderMermaid(view);
}
